"""The timeline: each quantity claim's values over the dates they were stated as of.

Read off a Comparison (``timeline``) and laid out on a plain coordinate plane
(``layout``), so that the window's dock and the HTML report's SVG draw the
same marks at the same places, and tests check both without Qt.

Where a value goes on the time axis:

- at its ``as_of`` date ("as of January 13"); a partial date ("December
  2024", "2024") at the *middle* of its period, with a whisker across the
  whole period, since the value held somewhere in it and the middle is never
  more than half the period off;
- a date of no stated year ("--12-27") in the year that puts it nearest the
  claim's dated values; when no value of the claim has a year, the dates are
  taken to fall within one year, cut where the longest gap between them is
  (December 27 then January 13 reads as one winter), and the axis names months
  only;
- without an ``as_of``, at its article's publication date, drawn hollow (it
  was stated by then, perhaps earlier);
- else in an "undated" column at the right, one slot per source.

One mark per stated value, in its source's colour and shape (``SHAPES``, by
the source's place in the corpus), so that the plot reads in greyscale too.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import median
from typing import TYPE_CHECKING, Literal

from nkdesk.analysis.model import Cluster, Fact, Span

if TYPE_CHECKING:
    from nkdesk.analysis.model import Comparison

Placement = Literal["as_of", "published", "undated"]
# The fact types whose values are amounts that can rise and fall over time.
TIMELINE_TYPES = frozenset({"quantity", "proportion"})
# A claim is plotted when this many sources state a value of it.
MIN_SOURCES = 2
# The shapes sources are told apart by without colour, in the order sources get them.
SHAPES = (
    "circle",
    "square",
    "triangle",
    "diamond",
    "triangle_down",
    "pentagon",
    "star",
    "hexagon",
    "cross",
    "plus",
)
# The year given to dates when none of a claim's values says which year: a leap
# year, so that February 29 has a place.
NOMINAL_YEAR = 2000
MONTH_ABBREVIATIONS = (
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
)  # fmt: skip
UNDATED_LABEL = "undated"


@dataclass(frozen=True, slots=True)
class TimelinePoint:
    """One value one source states of a claim, and the days it is placed over.

    ``period`` is the half-open range of day numbers (``date.toordinal``) of
    the date it is placed at: one day for "January 13", a month for
    "December"; None in the undated column.
    """

    doc: str
    span: Span
    text: str  # as written: "about 11,000"
    value: str  # canonical: "11000", "11000-12000"
    low: float
    high: float
    speaker: str | None
    as_of: str | None
    placed: Placement
    period: tuple[int, int] | None

    @property
    def day(self) -> float | None:
        """Where on the time axis the mark sits: the middle of its period."""
        if self.period is None:
            return None
        return (self.period[0] + self.period[1] - 1) / 2

    @property
    def middle(self) -> float:
        return (self.low + self.high) / 2


@dataclass(frozen=True, slots=True)
class TimelineClaim:
    """One quantity claim's values, in time order (undated last)."""

    cluster: int
    label: str
    type: str  # "quantity" or "proportion"
    unit: str | None
    points: tuple[TimelinePoint, ...]
    years_stated: bool = True  # False: no value says its year; the axis names months only

    @property
    def docs(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(p.doc for p in self.points))


@dataclass(frozen=True, slots=True)
class Timeline:
    """Every plotted claim of a comparison; ``sources`` in corpus order, which gives
    each source its colour and shape."""

    sources: tuple[str, ...]
    claims: tuple[TimelineClaim, ...]


def timeline(comparison: Comparison) -> Timeline:
    """The claims of ``comparison`` whose values several sources state, as points in time."""
    sources = tuple(d.id for d in comparison.documents)
    order = {doc_id: n for n, doc_id in enumerate(sources)}
    published = {
        d.id: period
        for d in comparison.documents
        if d.source.published and (period := _period(d.source.published))
    }
    facts = {(f.doc, f.start, f.end): f for f in comparison.facts if f.type in TIMELINE_TYPES}
    claims = []
    for cluster in comparison.clusters:
        claim = _claim(cluster, facts, published, comparison, order)
        if claim is not None:
            claims.append(claim)
    return Timeline(sources, tuple(claims))


def _claim(
    cluster: Cluster,
    facts: dict[tuple[str, int, int], Fact],
    published: dict[str, tuple[int, int] | None],
    comparison: Comparison,
    order: dict[str, int],
) -> TimelineClaim | None:
    if not cluster.values:
        return None  # a passage claim: no values to plot
    stated = [facts[key] for m in cluster.members if (key := (m.doc, m.start, m.end)) in facts]
    if len({f.doc for f in stated}) < MIN_SOURCES:
        return None
    periods, years_stated = _periods(
        [f.as_of for f in stated], [published.get(f.doc) for f in stated]
    )
    points = []
    for fact, period in zip(stated, periods, strict=True):
        if fact.as_of and period is not None:
            placed: Placement = "as_of"
        elif period is not None:
            placed = "published"
        else:
            placed = "undated"
        points.append(
            TimelinePoint(
                doc=fact.doc,
                span=fact.span,
                text=fact.text or comparison.text(fact.span),
                value=fact.value,
                low=fact.low,
                high=fact.high,
                speaker=fact.speaker or (fact.attribution[0] if fact.attribution else None),
                as_of=fact.as_of,
                placed=placed,
                period=period,
            )
        )
    points.sort(key=lambda p: (p.day is None, p.day or 0.0, order[p.doc], p.span.start))
    first = stated[0]
    return TimelineClaim(
        cluster=cluster.id,
        label=cluster.label,
        type=first.type,
        unit=first.unit,
        points=tuple(points),
        years_stated=years_stated,
    )


def _periods(
    as_of: Sequence[str | None], published: Sequence[tuple[int, int] | None]
) -> tuple[list[tuple[int, int] | None], bool]:
    """Each value's period: its as-of date's, else its publication's; and whether
    any says its year (see the module's docstring for dates of no year)."""
    periods: list[tuple[int, int] | None] = []
    yearless: list[int] = []
    for n, (value, issued) in enumerate(zip(as_of, published, strict=True)):
        if value and value.startswith("--"):
            periods.append(None)
            yearless.append(n)
        elif value and (period := _period(value)) is not None:
            periods.append(period)
        else:
            periods.append(issued)
    known = [(p[0] + p[1]) / 2 for p in periods if p is not None]
    if not yearless:
        return periods, True
    if known:
        centre = median(known)
        for n in yearless:
            periods[n] = _nearest_year(str(as_of[n]), centre)
        return periods, True
    for n, year in _one_year([str(as_of[n]) for n in yearless]).items():
        periods[yearless[n]] = _period(f"{year:04d}-{str(as_of[yearless[n]])[2:]}")
    return periods, False


def _nearest_year(value: str, centre: float) -> tuple[int, int] | None:
    year = date.fromordinal(int(centre)).year
    candidates = [_period(f"{y:04d}-{value[2:]}") for y in (year - 1, year, year + 1)]
    placed = [p for p in candidates if p is not None]
    return min(placed, key=lambda p: abs((p[0] + p[1]) / 2 - centre), default=None)


def _one_year(values: Sequence[str]) -> dict[int, int]:
    """The year each of several dates of no year is given so that they all fall in one
    year-long stretch, cut at the longest gap between them."""
    days = []
    for n, value in enumerate(values):
        period = _period(f"{NOMINAL_YEAR:04d}-{value[2:]}")
        if period is not None:
            days.append(((period[0] + period[1]) / 2, n))
    if not days:
        return {}
    days.sort()
    year_days = date(NOMINAL_YEAR + 1, 1, 1).toordinal() - date(NOMINAL_YEAR, 1, 1).toordinal()
    gaps = [
        ((days[(i + 1) % len(days)][0] - days[i][0]) % year_days or year_days, i)
        for i in range(len(days))
    ]
    _, before_cut = max(gaps)
    # The stretch starts after the longest gap; the dates before it wrap into the next year.
    start = (before_cut + 1) % len(days)
    return {n: NOMINAL_YEAR + (i < start) for i, (_, n) in enumerate(days)}


def _period(value: str | None) -> tuple[int, int] | None:
    """The half-open day numbers an ISO date covers: "2024" a year, "2024-12" a month,
    "2024-12-27" a day, "2025-W03" a week; None for one of no year or not a date."""
    if not value or value.startswith("--"):
        return None
    parts = value.split("T", 1)[0].split("-")
    if len(parts) == 2 and parts[1][:1] == "W":  # an ISO week: "2025-W03" ("last week")
        try:
            monday = date.fromisocalendar(int(parts[0]), int(parts[1][1:]), 1)
        except ValueError:
            return None
        return monday.toordinal(), monday.toordinal() + 7
    try:
        numbers = [int(p) for p in parts[:3]]
        if len(numbers) == 1:
            start, end = date(numbers[0], 1, 1), date(numbers[0] + 1, 1, 1)
        elif len(numbers) == 2:
            start = date(numbers[0], numbers[1], 1)
            end = (start + timedelta(days=32)).replace(day=1)
        else:
            start = date(*numbers)
            end = start + timedelta(days=1)
    except ValueError:
        return None
    return start.toordinal(), end.toordinal()


def format_value(value: float, kind: str) -> str:
    """A value as the axis and tooltips print it: "11,000", "50%"."""
    if kind == "proportion":
        return f"{value * 100:.3g}%"
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.3g}"


def value_label(point: TimelinePoint, kind: str) -> str:
    if point.low == point.high:
        return format_value(point.low, kind)
    return f"{format_value(point.low, kind)}–{format_value(point.high, kind)}"


def date_label(day: int, *, with_year: bool = True) -> str:
    when = date.fromordinal(day)
    return f"{when.day} {MONTH_ABBREVIATIONS[when.month - 1]}" + (
        f" {when.year}" if with_year else ""
    )


def when_label(point: TimelinePoint, *, years_stated: bool = True) -> str:
    """ "as of 13 Jan 2025", "as of Dec 2024", "published 20 Jan 2025", "no date stated"."""
    if point.period is None:
        return "no date stated"
    start, end = point.period
    first = date.fromordinal(start)
    days = end - start
    if days == 1:
        text = date_label(start, with_year=years_stated)
    elif days == 7:
        text = "the week of " + date_label(start, with_year=years_stated)
    elif days <= 31:
        text = MONTH_ABBREVIATIONS[first.month - 1] + (f" {first.year}" if years_stated else "")
    else:
        text = str(first.year)
    if point.placed == "as_of":
        return f"as of {text}" if years_stated else f"as of {text} (year not stated)"
    return f"no as-of date; placed at its publication, {text}"


def describe(point: TimelinePoint, kind: str, title: str, *, years_stated: bool = True) -> str:
    """The mark's tooltip: source, speaker, value as written, and its date."""
    speaker = f"{point.speaker}: " if point.speaker else ""
    return (
        f"{title}\n{speaker}{value_label(point, kind)} (“{point.text}”)\n"
        f"{when_label(point, years_stated=years_stated)}"
    )


# -- layout ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float

    @property
    def width(self) -> float:
        return self.right - self.left


@dataclass(frozen=True, slots=True)
class Tick:
    at: float  # a coordinate on the plane
    label: str


@dataclass(frozen=True, slots=True)
class PlotMark:
    """A point placed on the plane: its centre, and the whiskers of its period and range
    (``y_low`` is where its low value sits, below ``y_high`` as y grows downwards)."""

    point: TimelinePoint
    source: int  # the source's place in the corpus: its colour and shape
    x: float
    y: float
    x_low: float
    x_high: float
    y_low: float
    y_high: float


@dataclass(frozen=True, slots=True)
class Plot:
    """One claim laid out in a ``width`` by ``height`` plane (y grows downwards).

    ``marks`` are in keyboard order: left to right, then top to bottom.
    """

    width: float
    height: float
    dated: Box | None
    undated: Box | None
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]
    marks: tuple[PlotMark, ...]


MARK_RADIUS_PX = 6
# Half the width of the caps that end a range's whisker.
WHISKER_CAP_PX = 3
UNDATED_SLOT_PX = 18
UNDATED_MIN_PX = 80
COLUMN_GAP_PX = 16
X_TICK_MIN_PX = 70
Y_TICK_MIN_PX = 32
# Space the time axis's ends leave beyond the first and last dates, as a share.
X_PAD = 0.06
Y_PAD = 0.12


def layout(
    claim: TimelineClaim,
    sources: Sequence[str],
    width: float,
    height: float,
    *,
    left: float = 64,
    top: float = 10,
    right: float = 12,
    bottom: float = 30,
    radius: float = MARK_RADIUS_PX,
) -> Plot:
    """Place ``claim``'s marks in a plane, leaving the margins for the axes' labels."""
    order = {doc_id: n for n, doc_id in enumerate(sources)}
    inner = Box(left, top, max(left + 1, width - right), max(top + 1, height - bottom))
    dated_points = [p for p in claim.points if p.period is not None]
    undated_sources = sorted({order[p.doc] for p in claim.points if p.period is None})
    dated_box: Box | None = None
    undated_box: Box | None = None
    if undated_sources and dated_points:
        column = max(UNDATED_MIN_PX, UNDATED_SLOT_PX * len(undated_sources))
        column = min(column, inner.width / 2)
        undated_box = Box(inner.right - column, inner.top, inner.right, inner.bottom)
        dated_box = Box(inner.left, inner.top, undated_box.left - COLUMN_GAP_PX, inner.bottom)
    elif undated_sources:
        undated_box = inner
    else:
        dated_box = inner

    lows = [p.low for p in claim.points]
    highs = [p.high for p in claim.points]
    y_low, y_high = _padded(min(lows), max(highs), Y_PAD)
    if min(lows) >= 0:
        y_low = max(y_low, 0.0)  # no negative counts or shares on an axis of amounts
    y_ticks, y_low, y_high = _value_ticks(y_low, y_high, inner, claim.type)

    def to_y(value: float) -> float:
        return inner.bottom - (value - y_low) / (y_high - y_low) * (inner.bottom - inner.top)

    x_ticks: tuple[Tick, ...] = ()
    to_x = None
    if dated_box is not None:
        first = min(p.period[0] for p in dated_points if p.period)
        last = max(p.period[1] for p in dated_points if p.period)
        day_low, day_high = _padded(first, last, X_PAD, minimum=14)
        box = dated_box

        def to_x(day: float) -> float:
            return box.left + (day - day_low) / (day_high - day_low) * box.width

        x_ticks = _date_ticks(day_low, day_high, box, to_x, claim.years_stated)

    marks = []
    for point in claim.points:
        source = order[point.doc]
        y = to_y(point.middle)
        if point.period is not None and to_x is not None:
            x = to_x(point.day or 0.0)
            x_low, x_high = to_x(point.period[0]), to_x(point.period[1])
            if point.period[1] - point.period[0] <= 1:
                x_low = x_high = x
        else:
            assert undated_box is not None
            slot = undated_sources.index(source)
            x = undated_box.left + (slot + 0.5) * undated_box.width / len(undated_sources)
            x_low = x_high = x
        marks.append(
            PlotMark(point, source, x, y, x_low, x_high, to_y(point.low), to_y(point.high))
        )
    return Plot(
        width,
        height,
        dated_box,
        undated_box,
        x_ticks,
        y_ticks,
        tuple(sorted(_dodged(marks, radius), key=lambda m: _reading_order(m, order))),
    )


def _reading_order(mark: PlotMark, order: dict[str, int]) -> tuple[object, ...]:
    """Left to right, then top to bottom, by the data rather than the pixels, so that the
    order the keys walk is the same at every size of the plane."""
    point = mark.point
    across = point.day if point.day is not None else order[point.doc]
    return (point.day is None, across, -point.middle, order[point.doc], point.span.start)


def _padded(low: float, high: float, share: float, minimum: float = 0.0) -> tuple[float, float]:
    spread = high - low
    if spread <= 0:
        # One value: a fifth of it either side, so that the axis does not magnify
        # rounding into a slope.
        spread = max(abs(high) * 0.4 or 1.0, minimum)
        return low - spread / 2, high + spread / 2
    pad = max(spread * share, (minimum - spread) / 2 if minimum > spread else 0.0)
    return low - pad, high + pad


def _value_ticks(
    low: float, high: float, box: Box, kind: str
) -> tuple[tuple[Tick, ...], float, float]:
    """Round-numbered ticks over the values, and the axis's ends widened to hold them."""
    count = max(2, int((box.bottom - box.top) / Y_TICK_MIN_PX))
    step = _nice((high - low) / count)
    start = math.floor(low / step) * step
    stop = math.ceil(high / step) * step
    if low >= 0 > start:
        start = 0.0  # no negative counts on an axis of amounts
    if kind == "proportion" and stop > 1 >= high - step:
        stop = max(1.0, math.ceil((high - step) / step) * step)  # no share above the whole
    values = []
    n = 0
    while start + n * step <= stop + step * 1e-9:
        values.append(start + n * step)
        n += 1

    def to_y(value: float) -> float:
        return box.bottom - (value - start) / (stop - start) * (box.bottom - box.top)

    ticks = tuple(Tick(to_y(v), format_value(round(v, 12), kind)) for v in values)
    return ticks, start, stop


def _nice(raw: float) -> float:
    """The round step (1, 2, 2.5 or 5 times a power of ten) nearest above ``raw``."""
    if raw <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * power:
            return factor * power
    return 10 * power


def _date_ticks(low: float, high: float, box: Box, to_x, years_stated: bool) -> tuple[Tick, ...]:
    """Ticks at days, month starts or year starts, as many as fit without crowding."""
    room = max(1, int(box.width / X_TICK_MIN_PX))
    span = high - low
    if span / 7 <= room:
        step = 1 if span <= room else 7
        first = math.ceil(low)
        days = range(first, int(high) + 1, step)
        return tuple(Tick(to_x(d), date_label(d, with_year=False)) for d in days)
    for months in (1, 2, 3, 6, 12, 24, 60, 120):
        if span / (30.44 * months) <= room:
            break
    start = date.fromordinal(math.ceil(low))
    month = start.month - 1 + (start.day > 1)
    year = start.year + month // 12
    month = month % 12
    if months >= 12:
        year, month = year + (month > 0), 0
    elif month % months:
        month += months - month % months
        year, month = year + month // 12, month % 12
    ticks = []
    shown_year: int | None = None
    while (day := date(year, month + 1, 1).toordinal()) <= high:
        if months >= 12:
            label = str(year) if years_stated else ""
        else:
            label = MONTH_ABBREVIATIONS[month]
            if years_stated and year != shown_year:
                label += f" {year}"
                shown_year = year
        ticks.append(Tick(to_x(day), label))
        month += months
        year, month = year + month // 12, month % 12
    return tuple(ticks)


def _dodged(marks: list[PlotMark], radius: float) -> list[PlotMark]:
    """The marks, those that would cover one another spread side by side."""
    result: list[PlotMark] = []
    for group in _overlapping(sorted(marks, key=lambda m: (m.x, m.y, m.source)), radius):
        step = 2 * radius + 2
        for n, mark in enumerate(group):
            shift = (n - (len(group) - 1) / 2) * step
            result.append(
                PlotMark(
                    mark.point, mark.source, mark.x + shift, mark.y,
                    mark.x_low + shift if mark.x_low == mark.x else mark.x_low,
                    mark.x_high + shift if mark.x_high == mark.x else mark.x_high,
                    mark.y_low, mark.y_high,
                )
            )  # fmt: skip
    return result


def _overlapping(marks: list[PlotMark], radius: float) -> list[list[PlotMark]]:
    groups: list[list[PlotMark]] = []
    for mark in marks:
        for group in groups:
            anchor = group[0]
            if abs(anchor.x - mark.x) < 2 * radius and abs(anchor.y - mark.y) < 2 * radius:
                group.append(mark)
                break
        else:
            groups.append([mark])
    return groups


def source_shape(index: int) -> str:
    """The shape of the source at ``index`` in the corpus: the dock's, the report's."""
    return SHAPES[index % len(SHAPES)]


def shape_outline(shape: str, x: float, y: float, r: float) -> tuple[tuple[float, float], ...]:
    """A shape's corners around ``(x, y)`` with radius ``r``; () for a circle."""

    def ring(corners: int, turn: float = -math.pi / 2, radii: Sequence[float] = (1.0,)):
        return tuple(
            (
                x + r * radii[k % len(radii)] * math.cos(turn + 2 * math.pi * k / corners),
                y + r * radii[k % len(radii)] * math.sin(turn + 2 * math.pi * k / corners),
            )
            for k in range(corners)
        )

    if shape == "circle":
        return ()
    if shape == "square":
        s = r * 0.85
        return ((x - s, y - s), (x + s, y - s), (x + s, y + s), (x - s, y + s))
    if shape == "triangle":
        return ring(3)
    if shape == "triangle_down":
        return ring(3, math.pi / 2)
    if shape == "diamond":
        return ring(4)
    if shape == "pentagon":
        return ring(5)
    if shape == "hexagon":
        return ring(6)
    if shape == "star":
        return ring(10, radii=(1.15, 0.5))
    if shape == "cross":
        return _cross(x, y, r, 45)
    if shape == "plus":
        return _cross(x, y, r, 0)
    raise ValueError(f"no such shape: {shape!r}")


def _cross(x: float, y: float, r: float, degrees: float) -> tuple[tuple[float, float], ...]:
    """A plus sign of arms a third of ``r`` wide, turned by ``degrees``."""
    w = r * 0.36
    corners = (
        (-w, -r), (w, -r), (w, -w), (r, -w), (r, w), (w, w),
        (w, r), (-w, r), (-w, w), (-r, w), (-r, -w), (-w, -w),
    )  # fmt: skip
    turn = math.radians(degrees)
    cos, sin = math.cos(turn), math.sin(turn)
    return tuple((x + a * cos - b * sin, y + a * sin + b * cos) for a, b in corners)
