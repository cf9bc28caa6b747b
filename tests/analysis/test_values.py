"""When two values can, and cannot, both be true."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nkdesk.analysis.model import Fact
from nkdesk.analysis.values import interval, rounding, values_conflict


def quantity(low: float, high: float | None = None, qualifier: str | None = None) -> Fact:
    return Fact("d", 0, 1, "quantity", str(low), low, low if high is None else high, "troops",
                qualifier)  # fmt: skip


@pytest.mark.parametrize(
    ("a", "b", "conflict"),
    [
        # The issue's own examples.
        (quantity(11000, qualifier="about"), quantity(12000, qualifier="about"), True),
        (quantity(11000, qualifier="over"), quantity(11000, 12000), False),
        (quantity(1000, qualifier="about"), quantity(1000, qualifier="over"), False),
        # Plain figures are read with the precision they are written with.
        (quantity(11000), quantity(12000), True),
        (quantity(11000), quantity(11000), False),
        (quantity(3000, qualifier="over"), quantity(1100, qualifier="about"), True),
        (quantity(3000, qualifier="over"), quantity(3000, qualifier="over"), False),
        (quantity(1000, qualifier="at least"), quantity(200), True),
        (quantity(1000, qualifier="up to"), quantity(200), False),
        (quantity(1000, qualifier="under"), quantity(1500), True),
        (quantity(1000, qualifier="nearly"), quantity(950), False),
        (quantity(11000, 12000), quantity(11000, 12000, qualifier="about"), False),
        (quantity(11000, 12000), quantity(15000), True),
    ],
)
def test_quantity_compatibility(a: Fact, b: Fact, conflict: bool) -> None:
    assert values_conflict(a, b) is conflict
    assert values_conflict(b, a) is conflict


def test_rounding_follows_the_written_precision() -> None:
    assert rounding(11000) == 500
    assert rounding(11500) == 50
    assert rounding(1000) == 50  # half a thousand would be ±50%: capped at 5%
    assert rounding(0) == 0


def date(value: str) -> Fact:
    return Fact("d", 0, 1, "date", value, 0, 0, None, None)


@pytest.mark.parametrize(
    ("a", "b", "conflict"),
    [
        ("--11", "--10", True),
        ("--10", "--10", False),
        ("2024-10", "--10", False),
        ("2024-10", "2023-10", True),
        ("--10-26", "--10", False),
        ("2022", "2022-02", False),
    ],
)
def test_dates_conflict_on_what_both_state(a: str, b: str, conflict: bool) -> None:
    assert values_conflict(date(a), date(b)) is conflict


@given(
    st.floats(1, 1e7),
    st.floats(1, 1e7),
    st.sampled_from([None, "about", "over", "at least", "up to", "under", "nearly"]),
)
def test_a_value_never_conflicts_with_itself_and_intervals_are_ordered(
    low: float, width: float, qualifier: str | None
) -> None:
    fact = quantity(low, low + width, qualifier)
    lo, hi = interval(fact)
    assert lo <= hi
    assert not values_conflict(fact, fact)
