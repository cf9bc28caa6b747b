"""The claim matrix dock: a table over ``nkdesk.analysis.matrix.ClaimMatrix`` and the
analyst's own claims (``nkdesk.ui.tagging.AnalystRow``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont, QIcon, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QWidget

from nkdesk.analysis.matrix import Cell, ClaimMatrix, claim_matrix, independence, quote
from nkdesk.analysis.model import Span
from nkdesk.ui.table_model import ActivatingTable
from nkdesk.ui.tagging import AnalystRow
from nkdesk.ui.theme import Theme

if TYPE_CHECKING:
    from nkdesk.analysis import Comparison  # the engine loads in the worker

_Index = QModelIndex | QPersistentModelIndex
# Columns before the sources: the claim, then how many sources report it.
CLAIM_COLUMN, SUPPORT_COLUMN, FIRST_SOURCE_COLUMN = 0, 1, 2
ABSENT_TEXT = "—"
# A source's title in its column's header: wrapped over a few lines, then cut.
HEADER_CHARS = 90
HEADER_LINES = 3
TOOLTIP_CHARS = 400
SWATCH_PX = 10
CLAIM_COLUMN_PX = 260
SOURCE_COLUMN_PX = 170
SUPPORT_COLUMN_PX = 300
# Marks a row as the analyst's claim rather than one the engine found.
ANALYST_MARK = "✎ "


class ClaimMatrixModel(QAbstractTableModel):
    """Adapts a ``ClaimMatrix`` and the analyst's claims (read-only).

    The analyst's claims come first, one row each, marked "✎"; then one row
    per claim cluster the engine found. One column per source holds its
    reading, tinted agree / conflict / absent. It decides nothing: the
    engine's readings come from ``nkdesk.analysis.matrix.claim_matrix``, the
    analyst's from ``nkdesk.ui.tagging.analyst_rows``.
    """

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme = theme
        self._swatches: dict[str, QIcon] = {}
        self.matrix = ClaimMatrix((), ())
        self.analyst: tuple[AnalystRow, ...] = ()
        self._analyst_sources: tuple[str, ...] = ()
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

    def set_comparison(
        self, comparison: Comparison | None, matrix: ClaimMatrix | None = None
    ) -> None:
        """Show ``comparison``'s claims; ``matrix`` is its claim matrix if already read."""
        self.beginResetModel()
        if matrix is None:
            matrix = claim_matrix(comparison) if comparison else ClaimMatrix((), ())
        self.matrix = matrix
        documents = comparison.documents if comparison else ()
        self._titles.update((d.id, d.title) for d in documents)
        self._texts = {d.id: d.text for d in documents}
        self.endResetModel()

    def set_analyst_rows(
        self, rows: tuple[AnalystRow, ...], sources: tuple[str, ...], titles: dict[str, str]
    ) -> None:
        """The analyst's claims, over ``sources`` (the same columns as the engine's)."""
        if (rows, sources) == (self.analyst, self._analyst_sources):
            return  # most tag operations touch no claim: keep the view as it is
        self.beginResetModel()
        self.analyst = rows
        self._analyst_sources = sources
        self._titles.update(titles)
        self.endResetModel()

    @property
    def sources(self) -> tuple[str, ...]:
        # Before (or without) a comparison, the analyst's rows still have columns.
        return self.matrix.sources or self._analyst_sources

    def is_analyst(self, row: int) -> bool:
        return row < len(self.analyst)

    def row_cells(self, row: int) -> tuple[Cell, ...]:
        if self.is_analyst(row):
            return self.analyst[row].cells
        return self.matrix.rows[row - len(self.analyst)].cells

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
        return self.row_cells(index.row())[index.column() - FIRST_SOURCE_COLUMN]

    def source(self, column: int) -> str:
        return self.sources[column - FIRST_SOURCE_COLUMN]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.analyst) + len(self.matrix.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else FIRST_SOURCE_COLUMN + len(self.sources)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if section >= FIRST_SOURCE_COLUMN:
            doc_id = self.source(section)
            title = self._titles.get(doc_id, doc_id)
            if role == Qt.ItemDataRole.DisplayRole:
                # Wrapped in the header (up to HEADER_LINES lines), not cut to one line.
                return quote(title, HEADER_CHARS)
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
        if self.is_analyst(index.row()):
            return self._analyst_data(index, role)
        row = self.matrix.rows[index.row() - len(self.analyst)]
        if index.column() == CLAIM_COLUMN:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                return row.cluster.label
            return None
        if index.column() == SUPPORT_COLUMN:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                # Five sources echoing one report are one origin, not five confirmations.
                return independence(row.cluster, len(self.matrix.sources), self._titles)
            return None
        cell = row.cells[index.column() - FIRST_SOURCE_COLUMN]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(
                index.row() - len(self.analyst), index.column() - FIRST_SOURCE_COLUMN, cell
            )
        return self._cell_data(cell, role)

    def _cell_data(self, cell: Cell, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return cell.text or (ABSENT_TEXT if cell.state == "absent" else "")
        if role == Qt.ItemDataRole.BackgroundRole:
            return self.theme.matrix_background(cell.state)
        if role == Qt.ItemDataRole.FontRole and cell.state == "conflict":
            # Not by colour alone: a conflict also reads bold.
            return self._bold
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            return cell.state
        return None

    def _analyst_data(self, index: _Index, role: int) -> Any:
        row = self.analyst[index.row()]
        column = index.column()
        if column == CLAIM_COLUMN:
            if role == Qt.ItemDataRole.DisplayRole:
                return ANALYST_MARK + row.claim.label
            if role == Qt.ItemDataRole.ToolTipRole:
                note = f"\n{row.claim.note}" if row.claim.note else ""
                return f"Your claim: {row.claim.label}{note}"
            if role == Qt.ItemDataRole.AccessibleDescriptionRole:
                return "analyst claim"
            return None
        if column == SUPPORT_COLUMN:
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{row.support} of {len(self.sources)} sources"
            return None
        cell = row.cells[column - FIRST_SOURCE_COLUMN]
        if role == Qt.ItemDataRole.ToolTipRole:
            title = self._titles.get(self.source(column), "")
            if cell.state == "absent":
                return f"No passage of {title} is linked to this claim"
            lines = [f"{title}:"]
            for a in row.annotations[column - FIRST_SOURCE_COLUMN]:
                details = " · ".join(x for x in (a.stance or "", a.value, a.note) if x)
                orphaned = " (orphaned)" if a.orphaned else ""
                lines.append(f"“{quote(a.quote, TOOLTIP_CHARS)}”{orphaned}")
                if details:
                    lines.append(f"  {details}")
            return "\n".join(lines)
        return self._cell_data(cell, role)

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


class ClaimMatrixTable(ActivatingTable):
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
        # The sources share the width (fit_columns stretches them) rather than
        # the last one taking all that is left.
        header.setStretchLastSection(False)
        # Titles are long: wrap them over a few lines, which tells them apart
        # better than the first words cut at the column's edge.
        header.setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
        )
        # Eliding would cut every title to one line before it can wrap; from the
        # top, so that a title longer than the lines loses its end, not its start
        # (its tooltip gives it whole).
        header.setTextElideMode(Qt.TextElideMode.ElideNone)
        lines = header.fontMetrics().lineSpacing() * HEADER_LINES
        header.setMinimumHeight(
            lines + 2 * header.style().pixelMetric(header.style().PixelMetric.PM_HeaderMargin)
        )
        # Double-click, as in the conflicts table: a single click only selects.
        self.doubleClicked.connect(self.on_activated)

    def fit_columns(self) -> None:
        self.resizeColumnToContents(SUPPORT_COLUMN)
        # Long origins ("… · 2 origins: A, B") are cut; the tooltip gives them whole.
        self.setColumnWidth(
            SUPPORT_COLUMN, min(self.columnWidth(SUPPORT_COLUMN), SUPPORT_COLUMN_PX)
        )
        self.setColumnWidth(CLAIM_COLUMN, CLAIM_COLUMN_PX)
        header = self.horizontalHeader()
        header.setMinimumSectionSize(min(SOURCE_COLUMN_PX, header.minimumSectionSize()))
        for column in range(FIRST_SOURCE_COLUMN, self.claims.columnCount()):
            # Every source column gets an equal share of the width left over.
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)

    def on_activated(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        cell = self.claims.cell(index)
        if cell is None:
            cells = self.claims.row_cells(index.row())
            self.claim_chosen.emit([c.span for c in cells if c.span is not None])
        elif cell.span is not None:
            self.passage_chosen.emit(cell.span)
