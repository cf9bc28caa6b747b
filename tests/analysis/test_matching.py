"""Tests for nkdesk.analysis.decide, the decision that links two passages.

The examples are invented for these tests (none comes from the seed articles);
only ``test_mrpc_dev_accuracy`` needs the MRPC corpus, and it is skipped
without it.
"""

from __future__ import annotations

import math
from collections import Counter
from difflib import SequenceMatcher
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nkdesk.analysis import mrpc
from nkdesk.analysis.decide import (
    AGREEMENT_FEATURES,
    FEATURE_NAMES,
    THRESHOLD,
    WEIGHTS,
    _common,
    _longest_difference,
    _longest_difference_bound,
    features,
    is_shared,
    shared_similarity,
    similarity,
)
from nkdesk.analysis.passage import Passage, canonical, corpus_idf
from nkdesk.analysis.variants import (
    VARIANT_MIN_RATIO,
    fold_variants,
    letter_bits,
    quick_ratio_bound,
    spelling_ratio,
)
from nkdesk.text.normalize import tokenize

# Beside the checkout, never inside it: the corpus is not ours to ship.
MRPC = Path(__file__).resolve().parents[3] / "shared/eval/mrpc"
MRPC_DEV_MIN_ACCURACY = 0.75

VOCABULARY = (
    *("the", "council", "voted", "on", "Tuesday", "to", "close", "3", "libraries", "and"),
    *("40", "schools", "near", "Ostrava", "after", "a", "long", "debate", "mayor", "said"),
    *("not", "budget", "cuts", "were", "needed", "river", "flooded", "streets", "police"),
    *("arrested", "two", "men", "Ostrawa", "didn't", "41", "Police", "Mayor"),
)
sentences_from_vocabulary = st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=25).map(
    " ".join
)
any_text = (
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=120)
    | sentences_from_vocabulary
)

REWORDINGS = [
    (
        "The bridge will reopen to traffic next month after repairs, the city said.",
        "After repairs, the bridge is due to reopen to traffic next month, according to the city.",
    ),
    (
        "The central bank raised its key interest rate by a quarter point on Thursday.",
        "On Thursday the central bank lifted its benchmark rate by a quarter of a point.",
    ),
    (
        "Firefighters brought the warehouse blaze under control early on Sunday.",
        "The warehouse blaze was brought under control by firefighters early Sunday.",
    ),
    (
        "The airline cancelled dozens of flights because of the strike by pilots.",
        "Dozens of flights were cancelled by the airline because of the pilots' strike.",
    ),
]

UNRELATED = [
    (
        "The museum will close for renovation in the spring.",
        "Heavy rain flooded several streets in the northern suburbs.",
    ),
    (
        "The central bank raised its key interest rate by a quarter point.",
        "Police arrested two men after a car was set on fire near the stadium.",
    ),
    (
        "Shares of the carmaker fell sharply after the profit warning.",
        "The orchestra announced a new conductor for its winter season.",
    ),
]


@settings(max_examples=200, deadline=None)
@given(any_text, any_text)
def test_similarity_is_symmetric_and_a_probability(a: str, b: str) -> None:
    value = similarity(a, b)
    assert 0.0 <= value <= 1.0
    assert value == similarity(b, a)
    assert features(Passage.from_text(a), Passage.from_text(b)) == features(
        Passage.from_text(b), Passage.from_text(a)
    )


@settings(max_examples=100, deadline=None)
@given(any_text, any_text)
def test_features_are_named_and_bounded(a: str, b: str) -> None:
    values = features(Passage.from_text(a), Passage.from_text(b))
    assert len(values) == len(FEATURE_NAMES)
    assert all(0.0 <= v <= 1.0 for v in values)


def test_one_weight_per_feature_and_a_bias() -> None:
    assert len(WEIGHTS) == len(FEATURE_NAMES) + 1
    assert 0.0 < THRESHOLD < 1.0
    assert AGREEMENT_FEATURES.issubset(FEATURE_NAMES)


def test_weights_favour_agreement() -> None:
    """The premise of ``test_nothing_is_more_similar_to_a_passage_than_itself``."""
    assert mrpc.wrong_signs(WEIGHTS) == []


@settings(max_examples=200, deadline=None)
@given(any_text, any_text)
def test_nothing_is_more_similar_to_a_passage_than_itself(a: str, b: str) -> None:
    """So the engine, ranking candidates, links a copy before a near copy."""
    assert similarity(a, b) <= similarity(a, a)


@settings(max_examples=100, deadline=None)
@given(sentences_from_vocabulary)
def test_identical_text_is_shared(text: str) -> None:
    assert is_shared(text, text)


@pytest.mark.parametrize(("a", "b"), UNRELATED)
def test_unrelated_sentences_are_not_shared(a: str, b: str) -> None:
    assert not is_shared(a, b)
    assert similarity(a, b) < 0.2


@pytest.mark.parametrize(("a", "b"), REWORDINGS)
def test_rewordings_are_shared(a: str, b: str) -> None:
    assert is_shared(a, b)


def test_spelling_variant_raises_similarity() -> None:
    base = "Minister Dmytrenko signed the grain agreement in Geneva on Friday."
    variant = "Minister Dmitrenko signed the grain agreement in Geneva on Friday."
    other = "Minister Harlowe signed the grain agreement in Geneva on Friday."
    assert similarity(base, variant) > similarity(base, other)
    # Folded, the variant is as good as the same spelling.
    assert similarity(base, variant) == similarity(base, base)


def test_fold_variants_renames_close_spellings_only() -> None:
    assert fold_variants(("dmytrenko", "grain"), ("dmitrenko", "grain")) == ("dmytrenko", "grain")
    # Short words differ by a letter too often to be variants ("state"/"stage" is 5).
    assert fold_variants(("coat",), ("boat",)) == ("boat",)
    assert fold_variants(("harlowe",), ("dmitrenko",)) == ("dmitrenko",)


# Letters 64 code points apart ("a", "!", "¡") share a bit of letter_bits.
spellings = st.text(alphabet="aäáA!¡eèiknrsty", max_size=12)


@settings(max_examples=300, deadline=None)
@given(spellings, spellings)
def test_quick_ratio_bound_is_never_below_quick_ratio(x: str, y: str) -> None:
    """What lets the variant searches skip difflib for the pairs the bound rules out."""
    bound = quick_ratio_bound(x, y, letter_bits(x), letter_bits(y))
    assert bound >= SequenceMatcher(None, x, y, autojunk=False).quick_ratio()


@settings(max_examples=300, deadline=None)
@given(spellings, spellings)
def test_spelling_ratio_is_difflibs_ratio_when_close_enough(x: str, y: str) -> None:
    ratio = SequenceMatcher(None, x, y, autojunk=False).ratio()
    expected = ratio if ratio >= VARIANT_MIN_RATIO else None
    assert spelling_ratio(x, y, VARIANT_MIN_RATIO) == expected


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from("abcdef"), max_size=30),
    st.lists(st.sampled_from("abcdeg"), max_size=30),
)
def test_longest_difference_bound_is_never_above_it(a: list[str], b: list[str]) -> None:
    assert _longest_difference_bound(a, b) <= _longest_difference(a, b)


@settings(max_examples=200, deadline=None)
@given(sentences_from_vocabulary, sentences_from_vocabulary)
def test_shared_similarity_is_similarity_for_shared_pairs_only(a: str, b: str) -> None:
    pa, pb = Passage.from_text(a), Passage.from_text(b)
    value = similarity(pa, pb)
    assert shared_similarity(pa, pb) == (value if value >= THRESHOLD else None)


@pytest.mark.parametrize(("a", "b"), REWORDINGS + UNRELATED)
def test_shared_similarity_of_rewordings_and_unrelated_sentences(a: str, b: str) -> None:
    pa, pb = Passage.from_text(a), Passage.from_text(b)
    value = similarity(pa, pb)
    assert shared_similarity(pa, pb) == (value if value >= THRESHOLD else None)


@given(st.lists(st.sampled_from("abcde")), st.lists(st.sampled_from("abcdf")))
def test_common_is_the_multiset_intersection(a: list[str], b: list[str]) -> None:
    assert _common(Counter(a), Counter(b)) == dict(Counter(a) & Counter(b))


def test_a_number_clash_lowers_similarity_only_mildly() -> None:
    """Same claim, different number: still linked, a little less surely.

    The engine reports conflicts between linked passages, so two reports
    giving different tolls for one event must be linked for the conflict to
    be shown at all. MRPC agrees that a number is weak evidence: the fitted
    weight on missing numbers is small.
    """
    a = "Officials said 40 people were killed when the ferry capsized on Tuesday."
    b = "Officials said 45 people were killed when the ferry capsized on Tuesday."
    assert is_shared(a, b)
    assert similarity(a, b) < similarity(a, a)
    assert similarity(a, a) - similarity(a, b) < 0.05


def test_a_negation_lowers_similarity_but_keeps_the_link() -> None:
    """Like a number clash, "did not open" against "opened" is a conflict to show."""
    a = "The mayor opened the new library on Friday."
    b = "The mayor did not open the new library on Friday."
    assert similarity(a, b) < similarity(a, "The mayor opened the new library on Friday!")
    assert is_shared(a, b)


def test_synonyms_fold_to_their_group_head() -> None:
    assert canonical("soldier") == canonical("troop")
    assert canonical("library") == "library"


def test_names_are_capitalised_words_not_starting_a_sentence() -> None:
    text = "Officials said Harlowe arrived. Police then left with Ms. Brandt."
    passage = Passage.from_text(text)
    assert "harlow" in passage.names  # names are compared in their normalised form
    assert "official" not in passage.names and "police" not in passage.names
    # Without the source the capitals cannot be read.
    assert Passage.from_tokens(tokenize(text)).names == frozenset()


def test_idf_weights_terms_and_strings_match_weighted_passages() -> None:
    corpus = [
        Passage.from_text(t)
        for t in (
            "The council voted to close the library.",
            "The council met again on Tuesday.",
            "The council said the library will close.",
        )
    ]
    idf = corpus_idf(corpus)
    assert idf["council"] < idf["library"] < idf["tuesday"]
    assert min(idf.values()) >= 1.0
    a, b = "The council closed the library.", "The council voted on the library."
    weighted = similarity(Passage.from_text(a).weighted(idf), Passage.from_text(b).weighted(idf))
    assert similarity(a, b, idf) == pytest.approx(weighted)
    assert Passage.from_text(a, idf=idf).weights == Passage.from_text(a).weighted(idf).weights
    # A term the corpus never saw weighs as much as its rarest term.
    unseen = Passage.from_text("zeppelins", idf=idf)
    assert unseen.weights == (max(idf.values()),)


def test_passages_compare_by_their_terms_not_their_weights() -> None:
    plain = Passage.from_text("The council voted.")
    weighted = plain.weighted({"council": 3.0, "vot": 2.0})
    assert plain == weighted
    assert hash(plain) == hash(weighted)
    assert plain.weighted(None) is plain


def test_fit_recovers_a_separating_direction() -> None:
    rows = [(x / 20, (20 - x) / 20) for x in range(21)]
    labels = [x > 10 for x in range(21)]
    weights = mrpc.fit(rows, labels, l2=0.1)
    assert weights[0] > 0 > weights[1]
    probabilities = mrpc.probabilities(weights, rows)
    cut = mrpc.best_threshold(probabilities, labels)
    assert [p >= cut for p in probabilities] == labels


def test_fit_matches_the_penalised_optimum() -> None:
    """At Newton's fixed point the penalised gradient vanishes."""
    rows = [(0.1, 0.0), (0.4, 1.0), (0.5, 0.0), (0.9, 1.0), (0.7, 0.0), (0.2, 1.0)]
    labels = [False, False, True, True, True, False]
    weights = mrpc.fit(rows, labels, l2=0.5)
    p = mrpc.probabilities(weights, rows)
    for i in range(2):
        gradient = sum((q - y) * r[i] for q, y, r in zip(p, labels, rows, strict=True))
        assert math.isclose(gradient + 0.5 * weights[i], 0.0, abs_tol=1e-9)
    assert math.isclose(sum(q - y for q, y in zip(p, labels, strict=True)), 0.0, abs_tol=1e-9)


def test_folds_partition_the_pairs() -> None:
    parts = mrpc.folds(23)
    assert len(parts) == mrpc.FOLDS
    assert sorted(i for part in parts for i in part) == list(range(23))
    assert mrpc.folds(23) == parts


def test_read_pairs_reads_the_corpus_format(tmp_path: Path) -> None:
    path = tmp_path / "pairs.txt"
    path.write_text(
        "\ufeffQuality\t#1 ID\t#2 ID\t#1 String\t#2 String\n"
        '1\t1\t2\tA "quoted" line.\tAnother line.\n'
        "0\t3\t4\tThird.\tFourth.\n",
        encoding="utf-8",
    )
    assert mrpc.read_pairs(path) == [
        mrpc.Pair(True, 'A "quoted" line.', "Another line."),
        mrpc.Pair(False, "Third.", "Fourth."),
    ]


def test_mrpc_script_reports_a_missing_corpus(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert mrpc.main([str(tmp_path)]) == 2
    assert "not found" in capsys.readouterr().err


@pytest.mark.skipif(
    not (MRPC / mrpc.DEV_FILE).is_file(),
    reason=f"MRPC dev split not found at {MRPC} (it is not shipped with nkdesk)",
)
def test_mrpc_dev_accuracy() -> None:
    scores = mrpc.dev_scores(mrpc.read_pairs(MRPC / mrpc.DEV_FILE))
    assert scores.accuracy >= MRPC_DEV_MIN_ACCURACY
