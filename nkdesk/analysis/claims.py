"""Typed facts in each sentence: quantities, dates, durations, proportions, and who said them.

The claim lexer (nkdesk.text.lexer) finds the claim-bearing tokens; this
module reads their values (nkdesk.text.numbers) and the context that says
what a value is about: what a quantity counts ("troops", "killed"), whose it
is ("North Korean"), the event a date or duration belongs to ("deployment",
"unseen"), and who the sentence attributes it to. The vocabularies below are
general news English, never names or figures from a particular story.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from pygments.token import Name, Number

from nkdesk.analysis.model import Fact, Unit
from nkdesk.corpus import Document
from nkdesk.text.lexer import (
    ATTRIBUTION,
    DATE,
    DEMONYM,
    DURATION,
    ORGANIZATION,
    PERSON,
    PLACE,
    QUALIFIER,
    TokenType,
    claim_spans,
)
from nkdesk.text.normalize import STOPWORDS, normalize
from nkdesk.text.numbers import QUALIFIERS, find_numbers, parse_number

# How far around a value its context is read, in words.
UNIT_WINDOW_AFTER_WORDS = 8
UNIT_WINDOW_BEFORE_WORDS = 6
EVENT_WINDOW_CHARS = 90
SPEAKER_WINDOW_CHARS = 90

# What a quantity counts: a concept for each group of (normalised) nouns.
_COUNT_NOUNS: dict[str, tuple[str, ...]] = {
    "troops": ("troops", "soldiers", "forces", "fighters", "servicemen", "personnel", "men",
               "infantrymen", "militants", "recruits", "conscripts", "reservists"),
    "people": ("people", "civilians", "residents", "persons", "refugees", "prisoners",
               "protesters", "demonstrators", "migrants", "hostages", "detainees"),
    "passengers": ("passengers",),
    "crew": ("crew", "crewmembers", "crewmen"),
    "km": ("kilometers", "kilometres", "km", "miles"),
    "km2": ("square",),
}  # fmt: skip
# Casualty words override the noun: "1,000 soldiers were killed" counts the killed.
_KILLED = ("killed", "died", "dead", "deaths", "fatalities", "slain", "lives")
_WOUNDED = ("wounded", "injured", "injuries", "incapacitated", "hurt")
_CASUALTIES = ("casualties", "losses")
_MISSING = ("missing", "unaccounted")
# What a figure counts is read within its own clause: a comma or a full stop
# that is not inside a figure ("11, 000", "6.2") ends it, and so does a word that opens another
# clause ("the 7.0 tremor that shook the island killed 90": 7.0 is no toll).
_STOP_UNIT = re.compile(
    r"[;:!?()\[\]]|(?<!\d)\.|\.(?!\d)|,(?!\s?\d)|\b(?:that|which|where|when|while|after|before|because|since"
    r"|until)\b",
    re.IGNORECASE,
)
# Words that may stand between a casualty word and the figure it governs:
# "killed 40", "casualties stood at 7 000", "a death toll of 300".
_GOVERNING_GAP = frozenset(
    {"of", "to", "at", "by", "is", "was", "are", "were", "has", "have", "had", "been", "be",
     "now", "reportedly", "officially", "the", "a", "an", "some", "another", "nearly"}
)  # fmt: skip
# "The death toll from the quake has risen to 1,450": the toll governs the
# figure however far back it stands in the clause.
_TOLL_VERBS = frozenset(
    {"risen", "rose", "rises", "rise", "climbed", "climbs", "reached", "reaches", "stands",
     "stood", "hit", "hits", "surpassed", "passed", "topped", "jumped", "increased", "grown",
     "grew", "exceeded"}
)  # fmt: skip
_TOLL_RE = re.compile(r"\b(?:(?P<kind>death|casualty|injury)\s+)?toll\b", re.IGNORECASE)
_TOLL_KINDS = {"death": "killed", "casualty": "casualties", "injury": "wounded", None: "casualties"}

# Who a nationality or a place stands for when it is said to speak.
_ROLE_AFTER_NAME = re.compile(
    r"(?:['’]s)?\s+(?:officials?|intelligence(?:\s+(?:services?|agenc(?:y|ies)))?|military"
    r"|media|analysts|commanders?|forces|army|government|sources|authorities|spokes\w+"
    r"|president|prime minister|ministry|leadership)\b",
    re.IGNORECASE,
)

# Common nouns that speak for someone: "police said", "according to police".
_ROLES = (
    r"officials?|police|authorities|witnesses|analysts|experts|sources|residents|doctors|medics"
    r"|rescuers|spokes(?:man|woman|person)|officers|investigators|diplomats|observers|monitors"
    r"|prosecutors|researchers|scientists|commanders|lawmakers|ministers|ministry|agency|office"
    r"|government|army|military|commission|committee|council|company|firm|airline|union|court"
    r"|institute|service"
)
# Right before a speech verb. After "the" or a possessor, up to two words
# describe it: "the interior ministry", "Peru's health ministry".
_ROLE_BEFORE_CUE = re.compile(
    rf"(?:(?P<lead>\bthe\s+|\b[A-Z][\w-]*['’]s\s+)(?P<modifiers>(?:[\w-]+\s+){{0,2}}?))?"
    rf"\b(?P<role>{_ROLES})(?:\s+(?:have|has|had|also|later|previously|reportedly))*\s*$",
    re.IGNORECASE,
)
# Right after "according to" or "citing", in lower case: "according to
# police", "according to the interior ministry", but not "according to
# White House spokesperson John Kirby", whose speaker is the name.
_ROLE_AFTER_CUE = re.compile(
    rf"\s+(?:the\s+)?(?P<speaker>(?:[a-z][\w-]*\s+){{0,2}}?(?:{_ROLES}))\b"
)

# The event a date or a duration is about.
_EVENTS: dict[str, tuple[str, ...]] = {
    "deployment": ("deployed", "deployment", "deploy", "sent", "send", "dispatched",
                   "arrived", "arrival", "arrive", "appearing", "appeared", "stationed"),
    "withdrawal": ("withdrawn", "withdrew", "withdrawal", "pulled", "retreat", "rotated"),
    "combat": ("clashes", "clash", "fighting", "fought", "battle", "engaged"),
    "capture": ("captured", "capture", "taken prisoner"),
    "detention": ("detained", "detain", "arrested", "arrest", "arrests", "jailed"),
    # Not "marched": it normalises to "march", the month.
    "protest": ("rallied", "rally", "protested", "protest", "demonstrated"),
    "death": ("died", "killed", "death"),
    "halving": ("halved",),
    "invasion": ("invaded", "invasion", "incursion", "invading", "offensive"),
    "statement": ("said", "stated", "told", "announced", "reported", "estimate", "tally",
                  "statement", "interview"),
}  # fmt: skip
# Commas inside figures ("11,000", "11, 000") are not clause edges.
_CLAUSE_EDGE = re.compile(r",(?!\s?\d)|[;:()\[\]]|\s[-–—]\s")
_UNSEEN = re.compile(
    r"\b(?:not|never|no longer)\b(?:\s+\w+){0,3}?\s+(?:seen|observed|spotted|sighted|noticed)\b",
    re.IGNORECASE,
)
_PROPORTIONS: dict[str, float] = {
    "halved": 0.5, "half": 0.5, "a third": 1 / 3, "one third": 1 / 3, "a quarter": 0.25,
    "one quarter": 0.25, "two-thirds": 2 / 3, "two thirds": 2 / 3, "three quarters": 0.75,
    "doubled": 2.0, "tripled": 3.0,
}  # fmt: skip
# "a third of the troops", "cut by a quarter." are shares; "a third day" is
# an ordinal: a fraction word is a share only before "of" or a punctuation.
_FRACTIONS = sorted((k for k in _PROPORTIONS if k.startswith(("a ", "one ", "two", "three"))),
                    key=len, reverse=True)  # fmt: skip
_PROPORTION_RE = re.compile(
    r"\b(?:(?:" + "|".join(re.escape(k) for k in _FRACTIONS) + r")(?=\s+of\b|\s*[,.;:)]|\s*$)"
    r"|" + "|".join(re.escape(k) for k in _PROPORTIONS if k not in _FRACTIONS) + r")\b",
    re.IGNORECASE,
)
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
_DATE_PARTS = re.compile(
    r"(?P<part>early|mid|late|end of|beginning of|start of)?[-\s]*"
    r"(?:(?P<day1>\d{1,2})(?:st|nd|rd|th)?\s+)?(?P<month>[A-Za-z]+)\.?"
    r"(?:\s+(?P<day2>\d{1,2})(?:st|nd|rd|th)?)?(?:,?\s+(?P<year>(?:19|20)\d\d))?",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?:19|20)\d\d")
_DURATION_UNITS_DAYS = {
    "hour": 1 / 24, "day": 1, "week": 7, "fortnight": 14, "month": 30, "year": 365,
    "decade": 3650,
}  # fmt: skip
_DURATION_RE = re.compile(
    r"(?:(?P<count>.+?)\s+)?(?P<unit>hour|day|week|fortnight|month|year|decade)s?\b",
    re.IGNORECASE,
)
_WINDOW_WORDS = frozenset({"in", "within", "over", "during", "since", "after", "past", "last"})
_DURATION_COUNT_WORDS = {"a": 1.0, "an": 1.0, "the past": 1.0, "the last": 1.0, "past": 1.0}


@lru_cache(maxsize=65_536)
def _word(surface: str) -> str:
    """The normalised form of one word; cached, as context words recur in every sentence."""
    return normalize(surface)


def _concepts(groups: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {normalize(word): concept for concept, words in groups.items() for word in words}


_COUNT = _concepts(_COUNT_NOUNS)
_EVENT = _concepts(_EVENTS)
_CASUALTY = (
    {normalize(w): "killed" for w in _KILLED}
    | {normalize(w): "wounded" for w in _WOUNDED}
    | {normalize(w): "casualties" for w in _CASUALTIES}
    | {normalize(w): "missing" for w in _MISSING}
)


_KNOWN_UNITS = frozenset(_COUNT.values()) | frozenset(_CASUALTY.values()) | {"%"}


@dataclass(frozen=True, slots=True)
class _Sentence:
    doc: Document
    number: int
    start: int
    end: int
    spans: list[tuple[int, int, TokenType]]


def extract_facts(documents: Sequence[Document], units: Sequence[Unit]) -> list[Fact]:
    """Every typed fact in the documents, in document and text order."""
    facts: list[Fact] = []
    by_doc: dict[str, list[Unit]] = {}
    for unit in units:
        if unit.kind != "clause":
            by_doc.setdefault(unit.doc, []).append(unit)
    for document in documents:
        spans = claim_spans(document.text)
        cursor = 0
        for unit in by_doc.get(document.id, []):
            while cursor < len(spans) and spans[cursor][1] <= unit.start:
                cursor += 1
            inside = []
            for span in spans[cursor:]:
                if span[0] >= unit.end:
                    break
                inside.append(span)
            sentence = _Sentence(document, unit.sentence, unit.start, unit.end, inside)
            facts.extend(sentence_facts(sentence))
    return facts


def sentence_facts(sentence: _Sentence) -> list[Fact]:
    text = sentence.doc.text
    speaker = _speaker(text, sentence)
    facts: list[Fact] = []
    spans = sentence.spans
    for i, (start, end, ttype) in enumerate(spans):
        if ttype in Number:
            qualifier_start = start
            if i and spans[i - 1][2] is QUALIFIER and spans[i - 1][1] >= start - 2:
                qualifier_start = spans[i - 1][0]
            fact = _quantity(sentence, qualifier_start, end, speaker)
        elif ttype is DURATION:
            fact = _duration(sentence, spans, i, speaker)
        elif ttype is DATE:
            fact = _date(sentence, start, end, speaker)
        else:
            continue
        if fact is not None:
            facts.append(fact)
    for match in _PROPORTION_RE.finditer(text, sentence.start, sentence.end):
        facts.append(_proportion(sentence, match, speaker))
    facts.sort(key=lambda f: (f.start, f.end))
    return facts


def _fact(sentence: _Sentence, start: int, end: int, **values: object) -> Fact:
    return Fact(
        doc=sentence.doc.id,
        start=start,
        end=end,
        segment=sentence.number,
        text=sentence.doc.text[start:end],
        **values,  # type: ignore[arg-type]
    )


def _words_after(text: str, start: int, limit: int, count: int) -> list[tuple[int, int, str]]:
    stop = _STOP_UNIT.search(text, start, limit)
    end = stop.start() if stop else limit
    # A second figure starts a second claim ("200 killed, 2,700 wounded").
    digit = re.search(r"\d", text[start:end])
    if digit:
        end = start + digit.start()
    found = [(m.start(), m.end(), m.group()) for m in re.finditer(r"[\w'’-]+", text[start:end])]
    return [(start + s, start + e, w) for s, e, w in found[:count]]


def _clause_start(text: str, stop: int, limit: int) -> int:
    """Where the clause that runs up to ``stop`` begins, not before ``limit``."""
    return max((m.end() for m in _STOP_UNIT.finditer(text, limit, stop)), default=limit)


def _words_before(text: str, stop: int, limit: int, count: int) -> list[tuple[int, int, str]]:
    start = _clause_start(text, stop, limit)
    found = [(m.start(), m.end(), m.group()) for m in re.finditer(r"[\w'’-]+", text[start:stop])]
    return [(start + s, start + e, w) for s, e, w in found[-count:]]


def _governing_casualty(text: str, at: int, limit: int) -> str | None:
    """The casualty a word before a figure says it counts: "killing 40", "the toll rose to 90"."""
    toll = False
    for _, _, word in reversed(_words_before(text, at, limit, UNIT_WINDOW_BEFORE_WORDS)):
        lower = word.lower()
        if lower == "toll":
            toll = True
            break
        if lower in _TOLL_VERBS:
            toll = True
        elif lower not in _GOVERNING_GAP:
            kind = _CASUALTY.get(_word(word))
            if kind is not None:
                return kind
            break
    if toll:
        tolls = list(_TOLL_RE.finditer(text, _clause_start(text, at, limit), at))
        if tolls:
            kind = tolls[-1]["kind"]
            return _TOLL_KINDS[kind.lower() if kind else None]
    return None


def _quantity(sentence: _Sentence, start: int, end: int, speaker: str | None) -> Fact | None:
    text = sentence.doc.text
    matches = find_numbers(text[start:end])
    if not matches:
        return None
    number = matches[-1]
    written = text[start + number.number_start : start + number.end]
    after = _words_after(text, end, sentence.end, UNIT_WINDOW_AFTER_WORDS)
    before = _words_before(text, start, sentence.start, UNIT_WINDOW_BEFORE_WORDS)
    # "half of the 12,000 troops had been killed": the number is the whole the
    # casualties are a share of, so casualty words after it do not count it.
    partitive = bool(re.search(r"\bof(?:\s+the)?\s*$", text[sentence.start : start]))
    if number.percent:
        unit: str | None = "%"
    elif not partitive and (governing := _governing_casualty(text, start, sentence.start)):
        unit = governing
    else:
        unit = _unit(after, before, casualties=not partitive)
    if unit not in _KNOWN_UNITS and not any(c.isdigit() for c in written):
        # "One military intelligence official": a number written as a word
        # is a claim only when it counts something claims are made about.
        return None
    qualifier = number.qualifier
    value = (
        _format(number.low)
        if not number.is_range
        else (f"{_format(number.low)}-{_format(number.high)}")
    )
    return _fact(
        sentence,
        start,
        end,
        type="quantity",
        value=value,
        low=number.low,
        high=number.high,
        unit=unit,
        qualifier=qualifier,
        speaker=speaker,
        subject=_subject(sentence, start, end, after),
        context=_event(sentence, start),
    )


def _unit(
    after: list[tuple[int, int, str]],
    before: list[tuple[int, int, str]],
    *,
    casualties: bool = True,
) -> str | None:
    """What a value counts, read from the words after it, then before it.

    A casualty word after the figure decides ("300 soldiers were killed"),
    then a counted noun ("300 soldiers"), then the noun right after the
    figure, which makes it a measure of something else ("a 7.1 tremor", "100
    artillery systems"); only then a casualty word earlier in the clause.
    """
    after_norms = [_word(w) for _, _, w in after]
    before_norms = [_word(w) for _, _, w in reversed(before)]
    if casualties:
        kinds = [_CASUALTY[n] for n in after_norms if n in _CASUALTY]
        if kinds:
            return kinds[0] if len(set(kinds)) == 1 else "casualties"
    nouns = [_COUNT[n] for n in after_norms if n in _COUNT]
    if nouns:
        return nouns[0]
    for (_, _, word), norm in zip(after[:3], after_norms[:3], strict=False):
        if _is_noun_like(word, norm):
            # As written, for people to read ("hectares"); conflicts compare
            # it normalised, so "village" and "villages" are one kind.
            return word.lstrip("-").lower()
    if casualties:
        kinds = [_CASUALTY[n] for n in before_norms if n in _CASUALTY]
        if kinds:
            return kinds[0]
    nouns = [_COUNT[n] for n in before_norms if n in _COUNT]
    return nouns[0] if nouns else None


def _is_noun_like(word: str, norm: str) -> bool:
    """A lower-case content word ("tremor", "-magnitude" read as "magnitude")."""
    word = word.lstrip("-")
    return word[:1].islower() and norm.lstrip("-")[:1].isalpha() and norm not in STOPWORDS


def _subject(
    sentence: _Sentence, start: int, end: int, after: list[tuple[int, int, str]]
) -> str | None:
    """Whose quantity it is: a nationality or place right after the number, or just before."""
    limit = after[min(2, len(after) - 1)][1] if after else end
    for s, e, ttype in sentence.spans:
        if s >= end and s < limit and ttype in PLACE:
            return _place_key(sentence.doc.text[s:e])
    for s, e, ttype in reversed(sentence.spans):
        if e <= start and e >= start - 40 and ttype in PLACE:
            return _place_key(sentence.doc.text[s:e])
    return None


def _place_key(name: str) -> str:
    key = _word(name).removesuffix("'s")
    # "Bolivia"/"Bolivian", "China"/"Chinese", "Russia"/"Russians" meet.
    for suffix in ("ians", "ian", "ans", "an", "ese", "ia", "a", "i", "s"):
        if key.endswith(suffix) and len(key) - len(suffix) >= 4:
            return key[: -len(suffix)]
    return key


def _event(sentence: _Sentence, position: int) -> str | None:
    """The event a value belongs to: the nearest event word in its sentence."""
    text = sentence.doc.text
    if _UNSEEN.search(text, max(sentence.start, position - EVENT_WINDOW_CHARS), position):
        return "unseen"
    # The event is read within the value's own clause (commas bound it).
    left = max(
        (m.end() for m in _CLAUSE_EDGE.finditer(text, sentence.start, position)),
        default=sentence.start,
    )
    right_edge = _CLAUSE_EDGE.search(text, position, sentence.end)
    right = right_edge.start() if right_edge else sentence.end
    # A speech verb ("officials said 100 people rallied") says when something
    # was said; any other event in the clause says what the value is about.
    best: tuple[bool, int, str] | None = None
    for match in re.finditer(r"[\w'’-]+", text[left:right]):
        event = _EVENT.get(_word(match.group()))
        if event is None:
            continue
        at = left + match.start()
        # Governing verbs mostly come first ("sent out in October").
        distance = position - at if at < position else 2 * (at - position)
        candidate = (event == "statement", distance, event)
        if distance <= EVENT_WINDOW_CHARS and (best is None or candidate < best):
            best = candidate
    return best[2] if best else None


def _date(sentence: _Sentence, start: int, end: int, speaker: str | None) -> Fact | None:
    written = sentence.doc.text[start:end]
    match = _DATE_PARTS.fullmatch(written.strip())
    year = month = day = None
    part = None
    if match and match["month"].lower() in _MONTHS:
        month = _MONTHS[match["month"].lower()]
        day = match["day1"] or match["day2"]
        year = match["year"]
        part = match["part"]
    elif _YEAR.fullmatch(written.strip()):
        year = written.strip()
    else:
        return None  # "last summer", "New Year": not a comparable value
    value = "-".join(
        p
        for p in (
            year or "-",
            f"{month:02d}" if month else None,
            f"{int(day):02d}" if day else None,
        )
        if p
    )
    low = float(month or 0)
    return _fact(
        sentence,
        start,
        end,
        type="date",
        value=value,
        low=low,
        high=low,
        unit=None,
        qualifier=part.lower() if part else None,
        speaker=speaker,
        context=_event(sentence, start),
    )


def _duration(
    sentence: _Sentence, spans: list[tuple[int, int, TokenType]], i: int, speaker: str | None
) -> Fact | None:
    start, end, _ = spans[i]
    written = sentence.doc.text[start:end].strip().lower()
    match = _DURATION_RE.fullmatch(written)
    if not match:
        return None
    count_text = (match["count"] or "").strip()
    count = _DURATION_COUNT_WORDS.get(count_text)
    if count is None:
        count = parse_number(count_text) if count_text else None
    if count is None:
        return None  # "several months", "decades": too vague to compare
    days = count * _DURATION_UNITS_DAYS[match["unit"]]
    # "for two weeks" is how long something lasted: a claim. "in the past
    # week" or "within three months" is the window a figure covers: a scope.
    lead = sentence.doc.text[max(sentence.start, start - 12) : start].lower().split()
    window = written.startswith(("the past", "the last", "past", "last")) or (
        bool(lead) and lead[-1] in _WINDOW_WORDS
    )
    qualifier = None
    if i and spans[i - 1][2] is QUALIFIER and spans[i - 1][1] >= start - 2:
        qualifier = QUALIFIERS.get(
            " ".join(sentence.doc.text[spans[i - 1][0] : spans[i - 1][1]].lower().split())
        )
        start = spans[i - 1][0]
    return _fact(
        sentence,
        start,
        end,
        type="duration",
        value=f"P{_format(days)}D",
        low=days,
        high=days,
        unit="window" if window else "days",
        qualifier=qualifier,
        speaker=speaker,
        context=_event(sentence, start),
    )


def _proportion(sentence: _Sentence, match: re.Match[str], speaker: str | None) -> Fact:
    value = _PROPORTIONS[match.group().lower()]
    after = _words_after(sentence.doc.text, match.end(), sentence.end, UNIT_WINDOW_AFTER_WORDS)
    before = _words_before(sentence.doc.text, match.start(), sentence.start, 12)
    return _fact(
        sentence,
        match.start(),
        match.end(),
        type="proportion",
        value=_format(value),
        low=value,
        high=value,
        unit=_unit(after, before),
        qualifier=None,
        speaker=speaker,
        context=_event(sentence, match.start()),
    )


def _speaker(text: str, sentence: _Sentence) -> str | None:
    """Who the sentence attributes its claims to ("according to X", "X said")."""
    spans = sentence.spans
    names = [(s, e, t) for s, e, t in spans if t in Name]
    for s, e, ttype in spans:
        if ttype is not ATTRIBUTION:
            continue
        cue = text[s:e].lower()
        if cue.startswith(("according", "citing", "as cited", "quoted")):
            role = _ROLE_AFTER_CUE.match(text, e)
            if role:
                return " ".join(role["speaker"].split())
            after = [n for n in names if s < n[0] <= e + SPEAKER_WINDOW_CHARS]
            if after:
                return _name(text, after)
        else:
            role = _ROLE_BEFORE_CUE.search(text, max(sentence.start, s - SPEAKER_WINDOW_CHARS), s)
            if role:
                # "..., officials said": the speaker is the role, with what
                # describes it ("the interior ministry", "Peru's health
                # ministry") or the nationality right before it ("Chilean officials").
                if role["lead"] and role["lead"].strip().lower() != "the":
                    start = role.start("lead")
                else:
                    start = role.start("modifiers") if role["modifiers"] else role.start("role")
                named = [n for n in names if n[1] < start and text[n[1] : start].isspace()]
                return " ".join(text[named[-1][0] if named else start : role.end("role")].split())
            before = [n for n in names if s - SPEAKER_WINDOW_CHARS <= n[1] <= s]
            if before:
                return _name(text, [before[-1]])
            after = [n for n in names if e <= n[0] <= e + 30]
            if after:
                return _name(text, after[:1])
    return None


def _name(text: str, names: list[tuple[int, int, TokenType]]) -> str:
    """The best name among those near a cue: a person or an organisation before a place.

    A place or nationality is only half a speaker: "Ukrainian officials" and
    "South Korea's intelligence service" keep the role noun that follows.
    """
    chosen = None
    for wanted in (PERSON, ORGANIZATION):
        chosen = chosen or next(((s, e) for s, e, t in names if t in wanted), None)
    if chosen is None:
        chosen = next(((s, e) for s, e, t in names if t not in DEMONYM), None)
    start, end = chosen or names[0][:2]
    role = _ROLE_AFTER_NAME.match(text, end)
    if role:
        end = role.end()
    return " ".join(text[start:end].split())


def _format(value: float) -> str:
    if value == int(value):
        return str(int(value))
    return f"{value:.4g}"
