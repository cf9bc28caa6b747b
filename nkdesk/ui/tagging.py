"""What tagging decides, in plain Python (no Qt): which words, which tag, which lane.

The window asks these questions and draws the answers:

- which stretch a key or a mouse drag means (``word_at``, ``snap_to_words``);
- which tag "the tag at the caret" is when several overlap (``annotation_at``);
- where each tag's underline goes so that overlapping tags all stay visible
  (``tag_marks``: one lane per overlapping tag, stacked below the text);
- what value the quick-tag popup offers (``value_in``);
- what the claim matrix shows for the analyst's own claims (``analyst_rows``).

Offsets are code points, half-open, as everywhere in nkdesk; like ``marks``,
this could move below ``ui/`` once another front end wants it.
"""

from __future__ import annotations

import bisect
import heapq
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from nkdesk.analysis.matrix import READING_SEPARATOR, Cell, quote
from nkdesk.analysis.model import Conflict, Fact, Span
from nkdesk.store import Annotation, AnnotationRow, Claim

# A word, as a double-click or Ctrl+Right sees it, plus the joiners inside
# figures and names: "11,000", "3.5", "Kim's", "North-Korean" are one word each,
# so a key or a drag never tags half a number.
WORD = re.compile(r"\w+(?:[.,'’\-]\w+)*")
# How far around a position a word is looked for; no word is longer.
WORD_REACH_CHARS = 200
# Stances shown in a matrix cell; "supports" and "reports" are what a cell
# means anyway, and printing them in every cell would be noise.
STANCES_SHOWN = ("disputes", "qualifies")


def _words_near(text: str, position: int) -> Iterable[tuple[int, int]]:
    low = max(0, position - WORD_REACH_CHARS)
    for match in WORD.finditer(text, low, min(len(text), position + WORD_REACH_CHARS)):
        yield match.start(), match.end()


def word_at(text: str, position: int) -> tuple[int, int] | None:
    """The word under the caret: the one covering the character after it, else the one
    ending at it (the caret just after a word), else None (the caret is between words)."""
    before = None
    for start, end in _words_near(text, position):
        if start <= position < end:
            return start, end
        if end == position:
            before = (start, end)
    return before


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """A mouse selection widened to whole words and trimmed of spaces at its ends.

    A drag rarely starts or stops exactly on a word's edge; tagging "orth
    Korean troo" would quote nonsense. Returns ``(start, start)`` when only
    spaces were selected.
    """
    start, end = min(start, end), max(start, end)
    for word_start, word_end in _words_near(text, start):
        if word_start < start < word_end:
            start = word_start
            break
    for word_start, word_end in _words_near(text, end):
        if word_start < end < word_end:
            end = word_end
            break
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def annotation_at(annotations: Iterable[Annotation], position: int) -> Annotation | None:
    """The tag the caret means, when Delete, E or L acts on "the tag at the caret".

    Those covering the character after the caret or ending at the caret
    (tagging leaves the caret just after the passage, and Delete then must
    reach the tag just made, even inside a longer one); of these the
    innermost (shortest), and of equally short ones the most recent: the
    tag drawn nearest the text and the one just made. Orphaned tags have no
    place and are never "at" one.
    """
    hits = [a for a in annotations if not a.orphaned and a.start <= position <= a.end]
    if not hits:
        return None
    return min(hits, key=lambda a: (a.end - a.start, -a.id))


@dataclass(frozen=True, slots=True, order=True)
class TagMark:
    """One tag's underline in one pane; ``lane`` 0 is nearest the text."""

    start: int
    end: int
    lane: int
    annotation: int
    colour: str  # "#RRGGBB", the tag's


def tag_marks(rows: Iterable[AnnotationRow]) -> list[TagMark]:
    """Every placed tag of one document as an underline, overlapping tags in different lanes.

    Lanes are given greedily from the left, the longest tag first at equal
    starts, so that a tag keeps its lane along its whole length and a tag
    inside another sits below it.
    """
    placed = sorted(
        (r.annotation for r in rows if not r.annotation.orphaned),
        key=lambda a: (a.start, -(a.end - a.start), a.id),
    )
    colours = {r.annotation.id: r.tag_colour for r in rows}
    # The lowest lane free at each start, from two heaps: lanes in use by
    # where their tag ends, and free lanes by number; n log n however deep
    # the tags overlap.
    busy: list[tuple[int, int]] = []
    free: list[int] = []
    lanes = 0
    marks = []
    for annotation in placed:
        while busy and busy[0][0] <= annotation.start:
            heapq.heappush(free, heapq.heappop(busy)[1])
        if free:
            lane = heapq.heappop(free)
        else:
            lane, lanes = lanes, lanes + 1
        heapq.heappush(busy, (annotation.end, lane))
        marks.append(
            TagMark(annotation.start, annotation.end, lane, annotation.id, colours[annotation.id])
        )
    return sorted(marks)


def describe_tags(rows: Iterable[AnnotationRow], position: int) -> str:
    """The hover text for the tags covering ``position``: one line each, innermost first."""
    hits = [
        r
        for r in rows
        if not r.annotation.orphaned and r.annotation.start <= position < r.annotation.end
    ]
    hits.sort(key=lambda r: (r.annotation.end - r.annotation.start, -r.annotation.id))
    lines = []
    for row in hits:
        a = row.annotation
        parts = [f"Tag: {row.tag_name}"]
        if row.claim_label:
            parts.append(f"{a.stance or 'linked'} “{row.claim_label}”")
        elif a.stance:
            parts.append(a.stance)
        if a.value:
            parts.append(f"value {a.value}")
        if a.note:
            parts.append(a.note)
        lines.append(" · ".join(parts))
    return "\n".join(lines)


def value_in(facts: Iterable[Fact], doc_id: str, start: int, end: int) -> str:
    """The first value the engine read inside ``[start, end)``, as written, or ""."""
    inside = [f for f in facts if f.doc == doc_id and start <= f.start and f.end <= end]
    if not inside:
        return ""
    first = min(inside, key=lambda f: (f.start, f.end))
    return " ".join((first.text or first.value).split())


def speaker_in(facts: Iterable[Fact], doc_id: str, start: int, end: int) -> str:
    """Who the engine read as saying the first value inside ``[start, end)``, or ""."""
    inside = [f for f in facts if f.doc == doc_id and start <= f.start and f.end <= end]
    first = min(inside, key=lambda f: (f.start, f.end), default=None)
    return " ".join((first.speaker or "").split()) if first is not None else ""


@dataclass(frozen=True, slots=True)
class AnalystRow:
    """One claim the analyst made, across the sources: a row of the claim matrix.

    ``cells`` are in the matrix's source order, as ``analysis.matrix.Cell``:
    "conflict" where the source's passage disputes the claim, "agree" where it
    supports, reports or qualifies it, "absent" where no passage is linked.
    ``annotations`` holds, per cell, the tagged passages it was read from.
    """

    claim: Claim
    cells: tuple[Cell, ...]
    annotations: tuple[tuple[Annotation, ...], ...]

    @property
    def support(self) -> int:
        return sum(cell.state != "absent" for cell in self.cells)


def analyst_rows(
    claims: Iterable[Claim],
    rows: Iterable[AnnotationRow],
    sources: Sequence[str],
    conflicts: Iterable[Conflict] = (),
) -> tuple[AnalystRow, ...]:
    """The analyst's claims as matrix rows over ``sources`` (document ids, in column order).

    Passages in documents that are not among the sources (another corpus
    tagged into the same file) are left out. A cell is "conflict" where its
    passage disputes the claim, or where one of the engine's ``conflicts``
    has one value in this cell's passages and the other in another source's
    passages of the same claim: the same logic that fills the conflicts dock.
    """
    values = _ConflictValues(conflicts)
    linked: Mapping[int, list[Annotation]] = defaultdict(list)
    for row in rows:
        if row.annotation.claim is not None:
            linked[row.annotation.claim].append(row.annotation)
    result = []
    for claim in claims:
        by_doc: dict[str, list[Annotation]] = defaultdict(list)
        for annotation in linked.get(claim.id, ()):
            by_doc[annotation.document].append(annotation)
        cells, held = [], []
        contested = _contested(by_doc, values)
        for doc_id in sources:
            found = tuple(sorted(by_doc.get(doc_id, ()), key=lambda a: (a.start, a.id)))
            cell = _analyst_cell(found)
            if doc_id in contested and cell.state != "absent":
                cell = cell._replace(state="conflict")
            cells.append(cell)
            held.append(found)
        result.append(AnalystRow(claim, tuple(cells), tuple(held)))
    return tuple(result)


def _contested(by_doc: Mapping[str, list[Annotation]], conflicts: _ConflictValues) -> set[str]:
    """The documents whose passages of one claim hold a value of an engine
    conflict whose other value lies in another document's passages of it."""
    sides: dict[int, set[str]] = defaultdict(set)
    for doc_id, tagged in by_doc.items():
        for a in tagged:
            if not a.orphaned:
                for number in conflicts.within(doc_id, a.start, a.end):
                    sides[number].add(doc_id)
    return {doc for docs in sides.values() if len(docs) > 1 for doc in docs}


class _ConflictValues:
    """The values of the engine's conflicts, by document and offset, so that
    finding those inside a tagged passage is a bisection, not a scan."""

    def __init__(self, conflicts: Iterable[Conflict]) -> None:
        values: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
        self.longest = 0
        for number, conflict in enumerate(conflicts):
            for fact in (conflict.a, conflict.b):
                values[fact.doc].append((fact.start, fact.end, number))
                self.longest = max(self.longest, fact.end - fact.start)
        self.values = {doc: sorted(found) for doc, found in values.items()}
        self.starts = {doc: [v[0] for v in found] for doc, found in self.values.items()}

    def within(self, doc_id: str, start: int, end: int) -> set[int]:
        """The conflicts with a value overlapping ``[start, end)`` of ``doc_id``."""
        starts = self.starts.get(doc_id)
        if not starts:
            return set()
        first = bisect.bisect_left(starts, start - self.longest)
        stop = bisect.bisect_left(starts, end)
        return {n for s, e, n in self.values[doc_id][first:stop] if s < end and start < e}


def _analyst_cell(annotations: Sequence[Annotation]) -> Cell:
    if not annotations:
        return Cell("absent", "", None)
    readings = []
    for a in annotations:
        reading = a.value or quote(a.quote)
        if a.orphaned:
            reading += " (orphaned)"
        elif a.stance in STANCES_SHOWN:
            reading += f" ({a.stance})"
        readings.append(reading)
    state = "conflict" if any(a.stance == "disputes" for a in annotations) else "agree"
    first = next((a for a in annotations if not a.orphaned), None)
    span = Span(first.document, first.start, first.end) if first else None
    return Cell(state, READING_SEPARATOR.join(dict.fromkeys(readings)), span)


def menu_text(text: str) -> str:
    """Text for a menu item: an "&" in a tag's name is a letter, not a mnemonic."""
    return text.replace("&", "&&")


def excerpt(text: str, limit: int = 60) -> str:
    """A passage in a status message or a title: one line, cut with "…" at ``limit``."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
