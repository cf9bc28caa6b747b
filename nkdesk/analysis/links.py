"""Links: the candidate pairs the decision accepts, whole or by the part they share.

Every candidate is judged by the decision (``decide.shared_similarity``), first
as whole units, then as the stretch of them that reports the same thing; the
best non-overlapping pairs of each pair of documents become links, with
word-level difflib opcodes recording which words each link shares, and
near-verbatim copies marked apart.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Literal, NamedTuple

from nkdesk.analysis.candidates import WHOLE_MIN_DICE, Index, proposable
from nkdesk.analysis.copies import CopyGroups
from nkdesk.analysis.decide import shared_similarity
from nkdesk.analysis.model import DiffOp, Link, Span, Unit
from nkdesk.analysis.passage import Passage, canonical
from nkdesk.analysis.variants import fold_variants
from nkdesk.corpus import Document
from nkdesk.text.normalize import WORD, Token

# Near-verbatim: the shorter passage's surface words found, in order, in the
# longer one, over at least VERBATIM_MIN_WORDS; and the two passages this
# alike overall (difflib ratio), so that a copy with an edited figure or an
# added "the airline said" is a copy, and a sentence quoted inside a
# paragraph is not.
VERBATIM_COVERAGE = 0.9
VERBATIM_RATIO = 0.8
VERBATIM_MIN_WORDS = 8
VERBATIM_CACHE_ENTRIES = 65_536
# A passage is linked to at most this many others, its best: in a corpus of a
# hundred copies of one wire story, the clusters say how many sources share
# it, and a clique of links would say nothing more (see _member_pairs).
LINKS_PER_COPY = 4
# The shared part of two units (see shared_part).
PART_MAX_GAP = 2
PART_MIN_MASS = 8.0
PART_MIN_PREDICATES = 2


# Speech verbs say who said a claim, not the claim: they make no part distinctive.
_SPEECH = frozenset({canonical("said"), canonical("reported"), "accord", "cite"})
# Longest common runs looked for, in any order, between two units (shared_part).
PART_MAX_RUNS = 12


class _Run(NamedTuple):
    a: int
    b: int
    size: int


def shared_part(
    units: Sequence[Unit],
    a: int,
    b: int,
    index: Index,
    texts: dict[str, str],
    distinctive: dict[int, dict[str, int]] | None = None,
) -> tuple[Unit, Unit] | None:
    """The stretch of two units (by position) that reports the same thing, when only part does.

    difflib finds the common runs of the units' content terms in any order, so
    a claim is found whether its attribution opens one sentence and closes the
    other ("X said Y" / "Y, X said"); runs that follow each other in both units,
    at most PART_MAX_GAP terms apart, form a part. The part with the most IDF
    mass is kept if it carries enough of it and at least PART_MIN_PREDICATES
    distinctive terms: lower-case (no name), no speech verb, and not in so many
    units that every sentence has it ("North Korean troops" plus one word is
    no shared claim).

    ``distinctive`` caches each unit's distinctive terms across the calls of
    one comparison: most candidate pairs share too few for any part, and are
    dismissed on that count before difflib runs.
    """
    cache = {} if distinctive is None else distinctive
    if a not in cache:
        cache[a] = _distinctive(units[a], index, texts[units[a].doc])
    terms_of_b = index.terms[b]
    if sum(n for term, n in cache[a].items() if term in terms_of_b) < PART_MIN_PREDICATES:
        return None
    unit_a, unit_b = units[a], units[b]
    pa, pb = unit_a.passage, unit_b.passage
    at_a, terms_a = index.sequences[a]
    at_b, terms_b = index.sequences[b]
    groups: list[list[_Run]] = []
    for run in _runs(terms_a, terms_b):
        if groups:
            last = groups[-1][-1]
            gap_a = run.a - (last.a + last.size)
            gap_b = run.b - (last.b + last.size)
            if 0 <= gap_a <= PART_MAX_GAP and 0 <= gap_b <= PART_MAX_GAP:
                groups[-1].append(run)
                continue
        groups.append([run])
    best: tuple[float, list[_Run]] | None = None
    text_a = texts[unit_a.doc]
    for group in groups:
        positions = [at_a[m.a + k] for m in group for k in range(m.size)]
        predicates = {
            pa.norms[i]
            for i in positions
            if pa.tokens[i].kind == WORD
            and _word_initial(text_a, pa.tokens[i].start).islower()
            and index.term(pa.norms[i]) not in index.common
            and pa.norms[i] not in _SPEECH
        }
        if len(predicates) < PART_MIN_PREDICATES:
            continue
        mass = sum(index.idf.get(t, 1.0) for t in {index.term(pa.norms[i]) for i in positions})
        if mass >= PART_MIN_MASS and (best is None or mass > best[0]):
            best = (mass, group)
    if best is None:
        return None
    group = best[1]
    first, last = group[0], group[-1]
    tokens_a = pa.tokens[at_a[first.a] : at_a[last.a + last.size - 1] + 1]
    tokens_b = pb.tokens[at_b[first.b] : at_b[last.b + last.size - 1] + 1]
    return _part(unit_a, tokens_a, text_a), _part(unit_b, tokens_b, texts[unit_b.doc])


def _distinctive(unit: Unit, index: Index, text: str) -> dict[str, int]:
    """A unit's index terms that can make a part distinctive, with how many words of it each has.

    The words shared_part counts as predicates: lower-case, no speech verb, in
    few enough units.
    """
    passage = unit.passage
    norms: dict[str, set[str]] = defaultdict(set)
    for token, norm in zip(passage.tokens, passage.norms, strict=True):
        term = index.term(norm)
        if (
            token.kind == WORD
            and term not in index.common
            and norm not in _SPEECH
            and _word_initial(text, token.start).islower()
        ):
            norms[term].add(norm)
    return {term: len(words) for term, words in norms.items()}


def _runs(a: Sequence[str], b: Sequence[str]) -> list[_Run]:
    """The longest common runs of ``a`` and ``b``, each term in one run at most, in ``a``'s order.

    Found longest first, in any order of the two sequences (difflib's matching
    blocks keep one order only). A term taken by a run is replaced by a marker
    neither side shares, so that no later run takes it again.
    """
    left: list[object] = list(a)
    right: list[object] = list(b)
    runs: list[_Run] = []
    for _ in range(PART_MAX_RUNS):
        match = SequenceMatcher(None, left, right, autojunk=False).find_longest_match(
            0, len(left), 0, len(right)
        )
        if not match.size:
            break
        runs.append(_Run(match.a, match.b, match.size))
        for k in range(match.size):
            left[match.a + k] = (0, match.a + k)
            right[match.b + k] = (1, match.b + k)
    return sorted(runs)


def _word_initial(text: str, at: int) -> str:
    """The first character of the whitespace-delimited word holding ``at`` ("Jong-un" → "J")."""
    start = at
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while start < at and not text[start].isalnum():
        start += 1
    return text[start]


def _part(unit: Unit, tokens: Sequence[Token], text: str) -> Unit:
    passage = Passage.from_tokens(list(tokens), text)
    return Unit(unit.doc, tokens[0].start, tokens[-1].end, "part", unit.sentence, passage)


def word_ops(a: Unit, b: Unit) -> tuple[DiffOp, ...]:
    """Word-level difflib opcodes between two units, as code-point ranges."""
    return _char_ops(_token_ops(a.passage.norms, b.passage.norms), a.passage.tokens,
                     b.passage.tokens, a.end, b.end)  # fmt: skip


_Opcode = tuple[Literal["equal", "replace", "delete", "insert"], int, int, int, int]


def _token_ops(a: tuple[str, ...], b: tuple[str, ...]) -> list[_Opcode]:
    """difflib's opcodes between two runs of normalised tokens, spelling variants folded."""
    return SequenceMatcher(None, a, fold_variants(a, b), autojunk=False).get_opcodes()


def _char_ops(
    opcodes: Sequence[_Opcode],
    ta: Sequence[Token],
    tb: Sequence[Token],
    end_a: int,
    end_b: int,
) -> tuple[DiffOp, ...]:
    return tuple(
        DiffOp(tag, *_char_range(ta, i1, i2, end_a), *_char_range(tb, j1, j2, end_b))
        for tag, i1, i2, j1, j2 in opcodes
    )


def _char_range(tokens: Sequence[Token], i: int, j: int, end: int) -> tuple[int, int]:
    if i < j:
        return tokens[i].start, tokens[j - 1].end
    at = tokens[i].start if i < len(tokens) else end
    return at, at


def is_verbatim(a: Unit, b: Unit, documents: dict[str, Document]) -> bool:
    """Whether two units are near-identical copies (probably one wire source)."""
    return _verbatim(documents[a.doc].text[a.start : a.end], documents[b.doc].text[b.start : b.end])


@lru_cache(maxsize=VERBATIM_CACHE_ENTRIES)
def _verbatim(text_a: str, text_b: str) -> bool:
    """Cached: the copies of a wire story ask about the same two texts again and again."""
    wa, wb = text_a.casefold().split(), text_b.casefold().split()
    shorter = min(len(wa), len(wb))
    if shorter < VERBATIM_MIN_WORDS:
        return False
    matcher = SequenceMatcher(None, wa, wb, autojunk=False)
    copied = sum(block.size for block in matcher.get_matching_blocks())
    return copied / shorter >= VERBATIM_COVERAGE and matcher.ratio() >= VERBATIM_RATIO


class _Taken:
    """The passages of one document already linked to one other document: disjoint spans."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        n = bisect_left(self._starts, start)
        if n and self._ends[n - 1] > start:
            return True
        return n < len(self._starts) and self._starts[n] < end

    def add(self, start: int, end: int) -> None:
        n = bisect_left(self._starts, start)
        self._starts.insert(n, start)
        self._ends.insert(n, end)


class _Scored(NamedTuple):
    """A pair of passages the decision accepted, as token ranges of two groups' representatives."""

    value: float
    extent: float
    a: int  # copy group
    b: int
    range_a: tuple[int, int] | None  # tokens of a part, or None for the whole unit
    range_b: tuple[int, int] | None
    # A part is found from the side of the unit that comes first in the
    # corpus (shared_part is not symmetric): 1 holds for the members of ``a``
    # before those of ``b``, -1 for those after; 0 for whole units, for both.
    order: int = 0


def link(
    documents: Sequence[Document],
    copies: CopyGroups,
    index: Index,
    candidates: Iterable[tuple[int, int]],
) -> list[Link]:
    """The shared-passage links among candidate pairs of copy groups (by position).

    The decision is asked of each group's representative only; the members
    of two linked groups are then linked in proportion to their number, each
    with at most LINKS_PER_COPY members of the other group (every pair, for
    corpora of up to LINKS_PER_COPY + 1 sources), and so are the copies
    within a group. Within each pair of documents the links are chosen best
    first and never overlap on either side, so a long sentence is linked
    whole when it is shared whole, and by its clause when only a clause is.
    """
    units = copies.units
    texts = {d.id: d.text for d in documents}
    distinctive: dict[int, dict[str, int]] = {}
    scored: list[_Scored] = []
    for a, b in candidates:
        ua, ub = units[a], units[b]
        value = None
        if index.dice(a, b) >= WHOLE_MIN_DICE:
            value = shared_similarity(ua.passage, ub.passage)
        if value is not None:
            scored.append(_Scored(value, _extent(ua, ub), a, b, None, None))
            continue
        # The same decision, asked of the part the two units share, from each
        # side that some member comes first from.
        first_a, first_b = min(copies.positions[a]), min(copies.positions[b])
        last_a, last_b = max(copies.positions[a]), max(copies.positions[b])
        for order, one, other in ((1, a, b), (-1, b, a)):
            if (order == 1 and first_a > last_b) or (order == -1 and first_b > last_a):
                continue
            part = shared_part(units, one, other, index, texts, distinctive)
            if part is None:
                continue
            pa, pb = part if order == 1 else part[::-1]
            value = shared_similarity(pa.passage, pb.passage)
            if value is not None:
                scored.append(_Scored(value, _extent(pa, pb), a, b, _range(ua, pa),
                                      _range(ub, pb), order))  # fmt: skip
    for group in range(len(copies.members)):
        if copies.documents(group) > 1 and proposable(index, group):
            value = shared_similarity(units[group].passage, units[group].passage)
            if value is not None:
                scored.append(_Scored(value, _extent(units[group], units[group]), group, group,
                                      None, None))  # fmt: skip
    return _select(scored, copies, documents)


def _range(unit: Unit, part: Unit) -> tuple[int, int]:
    """Where a part of ``unit`` stands among its tokens, as [first, last + 1)."""
    starts = [token.start for token in unit.passage.tokens]
    first = bisect_left(starts, part.start)
    return first, first + len(part.passage.tokens)


def _select(
    scored: Sequence[_Scored], copies: CopyGroups, documents: Sequence[Document]
) -> list[Link]:
    """The links between members of accepted pairs: best first, never overlapping per pair
    of documents."""
    by_id = {d.id: d for d in documents}
    # Each accepted pair of groups stands for pairs of their members; a pair's
    # rank is its score weighed by how much it shares: a whole sentence
    # reworded outranks a three-word phrase the two copy ("according to
    # provisional results") that overlaps it.
    ranked = []
    for item in scored:
        members_a, members_b = copies.members[item.a], copies.members[item.b]
        positions_a, positions_b = copies.positions[item.a], copies.positions[item.b]
        for i, j in _member_pairs(members_a, members_b, item.a == item.b):
            if item.order and (positions_a[i] < positions_b[j]) != (item.order == 1):
                continue
            x, y = members_a[i], members_b[j]
            span_x, span_y = _span(x, item.range_a), _span(y, item.range_b)
            ranked.append((-item.value * item.extent, span_x, span_y, item, x, y))
    ranked.sort(key=lambda entry: entry[:3])
    taken: dict[tuple[str, str], tuple[_Taken, _Taken]] = defaultdict(lambda: (_Taken(), _Taken()))
    opcodes: dict[tuple, list[_Opcode]] = {}
    linked: Counter[Span] = Counter()
    links: list[Link] = []
    for _, span_x, span_y, item, x, y in ranked:
        flip = (x.doc, y.doc) > (y.doc, x.doc)
        if flip:
            span_x, span_y, x, y = span_y, span_x, y, x
        side_x, side_y = taken[x.doc, y.doc]
        if side_x.overlaps(span_x.start, span_x.end) or side_y.overlaps(span_y.start, span_y.end):
            continue
        if linked[span_x] >= LINKS_PER_COPY or linked[span_y] >= LINKS_PER_COPY:
            continue  # a passage in a hundred copies keeps its best partners
        side_x.add(span_x.start, span_x.end)
        side_y.add(span_y.start, span_y.end)
        linked[span_x] += 1
        linked[span_y] += 1
        range_x, range_y = (item.range_b, item.range_a) if flip else (item.range_a, item.range_b)
        ops = _member_ops(x, y, range_x, range_y, span_x, span_y, opcodes)
        verbatim = _verbatim(by_id[x.doc].text[span_x.start : span_x.end],
                             by_id[y.doc].text[span_y.start : span_y.end])  # fmt: skip
        shared_words = sum(1 for op in ops if op.tag == "equal")
        why = (
            "near-verbatim copy (probably one wire source)"
            if verbatim
            else f"paraphrase: {_describe(ops, by_id[x.doc].text)} ({shared_words} runs shared)"
        )
        links.append(Link("shared", span_x, span_y, item.value, verbatim, None, why, ops))
    links.sort(key=lambda link: (link.a, link.b))
    return links


def _member_pairs(a: Sequence[Unit], b: Sequence[Unit], within: bool) -> list[tuple[int, int]]:
    """The pairs of members of two groups (or of one: ``within``) in two documents to link.

    Each member gets the first LINKS_PER_COPY members of the other group in
    other documents (and keeps those that chose it), so the links grow with
    the members, not with their product; the representatives come first.
    """
    pairs: dict[tuple[int, int], None] = {}
    chosen = [0] * len(b)

    def add(i: int, j: int) -> bool:
        if a[i].doc == b[j].doc or (within and i >= j) or (i, j) in pairs:
            return False
        pairs[i, j] = None
        chosen[j] += 1
        return True

    for i in range(len(a)):
        found = 0
        for j in range(len(b)):
            if found == LINKS_PER_COPY:
                break
            found += add(i, j) or (i, j) in pairs
    for j in range(len(b)):
        for i in range(len(a)):
            if chosen[j] >= LINKS_PER_COPY:
                break
            add(i, j)
    return list(pairs)


def _span(unit: Unit, tokens: tuple[int, int] | None) -> Span:
    if tokens is None:
        return unit.span
    first, last = tokens
    return Span(unit.doc, unit.passage.tokens[first].start, unit.passage.tokens[last - 1].end)


def _member_ops(
    x: Unit,
    y: Unit,
    range_x: tuple[int, int] | None,
    range_y: tuple[int, int] | None,
    span_x: Span,
    span_y: Span,
    cache: dict,
) -> tuple[DiffOp, ...]:
    """The word-level opcodes of a link between two members, from their groups' words.

    Members of a group have the same tokens, so the opcodes in token
    positions are worked out once per pair of groups and passages.
    """
    tx, ty = _tokens(x, range_x), _tokens(y, range_y)
    key = (x.passage.norms, y.passage.norms, range_x, range_y)
    if key not in cache:
        cache[key] = _token_ops(_norms(x, range_x), _norms(y, range_y))
    return _char_ops(cache[key], tx, ty, span_x.end, span_y.end)


def _tokens(unit: Unit, tokens: tuple[int, int] | None) -> Sequence[Token]:
    if tokens is None:
        return unit.passage.tokens
    return unit.passage.tokens[tokens[0] : tokens[1]]


def _norms(unit: Unit, tokens: tuple[int, int] | None) -> tuple[str, ...]:
    if tokens is None:
        return unit.passage.norms
    return unit.passage.norms[tokens[0] : tokens[1]]


def _extent(a: Unit, b: Unit) -> float:
    """How much two linked units say: the log of the shorter one's content terms."""
    return math.log1p(min(len(a.passage.content), len(b.passage.content)))


def _describe(ops: Sequence[DiffOp], text_a: str) -> str:
    shared = [text_a[op.a_start : op.a_end] for op in ops if op.tag == "equal"]
    longest = max(shared, key=len, default="")
    return f"shares “{_shorten(longest, 48)}”" if longest else "same content words"


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit] + "…"
