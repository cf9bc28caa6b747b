"""A JSON snapshot of the window's state in a file, rewritten on every change.

Enabled by ``NKDESK_DEBUG_STATE=path`` (see ``nkdesk.ui.app``). The end-to-end
tests drive the real app with xdotool and cannot ask Qt where things are;
this file tells them (which pane has focus, where its caret is on the screen,
what the find bar says) and when the highlights were applied and first
painted, for the launch benchmark. Times are ``time.time()`` seconds, so a
test can compare them with its own clock.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, QRect, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from nkdesk.ui.main_window import MainWindow


def _rect(widget: QWidget, rect: QRect | None = None) -> dict[str, int]:
    """A rectangle in a widget, or the widget itself, in global screen pixels."""
    rect = rect if rect is not None else widget.rect()
    origin = widget.mapToGlobal(rect.topLeft())
    return {"x": origin.x(), "y": origin.y(), "width": rect.width(), "height": rect.height()}


class DebugState(QObject):
    """Writes ``MainWindow``'s state to ``path`` (atomically) whenever it changes."""

    def __init__(self, window: MainWindow, path: str | os.PathLike[str]) -> None:
        super().__init__(window)
        self.window = window
        self.path = Path(path)
        self.started_at = time.time()
        self.highlights_applied_at: float | None = None
        self.highlights_painted_at: float | None = None
        # The first paint of the first pane at all: the articles on the screen.
        self.first_painted_at: float | None = None
        self.partners: dict[str, list[int]] = {}
        self.find_summary = ""
        self.events: list[str] = []
        # Many changes arrive in one burst (a click moves a caret, scrolls
        # and flashes four panes): write once, after the burst.
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.write)

        window.analysed.connect(self.on_window_analysed)
        window.analysis_stopped.connect(lambda: self._note("analysis_stopped"))
        window.analysis_failed.connect(lambda _message: self._note("analysis_failed"))
        window.partners_shown.connect(self.on_window_partners_shown)
        window.find_updated.connect(self.on_window_find_updated)
        window.corpus_shown.connect(self.on_window_corpus_shown)
        window.zoomed.connect(self.schedule)
        window.tags_changed.connect(self.schedule)
        window.popup_toggled.connect(self.schedule)
        window.tag_file.opened.connect(self.schedule)
        window.actions_by_id["view.linked_scrolling"].toggled.connect(self.schedule)
        window.installEventFilter(self)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self.schedule)
        if window.panes:
            window.panes[0].view.viewport().installEventFilter(self)
        self.on_window_corpus_shown()

    def on_window_corpus_shown(self) -> None:
        for pane in self.window.panes:
            pane.view.cursorPositionChanged.connect(self.schedule)
            pane.view.selectionChanged.connect(self.schedule)
            pane.view.released.connect(self.schedule)
            pane.scrolled.connect(self.schedule)
        self.schedule()

    def on_window_analysed(self) -> None:
        self.highlights_applied_at = time.time()
        self.highlights_painted_at = None
        if self.window.panes:
            viewport = self.window.panes[0].view.viewport()
            viewport.installEventFilter(self)
            # The highlights arrive in slices, the first pane's first: it may
            # have painted them already. One more paint, seen here, says they
            # are on the screen (a little later than they were, never earlier).
            viewport.update()
        self._note("analysed")

    def on_window_partners_shown(self, partners: dict[str, Any]) -> None:
        self.partners = {doc: [span.start, span.end] for doc, span in partners.items()}
        self._note("partners_shown")

    def on_window_find_updated(self, summary: str) -> None:
        self.find_summary = summary
        self.schedule()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Paint and watched is not self.window:
            now = time.time()
            if self.first_painted_at is None:
                self.first_painted_at = now  # the articles are on the screen
            if self.highlights_applied_at is not None and self.highlights_painted_at is None:
                # The first paint of the first pane after the highlights were
                # applied: the moment the analyst can see them.
                self.highlights_painted_at = now
                watched.removeEventFilter(self)
            self.schedule()
        elif watched is self.window and kind in (QEvent.Type.Move, QEvent.Type.Resize):
            self.schedule()
        return False

    def _note(self, event: str) -> None:
        self.events.append(event)
        self.schedule()

    def schedule(self, *_args: object) -> None:
        if not self._timer.isActive():
            self._timer.start()

    def state(self) -> dict[str, Any]:
        window = self.window
        focused = QApplication.focusWidget()
        panes = []
        focused_pane = None
        for index, pane in enumerate(window.panes):
            view = pane.view
            if focused is view:
                focused_pane = index
            top, bottom = view.visible_range()
            selection = view.selection()
            panes.append(
                {
                    "doc": pane.document.id,
                    "caret": view.caret(),
                    "caret_rect": _rect(view.viewport(), view.cursorRect()),
                    # The first visible line's start: where a test may begin a drag.
                    "top_rect": _rect(view.viewport(), view.cursorRect(view.cursor_for(top))),
                    "viewport": _rect(view.viewport()),
                    "visible": [top, bottom],
                    "selection": list(selection) if selection else None,
                    # Mid-drag, the selection is not yet snapped to words.
                    "dragging": view.dragging,
                    "marks": len(pane.marks),
                    "tag_marks": len(view.tag_marks),
                    "found": len(pane.found),
                }
            )
        return {
            "pid": os.getpid(),
            "written_at": time.time(),
            "started_at": self.started_at,
            "highlights_applied_at": self.highlights_applied_at,
            "highlights_painted_at": self.highlights_painted_at,
            "first_painted_at": self.first_painted_at,
            "events": self.events,
            "title": window.windowTitle(),
            "window": _rect(window),
            "active": window.isActiveWindow(),
            "analysed": window.analysis is not None,
            "comparing": window.analysis_run.comparing,
            "focused_pane": focused_pane,
            "focus": type(focused).__name__ if focused is not None else None,
            "current_pane": window.current_pane,
            "panes": panes,
            "partners": self.partners,
            "find": {
                "visible": window.find_bar.isVisible(),
                "query": window.find_bar.query,
                "summary": self.find_summary,
                "position": window.find_bar.position_label.text(),
            },
            "status": window.statusBar().currentMessage() or window.summary.text(),
            "zoom": window.zoom,
            "tag_file": window.tag_file.path,
            "tags": len(window.tag_rows),
            "popup": next(
                (p.objectName() for p in (window.quick_tag, window.claim_popup) if p.isVisible()),
                None,
            ),
            "linked_scrolling": window.actions_by_id["view.linked_scrolling"].isChecked(),
        }

    def write(self) -> None:
        temporary = self.path.with_name(self.path.name + ".tmp")
        temporary.write_text(json.dumps(self.state(), indent=1), encoding="utf-8")
        os.replace(temporary, self.path)
