"""What each pane marks, read off a Comparison: plain Python, no Qt.

The window draws these marks; it does not decide them. Keeping this layer free
of Qt lets it be tested without a window, and it could move below ``ui/`` once
another front end wants it.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from pygments.token import Literal as LiteralToken
from pygments.token import Number

from nkdesk.analysis import Comparison
from nkdesk.analysis.model import Conflict, Link, Span
from nkdesk.text.lexer import QUALIFIER, TokenType

Layer = Literal["shared", "verbatim", "conflict", "claim_number", "claim_date"]
LAYERS: tuple[Layer, ...] = ("shared", "verbatim", "conflict", "claim_number", "claim_date")


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
        else:
            marks.add(Mark(link.a.start, link.a.end, "conflict", link.cluster))
    for start, end, ttype in claim_tokens:
        layer = claim_layer(ttype)
        if layer is not None:
            marks.add(Mark(start, end, layer))
    return sorted(marks)


class Passages:
    """The shared passages and conflicting values of one document, for navigation."""

    def __init__(self, comparison: Comparison, doc_id: str) -> None:
        self.doc_id = doc_id
        self.links = comparison.links_of(doc_id)
        self.shared = _unique_spans(link.a for link in self.links if link.kind == "shared")
        self.conflicts = _unique_spans(link.a for link in self.links if link.kind == "conflict")

    def step(
        self, kind: Literal["shared", "conflict"], position: int, forward: bool
    ) -> Span | None:
        """The next (or previous) passage of ``kind`` from a caret, wrapping around."""
        spans = self.shared if kind == "shared" else self.conflicts
        if not spans:
            return None
        starts = [s.start for s in spans]
        if forward:
            index = bisect.bisect_right(starts, position)
            return spans[index % len(spans)]
        index = bisect.bisect_left(starts, position) - 1
        return spans[index % len(spans)]

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


def conflicts_at(comparison: Comparison, doc_id: str, position: int) -> list[Conflict]:
    """The conflicts with a value in ``doc_id`` covering ``position``."""
    found = []
    for conflict in comparison.conflicts:
        for fact in (conflict.a, conflict.b):
            if fact.doc == doc_id and fact.start <= position < fact.end:
                found.append(conflict)
                break
    return found


def describe(comparison: Comparison, doc_id: str, position: int, titles: dict[str, str]) -> str:
    """The hover text for ``position``: who shares the passage, what conflicts there.

    Plain text with one line per fact, empty when nothing is marked there.
    """
    lines: list[str] = []
    shared = [
        link for link in Passages(comparison, doc_id).links_at(position) if link.kind == "shared"
    ]
    if shared:
        docs = list(dict.fromkeys(link.b.doc for link in shared))
        cluster = shared[0].cluster
        if cluster is not None and cluster < len(comparison.clusters):
            docs = [d for d in comparison.clusters[cluster].docs if d != doc_id] or docs
        lines.append("Shared with: " + "; ".join(titles.get(d, d) for d in docs))
        if any(link.verbatim for link in shared):
            lines.append("Near-verbatim copy")
    for conflict in conflicts_at(comparison, doc_id, position):
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
