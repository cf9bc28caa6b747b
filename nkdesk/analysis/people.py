"""The people one document tells of, so that an age, a status or a bond has its owner.

Reports name a person in full once ("Kodi Pruner, 18"), then by surname
("Pruner"), by a description ("the 18-year-old", "the victim") or by a
pronoun; and some never name them ("an 18-year-old man was shot"). ``cast``
reads a document's people and the mentions that point at each: full names
from the claim lexer, ages in apposition ("Fred Duhart, 38", "38-year-old
Fred Duhart", "a woman, 29,"), descriptions by role noun, and pronouns
resolved to the last person of their sex. ``same_person`` decides whether two
people of two documents are one, by name (spelling variants allowed), or by
age, sex and role when one of them is unnamed.

Heuristics, no parser: a person a document only describes vaguely is kept
apart rather than guessed, so a fact about them links less and never conflicts
on a guess.
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from collections import defaultdict
from collections.abc import Iterable, Sequence, Set
from dataclasses import dataclass, field
from functools import cache

from pygments.token import Name

from nkdesk.analysis.model import PersonKey
from nkdesk.analysis.variants import spelling_ratio
from nkdesk.analysis.vocabulary import (
    NAME_TITLES,
    OFFENDER_ROLES,
    PERSON_ROLES,
    PRONOUNS,
    ROLE_KINDS,
    STREET_WORDS,
    roles,
)
from nkdesk.text.lexer import ORGANIZATION, PERSON, PLACE, TITLES, TokenType
from nkdesk.text.numbers import parse_number

# Capitalised words that end a place or an organisation, not a person's name
# ("Eskenazi Hospital", "Little Leaf Court", "Marion County").
_NOT_PERSON_WORDS = STREET_WORDS | {
    "hospital", "center", "centre", "county", "city", "school", "church", "park", "mall",
    "station", "apartments", "department", "office", "university", "college", "bank",
    "hotel", "restaurant", "bar", "club", "market", "store", "airport", "bridge", "river",
    "lake", "mountain", "mount", "valley", "island", "beach", "district", "province",
    "region", "state", "township", "village", "town", "news", "times", "post", "journal",
    "police", "court", "prison", "jail", "medical", "health", "memorial", "high", "middle",
    "elementary", "academy", "team", "festival", "facebook", "twitter", "google",
}  # fmt: skip
_NAME_WORD = re.compile(r"[A-Z][\w'’.-]*")
# Surnames at least this similar are one name spelled two ways (Pruner/Prunner).
SURNAME_VARIANT_RATIO = 0.8
YOUNG_BELOW_YEARS = 13
ADULT_FROM_YEARS = 20
# How far back (characters) a pronoun looks for the person it stands for.
PRONOUN_REACH_CHARS = 400
_AGE_WORDS = r"(?:\d{1,3}|[a-z]+(?:-[a-z]+)?)"
# "38-year-old", "38 year old", "nine-month-old", "18-years-old".
_AGE = rf"(?<![\w-])(?P<n>{_AGE_WORDS})[- ](?P<unit>year|month|week|day)s?[- ]old\b"
AGE_RE = re.compile(_AGE, re.IGNORECASE)
# The same, and the pronouns below, searched in lower-cased text (see lower_text).
_AGE_IN_LOWER = re.compile(_AGE)
# After a name: ", 38," / ", 38." / " (38)" / ", a 38-year-old".
_AGE_AFTER_NAME = re.compile(
    r"(?:,\s*(?P<n>\d{1,3})(?=\s*(?:[,.;)]|$|\s+of\s|\s+and\s|\s+[a-z]))"
    r"|\s*\((?P<p>\d{1,3})\)"
    r"|,\s*(?:a|an|the)\s+(?P<d>\d{1,3})[- ]years?[- ]old)"
)
_UNIT_YEARS = {"year": 1.0, "month": 1 / 12, "week": 7 / 365, "day": 1 / 365}
_DETERMINERS = frozenset({"a", "an", "the", "his", "her", "their", "its", "one", "another", "our"})
_DEFINITE = frozenset({"the", "his", "her", "their", "its", "our"})
_PRONOUN_IN_LOWER = re.compile(r"\b(?:he|him|his|she|her)\b")
_WORD = re.compile(r"[a-z]+")
_NAME_WITH_AGE = re.compile(
    r"(?<![\w’'])(?P<name>[A-Z][a-z’'-]+(?:\s+[A-Z][a-z’'-]+){1,2}),\s*\d{1,3}(?=\s*[,)]|\s+of\s)"
)


@dataclass(slots=True)
class Person:
    """Someone a document tells of, named ("Kodi Pruner") or described ("an 18-year-old man")."""

    number: int
    name: str | None = None  # as the document first writes it in full
    surname: str | None = None  # lower-case
    given: str | None = None  # lower-case
    age: float | None = None  # in years
    sex: str | None = None  # "m" / "f"
    roles: set[str] = field(default_factory=set)

    @property
    def offender(self) -> bool:
        return bool(self.roles & OFFENDER_ROLES)

    def key(self) -> PersonKey:
        return PersonKey(
            self.name, self.surname, self.given, self.age, self.sex, frozenset(self.roles)
        )


@dataclass(frozen=True, slots=True)
class Mention:
    """Where the text points at a person: a name, a description or a pronoun."""

    start: int
    end: int
    person: int
    kind: str  # "name", "description", "pronoun"


@dataclass(frozen=True, slots=True)
class Cast:
    """The people of one document and every mention of them, in text order."""

    people: tuple[Person, ...]
    mentions: tuple[Mention, ...]
    starts: tuple[int, ...]  # each mention's start, for bisect

    def within(self, start: int, end: int) -> tuple[Mention, ...]:
        """The mentions that start within ``[start, end)``."""
        return self.mentions[bisect_left(self.starts, start) : bisect_left(self.starts, end)]

    def at(self, start: int, end: int) -> Person | None:
        """The person mentioned within ``[start, end)``, the first if several."""
        first = max(0, bisect_left(self.starts, start) - 1)
        for mention in self.mentions[first:]:
            if mention.start >= end:
                break
            if mention.end > start:
                return self.people[mention.person]
        return None

    def before(self, position: int, limit: int) -> Mention | None:
        """The last mention that ends at or before ``position`` and starts at or after ``limit``."""
        for n in range(bisect_left(self.starts, position) - 1, -1, -1):
            mention = self.mentions[n]
            if mention.start < limit:
                break
            if mention.end <= position:
                return mention
        return None

    def after(self, position: int, limit: int) -> Mention | None:
        """The first mention that starts at or after ``position`` and before ``limit``."""
        n = bisect_left(self.starts, position)
        if n < len(self.mentions) and self.mentions[n].start < limit:
            return self.mentions[n]
        return None

    def named(self) -> list[Person]:
        return [p for p in self.people if p.surname]


def age_value(number: str, unit: str) -> float | None:
    value = parse_number(number.replace("-", " "))
    if value is None or not 0 <= value <= 130:
        return None
    return value * _UNIT_YEARS[unit.lower()]


def cast(text: str, spans: Sequence[tuple[int, int, TokenType]]) -> Cast:
    """The people of ``text``, given its claim lexer spans (``claim_spans``)."""
    builder = _Builder(text)
    names = [(s, e) for s, e, t in spans if _is_name_type(t)]
    # "Jahad Brumsey, 29," is a person with an age even where the lexer reads no
    # name (a list of victims in title case).
    known = {s for s, _ in names}
    names += [(m.start(), m.end("name")) for m in _NAME_WITH_AGE.finditer(text)
              if m.start() not in known]  # fmt: skip
    names.sort()
    found = [n for n in (_person_name(text, s, e) for s, e in names) if n]
    for start, end, name in found:
        if " " in name:
            builder.name(start, end, name)
    for start, end, name in found:
        if " " not in name:
            builder.single_name(start, end, name)
    lower = lower_text(text)
    for match in _AGE_IN_LOWER.finditer(lower):
        builder.aged_description(match)
    for start, end, role, definite in _role_mentions(lower):
        builder.role_description(start, end, role, definite)
    for match in _PRONOUN_IN_LOWER.finditer(lower):
        builder.pronoun(match)
    return builder.build()


def lower_text(text: str) -> str:
    """``text`` lower-cased letter by letter, so that every offset stays where it was.

    Searching lower-cased text is several times faster than searching with
    IGNORECASE; a letter whose lower case is longer ("İ") is kept as it is.
    """
    lower = text.lower()
    if len(lower) == len(text):
        return lower
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _is_name_type(ttype: TokenType) -> bool:
    return (ttype in Name and ttype not in ORGANIZATION and ttype not in PLACE) or ttype in PERSON


def _person_name(text: str, start: int, end: int) -> tuple[int, int, str] | None:
    """The part of a lexer name span that can be a person's name, or None.

    "Fred Duhart of Little Rock" is "Fred Duhart", "Officer Richard Hilgeman"
    is "Richard Hilgeman"; "Eskenazi Hospital" and "Little Leaf Court" are places.
    """
    words = [(m.start(), m.end(), m.group()) for m in re.finditer(r"\S+", text[start:end])]
    for n, (_, _, word) in enumerate(words):
        if n and word in ("of", "from", "in", "at"):
            words = words[:n]
            break
    while len(words) > 1 and _is_title(words[0][2]):
        words = words[1:]
    if not 1 <= len(words) <= 4:
        return None
    first, last = start + words[0][0], start + words[-1][1]
    surface = re.sub(r"['’]s$", "", text[first:last])
    names = surface.split()
    if not all(_NAME_WORD.fullmatch(w) for w in names):
        return None
    if any(w.lower().strip(".") in _NOT_PERSON_WORDS for w in names):
        return None
    if any(w.isupper() and len(w) > 1 for w in names):
        return None  # an acronym: an agency or a station
    if roles().get(names[-1]) is not None:
        return None  # "Officer", "Mother": a role written with a capital
    return first, first + len(surface), surface


def _is_title(word: str) -> bool:
    key = word.lower().strip(".")
    return key in NAME_TITLES or key in TITLES or roles().get(key) is not None


def _role_mentions(lower: str) -> Iterable[tuple[int, int, str, bool]]:
    """Role nouns for one person ("the victim", "a man"): start, end, role, whether definite.

    ``lower`` is the text as ``lower_text`` gives it. A role noun names one
    person only after a determiner a word or two back ("the younger sibling",
    "a man"), not in "police officers" or "men".
    """
    for match in _role_re().finditer(lower):
        before = _WORD.findall(lower[max(0, match.start() - 32) : match.start()])
        determiner = next((w for w in reversed(before[-3:]) if w in _DETERMINERS), None)
        if determiner is not None:
            yield match.start(), match.end(), match.group(), determiner in _DEFINITE


@cache
def _role_re() -> re.Pattern[str]:
    """The role nouns, longest first, as whole words of lower-cased text (see lower_text)."""
    roles_first = sorted((role.lower() for role in PERSON_ROLES), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(roles_first) + r")(?![\w-])")


class _Builder:
    """Collects people and mentions over one text; ``build`` freezes them into a Cast.

    Every lookup goes through an index (by surname, given name, age; mentions
    by position), so a long document costs in proportion to its mentions: a
    430 KB article names thousands of people.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.people: list[Person] = []
        self.mentions: list[Mention] = []
        self._by_surname: dict[str, list[Person]] = defaultdict(list)
        self._by_given: dict[str, list[Person]] = defaultdict(list)
        self._by_age: dict[float, list[Person]] = defaultdict(list)
        # Mentions in text order ((start, -n): of two at one place, the one
        # added first comes last, as a stable sort by start, reversed, has it).
        self._order: list[tuple[int, int]] = []
        self._at: list[Mention] = []
        self._longest = 0
        self._names: list[tuple[int, int, Mention]] = []  # name mentions: start, n, mention

    def build(self) -> Cast:
        self._merge_descriptions()
        people = [p for n, p in enumerate(self.people) if p.number == n]
        renumber = {p.number: n for n, p in enumerate(people)}
        for n, person in enumerate(people):
            person.number = n
        mentions = sorted(
            {
                Mention(m.start, m.end, renumber[self._root(m.person)], m.kind)
                for m in self.mentions
            },
            key=lambda m: (m.start, -m.end),
        )
        return Cast(tuple(people), tuple(mentions), tuple(m.start for m in mentions))

    def _root(self, number: int) -> int:
        while self.people[number].number != number:
            number = self.people[number].number
        return number

    def _merge_descriptions(self) -> None:
        """Fold each person only described by role ("the toddler") into the one they must be.

        That is the only other person of the same kind ("the 3-year-old child")
        with no clash of sex; when there are several, the vague one stays apart.
        """
        by_kind: dict[str, list[Person]] = defaultdict(list)
        for other in self.people:
            if other.surname or other.age is not None:
                for kind in _kinds(other):
                    by_kind[kind].append(other)
        for person in self.people:
            if person.surname or person.age is not None or not person.roles:
                continue
            kinds = _kinds(person) - {"anyone"}
            if not kinds:
                continue
            matches: dict[int, Person] = {}
            for kind in sorted(kinds):
                for other in by_kind.get(kind, ()):
                    if other.number not in matches and (
                        person.sex is None or other.sex in (None, person.sex)
                    ):
                        matches[other.number] = other
                if len(matches) > 1:
                    break
            if len(matches) == 1:
                (target,) = matches.values()
                before = _kinds(target)
                target.roles |= person.roles
                target.sex = target.sex or person.sex
                person.number = target.number
                for kind in _kinds(target) - before:
                    by_kind[kind].append(target)

    def _new(self, **values: object) -> Person:
        person = Person(len(self.people), **values)  # type: ignore[arg-type]
        self.people.append(person)
        if person.surname:
            self._by_surname[person.surname].append(person)
        if person.given:
            self._by_given[person.given].append(person)
        if person.age is not None:
            self._by_age[person.age].append(person)
        return person

    def _set_age(self, person: Person, age: float) -> None:
        """Give ``person`` an age when they have none yet."""
        if person.age is None:
            person.age = age
            self._by_age[age].append(person)

    def _mention(self, start: int, end: int, person: Person, kind: str) -> None:
        mention = Mention(start, end, person.number, kind)
        self.mentions.append(mention)
        key = (start, -len(self.mentions))
        at = bisect_left(self._order, key)
        self._order.insert(at, key)
        self._at.insert(at, mention)
        self._longest = max(self._longest, end - start)
        if kind == "name":
            insort(self._names, (start, len(self.mentions), mention), key=lambda item: item[0])

    def name(self, start: int, end: int, name: str) -> None:
        words = name.split()
        surname, given = words[-1].lower().strip("."), words[0].lower().strip(".")
        person = self._by_name(surname, given)
        if person is None:
            person = self._new(name=name, surname=surname, given=given)
        elif person.given is None:
            person.given, person.name = given, name
            self._by_given[given].append(person)
            self._by_given[given].sort(key=lambda p: p.number)
        self._mention(start, end, person, "name")
        self._age_after(end, person)
        self._age_before(start, person)

    def single_name(self, start: int, end: int, word: str) -> None:
        key = word.lower().strip(".")
        found = [group[0] for group in (self._by_surname.get(key), self._by_given.get(key))
                 if group]  # fmt: skip
        if found:
            person = min(found, key=lambda p: p.number)  # the first met of either
            self._mention(start, end, person, "name")
            self._age_after(end, person)

    def _by_name(self, surname: str, given: str) -> Person | None:
        return next(
            (p for p in self._by_surname.get(surname, ()) if p.given in (None, given)), None
        )

    def _age_after(self, end: int, person: Person) -> None:
        match = _AGE_AFTER_NAME.match(self.text, end)
        if match:
            self._set_age(person, float(match["n"] or match["p"] or match["d"]))

    def _age_before(self, start: int, person: Person) -> None:
        """ "38-year-old Fred Duhart", "his 16-year-old brother Shawn Johnson"."""
        window = self.text[max(0, start - 48) : start]
        match = next(reversed(list(AGE_RE.finditer(window))), None)
        if match is None:
            return
        between = window[match.end() :].split()
        if len(between) > 2 or any(w[:1].isupper() or not w.isalpha() for w in between):
            return
        age = age_value(match["n"], match["unit"])
        if age is not None:
            self._set_age(person, age)
        for word in between:
            self._add_role(person, word)

    def _add_role(self, person: Person, word: str) -> None:
        role = roles().get(word)
        if role is None:
            return
        person.roles.add(role)
        sex = PERSON_ROLES.get(role)
        if sex and person.sex is None:
            person.sex = sex

    def aged_description(self, match: re.Match[str]) -> None:
        """ "an 18-year-old man", "the 16-year-old", "a 9-month-old baby"."""
        age = age_value(match["n"], match["unit"])
        if age is None:
            return
        after = re.match(r"\s+([a-z]+)", self.text[match.end() : match.end() + 30])
        role = roles().get(after.group(1)) if after else None
        end = match.end() + (after.end() if after and role else 0)
        if self._inside_name_mention(match.start(), end):
            return
        person = self._apposed_name(end) or self._unique(
            age, PERSON_ROLES.get(role) if role else None, role
        )
        if person is None:
            person = self._new(age=age)
        self._set_age(person, age)
        if role:
            self._add_role(person, role)
        self._mention(match.start(), end, person, "description")

    def _names_from(self, low: int, high: int) -> list[Mention]:
        """The name mentions that start within ``[low, high]``, in the order they were read."""
        first = bisect_left(self._names, low, key=lambda item: item[0])
        found = []
        for start, number, mention in self._names[first:]:
            if start > high:
                break
            found.append((number, mention))
        return [mention for _, mention in sorted(found, key=lambda item: item[0])]

    def _inside_name_mention(self, start: int, end: int) -> bool:
        """Whether a description is part of "38-year-old Fred Duhart" (already read)."""
        return any(not self.text[end : m.start].strip() for m in self._names_from(end, end + 40))

    def _apposed_name(self, end: int) -> Person | None:
        """The person named right after a description: "An 18-year-old male, Kodi Prunner"."""
        for mention in self._names_from(end, end + 3):
            if self.text[end : mention.start].strip() in ("", ","):
                return self.people[mention.person]
        return None

    def _unique(self, age: float | None, sex: str | None, role: str | None) -> Person | None:
        """The one person of this age and a compatible sex and role, if exactly one."""
        if age is None:
            return None
        found = [
            p
            for p in self._by_age.get(age, ())
            if (sex is None or p.sex in (None, sex))
            and not (role and _roles_clash({role}, p.roles))
        ]
        return found[0] if len(found) == 1 else None

    def role_description(self, start: int, end: int, role: str, definite: bool) -> None:
        """ "the victim", "the child", "a man": one person by role."""
        if self._covered(start):
            return  # part of "an 18-year-old man", read with its age
        sex = PERSON_ROLES.get(role)
        person = self._apposed_name(end)
        if person is None and definite:
            person = self._last(start, sex, role)
        if person is None:
            person = self._new()
        self._add_role(person, role)
        self._mention(start, end, person, "description")

    def _covered(self, position: int) -> bool:
        """Whether a mention already covers ``position``."""
        n = bisect_left(self._order, (position + 1, -len(self.mentions) - 1))
        while n > 0:
            n -= 1
            mention = self._at[n]
            if mention.start < position - self._longest:
                return False
            if mention.start <= position < mention.end:
                return True
        return False

    def _last(self, position: int, sex: str | None, role: str | None) -> Person | None:
        """The person mentioned last before ``position`` who can be this one.

        A pronoun (no ``role``) is the last person of its sex. "The victim" is
        whoever was called the victim before, else the last person mentioned who
        is not a suspect; another role ("the child") is the last person of the
        same kind of role.
        """
        earlier = []
        n = bisect_left(self._order, (position, -len(self.mentions) - 1))
        while n > 0:
            n -= 1
            mention = self._at[n]
            if mention.end > position:
                continue
            if position - mention.end > PRONOUN_REACH_CHARS:
                break
            person = self.people[mention.person]
            if sex is not None and person.sex not in (None, sex):
                continue
            earlier.append(person)
        if role is None:
            return earlier[0] if earlier else None
        if role == "victim":
            called = [p for p in earlier if "victim" in p.roles]
            return called[0] if called else next((p for p in earlier if not p.offender), None)
        kind = ROLE_KINDS.get(role)
        for person in earlier:
            if role in person.roles or (
                kind not in (None, "anyone") and kind in {ROLE_KINDS.get(r) for r in person.roles}
            ):
                return person
        return None

    def pronoun(self, match: re.Match[str]) -> None:
        sex = PRONOUNS[match.group().lower()]
        person = self._last(match.start(), sex, None)
        if person is None:
            return
        if person.sex is None:
            person.sex = sex
        self._mention(match.start(), match.end(), person, "pronoun")


def _kinds(person: Person) -> set[str]:
    """The kinds of person the roles say (see ROLE_KINDS), and the age: a 3-year-old is young."""
    kinds = {kind for kind in map(ROLE_KINDS.get, person.roles) if kind}
    if person.age is not None:
        kinds.add("young" if person.age < YOUNG_BELOW_YEARS else
                  "teen" if person.age < ADULT_FROM_YEARS else "anyone")  # fmt: skip
    return kinds


def _roles_clash(a: Set[str], b: Set[str]) -> bool:
    """Whether roles say two people differ: a victim is not the suspect."""
    return bool((a & OFFENDER_ROLES) and ("victim" in b)) or bool(
        (b & OFFENDER_ROLES) and ("victim" in a)
    )


def same_person(a: PersonKey, b: PersonKey) -> bool:
    """Whether two people of two documents are one.

    By name when both are named: the surnames are one spelled two ways and the
    given names, when both are written, agree. Otherwise by what describes
    them: the same age, no clash of sex, and not a victim against a suspect.
    """
    if a.surname and b.surname:
        if not _same_name(a.surname, b.surname):
            return False
        return a.given is None or b.given is None or _same_name(a.given, b.given)
    if a.age is None or b.age is None or a.age != b.age:
        return False
    if a.sex and b.sex and a.sex != b.sex:
        return False
    return not _roles_clash(a.roles, b.roles)


def different_people(a: PersonKey, b: PersonKey) -> bool:
    """Whether what two documents say of two people shows they are not one.

    Weaker than ``same_person`` is strong: nothing known of one or the other
    (an unnamed "boy" without an age) leaves them possibly one.
    """
    if a.surname and b.surname and not _same_name(a.surname, b.surname):
        return True
    if a.given and b.given and a.surname and b.surname and not _same_name(a.given, b.given):
        return True
    if a.age is not None and b.age is not None and a.age != b.age:
        return True
    if a.sex and b.sex and a.sex != b.sex:
        return True
    return _roles_clash(a.roles, b.roles)


def _same_name(a: str, b: str) -> bool:
    if a == b:
        return True
    if len(a) < 4 or len(b) < 4 or a[0] != b[0]:
        return False
    return spelling_ratio(a, b, SURNAME_VARIANT_RATIO) is not None
