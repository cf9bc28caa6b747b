"""Whether two passages report the same thing: the one decision the engine links on.

Everything is difflib and plain counting over normalised tokens (see
nkdesk.text.normalize): how many of each side's words the other has, whether
one side's word triples sit inside the other while it says more, the longest
stretch one side says that the other does not (difflib opcodes), an
IDF-weighted overlap of the content words, and the numbers, capitalised names
and negations one side has and the other lacks. News synonyms are folded to
one word and spelling or transliteration variants to one spelling (difflib
close matches) before anything is counted.

A logistic model combines the measurements. Its weights were fitted on the
MRPC train split by ``python -m nkdesk.analysis.mrpc --tune``; nothing in it
knows about any particular article. The feature set was chosen by 5-fold
cross-validation on train (two shuffles of the folds) among some fifty
candidates, keeping to sets whose fitted weights point the right way: every
feature that measures agreement weighs for the link and every one that
measures a difference against it, and each takes its most agreeing value for
a passage and itself. So nothing is more similar to a passage than the
passage itself, and a copy always outranks a near copy with another number.
Sets free of that rule scored half a point more (78.5% against 78.0%) only by
letting more shared word triples count against a link, which ranked near
copies above copies.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from difflib import SequenceMatcher
from typing import TypeVar

from nkdesk.analysis.passage import Passage, TermCounts, term_counts
from nkdesk.analysis.variants import variant_pairs

# Numbers and names missing from a passage are counted, and a count is read
# as this fraction per item, capped at 1: three missing names is as bad as it gets.
MISSING_ITEMS_SCALE = 3


# The longest difference is read in tens of tokens, capped at 1: a clause of
# ten words that only one side has already decides against the link.
DIFFERENCE_SCALE_TOKENS = 10


FEATURE_NAMES = (
    "words_min",  # share of a side's tokens the other has, on the side with the lower share
    "words_max",  # ... on the side with the higher share
    "trigram_gap",  # higher minus lower share of token triples (one side inside the other)
    "longest_difference",  # longest run of tokens only one side has (difflib opcodes), scaled
    "weighted_content",  # IDF-weighted share of content terms matched, the better side
    "numbers_missing",  # numbers one side states and the other lacks (the side lacking more)
    "names_missing",  # capitalised names one side has and the other lacks (the side lacking fewer)
    "negation_clash",  # exactly one side is negated
)


# The features that measure agreement; the others measure a difference. See
# the module docstring for why their weights' signs matter.
AGREEMENT_FEATURES = frozenset({"words_min", "words_max", "weighted_content"})


_LONGEST_DIFFERENCE = FEATURE_NAMES.index("longest_difference")


# See shared_similarity: a score this close below THRESHOLD is measured in full.
_ROUNDING_MARGIN = 1e-9


# Printed by ``python -m nkdesk.analysis.mrpc ../shared/eval/mrpc --tune``:
# logistic regression by Newton's method (IRLS) on MRPC train, the L2 penalty
# (0.3, of 0.01 to 3) chosen by 5-fold cross-validation on train (held-out
# accuracy 78.0%), the threshold the cut that maximises accuracy on train.
# One weight per feature, then the bias.
WEIGHTS: tuple[float, ...] = (
    3.2773, 2.8235, -7.1355, -2.3481, 1.5651, -0.6966, -0.2478, -1.182, -2.2381,
)  # fmt: skip


THRESHOLD = 0.5


def _renamed(
    passage: Passage, names: Mapping[str, str]
) -> tuple[tuple[str, ...], TermCounts, frozenset[str]]:
    """The norms, counts and names of ``passage`` with its variant spellings renamed."""
    if not names:
        return passage.norms, passage.counts, passage.names
    norms = tuple(names.get(t, t) for t in passage.norms)
    content = [names.get(t, t) for t in passage.content]
    counts = term_counts(norms, content, passage.weights)
    return norms, counts, frozenset(names.get(t, t) for t in passage.names)


_Key = TypeVar("_Key")


def _common(a: Counter[_Key], b: Counter[_Key]) -> dict[_Key, int]:
    """The multiset intersection ``a & b`` as a plain dict, with the keys in the order of ``a``.

    The same counts as Counter's ``&`` for counts that are all positive, as
    counted ones are, at a fraction of the cost: this runs several times for
    every candidate pair.
    """
    return {key: min(count, b[key]) for key, count in a.items() if key in b}


def _overlap(a: Counter[_Key], b: Counter[_Key]) -> tuple[float, float]:
    """The shares of ``a`` and of ``b`` that the other matches, lower first."""
    shared = sum(_common(a, b).values())
    size_a, size_b = a.total(), b.total()
    share_a = shared / size_a if size_a else 0.0
    share_b = shared / size_b if size_b else 0.0
    return (share_a, share_b) if share_a <= share_b else (share_b, share_a)


def _missing(a: frozenset[str], b: frozenset[str]) -> tuple[float, float]:
    """How many items each side lacks of the other's, scaled and capped; fewer first."""
    low, high = sorted((len(b - a), len(a - b)))
    return min(1.0, low / MISSING_ITEMS_SCALE), min(1.0, high / MISSING_ITEMS_SCALE)


def _longest_difference(a: Sequence[str], b: Sequence[str]) -> float:
    """The longest stretch of tokens one side has in place of, or beyond, the other's."""
    opcodes = SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    longest = max(
        (max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in opcodes if tag != "equal"), default=0
    )
    return min(1.0, longest / DIFFERENCE_SCALE_TOKENS)


def _longest_difference_bound(a: Sequence[str], b: Sequence[str]) -> float:
    """A lower bound of the longest difference of ``a`` and ``b`` that needs no difflib.

    A token the other side lacks altogether is never in an "equal" opcode,
    and difflib separates any two other opcodes by an "equal" one, so a run
    of such tokens lies inside a single difference. The longest run on either
    side is therefore at most the longest difference.
    """
    longest = max(_longest_run_missing(a, set(b)), _longest_run_missing(b, set(a)))
    return min(1.0, longest / DIFFERENCE_SCALE_TOKENS)


def _longest_run_missing(tokens: Sequence[str], present: set[str]) -> int:
    longest = run = 0
    for token in tokens:
        if token in present:
            run = 0
        else:
            run += 1
            if run > longest:
                longest = run
    return longest


def features(a: Passage, b: Passage) -> tuple[float, ...]:
    """The measurements the decision combines (see FEATURE_NAMES); symmetric in a and b."""
    values, norms_a, norms_b = _measure(a, b)
    values[_LONGEST_DIFFERENCE] = _longest_difference(norms_a, norms_b)
    return tuple(values)


def _measure(a: Passage, b: Passage) -> tuple[list[float], tuple[str, ...], tuple[str, ...]]:
    """Every feature but the longest difference, left at 0, and the norms it is measured on."""
    # difflib's opcodes can depend on the argument order; a fixed order makes them not.
    if (b.norms, b.text) < (a.norms, a.text):
        a, b = b, a
    # Each pair of variants is renamed to the smaller spelling, so only the side
    # with the larger one changes; a side with nothing to rename keeps its counts.
    pairs = variant_pairs(a.content, b.content)
    norms_a, ca, names_a = _renamed(a, {x: y for x, y in pairs if y < x})
    norms_b, cb, names_b = _renamed(b, {y: x for x, y in pairs if x < y})
    words_min, words_max = _overlap(ca.words, cb.words)
    trigrams_min, trigrams_max = _overlap(ca.trigrams, cb.trigrams)
    shared = _common(ca.content, cb.content)
    matched_a = math.fsum(ca.weight_of[t] * k for t, k in shared.items())
    matched_b = math.fsum(cb.weight_of[t] * k for t, k in shared.items())
    weighted = max(
        matched_a / ca.total_weight if ca.total_weight else 0.0,
        matched_b / cb.total_weight if cb.total_weight else 0.0,
    )
    _, numbers_missing = _missing(a.numbers, b.numbers)
    names_missing, _ = _missing(names_a, names_b)
    values = [
        words_min,
        words_max,
        trigrams_max - trigrams_min,
        0.0,
        weighted,
        numbers_missing,
        names_missing,
        float(a.negated != b.negated),
    ]
    return values, norms_a, norms_b


def score(values: Sequence[float]) -> float:
    """The logistic model: a probability that the two passages say the same thing."""
    z = WEIGHTS[-1] + sum(w * x for w, x in zip(WEIGHTS, values, strict=False))
    return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))


def _passage(value: str | Passage, idf: Mapping[str, float] | None) -> Passage:
    if isinstance(value, Passage):
        return value if idf is None else value.weighted(idf)
    return Passage.from_text(value, idf=idf)


def similarity(a: str | Passage, b: str | Passage, idf: Mapping[str, float] | None = None) -> float:
    """How surely ``a`` and ``b`` report the same thing, in [0, 1]; symmetric.

    ``idf`` weights content terms (see ``corpus_idf``); without it strings are
    weighted evenly and Passages keep the weights they were built with.
    """
    return score(features(_passage(a, idf), _passage(b, idf)))


def shared_similarity(a: Passage, b: Passage) -> float | None:
    """``similarity(a, b)`` when it reaches THRESHOLD (the passages are shared), else None.

    For the engine, which keeps only the scores of the pairs it links, and
    turns most candidate pairs down. The longest difference is the costliest
    feature (difflib opcodes over all the tokens). With its weight negative,
    a lower bound of it gives an upper bound of the score, and when even that
    falls short of THRESHOLD the pair is turned down unmeasured: the answer is
    the one the full measurement gives. The margin is far above float rounding,
    which could otherwise tip a score that lands exactly on the threshold.
    """
    values, norms_a, norms_b = _measure(a, b)
    if WEIGHTS[_LONGEST_DIFFERENCE] <= 0:
        values[_LONGEST_DIFFERENCE] = _longest_difference_bound(norms_a, norms_b)
        if score(values) < THRESHOLD - _ROUNDING_MARGIN:
            return None
    values[_LONGEST_DIFFERENCE] = _longest_difference(norms_a, norms_b)
    value = score(values)
    return value if value >= THRESHOLD else None


def is_shared(a: str | Passage, b: str | Passage, idf: Mapping[str, float] | None = None) -> bool:
    """The engine's decision: do ``a`` and ``b`` report the same thing?"""
    return similarity(a, b, idf) >= THRESHOLD
