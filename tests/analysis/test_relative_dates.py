"""As-of dates said relative to the report ("last month", "yesterday"), made absolute with
the article's publication date."""

from __future__ import annotations

import pytest

from nkdesk.analysis import compare
from nkdesk.analysis.conflicts import day_label
from nkdesk.analysis.timeline import timeline
from nkdesk.analysis.timing import resolve_date

# Published on a Monday.
PUBLISHED = "2025-01-20"
FILLER = "Officials said 30 miners were rescued from a collapsed mine in the hills."


def as_of(sentence: str, published: str | None = PUBLISHED) -> str | None:
    texts = {"a": f"{sentence}\n", "b": f"{FILLER}\n"}
    comparison = compare(texts, published={"a": published} if published else {})
    (fact,) = (f for f in comparison.facts if f.doc == "a" and f.type == "quantity")
    return fact.as_of


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The ministry said last month that 40 miners had been killed.", "2024-12"),
        ("The ministry said yesterday that 40 miners had been killed.", "2025-01-19"),
        ("The ministry said today that 40 miners had been killed.", "2025-01-20"),
        ("The ministry said last week that 40 miners had been killed.", "2025-W03"),
        ("The ministry said on Friday that 40 miners had been killed.", "2025-01-17"),
        ("The ministry said last Monday that 40 miners had been killed.", "2025-01-13"),
        ("The ministry said this year that 40 miners had been killed.", "2025"),
        ("The ministry said last year that 40 miners had been killed.", "2024"),
    ],
)
def test_a_statement_dated_relative_to_its_report(sentence: str, expected: str) -> None:
    assert as_of(sentence) == expected


def test_without_a_publication_date_a_relative_date_is_unknown() -> None:
    assert as_of("The ministry said last month that 40 miners had been killed.", None) is None


def test_a_month_of_a_report_dated_by_its_month_only() -> None:
    sentence = "The ministry said last month that 40 miners had been killed."
    assert as_of(sentence, "2025-01") == "2024-12"
    assert as_of(sentence.replace("last month", "yesterday"), "2025-01") is None


@pytest.mark.parametrize(
    "sentence",
    [
        # A stretch a figure covers, not the day it was stated.
        "The ministry said 40 miners had been killed in the last week.",
        "The ministry said 40 miners had been killed so far this year.",
        "The ministry said 40 miners had been killed since last month.",
    ],
)
def test_a_stretch_of_time_is_no_relative_as_of_date(sentence: str) -> None:
    assert as_of(sentence) is None


def test_the_new_year_and_the_start_of_a_week_are_crossed_right() -> None:
    assert resolve_date("@last-month", "2025-01-02") == "2024-12"
    assert resolve_date("@yesterday", "2025-03-01") == "2025-02-28"
    assert resolve_date("@last-week", "2025-01-02") == "2024-W52"
    assert resolve_date("Sunday", "2025-01-20") == "2025-01-19"
    assert resolve_date("Monday", "2025-01-20") == "2025-01-20"  # "on Monday", that Monday
    assert resolve_date("@last-monday", "2025-01-20") == "2025-01-13"
    assert day_label("2025-W03") == "week 3 of 2025"


def test_the_timeline_places_a_last_week_figure_across_that_week() -> None:
    texts = {
        "a": "The ministry said last week that 40 miners had been killed in the collapse.\n",
        "b": "The ministry said on January 2 that 25 miners had been killed in the collapse.\n",
    }
    comparison = compare(texts, published={"a": PUBLISHED, "b": "2025-01-03"})
    (claim,) = (c for c in timeline(comparison).claims if c.unit == "killed")
    points = {p.doc: p for p in claim.points}
    assert points["a"].as_of == "2025-W03" and points["a"].period is not None
    start, end = points["a"].period
    assert end - start == 7
    assert points["b"].day is not None and points["b"].day < start
