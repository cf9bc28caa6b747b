"""Candidate pairs of units: the pairs worth asking the decision about.

An inverted index over the units' content terms, with spelling variants folded
and weighted by the corpus's IDF, proposes the pairs of units in different
documents that share enough rare terms, so the cost follows the number of
plausible pairs rather than the square of the number of units.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from nkdesk.analysis.model import Unit
from nkdesk.analysis.passage import Passage
from nkdesk.analysis.variants import variant_map

# Candidates are proposed by shared index terms; a unit needs this much shared
# IDF mass with another before difflib is asked about the pair.
CANDIDATE_MIN_WEIGHT = 2.5
CANDIDATES_PER_UNIT = 8
CANDIDATE_MIN_DICE = 0.15
# A candidate is asked about whole only when it shares this much (Dice), and
# about its shared part in any case: over the seeds, the 59 GVC incidents and
# the unseen corpora, the whole decision accepted 2 of 555 pairs below it, and
# turned down 3,838 of 6,330 there.
WHOLE_MIN_DICE = 0.25
# Terms found in more units than this are too common to propose candidates
# (they still count when a proposed pair is scored).
INDEX_MAX_POSTINGS_PER_DOC = 3
INDEX_MIN_POSTINGS = 12


# Units with fewer content terms than this say too little to link on.
UNIT_MIN_TERMS = 3


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
    # Terms in too many units to propose candidates or to make a part
    # distinctive ("north", "korean" in a story about North Korea).
    common: frozenset[str]
    mass: list[float]  # per unit: the IDF of its distinct terms, summed

    def term(self, norm: str) -> str:
        return self.variants.get(norm, norm)

    def dice(self, a: int, b: int) -> float:
        """The IDF-weighted Dice of two units' terms, the common ones included."""
        shared = sum(self.idf[t] for t in set(self.terms[a]).intersection(self.terms[b]))
        total = self.mass[a] + self.mass[b]
        return 2 * shared / total if total else 0.0


def posting_cap(doc_count: int) -> int:
    """How many units a term may be in and still propose candidates."""
    return max(INDEX_MIN_POSTINGS, INDEX_MAX_POSTINGS_PER_DOC * doc_count)


def build_index(units: Sequence[Unit], doc_count: int, copies: Sequence[int] = ()) -> Index:
    """The index of ``units``, each standing for ``copies[i]`` units of the corpus (1 if not said).

    Term weights count every copy, as if each were indexed: the copies of a
    wire story make its words no rarer, and no commoner, for being collapsed.
    """
    sizes = list(copies) or [1] * len(units)
    counts: Counter[str] = Counter()
    for unit, size in zip(units, sizes, strict=True):
        for term in unit.passage.content:
            counts[term] += size
    variants = variant_map(counts)
    terms = [tuple(dict.fromkeys(variants.get(t, t) for t in u.passage.content)) for u in units]
    sequences = [_content_sequence(u.passage, variants) for u in units]
    postings: dict[str, list[int]] = defaultdict(list)
    for number, unit_terms in enumerate(terms):
        for term in unit_terms:
            postings[term].append(number)
    n = sum(sizes)
    found = {term: sum(sizes[i] for i in posting) for term, posting in postings.items()}
    # Smoothed so that in a tiny corpus, where every term is everywhere, shared
    # terms still count for something.
    idf = {term: 1.0 + math.log((n + 1) / (k + 0.5)) for term, k in found.items()}
    cap = posting_cap(doc_count)
    common = frozenset(term for term, k in found.items() if k > cap)
    mass = [sum(idf[t] for t in unit_terms) for unit_terms in terms]
    return Index(terms, idf, postings, variants, sequences, common, mass)


def _content_sequence(passage: Passage, variants: dict[str, str]) -> tuple[list[int], list[str]]:
    """The positions of a passage's content tokens, and their index terms (see Index)."""
    content = set(passage.content)
    at = [i for i, n in enumerate(passage.norms) if n in content]
    return at, [variants.get(passage.norms[i], passage.norms[i]) for i in at]


def proposable(index: Index, unit: int) -> bool:
    """Whether a unit says enough to be linked at all: the bar candidate_pairs sets a pair.

    Asked of the copies of one unit, which the index never proposes to one another.
    """
    terms = index.terms[unit]
    rare = sum(index.idf[t] for t in terms if t not in index.common)
    return len(terms) >= UNIT_MIN_TERMS and rare >= CANDIDATE_MIN_WEIGHT


def candidate_pairs(
    units: Sequence[Unit], index: Index, documents: Sequence[frozenset[str]] = ()
) -> list[tuple[int, int]]:
    """Pairs of units (by position) in different documents worth asking difflib about.

    Every pair that shares enough rare terms is scored by an IDF-weighted Dice
    over all its terms; each unit keeps its CANDIDATES_PER_UNIT best partners
    over all other documents, and a pair is a candidate when either of its
    units keeps it, so a pair ranked low from one side but first from the
    other is still asked about. ``documents`` gives, per unit, the documents
    its copies are in (see copies.py; its own document if not said): two
    units are apart when some copy of one is in another document than some
    copy of the other.
    """
    docs = list(documents) or [frozenset({u.doc}) for u in units]
    weights: list[dict[int, float]] = [defaultdict(float) for _ in units]
    for term, posting in index.postings.items():
        if len(posting) < 2 or term in index.common:
            continue
        weight = index.idf[term]
        for i, a in enumerate(posting):
            docs_a = docs[a]
            alone = len(docs_a) == 1
            for b in posting[i + 1 :]:
                if not alone or docs[b] != docs_a:
                    weights[a][b] += weight
    best: list[list[tuple[float, int]]] = [[] for _ in units]
    for a, scores in enumerate(weights):
        if len(index.terms[a]) < UNIT_MIN_TERMS:
            continue
        for b, weight in scores.items():
            if weight < CANDIDATE_MIN_WEIGHT or len(index.terms[b]) < UNIT_MIN_TERMS:
                continue
            # IDF-weighted Dice over all terms, the common ones included: a cheap
            # bound that spares difflib the pairs that only share a few words.
            dice = index.dice(a, b)
            if dice >= CANDIDATE_MIN_DICE:
                best[a].append((dice, b))
                best[b].append((dice, a))
    pairs: set[tuple[int, int]] = set()
    for a, found in enumerate(best):
        found.sort(reverse=True)
        pairs.update((min(a, b), max(a, b)) for _, b in found[:CANDIDATES_PER_UNIT])
    return sorted(pairs)
