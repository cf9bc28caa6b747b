"""The tags dock: every tagged passage of the tag file, filtered and sorted."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QIcon, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from nkdesk.store import Annotation, AnnotationRow, Tag
from nkdesk.ui.conflicts_panel import short_title
from nkdesk.ui.table_model import Index as _Index
from nkdesk.ui.table_model import RecordsModel
from nkdesk.ui.theme import swatch

QUOTE_CHARS = 160
ORPHANED_MARK = "(orphaned) "
COLUMN_PX = {"Source": 150, "Quote": 360, "Tag": 120, "Stance": 80, "Value": 90, "Note": 160}
# What the proxy sorts by: text that orders as the analyst expects (a source's
# passages in reading order, names without regard to case).
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
# The text the filter box searches: every column of the row at once.
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 2
# Beyond this many rows added or removed at once (another tag file opened, a
# big undo), the model is reset rather than changed row by row.
RESET_BEYOND_ROWS = 200


class TagsModel(RecordsModel):
    """Adapts the list of ``AnnotationRow`` that ``TagStore.annotation_rows()`` returns.

    Read-only, one row per tagged passage. Orphaned passages, whose text
    changed so that their quote was not found again, stay listed: their
    quote in italics, marked "(orphaned)", so that no tag silently disappears.

    ``set_rows`` changes only the rows that differ from what is shown (one
    tag added, one removed), so that the sorting proxy places just those
    rows and the view keeps its selection and scroll: a tag operation costs
    the table well under a millisecond however many tags the file holds.
    The rows' texts are computed once, when they arrive, not on every
    ``data()`` call the proxy makes while sorting.
    """

    HEADERS = ("Source", "Quote", "Tag", "Stance", "Value", "Note", "Claim")
    SOURCE, QUOTE, TAG, STANCE, VALUE, NOTE, CLAIM = range(7)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[AnnotationRow] = []
        # Per row: its cells' texts, sort keys and the text the filter searches.
        self._texts: list[tuple[tuple[str, ...], tuple[str, ...], str]] = []
        self._row_of: dict[int, int] = {}
        self.tag_counts: Counter[int] = Counter()  # rows per tag id, for the tag filter
        self._swatches: dict[str, QIcon] = {}
        self._italic = QFont()
        self._italic.setItalic(True)

    def set_rows(self, rows: Sequence[AnnotationRow]) -> None:
        """Show ``rows``: rows gone are removed, new ones appended, changed ones updated."""
        wanted = {r.annotation.id: r for r in rows}
        gone = [n for n, r in enumerate(self.rows) if r.annotation.id not in wanted]
        added = [r for r in rows if r.annotation.id not in self._row_of]
        if len(gone) + len(added) > RESET_BEYOND_ROWS:
            self.beginResetModel()
            self.rows = list(rows)
            self._texts = [self._compute(r) for r in self.rows]
            self._index()
            self.endResetModel()
            return
        for n in reversed(gone):
            self.beginRemoveRows(QModelIndex(), n, n)
            del self.rows[n]
            del self._texts[n]
            self.endRemoveRows()
        for n, row in enumerate(self.rows):
            new = wanted[row.annotation.id]
            if new != row:
                self.rows[n] = new
                self._texts[n] = self._compute(new)
                self.dataChanged.emit(self.index(n, 0), self.index(n, len(self.HEADERS) - 1))
        if added:
            first = len(self.rows)
            self.beginInsertRows(QModelIndex(), first, first + len(added) - 1)
            self.rows.extend(added)
            self._texts.extend(self._compute(r) for r in added)
            self.endInsertRows()
        self._index()

    def apply(self, rows: Sequence[AnnotationRow], removed: Sequence[int]) -> None:
        """Update just these rows, added or changed, and remove those of ``removed``.

        What one tag operation read again (``nkdesk.ui.tag_rows``): unlike
        ``set_rows`` it does not compare every row, so it costs the same
        with ten tags in the file or a hundred thousand.
        """
        found = (self._row_of.get(annotation_id) for annotation_id in removed)
        gone = sorted((n for n in found if n is not None), reverse=True)
        for n in gone:
            self.beginRemoveRows(QModelIndex(), n, n)
            del self.rows[n]
            del self._texts[n]
            self.endRemoveRows()
        if gone:
            self._index()
        added: list[AnnotationRow] = []
        for row in rows:
            at = self._row_of.get(row.annotation.id)
            if at is None:
                added.append(row)
            elif self.rows[at] != row:
                self.tag_counts[self.rows[at].annotation.tag] -= 1
                self.tag_counts[row.annotation.tag] += 1
                self.rows[at] = row
                self._texts[at] = self._compute(row)
                self.dataChanged.emit(self.index(at, 0), self.index(at, len(self.HEADERS) - 1))
        if added:
            first = len(self.rows)
            self.beginInsertRows(QModelIndex(), first, first + len(added) - 1)
            self.rows.extend(added)
            self._texts.extend(self._compute(r) for r in added)
            self._row_of.update((r.annotation.id, first + n) for n, r in enumerate(added))
            self.tag_counts.update(r.annotation.tag for r in added)
            self.endInsertRows()

    def _index(self) -> None:
        self._row_of = {r.annotation.id: n for n, r in enumerate(self.rows)}
        self.tag_counts = Counter(r.annotation.tag for r in self.rows)

    def _compute(self, row: AnnotationRow) -> tuple[tuple[str, ...], tuple[str, ...], str]:
        texts = tuple(self._text(row, c) for c in range(len(self.HEADERS)))
        title = (row.document_title or row.annotation.document).casefold()
        sort = (
            f"{title}\x00{row.annotation.start:012d}",
            *(t.removeprefix(ORPHANED_MARK).casefold() for t in texts[1:]),
        )
        return texts, sort, "\n".join(texts).casefold()

    def annotation(self, row: int) -> Annotation:
        return self.rows[row].annotation

    def search_text(self, row: int) -> str:
        """Every cell of a row in one lower-case text, for the filter box."""
        return self._texts[row][2]

    def row_of(self, annotation_id: int) -> int | None:
        return self._row_of.get(annotation_id)

    def record_count(self) -> int:
        return len(self.rows)

    def _text(self, row: AnnotationRow, column: int) -> str:
        a = row.annotation
        if column == self.SOURCE:
            return short_title(row.document_title or a.document)
        if column == self.QUOTE:
            text = " ".join(a.quote.split())
            if len(text) > QUOTE_CHARS:
                text = text[: QUOTE_CHARS - 1] + "…"
            return ORPHANED_MARK + text if a.orphaned else text
        if column == self.TAG:
            return row.tag_name
        if column == self.STANCE:
            return a.stance or ""
        if column == self.VALUE:
            return a.value
        if column == self.NOTE:
            return " ".join(a.note.split())
        return row.claim_label or ""

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._texts[index.row()][0][column]
        if role == SORT_ROLE:
            return self._texts[index.row()][1][column]
        if role == SEARCH_ROLE:
            return self._texts[index.row()][2]
        if role == Qt.ItemDataRole.DecorationRole and column == self.TAG:
            colour = row.tag_colour
            if colour not in self._swatches:
                self._swatches[colour] = swatch(colour)
            return self._swatches[colour]
        if role == Qt.ItemDataRole.FontRole and row.annotation.orphaned:
            return self._italic
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.QUOTE:
                where = (
                    "Orphaned: the article changed and this quote was not found in it again."
                    if row.annotation.orphaned
                    else f"{row.document_title} — characters {row.annotation.start}–"
                    f"{row.annotation.end}"
                )
                return f"“{row.annotation.quote}”\n\n{where}"
            if column == self.SOURCE:
                return row.document_title
            return self._texts[index.row()][0][column] or None
        return None


class TagsFilter(QSortFilterProxyModel):
    """Rows whose text holds every word of the filter box, of one tag and one source."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.words: list[str] = []
        self.tag: int | None = None
        self.source: str | None = None
        self.setSortRole(SORT_ROLE)

    def set_filter(
        self, text: str | None = None, *, tag: int | None = -1, source: str | None = ""
    ) -> None:
        """Change what is given; ``tag=-1`` and ``source=""`` leave those as they are."""
        self.beginFilterChange()
        if text is not None:
            self.words = text.casefold().split()
        if tag != -1:
            self.tag = tag
        if source != "":
            self.source = source
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, TagsModel)
        row = model.rows[source_row]
        if self.tag is not None and row.annotation.tag != self.tag:
            return False
        if self.source is not None and row.annotation.document != self.source:
            return False
        if self.words:
            text = model.search_text(source_row)
            return all(word in text for word in self.words)
        return True


class TagsTable(QTableView):
    """The table of the tags dock; Enter or double-click asks to show a passage, Delete to untag.

    Signals:
        annotation_chosen(object): the Annotation of the row picked.
        delete_requested(object): the Annotation of the row to remove.
    """

    annotation_chosen = Signal(object)
    delete_requested = Signal(object)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        annotation = self.current_annotation()
        if annotation is not None and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.annotation_chosen.emit(annotation)
            event.accept()
        elif annotation is not None and event.key() == Qt.Key.Key_Delete:
            self.delete_requested.emit(annotation)
            event.accept()
        else:
            super().keyPressEvent(event)

    def current_annotation(self) -> Annotation | None:
        return self.annotation_at(self.currentIndex())

    def annotation_at(self, index: QModelIndex) -> Annotation | None:
        proxy = self.model()
        if not index.isValid() or not isinstance(proxy, QSortFilterProxyModel):
            return None
        source = proxy.sourceModel()
        assert isinstance(source, TagsModel)
        return source.annotation(proxy.mapToSource(index).row())


class FilterField(QLineEdit):
    """The filter box: Enter or Down goes to the table; Ctrl+Z is the window's when
    the box has no typing of its own to undo.

    Qt's convention is that the focused text field owns Ctrl+Z, so typing in
    the box is undone first; but a QLineEdit claims Ctrl+Z even with nothing
    to undo, which made Ctrl+Z "do nothing" there (issue 14). With nothing of
    its own to undo, the box lets the key through to Edit > Undo.

    Signals:
        table_requested(): Enter or Down was pressed.
    """

    table_requested = Signal()

    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and (
                event.matches(QKeySequence.StandardKey.Undo)
                or event.matches(QKeySequence.StandardKey.Redo)
            )
            and not (self.isUndoAvailable() or self.isRedoAvailable())
        ):
            event.ignore()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Down):
            self.table_requested.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class TagsPanel(QWidget):
    """Every tag of the tag file: a filter box, tag and source filters, the table.

    Signals:
        annotation_chosen(object): the Annotation whose passage the analyst
            wants to see (double-click or Enter on its row).
        delete_requested(object): the Annotation to remove (Delete on its row).
    """

    annotation_chosen = Signal(object)
    delete_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tagsPanel")
        self.tags_model = TagsModel(self)
        self._swatches: dict[str, QIcon] = {}
        self._entries: dict[str, list[tuple[Any, str, int]]] = {}
        self.proxy = TagsFilter(self)
        self.proxy.setSourceModel(self.tags_model)

        self._tags: list[Tag] = []
        self.filter_edit = FilterField(self)
        self.filter_edit.table_requested.connect(self.on_filter_edit_table_requested)
        self.filter_edit.setObjectName("tagsFilter")
        self.filter_edit.setPlaceholderText("Filter: words in the quote, tag, value, note…")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.on_filter_edit_text_changed)
        self.tag_box = QComboBox(self)
        self.tag_box.setObjectName("tagsTagFilter")
        self.tag_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.tag_box.currentIndexChanged.connect(self.on_tag_box_current_index_changed)
        self.source_box = QComboBox(self)
        self.source_box.setObjectName("tagsSourceFilter")
        self.source_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.source_box.currentIndexChanged.connect(self.on_source_box_current_index_changed)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("tagsCount")

        self.table = TagsTable(self)
        self.table.setObjectName("tagsTable")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for column, name in enumerate(TagsModel.HEADERS):
            if name in COLUMN_PX:
                self.table.setColumnWidth(column, COLUMN_PX[name])
        self.table.setSortingEnabled(True)
        # Reading order until the analyst clicks a header: source, then position.
        self.table.sortByColumn(TagsModel.SOURCE, Qt.SortOrder.AscendingOrder)
        self.table.doubleClicked.connect(self.on_table_double_clicked)
        self.table.annotation_chosen.connect(self.annotation_chosen)
        self.table.delete_requested.connect(self.delete_requested)

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.filter_edit, 1)
        bar.addWidget(self.tag_box)
        bar.addWidget(self.source_box)
        bar.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 0)
        layout.setSpacing(4)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        self.set_rows([], [], [])

    def set_rows(
        self,
        rows: Sequence[AnnotationRow],
        tags: Sequence[Tag],
        sources: Sequence[tuple[str, str]],
    ) -> None:
        """Show ``rows``; ``tags`` and ``sources`` (id, title) fill the filter boxes.

        The filters and the selected passage survive the refresh, so another
        window's change does not throw the analyst's place away.
        """
        current = self.table.current_annotation()
        self._tags = list(tags)
        self.tags_model.set_rows(rows)
        self.set_filters(tags, sources)
        self._update_count()
        if current is not None:
            self.select(current.id)

    def set_filters(self, tags: Sequence[Tag], sources: Sequence[tuple[str, str]]) -> None:
        """Fill the filter boxes: ``tags``, and ``sources`` as (id, title)."""
        self._tags = list(tags)
        self._fill_tags()
        self._fill(
            self.source_box, "All sources", [(d, short_title(title), None) for d, title in sources]
        )

    def apply(self, rows: Sequence[AnnotationRow], removed: Sequence[int]) -> None:
        """Show what one tag operation changed: these rows added or changed, those removed.

        Rows change in place, so the selection and the scroll stay as they were.
        """
        self.tags_model.apply(rows, removed)
        self._fill_tags()
        self._update_count()

    def _fill_tags(self) -> None:
        """The tag filter, each tag with its count ("deployment (4)"): the counts the
        HTML report gives, at hand while tagging (issue 14)."""
        counts = self.tags_model.tag_counts
        self._fill(
            self.tag_box,
            "All tags",
            [(t.id, f"{t.name} ({counts[t.id]})", self._swatch(t.colour)) for t in self._tags],
        )

    def _fill(
        self, box: QComboBox, everything: str, items: Sequence[tuple[Any, str, QIcon | None]]
    ) -> None:
        entries = [(data, text, icon.cacheKey() if icon else 0) for data, text, icon in items]
        if self._entries.get(box.objectName()) == entries:
            return  # the usual case: a tag made, the vocabulary as it was
        self._entries[box.objectName()] = entries
        chosen = box.currentData()
        box.blockSignals(True)
        box.clear()
        box.addItem(everything, None)
        for data, text, icon in items:
            if icon is None:
                box.addItem(text, data)
            else:
                box.addItem(icon, text, data)
        box.setCurrentIndex(max(0, box.findData(chosen)))
        box.blockSignals(False)
        if box.currentData() != chosen:
            # What was filtered on is gone (a tag deleted elsewhere): show all.
            box.currentIndexChanged.emit(box.currentIndex())

    def _swatch(self, colour: str) -> QIcon:
        if colour not in self._swatches:
            self._swatches[colour] = swatch(colour)
        return self._swatches[colour]

    def select(self, annotation_id: int) -> bool:
        row = self.tags_model.row_of(annotation_id)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.tags_model.index(row, 0))
        if not index.isValid():
            return False
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        return True

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.tags_model.rowCount()
        noun = "tag" if total == 1 else "tags"
        self.count_label.setText(f"{total} {noun}" if shown == total else f"{shown} of {total}")

    def on_filter_edit_text_changed(self, text: str) -> None:
        self.proxy.set_filter(text)
        self._update_count()

    def on_tag_box_current_index_changed(self, _index: int) -> None:
        self.proxy.set_filter(tag=self.tag_box.currentData())
        self._update_count()

    def on_source_box_current_index_changed(self, _index: int) -> None:
        self.proxy.set_filter(source=self.source_box.currentData())
        self._update_count()

    def on_filter_edit_table_requested(self) -> None:
        if self.proxy.rowCount():
            if not self.table.currentIndex().isValid():
                self.table.setCurrentIndex(self.proxy.index(0, 0))
            self.table.selectRow(self.table.currentIndex().row())
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def on_table_double_clicked(self, index: QModelIndex) -> None:
        annotation = self.table.annotation_at(index)
        if annotation is not None:
            self.annotation_chosen.emit(annotation)
