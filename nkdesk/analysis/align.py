"""Finding the passages that two documents share, whatever their order.

Each document is cut into units (sentences, and the clauses of long
sentences). An inverted index over their content terms proposes candidate
pairs across documents, so the cost follows the number of plausible pairs
rather than the square of the number of units; every candidate is then judged
by ``similarity`` (difflib), the best non-overlapping pairs of each document
pair become links, and word-level difflib opcodes record which words each
link shares.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from nkdesk.analysis.matching import (
    Passage,
    fold_variants,
    letter_bits,
    quick_ratio_bound,
    shared_similarity,
    spelling_ratio,
)
from nkdesk.analysis.model import DiffOp, Link, Span
from nkdesk.corpus import Document
from nkdesk.text.normalize import WORD, Token, tokenize
from nkdesk.text.segment import Segment, clauses, sentences

# A sentence this long may share only one of its clauses with another
# article, so its clauses are matched as units too.
CLAUSE_SPLIT_MIN_WORDS = 18
# Candidates are proposed by shared index terms; a unit needs this much shared
# IDF mass with another before difflib is asked about the pair.
CANDIDATE_MIN_WEIGHT = 2.5
CANDIDATES_PER_UNIT = 3
CANDIDATE_MIN_DICE = 0.2
# Terms found in more units than this are too common to propose candidates
# (they still count when a proposed pair is scored).
INDEX_MAX_POSTINGS_PER_DOC = 3
INDEX_MIN_POSTINGS = 12
# Units with fewer content terms than this say too little to link on.
UNIT_MIN_TERMS = 3
# Near-verbatim: the shorter passage's surface words found, in order, in the
# longer one, over at least VERBATIM_MIN_WORDS; and the two passages this
# alike overall (difflib ratio), so that a copy with an edited figure or an
# added "the airline said" is a copy, and a sentence quoted inside a
# paragraph is not.
VERBATIM_COVERAGE = 0.9
VERBATIM_RATIO = 0.8
VERBATIM_MIN_WORDS = 8
# Spelling and transliteration variants across the corpus (Syrsky/Syrskyi).
# The shared part of two units (see shared_part).
PART_MAX_GAP = 2
PART_MIN_MASS = 8.0
PART_MIN_PREDICATES = 2
VARIANT_MIN_CHARS = 5
VARIANT_MIN_RATIO = 0.8


@dataclass(frozen=True, slots=True)
class Unit:
    """A passage that can be linked: a sentence, a headline, or a clause of a long sentence."""

    doc: str
    start: int
    end: int
    kind: str
    sentence: int  # index of the sentence it is (or belongs to) in its document
    passage: Passage

    @property
    def span(self) -> Span:
        return Span(self.doc, self.start, self.end)

    def contains(self, other: Unit) -> bool:
        return self.doc == other.doc and self.start <= other.start and other.end <= self.end


def units_of(document: Document) -> list[Unit]:
    """The units of one document, in text order (a sentence before its clauses)."""
    text = document.text
    units: list[Unit] = []
    for number, sentence in enumerate(sentences(text)):
        tokens = tokenize(text, sentence.start, sentence.end)
        units.append(_unit(document, sentence, number, tokens))
        if len(tokens) >= CLAUSE_SPLIT_MIN_WORDS:
            parts = clauses(text, sentence)
            if len(parts) > 1:
                # A clause's tokens are its sentence's, so it is not tokenized again.
                units.extend(
                    _unit(
                        document,
                        part,
                        number,
                        [t for t in tokens if part.start <= t.start and t.end <= part.end],
                    )
                    for part in parts
                )
    return units


def _unit(document: Document, segment: Segment, number: int, tokens: list[Token]) -> Unit:
    passage = Passage.from_tokens(tokens, document.text)
    return Unit(document.id, segment.start, segment.end, segment.kind, number, passage)


def variant_map(term_counts: Counter[str]) -> dict[str, str]:
    """Spelling variants in a vocabulary, each mapped to its most frequent form.

    Buckets by first letter and length keep this near-linear in the vocabulary.
    """
    buckets: dict[tuple[str, int], list[str]] = defaultdict(list)
    for term in term_counts:
        if len(term) >= VARIANT_MIN_CHARS and term.isalpha():
            buckets[term[0], len(term)].append(term)
    bits = {term: letter_bits(term) for terms in buckets.values() for term in terms}
    parent: dict[str, str] = {}

    def root(term: str) -> str:
        while parent.get(term, term) != term:
            term = parent[term]
        return term

    for (first, length), terms in buckets.items():
        for term in terms:
            for other_length in range(length, length + 3):
                for other in buckets.get((first, other_length), ()):
                    if other <= term and other_length == length:
                        continue
                    # Nearly all pairs are different words; the bound rules them out
                    # without difflib and never rules out a variant (quick_ratio_bound).
                    if quick_ratio_bound(other, term, bits[other], bits[term]) < VARIANT_MIN_RATIO:
                        continue
                    if spelling_ratio(other, term, VARIANT_MIN_RATIO) is not None:
                        a, b = root(term), root(other)
                        if a != b:
                            keep, drop = sorted((a, b), key=lambda t: (-term_counts[t], t))
                            parent[drop] = keep
    return {term: root(term) for term in parent}


@dataclass(frozen=True, slots=True)
class Index:
    """Content terms of every unit, with spelling variants folded and corpus IDF."""

    terms: list[tuple[str, ...]]  # per unit: its distinct index terms
    idf: dict[str, float]
    postings: dict[str, list[int]]
    variants: dict[str, str]
    # Per unit: where its content terms stand among its tokens, and their index
    # terms, in text order; what shared_part aligns, worked out once per unit
    # rather than for each of its candidate pairs.
    sequences: list[tuple[list[int], list[str]]]

    def term(self, norm: str) -> str:
        return self.variants.get(norm, norm)


def build_index(units: Sequence[Unit]) -> Index:
    counts: Counter[str] = Counter(t for u in units for t in u.passage.content)
    variants = variant_map(counts)
    terms = [tuple(dict.fromkeys(variants.get(t, t) for t in u.passage.content)) for u in units]
    sequences = [_content_sequence(u.passage, variants) for u in units]
    postings: dict[str, list[int]] = defaultdict(list)
    for number, unit_terms in enumerate(terms):
        for term in unit_terms:
            postings[term].append(number)
    n = len(units)
    # Smoothed so that in a tiny corpus, where every term is everywhere, shared
    # terms still count for something.
    idf = {term: 1.0 + math.log((n + 1) / (len(p) + 0.5)) for term, p in postings.items()}
    return Index(terms, idf, postings, variants, sequences)


def _content_sequence(passage: Passage, variants: dict[str, str]) -> tuple[list[int], list[str]]:
    """The positions of a passage's content tokens, and their index terms (see Index)."""
    content = set(passage.content)
    at = [i for i, n in enumerate(passage.norms) if n in content]
    return at, [variants.get(passage.norms[i], passage.norms[i]) for i in at]


def candidate_pairs(units: Sequence[Unit], index: Index, doc_count: int) -> list[tuple[int, int]]:
    """Pairs of units (by position) in different documents worth asking difflib about."""
    cap = max(INDEX_MIN_POSTINGS, INDEX_MAX_POSTINGS_PER_DOC * doc_count)
    weights: list[dict[int, float]] = [defaultdict(float) for _ in units]
    for term, posting in index.postings.items():
        if len(posting) < 2 or len(posting) > cap:
            continue
        weight = index.idf[term]
        for i, a in enumerate(posting):
            doc_a = units[a].doc
            for b in posting[i + 1 :]:
                if units[b].doc != doc_a:
                    weights[a][b] += weight
    mass = [sum(index.idf[t] for t in unit_terms) for unit_terms in index.terms]
    pairs: set[tuple[int, int]] = set()
    for a, scores in enumerate(weights):
        if len(index.terms[a]) < UNIT_MIN_TERMS:
            continue
        terms_a = set(index.terms[a])
        per_doc: dict[str, list[tuple[float, int]]] = defaultdict(list)
        for b, weight in scores.items():
            if weight < CANDIDATE_MIN_WEIGHT or len(index.terms[b]) < UNIT_MIN_TERMS:
                continue
            # IDF-weighted Dice over all terms, the common ones included: a cheap
            # bound that spares difflib the pairs that only share a few words.
            shared = sum(index.idf[t] for t in terms_a.intersection(index.terms[b]))
            dice = 2 * shared / (mass[a] + mass[b])
            if dice >= CANDIDATE_MIN_DICE:
                per_doc[units[b].doc].append((dice, b))
        for found in per_doc.values():
            found.sort(reverse=True)
            pairs.update((a, b) for _, b in found[:CANDIDATES_PER_UNIT])
    return sorted(pairs)


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


def link(documents: Sequence[Document]) -> tuple[list[Unit], list[Link]]:
    """All units of the documents, and the shared-passage links between them.

    Within each pair of documents the links are chosen best first and never
    overlap on either side, so a long sentence is linked whole when it is
    shared whole, and by its clause when only a clause is shared.
    """
    by_id = {d.id: d for d in documents}
    texts = {d.id: d.text for d in documents}
    units = [u for d in documents for u in units_of(d)]
    index = build_index(units)
    scored: list[tuple[float, Unit, Unit]] = []
    for a, b in candidate_pairs(units, index, len(documents)):
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
    return units, links


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
