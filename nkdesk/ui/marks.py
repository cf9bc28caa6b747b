"""What each pane marks, read off a Comparison: plain Python, no Qt.

The window draws these marks; it does not decide them. Keeping this layer free
of Qt lets it be tested without a window, and it could move below ``ui/`` once
another front end wants it.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from pygments.token import Literal as LiteralToken
from pygments.token import Number

from nkdesk.analysis.model import Conflict, Link, Span
from nkdesk.text.tokens import QUALIFIER, TokenType

if TYPE_CHECKING:
    from nkdesk.analysis import Comparison  # the engine loads in the worker

Layer = Literal["shared", "verbatim", "event", "conflict", "claim_number", "claim_date"]
LAYERS: tuple[Layer, ...] = (
    "shared", "verbatim", "event", "conflict", "claim_number", "claim_date",
)  # fmt: skip


@dataclass(frozen=True, slots=True, order=True)
class Mark:
    """One stretch of one document to draw in one layer; offsets in code points."""

    start: int
    end: int
    layer: Layer
    cluster: int | None = None


def claim_layer(ttype: TokenType) -> Layer | None:
    """The layer a claim token is drawn in, if any: numbers and dates only.

    Names, quotes and attribution cues are left plain; marking every one of
    them made the text noisier than the shared passages it sits under.
    """
    if ttype in Number or ttype in QUALIFIER:
        return "claim_number"
    if ttype in LiteralToken.Date:
        return "claim_date"
    return None


def document_marks(
    comparison: Comparison,
    doc_id: str,
    claim_tokens: Iterable[tuple[int, int, TokenType]] = (),
) -> list[Mark]:
    """Every mark of one document, sorted, each span once per layer."""
    marks: set[Mark] = set()
    for link in comparison.links_of(doc_id):
        if link.kind == "shared":
            marks.add(Mark(link.a.start, link.a.end, "shared", link.cluster))
            if link.verbatim:
                marks.add(Mark(link.a.start, link.a.end, "verbatim", link.cluster))
        elif link.kind == "event":
            marks.add(Mark(link.a.start, link.a.end, "event"))
        else:
            marks.add(Mark(link.a.start, link.a.end, "conflict", link.cluster))
    for start, end, ttype in claim_tokens:
        layer = claim_layer(ttype)
        if layer is not None:
            marks.add(Mark(start, end, layer))
    return sorted(marks)


class Stretches:
    """Sorted stretches (anything with ``start`` and ``end``), found by the range they touch.

    A pane draws only the marks near what it shows: on a 200 KB article the
    tens of thousands of marks cost seconds as Qt selections, the few
    hundred on and around the screen a millisecond.
    """

    def __init__(self, items: Iterable[Mark] | Iterable[Span]) -> None:
        self.items = sorted(items, key=lambda item: (item.start, item.end))
        self._starts = [item.start for item in self.items]
        self._longest = max((item.end - item.start for item in self.items), default=0)

    def __len__(self) -> int:
        return len(self.items)

    def touching(self, start: int, end: int) -> list:
        """The stretches overlapping ``[start, end)``, in offset order."""
        first = bisect.bisect_left(self._starts, start - self._longest)
        stop = bisect.bisect_left(self._starts, end)
        return [item for item in self.items[first:stop] if item.end > start]


class Passages:
    """The shared passages and conflicting values of one document, for navigation.

    Built once per document when the comparison arrives, so that hovering,
    clicking and scrolling only look things up and never wait on the engine.
    """

    def __init__(self, comparison: Comparison, doc_id: str) -> None:
        self.doc_id = doc_id
        self.clusters = comparison.clusters
        self.links = comparison.links_of(doc_id)
        self.shared = _unique_spans(link.a for link in self.links if link.kind == "shared")
        # F8 walks passages: a shared figure inside a shared sentence is the same stop.
        self.stops = _outermost(self.shared)
        self.conflicts = _unique_spans(link.a for link in self.links if link.kind == "conflict")
        self.value_conflicts = [c for c in comparison.conflicts if doc_id in (c.a.doc, c.b.doc)]
        # The furthest end among shared[:i + 1]: lets passage_at stop scanning
        # back as soon as no earlier passage can still cover a position.
        self._shared_starts = [s.start for s in self.shared]
        self._reach: list[int] = []
        for span in self.shared:
            self._reach.append(max(span.end, self._reach[-1] if self._reach else 0))

    def step(
        self, kind: Literal["shared", "conflict"], position: int, forward: bool
    ) -> Span | None:
        """The next (or previous) passage of ``kind`` from a caret, wrapping around."""
        spans = self.stops if kind == "shared" else self.conflicts
        if not spans:
            return None
        starts = [s.start for s in spans]
        if forward:
            index = bisect.bisect_right(starts, position)
            return spans[index % len(spans)]
        index = bisect.bisect_left(starts, position) - 1
        return spans[index % len(spans)]

    def passage_at(self, top: int, bottom: int) -> Span | None:
        """The shared passage at the top of a view showing ``[top, bottom)``.

        The passage covering ``top`` that starts last (the one the eye meets
        first), else the first passage starting inside the view.
        """
        index = bisect.bisect_right(self._shared_starts, top)
        for i in range(index - 1, -1, -1):
            if self._reach[i] <= top:
                break
            if self.shared[i].end > top:
                return self.shared[i]
        if index < len(self.shared) and self.shared[index].start < bottom:
            return self.shared[index]
        return None

    def links_at(self, position: int) -> list[Link]:
        """The links whose passage here covers ``position``, the narrowest first.

        A conflicting value sits inside a shared passage; the narrower link is
        the one the analyst pointed at.
        """
        hits = [link for link in self.links if link.a.start <= position < link.a.end]
        return sorted(hits, key=lambda link: (link.a.end - link.a.start, link.kind != "conflict"))

    def partners(self, position: int) -> dict[str, Span]:
        """For each other document, the passage that answers the one at ``position``.

        The narrowest link wins; among links of the same passage, the best score.
        """
        result: dict[str, tuple[tuple[int, float], Span]] = {}
        for link in self.links_at(position):
            rank = (link.a.end - link.a.start, -link.score)
            best = result.get(link.b.doc)
            if best is None or rank < best[0]:
                result[link.b.doc] = (rank, link.b)
        return {doc: span for doc, (_, span) in result.items()}


def _unique_spans(spans: Iterable[Span]) -> list[Span]:
    return sorted(set(spans))


def _outermost(spans: list[Span]) -> list[Span]:
    """The sorted spans not inside another of them."""
    kept: list[Span] = []
    reach = -1
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if span.end <= reach:
            continue
        kept.append(span)
        reach = max(reach, span.end)
    return kept


def conflicts_at(passages: Passages, position: int) -> list[Conflict]:
    """The conflicts with a value in the passages' document covering ``position``."""
    found = []
    for conflict in passages.value_conflicts:
        for fact in (conflict.a, conflict.b):
            if fact.doc == passages.doc_id and fact.start <= position < fact.end:
                found.append(conflict)
                break
    return found


def describe(passages: Passages, position: int, titles: dict[str, str]) -> str:
    """The hover text for ``position``: who shares the passage, what conflicts there.

    Plain text with one line per fact, empty when nothing is marked there.
    """
    lines: list[str] = []
    doc_id, clusters = passages.doc_id, passages.clusters
    shared = [link for link in passages.links_at(position) if link.kind == "shared"]
    if shared:
        docs = list(dict.fromkeys(link.b.doc for link in shared))
        cluster = shared[0].cluster
        if cluster is not None and cluster < len(clusters):
            docs = [d for d in clusters[cluster].docs if d != doc_id] or docs
        lines.append("Shared with: " + "; ".join(titles.get(d, d) for d in docs))
        if any(link.verbatim for link in shared):
            lines.append("Near-verbatim copy")
    same_event = [link for link in passages.links_at(position) if link.kind == "event"]
    if same_event:
        docs = list(dict.fromkeys(link.b.doc for link in same_event))
        lines.append("Same event in: " + "; ".join(titles.get(d, d) for d in docs))
    for conflict in conflicts_at(passages, position):
        if lines:
            lines.append("")
        lines.append(f"Conflict: {conflict_topic(conflict)}")
        for fact in (conflict.a, conflict.b):
            speaker = f", according to {fact.speaker}" if fact.speaker else ""
            lines.append(f"• “{fact.text}” in {titles.get(fact.doc, fact.doc)}{speaker}")
    return "\n".join(lines)


def conflict_topic(conflict: Conflict) -> str:
    """What the two values disagree about: the part of ``why`` before the values."""
    topic, _, _ = conflict.why.partition(":")
    return topic.strip() or conflict.a.type
