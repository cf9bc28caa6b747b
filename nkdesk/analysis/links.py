"""Links: the candidate pairs the decision accepts, whole or by the part they share.

Every candidate is judged by the decision (``decide.shared_similarity``), first
as whole units, then as the stretch of them that reports the same thing; the
best non-overlapping pairs of each pair of documents become links, with
word-level difflib opcodes recording which words each link shares, and
near-verbatim copies marked apart.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from difflib import SequenceMatcher

from nkdesk.analysis.candidates import Index
from nkdesk.analysis.decide import shared_similarity
from nkdesk.analysis.model import DiffOp, Link, Unit
from nkdesk.analysis.passage import Passage
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


def shared_part(
    units: Sequence[Unit], a: int, b: int, index: Index, texts: dict[str, str]
) -> tuple[Unit, Unit] | None:
    """The stretch of two units (by position) that reports the same thing, when only part does.

    difflib aligns the units' content terms; aligned runs separated by at most
    PART_MAX_GAP terms form a part. The part with the most IDF mass is kept if
    it carries enough of it and at least PART_MIN_PREDICATES lower-case
    (non-name) terms: two sentences that merely name the same people share no
    claim.
    """
    unit_a, unit_b = units[a], units[b]
    pa, pb = unit_a.passage, unit_b.passage
    at_a, terms_a = index.sequences[a]
    at_b, terms_b = index.sequences[b]
    blocks = [
        m for m in SequenceMatcher(None, terms_a, terms_b, autojunk=False).get_matching_blocks()
        if m.size
    ]  # fmt: skip
    groups: list[list] = []
    for block in blocks:
        if groups:
            last = groups[-1][-1]
            gap_a = block.a - (last.a + last.size)
            gap_b = block.b - (last.b + last.size)
            if gap_a <= PART_MAX_GAP and gap_b <= PART_MAX_GAP:
                groups[-1].append(block)
                continue
        groups.append([block])
    best: tuple[float, list] | None = None
    text_a = texts[unit_a.doc]
    for group in groups:
        positions = [at_a[m.a + k] for m in group for k in range(m.size)]
        predicates = {
            pa.norms[i]
            for i in positions
            if pa.tokens[i].kind == WORD and _word_initial(text_a, pa.tokens[i].start).islower()
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
    scored: list[tuple[float, Unit, Unit]] = []
    for a, b in candidates:
        ua, ub = units[a], units[b]
        value = shared_similarity(ua.passage, ub.passage)
        if value is None:
            # The same decision, asked of the part the two units share.
            part = shared_part(units, a, b, index, texts)
            if part is None:
                continue
            ua, ub = part
            value = shared_similarity(ua.passage, ub.passage)
        if value is not None:
            scored.append((value, ua, ub))
    scored.sort(key=lambda item: (-item[0], item[1].span, item[2].span))

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
