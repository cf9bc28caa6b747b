"""The timeline's data: which claims it plots, where each value sits in time, and the plane."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nkdesk.analysis import compare
from nkdesk.analysis.model import Span
from nkdesk.analysis.timeline import (
    SHAPES,
    TimelineClaim,
    TimelinePoint,
    _periods,
    describe,
    layout,
    shape_outline,
    timeline,
)
from nkdesk.corpus import Document
from nkdesk.sources import Source

# Three reports of one evacuation, each counting at a different time: one as of
# a stated day, one dated only by its publication, one as of a month of no year
# and published nowhere that says when.
DAILY = (
    "Flooding in the valley\n\nThe regional governor said on January 13 that about 200 people"
    " had been evacuated from the flooded valley villages.\n\nRoads stayed closed."
)
EVENING = (
    "Valley floods worsen\n\nAt least 1,000 people have been evacuated from the flooded valley"
    " villages, the regional governor said.\n\nSchools were shut."
)
RESCUE = (
    "Rescue teams in the valley\n\nThe rescue service said in late December that some 500 people"
    " had been evacuated from the flooded valley villages.\n\nRain is forecast."
)
UNRELATED = "Cup final\n\nThe home side won the cup final by three goals to one on Saturday."


def day(iso: str) -> int:
    return date.fromisoformat(iso).toordinal()


@pytest.fixture(scope="module")
def floods():
    documents = (
        Document.from_text("daily", DAILY, source=Source(outlet="Daily", published="2025-01-20")),
        Document.from_text("evening", EVENING, source=Source(published="2025-02-01")),
        Document.from_text("rescue", RESCUE),
        Document.from_text("cup", UNRELATED),
    )
    return compare(documents)


def the_claim(comparison) -> TimelineClaim:
    claims = [c for c in timeline(comparison).claims if c.unit == "evacuated"]
    assert len(claims) == 1
    return claims[0]


def test_a_claim_several_sources_count_is_plotted_one_point_per_value(floods) -> None:
    claim = the_claim(floods)
    assert {p.doc: p.value for p in claim.points} == {
        "daily": "200",
        "evening": "1000",
        "rescue": "500",
    }
    for point in claim.points:
        # Each point leads back to the figure as its source writes it.
        assert floods.text(point.span) == point.text
    assert timeline(floods).sources == ("daily", "evening", "rescue", "cup")


def test_values_sit_at_their_as_of_date_else_at_their_publication(floods) -> None:
    points = {p.doc: p for p in the_claim(floods).points}
    assert points["daily"].placed == "as_of"
    assert points["daily"].period == (day("2025-01-13"), day("2025-01-14"))
    assert points["evening"].placed == "published"
    assert points["evening"].period == (day("2025-02-01"), day("2025-02-02"))


def test_a_month_of_no_year_takes_the_year_nearest_the_claims_other_dates(floods) -> None:
    points = the_claim(floods).points
    rescue = next(p for p in points if p.doc == "rescue")
    assert rescue.as_of == "--12" and rescue.placed == "as_of"
    # December 2024, not 2025: the other counts are of January and February 2025.
    assert rescue.period == (day("2024-12-01"), day("2025-01-01"))
    assert rescue.day == (day("2024-12-01") + day("2024-12-31")) / 2
    assert [p.doc for p in points] == ["rescue", "daily", "evening"]  # in time order


def test_without_dates_or_publication_values_go_to_the_undated_column() -> None:
    documents = (
        Document.from_text("one", EVENING),
        Document.from_text("two", EVENING.replace("At least 1,000", "About 1,200")),
    )
    claim = the_claim(compare(documents))
    assert {p.placed for p in claim.points} == {"undated"}
    plot = layout(claim, ("one", "two"), 600, 300)
    assert plot.dated is None and plot.undated is not None
    assert all(plot.undated.left <= m.x <= plot.undated.right for m in plot.marks)
    # One slot a source, left to right in corpus order.
    assert [m.point.doc for m in plot.marks] == ["one", "two"]
    higher = next(m for m in plot.marks if m.point.value == "1200")
    lower = next(m for m in plot.marks if m.point.value == "1000")
    assert higher.y < lower.y


def point(doc: str, low: float, high: float, as_of: str | None, period) -> TimelinePoint:
    return TimelinePoint(
        doc, Span(doc, 0, 1), "x", str(low), low, high, "a spokesman", as_of,
        "as_of" if period else "undated", period,
    )  # fmt: skip


def test_the_plane_puts_later_dates_right_larger_values_higher_and_ranges_as_whiskers() -> None:
    claim = TimelineClaim(
        7,
        "people evacuated",
        "quantity",
        "evacuated",
        (
            point("a", 100, 100, "2025-01-13", (day("2025-01-13"), day("2025-01-14"))),
            point("b", 300, 400, "2025-03", (day("2025-03-01"), day("2025-04-01"))),
            point("c", 250, 250, None, None),
        ),
    )
    plot = layout(claim, ("a", "b", "c"), 800, 300)
    a, b, c = (next(m for m in plot.marks if m.point.doc == d) for d in "abc")
    assert plot.dated is not None and plot.undated is not None
    assert plot.dated.right < plot.undated.left
    assert a.x < b.x and b.y < a.y
    assert plot.dated.left <= a.x and b.x <= plot.dated.right
    assert plot.undated.left <= c.x <= plot.undated.right
    # The month's whisker spans March; the range's whisker spans 300 to 400.
    assert b.x_low < b.x < b.x_high and b.y_high < b.y < b.y_low
    assert a.x_low == a.x == a.x_high
    labels = [t.label for t in plot.x_ticks]
    # Month starts, the year said at the first and at each January.
    assert labels[:2] == ["Feb 2025", "Mar"]
    assert [m.point.doc for m in plot.marks] == ["a", "b", "c"]  # keyboard order


def test_dates_of_no_year_at_all_read_as_one_stretch_across_new_year() -> None:
    claim_points = (
        point("a", 100, 100, "--12-27", None),
        point("b", 200, 200, "--01-13", None),
    )
    periods, years_stated = _periods([p.as_of for p in claim_points], [None, None])
    assert years_stated is False
    december, january = periods
    assert december is not None and january is not None
    assert december[0] < january[0]
    assert january[0] - december[0] == 17


def test_marks_that_would_cover_each_other_stand_side_by_side() -> None:
    same = (day("2025-01-13"), day("2025-01-14"))
    claim = TimelineClaim(
        1, "x", "quantity", None,
        (point("a", 50, 50, "2025-01-13", same), point("b", 50, 50, "2025-01-13", same)),
    )  # fmt: skip
    plot = layout(claim, ("a", "b"), 400, 200)
    first, second = plot.marks
    assert first.y == second.y and abs(first.x - second.x) >= 2 * 6


def test_every_source_has_a_shape_of_its_own() -> None:
    assert len(set(SHAPES)) == len(SHAPES) >= 8
    outlines = {shape: shape_outline(shape, 0, 0, 10) for shape in SHAPES}
    assert outlines["circle"] == ()
    corners = {len(o) for shape, o in outlines.items() if shape != "circle"}
    assert len(outlines) == len(SHAPES) and corners
    for outline in outlines.values():
        assert all(abs(x) <= 12 and abs(y) <= 12 for x, y in outline)


def test_the_tooltip_names_source_speaker_value_and_date(floods) -> None:
    points = {p.doc: p for p in the_claim(floods).points}
    text = describe(points["rescue"], "quantity", "Rescue teams in the valley")
    assert "Rescue teams in the valley" in text and "500" in text and "Dec 2024" in text
    assert "some 500" in text
    assert "rescue service" in text
    published = describe(points["evening"], "quantity", "Valley floods worsen")
    assert "publication" in published and "1 Feb 2025" in published


def test_an_axis_of_amounts_never_goes_below_zero() -> None:
    claim = TimelineClaim(
        2, "share", "proportion", None,
        (point("a", 0.5, 0.5, None, None), point("b", 0.5, 0.5, None, None)),
    )  # fmt: skip
    plot = layout(claim, ("a", "b"), 400, 200)
    assert all(not tick.label.startswith("-") for tick in plot.y_ticks)
    assert "50%" in [tick.label for tick in plot.y_ticks]


_days = st.integers(min_value=day("1990-01-01"), max_value=day("2040-12-31"))
_points = st.lists(
    st.tuples(
        st.sampled_from("abcdef"),
        st.floats(min_value=0, max_value=1e7, allow_nan=False),
        st.floats(min_value=0, max_value=1e6, allow_nan=False),
        st.one_of(st.none(), st.tuples(_days, st.sampled_from((1, 7, 31, 366)))),
    ),
    min_size=1,
    max_size=30,
)


@given(_points, st.integers(min_value=200, max_value=1600), st.integers(150, 600))
def test_every_mark_lands_inside_its_part_of_the_plane(points, width, height) -> None:
    claim = TimelineClaim(
        1, "x", "quantity", None,
        tuple(
            point(doc, low, low + spread, "x" if when else None,
                  (when[0], when[0] + when[1]) if when else None)
            for doc, low, spread, when in points
        ),
    )  # fmt: skip
    plot = layout(claim, tuple("abcdef"), width, height)
    assert len(plot.marks) == len(claim.points)
    slack = 2 * len(claim.points) * 7  # marks pushed aside to stand side by side
    for mark in plot.marks:
        box = plot.undated if mark.point.period is None else plot.dated
        assert box is not None
        assert box.top - 1e-6 <= mark.y_high <= mark.y <= mark.y_low <= box.bottom + 1e-6
        assert box.left - slack <= mark.x <= box.right + slack
        if mark.point.period and mark.point.period[1] - mark.point.period[0] > 1:
            # A period's whisker stays where its days are, whatever the mark's shift.
            assert box.left - 1e-6 <= mark.x_low < mark.x_high <= box.right + 1e-6
    values = [float(t.label.replace(",", "")) for t in plot.y_ticks if "e" not in t.label]
    assert values == sorted(values)
