"""Edit > Find: every match marked in every pane, F3 from one to the next."""

from __future__ import annotations

from typing import TYPE_CHECKING

from nkdesk.ui.controller import Controller
from nkdesk.ui.search import Matches

if TYPE_CHECKING:
    from nkdesk.ui.main_window import MainWindow


class Finder(Controller):
    """The find bar's queries over the articles shown, and the match that is current."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.matches = Matches((), "")
        self.match_index: int | None = None
        bar = window.find_bar
        bar.query_changed.connect(self.on_find_bar_query_changed)
        bar.step_requested.connect(self.on_find_bar_step_requested)
        bar.closed.connect(self.on_find_bar_closed)

    def on_edit_find_triggered(self) -> None:
        self.window.find_bar.open()
        self.search(self.window.find_bar.query)

    def on_edit_find_next_triggered(self) -> None:
        self._find_step(forward=True)

    def on_edit_find_previous_triggered(self) -> None:
        self._find_step(forward=False)

    def on_find_bar_query_changed(self, query: str) -> None:
        self.search(query)

    def on_find_bar_step_requested(self, forward: bool) -> None:
        self._find_step(forward)

    def _find_step(self, forward: bool) -> None:
        bar = self.window.find_bar
        if not bar.isVisible():
            # As in browsers: F3 with the bar closed reopens it on the last
            # query and goes on from the caret.
            bar.open()
            self.search(bar.query, after_caret=forward)
            return
        self.match_index = self.matches.step(self.match_index, forward)
        self._show_matches()

    def search(self, query: str, *, after_caret: bool = False) -> None:
        """Mark every match in every pane and go to the first from the caret on."""
        window = self.window
        self.matches = Matches(window.corpus.documents, query, literal=window.find_bar.literal)
        self.match_index = None
        if window.panes:
            pane = window.panes[window.current_pane]
            start = pane.view.caret() + (1 if after_caret else 0)
            self.match_index = self.matches.first_from(pane.document.id, start)
        self._show_matches()

    def _show_matches(self) -> None:
        window = self.window
        current = self.matches.spans[self.match_index] if self.match_index is not None else None
        for index, pane in enumerate(window.panes):
            pane.set_found(self.matches.in_document(pane.document.id), current)
            if current is not None and current.doc == pane.document.id:
                window.current_pane = index
                pane.view.move_caret(current.start)
                if not pane.view.is_visible(current.start):
                    pane.view.scroll_to(current.start)
        summary = self.matches.summary()
        position = f"{self.match_index + 1} of {len(self.matches)}" if current else ""
        window.find_bar.set_position(position)
        if summary:
            window.statusBar().showMessage(summary)
        else:
            window.statusBar().clearMessage()
        window.find_updated.emit(summary)

    def on_find_bar_closed(self) -> None:
        window = self.window
        for pane in window.panes:
            pane.set_found([])
        window.statusBar().clearMessage()
        window.focus_pane(window.current_pane)
        window.find_updated.emit("")
