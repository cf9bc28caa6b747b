"""Typed facts read from sentences nkdesk has never seen."""

from __future__ import annotations

import pytest

from nkdesk.analysis import compare
from nkdesk.analysis.model import Fact

FILLER = "A quiet day followed in the capital."


def facts_of(sentence: str) -> list[Fact]:
    comparison = compare({"a": sentence, "b": FILLER})
    return [f for f in comparison.facts if f.doc == "a"]


def only(sentence: str, type_: str) -> Fact:
    (fact,) = [f for f in facts_of(sentence) if f.type == type_]
    return fact


@pytest.mark.parametrize(
    ("sentence", "text", "unit", "qualifier"),
    [
        (
            "Approximately 4,500 Chilean troops were sent to the border.",
            "Approximately 4,500",
            "troops",
            "about",
        ),
        ("More than 300 people were killed in the storm.", "More than 300", "killed", "over"),
        (
            "At least 1, 200 soldiers were wounded or killed.",
            "At least 1, 200",
            "casualties",
            "at least",
        ),
        ("The ministry put its casualties at 7 000 by May.", "7 000", "casualties", None),
        ("Up to 60% of the harbour was destroyed.", "Up to 60%", "%", "up to"),
        ("The convoy travelled 1, 100 kilometres in a week.", "1, 100", "km", None),
    ],
)
def test_quantities_know_what_they_count(sentence, text, unit, qualifier) -> None:
    fact = only(sentence, "quantity")
    assert (fact.text, fact.unit, fact.qualifier) == (text, unit, qualifier)


def test_ranges_keep_both_ends() -> None:
    fact = only("Between 2,000 and 2,500 volunteers were deployed.", "quantity")
    assert (fact.low, fact.high, fact.value) == (2000, 2500, "2000-2500")


def test_the_whole_a_share_is_taken_of_counts_the_whole() -> None:
    facts = facts_of("About half of the 8,000 deployed soldiers were killed or wounded.")
    (quantity,) = [f for f in facts if f.type == "quantity"]
    (proportion,) = [f for f in facts if f.type == "proportion"]
    assert quantity.unit == "troops"
    assert proportion.value == "0.5"


def test_two_figures_in_one_clause_count_different_things() -> None:
    facts = facts_of("The agency counted 150 fishermen killed, 900 wounded.")
    assert [(f.text, f.unit) for f in facts if f.type == "quantity"] == [
        ("150", "killed"),
        ("900", "wounded"),
    ]


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("According to Governor Maria Lopez, 200 families were evacuated.", "Governor Maria Lopez"),
        ("The first ships arrived in March, the Harbour Authority said.", "Harbour Authority"),
        ("Peruvian officials said 40 boats were lost.", "Peruvian officials"),
        ("About 30 homes burned down.", None),
    ],
)
def test_speakers(sentence: str, speaker: str | None) -> None:
    (first, *_) = facts_of(sentence)
    assert first.speaker == speaker


def test_dates_belong_to_their_event() -> None:
    fact = only("The first refugees arrived in the camp in mid-March, aid workers said.", "date")
    assert (fact.value, fact.qualifier, fact.context) == ("--03", "mid", "deployment")


def test_a_duration_is_a_claim_or_a_window() -> None:
    facts = facts_of(
        "The rebels have not been seen in the town for about two weeks, "
        "and 50 were killed in the past week."
    )
    durations = {f.text: f for f in facts if f.type == "duration"}
    assert durations["about two weeks"].unit == "days"
    assert durations["about two weeks"].low == 14
    assert durations["about two weeks"].context == "unseen"
    assert durations["the past week"].unit == "window"


def test_whose_quantity_it_is() -> None:
    bolivian = only("Some 600 Bolivian soldiers crossed the river.", "quantity")
    bolivia = only("Bolivia's 900 soldiers crossed the river.", "quantity")
    peruvian = only("Some 600 Peruvian soldiers crossed the river.", "quantity")
    assert bolivian.subject is not None
    assert bolivian.subject == bolivia.subject != peruvian.subject


def test_a_word_number_with_nothing_to_count_is_not_a_fact() -> None:
    assert not [f for f in facts_of("One official, who spoke on condition of anonymity, disagreed.")
                if f.type == "quantity"]  # fmt: skip


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A measure is not a casualty figure because a casualty verb follows
        # after a comma; a verb right before a figure says what it counts.
        (
            "A magnitude 6.8 tremor shook the island on Friday, killing at least 230 people "
            "and injuring more than 4,100.",
            [("6.8", None), ("at least 230", "killed"), ("more than 4,100", "wounded")],
        ),
        (
            "The death toll from the 6.2-magnitude tremor has risen to 1,450.",
            [("6.2", None), ("1,450", "killed")],
        ),
        ("The floods killed 35 and injured 310 along the valley.",
         [("35", "killed"), ("310", "wounded")]),
        ("Some 2,400 rescue workers were deployed, and 17 villagers died.",
         [("Some 2,400", None), ("17", "killed")]),
    ],
)  # fmt: skip
def test_casualty_words_count_only_the_figures_they_govern(sentence, expected) -> None:
    quantities = [(f.text, f.unit) for f in facts_of(sentence) if f.type == "quantity"]
    casualty_units = {"killed", "wounded", "casualties"}
    assert [
        (text, unit if unit in casualty_units else None) for text, unit in quantities
    ] == expected


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("The storm destroyed 800 homes across Fiji, officials said.", "officials"),
        ("Divers recovered 12 bodies near Lesbos on Sunday, police told reporters.", "police"),
        ("Chilean officials said 40 boats were lost near Valparaiso.", "Chilean officials"),
    ],
)
def test_the_speaker_is_who_speaks_not_the_nearest_place(sentence, speaker) -> None:
    (quantity,) = [f for f in facts_of(sentence) if f.type == "quantity"]
    assert quantity.speaker == speaker


def test_a_measure_never_conflicts_with_a_death_toll() -> None:
    comparison = compare(
        {
            "a": "A magnitude 6.8 tremor shook the island on Friday, killing at least 230 people.",
            "b": "The 7.0-magnitude tremor that shook the island on Friday killed 90 people.",
        }
    )
    killed = [
        (c.a.text, c.b.text) for c in comparison.conflicts if "killed" in (c.a.unit, c.b.unit)
    ]
    assert killed == [("at least 230", "90")]


def test_the_body_that_speaks_keeps_its_description() -> None:
    (quantity,) = [
        f
        for f in facts_of("Police held 20 students overnight, the interior ministry said.")
        if f.type == "quantity"
    ]
    assert quantity.speaker == "interior ministry"
