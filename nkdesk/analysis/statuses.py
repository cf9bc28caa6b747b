"""What is true of people: their ages, whether they are alive, whether anyone is arrested.

An age belongs to the person it is written beside ("38-year-old Fred
Duhart", "Fred Duhart, 38", "a woman, 29,"); a status to the person it is
said of, found through the document's people (``people.cast``): "He was
taken to the hospital, where he later died" is said of the victim the
sentence before named. A status is "dead" or "alive" (in critical condition,
on life support, expected to survive); a story's toll is at least one for each
person said to have died, and none when every victim is expected to survive.
Arrests are counted as the story states them ("No arrests have been made",
"Two suspects were arrested", "police arrested Steafon Lewis").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from nkdesk.analysis.model import DERIVED, IN_PASSING, Fact, Referent
from nkdesk.analysis.people import AGE_RE, Person, age_value
from nkdesk.analysis.reading import Sentence, format_number, make_fact, subject_of

# Ages after a name: ", 38," / ", 38." / ", 38 of Little Rock".
_APPOSED_AGE = re.compile(r",\s*(?P<n>\d{1,3})(?=\s*(?:[,.;)]|$|\s+of\s|\s+and\s|\s+[a-z]))")
_DEAD = re.compile(
    r"\b(?:(?:has|have|had|later|since|eventually|then|also)\s+)*"
    r"(?:died|dies|passed away|succumbed)\b"
    r"|\b(?:was|were|is|are|been|being)\s+(?:(?:shot|stabbed|beaten)\s+and\s+)?"
    r"(?:killed|slain|pronounced dead|declared dead|found dead|dead)\b"
    r"|\bis dead\b|\bfatally\s+(?:shot|wounded|injured|stabbed|struck|hit)\b|\bshot dead\b"
    r"|\bshot and killed\b",
    re.IGNORECASE,
)
# A status said in passing: in a relative clause ("the toddler that died"), or
# as a procedure ("was pronounced dead"); another statement of it says it plainly.
_IN_PASSING = re.compile(
    r"\b(?:that|who|which)\s+(?:\w+\s+)?(?:died|was)|pronounced|declared", re.IGNORECASE
)
# "the killing of Christian Bandemer", "accused of killing Erika Robinson":
# the one killed follows.
_KILLED_OBJECT = re.compile(
    r"\b(?:killing|killed|fatally shooting|fatally shot|fatally wounding|murder(?:ing|ed)?"
    r"|death)\s+(?:of\s+)?$",
    re.IGNORECASE,
)
_ALIVE = re.compile(
    r"\b(?:in|remains? in|remained in|listed in|is in|was in|reported in)\s+"
    r"(?:(?:very\s+)?(?:critical|serious|stable|fair|good|grave|guarded|satisfactory)"
    r"(?:\s+(?:but|and)\s+stable)?)\s+condition\b"
    r"|\bon life support\b|\bexpected to (?:survive|live|recover|be okay|be ok)\b|\bsurvived\b"
    r"|\b(?:non-|not\s+)life[- ]threatening\b",
    re.IGNORECASE,
)
_NONE_DIED = re.compile(
    r"\b(?:all|both)\s+(?:\w+\s+){0,3}(?:victims|people|of them)\b[^.;]{0,80}?"
    r"\b(?:expected to (?:survive|live|recover)|survived)\b"
    r"|\bnone of the (?:victims|injuries|wounds)\b[^.;]{0,40}?\blife[- ]threatening\b"
    r"|\bno (?:one|deaths|fatalities)\s+(?:was|were|has been|have been|had been)?\s*"
    r"(?:killed|reported)\b",
    re.IGNORECASE,
)
_NO_ARRESTS = re.compile(
    r"\bno\s+(?:arrests?|one|suspects?)\s+(?:has|have|had)?\s*(?:been\s+)?"
    r"(?:made|arrested|in custody)\b"
    r"|\bno arrests?\b|\b(?:remains?|remained|is|are|was|still)\s+at large\b"
    r"|\bon (?:the )?loose\b|\bhas not been arrested\b|\bno one is in custody\b",
    re.IGNORECASE,
)
# "Police arrested 19-year-old Steafon Lewis": the one arrested follows.
_ARRESTED_OBJECT = re.compile(
    r"\b(?:police|officers|deputies|detectives|agents|troopers|authorities|they)\s+"
    r"(?:have\s+|later\s+)?(?:arrested|apprehended|detained)\s+(?=\S)",
    re.IGNORECASE,
)
_ARRESTED = re.compile(
    r"\b(?:was|were|has been|have been|had been|is|are|been)\s+(?:later\s+|also\s+|now\s+)?"
    r"(?:arrested|taken into (?:police\s+)?custody|booked|apprehended|detained"
    r"|in (?:police\s+)?custody|being held)\b",
    re.IGNORECASE,
)
ARRESTED_OBJECT_REACH_CHARS = 30
# A word every status pattern above needs; a sentence without one states none.
# Searched in a sentence's lower-cased text (Sentence.lower).
_STATUS_WORDS = re.compile(
    r"die|dead|death|kill|slain|succumb|passed away|fatal|condition|life|surviv|arrest|custody"
    r"|booked|apprehended|detained|held|large|loose"
)


def ages(sentence: Sentence) -> Iterator[Fact]:
    """Ages of people: "38-year-old Fred Duhart", "Fred Duhart, 38", "a woman, 29,"."""
    text = sentence.text
    ages_said = "old" in sentence.lower  # every "-year-old" has it; most sentences none
    for match in AGE_RE.finditer(text, sentence.start, sentence.end) if ages_said else ():
        age = age_value(match["n"], match["unit"])
        if age is None:
            continue
        person = sentence.people.at(match.start(), match.end())
        if person is None:
            following = sentence.people.after(match.end(), match.end() + 40)
            person = sentence.person(following) if following else None
        yield _age(sentence, match.start(), match.end(), age, person)
    for mention in sentence.people.within(sentence.start, sentence.end):
        if mention.kind == "pronoun":
            continue
        apposed = _APPOSED_AGE.match(text[mention.end : sentence.end])
        if apposed:
            start, end = mention.end + apposed.start("n"), mention.end + apposed.end("n")
            yield _age(sentence, start, end, float(apposed["n"]), sentence.person(mention))


def _age(sentence: Sentence, start: int, end: int, age: float, person: Person | None) -> Fact:
    key = person.key() if person is not None else None
    owner = key.label if key else None
    return make_fact(sentence, start, end, type="quantity", value=format_number(age), low=age,
                     high=age, unit="years", qualifier=None, subject=owner,
                     referent=Referent("age", owner=owner, person=key))  # fmt: skip


def statuses(sentence: Sentence) -> Iterator[Fact]:
    """Whether a person is dead or alive, and whether anyone has been arrested.

    Each person said to have died also gives the story's toll at least one
    (a fact DERIVED from the status, so that any statement of the toll itself
    comes first).
    """
    text = sentence.text
    if not _STATUS_WORDS.search(sentence.lower):
        return  # most sentences say nothing of anyone's condition: one search decides
    for match in _NONE_DIED.finditer(text, sentence.start, sentence.end):
        yield _count(sentence, match, 0, "killed")
    said: dict[int, Fact] = {}
    for pattern, value in ((_DEAD, "dead"), (_ALIVE, "alive")):
        for match in pattern.finditer(text, sentence.start, sentence.end):
            person = _status_subject(sentence, match)
            if person is None or person.offender:
                continue
            if value == "alive" and person.number in said:
                continue  # "critically injured ... has died": the later status stands
            key = person.key()
            fact = make_fact(sentence, match.start(), match.end(), type="status", value=value,
                             low=float(value == "dead"), high=float(value == "dead"), unit=None,
                             qualifier=None, subject=key.label,
                             referent=Referent("status", owner=key.label, person=key))  # fmt: skip
            passing = _IN_PASSING.search(text, max(sentence.start, match.start() - 12), match.end())
            if passing and not sentence.headline:
                fact = replace(fact, salience=IN_PASSING)
            said[person.number] = fact
    for fact in said.values():
        yield fact
        if fact.value == "dead":
            yield replace(fact, type="quantity", value="1", low=1.0, high=1.0, unit="killed",
                          qualifier="at least", salience=DERIVED,
                          referent=Referent("killed"))  # fmt: skip
    yield from _arrests(sentence)


def _arrests(sentence: Sentence) -> Iterator[Fact]:
    text = sentence.text
    for match in _NO_ARRESTS.finditer(text, sentence.start, sentence.end):
        yield _count(sentence, match, 0, "arrested")
    # "Two suspects were arrested Monday. Gulley and Dean were arrested at Dean's
    # address": the count says it; the names add no second arrest fact.
    if any(f.unit == "arrested" and f.low >= 1 for f in sentence.previous):
        return
    for match in _ARRESTED_OBJECT.finditer(text, sentence.start, sentence.end):
        arrested = sentence.people.after(match.end(), match.end() + 40)
        if arrested is not None and arrested.start - match.end() <= ARRESTED_OBJECT_REACH_CHARS:
            yield _count(sentence, match, 1, "arrested", "at least")
            return
    for match in _ARRESTED.finditer(text, sentence.start, sentence.end):
        if subject_of(sentence, match.start()) is not None:
            yield _count(sentence, match, 1, "arrested", "at least")
            return


def _count(
    sentence: Sentence, match: re.Match[str], value: int, status: str, qualifier: str | None = None
) -> Fact:
    return make_fact(sentence, match.start(), match.end(), type="quantity", value=str(value),
                     low=float(value), high=float(value), unit=status, qualifier=qualifier,
                     referent=Referent(status))  # fmt: skip


def _status_subject(sentence: Sentence, match: re.Match[str]) -> Person | None:
    """The person a status is said of: its subject, or the one killed after "the killing of"."""
    text = sentence.text
    if match.group().lower().startswith(("killing", "killed", "fatally shooting", "murder")) and (
        _KILLED_OBJECT.search(text, sentence.start, match.end())
    ):
        following = sentence.people.after(match.end(), match.end() + 60)
        if following:
            return sentence.person(following)
    return subject_of(sentence, match.start())
