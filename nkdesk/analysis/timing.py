"""When things happened and how long they lasted: dates, clock times, durations, periods.

Every date and time is read with the event it is the date or time of: the
predicate that governs it ("shot early Saturday", "the incident happened
about 3:50 p.m.", "pronounced dead at 4:36 p.m."), so that the time of a
shooting is never set against the time of a death or of an arraignment, and
with the person that event is about, so that two children's shootings are
never one. A duration is keyed by what lasts ("closed for three days", "a
60-day state of emergency"); a recent window ("in the past week") is the
period a figure covers, not a claim of its own.
"""

from __future__ import annotations

import re
from datetime import date as date_of
from datetime import timedelta

from nkdesk.analysis.model import Fact, PersonKey, Referent
from nkdesk.analysis.reading import (
    AUXILIARIES,
    Sentence,
    Word,
    clause,
    event_near,
    event_word,
    format_number,
    has_verb,
    make_fact,
    other_verb,
    possessive,
    sentence_words,
    word,
)
from nkdesk.text.lexer import DURATION, QUALIFIER, TokenType
from nkdesk.text.normalize import STOPWORDS
from nkdesk.text.numbers import QUALIFIERS, parse_number

# How many words a date reaches back, over nouns and phrases, to its event.
TIME_REACH_WORDS = 16
# ... and ahead: "At 3:31 a.m. on Saturday, shots were fired" (a date that
# opens its sentence), "just before 10:30 p.m. when someone began firing".
AFTER_REACH_WORDS = 6
# ... and ahead of a date in the middle of a clause: "a Saturday morning shooting".
ATTRIBUTIVE_REACH_WORDS = 3
# A clause of a date and this many other words at most, none a verb, is the
# date's own aside (", around 10:45 p.m. Nov. 2,"), not a clause with a predicate.
VERBLESS_MAX_WORDS = 3
MINUTES_PER_HOUR = 60

# Words a date may stand among without changing what it is the date of.
_TIME_WORDS = frozenset({
    "early", "late", "morning", "afternoon", "evening", "night", "overnight", "today",
    "yesterday", "tonight", "around", "about", "approximately", "at", "on", "in", "just",
    "shortly", "after", "before", "by", "of", "the", "a", "an", "this", "last", "that",
    "noon", "midnight", "am", "pm", "a.m", "p.m", "and", "or", "since", "until", "hours",
    "wee", "weekend", "day", "inside", "outside", "near", "his", "her", "their",
})  # fmt: skip
_MONTHS = {
    m: n
    for n, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
         ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
         ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
         ("december", "dec")],
        start=1,
    )
    for m in names
}  # fmt: skip
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DATE_PARTS = re.compile(
    r"(?P<part>early|mid|late|end of|beginning of|start of)?[-\s]*"
    r"(?:(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s+)?"
    r"(?:(?P<day1>\d{1,2})(?:st|nd|rd|th)?\s+)?(?P<month>[A-Za-z]+)\.?"
    r"(?:\s+(?P<day2>\d{1,2})(?:st|nd|rd|th)?)?(?:,?\s+(?P<year>(?:19|20)\d\d))?",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?:19|20)\d\d")
_CLOCK = re.compile(
    r"(?P<h>\d{1,2})(?::(?P<m>\d{2}))?\s?(?:(?P<ap>[ap])\.?\s?m\b\.?)?|(?P<word>noon|midnight)",
    re.IGNORECASE,
)
# Hedges of a clock time, read in the words right before it.
_TIME_HEDGES = (
    ("just after", "after"), ("shortly after", "after"), ("soon after", "after"),
    ("a little after", "after"), ("after", "after"), ("just before", "before"),
    ("shortly before", "before"), ("before", "before"), ("about", "about"),
    ("around", "about"), ("approximately", "about"), ("roughly", "about"),
    ("close to", "about"), ("almost", "before"), ("nearly", "before"),
)  # fmt: skip
_DURATION_UNITS_DAYS = {
    "minute": 1 / 1440, "hour": 1 / 24, "day": 1, "week": 7, "fortnight": 14, "month": 30,
    "year": 365, "decade": 3650,
}  # fmt: skip
_DURATION_RE = re.compile(
    r"(?:(?P<count>.+?)[\s-]+)?(?P<unit>minute|hour|day|week|fortnight|month|year|decade)s?"
    r"(?P<ago>\s+(?:ago|earlier|before|prior))?\b",
    re.IGNORECASE,
)
_WINDOW_WORDS = frozenset({"in", "within", "over", "during", "since", "after", "past", "last"})
_RECENT_WINDOW = ("the past", "the last", "past", "last", "previous", "the previous")
_DURATION_COUNT_WORDS = {"a": 1.0, "an": 1.0, "the past": 1.0, "the last": 1.0, "past": 1.0}
_RATE_BEFORE = re.compile(r"(?:\d|\b(?:euros?|dollars?|pounds|cents?|percent|%))\s*$|\bper\s*$")
_ATTRIBUTIVE = re.compile(r"-(?:day|week|month|year|hour)$")


def event_of_time(sentence: Sentence, start: int, end: int) -> tuple[str | None, int]:
    """The event a date or a clock time is the date or time of: the predicate that governs it.

    The nearest event word before it, unless another verb comes between
    ("awoke Sunday to find the remnants of a shooting" is no date of the
    shooting, "said Monday" no date of anything); of verbs joined by "and" the
    first ("shot and severely wounded on Sunday"). Else an event word right
    after it ("a Saturday morning shooting"). A date in a clause of its own
    (", around 10:45 p.m.,") belongs to the clauses around it: the one before
    with a verb, or the one after when it opens the sentence ("At 3:31 a.m. on
    Saturday, shots were fired"). Returns the kind and where its word stands
    (the date's own start when there is none).
    """
    words = sentence_words(sentence)
    left, right = clause(sentence, start)
    before = [w for w in words if w[1] <= start]
    after = [w for w in words if w[0] >= end]
    own = [w for w in words if left <= w[0] and w[1] <= right and not start <= w[0] < end
           and not _timely(w)]  # fmt: skip
    aside = len(own) <= VERBLESS_MAX_WORDS and not has_verb(own)
    earlier = left
    if aside:
        while earlier > sentence.start:
            earlier, _ = clause(sentence, max(sentence.start, earlier - 2))
            if has_verb([w for w in words if earlier <= w[0] < left]):
                break
    reach = [w for w in before if w[0] >= earlier]
    for n in range(len(reach) - 1, max(-1, len(reach) - 1 - TIME_REACH_WORDS), -1):
        kind = event_word(reach, n)
        if kind is not None:
            return _first_conjoined(reach, n, kind), reach[n][0]
        if other_verb(reach[n][2]):
            break
    opens = all(_timely(w) for w in before)
    ahead = after if aside and opens else [w for w in after if w[0] < right]
    if opens:
        limit = TIME_REACH_WORDS
    elif ahead and ahead[0][2].lower() in ("when", "as", "after"):
        limit = AFTER_REACH_WORDS
    else:
        limit = ATTRIBUTIVE_REACH_WORDS
    for n, (_, _, surface) in enumerate(ahead[:limit]):
        kind = event_word(ahead, n)
        if kind is not None:
            return kind, ahead[n][0]
        if other_verb(surface) and not (opens and surface.lower() in AUXILIARIES):
            break
    return None, start


def _timely(w: Word) -> bool:
    return w[2].lower() in _TIME_WORDS or w[2][:1].isdigit()


def _first_conjoined(words: list[Word], n: int, kind: str) -> str:
    """Of event verbs joined by "and" ("shot and killed", "shot and badly wounded"), the first."""
    while n >= 2:
        gap = n - 1
        while gap > 0 and words[gap][2].lower().endswith("ly"):
            gap -= 1
        if words[gap][2].lower() not in ("and", "or") or gap == 0:
            break
        earlier = event_word(words, gap - 1)
        if earlier is None:
            break
        kind, n = earlier, gap - 1
    return kind


def who(sentence: Sentence, position: int) -> PersonKey | None:
    """The person an event is about: the one named or described last before its word.

    "Devon Lofton accidentally shot himself in the head about 3:50 p.m.": the
    time is of Devon Lofton's shooting, not of another child's.
    """
    left, _ = clause(sentence, position)
    mention = sentence.people.before(position, left)
    while mention is not None and mention.kind == "pronoun" and possessive(sentence.text, mention):
        mention = sentence.people.before(mention.start, left)
    return sentence.person(mention).key() if mention is not None else None


def clock_time(sentence: Sentence, start: int, end: int) -> Fact | None:
    """A clock time of an event: "about 1:45 a.m.", "just before 10:30 p.m.", "noon"."""
    text = sentence.text
    match = _CLOCK.fullmatch(text[start:end].strip())
    if not match or not (match["ap"] or match["m"] or match["word"]):
        return None
    if match["word"]:
        minutes, precision = (12 * 60 if match["word"].lower() == "noon" else 0), 1
    else:
        hour, minute = int(match["h"]), int(match["m"] or 0)
        if hour > 23 or minute > 59 or (match["ap"] and hour > 12):
            return None
        if match["ap"]:
            hour = hour % 12 + (12 if match["ap"].lower() == "p" else 0)
        minutes = hour * MINUTES_PER_HOUR + minute
        precision = _rounded_to(minute if match["m"] else 0)
    hedge, hedge_start = _time_hedge(text, start, sentence.start)
    event, at = event_of_time(sentence, hedge_start, end)
    # A time without a.m. or p.m. may be either: values.py reads the nearer.
    half_day = " 12h" if not (match["ap"] or match["word"]) and minutes < 13 * 60 else ""
    return make_fact(
        sentence, hedge_start, end, type="time",
        value=f"T{minutes // MINUTES_PER_HOUR:02d}:{minutes % MINUTES_PER_HOUR:02d}",
        low=minutes, high=minutes, unit=f"precision {precision}{half_day}", qualifier=hedge,
        context=event, referent=Referent("time", event=event, person=who(sentence, at)),
    )  # fmt: skip


def _rounded_to(minute: int) -> int:
    """The minutes a time is rounded to as written: 60 for "4 p.m.", 15 for "1:45"."""
    for step in (60, 30, 15, 5):
        if minute % step == 0:
            return step
    return 1


def _time_hedge(text: str, start: int, limit: int) -> tuple[str | None, int]:
    before = text[max(limit, start - 16) : start].lower()
    for phrase, hedge in _TIME_HEDGES:
        found = re.search(rf"\b{phrase}\s+(?:at\s+)?$", before)
        if found:
            return hedge, start - len(found.group())
    return None, start


def date(sentence: Sentence, start: int, end: int) -> Fact | None:
    """A calendar date or a day of the week of an event: "Nov. 2, 2015", "early Saturday"."""
    text = sentence.text
    written = text[start:end].strip()
    event, at = event_of_time(sentence, start, end)
    referent = Referent("date", event=event, person=who(sentence, at))
    if written.lower() in _WEEKDAYS:
        part = re.match(r"\s+(morning|afternoon|evening|night)\b", text[end : end + 12])
        edge = re.search(r"\b(early|late)\s+$", text[max(sentence.start, start - 8) : start])
        qualifier = edge.group(1) if edge else part.group(1) if part else None
        return make_fact(sentence, start, end, type="date", value=written.capitalize(), low=0,
                         high=0, unit=None, qualifier=qualifier, context=event,
                         referent=referent)  # fmt: skip
    match = _DATE_PARTS.fullmatch(written)
    year = month = day = part_of = None
    if match and match["month"].lower() in _MONTHS:
        month = _MONTHS[match["month"].lower()]
        day = match["day1"] or match["day2"]
        year = match["year"]
        part_of = match["part"]
    elif _YEAR.fullmatch(written):
        year = written
    else:
        return None  # "last summer", "New Year": not a comparable value
    parts = (year or "-", f"{month:02d}" if month else None, f"{int(day):02d}" if day else None)
    return make_fact(sentence, start, end, type="date", value="-".join(p for p in parts if p),
                     low=float(month or 0), high=float(month or 0), unit=None,
                     qualifier=part_of.lower() if part_of else None, context=event,
                     referent=referent)  # fmt: skip


def duration_days(written: str) -> float | None:
    """A written span of time in days ("three months" → 90, "the past 17 months" → 510), or
    None when vague."""
    written = re.sub(r"^(?:the\s+)?(?:past|last|previous|next|coming)\s+(?=\S+\s)", "",
                     written.strip().lower())  # fmt: skip
    match = _DURATION_RE.fullmatch(written)
    if not match:
        return None
    count_text = (match["count"] or "").strip()
    count = _DURATION_COUNT_WORDS.get(count_text)
    if count is None:
        count = parse_number(count_text) if count_text else None
    if count is None:
        return None
    return count * _DURATION_UNITS_DAYS[match["unit"]]


def elapsed(sentence: Sentence, start: int, end: int) -> Fact | None:
    """How long ago something happened: "18 months ago", "about six weeks ago"."""
    written = sentence.text[start:end].strip().lower()
    if not re.search(r"\s(?:ago|earlier|before|prior)$", written):
        return None
    days = duration_days(written)
    if days is None:
        return None
    qualifier, hedge_start = _qualifier_before(sentence, start)
    event, _ = event_of_time(sentence, hedge_start, end)
    return make_fact(sentence, hedge_start, end, type="duration", value=f"P{format_number(days)}D",
                     low=days, high=days, unit="ago", qualifier=qualifier, context=event,
                     referent=Referent("ago", event=event))  # fmt: skip


def _qualifier_before(sentence: Sentence, start: int) -> tuple[str | None, int]:
    before = sentence.text[max(sentence.start, start - 24) : start]
    for surface, qualifier in sorted(QUALIFIERS.items(), key=lambda kv: -len(kv[0])):
        found = re.search(rf"\b{re.escape(surface)}\s+$", before, re.IGNORECASE)
        if found:
            return qualifier, start - (len(before) - found.start())
    return None, start


def duration(sentence: Sentence, spans: list[tuple[int, int, TokenType]], i: int) -> Fact | None:
    """How long something lasts or lasted: "closed for three days", "a 60-day state of emergency".

    Keyed by what lasts: the noun a "60-day" stands before, else the event of
    its clause. "For two weeks" is a claim; "in the past week" or "within
    three months" is the window a figure covers, compared only in one claim.
    """
    start, end, _ = spans[i]
    text = sentence.text
    written = text[start:end].strip().lower()
    if re.match(r"-old\b", text[end : end + 4]):
        return None  # "38-year-old": an age
    days = duration_days(written)
    if days is None:
        return None  # "several months", "decades": too vague to compare
    if _RATE_BEFORE.search(text[max(sentence.start, start - 24) : start].lower()):
        return None  # "100 million euros a day": a rate, not how long anything lasts
    lead = text[max(sentence.start, start - 12) : start].lower().split()
    window = written.startswith(_RECENT_WINDOW[:4]) or (bool(lead) and lead[-1] in _WINDOW_WORDS)
    qualifier = None
    if i and spans[i - 1][2] is QUALIFIER and spans[i - 1][1] >= start - 2:
        surface = " ".join(text[spans[i - 1][0] : spans[i - 1][1]].lower().split())
        qualifier = QUALIFIERS.get(surface)
        start = spans[i - 1][0]
    event = event_near(sentence, start, end)
    what = _lasting(text, end) if _ATTRIBUTIVE.search(written) else None
    about = what or event
    return make_fact(
        sentence, start, end, type="duration", value=f"P{format_number(days)}D", low=days,
        high=days, unit="window" if window else "days", qualifier=qualifier, context=event,
        referent=Referent(f"duration:{about}", scope="window" if window else None)
        if about else None,
    )  # fmt: skip


def _lasting(text: str, end: int) -> str | None:
    """The noun an attributive span stands before: "a 60-day state of emergency" → "state"."""
    after = re.match(r"\s+((?:[a-z]+\s+){0,2}?[a-z]+)\b", text[end : end + 40])
    if not after:
        return None
    nouns = [w for w in after.group(1).split() if w not in STOPWORDS]
    return word(nouns[-1]) if nouns else None


def scope(sentence: Sentence, position: int) -> str | None:
    """The period a figure covers, when its clause says: "in the past week" → "P7D", "2013"."""
    text = sentence.text
    left, right = clause(sentence, position)
    for s, e, ttype in sentence.spans:
        if ttype is not DURATION or not left <= s < right:
            continue
        written = text[s:e].lower()
        lead = text[max(sentence.start, s - 12) : s].lower().split()
        if written.startswith(_RECENT_WINDOW) or (lead and lead[-1] in ("past", "last")):
            days = duration_days(written)
            if days is not None:
                return f"P{format_number(days)}D"
    if re.search(
        r"\b(?:so far |since )?this year\b|\bof the year\b", text[left:right], re.IGNORECASE
    ):
        return "this year"
    # "the 2013 homicide count", "killed in 2012": a tally of a year.
    year = re.search(r"(?<![\d,.])\b((?:19|20)\d\d)\b(?![\d,.])", text[left:right])
    return year.group(1) if year else None


# Words that date a statement by the day its report was published: "said last
# month", "told reporters yesterday". Not "the last week" (a stretch a figure
# covers: see ``scope``), nor "so far this year" (a year's tally).
_RELATIVE_DATE = re.compile(
    r"\b(?:(?P<day>yesterday|today)"
    r"|(?<!the )(?<!so far )(?<!past )(?P<which>last|this)\s+"
    rf"(?P<unit>week|month|year|{'|'.join(_WEEKDAYS)}))\b",
    re.IGNORECASE,
)
# An as-of date the engine has still to resolve against the publication date.
RELATIVE_MARK = "@"


def relative_date(text: str, start: int, end: int) -> tuple[int, str] | None:
    """The first date in ``text[start:end]`` said relative to its report's day, and where
    it starts, as a mark for ``resolve_date``: "@yesterday", "@last-month", "@this-year",
    "@last-monday"."""
    found = _RELATIVE_DATE.search(text, start, end)
    if found is None:
        return None
    if found["day"]:
        return found.start(), RELATIVE_MARK + found["day"].lower()
    return found.start(), f"{RELATIVE_MARK}{found['which'].lower()}-{found['unit'].lower()}"


def resolve_date(value: str, published: str | None) -> str | None:
    """An as-of date made absolute with the date its report was published (ISO, "2025-01-20").

    A date of no stated year ("--12-27", "--01") goes in the year it falls in before
    ``published``: "2024-12-27", "2025-01"; a statement comes before the report of it.
    A weekday ("Monday") is the last one on or before the day of publication; a
    relative mark (see ``relative_date``) becomes a day, an ISO week ("2025-W03"), a
    month or a year, as precise as it says: "last month" in a report of 2025-01-20 is
    "2024-12". Without a publication date (precise enough) a relative mark is None,
    the rest unchanged.
    """
    found = re.match(r"(\d{4})(?:-(\d\d))?(?:-(\d\d))?", published or "")
    if value.startswith(RELATIVE_MARK):
        return _relative(value[1:], found)
    if value.lower() in _WEEKDAYS:
        if found is None or not found[3]:
            return value
        day = _date(found)
        back = (day.weekday() - _WEEKDAYS.index(value.lower())) % 7
        return (day - timedelta(days=back)).isoformat()
    if not value.startswith("--") or not found:
        return value
    parts = value[2:].split("-")
    if not parts[0].isdigit():
        return value
    year = int(found[1])
    month, day_of = int(parts[0]), int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 0
    if (month, day_of) > (int(found[2] or 12), int(found[3] or 31)):
        year -= 1
    return f"{year:04d}-" + value[2:]


def _date(found: re.Match[str]) -> date_of:
    return date_of(int(found[1]), int(found[2] or 1), int(found[3] or 1))


def _relative(mark: str, found: re.Match[str] | None) -> str | None:
    if found is None:
        return None
    year = int(found[1])
    which, _, unit = mark.partition("-")
    if unit == "year":
        return f"{year - (which == 'last'):04d}"
    if not found[2]:
        return None  # a month or a day of a report dated only by its year
    month = int(found[2])
    if unit == "month":
        if which == "last":
            year, month = (year - 1, 12) if month == 1 else (year, month - 1)
        return f"{year:04d}-{month:02d}"
    if not found[3]:
        return None  # a day or a week of a report dated only by its month
    day = _date(found)
    if mark in ("yesterday", "today"):
        return (day - timedelta(days=mark == "yesterday")).isoformat()
    if unit == "week":
        iso = (day - timedelta(days=7 * (which == "last"))).isocalendar()
        return f"{iso.year:04d}-W{iso.week:02d}"
    if unit in _WEEKDAYS:
        # "last Monday" is never the report's own day; "this Monday" may be.
        back = (day.weekday() - _WEEKDAYS.index(unit)) % 7 or 7 * (which == "last")
        return (day - timedelta(days=back)).isoformat()
    return None
