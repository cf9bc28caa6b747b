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
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from functools import cache, lru_cache
from typing import NamedTuple, TypeVar

from nkdesk.text.normalize import NUMBER, QUALIFIER, STOPWORDS, WORD, Token, normalize, tokenize

# Words that news writers use interchangeably for the same fact. Each group
# folds to its first member. General vocabulary only, never a name. On MRPC
# (business and politics wires) they add 0.3 points of cross-validated
# accuracy (77.6% to 77.9%), within noise; they are written for the war
# reporting nkdesk reads.
SYNONYM_GROUPS: tuple[tuple[str, ...], ...] = (
    ("troops", "soldiers", "forces", "fighters", "servicemen", "personnel", "warriors",
     "infantrymen", "militaries", "military"),
    ("killed", "died", "dead", "deaths", "slain", "fatalities", "death"),
    ("wounded", "injured", "injuries", "injury", "hurt", "incapacitated"),
    ("casualties", "losses", "toll"),
    ("said", "stated", "told", "says", "added", "noted", "declared", "remarked", "writes",
     "wrote"),
    ("withdrawn", "withdrew", "withdraw", "withdrawal", "pulled", "retreated", "retreat",
     "rotated"),
    ("sent", "send", "deployed", "deploy", "deployment", "dispatched", "dispatch"),
    ("arrived", "arrival", "arrive", "appeared"),
    ("help", "assist", "assistance", "support", "aid", "backing", "bolster"),
    ("attack", "assault", "offensive", "strike", "onslaught"),
    ("heavy", "significant", "severe", "major", "staggering", "great", "big", "huge",
     "large", "substantial"),
    ("begin", "began", "start", "started", "launch", "launched"),
    ("buy", "purchase", "acquire", "bought", "purchased", "acquired"),
    ("company", "firm", "corporation"),
    ("rise", "increase", "gain", "climb", "jump", "rose", "grew", "grow"),
    ("fall", "decline", "drop", "decrease", "fell", "slid", "slump"),
    ("country", "nation"),
    ("fierce", "ferocious", "brave", "courageous"),
    ("battlefield", "battleground", "frontline", "frontlines"),
    ("weapons", "arms", "weaponry"),
    ("allies", "partners"),
    ("officials", "authorities"),
    ("reported", "reports", "report", "according"),
    ("supply", "supplied", "provide", "provided", "provides", "providing", "deliver",
     "delivered"),
    ("ties", "cooperation", "relations", "relationship", "partnership", "alliance"),
    ("strengthen", "strengthened", "deepen", "deepened", "deepening", "deeper", "closer"),
    ("concerns", "concern", "worried", "worries", "fears", "alarm", "alarmed"),
    ("retake", "retaken", "retook", "reclaim", "regain", "regained", "recapture",
     "recaptured"),
    ("captured", "capture", "seized", "detained"),
    ("expects", "expect", "hopes", "hope"),
)  # fmt: skip

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

# Normalised words that negate what the passage says ("didn't" and the other
# contractions are recognised by their ending). They are measured as a flag,
# not as content words, so "not" is never what two passages have in common.
NEGATIONS = frozenset(
    {"no", "not", "never", "none", "nobody", "nothing", "neither", "nor", "nowhere", "cannot"}
)

_NOT_CONTENT = STOPWORDS | NEGATIONS

# Numbers and names missing from a passage are counted, and a count is read
# as this fraction per item, capped at 1: three missing names is as bad as it gets.
MISSING_ITEMS_SCALE = 3

# Characters that may stand between a sentence's start and its first word,
# whose capital therefore says nothing about a name.
_SENTENCE_END = ".!?:;\n"
_OPENERS = " \t\"'“‘«([-—"

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


@cache
def _synonyms() -> dict[str, str]:
    table: dict[str, str] = {}
    for group in SYNONYM_GROUPS:
        head = normalize(group[0])
        for word in group:
            table.setdefault(normalize(word), head)
    return table


def canonical(norm: str) -> str:
    """The form a normalised word is compared in: its synonym group's head, or itself."""
    return _synonyms().get(norm, norm)


class _Counts(NamedTuple):
    """The multisets the overlap features count, derived from a passage's terms."""

    words: Counter[str]
    trigrams: Counter[tuple[str, ...]]
    content: Counter[str]
    weight_of: dict[str, float]
    total_weight: float


def _ngrams(terms: Sequence[str], n: int) -> Counter[tuple[str, ...]]:
    return Counter(zip(*(terms[i:] for i in range(n)), strict=False))


def _counts(norms: Sequence[str], content: Sequence[str], weights: Sequence[float]) -> _Counts:
    return _Counts(
        Counter(norms),
        _ngrams(norms, 3),
        Counter(content),
        dict(zip(content, weights, strict=True)),
        math.fsum(weights),
    )


def _weights(content: Sequence[str], idf: Mapping[str, float] | None) -> tuple[float, ...]:
    if idf is None:
        return (1.0,) * len(content)
    unseen: float | None = None
    weights = []
    for term in content:
        weight = idf.get(term)
        if weight is None:
            # A word the corpus never saw is as rare as its rarest word.
            if unseen is None:
                unseen = max(idf.values(), default=1.0)
            weight = unseen
        weights.append(weight)
    return tuple(weights)


def _is_name(token: Token, source: str) -> bool:
    """Whether a word token is written with a capital that does not just start a sentence."""
    if not source[token.start : token.start + 1].isupper():
        return False
    before = source[max(0, token.start - 8) : token.start].rstrip(_OPENERS)
    return bool(before) and before[-1] not in _SENTENCE_END


@dataclass(frozen=True, slots=True)
class Passage:
    """A passage prepared for comparison: its tokens and the terms derived from them.

    Equality and hashing look at the tokens' terms, not at the IDF weights or
    the derived counts.
    """

    tokens: tuple[Token, ...]
    norms: tuple[str, ...]  # every token's canonical form, in order (one per token)
    content: tuple[str, ...]  # canonical content terms, in order
    numbers: frozenset[str]  # canonical number values (qualifiers dropped)
    names: frozenset[str]  # content terms written with a capital not at a sentence start
    negated: bool
    text: str  # the normalised words and numbers, joined by spaces
    weights: tuple[float, ...] = field(compare=False)  # each content term's IDF weight
    counts: _Counts = field(compare=False, repr=False)

    @classmethod
    def from_tokens(
        cls,
        tokens: Sequence[Token],
        source: str | None = None,
        idf: Mapping[str, float] | None = None,
    ) -> Passage:
        """A passage of ``tokens``; ``source`` is the text their offsets point into.

        Without ``source`` no word can be recognised as a name. Without
        ``idf`` (term → weight, see ``corpus_idf``) every content term weighs 1.
        """
        synonyms = _synonyms()  # canonical(), without a call for each token
        norms = tuple([synonyms.get(t.norm, t.norm) for t in tokens])
        content_tokens = [
            (t, n)
            for t, n in zip(tokens, norms, strict=True)
            if t.kind == NUMBER or (t.kind == WORD and t.norm not in _NOT_CONTENT)
        ]
        content = tuple(n for _, n in content_tokens)
        names = (
            frozenset(n for t, n in content_tokens if t.kind == WORD and _is_name(t, source))
            if source is not None
            else frozenset()
        )
        numbers = frozenset(t.norm for t in tokens if t.kind == NUMBER)
        negated = any(
            t.kind == WORD and (t.norm in NEGATIONS or t.norm.endswith("n't")) for t in tokens
        )
        text = " ".join(t.norm for t in tokens if t.kind != QUALIFIER)
        weights = _weights(content, idf)
        counts = _counts(norms, content, weights)
        return cls(tuple(tokens), norms, content, numbers, names, negated, text, weights, counts)

    @classmethod
    def from_text(
        cls,
        text: str,
        start: int = 0,
        end: int | None = None,
        idf: Mapping[str, float] | None = None,
    ) -> Passage:
        return cls.from_tokens(tokenize(text, start, end), text, idf)

    def weighted(self, idf: Mapping[str, float] | None) -> Passage:
        """This passage with its content terms weighted by ``idf`` (1 each when None)."""
        weights = _weights(self.content, idf)
        if weights == self.weights:
            return self
        return replace(self, weights=weights, counts=_counts(self.norms, self.content, weights))


def corpus_idf(passages: Iterable[Passage]) -> dict[str, float]:
    """Inverse document frequencies of content terms, each passage one document.

    Smoothed, ``log((1 + N) / (1 + df)) + 1``, so every weight is at least 1.
    The engine computes them over the passages of the articles it compares;
    the MRPC evaluation over the sentences of the split it scores.
    """
    frequencies: Counter[str] = Counter()
    documents = 0
    for passage in passages:
        documents += 1
        frequencies.update(set(passage.content))
    return {
        term: math.log((1 + documents) / (1 + frequency)) + 1
        for term, frequency in frequencies.items()
    }


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


def _variant_pairs(a: Sequence[str], b: Sequence[str]) -> list[tuple[str, str]]:
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
    pairs = _variant_pairs(a, b)
    if not pairs:
        return b
    replacements = {y: x for x, y in pairs}
    return tuple(replacements.get(t, t) for t in b)


def _renamed(
    passage: Passage, names: Mapping[str, str]
) -> tuple[tuple[str, ...], _Counts, frozenset[str]]:
    """The norms, counts and names of ``passage`` with its variant spellings renamed."""
    if not names:
        return passage.norms, passage.counts, passage.names
    norms = tuple(names.get(t, t) for t in passage.norms)
    content = [names.get(t, t) for t in passage.content]
    counts = _counts(norms, content, passage.weights)
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
    pairs = _variant_pairs(a.content, b.content)
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
