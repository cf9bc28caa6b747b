"""What the window remembers between runs: its geometry and docks, pane widths, zoom."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray

from nkdesk.ui.controller import Controller
from nkdesk.ui.view_commands import ZOOM_RANGE

if TYPE_CHECKING:
    pass

# Splitter sizes before the window is laid out: only their ratio matters.
EQUAL_PANE_WIDTH = 1000
# Bottom panels never show fewer table rows than this: at 190 px the
# conflicts list showed four (issue 14).
MIN_DOCK_ROWS = 5


class WindowSettings(Controller):
    """The window's state in its ``QSettings``: restored once built, saved on close.

    The recent corpora and each corpus's tag file are ``FileCommands``'s.
    """

    def _splitter_key(self) -> str:
        # Keyed by pane count: a state saved for five panes would squeeze three.
        return f"splitter/{len(self.window.panes)}"

    def save_splitter(self) -> None:
        if self.window.panes:
            self.window.settings.setValue(self._splitter_key(), self.window.splitter.saveState())

    def restore_splitter(self) -> None:
        window = self.window
        state = window.settings.value(self._splitter_key())
        if isinstance(state, QByteArray) and window.splitter.restoreState(state):
            return
        window.splitter.setSizes([EQUAL_PANE_WIDTH] * len(window.panes))

    def restore(self) -> None:
        window, settings = self.window, self.window.settings
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            window.restoreGeometry(geometry)
        state = settings.value("window/state")
        if isinstance(state, QByteArray):
            window.restoreState(state)
        for _, dock, _ in window.view_commands.docks():
            dock.setMinimumHeight(window.dock_height(MIN_DOCK_ROWS))
            if dock.isFloating():  # saved by an nkdesk that let docks float
                dock.setFloating(False)
        window.view_commands.sync_dock_actions()
        low, high = ZOOM_RANGE
        try:
            zoom = int(settings.value("view/zoom", 0))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            zoom = 0
        window.zoom = max(low, min(high, zoom))
        linked = str(settings.value("view/linked_scrolling", "false")).lower() == "true"
        window.actions_by_id["view.linked_scrolling"].setChecked(linked)
        window.files.restore()

    def save(self) -> None:
        window, settings = self.window, self.window.settings
        settings.setValue("window/geometry", window.saveGeometry())
        settings.setValue("window/state", window.saveState())
        settings.setValue("view/zoom", window.zoom)
        settings.setValue(
            "view/linked_scrolling", window.actions_by_id["view.linked_scrolling"].isChecked()
        )
        self.save_splitter()
        settings.sync()
