"""Reading a whole tag file for the window in a worker, so that opening a big one never stalls it.

The window reads every tag when it opens a tag file or another window
changed more than a few (an import). At 100,000 tags that took the UI thread
3.6 s: reading the rows, then the cell texts and sort keys of the tags dock
and the underlines of each pane, all plain Python. ``read_tags`` does all of
it in a worker, on a connection of its own (``nkdesk.store.read_listing``:
SQLite connections belong to their thread); the UI thread then only hands
the results over, and the tags dock lists its rows a slice at a time
(``TagsPanel.load``).

The listing is one snapshot of the file at its ``revision``: tags made while
it is read (in this window or another) are read after it from the change
log (``TagStore.changes_since``), so none is lost or listed twice.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal

from nkdesk.store import AnnotationRow, Listing, StoreError
from nkdesk.ui.stripes import Stripe, tag_stripes
from nkdesk.ui.tag_rows import TagRows
from nkdesk.ui.tagging import TagMark, tag_marks
from nkdesk.ui.tags_panel import RowTexts, row_texts, table_keys
from nkdesk.ui.worker import Task, runner, sharing_the_interpreter

# Up to this many annotations the window reads its tag file on the UI thread
# at once, as before (tens of milliseconds): the rows are there when opening
# returns, and the table keeps its scroll. Beyond it, in a worker.
READ_AT_ONCE = 1_000

# How many keys a worker sorts in one go (``sorted_in_runs``): about 5 ms.
SORT_RUN = 4_000

Sort = tuple[int, Qt.SortOrder]  # the tags table's column and order


@dataclass(frozen=True, slots=True)
class PaneTags:
    """One article's tags as its pane draws them: rows, underlines, overview stripes."""

    rows: list[AnnotationRow]
    marks: list[TagMark]
    stripes: tuple[Stripe, ...]


@dataclass(frozen=True, slots=True)
class TagsRead:
    """A whole tag file as the window shows it, prepared off the UI thread.

    ``table`` and ``texts`` are the tags dock's rows in its order by
    ``sort``; ``counts`` its rows per tag id; ``panes`` the tags of each
    article asked for, by document id.
    """

    path: str
    listing: Listing
    rows: TagRows
    panes: dict[str, PaneTags]
    table: list[AnnotationRow]
    texts: list[RowTexts]
    counts: Counter[int]
    sort: Sort


def pane_tags(rows: TagRows, document: str, length: int) -> PaneTags:
    """The tags of one article, whose text is ``length`` characters, as its pane draws them."""
    here = list(rows.of_document(document))
    return PaneTags(here, tag_marks(here), tag_stripes(here, length))


def prepare(
    path: str, listing: Listing, documents: Sequence[tuple[str, int]], sort: Sort
) -> TagsRead:
    """What the window shows of ``listing``: ``documents`` are the articles shown,
    as (id, length of its text). Plain Python: it runs in the worker."""
    rows = TagRows(listing.rows)
    panes = {document: pane_tags(rows, document, length) for document, length in documents}
    texts = [row_texts(r) for r in rows]
    keys = table_keys(rows, texts, sort[0])
    order = sorted_in_runs(keys, reverse=sort[1] == Qt.SortOrder.DescendingOrder)
    return TagsRead(
        path,
        listing,
        rows,
        panes,
        [rows[n] for n in order],
        [texts[n] for n in order],
        Counter(r.annotation.tag for r in rows),
        sort,
    )


def sorted_in_runs(keys: Sequence[Any], *, reverse: bool = False) -> list[int]:
    """The positions of ``keys`` in their sorted order, as ``sorted`` gives them.

    Sorted in runs of SORT_RUN merged in Python, so that a worker lets the UI
    thread run meanwhile: one ``sorted`` of 100,000 rows' keys compares them
    in C for 130 ms without handing the interpreter lock over.
    """
    by_key = keys.__getitem__
    runs = [
        sorted(range(first, min(first + SORT_RUN, len(keys))), key=by_key, reverse=reverse)
        for first in range(0, len(keys), SORT_RUN)
    ]
    return list(heapq.merge(*runs, key=by_key, reverse=reverse))


def read_tags(path: str, documents: Sequence[tuple[str, int]], sort: Sort) -> TagsRead:
    """Read and prepare a whole tag file (in a worker); raises StoreError naming it.

    Shares the interpreter as a comparison does (``sharing_the_interpreter``):
    the UI thread gets the interpreter lock within a millisecond whenever it
    asks, and no full garbage collection over the 100,000 rows being built
    holds it for a tenth of a second.
    """
    from nkdesk.store import read_listing

    with sharing_the_interpreter():
        return prepare(path, read_listing(path), documents, sort)


class ListingReader(QObject):
    """Runs ``read_tags`` in a worker (a ``Task``) and hands the window the latest one.

    Starting again while a read runs drops the running one's result (it runs
    to its end under the ``Runner``); so does ``cancel``.

    Signals:
        read(object): the TagsRead of the latest ``start``.
        failed(str, str): it could not be read: a title, and a text naming the
            file and the problem.
    """

    read = Signal(object)
    failed = Signal(str, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._task: Task | None = None
        self.path = ""  # the file of the read running

    @property
    def busy(self) -> bool:
        """Whether a read was started and its result is not back yet."""
        return self._task is not None

    def start(self, path: str, documents: Sequence[tuple[str, int]], sort: Sort) -> None:
        documents = tuple(documents)
        self.path = path
        task = Task(lambda _progress, _cancelled: read_tags(path, documents, sort))
        task.succeeded.connect(self.on_task_succeeded)
        task.failed.connect(self.on_task_failed)
        self._task = task
        runner().start(task)

    def cancel(self) -> None:
        self._task = None

    def on_task_succeeded(self, result: object) -> None:
        if self.sender() is not self._task:
            return  # started again, or cancelled, meanwhile
        self._task = None
        self.read.emit(result)

    def on_task_failed(self, error: object) -> None:
        if self.sender() is not self._task:
            return
        self._task = None
        if isinstance(error, StoreError):
            self.failed.emit("Cannot read the tag file", f"{error.path}\n\n{error.reason}")
        else:
            self.failed.emit("Cannot read the tag file", f"{type(error).__name__}: {error}")
