"""Tests for nkdesk.text.numbers: the formats real articles use, and invariants."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nkdesk.text.numbers import (
    NUMBER_PATTERN,
    QUALIFIER_PATTERN,
    QUALIFIERS,
    NumberMatch,
    find_numbers,
    parse_number,
)

NBSP = "\u00a0"
THIN_SPACE = "\u2009"
NARROW_NBSP = "\u202f"


@pytest.mark.parametrize(
    ("expression", "value"),
    [
        ("11,000", 11_000),
        ("11, 000", 11_000),
        ("11 000", 11_000),
        (f"11{NBSP}000", 11_000),
        (f"11{THIN_SPACE}000", 11_000),
        (f"11{NARROW_NBSP}000", 11_000),
        (f"11,{NBSP}000", 11_000),
        ("11000", 11_000),
        ("1,000,000", 1_000_000),
        ("700, 000", 700_000),
        ("1, 100", 1_100),
        ("3 000", 3_000),
        ("1.5", 1.5),
        ("1,234.5", 1_234.5),
        ("11k", 11_000),
        ("11K", 11_000),
        ("5bn", 5e9),
        ("1.5 million", 1.5e6),
        ("3 thousand", 3_000),
        ("2 dozen", 24),
        ("three", 3),
        ("Three", 3),
        ("eleven thousand", 11_000),
        ("two hundred and fifty", 250),
        ("twenty-five", 25),
        ("twenty-five thousand five hundred", 25_500),
        ("one hundred thousand", 100_000),
        ("a thousand", 1_000),
        ("a hundred", 100),
        ("a dozen", 12),
        ("zero", 0),
        ("26th", 26),
        ("1st", 1),
        ("2nd", 2),
        ("3rd", 3),
        ("2022", 2022),
        ("50%", 50),
        ("50 percent", 50),
        ("50 per cent", 50),
    ],
)
def test_parse_number_reads_every_format(expression: str, value: float) -> None:
    assert parse_number(expression) == value


@pytest.mark.parametrize(
    "expression",
    ["", "half", "dozens", "thousands", "a", "one-third", "11,000-12,000", "abc", "U.S. 2", "1, 2"],
)
def test_parse_number_refuses_what_is_not_one_definite_number(expression: str) -> None:
    assert parse_number(expression) is None


def _spans(text: str) -> list[tuple[str, float, float, str | None, bool]]:
    return [
        (text[m.start : m.end], m.low, m.high, m.qualifier, m.percent) for m in find_numbers(text)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("about 11,000 North Korean soldiers", [("about 11,000", 11_000, 11_000, "about", False)]),
        ("More than 11, 000 in all", [("More than 11, 000", 11_000, 11_000, "over", False)]),
        ("the 1, 100-kilometer line", [("1, 100", 1_100, 1_100, None, False)]),
        ("the 11, 000-12, 000 deployed", [("11, 000-12, 000", 11_000, 12_000, None, False)]),
        ("11,000 to 12,000 troops", [("11,000 to 12,000", 11_000, 12_000, None, False)]),
        ("11,000–12,000", [("11,000–12,000", 11_000, 12_000, None, False)]),
        ("between 11,000 and 12,000", [("between 11,000 and 12,000", 11_000, 12_000, None, False)]),
        ("around 11,000 to 12,000", [("around 11,000 to 12,000", 11_000, 12_000, "about", False)]),
        ("10-20% of", [("10-20%", 10, 20, None, True)]),
        ("the 2022-23 season", [("2022-23", 2022, 2023, None, False)]),
        ("greater than 3, 000 in", [("greater than 3, 000", 3_000, 3_000, "over", False)]),
        ("an estimated 1,000", [("an estimated 1,000", 1_000, 1_000, "about", False)]),
        ("no more than 100", [("no more than 100", 100, 100, "up to", False)]),
        ("at least 1,000 died", [("at least 1,000", 1_000, 1_000, "at least", False)]),
        ("up to 50 per cent", [("up to 50 per cent", 50, 50, "up to", True)]),
        ("as many as 200", [("as many as 200", 200, 200, "up to", False)]),
        ("fewer than 5", [("fewer than 5", 5, 5, "under", False)]),
        ("just under 900", [("just under 900", 900, 900, "nearly", False)]),
        ("nearly 3,000", [("nearly 3,000", 3_000, 3_000, "nearly", False)]),
        ("about two weeks", [("about two weeks"[:9], 2, 2, "about", False)]),
        ("three months", [("three", 3, 3, None, False)]),
        ("on December 26th", [("26th", 26, 26, None, False)]),
        ("in February 2022", [("2022", 2022, 2022, None, False)]),
        (f"some{NBSP}11{NBSP}000", [(f"some{NBSP}11{NBSP}000", 11_000, 11_000, "about", False)]),
    ],
)
def test_find_numbers_reads_spans_ranges_and_qualifiers(
    text: str, expected: list[tuple[str, float, float, str | None, bool]]
) -> None:
    assert _spans(text) == expected


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("1, 2 and 3", [1, 2, 3]),
        ("1,000, 200 and 300", [1_000, 200, 300]),
        ("March 3, 2022", [3, 2022]),
        ("1, 2345", [1, 2345]),
        ("In 2022, 100 people", [2022, 100]),
    ],
)
def test_list_items_are_not_glued_into_one_number(text: str, values: list[float]) -> None:
    assert [m.low for m in find_numbers(text)] == values


@pytest.mark.parametrize(
    "text", ["F-16 jets", "Su-34", "someone", "often", "version1.2", "U.S.", "tens of thousands"]
)
def test_no_number_inside_words_or_model_names(text: str) -> None:
    assert find_numbers(text) == []


def test_u_s_followed_by_a_number_is_just_the_number() -> None:
    assert _spans("U.S. 2") == [("2", 2, 2, None, False)]


def test_number_start_is_after_the_qualifier() -> None:
    (match,) = find_numbers("roughly 5 people")
    assert match == NumberMatch(0, 9, 8, 5.0, 5.0, "about", False)
    assert not match.is_range
    assert find_numbers("5-6")[0].is_range


def test_a_qualifier_is_not_taken_from_the_previous_number() -> None:
    matches = find_numbers("3 over 4")
    assert [(m.low, m.qualifier) for m in matches] == [(3, None), (4, "over")]


def test_every_qualifier_maps_to_a_canonical_one() -> None:
    canonical = {"about", "over", "at least", "up to", "under", "nearly"}
    assert set(QUALIFIERS.values()) == canonical
    assert all(surface == surface.lower() for surface in QUALIFIERS)
    pattern = re.compile(rf"(?:{QUALIFIER_PATTERN})\Z", re.IGNORECASE)
    assert all(pattern.match(surface) for surface in QUALIFIERS)
    for surface, qualifier in QUALIFIERS.items():
        (match,) = find_numbers(f"x {surface} 7 y")
        assert match.qualifier == qualifier


def test_number_pattern_has_no_capturing_groups() -> None:
    # The lexer embeds it inside patterns whose groups it numbers itself.
    assert re.compile(NUMBER_PATTERN, re.IGNORECASE).groups == 0


def test_find_numbers_completes_on_a_megabyte(seed_texts: dict[str, str]) -> None:
    article = "\n".join(seed_texts.values())
    big = article * (1_000_000 // len(article) + 1)
    per_article = len(find_numbers(article + "\n"))
    assert len(find_numbers(big)) >= per_article * (1_000_000 // len(article))


SEPARATORS = [",", ", ", " ", NBSP, THIN_SPACE, NARROW_NBSP, f",{NBSP}"]


@given(st.integers(min_value=0, max_value=10**9), st.sampled_from(SEPARATORS))
def test_grouped_integers_parse_back(value: int, separator: str) -> None:
    written = f"{value:,}".replace(",", separator)
    assert parse_number(written) == value
    (match,) = find_numbers(f"about {written} people")
    assert (match.low, match.high, match.qualifier) == (value, value, "about")


@given(st.text())
def test_find_numbers_never_crashes_and_spans_are_ordered(text: str) -> None:
    previous_end = 0
    for match in find_numbers(text):
        assert previous_end <= match.start <= match.number_start < match.end <= len(text)
        assert match.low <= match.high
        previous_end = match.end


@given(
    st.lists(
        st.one_of(
            st.sampled_from(["1", "2", ", ", " ", "-", "–", "to", "and", "between", "about"]),
            st.sampled_from(["000", "one", "thousand", "%", "k", "th", NBSP, ".", "\n"]),
        ),
        max_size=30,
    )
)
def test_find_numbers_never_crashes_on_number_like_text(parts: list[str]) -> None:
    text = "".join(parts)
    for match in find_numbers(text):
        assert 0 <= match.start < match.end <= len(text)
