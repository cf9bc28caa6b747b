"""What every fact reader reads a sentence with: its clauses, its words, its events.

A ``Sentence`` carries what the readers need about one sentence of one
document: its claim lexer spans, the document's people, who the sentence is
attributed to, whether it is a headline, and the facts of the sentence before
it. The helpers here find a figure's clause, the words around it, the event
words of a clause, the verbs that end a date's reach, and the person a
predicate is said of.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

from nkdesk.analysis.model import IN_HEADLINE, PLAIN, Fact
from nkdesk.analysis.people import Cast, Mention, Person
from nkdesk.analysis.vocabulary import THE_EVENT, events, is_the_event
from nkdesk.corpus import Document
from nkdesk.text.lexer import TokenType
from nkdesk.text.normalize import normalize

Word = tuple[int, int, str]  # start, end, surface

WORD_RE = re.compile(r"[\w'’]+(?:-[\w'’]+)*")
# A figure's context is its own clause: a comma or a full stop that is not
# inside a figure ("11, 000", "6.2", "10:45") ends it, and so does a word that
# opens another clause ("the 7.0 tremor that shook the island killed 90": 7.0
# is no toll).
_CLAUSE_OPENERS = ("that", "which", "where", "when", "while", "after", "before", "because",
                   "since", "until")  # fmt: skip


def _any_case(words: tuple[str, ...]) -> str:
    """An alternation of ``words`` in any case: the search runs on every figure's clause, and
    character classes with a look-ahead on the initials are twice as fast as IGNORECASE."""
    initials = "".join(sorted({c for w in words for c in (w[0], w[0].upper())}))
    body = "|".join("".join(f"[{c.upper()}{c}]" for c in w) for w in words)
    return rf"\b(?=[{initials}])(?:{body})\b"


STOP_UNIT = re.compile(
    r"[;!?()\[\]]|(?<!\d)[:.,]|[:.](?!\d)|,(?!\s?\d)|" + _any_case(_CLAUSE_OPENERS)
)
# Clause edges for events: punctuation only, commas inside figures excepted.
CLAUSE_EDGE = re.compile(r"(?<!\d),|,(?!\s?\d)|[;()\[\]]|(?<!\d):|:(?!\d)|\s[-–—]\s")
EVENT_WINDOW_CHARS = 90
_UNSEEN = re.compile(
    r"\b(?:not|never|no longer)\b(?:\s+\w+){0,3}?\s+(?:seen|observed|spotted|sighted|noticed)\b",
    re.IGNORECASE,
)
# What follows an event rather than being one: a story is about the shooting,
# the crash or the quake, and reports the deaths, arrests and hearings after it.
AFTERMATH = frozenset({
    "death", "injury", "arrest", "charge", "court", "call", "search", "evacuation", "closure",
    "arraignment", "trial", "sentencing", "plea", "verdict", "the event",
})  # fmt: skip
# Auxiliaries and adverbs that may stand between a subject and its predicate:
# "were killed", "have been arrested", "are still missing".
AUXILIARIES = frozenset({
    "were", "was", "are", "is", "have", "has", "had", "been", "being", "be", "reportedly",
    "also", "still", "later", "all", "both", "each", "either", "allegedly", "who", "seriously",
    "critically", "fatally", "badly", "severely", "slightly", "mortally", "now", "initially",
    "officially", "confirmed", "believed", "thought", "feared", "presumed", "found", "left",
    "and", "or",
})  # fmt: skip
# Verbs that name no event and end a date's reach: the date of "residents awoke
# Sunday to find the remnants of a shooting" is when they awoke, and "said
# Monday" is when it was said.
NOT_EVENT_VERBS = frozenset({
    "said", "says", "told", "tells", "announced", "reported", "confirmed", "added", "stated",
    "awoke", "woke", "found", "made", "came", "went", "saw", "ran", "held", "left", "got",
    "gave", "did", "does", "do", "is", "are", "was", "were", "be", "will", "would", "could",
    "can", "may", "might", "should", "must", "has", "have", "had", "am", "identified",
    "released", "expected", "scheduled", "asked", "urged", "believe", "believed",
})  # fmt: skip


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence (or headline) of a document, as the fact readers see it."""

    doc: Document
    number: int
    start: int
    end: int
    spans: list[tuple[int, int, TokenType]]  # the claim lexer's spans inside it
    people: Cast
    speaker: str | None
    lede: bool  # one of the document's first sentences
    headline: bool
    previous: tuple[Fact, ...] = ()  # the facts of the sentence before, for ellipsis
    previous_span: tuple[int, int] = (0, 0)  # where the sentence before stands
    furniture: tuple[tuple[int, int], ...] = ()  # stamps inside it: "(Published Tuesday)"
    # Its text lower-cased, for the one-search gates that decide whether a
    # reader need look at all: a pattern with IGNORECASE is several times slower.
    lower: str = ""
    # Its event words, read once: (start, end, kind); see event_words. None
    # while unread: a sentence with no figure needs them only for its Mentions.
    events: tuple[tuple[int, int, str], ...] | None = None

    @property
    def text(self) -> str:
        return self.doc.text

    def person(self, mention: Mention) -> Person:
        return self.people.people[mention.person]


def make_fact(sentence: Sentence, start: int, end: int, **values: object) -> Fact:
    """A fact of ``sentence`` at ``[start, end)``, attributed to its speaker unless said."""
    values.setdefault("speaker", sentence.speaker)
    return Fact(
        doc=sentence.doc.id,
        start=start,
        end=end,
        segment=sentence.number,
        salience=IN_HEADLINE if sentence.headline else PLAIN,
        text=sentence.doc.text[start:end],
        **values,  # type: ignore[arg-type]
    )


@lru_cache(maxsize=65_536)
def word(surface: str) -> str:
    """The normalised form of one word; cached, as context words recur in every sentence."""
    return normalize(surface)


def words_after(text: str, start: int, limit: int, count: int) -> list[Word]:
    """Up to ``count`` words after ``start``, in its clause and before any other figure."""
    stop = STOP_UNIT.search(text, start, limit)
    end = stop.start() if stop else limit
    # A second figure starts a second claim ("200 killed, 2,700 wounded").
    digit = re.search(r"\d", text[start:end])
    if digit:
        end = start + digit.start()
    found = [(m.start(), m.end(), m.group()) for m in WORD_RE.finditer(text, start, end)]
    return found[:count]


# How far past a boundary the edge patterns look ahead ("," before " 000"): a
# search must see that far, or a comma inside "11, 000" looks like an edge.
_LOOKAHEAD_CHARS = 3


def clause_start(text: str, stop: int, limit: int) -> int:
    """Where the clause that runs up to ``stop`` begins, not before ``limit``."""
    edges = STOP_UNIT.finditer(text, limit, stop + _LOOKAHEAD_CHARS)
    return max((m.end() for m in edges if m.end() <= stop), default=limit)


def words_before(text: str, stop: int, limit: int, count: int) -> list[Word]:
    """Up to ``count`` words before ``stop``, in its clause."""
    start = clause_start(text, stop, limit)
    found = [(m.start(), m.end(), m.group()) for m in WORD_RE.finditer(text, start, stop)]
    return found[-count:]


def clause(sentence: Sentence, position: int) -> tuple[int, int]:
    """The clause of ``sentence`` holding ``position``, bounded by commas, semicolons, dashes."""
    text = sentence.text
    edges = CLAUSE_EDGE.finditer(
        text, sentence.start, min(sentence.end, position + _LOOKAHEAD_CHARS)
    )
    left = max((m.end() for m in edges if m.end() <= position), default=sentence.start)
    right_edge = CLAUSE_EDGE.search(text, position, sentence.end)
    return left, right_edge.start() if right_edge else sentence.end


def sentence_words(sentence: Sentence) -> list[Word]:
    return [(m.start(), m.end(), m.group()) for m in WORD_RE.finditer(sentence.text,
                                                                      sentence.start,
                                                                      sentence.end)]  # fmt: skip


def event_words(text: str, start: int, end: int) -> Iterator[tuple[int, int, str]]:
    """Event words and phrases in ``text[start:end]``, with their kind ("the event": "incident").

    A two-word phrase ("opened fire") is read before its first word alone.
    """
    kinds, heads = _event_kinds()
    segment = text[start:end]
    lower = segment.lower()
    if len(lower) != len(segment):  # a letter whose lower case is longer ("İ"): offsets move
        words = [(m.start(), m.end(), m.group().lower()) for m in WORD_RE.finditer(segment)]
    else:
        words = [(m.start(), m.end(), m.group()) for m in WORD_RE.finditer(lower)]
    n = 0
    while n < len(words):
        at, stop, surface = words[n]
        if surface in heads and n + 1 < len(words):
            kind = kinds.get(f"{surface} {words[n + 1][2]}")
            if kind is not None:
                yield start + at, start + words[n + 1][1], kind
                n += 2
                continue
        kind = kinds.get(surface)
        if kind is not None:
            yield start + at, start + stop, kind
        n += 1


@cache
def _event_kinds() -> tuple[dict[str, str], frozenset[str]]:
    """Every event word and two-word phrase, lower-cased, to its kind; and the phrases' first words.

    The story's own event ("incident") is the kind "the event"; a word listed
    as an event kind as well keeps that kind.
    """
    kinds = dict.fromkeys((w.lower() for w in THE_EVENT), "the event")
    kinds.update(events().surface)
    heads = frozenset(phrase.split()[0] for phrase in kinds if " " in phrase)
    return kinds, heads


def _pair_kind(first: str, second: str) -> str | None:
    phrase = f"{first} {second}"
    kind = events().get(phrase)
    if kind is None and is_the_event(phrase):
        kind = "the event"
    return kind


def event_word(words: list[Word], n: int, *, pairs_after: bool = True) -> str | None:
    """The kind of event the word at ``n`` names, alone or with a word beside it."""
    if n and _pair_kind(words[n - 1][2], words[n][2]) is not None:
        return _pair_kind(words[n - 1][2], words[n][2])
    if pairs_after and n + 1 < len(words):
        pair = _pair_kind(words[n][2], words[n + 1][2])
        if pair is not None:
            return pair
    kind = events().get(words[n][2])
    if kind is None and is_the_event(words[n][2]):
        return "the event"
    return kind


def event_near(
    sentence: Sentence, start: int, end: int, exclude: frozenset[str] = frozenset()
) -> str | None:
    """The event a figure belongs to: the nearest event word of its clause, else of its sentence.

    Words before the figure govern it more often than words after it, so those
    after count double their distance.
    """
    if _UNSEEN.search(sentence.text, max(sentence.start, start - EVENT_WINDOW_CHARS), start):
        return "unseen"
    left, right = clause(sentence, start)
    for low, high in ((left, right), (sentence.start, sentence.end)):
        best: tuple[int, str] | None = None
        for at, stop, kind in sentence.events or ():
            if at < low or stop > high or kind in exclude or (at < end and start < stop):
                continue
            distance = start - stop if stop <= start else 2 * (at - end)
            if distance <= EVENT_WINDOW_CHARS and (best is None or distance < best[0]):
                best = (distance, kind)
        if best is not None:
            return best[1]
    return None


def verb_like(surface: str) -> bool:
    """Whether a word is a verb we can tell: a known one or a past tense."""
    lower = surface.lower()
    return (
        lower in NOT_EVENT_VERBS
        or events().get(surface) is not None
        or (len(lower) > 4 and lower.endswith("ed") and surface.islower())
    )


def has_verb(words: list[Word]) -> bool:
    """Whether words hold a verb we can tell, or one after "to"."""
    return any(
        verb_like(surface) or (n and words[n - 1][2].lower() == "to" and surface.islower())
        for n, (_, _, surface) in enumerate(words)
    )


def other_verb(surface: str) -> bool:
    """Whether a word is a verb that names no event ("ruled", "awoke", "said")."""
    lower = surface.lower()
    return lower in NOT_EVENT_VERBS or (
        len(lower) > 4
        and lower.endswith("ed")
        and surface.islower()
        and events().get(surface) is None
    )


# What may stand between a person and what is said of them: an age in
# apposition, a relative clause or a few words ("Pruner, 18, who was shot in the
# head, later died"), but no figure or plural that would be the subject instead
# ("1,000 soldiers have been killed").
_SUBJECT_GAP = re.compile(
    r"(?:,\s*\d{1,3}\s*,)?(?:(?![^.;]*\b(?:soldiers|troops|people|victims|others|men|women"
    r"|children|they|forces)\b)[^\d.;]){0,90}"
)
_CLAUSE_OPENER = re.compile(r";|\bwhen\b|\bbut\b|\bwhile\b|\bafter\b")


def subject_of(sentence: Sentence, position: int) -> Person | None:
    """The person a predicate at ``position`` is said of: the last one mentioned before it.

    The subject follows the last "when"/"after" clause opener ("After he was
    shot, Smith died"), or comes before that clause ("a toddler who was hurt
    after shooting himself has died"). A possessive pronoun is no subject.
    """
    text = sentence.text
    openers = [m.end() for m in _CLAUSE_OPENER.finditer(text, sentence.start, position)]
    for left in dict.fromkeys((openers[-1] if openers else sentence.start, sentence.start)):
        mention = sentence.people.before(position, left)
        while mention is not None and mention.kind == "pronoun" and possessive(text, mention):
            mention = sentence.people.before(mention.start, left)
        if mention is not None and _SUBJECT_GAP.fullmatch(text, mention.end, position):
            return sentence.person(mention)
    return None


def possessive(text: str, mention: Mention) -> bool:
    """Whether a pronoun mention is a possessive ("his brother", "her car")."""
    surface = text[mention.start : mention.end].lower()
    return surface == "his" or (
        surface == "her" and bool(re.match(r"\s+[a-z]", text[mention.end :]))
    )


def place_name(written: str) -> str:
    """A place or nationality as a referent's owner shows it: "North Korean", "Russia"."""
    return re.sub(r"['’]s$", "", " ".join(written.split()))


_PLACE_TAILS = frozenset({
    "region", "oblast", "province", "district", "county", "state", "territory", "occupy", "held",
    "control", "area", "city",
})  # fmt: skip


@lru_cache(maxsize=65_536)
def place_key(name: str) -> str:
    """A place or nationality as compared: "Bolivia"/"Bolivian", "Russia"/"Russians" meet,
    and so do "the Kursk region" and "Kursk-occupied" territory."""
    words = normalize(name.replace("-", " ")).removesuffix("'s").split()
    while len(words) > 1 and words[-1] in _PLACE_TAILS:
        words.pop()
    key = " ".join(words)
    for suffix in ("ians", "ian", "ans", "an", "ese", "ia", "a", "i", "s"):
        if key.endswith(suffix) and len(key) - len(suffix) >= 4:
            return key[: -len(suffix)]
    return key


def format_number(value: float) -> str:
    if value == int(value):
        return str(int(value))
    return f"{value:.4g}"
