"""When two values of one referent can, and cannot, both be true.

A figure is read with the precision it is written with (11,000 is rounded to
the thousand), never more loosely than ±5%, and its qualifier opens or
widens it: "about 11,000" and "approximately 12,000" conflict, "more than
11,000" and "11,000-12,000" do not. An age is exact. A clock time is exact unless hedged;
"around 5:30" holds what the half-hour rounds, and two hedged times agree
when either falls inside the other ("around 1:45" and "around 1:54" do not).
Dates compare what both state, a day of the week the weekday; a status is
dead or alive.
"""

from __future__ import annotations

import datetime
import math

from nkdesk.analysis.model import Fact

ROUNDING_MAX_SHARE = 0.05
DURATION_TOLERANCE_SHARE = 0.1
PROPORTION_TOLERANCE = 0.05
# How far a hedged clock time reaches, at least; and "just after 2 a.m." at most.
TIME_HEDGE_MIN_MINUTES = 5
TIME_AFTER_MINUTES = 20
HALF_DAY_MINUTES = 12 * 60
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def rounding(value: float) -> float:
    """Half a unit of the last significant digit of a written figure, at most 5% of it."""
    value = abs(value)
    if value == 0:
        return 0.0
    if value != int(value):
        step = 10 ** math.floor(math.log10(value)) / 10
    else:
        digits = str(int(value))
        step = 10 ** (len(digits) - len(digits.rstrip("0")))
    return min(step / 2, ROUNDING_MAX_SHARE * value)


def interval(fact: Fact) -> tuple[float, float]:
    """The values a fact can stand for, given its qualifier and precision."""
    low, high = fact.low, fact.high
    if fact.type == "duration":
        slack_low, slack_high = DURATION_TOLERANCE_SHARE * low, DURATION_TOLERANCE_SHARE * high
    elif fact.type == "proportion":
        slack_low = slack_high = PROPORTION_TOLERANCE
    elif fact.type == "time":
        return _time_interval(fact)
    elif fact.referent is not None and fact.referent.measure == "age":
        slack_low = slack_high = 0.0  # nobody rounds an age: 80 is not 76
    else:
        slack_low, slack_high = rounding(low), rounding(high)
    qualifier = fact.qualifier
    if qualifier == "over":
        return low, math.inf
    if qualifier == "at least":
        return low - slack_low, math.inf
    if qualifier in ("up to", "under"):
        return 0.0, high + slack_high
    if qualifier == "nearly":
        return 0.9 * low, high
    return low - slack_low, high + slack_high


def _time_interval(fact: Fact) -> tuple[float, float]:
    """The minutes of the day a clock time can stand for."""
    minutes = fact.low
    precision = _precision(fact)
    if fact.qualifier == "about":
        reach = max(precision / 2, TIME_HEDGE_MIN_MINUTES)
        return minutes - reach, minutes + reach
    if fact.qualifier == "after":
        return minutes, minutes + TIME_AFTER_MINUTES
    if fact.qualifier == "before":
        return minutes - TIME_AFTER_MINUTES, minutes
    return minutes - 0.5, minutes + 0.5


def _precision(fact: Fact) -> float:
    """The minutes a clock time is rounded to as written: 60 for "4 p.m.", 15 for "1:45".

    A time's unit reads "precision N", and ends in " 12h" when the text gives
    no a.m. or p.m. (see facts._time).
    """
    words = (fact.unit or "").split()
    return float(words[1]) if len(words) > 1 and words[0] == "precision" else 1.0


def _half_day_unknown(fact: Fact) -> bool:
    return (fact.unit or "").endswith(" 12h")


def values_conflict(a: Fact, b: Fact) -> bool:
    """Whether two facts of one type give values that cannot both be true."""
    if a.type != b.type:
        return False
    if a.type == "date":
        return dates_conflict(a.value, b.value)
    if a.type == "status":
        return a.value != b.value
    if a.type == "time":
        return _times_conflict(a, b)
    (low_a, high_a), (low_b, high_b) = interval(a), interval(b)
    if low_a == high_a == low_b == high_b:
        return False
    return max(low_a, low_b) >= min(high_a, high_b)


def values_agree(a: Fact, b: Fact) -> bool:
    """Whether two values say the same, not merely nothing contrary.

    "Friday" neither agrees nor conflicts with "August 3"; every other pair of
    values of one type that does not conflict agrees.
    """
    if a.type != b.type or values_conflict(a, b):
        return False
    if a.type == "date":
        return _dates_share_a_part(a.value, b.value)
    return True


def _dates_share_a_part(a: str, b: str) -> bool:
    if a in _WEEKDAYS or b in _WEEKDAYS:
        return a == b or (
            (a in _WEEKDAYS) != (b in _WEEKDAYS)
            and (_full_date(b if a in _WEEKDAYS else a) is not None)
        )
    return any(x and x == y for x, y in zip(_date_parts(a), _date_parts(b), strict=True))


def _times_conflict(a: Fact, b: Fact) -> bool:
    """Two clock times conflict when neither lies within what the other can stand for.

    When only one says a.m. or p.m., the other may be twelve hours off and is
    read the nearer way.
    """
    (low_a, high_a), (low_b, high_b) = interval(a), interval(b)
    shifts: tuple[float, ...] = (0.0,)
    if _half_day_unknown(a) or _half_day_unknown(b):
        shifts = (0.0, -HALF_DAY_MINUTES, HALF_DAY_MINUTES)
    for shift in shifts:
        point_b = b.low + shift
        if low_a <= point_b <= high_a or low_b + shift <= a.low <= high_b + shift:
            return False
    return True


def dates_conflict(a: str, b: str) -> bool:
    """Whether two date values disagree on what both state.

    Values are "YYYY[-MM[-DD]]", "--MM[-DD]" or a weekday ("Saturday"). A
    weekday is compared with a weekday, or with a full date.
    """
    weekday_a, weekday_b = a in _WEEKDAYS, b in _WEEKDAYS
    if weekday_a or weekday_b:
        if weekday_a and weekday_b:
            return a != b
        weekday, other = (a, b) if weekday_a else (b, a)
        full = _full_date(other)
        return full is not None and _WEEKDAYS[full.weekday()] != weekday
    year_a, month_a, day_a = _date_parts(a)
    year_b, month_b, day_b = _date_parts(b)
    if year_a and year_b and year_a != year_b:
        return True
    if month_a and month_b and month_a != month_b:
        return True
    return bool(month_a and month_a == month_b and day_a and day_b and day_a != day_b)


def _full_date(value: str) -> datetime.date | None:
    year, month, day = _date_parts(value)
    if not (year and month and day):
        return None
    try:
        return datetime.date(int(year), int(month), int(day))
    except ValueError:
        return None


def _date_parts(value: str) -> tuple[str | None, str | None, str | None]:
    """The year, month and day a date value states (None for what it leaves out)."""
    year, _, rest = value.removeprefix("-").partition("-")
    month, _, day = rest.partition("-")
    return year or None, month or None, day or None
