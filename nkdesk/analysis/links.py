"""Links: the candidate pairs the decision accepts, whole or by the part they share.

Every candidate is judged by the decision (``decide.shared_similarity``), first
as whole units, then as the stretch of them that reports the same thing; the
best non-overlapping pairs of each pair of documents become links, with
word-level difflib opcodes recording which words each link shares, and
near-verbatim copies marked apart.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from difflib import SequenceMatcher
from typing import NamedTuple

from nkdesk.analysis.candidates import WHOLE_MIN_DICE, Index
from nkdesk.analysis.decide import shared_similarity
from nkdesk.analysis.model import DiffOp, Link, Unit
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
    b_norms = fold_variants(a.passage.norms, b.passage.norms)
    matcher = SequenceMatcher(None, a.passage.norms, b_norms, autojunk=False)
    ta, tb = a.passage.tokens, b.passage.tokens
    return tuple(
        DiffOp(tag, *_char_range(ta, i1, i2, a.end), *_char_range(tb, j1, j2, b.end))
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
    )


def _char_range(tokens: Sequence[Token], i: int, j: int, end: int) -> tuple[int, int]:
    if i < j:
        return tokens[i].start, tokens[j - 1].end
    at = tokens[i].start if i < len(tokens) else end
    return at, at


def is_verbatim(a: Unit, b: Unit, documents: dict[str, Document]) -> bool:
    """Whether two units are near-identical copies (probably one wire source)."""
    wa = documents[a.doc].text[a.start : a.end].casefold().split()
    wb = documents[b.doc].text[b.start : b.end].casefold().split()
    shorter = min(len(wa), len(wb))
    if shorter < VERBATIM_MIN_WORDS:
        return False
    matcher = SequenceMatcher(None, wa, wb, autojunk=False)
    copied = sum(block.size for block in matcher.get_matching_blocks())
    return copied / shorter >= VERBATIM_COVERAGE and matcher.ratio() >= VERBATIM_RATIO


def _overlaps(unit: Unit, taken: Iterable[Unit]) -> bool:
    return any(unit.start < t.end and t.start < unit.end for t in taken)


def link(
    documents: Sequence[Document],
    units: Sequence[Unit],
    index: Index,
    candidates: Iterable[tuple[int, int]],
) -> list[Link]:
    """The shared-passage links among candidate pairs of units (by position in ``units``).

    Within each pair of documents the links are chosen best first and never
    overlap on either side, so a long sentence is linked whole when it is
    shared whole, and by its clause when only a clause is shared.
    """
    by_id = {d.id: d for d in documents}
    texts = {d.id: d.text for d in documents}
    distinctive: dict[int, dict[str, int]] = {}
    scored: list[tuple[float, Unit, Unit]] = []
    for a, b in candidates:
        ua, ub = units[a], units[b]
        value = None
        if index.dice(a, b) >= WHOLE_MIN_DICE:
            value = shared_similarity(ua.passage, ub.passage)
        if value is None:
            # The same decision, asked of the part the two units share.
            part = shared_part(units, a, b, index, texts, distinctive)
            if part is None:
                continue
            ua, ub = part
            value = shared_similarity(ua.passage, ub.passage)
        if value is not None:
            scored.append((value, ua, ub))
    # Best first, a pair's score weighed by how much it shares: a whole sentence
    # reworded outranks a three-word phrase the two copy ("according to
    # provisional results") that overlaps it.
    scored.sort(key=lambda item: (-item[0] * _extent(item[1], item[2]), item[1].span, item[2].span))

    taken: dict[tuple[str, str], tuple[list[Unit], list[Unit]]] = defaultdict(lambda: ([], []))
    links: list[Link] = []
    for value, ua, ub in scored:
        if (ua.doc, ub.doc) > (ub.doc, ua.doc):
            ua, ub = ub, ua
        side_a, side_b = taken[ua.doc, ub.doc]
        if _overlaps(ua, side_a) or _overlaps(ub, side_b):
            continue
        side_a.append(ua)
        side_b.append(ub)
        ops = word_ops(ua, ub)
        verbatim = is_verbatim(ua, ub, by_id)
        shared_words = sum(1 for op in ops if op.tag == "equal")
        why = (
            "near-verbatim copy (probably one wire source)"
            if verbatim
            else f"paraphrase: {_describe(ops, by_id[ua.doc].text)} ({shared_words} runs shared)"
        )
        links.append(Link("shared", ua.span, ub.span, value, verbatim, None, why, ops))
    links.sort(key=lambda link: (link.a, link.b))
    return links


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
