"""The tag file's annotation rows as a window last read them, kept in listing order.

A tag operation changes one row or a few; the window reads just those again
(``TagStore.changes_since``) and ``TagRows.apply`` puts them in place, so
that what a hotkey costs does not grow with the number of tags in the file.
Rows are in the order ``TagStore.annotation_rows()`` lists them: document,
start, end, id.
"""

from __future__ import annotations

import math
from bisect import bisect_left, insort
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import overload

from nkdesk.store import AnnotationRow

Order = tuple[str, float, float, float]  # document, start, end, id; floats for the bounds


def _order(row: AnnotationRow) -> Order:
    a = row.annotation
    return (a.document, a.start, a.end, a.id)


@dataclass(slots=True)
class Applied:
    """What ``TagRows.apply`` changed, for the views that show the rows."""

    documents: set[str] = field(default_factory=set)  # whose rows changed
    rows: list[AnnotationRow] = field(default_factory=list)  # added or changed, as read
    removed: list[int] = field(default_factory=list)  # ids of rows gone
    claims: bool = False  # whether a row linked to a claim, before or after


class TagRows(Sequence[AnnotationRow]):
    """Annotation rows in listing order, found by id and by document in O(log n)."""

    def __init__(self, rows: Iterable[AnnotationRow] = ()) -> None:
        self._rows: list[AnnotationRow] = []
        self._by_id: dict[int, AnnotationRow] = {}
        self.replace(rows)

    def replace(self, rows: Iterable[AnnotationRow]) -> None:
        """Hold ``rows`` (as ``annotation_rows()`` lists them) instead of what was held."""
        self._rows = sorted(rows, key=_order)
        self._by_id = {r.annotation.id: r for r in self._rows}

    def take(self, other: TagRows) -> None:
        """Hold the rows ``other`` holds, without copying or sorting them again; ``other``
        is left empty. A worker builds a tag file's rows; the UI thread takes them."""
        self._rows, self._by_id = other._rows, other._by_id
        other._rows, other._by_id = [], {}

    def apply(self, ids: Iterable[int], fresh: Iterable[AnnotationRow]) -> Applied:
        """Bring the rows of ``ids`` up to date: ``fresh`` holds those that still exist."""
        applied = Applied()
        fresh_by_id = {r.annotation.id: r for r in fresh}
        for annotation_id in set(ids) | set(fresh_by_id):
            old = self._by_id.pop(annotation_id, None)
            if old is not None:
                del self._rows[self._position(old)]
                applied.documents.add(old.annotation.document)
                applied.claims |= old.annotation.claim is not None
            new = fresh_by_id.get(annotation_id)
            if new is None:
                if old is not None:
                    applied.removed.append(annotation_id)
                continue
            insort(self._rows, new, key=_order)
            self._by_id[annotation_id] = new
            applied.rows.append(new)
            applied.documents.add(new.annotation.document)
            applied.claims |= new.annotation.claim is not None
        return applied

    def _position(self, row: AnnotationRow) -> int:
        at = bisect_left(self._rows, _order(row), key=_order)
        assert self._rows[at].annotation.id == row.annotation.id
        return at

    def get(self, annotation_id: int) -> AnnotationRow | None:
        return self._by_id.get(annotation_id)

    def of_document(self, document: str) -> list[AnnotationRow]:
        """The rows of one document, in their order in it."""
        start = bisect_left(self._rows, (document, -math.inf, -math.inf, -math.inf), key=_order)
        end = bisect_left(self._rows, (document, math.inf, math.inf, math.inf), key=_order)
        return self._rows[start:end]

    def documents(self) -> dict[str, str]:
        """Each document that has rows, with its title as the tag file gives it.

        One bisection per document, not a look at every row: at 100,000 rows
        that took the UI thread 60 ms whenever a tag was linked to a claim.
        """
        found: dict[str, str] = {}
        at = 0
        while at < len(self._rows):
            document = self._rows[at].annotation.document
            end = bisect_left(self._rows, (document, math.inf, math.inf, math.inf), key=_order)
            found[document] = self._rows[end - 1].document_title
            at = end
        return found

    def __eq__(self, other: object) -> bool:
        """Equal to the same rows in the same order, held by a TagRows or a list."""
        if isinstance(other, TagRows):
            return self._rows == other._rows
        if isinstance(other, list):
            return self._rows == other
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # changes in place

    def __repr__(self) -> str:
        return f"TagRows({self._rows!r})"

    def __len__(self) -> int:
        return len(self._rows)

    def __iter__(self) -> Iterator[AnnotationRow]:
        return iter(self._rows)

    @overload
    def __getitem__(self, index: int) -> AnnotationRow: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[AnnotationRow]: ...
    def __getitem__(self, index: int | slice) -> AnnotationRow | Sequence[AnnotationRow]:
        return self._rows[index]
