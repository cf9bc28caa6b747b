"""A conflict needs the same referent: the rules, on sentences unlike the seeds.

Each case is two short reports of one story that nkdesk has never seen. A
conflict is flagged only when the two values are about the same thing; the
``why`` names that thing; and the cases that only look like conflicts
(different people, different events, a part against its total, a year, two
kinds of measure, the page's own dateline) never are.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nkdesk.analysis import Comparison, compare
from nkdesk.analysis.conflicts import same_referent
from nkdesk.analysis.model import Conflict
from nkdesk.analysis.people import different_people
from nkdesk.analysis.values import values_conflict


def conflicts(a: str, b: str) -> list[Conflict]:
    return list(compare({"a": a, "b": b}).conflicts)


def values(c: Conflict) -> tuple[str, str]:
    return (c.a.text, c.b.text)


# ---------------------------------------------------------------------------
# Same referent, values that cannot both be true: flagged, and the why says what.


def test_the_same_mans_age_given_two_ways_conflicts() -> None:
    (found,) = conflicts(
        "Climber Ravi Menon, 32, fell while descending the ridge on Tuesday.",
        "Ravi Menon, 31, an experienced guide, fell while descending the ridge.",
    )
    assert values(found) == ("32", "31")
    assert "age of Ravi Menon" in found.why


def test_a_fall_in_feet_and_in_metres_is_one_length() -> None:
    (found,) = conflicts(
        "The climber survived a fall of about 2,000 ft from the north face.",
        "The climber survived a fall of 700 m from the north face, rescuers said.",
    )
    assert values(found) == ("about 2,000", "700")
    assert found.why.startswith("length of fall")


def test_hedged_times_of_one_event_conflict_only_when_neither_holds_the_other() -> None:
    (found,) = conflicts(
        "The ferry sank around 1:45 a.m. off the coast.",
        "The ferry sank around 1:54 a.m. off the coast, the coast guard said.",
    )
    assert "time" in found.why
    assert not conflicts(
        "The ferry sank around 5:30 a.m. off the coast.",
        "The ferry sank at 5:38 a.m. off the coast.",
    )


def test_weeks_since_a_move_are_one_duration_of_one_event() -> None:
    (found,) = conflicts(
        "The family had moved back 12 weeks ago, neighbours said.",
        "The family had moved back about six weeks ago.",
    )
    assert values(found) == ("12 weeks ago", "about six weeks ago")


def test_a_death_against_a_critical_condition_is_said_to_be_able_to_change() -> None:
    (found,) = conflicts(
        "Lena Ortiz, 27, was shot outside the bakery. She died at the hospital.",
        "Lena Ortiz, 27, was shot outside the bakery and is in critical condition.",
    )
    assert {found.a.value, found.b.value} == {"dead", "alive"}
    assert "condition of Lena Ortiz" in found.why
    assert "may have changed" in found.why


def test_values_stated_as_of_different_dates_are_labelled_so() -> None:
    (found,) = conflicts(
        "The ministry gave an updated tally on March 4: 40 miners killed.",
        "At least 90 miners were killed, the ministry said.",
    )
    assert "as of 4 March vs unstated" in found.why
    assert not found.as_of_differs


def test_values_stated_as_of_two_dates_are_said_to_be_of_different_dates() -> None:
    found = next(
        c for c in conflicts(
            "The ministry gave an updated tally on March 4: 40 miners killed.",
            "The ministry gave an updated tally on March 9: 90 miners killed.",
        )
        if c.a.type == "quantity"
    )  # fmt: skip
    assert found.as_of_differs
    assert "as of different dates: 4 March vs 9 March" in found.why


def test_an_as_of_date_takes_its_year_from_the_publication_date() -> None:
    texts = {
        "a": "The ministry gave an updated tally on December 27: 40 miners killed.\n",
        "b": "The ministry gave an updated tally on January 13: 90 miners killed.\n",
    }
    comparison = compare(texts, published={"a": "2025-01-02", "b": "2025-01-20"})
    as_of = {f.doc: f.as_of for f in comparison.facts if f.type == "quantity"}
    assert as_of == {"a": "2024-12-27", "b": "2025-01-13"}
    assert {f.as_of for f in compare(texts).facts if f.type == "quantity"} == {"--12-27", "--01-13"}


def test_the_start_of_a_stretch_of_time_is_no_date_a_figure_is_stated_as_of() -> None:
    comparison = compare({
        "a": "Officials estimate the army's losses since the war began in March 2021 at 9,000.",
        "b": "The ministry said on 4 May that 9,000 soldiers had been killed.",
    })  # fmt: skip
    as_of = {f.doc: f.as_of for f in comparison.facts if f.value == "9000"}
    assert as_of == {"a": None, "b": "--05-04"}


def test_a_share_of_the_people_past_a_figure_is_a_share_of_those_people() -> None:
    comparison = compare({
        "a": "Officials said about half of the 2,400 residents had been evacuated by Friday.",
        "b": "By Friday a third of its residents had been evacuated, officials said.",
    })  # fmt: skip
    (found,) = comparison.conflicts
    assert values(found) == ("about half", "a third")
    assert found.why.startswith("share of people")


# ---------------------------------------------------------------------------
# Never a conflict.


def test_different_owners_of_a_figure_never_conflict() -> None:
    # A team's rushing yards and a player's passing yards.
    assert not conflicts(
        "Quarterback Sam Doyle threw for 310 yards in the win.",
        "The Harbor Hawks rushed for 145 yards in the win.",
    )
    # Two people's ages.
    assert not conflicts(
        "Maria Lopez, 34, was treated at the scene.",
        "Daniel Ortiz, 41, was treated at the scene.",
    )


def test_different_events_never_conflict() -> None:
    # The time of the crash and the time the rescuers arrived.
    assert not conflicts(
        "The bus crashed into the river at 6:10 a.m.",
        "Rescuers arrived at the river at 7:05 a.m.",
    )
    # The date of one child's shooting and of another's.
    assert not conflicts(
        "A 5-year-old boy shot himself in the hand on May 2.",
        "On May 9, a 9-year-old girl found a gun and shot herself in the leg.",
    )


def test_a_part_never_conflicts_with_its_total() -> None:
    assert not conflicts(
        "Five people were wounded in the attack on the market.",
        "Gomez was hurt, and four others were wounded in the attack on the market.",
    )
    assert not conflicts(
        "The company paid $4.2 billion in cash for the plant.",
        "The deal was worth $5.4 billion in total.",
    )


def test_a_year_an_address_or_a_calibre_is_no_count() -> None:
    comparison = compare(
        {
            "a": "The 2012 shooting in the 22000 block left a 12-gauge shotgun on the lawn.",
            "b": "Two people were killed in the shooting, police said.",
        }
    )
    assert not [f for f in comparison.facts if f.doc == "a" and f.type == "quantity"]
    assert not comparison.conflicts


def test_measures_of_different_kinds_never_conflict() -> None:
    assert not conflicts(
        "Seven soldiers were killed when the convoy was hit.",
        "Twenty-four soldiers were wounded when the convoy was hit.",
    )
    assert not conflicts(
        "The climber died after a 2,000 ft fall.",
        "Two climbers were killed on the mountain last year.",
    )


def test_the_page_dateline_timestamp_and_byline_are_no_facts() -> None:
    assert not conflicts(
        "LONDON, June 6 (Reuters) - Ten people were hurt when the roof fell.\n"
        "Updated June 6, 2016 10:32 PM EDT",
        "LONDON, June 7 (AP) — Ten people were hurt when the roof fell.\n"
        "(Published Tuesday, June 7, 2016)",
    )


def test_a_byline_is_furniture_but_a_sentence_opening_with_by_is_the_story() -> None:
    found = conflicts(
        "By Jane Doe, Associated Press\nBy Friday, the flood had destroyed 40 homes.",
        "By John Roe | Staff Writer\nBy Friday, the flood had destroyed 55 homes, officials said.",
    )
    assert [values(c) for c in found] == [("40", "55")]


# ---------------------------------------------------------------------------
# Properties: whatever the story, a conflict's two facts share their referent.

_NAMES = ("Ana Ruiz", "Omar Haddad", "Jon Price", "Mei Lin")
_MEASURES = ("killed", "wounded", "missing", "arrested")
_EVENTS = ("flood", "fire", "crash")


@st.composite
def report(draw: st.DrawFn) -> str:
    """A short report of random figures, ages, times and days."""
    sentences = []
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["count", "age", "time", "day"]))
        if kind == "count":
            n, status = draw(st.integers(1, 90)), draw(st.sampled_from(_MEASURES))
            event = draw(st.sampled_from(_EVENTS))
            sentences.append(f"{n} people were {status} in the {event}, officials said.")
        elif kind == "age":
            name, age = draw(st.sampled_from(_NAMES)), draw(st.integers(2, 90))
            sentences.append(f"{name}, {age}, was among them.")
        elif kind == "time":
            hour, minute = draw(st.integers(1, 12)), draw(st.sampled_from([0, 15, 30, 45, 51]))
            event = draw(st.sampled_from(_EVENTS))
            sentences.append(f"The {event} started at {hour}:{minute:02d} p.m.")
        else:
            day = draw(st.sampled_from(["Monday", "Friday", "Sunday"]))
            sentences.append(f"The {draw(st.sampled_from(_EVENTS))} broke out on {day}.")
    return " ".join(sentences)


def _check(comparison: Comparison) -> None:
    for found in comparison.conflicts:
        a, b = found.a, found.b
        assert a.doc != b.doc and a.referent and b.referent
        assert a.referent.measure.partition(":")[0] == b.referent.measure.partition(":")[0]
        assert not a.referent.part and not b.referent.part
        if a.referent.person and b.referent.person:
            # An age conflict is between two ages of one person: the rest of the key agrees.
            one, other = replace(a.referent.person, age=None), replace(b.referent.person, age=None)
            assert not different_people(one, other)
        assert None in (a.referent.event, b.referent.event) or a.referent.event == b.referent.event
        assert values_conflict(a, b)
        assert same_referent(a, b, tied=True, story=None) or same_referent(a, b, tied=False)


@settings(max_examples=60, deadline=None)
@given(report(), report())
def test_a_conflicts_two_facts_always_share_their_referent(a: str, b: str) -> None:
    _check(compare({"a": a, "b": b}))


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(_NAMES), st.sampled_from(_NAMES), st.integers(2, 90), st.integers(2, 90))
def test_two_peoples_ages_conflict_only_when_they_are_one_person(
    first: str, second: str, age_a: int, age_b: int
) -> None:
    found = conflicts(f"{first}, {age_a}, was hurt in the fire.", f"{second}, {age_b}, was hurt.")
    if first != second or age_a == age_b:
        assert not [c for c in found if "age" in c.why]
    else:
        assert [values(c) for c in found if "age" in c.why] == [(str(age_a), str(age_b))]


@pytest.mark.parametrize("story", ["flood", "fire"])
def test_a_toll_of_one_event_never_conflicts_with_a_toll_of_another(story: str) -> None:
    other = "fire" if story == "flood" else "flood"
    assert not conflicts(
        f"Nine people were killed in the {story}, officials said.",
        f"Thirty people were killed in the {other} last year, officials said.",
    )
