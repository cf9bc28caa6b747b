"""Finding and reading the quantities that news prose states.

Reports of one event disagree mostly in their numbers ("about 11,000" against
"11, 000-12, 000"), so every other module that compares quantities goes through
here: the claim lexer highlights what ``NUMBER_PATTERN`` matches, normalisation
and claim extraction read values with ``find_numbers`` and ``parse_number``.

Real articles format numbers badly: copy-pasted grouping such as "11, 000" or
"1, 100-kilometer", NBSP or thin-space grouping, en dashes in ranges. The
patterns accept those, but never glue two numbers of a list ("1, 2 and 3"):
a grouping comma followed by a space counts only when exactly three digits and
then a non-digit follow.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import NamedTuple

QUALIFIERS: dict[str, str] = {
    "about": "about",
    "approximately": "about",
    "around": "about",
    "roughly": "about",
    "some": "about",
    "an estimated": "about",
    "estimated": "about",
    "more than": "over",
    "over": "over",
    "greater than": "over",
    "in excess of": "over",
    "upwards of": "over",
    "above": "over",
    "at least": "at least",
    # Negated comparatives read as the bound they set; without these entries
    # "no more than 100" would be read as "more than 100".
    "no fewer than": "at least",
    "no less than": "at least",
    "not less than": "at least",
    "not fewer than": "at least",
    "up to": "up to",
    "as many as": "up to",
    "no more than": "up to",
    "not more than": "up to",
    "fewer than": "under",
    "less than": "under",
    "under": "under",
    "below": "under",
    "nearly": "nearly",
    "almost": "nearly",
    "close to": "nearly",
    "just under": "nearly",
}

# Horizontal whitespace only: a number, a range or a qualifier never spans lines.
_SP = r"[^\S\n]+"
_GROUP_SEPARATORS = (",", ",[ \u00a0\u2009\u202f]", " ", "\u00a0", "\u2009", "\u202f")

_ONES = "one|two|three|four|five|six|seven|eight|nine"
_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_SCALE = "hundred|thousand|million|billion|trillion|dozen"

_WORD_VALUES: dict[str, int] = {
    word: value
    for words, first in ((_ONES, 1), (_TEENS, 10))
    for value, word in enumerate(words.split("|"), start=first)
}
_WORD_VALUES.update({word: 10 * n for n, word in enumerate(_TENS.split("|"), start=2)})
_WORD_VALUES["zero"] = 0
_SCALE_VALUES: dict[str, int] = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
    "dozen": 12,
}
_SUFFIX_VALUES: dict[str, int] = {"k": 1_000, "mn": 1_000_000, "mln": 1_000_000, "bn": 10**9}


def _digits_pattern() -> str:
    # One alternative per separator, so a number is grouped one way throughout
    # ("1,000, 200" is two numbers, not 1000200).
    grouped = "|".join(rf"[0-9]{{1,3}}(?:{sep}[0-9]{{3}}(?![0-9]))+" for sep in _GROUP_SEPARATORS)
    return rf"(?:{grouped}|[0-9]+)(?:\.[0-9]+)?"


DIGITS_PATTERN: str = _digits_pattern()
"""Regex source matching a number in digits as the engine groups it ("11,000", "11, 000", "1.5")."""

_SMALL = rf"(?:(?:{_TENS})(?:[- ](?:{_ONES}))?|{_TEENS}|{_ONES}|zero)\b"
_WORDS = (
    rf"(?:{_SMALL}|an?(?={_SP}(?:{_SCALE})\b))"
    rf"(?:{_SP}(?:{_SCALE})\b(?:(?:{_SP}and)?{_SP}{_SMALL})?)*"
)
_DIGIT_NUMBER = (
    rf"{_digits_pattern()}"
    rf"(?:(?:st|nd|rd|th)\b|(?:k|mn|mln|bn)\b|[^\S\n]?-?(?:{_SCALE})\b)?"
)
_PERCENT = rf"(?:[^\S\n]?%|{_SP}per[ ]?cent\b|{_SP}percent\b|-percent\b)"
_SINGLE = rf"(?:{_DIGIT_NUMBER}|{_WORDS}){_PERCENT}?"
_RANGE_SEPARATOR = rf"(?:[^\S\n]?[-–][^\S\n]?|{_SP}to{_SP})"
# Not inside a word, a decimal or a model name such as "F-16" or "Su-34".
_NOT_AFTER = r"(?<![\w.])(?<![^\W\d_]-)"

NUMBER_PATTERN: str = (
    rf"{_NOT_AFTER}(?:between{_SP}{_SINGLE}{_SP}and{_SP}{_SINGLE}"
    rf"|{_SINGLE}(?:{_RANGE_SEPARATOR}{_SINGLE})?)"
)
"""Regex source (compile with re.IGNORECASE) matching one number expression or range.

It has no capturing groups, so it can be embedded in larger patterns.
"""

QUALIFIER_PATTERN: str = "|".join(
    re.escape(surface).replace(r"\ ", _SP) for surface in sorted(QUALIFIERS, key=len, reverse=True)
)
"""Regex source (compile with re.IGNORECASE) matching any key of ``QUALIFIERS``."""


class _Patterns(NamedTuple):
    # NUMBER_PATTERN, with the parts of a range in groups: a1 and b1 after
    # "between", a2 and b2 otherwise. One pattern finds an expression and
    # reads it: its lookbehinds hold at the start of the expression alone.
    number: re.Pattern[str]
    digit_parts: re.Pattern[str]
    words: re.Pattern[str]
    percent: re.Pattern[str]
    qualifier_before: re.Pattern[str]
    whitespace: re.Pattern[str]


@cache
def _patterns() -> _Patterns:
    """The patterns, compiled on first use: 40 ms that importing the records
    (``nkdesk.text.normalize`` for the window) need not pay."""
    return _Patterns(
        re.compile(
            rf"{_NOT_AFTER}(?:between{_SP}(?P<a1>{_SINGLE}){_SP}and{_SP}(?P<b1>{_SINGLE})"
            rf"|(?P<a2>{_SINGLE})(?:{_RANGE_SEPARATOR}(?P<b2>{_SINGLE}))?)",
            re.IGNORECASE,
        ),
        re.compile(
            rf"(?P<digits>{_digits_pattern()})"
            rf"(?:(?:st|nd|rd|th)|(?P<suffix>k|mn|mln|bn)|[^\S\n]?-?(?P<scale>{_SCALE}))?",
            re.IGNORECASE,
        ),
        re.compile(_WORDS, re.IGNORECASE),
        re.compile(rf"{_PERCENT}\Z", re.IGNORECASE),
        re.compile(rf"(?<!\w)(?:{QUALIFIER_PATTERN}){_SP}\Z", re.IGNORECASE),
        re.compile(r"\s+"),
    )


_QUALIFIER_WINDOW_CHARS = 40
# Articles repeat their figures; caching readings keeps number-dense text fast.
_READ_CACHE_ENTRIES = 4096


@dataclass(frozen=True, slots=True)
class NumberMatch:
    """One quantity found in a text: where it is, its value or range, how it is hedged.

    Offsets are code points into the text searched, half-open; ``start`` covers
    the qualifier when there is one, ``number_start`` the number itself.
    """

    start: int
    end: int
    number_start: int
    low: float
    high: float
    qualifier: str | None
    percent: bool

    @property
    def is_range(self) -> bool:
        return self.low != self.high


def parse_number(s: str) -> float | None:
    """The value of one number expression ("11, 000", "1.5 million", "eleven thousand").

    Returns None for anything else, including ranges and fractions ("half").
    """
    patterns = _patterns()
    text = s.strip()
    percent = patterns.percent.search(text)
    if percent:
        text = text[: percent.start()]
    digits = patterns.digit_parts.fullmatch(text)
    if digits:
        value = float(re.sub(r"[^0-9.]", "", digits["digits"]))
        if digits["suffix"]:
            value *= _SUFFIX_VALUES[digits["suffix"].lower()]
        elif digits["scale"]:
            value *= _SCALE_VALUES[digits["scale"].lower()]
        return value
    if patterns.words.fullmatch(text):
        return float(_words_value(text))
    return None


def _words_value(text: str) -> int:
    total = current = 0
    for word in re.split(r"[\s,-]+", text.lower()):
        if word in _WORD_VALUES:
            current += _WORD_VALUES[word]
        elif word in ("hundred", "dozen"):
            current = (current or 1) * _SCALE_VALUES[word]
        elif word in _SCALE_VALUES:
            total += (current or 1) * _SCALE_VALUES[word]
            current = 0
        elif word in ("a", "an"):
            current = 1
    return total + current


def find_numbers(text: str) -> list[NumberMatch]:
    """Every number expression in ``text``, left to right, with its qualifier if any."""
    patterns = _patterns()
    found: list[NumberMatch] = []
    previous_end = 0
    for match in patterns.number.finditer(text):
        reading = _read(match.group())
        if reading is None:
            continue
        low, high, percent = reading
        start = match.start()
        qualifier = None
        before = None
        if start > previous_end and text[start - 1].isspace():
            before = patterns.qualifier_before.search(
                text, max(previous_end, start - _QUALIFIER_WINDOW_CHARS), start
            )
        if before:
            surface = patterns.whitespace.sub(" ", before.group().strip().lower())
            qualifier = QUALIFIERS[surface]
            start = before.start()
        found.append(NumberMatch(start, match.end(), match.start(), low, high, qualifier, percent))
        previous_end = match.end()
    return found


@lru_cache(maxsize=_READ_CACHE_ENTRIES)
def _read(expression: str) -> tuple[float, float, bool] | None:
    """Low, high and percent of one matched expression; None unless a finite number."""
    patterns = _patterns()
    parts = patterns.number.fullmatch(expression)
    if parts is None:
        return None
    first = parts["a1"] or parts["a2"]
    second = parts["b1"] or parts["b2"]
    low = parse_number(first)
    if low is None or not math.isfinite(low):
        return None
    percent = bool(patterns.percent.search(first))
    high = None if second is None else parse_number(second)
    if second is None or high is None or not math.isfinite(high):
        return low, low, percent
    percent = percent or bool(patterns.percent.search(second))
    high = _expand_abbreviated_end(first, second, low, high)
    return min(low, high), max(low, high), percent


def _expand_abbreviated_end(first: str, second: str, low: float, high: float) -> float:
    """Read a year range written "2022-23" as ending in 2023."""
    first, second = first.strip(), second.strip()
    if high < low and len(first) == 4 and len(second) == 2 and (first + second).isdigit():
        expanded = float(first[:2] + second)
        if expanded > low:
            return expanded
    return high
