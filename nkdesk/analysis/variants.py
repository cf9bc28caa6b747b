"""Spelling and transliteration variants of one word: "Syrsky", "Syrskyi", "Syrskiy".

difflib's close-match ratio decides; letter bitmasks rule out most pairs of
different words before difflib is asked. The engine folds variants twice: over
the corpus vocabulary before indexing (``variant_map``), and between the two
sides of a pair being decided (``variant_pairs``, ``fold_variants``).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from difflib import SequenceMatcher
from functools import lru_cache

# Below this length a spelling difference is more likely a different word
# ("state"/"stage") than a variant spelling ("Syrsky"/"Syrskyi").
VARIANT_MIN_CHARS = 5


VARIANT_MIN_RATIO = 0.8


# Variants differ by a letter or a short ending, not by a syllable or more.
VARIANT_MAX_LENGTH_GAP = 3


# Distinct words whose letter_bits are remembered; an article has a few thousand.
LETTER_BITS_CACHE_ENTRIES = 65_536


# Pairs of spellings whose difflib ratio is remembered (see spelling_ratio); a
# corpus has a few dozen that get that far.
SPELLING_CACHE_ENTRIES = 4096


@lru_cache(maxsize=LETTER_BITS_CACHE_ENTRIES)
def letter_bits(word: str) -> int:
    """The letters of ``word`` as a set of bits, for ``quick_ratio_bound``.

    Letters whose code points differ by a multiple of 64 share a bit. Cached,
    like the normalisation of words: a story's vocabulary is small.
    """
    bits = 0
    for char in word:
        bits |= 1 << (ord(char) & 63)
    return bits


def quick_ratio_bound(x: str, y: str, bits_x: int, bits_y: int) -> float:
    """An upper bound of difflib's ``quick_ratio`` of ``x`` and ``y``, from their ``letter_bits``.

    The spelling-variant searches ask difflib about every pair of long terms
    with the same first letter, and nearly all of those pairs are different
    words. This bound rules most of them out at the cost of a few integer
    operations. quick_ratio is ``2 * M / (len(x) + len(y))``, M the letters
    the two words share counted with repeats. A bit set for ``x`` and not for
    ``y`` stands for at least one letter of ``x`` that ``y`` lacks altogether
    (letters sharing a bit can only hide such absences), so M is at most
    ``len(x)`` less the number of such bits, and likewise for ``y``. A pair
    whose bound is below a threshold fails quick_ratio, and so ratio, too:
    skipping it changes no answer.
    """
    total = len(x) + len(y)
    if not total:
        return 1.0
    shared = min(
        len(x) - (bits_x & ~bits_y).bit_count(),
        len(y) - (bits_y & ~bits_x).bit_count(),
    )
    return 2.0 * shared / total


@lru_cache(maxsize=SPELLING_CACHE_ENTRIES)
def spelling_ratio(x: str, y: str, min_ratio: float) -> float | None:
    """difflib's ratio of two spellings when it reaches ``min_ratio``, else None.

    real_quick_ratio and quick_ratio are upper bounds of ratio that cost less,
    so they are asked first. Cached: the pairs that get this far are the few
    real variants of a story ("korea"/"korean"), met again in passage after passage.
    """
    matcher = SequenceMatcher(None, x, y, autojunk=False)
    if matcher.real_quick_ratio() < min_ratio or matcher.quick_ratio() < min_ratio:
        return None
    ratio = matcher.ratio()
    return ratio if ratio >= min_ratio else None


def variant_pairs(a: Sequence[str], b: Sequence[str]) -> list[tuple[str, str]]:
    """Pairs (term of ``a``, term of ``b``) that are close spellings of one word.

    Only terms not already shared and long enough for a one-letter difference
    to be a variant rather than another word are considered; each term pairs
    at most once, closest pairs first. Swapping ``a`` and ``b`` swaps the pairs.
    """
    set_a, set_b = set(a), set(b)
    # Variants start with the same letter (never a digit), so a term of b is
    # compared only with the terms of a that share its initial.
    only_a: dict[str, list[str]] = defaultdict(list)
    for x in set_a - set_b:
        if len(x) >= VARIANT_MIN_CHARS and not x[0].isdigit():
            only_a[x[0]].append(x)
    found: list[tuple[float, str, str, str, str]] = []
    for y in set_b - set_a:
        if len(y) < VARIANT_MIN_CHARS:
            continue
        for x in only_a.get(y[0], ()):
            if (
                abs(len(x) - len(y)) > VARIANT_MAX_LENGTH_GAP
                or quick_ratio_bound(x, y, letter_bits(x), letter_bits(y)) < VARIANT_MIN_RATIO
            ):
                continue
            ratio = spelling_ratio(x, y, VARIANT_MIN_RATIO)
            if ratio is not None:
                found.append((-ratio, min(x, y), max(x, y), x, y))
    found.sort()
    pairs: list[tuple[str, str]] = []
    used_a: set[str] = set()
    used_b: set[str] = set()
    for *_, x, y in found:
        if x not in used_a and y not in used_b:
            used_a.add(x)
            used_b.add(y)
            pairs.append((x, y))
    return pairs


def fold_variants(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[str, ...]:
    """``b`` with each term that is a close spelling variant of a term of ``a`` replaced by it.

    "syrskyi" becomes "syrsky" when ``a`` says "syrsky".
    """
    pairs = variant_pairs(a, b)
    if not pairs:
        return b
    replacements = {y: x for x, y in pairs}
    return tuple(replacements.get(t, t) for t in b)


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
            term_bits = bits[term]
            for other_length in range(length, length + 3):
                total = VARIANT_MIN_RATIO * (length + other_length)
                for other in buckets.get((first, other_length), ()):
                    if other <= term and other_length == length:
                        continue
                    # Nearly all pairs are different words; the bound rules them out
                    # without difflib and never rules out a variant (quick_ratio_bound,
                    # written out: this loop runs for every pair of a vocabulary's words).
                    other_bits = bits[other]
                    shared = min(length - (term_bits & ~other_bits).bit_count(),
                                 other_length - (other_bits & ~term_bits).bit_count())  # fmt: skip
                    if 2.0 * shared < total:
                        continue
                    if spelling_ratio(other, term, VARIANT_MIN_RATIO) is not None:
                        a, b = root(term), root(other)
                        if a != b:
                            keep, drop = sorted((a, b), key=lambda t: (-term_counts[t], t))
                            parent[drop] = keep
    return {term: root(term) for term in parent}
