"""What nkdesk's tables share: models over a Python list, views where Enter activates."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QTableView, QWidget

Index = QModelIndex | QPersistentModelIndex
# Rows a table measures to fit a column to its contents (Qt measures 1,000).
# A dock shows about eight; at 100, fitting the conflicts of five 200 KB
# articles took 70 ms of the UI thread.
FIT_ROWS = 40


class RecordsModel(QAbstractTableModel):
    """A flat table over a list of records: one row each, one column per HEADERS entry.

    Subclasses say how many records there are (``record_count``) and what
    each cell shows (``data``); the row and column counts and the horizontal
    header are the same for all of them.
    """

    HEADERS: tuple[str, ...] = ()

    def record_count(self) -> int:
        raise NotImplementedError

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else self.record_count()

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None


class ActivatingTable(QTableView):
    """A table where Enter on the current cell does what a double-click does.

    Qt activates items on Enter only on some platforms; the docks promise it
    everywhere. Subclasses implement ``on_activated(index)`` and connect it to
    ``activated`` / ``doubleClicked`` as they see fit.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Fitting a column to its contents measures this many rows, not
        # every one: thousands of claims would stall the window on arrival.
        self.horizontalHeader().setResizeContentsPrecision(FIT_ROWS)
        self.verticalHeader().setResizeContentsPrecision(FIT_ROWS)

    def on_activated(self, index: QModelIndex) -> None:
        raise NotImplementedError

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.on_activated(self.currentIndex())
            event.accept()
            return
        super().keyPressEvent(event)
