"""The claim matrix: what each source says about each claim, read off a Comparison.

One row per claim cluster, one column per source. A cell holds the source's
reading of the claim: the values it states there (the Facts inside its
passages of the cluster, as written: "about 11,000"), or else a short quote of
its passage; and whether another source contradicts it ("conflict"), the
engine found another source giving the same value ("agree"), the source
reports the claim without the engine deciding that it agrees ("mentions":
two passages about the same front line may say opposite things in words the
engine does not weigh), or the source does not report it at all ("absent").
A cell is "conflict" exactly when a Conflict of ``conflicts.py`` holds one of
its values, so the matrix and the conflicts dock never disagree.

Plain Python: the window's table is a thin adapter over ``ClaimMatrix``.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, NamedTuple

from nkdesk.analysis.model import Cluster, Conflict, Fact, Span

if TYPE_CHECKING:
    from nkdesk.analysis.model import Comparison

CellState = Literal["agree", "mentions", "conflict", "absent"]
QUOTE_CHARS = 60
# An article named as a claim's origin by its title (see independence).
ORIGIN_TITLE_CHARS = 40
READING_SEPARATOR = " · "


class Cell(NamedTuple):
    """One source's reading of one claim.

    ``span`` is where the reading is in the source (a conflicting value, or
    the passage it came from); None when the source does not report the claim.
    """

    state: CellState
    text: str
    span: Span | None


@dataclass(frozen=True, slots=True)
class Row:
    """One claim cluster across the sources, in ``ClaimMatrix.sources`` order."""

    cluster: Cluster
    cells: tuple[Cell, ...]
    # Per cell, the conflicts that make it a "conflict" (empty otherwise).
    cell_conflicts: tuple[tuple[Conflict, ...], ...]


@dataclass(frozen=True, slots=True)
class ClaimMatrix:
    """Claims (rows) by sources (columns, document ids in corpus order)."""

    sources: tuple[str, ...]
    rows: tuple[Row, ...]

    def cell(self, row: int, column: int) -> Cell:
        return self.rows[row].cells[column]

    def conflicts_at(self, row: int, column: int) -> tuple[Conflict, ...]:
        return self.rows[row].cell_conflicts[column]

    def column_of(self, doc_id: str) -> int:
        return self.sources.index(doc_id)

    def count(self, state: CellState) -> int:
        return sum(cell.state == state for row in self.rows for cell in row.cells)


def independence(cluster: Cluster, sources: int, titles: Mapping[str, str] | None = None) -> str:
    """ "3 of 5 sources · 1 origin: The New York Times": how many report a claim, and
    how many independent first reporters they echo (see ``attribution.origins``).

    An article whose outlet is unknown is its own origin under its document
    id; with ``titles`` (by document id) it is named by its title instead, as
    its column is: "002_7675fc0b4faf" tells the analyst nothing.
    """
    origins = [
        f"“{quote(titles[origin], ORIGIN_TITLE_CHARS)}”" if titles and origin in titles else origin
        for origin in cluster.origins
    ]
    counted = f"{len(origins)} origin{'s' if len(origins) != 1 else ''}"
    return f"{cluster.support} of {sources} sources · {counted}: {', '.join(origins) or '—'}"


def claim_matrix(comparison: Comparison) -> ClaimMatrix:
    """Read every source's reading of every claim cluster of ``comparison``."""
    sources = tuple(d.id for d in comparison.documents)
    texts = {d.id: d.text for d in comparison.documents}
    facts_by_doc: dict[str, _Facts] = defaultdict(_Facts)
    for fact in sorted(comparison.facts, key=lambda f: (f.doc, f.start, f.end)):
        facts_by_doc[fact.doc].add(fact)
    conflicts_by_cluster = _conflicts_by_cluster(comparison.clusters, comparison.conflicts)

    rows: list[tuple[Cluster, tuple[Cell, ...], list[tuple[Conflict, ...]]]] = []
    # Two clusters can read the same in every source (a fact claim and the
    # passage claim around it): one row says it, with the conflicts of both.
    row_of: dict[tuple[tuple[CellState, str], ...], int] = {}
    for cluster in comparison.clusters:
        members: dict[str, list[Span]] = defaultdict(list)
        for member in cluster.members:
            members[member.doc].append(member)
        related = conflicts_by_cluster.get(cluster.id, ())
        cells, cell_conflicts = [], []
        for doc_id in sources:
            cell, involved = _cell(
                doc_id, members.get(doc_id, []), facts_by_doc[doc_id], related, cluster.id, texts
            )
            if cell.state == "mentions" and _agreed(cluster, doc_id):
                cell = cell._replace(state="agree")
            cells.append(cell)
            cell_conflicts.append(involved)
        readings = tuple((c.state, c.text) for c in cells)
        if readings in row_of:
            kept = rows[row_of[readings]][2]
            for column, involved in enumerate(cell_conflicts):
                kept[column] += tuple(c for c in involved if c not in kept[column])
            continue
        row_of[readings] = len(rows)
        rows.append((cluster, tuple(cells), cell_conflicts))
    return ClaimMatrix(
        sources,
        tuple(Row(cluster, cells, tuple(involved)) for cluster, cells, involved in rows),
    )


def _agreed(cluster: Cluster, doc_id: str) -> bool:
    """Whether the engine decided that ``doc_id`` agrees with another source on
    ``cluster``: it gives a value that another source gives too."""
    return any(doc_id in group.docs and len(set(group.docs)) > 1 for group in cluster.values)


def _conflicts_by_cluster(
    clusters: Sequence[Cluster], conflicts: Iterable[Conflict]
) -> dict[int, list[Conflict]]:
    """Each cluster's conflicts: those the engine tied to it (the fact claim it
    found them in), and those whose values lie inside its passages, so that a
    passage stating a conflicting value is red in every row it appears in."""
    spans_by_doc: dict[str, _Members] = defaultdict(_Members)
    for cluster in clusters:
        for member in cluster.members:
            spans_by_doc[member.doc].add(member, cluster.id)
    for members in spans_by_doc.values():
        members.sort()
    result: dict[int, list[Conflict]] = defaultdict(list)
    for conflict in conflicts:
        if conflict.cluster is not None:
            result[conflict.cluster].append(conflict)
        found = {
            cluster_id
            for fact in (conflict.a, conflict.b)
            if fact.doc in spans_by_doc
            for cluster_id in spans_by_doc[fact.doc].around(fact)
        }
        for cluster_id in sorted(found - {conflict.cluster}):
            result[cluster_id].append(conflict)
    return result


def _cell(
    doc_id: str,
    members: list[Span],
    facts: _Facts,
    related: Sequence[Conflict],
    cluster_id: int,
    texts: dict[str, str],
) -> tuple[Cell, tuple[Conflict, ...]]:
    stated = facts.inside(members)
    stated_here = set(stated)
    involved_facts: list[Fact] = []
    involved: list[Conflict] = []
    for conflict in related:
        for fact in (conflict.a, conflict.b):
            if fact.doc != doc_id:
                continue
            # A conflict without a cluster belongs here only through a value
            # inside this source's passages; one tied to the cluster by the
            # engine counts wherever its value sits.
            if conflict.cluster == cluster_id or fact in stated_here:
                if fact not in involved_facts:
                    involved_facts.append(fact)
                if conflict not in involved:
                    involved.append(conflict)
    if involved_facts:
        readings = involved_facts + [f for f in stated if f not in involved_facts]
        return Cell("conflict", _join(readings), involved_facts[0].span), tuple(involved)
    if not members:
        return Cell("absent", "", None), ()
    if stated:
        passage = min((m for m in members if _inside(stated[0], m)), key=_length)
        return Cell("mentions", _join(stated), passage), ()
    passage = min(members, key=lambda m: (_length(m), m.start))
    return Cell("mentions", quote(texts[doc_id][passage.start : passage.end]), passage), ()


class _Facts:
    """One document's facts sorted by offset, to find those inside passages by bisection."""

    def __init__(self) -> None:
        self.facts: list[Fact] = []
        self.starts: list[int] = []

    def add(self, fact: Fact) -> None:  # in (start, end) order
        self.facts.append(fact)
        self.starts.append(fact.start)

    def inside(self, spans: Sequence[Span]) -> list[Fact]:
        """The facts inside any of ``spans``, in offset order, each once."""
        found: set[int] = set()
        for span in spans:
            index = bisect.bisect_left(self.starts, span.start)
            while index < len(self.facts) and self.starts[index] < span.end:
                if self.facts[index].end <= span.end:
                    found.add(index)
                index += 1
        return [self.facts[index] for index in sorted(found)]


class _Members:
    """One document's cluster passages sorted by start, to find those around a value."""

    def __init__(self) -> None:
        self.spans: list[tuple[int, int, int]] = []  # (start, end, cluster id)
        self.starts: list[int] = []
        self.longest = 0

    def add(self, span: Span, cluster_id: int) -> None:
        self.spans.append((span.start, span.end, cluster_id))
        self.longest = max(self.longest, span.end - span.start)

    def sort(self) -> None:
        self.spans.sort()
        self.starts = [start for start, _, _ in self.spans]

    def around(self, fact: Fact) -> set[int]:
        """The clusters with a passage here that holds ``fact`` whole."""
        # A passage holding the fact starts at most ``longest`` before its end.
        index = bisect.bisect_left(self.starts, fact.end - self.longest)
        stop = bisect.bisect_right(self.starts, fact.start)
        return {cluster for _, end, cluster in self.spans[index:stop] if fact.end <= end}


def _inside(fact: Fact, span: Span) -> bool:
    return fact.doc == span.doc and span.start <= fact.start and fact.end <= span.end


def _length(span: Span) -> int:
    return span.end - span.start


def _join(facts: Iterable[Fact]) -> str:
    readings = dict.fromkeys(" ".join((f.text or f.value).split()) for f in facts)
    return READING_SEPARATOR.join(readings)


def quote(text: str, limit: int = QUOTE_CHARS) -> str:
    """A passage as a one-line quote of at most ``limit`` characters, cut at a word."""
    text = " ".join(text.split()).strip(" “”\"'")
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit - 1)
    return text[: cut if cut > limit // 2 else limit - 1].rstrip(" ,;:") + "…"
