"""The base of the window's controllers: one concern of ``MainWindow`` each."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

if TYPE_CHECKING:
    from nkdesk.ui.main_window import MainWindow


class Controller(QObject):
    """A part of what the analyst does in a window (``self.window``), with its handlers.

    Its Qt parent is the window's ``controllers`` object, the window's first
    child: Qt deletes children in the order they were made, so the controllers
    go before any widget whose dying signals (a dock hidden, a popup closed)
    would otherwise reach them with the window half destroyed.
    """

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window.controllers)
        self.window = window
