"""Moving through the articles: shared passages and conflicts, partners, linked scrolling."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from nkdesk.analysis.model import Conflict, Span
from nkdesk.corpus import Corpus
from nkdesk.ui.actions import MAX_PANE_SHORTCUTS
from nkdesk.ui.controller import Controller

if TYPE_CHECKING:
    from nkdesk.ui.main_window import MainWindow

STATUS_MESSAGE_MS = 4000
PANE_TITLE_CHARS = 50


class Navigator(Controller):
    """The Go menu, the panes' Enter and double-click, the docks' choices, and the
    panes that scroll together: each shows passages of the window's ``passages``."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._linking = False

    def _say(self, text: str) -> None:
        self.window.statusBar().showMessage(text, STATUS_MESSAGE_MS)

    def _step(self, kind: Literal["shared", "conflict"], forward: bool) -> None:
        window = self.window
        if not window.panes:
            return
        pane = window.panes[window.current_pane]
        passages = window.passages.get(pane.document.id)
        if passages is None:
            self._say("Still comparing the articles…")
            return
        span = passages.step(kind, pane.view.caret(), forward)
        if span is None:
            self._say(
                f"No {'shared passages' if kind == 'shared' else 'conflicts'} in this article"
            )
            return
        pane.view.move_caret(span.start)
        pane.view.scroll_to(span.start)
        self.set_current({pane.document.id: span})
        pane.flash(span)
        spans = passages.stops if kind == "shared" else passages.conflicts
        noun = "Shared passage" if kind == "shared" else "Conflict"
        self._say(f"{noun} {spans.index(span) + 1} of {len(spans)} in this article")

    def set_current(self, spans: dict[str, Span]) -> None:
        """Make these the current items, one per pane at most; the others have none."""
        for pane in self.window.panes:
            pane.set_current(spans.get(pane.document.id))

    def on_go_next_shared_triggered(self) -> None:
        self._step("shared", forward=True)

    def on_go_previous_shared_triggered(self) -> None:
        self._step("shared", forward=False)

    def on_go_next_conflict_triggered(self) -> None:
        self._step("conflict", forward=True)

    def on_go_previous_conflict_triggered(self) -> None:
        self._step("conflict", forward=False)

    def on_go_partners_triggered(self) -> None:
        window = self.window
        if window.panes:
            pane = window.panes[window.current_pane]
            if pane.view.selection() is not None:
                # Enter on a selection tags it (as T does); at a bare caret it
                # still shows the partners.
                window.tagger.on_tags_quick_tag_triggered()
                return
            self.show_partners(pane.document.id, pane.view.caret())

    def on_pane_activated(self, doc_id: str, position: int) -> None:
        self.show_partners(doc_id, position)

    def show_partners(self, doc_id: str, position: int) -> dict[str, Span]:
        """Scroll every other pane to the passage matching ``position`` and flash it."""
        window = self.window
        passages = window.passages.get(doc_id)
        partners = passages.partners(position) if passages else {}
        for other, span in partners.items():
            pane = window.pane(other)
            if pane is not None:
                pane.view.scroll_to(span.start)
                pane.flash(span)
        if partners:
            self._say(f"Shown in {len(partners)} other article{'s' if len(partners) > 1 else ''}")
        window.partners_shown.emit(partners)
        return partners

    def show_passage(self, span: Span) -> None:
        """Put a pane's caret on a passage, scroll it into view and flash it."""
        pane = self.window.pane(span.doc)
        if pane is not None:
            pane.view.move_caret(span.start)
            pane.view.scroll_to(span.start)
            pane.flash(span)

    def on_conflicts_table_conflict_chosen(self, conflict: Conflict) -> None:
        for fact in (conflict.a, conflict.b):
            self.show_passage(fact.span)
        self.set_current({fact.doc: fact.span for fact in (conflict.a, conflict.b)})
        analysis = self.window.analysis
        conflicts = analysis.comparison.conflicts if analysis else ()
        if conflict in conflicts:
            self._say(
                f"Conflict {conflicts.index(conflict) + 1} of {len(conflicts)}: {conflict.why}"
            )

    def on_matrix_table_passage_chosen(self, span: Span) -> None:
        self.show_passage(span)

    def on_matrix_table_claim_chosen(self, spans: list[Span]) -> None:
        for span in spans:
            self.show_passage(span)

    def on_pane_scrolled(self, doc_id: str) -> None:
        # Only the analyst's pane leads: the panes it moves must not lead in
        # turn (they would pull it back to their own partner passages).
        window = self.window
        if self._linking or not window.actions_by_id["view.linked_scrolling"].isChecked():
            return
        if window.panes and window.panes[window.current_pane].document.id == doc_id:
            self.link_panes(doc_id)

    def link_panes(self, doc_id: str) -> dict[str, Span]:
        """Line the other panes up on the partners of the passage at the top of one.

        Each partner's first line lands level with the passage's own; panes
        with no partner stay where they are.
        """
        window = self.window
        pane, passages = window.pane(doc_id), window.passages.get(doc_id)
        if pane is None or passages is None:
            return {}
        top, bottom = pane.view.visible_range()
        passage = passages.passage_at(top, bottom)
        if passage is None:
            return {}
        y = pane.view.y_of(passage.start)
        partners = passages.partners(passage.start)
        self._linking = True
        try:
            for other, span in partners.items():
                other_pane = window.pane(other)
                if other_pane is not None:
                    other_pane.view.scroll_to(span.start, y)
        finally:
            self._linking = False
        return partners

    def on_view_linked_scrolling_triggered(self, checked: bool) -> None:
        window = self.window
        if checked and window.panes:
            self.link_panes(window.panes[window.current_pane].document.id)

    def label_pane_actions(self, corpus: Corpus) -> None:
        # The Window menu lists the panes there are, by article (it listed
        # Pane 6-9 with five open); a hidden action's key does nothing.
        for n in range(1, MAX_PANE_SHORTCUTS + 1):
            action = self.window.actions_by_id[f"window.pane_{n}"]
            shown = n <= len(corpus.documents)
            action.setVisible(shown)
            action.setEnabled(shown)
            if shown:
                title = corpus.documents[n - 1].title
                short = (
                    title if len(title) <= PANE_TITLE_CHARS else title[: PANE_TITLE_CHARS - 1] + "…"
                )
                action.setText(f"Pane &{n}: {short.replace('&', '&&')}")

    def on_window_next_pane_triggered(self) -> None:
        window = self.window
        if window.panes:
            window.focus_pane((window.current_pane + 1) % len(window.panes))

    def on_window_previous_pane_triggered(self) -> None:
        window = self.window
        if window.panes:
            window.focus_pane((window.current_pane - 1) % len(window.panes))
