"""Figures: what each number of a sentence counts or measures, or that it is no claim.

A number is a count of people by what happened to them ("five people were
injured", "killing 12", "the death toll rose to 15"), a count of things
("1,500 homes were damaged"), a measure with a unit ("a 2,000 ft fall", "700
m", converted to metres so that they compare), a sum of money ("$250,000
bond"), a percentage ("56.1% of the vote") or a proportion ("halved", "less
than half", "completely liberated"). A figure that is no claim is left out:
a year ("the 2012 shooting"), an ordinal ("the 35th homicide"), an address
("the 2100 block", "2111 Bragg Street"), a calibre or a model ("12-gauge",
"ATR 72"), a phone number, a frequency ("shot seven times").
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from pygments.token import Name, Number

from nkdesk.analysis.model import IN_HEADLINE, PLAIN, Fact, Referent
from nkdesk.analysis.reading import (
    AFTERMATH,
    AUXILIARIES,
    WORD_RE,
    Sentence,
    Word,
    clause_start,
    event_near,
    format_number,
    make_fact,
    place_key,
    place_name,
    verb_like,
    word,
    words_after,
    words_before,
)
from nkdesk.analysis.timing import scope
from nkdesk.analysis.vocabulary import (
    CURRENCY_SYMBOLS,
    CURRENCY_WORDS,
    MEASURES,
    NOT_A_COUNT_AFTER,
    PEOPLE_NOUNS,
    SQUARE_WORDS,
    STATUSES,
    STREET_WORDS,
    events,
    people_groups,
    statuses,
)
from nkdesk.text.lexer import DEMONYM, DEMONYMS, PLACE
from nkdesk.text.normalize import STOPWORDS
from nkdesk.text.numbers import find_numbers

UNIT_WINDOW_BEFORE_WORDS = 6
UNIT_WINDOW_AFTER_WORDS = 8
# A short follow-on ("More than 11, 000 in all, officials said") goes on
# counting what the sentence before counted; a longer sentence says what it counts.
ELLIPSIS_MAX_WORDS = 12

# Words that may stand between a casualty word and the figure it governs:
# "killed 40", "casualties stood at 7 000", "a death toll of 300".
_GOVERNING_GAP = frozenset({
    "of", "to", "at", "by", "is", "was", "are", "were", "has", "have", "had", "been", "be",
    "now", "reportedly", "officially", "the", "a", "an", "some", "another", "nearly", "about",
    "around", "approximately", "more", "than", "least", "over", "up", "almost", "roughly",
    "estimated", "as", "many", "fewer", "less",
})  # fmt: skip
# "The death toll from the quake has risen to 1,450": the toll governs the
# figure however far back it stands in the clause.
_TOLL_VERBS = frozenset({
    "risen", "rose", "rises", "rise", "climbed", "climbs", "reached", "reaches", "stands",
    "stood", "hit", "hits", "surpassed", "passed", "topped", "jumped", "increased", "grown",
    "grew", "exceeded",
})  # fmt: skip
_TOLL_RE = re.compile(r"\b(?:(?P<kind>death|casualty|injury)\s+)?toll\b", re.IGNORECASE)
_TOLL_KINDS = {"death": "killed", "casualty": "casualties", "injury": "wounded", None: "casualties"}
# Words in a counted noun phrase that make the figure a part of a total:
# "four others were wounded", "two more", "an additional 300".
_PART_WORDS = frozenset(
    {"others", "other", "more", "additional", "another", "further", "remaining"}
)
_PARTITIVE_BEFORE = re.compile(
    r"\b(?:among(?: them| whom| the dead| the victims)?|including|includes|included|besides"
    r"|plus|except)\s*$",
    re.IGNORECASE,
)
# "two of the victims", "four of them": a part of a whole named after it.
_PARTITIVE_AFTER = re.compile(
    r"\s+of\s+(?:the|them|those|whom|these|his|her|their)\b", re.IGNORECASE
)
_ELLIPSIS_TAIL = re.compile(
    r"\s*(?:(?:in all|in total|altogether|so far|overall|now)\b)?\s*(?:[,.;:]|$)",
    re.IGNORECASE,
)
# What a figure written as a word may count and still be a claim.
_KNOWN_COUNTS = frozenset(group[0] for group in (*STATUSES, *PEOPLE_NOUNS))
# Before a figure, these make it an identifier, not a count.
_LABEL_BEFORE = re.compile(
    r"(?:\b(?:No|no|number|Number|#|Route|route|Highway|Interstate|I|Apt|Suite|Room|Unit|Flight"
    r"|flight|model|Model)\.?\s*|[-/])$"
)
_YEAR_COUNTS = re.compile(
    r"\s+(?:[a-z]+\s+)?(?:people|persons|troops|soldiers|homes|residents|workers|jobs|employees"
    r"|votes|cases)\b"
)
_MODEL_BEFORE = re.compile(r"\b([A-Z][A-Za-z]*[A-Z0-9][A-Za-z0-9]*|[A-Z]{2,})\s*$")
# What a percentage is a share of, as written near it.
_SHARE_OF = {
    "vote": "vote", "votes": "vote", "ballots": "vote", "turnout": "turnout",
    "workforce": "staff", "staff": "staff", "employees": "staff", "jobs": "staff",
    "workers": "staff", "rise": "rise", "increase": "rise", "raise": "rise", "hike": "rise",
    "fell": "fall", "fall": "fall", "dropped": "fall", "drop": "fall", "declined": "fall",
    "decline": "fall", "slid": "fall", "rose": "rise", "gained": "rise", "jumped": "rise",
    "climbed": "rise", "grew": "rise", "growth": "rise", "inflation": "inflation",
    "unemployment": "unemployment", "trains": "trains",
}  # fmt: skip
# Words that end a noun phrase: a preposition, a conjunction, a clause opener.
_PHRASE_ENDS = frozenset({
    "since", "after", "before", "when", "while", "as", "near", "across", "along", "around",
    "toward", "towards", "per", "each", "every",
})  # fmt: skip
_DIRECTIONS = frozenset({
    "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "away",
    "from", "off", "inland", "offshore",
})  # fmt: skip
_ADJECTIVE_ASPECTS = {"deep": "depth", "high": "height", "tall": "height", "long": "length",
                      "wide": "width", "away": "distance"}  # fmt: skip
_UNIT_LABELS = {
    "kilometers": "km", "kilometres": "km", "kilometer": "km", "kilometre": "km", "miles": "mi",
    "mile": "mi", "meters": "m", "metres": "m", "meter": "m", "metre": "m", "feet": "ft",
    "foot": "ft",
}  # fmt: skip
_PROPORTIONS: dict[str, float] = {
    "halved": 0.5, "half": 0.5, "a third": 1 / 3, "one third": 1 / 3, "a quarter": 0.25,
    "one quarter": 0.25, "two-thirds": 2 / 3, "two thirds": 2 / 3, "three quarters": 0.75,
    "doubled": 2.0, "tripled": 3.0,
}  # fmt: skip
# "a third of the troops", "cut by a quarter." are shares; "a third day" is
# an ordinal: a fraction word is a share only before "of" or a punctuation.
_FRACTIONS = sorted((k for k in _PROPORTIONS if k.startswith(("a ", "one ", "two", "three"))),
                    key=len, reverse=True)  # fmt: skip
PROPORTION_RE = re.compile(
    r"(?:\b(?P<hedge>less than|more than|nearly|almost|about|around|over|under)\s+)?"
    r"\b(?P<share>(?:"
    + "|".join(re.escape(k) for k in _FRACTIONS)
    + r")(?=\s+of\b|\s*[,.;:)]|\s*$)"
    r"|" + "|".join(re.escape(k) for k in _PROPORTIONS if k not in _FRACTIONS) + r")\b",
    re.IGNORECASE,
)
# A word every share above needs: most sentences have none, and one search says so.
# Searched in a sentence's lower-cased text (Sentence.lower).
SHARE_WORDS = re.compile(
    r"half|halved|third|quarter|doubled|tripled|completely|fully|entirely|totally|wholly|control"
)
_SHARE_HEDGES = {
    "less than": "under", "under": "under", "more than": "over", "over": "over",
    "nearly": "nearly", "almost": "nearly", "about": "about", "around": "about",
}  # fmt: skip
# The whole of something: "completely liberate the region", "regained full control".
WHOLE_RE = re.compile(
    r"\b(?:(?:completely|fully|entirely|totally|wholly)\s+(?P<verb>[a-z]+)"
    r"|(?P<verb2>[a-z]+)\s+(?:full|complete|total)\s+control)\b",
    re.IGNORECASE,
)


def quantities(sentence: Sentence, start: int, end: int) -> list[Fact]:
    """The facts a number token states: none, a count, a measure, a sum, a percentage."""
    text = sentence.text
    matches = find_numbers(text[start:end])
    if not matches:
        return []
    number = matches[-1]
    number_start, end = start + number.number_start, start + number.end
    written = text[number_start:end]
    if _not_a_claim(sentence, number_start, end, written):
        return []
    value = format_number(number.low)
    if number.is_range:
        value += f"-{format_number(number.high)}"
    common = {"value": value, "low": number.low, "high": number.high, "qualifier": number.qualifier}
    if number.percent:
        return [_percent(sentence, start, end, common)]
    found = _money(sentence, start, end, common) or _measure(sentence, start, end, common)
    return [found] if found else _count(sentence, start, end, written, common)


def _not_a_claim(sentence: Sentence, start: int, end: int, written: str) -> bool:
    """A year, an ordinal, an address, a calibre or model, a phone number: no claim."""
    text = sentence.text
    after = text[end : end + 24]
    before = text[max(sentence.start, start - 16) : start]
    next_word = re.match(r"[-\s]*([A-Za-z]+)", after)
    model = _MODEL_BEFORE.search(before)
    return (
        bool(re.match(r"(?:st|nd|rd|th)\b", after) or re.search(r"(?:st|nd|rd|th)$", written))
        or bool(re.match(r"[-\s]?(?:gauge|caliber|calibre|mm\b|millimet)", after, re.IGNORECASE))
        or bool(next_word and next_word.group(1).lower() in NOT_A_COUNT_AFTER)
        or bool(_LABEL_BEFORE.search(before))
        # "9/11", "24/7", "(501) 371-4636", "371-INFO"
        or bool(re.match(r"[-/]\d|[-.]\d{4}|-[A-Z]{3,}|\)\s*\d{3}", after))
        or bool(re.search(r"\(\s*$|\(\d{3}\)\s*$", before))
        # "shot seven times": how often, not how many
        or bool(re.match(r"\s+times\b", after))
        or bool(re.fullmatch(r"(?:19|20)\d\d", written) and not _YEAR_COUNTS.match(after))
        or _address(text, end, sentence.end)
        # A capitalised word right before a figure names a model: "ATR 72", "Glock 19".
        or bool(model and model.group(1) != "I" and not written[:1].isalpha())
    )


def _address(text: str, end: int, limit: int) -> bool:
    """Whether a figure is a street number: "2111 Bragg Street", "85 Saint John St."."""
    after = re.match(r"\s+((?:[A-Z][\w.'’]*\s+){1,3}?)([A-Za-z]+)\b\.?", text[end:limit])
    return bool(after) and after.group(2).lower().strip(".") in STREET_WORDS  # type: ignore[union-attr]


def _percent(sentence: Sentence, start: int, end: int, common: dict) -> Fact:
    """ "56.1% of the vote", "a 12% pay rise", "shares fell 4.5%", "turnout was about 55%"."""
    text = sentence.text
    what = _percent_of(
        words_after(text, end, sentence.end, 6), words_before(text, start, sentence.start, 6)
    )
    owner = _clause_subject(sentence, start)
    event = event_near(sentence, start, end)
    referent = Referent(f"%:{what}" if what else "%", owner=owner, event=event)
    return make_fact(sentence, start, end, type="quantity", unit="%", subject=owner,
                     context=event, referent=referent, **common)  # fmt: skip


def _percent_of(after: list[Word], before: list[Word]) -> str | None:
    """What a percentage is a share of: "of the vote", "pay rise", "fell 4.5%", "turnout"."""
    following = [w.lower() for _, _, w in after]
    for surface in following:
        if surface in _SHARE_OF:
            return _SHARE_OF[surface]
    for _, _, surface in reversed(before):
        if surface.lower() in _SHARE_OF:
            return _SHARE_OF[surface.lower()]
    nouns = [w for w in following if w not in STOPWORDS and w.isalpha()]
    return word(nouns[0]) if nouns else None


def _clause_subject(sentence: Sentence, position: int) -> str | None:
    """The named person or organisation that opens a figure's sentence: whose the figure is."""
    for s, e, ttype in sentence.spans:
        if s >= position:
            break
        if ttype in Name and ttype not in PLACE:
            person = sentence.people.at(s, e)
            if person is not None and person.surname:
                return person.surname
            return word(sentence.text[s:e])
    return None


def _money(sentence: Sentence, start: int, end: int, common: dict) -> Fact | None:
    """ "$250,000 bond", "100 million euros a day", "€100 million"."""
    text = sentence.text
    symbol = re.search(r"(US\$|[$€£¥₹])\s*$", text[max(sentence.start, start - 4) : start + 1])
    inner = re.match(r"(?:[a-z ]+\s)?(US\$|[$€£¥₹])", text[start:end])
    currency = None
    if symbol or inner:
        currency = CURRENCY_SYMBOLS.get((symbol or inner).group(1)[-1])  # type: ignore[union-attr]
    else:
        name = re.match(r"\s+([a-z]+(?:\s+sterling)?)", text[end : end + 20], re.IGNORECASE)
        if name and name.group(1).lower() in CURRENCY_WORDS:
            currency = CURRENCY_WORDS[name.group(1).lower()]
            end += name.end()
    if currency is None:
        return None
    nouns = [w.lower() for _, _, w in words_after(text, end, sentence.end, 4)
             if w.lower() not in STOPWORDS and w.isalpha()]  # fmt: skip
    what = nouns[0] if nouns and nouns[0] not in ("a", "per") else None
    if what is None:
        nouns = [w.lower() for _, _, w in words_before(text, start, sentence.start, 4)
                 if w.lower() not in STOPWORDS and w.isalpha()]  # fmt: skip
        what = nouns[-1] if nouns else None
    rate = re.match(r"\s+(?:a|per|each)\s+(day|week|month|year)\b", text[end : end + 16])
    # A bond or bail is someone's: the person the sentence names.
    person = sentence.people.at(sentence.start, sentence.end) if what in ("bond", "bail") else None
    key = person.key() if person else None
    referent = Referent(f"money:{word(what)}" if what else "money",
                        owner=key.label if key else None,
                        scope=f"per {rate.group(1)}" if rate else None, person=key)  # fmt: skip
    return make_fact(sentence, start, end, type="quantity", unit=currency,
                     context=event_near(sentence, start, end), referent=referent,
                     **common)  # fmt: skip


def _measure(sentence: Sentence, start: int, end: int, common: dict) -> Fact | None:
    """ "a 2,000 ft fall", "700 m", "40 kilometers", "12,000 hectares", "magnitude 6.8".

    Lengths, areas, masses, volumes and speeds are converted to their base
    unit, so that "2,000 ft" and "700 m" compare. A place near a measure is
    where it is, not whose.
    """
    text = sentence.text
    unit = re.match(r"[\s-]?(?:(square|sq\.?)\s+)?([A-Za-z]+)\b", text[end : end + 24])
    before = text[max(sentence.start, start - 12) : start].lower()
    if re.search(r"magnitude[\s-]*$", before) or (unit and unit.group(2).lower() == "magnitude"):
        return make_fact(sentence, start, end, type="quantity", unit="magnitude",
                         referent=Referent("magnitude", event=event_near(sentence, start, end)),
                         **common)  # fmt: skip
    if not unit or unit.group(2).lower() not in MEASURES:
        return None
    event = event_near(sentence, start, end)
    name = unit.group(2).lower()
    if name == "pounds" and "£" in text[max(0, start - 2) : start + 1]:
        return None
    dimension, factor = MEASURES[name]
    square = unit.group(1) and unit.group(1).rstrip(".").lower() in SQUARE_WORDS
    if square and dimension == "length":
        dimension, factor = "area", factor * factor
    label = _UNIT_LABELS.get(name, name) + ("2" if square else "")
    aspect = _aspect(sentence, start, end + unit.end())
    measured = dict(common, low=common["low"] * factor, high=common["high"] * factor)
    return make_fact(sentence, start, end, type="quantity", unit=label, context=event,
                     referent=Referent(f"{dimension}:{aspect}" if aspect else dimension,
                                       event=event),
                     **measured)  # fmt: skip


def _aspect(sentence: Sentence, start: int, unit_end: int) -> str | None:
    """What a measure measures: "a depth of 35 km", "40 km south of", "12,000 hectares of
    forest", "a 2,000-foot fall", "35 km deep"."""
    text = sentence.text
    # "a fall of about 2,000 ft from the face": the noun it is "of" names the
    # aspect, before any direction that follows.
    before = re.search(r"\b([a-z]+)\s+of\s+(?:about\s+|some\s+|around\s+|nearly\s+)?$",
                       text[max(sentence.start, start - 30) : start])  # fmt: skip
    if before and before.group(1) not in STOPWORDS:
        return word(before.group(1))
    after = re.match(
        r"[\s-]*(?:\([^()]{0,30}\)\s*)?(?:(of)\s+(?:the\s+|its\s+)?)?((?:[a-z]+\s+){0,2}[a-z]+)\b",
        text[unit_end : min(sentence.end, unit_end + 50)],
    )
    if after:
        words = after.group(2).split()
        if words[0] in _DIRECTIONS:
            return "distance"
        if words[0] in _ADJECTIVE_ASPECTS:
            return _ADJECTIVE_ASPECTS[words[0]]
        nouns = []
        for surface in words:
            if surface in STOPWORDS or surface in _PHRASE_ENDS or verb_like(surface):
                break
            nouns.append(surface)
        if nouns:
            return word(nouns[-1])
    return None


def _count(sentence: Sentence, start: int, end: int, written: str, common: dict) -> list[Fact]:
    """A figure that counts people or things, with what happened to them and whose they are."""
    text = sentence.text
    # "half of the 12,000 troops had been killed": the number is the whole the
    # casualties are a share of, so casualty words after it do not count it.
    partitive = bool(re.search(r"\bof(?:\s+the)?\s*$", text[sentence.start : start]))
    if re.match(r"\s+of\b", text[end : end + 4]):
        return []  # "one of five people injured": the five is the claim
    noun, noun_end = _counted_noun(text, end, sentence.end)
    status = None
    if not partitive:
        status = _governing_status(text, start, sentence.start) or _status_after(
            text, noun_end if noun else end, sentence.end
        )
    group = people_groups().get(noun) if noun else None
    if noun and statuses().surface.get(noun.lower()):
        # "12 deaths", "two arrests"; but "nine shots" counts no people.
        status = status or statuses().surface.get(noun.lower())
    head = text[clause_start(text, start, sentence.start) : start]
    part = (
        bool(noun and noun.lower() in _PART_WORDS)
        or bool(_PARTITIVE_BEFORE.search(head))
        or bool(_PARTITIVE_AFTER.match(text, end))
        or bool(re.match(r"\s+(?:more|other|others|additional)\b", text[end : end + 12]))
    )
    if status is not None:
        unit: str | None = status
        measure: str | None = status
    elif group is not None:
        unit = measure = group
    elif noun:
        unit = noun.lstrip("-").lower()
        verb = _passive_verb(text, noun_end, sentence.end)
        measure = f"count:{word(unit)}" + (f":{verb}" if verb else "")
    else:
        carried = _ellipsis(sentence, start, end)
        if carried is not None:
            return [replace(carried, start=start, end=end, text=text[start:end],
                            segment=sentence.number,
                            salience=IN_HEADLINE if sentence.headline else PLAIN,
                            speaker=sentence.speaker, **common)]  # fmt: skip
        unit = measure = None
    if not any(c.isdigit() for c in written) and not (group or status or unit in _KNOWN_COUNTS):
        # "One military intelligence official": a number written as a word
        # is a claim only when it counts something claims are made about.
        return []
    owner = _owner(sentence, start, end)
    # People killed, missing or rescued are counted for the incident that
    # caused it, never for the search or the deaths themselves.
    event = event_near(sentence, start, end, exclude=AFTERMATH if status or group else frozenset())
    referent = None
    if measure is not None:
        referent = Referent(measure, owner=owner, event=event, scope=scope(sentence, start),
                            part=part)  # fmt: skip
    return [make_fact(sentence, start, end, type="quantity", unit=unit,
                      subject=place_key(owner) if owner else None, context=event,
                      referent=referent, **common)]  # fmt: skip


def _ellipsis(sentence: Sentence, start: int, end: int) -> Fact | None:
    """What a figure standing alone in a short follow-on counts: the last count before it.

    "About 11,000 North Korean troops were sent. More than 11, 000 in all,
    officials said": the second figure goes on counting the troops.
    """
    text = sentence.text
    if len(text[sentence.start : sentence.end].split()) > ELLIPSIS_MAX_WORDS:
        return None
    if not _ELLIPSIS_TAIL.match(text, end) or words_before(text, start, sentence.start, 1):
        return None  # "the count rose to 16": the figure is counted by what comes before it
    counted = [f for f in sentence.previous if f.type == "quantity" and f.referent and f.unit]
    if counted:
        return counted[-1]
    return _people_before(sentence, start, end)


def _people_before(sentence: Sentence, start: int, end: int) -> Fact | None:
    """A count of the people the sentence before is about: "North Korean soldiers started
    appearing in mid-October. More than 11, 000 in all." """
    text = sentence.text
    low, high = sentence.previous_span
    for m in WORD_RE.finditer(text, low, high):
        group = people_groups().surface.get(m.group().lower())
        if group is None or group in ("people",):
            continue
        before = re.search(
            r"((?:[A-Z][a-z]+\s+){1,2})$", text[max(low, m.start() - 30) : m.start()]
        )
        owner = before.group(1).strip() if before else None
        if owner and owner.lower() not in _demonyms():
            owner = None
        return make_fact(sentence, start, end, type="quantity", value="0", low=0.0, high=0.0,
                         unit=group, subject=place_key(owner) if owner else None,
                         referent=Referent(group, owner=owner))  # fmt: skip
    return None


def _counted_noun(text: str, end: int, limit: int) -> tuple[str | None, int]:
    """The noun a figure counts: "five people", "11,000 North Korean soldiers", "six victims".

    Read over up to four words of its noun phrase, up to a verb, a preposition or a
    punctuation mark; the head is the last of them. A nationality in the phrase is
    whose they are, and its plural ("200 North Koreans") counts people.
    """
    words: list[Word] = []
    for m in WORD_RE.finditer(text, end, min(limit, end + 60)):
        if re.search(r"[^\s-]", text[words[-1][1] if words else end : m.start()]):
            break
        words.append((m.start(), m.end(), m.group()))
        if len(words) == 4:
            break
    head: tuple[str | None, int] = (None, end)
    for _, e, surface in words:
        lower = surface.lower()
        if (
            lower in STOPWORDS
            or (lower in AUXILIARIES and lower != "others")
            or lower[:1].isdigit()
        ):
            break
        if statuses().get(surface) and head[0] is not None:
            break  # "five people injured": the status follows the noun
        demonym = _is_demonym_plural(surface)
        if surface[:1].isupper() and not demonym:
            continue  # a nationality or a name before the noun
        head = ("people" if demonym else surface, e)
        if people_groups().get(surface) or statuses().get(surface):
            break
    return head


def _is_demonym_plural(surface: str) -> bool:
    return (
        surface[:1].isupper()
        and surface.endswith("s")
        and surface.lower().rstrip("s") in _demonyms()
    )


@lru_cache(maxsize=1)
def _demonyms() -> frozenset[str]:
    return frozenset(d.lower() for d in DEMONYMS)


def _governing_status(text: str, at: int, limit: int) -> str | None:
    """The status a word before a figure says it counts: "killing 40", "the toll rose to 90"."""
    toll = False
    for _, _, surface in reversed(words_before(text, at, limit, UNIT_WINDOW_BEFORE_WORDS)):
        lower = surface.lower()
        if lower == "toll":
            toll = True
            break
        if lower in _TOLL_VERBS:
            toll = True
        elif lower not in _GOVERNING_GAP:
            kind = statuses().get(surface)
            if kind is not None and kind not in ("survivors", "hospitalized"):
                return kind
            break
    if toll:
        tolls = list(_TOLL_RE.finditer(text, clause_start(text, at, limit), at))
        if tolls:
            kind = tolls[-1]["kind"]
            return _TOLL_KINDS[kind.lower() if kind else None]
    return None


def _status_after(text: str, end: int, limit: int) -> str | None:
    """What happened to counted people, said after them: "were killed", "injured", "are missing"."""
    kinds = []
    for _, _, surface in words_after(text, end, limit, 6):
        kind = statuses().get(surface)
        if kind is not None:
            kinds.append(kind)
        elif surface.lower() not in AUXILIARIES:
            break
    if not kinds:
        return None
    distinct = set(kinds)
    if distinct <= {"killed", "wounded", "casualties"} and len(distinct) > 1:
        return "casualties"
    return kinds[0]


def _passive_verb(text: str, end: int, limit: int) -> str | None:
    """The verb done to counted things: "1,500 homes were damaged" → "damag"."""
    for _, _, surface in words_after(text, end, limit, 4):
        lower = surface.lower()
        if lower in AUXILIARIES:
            continue
        if lower.endswith(("ed", "en")) or lower in ("cut", "lost", "hit", "burnt", "shut"):
            return word(lower)
        break
    return None


def _owner(sentence: Sentence, start: int, end: int) -> str | None:
    """Whose a figure is: a nationality or place right after the number, or just before."""
    after = words_after(sentence.text, end, sentence.end, 3)
    limit = after[-1][1] if after else end
    for s, e, ttype in sentence.spans:
        if end <= s < limit and ttype in PLACE:
            return place_name(sentence.text[s:e])
    for s, e, ttype in reversed(sentence.spans):
        if start - 40 <= e <= start and ttype in PLACE:
            return place_name(sentence.text[s:e])
    return None


def proportion(sentence: Sentence, match: re.Match[str]) -> Fact:
    """A share: "halved", "about half of its shelling", "less than half of the territory"."""
    value = _PROPORTIONS[match["share"].lower()]
    kind, event, place = _share_of(sentence, match.start(), match.end())
    # "half of the 12,000 troops had been killed": a share of the troops,
    # whatever befell them; else what the share took part in decides.
    whole_of = _whole_counted(sentence, match.end())
    about = whole_of or event or kind
    return make_fact(sentence, match.start(), match.end(), type="proportion",
                     value=format_number(value), low=value, high=value, unit=kind,
                     qualifier=_SHARE_HEDGES.get((match["hedge"] or "").lower()), context=event,
                     referent=Referent(f"share:{about}", owner=place)
                     if about else None)  # fmt: skip


def _share_of(
    sentence: Sentence, start: int, end: int
) -> tuple[str | None, str | None, str | None]:
    """What a share is of: the counted kind, the event it took part in, and the place it names."""
    text = sentence.text
    near = words_after(text, end, sentence.end, UNIT_WINDOW_AFTER_WORDS) + words_before(
        text, start, sentence.start, 12
    )
    kind = next((k for _, _, w in near if (k := people_groups().get(w) or statuses().get(w))), None)
    places = [(s, place_name(text[s:e])) for s, e, t in sentence.spans
              if t in PLACE and t not in DEMONYM]  # fmt: skip
    # The place of what a share is taken of follows it ("half of the Kursk territory").
    later = [name for s, name in places if s >= end]
    place = later[0] if later else places[-1][1] if places else None
    return kind, event_near(sentence, start, end), place


def _whole_counted(sentence: Sentence, end: int) -> str | None:
    """The people a share is explicitly of, past any figure: "half of the 11,000 troops"."""
    text = sentence.text
    of = _PARTITIVE_OF.match(text, end)
    if of is None:
        return None
    at = of.end()
    figure = next((e for s, e, t in sentence.spans if s == at and t in Number), None)
    words = words_after(text, figure if figure is not None else at, sentence.end, 3)
    return next((k for _, _, w in words if (k := people_groups().get(w))), None)


_PARTITIVE_OF = re.compile(r"\s+of\s+(?:the\s+|its\s+|their\s+|his\s+|her\s+)?")


def whole(sentence: Sentence, match: re.Match[str]) -> Fact | None:
    """All of something: "completely liberate the region", "regained full control over it"."""
    kind = events().get(match["verb"] or match["verb2"])
    if kind is None:
        return None
    place = next((place_name(sentence.text[s:e]) for s, e, t in sentence.spans
                  if t in PLACE and t not in DEMONYM and s >= match.start()), None)  # fmt: skip
    return make_fact(sentence, match.start(), match.end(), type="proportion", value="1", low=1.0,
                     high=1.0, unit=None, qualifier=None, context=kind,
                     referent=Referent(f"share:{kind}", owner=place))  # fmt: skip
