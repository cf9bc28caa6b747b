"""The tags dock: every tagged passage of the tag file, filtered and sorted."""

from __future__ import annotations

import functools
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
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
# A whole tag file's rows are listed a slice per turn of the event loop
# (``TagsPanel.load``), each slice as many chunks as fit in this long: the
# sorting proxy asks Python about every row added, so 100,000 at once froze
# the window for a second.
LOAD_SLICE_MS = 25
LOAD_CHUNK_ROWS = 500
# A row's cell texts, its sort keys per column, and the text the filter searches.
RowTexts = tuple[tuple[str, ...], tuple[str, ...], str]


HEADERS = ("Source", "Quote", "Tag", "Stance", "Value", "Note", "Claim")
SOURCE, QUOTE, TAG, STANCE, VALUE, NOTE, CLAIM = range(len(HEADERS))


def row_texts(row: AnnotationRow) -> RowTexts:
    """A row's cell texts, its sort key per column and the text the filter searches.

    Pure Python, so that a worker computes them for a whole tag file
    (``nkdesk.ui.tag_listing``): at 100,000 rows they are most of what
    listing them costs, so every column is made here in one go.
    """
    a = row.annotation
    title = row.document_title or a.document
    quote = " ".join(a.quote.split())
    if len(quote) > QUOTE_CHARS:
        quote = quote[: QUOTE_CHARS - 1] + "…"
    texts = (
        _source_text(title),
        ORPHANED_MARK + quote if a.orphaned else quote,
        row.tag_name,
        a.stance or "",
        a.value,
        " ".join(a.note.split()),
        row.claim_label or "",
    )
    sort = (
        f"{_folded(title)}\x00{a.start:012d}",
        *[t.removeprefix(ORPHANED_MARK).casefold() for t in texts[1:]],
    )
    return texts, sort, "\n".join(texts).casefold()


# A tag file names few sources and tags, each on thousands of rows.
_source_text = functools.lru_cache(maxsize=4096)(short_title)
_folded = functools.lru_cache(maxsize=4096)(str.casefold)


def _sort_key(annotation_id: int, texts: RowTexts, column: int) -> tuple[str, str, int]:
    return (texts[1][column], texts[1][SOURCE], annotation_id)


def table_keys(
    rows: Sequence[AnnotationRow], texts: Sequence[RowTexts], column: int
) -> list[tuple[str, str, int]]:
    """What the table sorts ``rows`` by for ``column``: its texts, ties in reading order."""
    return [_sort_key(r.annotation.id, t, column) for r, t in zip(rows, texts, strict=True)]


def table_order(
    rows: Sequence[AnnotationRow], texts: Sequence[RowTexts], column: int, order: Qt.SortOrder
) -> list[int]:
    """The positions of ``rows`` in the table's order by ``column`` and ``order``."""
    keys = table_keys(rows, texts, column)
    return sorted(
        range(len(rows)), key=keys.__getitem__, reverse=order == Qt.SortOrder.DescendingOrder
    )


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

    HEADERS = HEADERS
    SOURCE, QUOTE, TAG, STANCE, VALUE, NOTE, CLAIM = SOURCE, QUOTE, TAG, STANCE, VALUE, NOTE, CLAIM

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[AnnotationRow] = []
        # Per row: its cells' texts, sort keys and the text the filter searches.
        self._texts: list[tuple[tuple[str, ...], tuple[str, ...], str]] = []
        self._row_of: dict[int, int] = {}
        self.tag_counts: Counter[int] = Counter()  # rows per tag id, for the tag filter
        # The rows are kept in this order (the view's sort indicator): sorting
        # here, by keys computed once, costs n log n comparisons of Python
        # tuples; the proxy sorting through data() cost 2.3 s at 10,000 rows.
        self.sort_column = self.SOURCE
        self.sort_order = Qt.SortOrder.AscendingOrder
        self._swatches: dict[str, QIcon] = {}
        self._italic = QFont()
        self._italic.setItalic(True)
        # The rows and texts of a load (``load``), in the table's order; the
        # first len(self.rows) of them are listed.
        self._pending: tuple[list[AnnotationRow], list[RowTexts]] | None = None
        self._dropped: list[list[Any]] = []  # what a load replaced, not yet freed

    @property
    def loading(self) -> bool:
        """Whether rows of a load are still to be listed (``load_more``)."""
        return self._pending is not None

    @property
    def load_total(self) -> int:
        """How many rows the table holds once a load is listed."""
        return len(self._pending[0]) if self._pending is not None else len(self.rows)

    def load(
        self,
        rows: Sequence[AnnotationRow],
        texts: Sequence[RowTexts],
        counts: Mapping[int, int],
        column: int,
        order: Qt.SortOrder,
    ) -> None:
        """Show these rows instead of what is shown, listing none yet (``load_more`` does).

        ``rows`` and their ``texts`` (``row_texts``) come in the table's order
        by ``column`` and ``order``, as a worker put them; ``counts`` are the
        rows per tag id of them all, for the tag filter.
        """
        rows, texts = list(rows), list(texts)
        if (column, order) != (self.sort_column, self.sort_order):  # sorted while it was read
            positions = table_order(rows, texts, self.sort_column, self.sort_order)
            rows = [rows[n] for n in positions]
            texts = [texts[n] for n in positions]
        self.beginResetModel()
        # What is shown now goes a chunk per slice too: dropping 100,000
        # rows' texts at once held the UI thread 130 ms.
        self._dropped += [self.rows, self._texts]
        self.rows, self._texts, self._row_of = [], [], {}
        self._pending = (rows, texts)
        self.tag_counts = Counter(counts)
        self.endResetModel()

    def load_more(self, count: int) -> bool:
        """List the next ``count`` rows of the load (and drop as many of what was shown
        before it); whether rows remain to be listed or dropped."""
        for old in self._dropped:
            del old[-count:]
        self._dropped = [old for old in self._dropped if old]
        if self._pending is None:
            return bool(self._dropped)
        rows, texts = self._pending
        first = len(self.rows)
        last = min(len(rows), first + count)
        if last > first:
            self.beginInsertRows(QModelIndex(), first, last - 1)
            self.rows.extend(rows[first:last])
            self._texts.extend(texts[first:last])
            for n in range(first, last):
                self._row_of[rows[n].annotation.id] = n
            self.endInsertRows()
        if last < len(rows):
            return True
        self._pending = None
        return bool(self._dropped)

    def _stop_loading(self) -> None:
        """Forget the rows of a load not listed yet (what is shown is replaced)."""
        if self._pending is not None:
            self._pending = None
            self._index()

    def set_rows(self, rows: Sequence[AnnotationRow]) -> None:
        """Show ``rows``: rows gone are removed, new ones appended, changed ones updated."""
        self._stop_loading()
        wanted = {r.annotation.id: r for r in rows}
        gone = [n for n, r in enumerate(self.rows) if r.annotation.id not in wanted]
        added = [r for r in rows if r.annotation.id not in self._row_of]
        if len(gone) + len(added) > RESET_BEYOND_ROWS:
            self.beginResetModel()
            self.rows = list(rows)
            self._texts = [self._compute(r) for r in self.rows]
            self._put_in_order()
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
        if added:
            self.sort(self.sort_column, self.sort_order)

    def apply(self, rows: Sequence[AnnotationRow], removed: Sequence[int]) -> None:
        """Update just these rows, added or changed, and remove those of ``removed``.

        What one tag operation read again (``nkdesk.ui.tag_rows``): unlike
        ``set_rows`` it does not compare every row, so it costs the same
        with ten tags in the file or a hundred thousand.
        """
        # A load not listed yet is listed first (the window waits for the load instead).
        self.load_more(self.load_total)
        found = (self._row_of.get(annotation_id) for annotation_id in removed)
        gone = sorted((n for n in found if n is not None), reverse=True)
        for n in gone:
            self.beginRemoveRows(QModelIndex(), n, n)
            del self.rows[n]
            del self._texts[n]
            self.endRemoveRows()
        if gone:
            self._index()
        moved = False
        for row in rows:
            at = self._row_of.get(row.annotation.id)
            texts = self._compute(row)
            if at is None:
                at = self._place(row.annotation.id, texts)
                self.beginInsertRows(QModelIndex(), at, at)
                self.rows.insert(at, row)
                self._texts.insert(at, texts)
                self.tag_counts[row.annotation.tag] += 1
                self.endInsertRows()
                self._index_from(at)
            elif self.rows[at] != row:
                self.tag_counts[self.rows[at].annotation.tag] -= 1
                self.tag_counts[row.annotation.tag] += 1
                moved |= texts[1][self.sort_column] != self._texts[at][1][self.sort_column]
                self.rows[at] = row
                self._texts[at] = texts
                self.dataChanged.emit(self.index(at, 0), self.index(at, len(self.HEADERS) - 1))
        if moved:  # an edit changed what the table is sorted by: rare, and one sort
            self.sort(self.sort_column, self.sort_order)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Put the rows in the order of ``column``, ties in reading order, keeping
        the selection and current row of every view (persistent indexes)."""
        self.sort_column, self.sort_order = column, order
        if self._pending is not None:
            self._sort_load()
            return
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        ids = [self.rows[i.row()].annotation.id for i in persistent]
        self._put_in_order()
        self._index()
        self.changePersistentIndexList(
            persistent,
            [self.index(self._row_of[a], i.column()) for a, i in zip(ids, persistent, strict=True)],
        )
        self.layoutChanged.emit()

    def _sort_load(self) -> None:
        """Sort a load in progress: all its rows, as many listed as before."""
        assert self._pending is not None
        rows, texts = self._pending
        positions = table_order(rows, texts, self.sort_column, self.sort_order)
        rows = [rows[n] for n in positions]
        texts = [texts[n] for n in positions]
        listed = len(self.rows)
        self.beginResetModel()
        self._pending = (rows, texts)
        self.rows, self._texts = rows[:listed], texts[:listed]
        self._row_of = {r.annotation.id: n for n, r in enumerate(self.rows)}
        self.endResetModel()

    def _key(self, annotation_id: int, texts: RowTexts) -> tuple[str, str, int]:
        return _sort_key(annotation_id, texts, self.sort_column)

    def _put_in_order(self) -> None:
        order = table_order(self.rows, self._texts, self.sort_column, self.sort_order)
        self.rows = [self.rows[n] for n in order]
        self._texts = [self._texts[n] for n in order]

    def _place(self, annotation_id: int, texts: RowTexts) -> int:
        """Where a new row goes in the current order."""
        key = self._key(annotation_id, texts)
        descending = self.sort_order == Qt.SortOrder.DescendingOrder
        low, high = 0, len(self.rows)
        while low < high:
            middle = (low + high) // 2
            other = self._key(self.rows[middle].annotation.id, self._texts[middle])
            if (other > key) if descending else (other < key):
                low = middle + 1
            else:
                high = middle
        return low

    def _index_from(self, first: int) -> None:
        """Renumber the rows from ``first`` on, after one was inserted there."""
        for n in range(first, len(self.rows)):
            self._row_of[self.rows[n].annotation.id] = n

    def _index(self) -> None:
        self._row_of = {r.annotation.id: n for n, r in enumerate(self.rows)}
        self.tag_counts = Counter(r.annotation.tag for r in self.rows)

    def _compute(self, row: AnnotationRow) -> RowTexts:
        return row_texts(row)

    def _text(self, row: AnnotationRow, column: int) -> str:
        return row_texts(row)[0][column]

    def annotation(self, row: int) -> Annotation:
        return self.rows[row].annotation

    def search_text(self, row: int) -> str:
        """Every cell of a row in one lower-case text, for the filter box."""
        return self._texts[row][2]

    def row_of(self, annotation_id: int) -> int | None:
        return self._row_of.get(annotation_id)

    def record_count(self) -> int:
        return len(self.rows)

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

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorted by the model (``TagsModel.sort``): this proxy only filters."""
        model = self.sourceModel()
        if isinstance(model, TagsModel) and column >= 0:
            model.sort(column, order)

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
        loaded(): the last row of a ``load`` is listed.
    """

    annotation_chosen = Signal(object)
    delete_requested = Signal(object)
    loaded = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tagsPanel")
        self.tags_model = TagsModel(self)
        self._load_timer = QTimer(self)
        self._load_timer.setSingleShot(True)
        self._load_timer.setInterval(0)
        self._load_timer.timeout.connect(self.on_load_timer_timeout)
        self._reselect: int | None = None  # the passage selected when a load began
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
        self._load_timer.stop()
        self.tags_model.set_rows(rows)
        self.set_filters(tags, sources)
        self._update_count()
        if current is not None:
            self.select(current.id)

    def load(
        self,
        rows: Sequence[AnnotationRow],
        texts: Sequence[RowTexts],
        counts: Mapping[int, int],
        sort: tuple[int, Qt.SortOrder],
        tags: Sequence[Tag],
        sources: Sequence[tuple[str, str]],
    ) -> None:
        """Show a whole tag file's rows, listed a slice per turn of the event loop.

        ``rows`` come in the table's order by ``sort`` (column, order), with
        their ``texts`` and the rows per tag (``counts``), all computed in a
        worker (``nkdesk.ui.tag_listing``); no slice takes much more than
        LOAD_SLICE_MS, so the window answers while 100,000 rows are listed.
        ``loaded`` says when the last one is; the passage selected before is
        selected again then, if it is still there.
        """
        current = self.table.current_annotation()
        if current is not None or not self.tags_model.loading:
            self._reselect = current.id if current is not None else None
        self.tags_model.load(rows, texts, counts, *sort)
        self.set_filters(tags, sources)
        self._update_count()
        self._load_timer.start()

    @property
    def loading(self) -> bool:
        """Whether a ``load`` is still being listed."""
        return self.tags_model.loading

    def on_load_timer_timeout(self) -> None:
        model = self.tags_model
        deadline = time.perf_counter() + LOAD_SLICE_MS / 1000
        more = model.load_more(LOAD_CHUNK_ROWS)
        while more and time.perf_counter() < deadline:
            more = model.load_more(LOAD_CHUNK_ROWS)
        self._update_count()
        if more:
            self._load_timer.start()
            return
        if self._reselect is not None:
            self.select(self._reselect)
            self._reselect = None
        self.loaded.emit()

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
        if self.tags_model.loading:
            self.count_label.setText(f"listing {total} of {self.tags_model.load_total} tags…")
            return
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
