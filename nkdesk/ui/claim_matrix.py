"""The claim matrix dock: a table over ``nkdesk.analysis.matrix.ClaimMatrix``."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont, QIcon, QKeyEvent, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from nkdesk.analysis import Comparison
from nkdesk.analysis.matrix import Cell, ClaimMatrix, claim_matrix, quote
from nkdesk.analysis.model import Span
from nkdesk.ui.conflicts_panel import short_title
from nkdesk.ui.theme import Theme

_Index = QModelIndex | QPersistentModelIndex
# Columns before the sources: the claim, then how many sources report it.
CLAIM_COLUMN, SUPPORT_COLUMN, FIRST_SOURCE_COLUMN = 0, 1, 2
ABSENT_TEXT = "—"
TOOLTIP_CHARS = 400
SWATCH_PX = 10
CLAIM_COLUMN_PX = 260
SOURCE_COLUMN_PX = 170


class ClaimMatrixModel(QAbstractTableModel):
    """Adapts a ``ClaimMatrix`` (read-only): one row per claim cluster, then one
    column per source holding its reading, tinted agree / conflict / absent.

    It decides nothing: the readings and their states come from
    ``nkdesk.analysis.matrix.claim_matrix``.
    """

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme = theme
        self._swatches: dict[str, QIcon] = {}
        self.matrix = ClaimMatrix((), ())
        self._titles: dict[str, str] = {}
        self._texts: dict[str, str] = {}
        self._bold = QFont()
        self._bold.setBold(True)

    def set_source_colors(self, colors: dict[str, QColor]) -> None:
        """The colour of each source's pane, shown beside its column's title."""
        self._swatches = {}
        for doc_id, color in colors.items():
            pixmap = QPixmap(SWATCH_PX, SWATCH_PX)
            pixmap.fill(color)
            self._swatches[doc_id] = QIcon(pixmap)
        if self.columnCount():
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)

    def set_comparison(self, comparison: Comparison | None) -> None:
        self.beginResetModel()
        self.matrix = claim_matrix(comparison) if comparison else ClaimMatrix((), ())
        documents = comparison.documents if comparison else ()
        self._titles = {d.id: d.title for d in documents}
        self._texts = {d.id: d.text for d in documents}
        self.endResetModel()

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        if self.rowCount():
            self.dataChanged.emit(
                self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1)
            )

    def cell(self, index: _Index) -> Cell | None:
        """The matrix cell at a model index; None in the claim and support columns."""
        if not index.isValid() or index.column() < FIRST_SOURCE_COLUMN:
            return None
        return self.matrix.cell(index.row(), index.column() - FIRST_SOURCE_COLUMN)

    def source(self, column: int) -> str:
        return self.matrix.sources[column - FIRST_SOURCE_COLUMN]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.matrix.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else FIRST_SOURCE_COLUMN + len(self.matrix.sources)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if section >= FIRST_SOURCE_COLUMN:
            doc_id = self.source(section)
            title = self._titles.get(doc_id, doc_id)
            if role == Qt.ItemDataRole.DisplayRole:
                return short_title(title)
            if role == Qt.ItemDataRole.ToolTipRole:
                return title
            if role == Qt.ItemDataRole.DecorationRole:
                return self._swatches.get(doc_id)
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return "Claim" if section == CLAIM_COLUMN else "Sources"
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.matrix.rows[index.row()]
        if index.column() == CLAIM_COLUMN:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                return row.cluster.label
            return None
        if index.column() == SUPPORT_COLUMN:
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{row.cluster.support} of {len(self.matrix.sources)}"
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return Qt.AlignmentFlag.AlignCenter
            return None
        cell = row.cells[index.column() - FIRST_SOURCE_COLUMN]
        if role == Qt.ItemDataRole.DisplayRole:
            return cell.text or (ABSENT_TEXT if cell.state == "absent" else "")
        if role == Qt.ItemDataRole.BackgroundRole:
            return self.theme.matrix_background(cell.state)
        if role == Qt.ItemDataRole.FontRole and cell.state == "conflict":
            # Not by colour alone: a conflict also reads bold.
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(index.row(), index.column() - FIRST_SOURCE_COLUMN, cell)
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            return cell.state
        return None

    def _tooltip(self, row: int, column: int, cell: Cell) -> str:
        title = self._titles.get(self.matrix.sources[column], "")
        if cell.span is None:
            return f"Not reported by {title}"
        lines = [f"{title}:", f"“{quote(self._text(cell.span), TOOLTIP_CHARS)}”"]
        for conflict in self.matrix.conflicts_at(row, column):
            lines.append(f"Conflict — {conflict.why}")
        return "\n".join(lines)

    def _text(self, span: Span) -> str:
        return self._texts.get(span.doc, "")[span.start : span.end]


class ClaimMatrixTable(QTableView):
    """The claim matrix; double-click or Enter on a cell shows that passage.

    Signals:
        passage_chosen(object): the Span of the source's reading the analyst
            picked (a source cell).
        claim_chosen(object): a claim's cells as a list of Spans, one per
            reporting source (the claim or support column was picked).
    """

    passage_chosen = Signal(object)
    claim_chosen = Signal(object)

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("claimMatrix")
        self.claims = ClaimMatrixModel(theme, self)
        self.setModel(self.claims)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(False)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        # Titles are long first lines: keep their starts, which tell them apart.
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setTextElideMode(Qt.TextElideMode.ElideRight)
        # Double-click, as in the conflicts table: a single click only selects.
        self.doubleClicked.connect(self.on_activated)

    def fit_columns(self) -> None:
        self.resizeColumnToContents(SUPPORT_COLUMN)
        self.setColumnWidth(CLAIM_COLUMN, CLAIM_COLUMN_PX)
        for column in range(FIRST_SOURCE_COLUMN, self.claims.columnCount()):
            self.setColumnWidth(column, SOURCE_COLUMN_PX)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.on_activated(self.currentIndex())
            event.accept()
            return
        super().keyPressEvent(event)

    def on_activated(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        cell = self.claims.cell(index)
        if cell is None:
            row = self.claims.matrix.rows[index.row()]
            self.claim_chosen.emit([c.span for c in row.cells if c.span is not None])
        elif cell.span is not None:
            self.passage_chosen.emit(cell.span)
