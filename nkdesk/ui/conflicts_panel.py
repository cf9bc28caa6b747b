"""The conflicts dock: a table over ``Comparison.conflicts``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QWidget

from nkdesk.analysis.model import Conflict
from nkdesk.ui.marks import conflict_topic
from nkdesk.ui.table_model import ActivatingTable, RecordsModel
from nkdesk.ui.table_model import Index as _Index

if TYPE_CHECKING:
    from nkdesk.analysis import Comparison  # the engine loads in the worker

SOURCE_CHARS = 40
MAX_COLUMN_PX = 320


def short_title(title: str) -> str:
    """A title on one line, cut to SOURCE_CHARS for a table cell or header."""
    title = " ".join(title.split())
    return title if len(title) <= SOURCE_CHARS else title[: SOURCE_CHARS - 1].rstrip() + "…"


class ConflictsModel(RecordsModel):
    """Adapts ``Comparison.conflicts``: one row per conflict, read-only.

    Columns: topic, then for each side its value, source and speaker.
    """

    HEADERS = ("Topic", "Value A", "Source A", "Speaker A", "Value B", "Source B", "Speaker B")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source_colors: dict[str, QColor] = {}
        self._conflicts: tuple[Conflict, ...] = ()
        self._titles: dict[str, str] = {}

    def set_comparison(self, comparison: Comparison | None) -> None:
        self.beginResetModel()
        self._conflicts = comparison.conflicts if comparison else ()
        self._titles = {d.id: d.title for d in comparison.documents} if comparison else {}
        self.endResetModel()

    def conflict(self, row: int) -> Conflict:
        return self._conflicts[row]

    def record_count(self) -> int:
        return len(self._conflicts)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        conflict = self._conflicts[index.row()]
        column = index.column()
        fact = conflict.a if column <= 3 else conflict.b
        if role == Qt.ItemDataRole.ToolTipRole:
            return conflict.why
        if role == Qt.ItemDataRole.DecorationRole and column in (2, 5):
            return self.source_colors.get(fact.doc)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == 0:
            dated = " — as of different dates" if conflict.as_of_differs else ""
            return conflict_topic(conflict) + dated
        field = (column - 1) % 3
        if field == 0:
            return fact.text
        if field == 1:
            return short_title(self._titles.get(fact.doc, fact.doc))
        return fact.speaker or ""


class ConflictsTable(ActivatingTable):
    """The conflicts table; a click or Enter on a row asks to show it.

    Signals:
        conflict_chosen(object): the Conflict the analyst picked.
    """

    conflict_chosen = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.conflicts = ConflictsModel(self)
        self.setModel(self.conflicts)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(False)
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.horizontalHeader().setStretchLastSection(True)
        # One click on a row shows that conflict in the panes (issue 14:
        # a click that did nothing read as broken); Enter does too.
        self.clicked.connect(self.on_activated)

    def fit_columns(self) -> None:
        self.resizeColumnsToContents()
        for column in range(self.conflicts.columnCount()):
            self.setColumnWidth(column, min(self.columnWidth(column), MAX_COLUMN_PX))

    def on_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.conflict_chosen.emit(self.conflicts.conflict(index.row()))
