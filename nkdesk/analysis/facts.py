"""Facts: the values each sentence states, each with what it is about (its referent).

A fact is a value (with its qualifier or range) and a ``Referent``: what the
value counts or measures ("killed", "age", "length"), whose or which it is
(the person an age belongs to, the side a toll belongs to), the event it
belongs to, the period it covers, and whether it is a part of a total; plus
who said it. The readers, each in its own module, find them:

- ``quantities``: counts, measures, sums of money, percentages, proportions;
- ``timing``: dates, clock times, durations, how long ago;
- ``statuses``: ages of people, whether they are dead or alive, arrests;
- ``speakers``: who each sentence attributes its claims to;
- ``attribution``: the chain of sources each sentence names, innermost first.

This module cuts each document into the sentences they read, with the claim
lexer's spans, the document's people (``people.cast``) and its speakers; leaves
out the page's furniture (bylines, stamps, datelines: "LITTLE ROCK, Ark. -",
"(Published Tuesday, Nov. 29, 2016)"); and names the story's own event, the
kind of event most documents' headlines and first sentences name, so that
"the incident happened at 3:30 a.m." gives the time of the shooting a story
is about.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from itertools import pairwise
from typing import NamedTuple

from pygments.token import Number

from nkdesk.analysis.attribution import chain, relayed, speaker_source
from nkdesk.analysis.model import DERIVED, Fact, Mentions, Unit
from nkdesk.analysis.people import cast
from nkdesk.analysis.quantities import (
    PROPORTION_RE,
    SHARE_WORDS,
    WHOLE_RE,
    proportion,
    quantities,
    whole,
)
from nkdesk.analysis.reading import AFTERMATH, Sentence, event_words, place_key
from nkdesk.analysis.speakers import continues_quote, opens_quote, speaker
from nkdesk.analysis.statuses import ages, statuses
from nkdesk.analysis.timing import (
    clock_time,
    date,
    duration,
    elapsed,
    relative_date,
)
from nkdesk.corpus import Document
from nkdesk.text.lexer import (
    DATE,
    DEMONYM,
    DURATION,
    ORGANIZATION,
    PLACE,
    QUALIFIER,
    claim_spans,
)

# The story's event is the one most documents name in their first sentences.
LEDE_SENTENCES = 3

# Lines that are the page's furniture, not the story: bylines, stamps, captions.
_FURNITURE_LINE = re.compile(
    r"^\s*\(?(?:(?:posted|updated|published|last updated|created|modified|copyright|photo"
    r"|image|video|watch|read more|related|click|share|follow|contact|email|print)\b"
    r"|©|\(c\)|►)"
    # A byline names its writers, in few words and no full stop: "By Jane Doe,
    # Associated Press"; "By press time, she was..." and "By Friday, two men
    # had been arrested." are the story.
    r"|^\s*by\s+(?-i:[A-Z])(?:\S+\s+){0,8}\S*[^\s.!?”\"]\s*$"
    # A bracketed line is an inset ("[HOMICIDE MAP: ...]"), not "[For] some ...".
    r"|^\s*\[[^\n]*\]\s*$",
    re.IGNORECASE,
)
_TIMESTAMP = re.compile(r"\b(?:[ECMP][SD]T|GMT|UTC|ET|CT|PT)\b")
_TIMESTAMP_MAX_WORDS = 12
_STAMP = re.compile(r"\((?:published|updated|posted|last updated)\b[^()\n]{0,60}\)", re.IGNORECASE)
# "LITTLE ROCK, Ark. -", "ATHENS, Aug 4 (AFP) –", "NOUAKCHOTT, Mauritania (AP) —".
_DATELINE = re.compile(
    r"^\s*[A-Z][A-Z.'’ -]{2,}(?:,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)?"
    r"(?:,?\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*(?:\([^)\n]{1,30}\))?\s*[-–—]+\s*"
)


class Facts(NamedTuple):
    """Every fact of the documents, the kind of event the story is about, and what each
    sentence mentions."""

    facts: list[Fact]
    event: str | None
    mentions: list[Mentions]
    # Each sentence's chain of attribution, by (document, sentence number).
    chains: dict[tuple[str, int], tuple[str, ...]]


def extract_facts(documents: Sequence[Document], units: Sequence[Unit]) -> Facts:
    """Every fact in the documents, in document and text order."""
    by_doc: dict[str, list[Unit]] = {}
    for unit in units:
        if unit.kind != "clause":
            by_doc.setdefault(unit.doc, []).append(unit)
    sentences = {d.id: _sentences(d, by_doc.get(d.id, [])) for d in documents}
    story = story_event(sentences.values())
    chains = {key: found for d in documents for key, found in _chains(sentences[d.id]).items()}
    facts: list[Fact] = []
    for document in documents:
        previous: list[Fact] = []
        span = (0, 0)
        for sentence in sentences[document.id]:
            found = sentence_facts(replace(sentence, previous=tuple(previous), previous_span=span))
            attribution = chains.get((document.id, sentence.number), ())
            facts.extend(_with_story_event(replace(f, attribution=attribution), story)
                         for f in found)  # fmt: skip
            previous, span = found, (sentence.start, sentence.end)
    mentions = [_mentions(s, story) for document in documents for s in sentences[document.id]]
    return Facts(facts, story, mentions, chains)


# A source named this early in the next sentence ("…pulled from the front
# lines. According to The New York Times, …") is the source of the claim before.
SOURCE_AHEAD_CHARS = 40
# The sentences of an article's opening that may say whose report it relays.
RELAY_SENTENCES = 2


def _chains(sentences: Sequence[Sentence]) -> dict[tuple[str, int], tuple[str, ...]]:
    """Each sentence's chain of attribution; the speaker the engine found when it names none.

    A sentence that names no source takes the chain of the next sentence of
    its paragraph when that one opens on it ("They were withdrawn. According
    to The New York Times, …"): reporters state the news, then whose it is.
    An article that opens by saying it relays another outlet's report ("…,
    The New York Times reports, quoted by News.bg"; "reprinted … after being
    published by X") carries that chain on every sentence naming no source.
    """
    found: dict[tuple[str, int], tuple[str, ...]] = {}
    relay: tuple[str, ...] = ()
    for n, sentence in enumerate(s for s in sentences if not s.headline):
        own = chain(sentence.text, sentence.start, sentence.end)
        if not own and sentence.speaker and speaker_source(sentence.speaker):
            own = (sentence.speaker,)
        found[sentence.doc.id, sentence.number] = own
        opening = n < RELAY_SENTENCES and not relay
        if opening and relayed(sentence.text, sentence.start, sentence.end, own):
            relay = own
    for current, following in pairwise(sentences):
        key = (current.doc.id, current.number)
        between = current.text[current.end : following.start]
        opening = following.lower[:SOURCE_AHEAD_CHARS]
        if found.get(key) or current.headline or "\n" in between or "according to" not in opening:
            continue
        found[key] = found.get((following.doc.id, following.number), ())
    if relay:
        for key, own in found.items():
            if not own:
                found[key] = relay
    return found


def _mentions(sentence: Sentence, story: str | None) -> Mentions:
    """The kinds of event and the names one sentence mentions (see Mentions)."""
    text = sentence.text
    found = sentence.events
    if found is None:
        found = tuple(event_words(text, sentence.start, sentence.end))
    kinds = {kind for _, _, kind in found}
    if "the event" in kinds:
        kinds.discard("the event")
        if story:
            kinds.add(story)
    names: set[str] = set()
    # People by who they are, however the sentence points at them: "Duhart",
    # "he" or "the victim" for Fred Duhart, "an 18-year-old man" for an unnamed one.
    for mention in sentence.people.within(sentence.start, sentence.end):
        person = sentence.person(mention)
        if person.surname:
            names.add(person.surname)
        elif person.age is not None:
            names.add(f"{person.age:g} {min(person.roles, default='person')}")
    for start, end, ttype in sentence.spans:
        if (ttype in PLACE and ttype not in DEMONYM) or ttype in ORGANIZATION:
            names.add(place_key(text[start:end]))
    return Mentions(sentence.doc.id, sentence.start, sentence.end, frozenset(kinds),
                    frozenset(names))  # fmt: skip


def _sentences(document: Document, units: Sequence[Unit]) -> list[Sentence]:
    """The sentences of one document as the readers see them, furniture cut off."""
    text = document.text
    spans = claim_spans(text)
    people = cast(text, spans)
    furniture = _furniture(text)
    result: list[Sentence] = []
    cursor = 0
    previous_speaker: str | None = None
    for position, unit in enumerate(units):
        while cursor < len(spans) and spans[cursor][1] <= unit.start:
            cursor += 1
        start = unit.start
        for edge_start, edge_end in furniture:
            if edge_start <= start < edge_end:
                start = min(edge_end, unit.end)
        if start >= unit.end:
            continue
        inside = []
        for n in range(cursor, len(spans)):
            span = spans[n]
            if span[0] >= unit.end:
                break
            if span[0] >= start:
                inside.append(span)
        stamps = tuple((s, e) for s, e in furniture if s < unit.end and start < e)
        lede = position < LEDE_SENTENCES
        lower = text[start : unit.end].lower()
        # Event words matter to figures and dates, and to the story's event.
        valued = (
            lede
            or any(t in Number or t is DATE or t is DURATION for _, _, t in inside)
            or SHARE_WORDS.search(lower)
        )
        events = tuple(event_words(text, start, unit.end)) if valued else None
        sentence = Sentence(document, unit.sentence, start, unit.end, inside, people, None, lede,
                            unit.kind == "headline", furniture=stamps, lower=lower,
                            events=events)  # fmt: skip
        said_by = speaker(sentence)
        if said_by is None and continues_quote(sentence):
            said_by = previous_speaker
        result.append(replace(sentence, speaker=said_by))
        previous_speaker = said_by
    # A quotation whose attribution comes after it ("“…,” he said.") takes its speaker.
    for n in range(len(result) - 1):
        current, following = result[n], result[n + 1]
        if current.speaker is None and opens_quote(current) and following.speaker:
            result[n] = replace(current, speaker=following.speaker)
    return result


def _furniture(text: str) -> list[tuple[int, int]]:
    """Stretches of ``text`` that are no part of the story: bylines, stamps, datelines."""
    found = [(m.start(), m.end()) for m in _STAMP.finditer(text)]
    for line in re.finditer(r"[^\n]+", text):
        body = line.group()
        stamp = (
            _TIMESTAMP.search(body)
            and len(body.split()) <= _TIMESTAMP_MAX_WORDS
            and re.search(r"\d", body)
        )
        if _FURNITURE_LINE.match(body) or stamp:
            found.append((line.start(), line.end()))
            continue
        dateline = _DATELINE.match(body)
        if dateline:
            found.append((line.start(), line.start() + dateline.end()))
    return found


def story_event(sentences: Iterable[list[Sentence]]) -> str | None:
    """The kind of event most documents' headlines and first sentences name.

    An aftermath (a death, an arrest) is the story's event only when no
    document names anything else.
    """
    votes: Counter[str] = Counter()
    for document_sentences in sentences:
        kinds: set[str] = set()
        for sentence in document_sentences:
            if sentence.lede:
                kinds.update(kind for _, _, kind in sentence.events or ())
        votes.update(kinds)
    ranked = sorted(votes, key=lambda kind: (kind in AFTERMATH, -votes[kind], kind))
    return ranked[0] if ranked and ranked[0] != "the event" else None


def _with_story_event(fact: Fact, story: str | None) -> Fact:
    """ "The incident happened at 3:30 a.m." is the time of the story's own event."""
    referent = fact.referent
    if story is None or referent is None or referent.event != "the event":
        return fact
    return replace(fact, referent=replace(referent, event=story), context=story)


def sentence_facts(sentence: Sentence) -> list[Fact]:
    """The facts one sentence states, in text order; where readings overlap, the first stands.

    Ages and statuses are read first: "38-year-old" is an age, not a duration.
    """
    facts: list[Fact] = []
    taken: list[tuple[int, int]] = list(sentence.furniture)

    def add(found: Fact | None) -> None:
        if found is None:
            return
        if found.salience == DERIVED or not any(
            s < found.end and found.start < e for s, e in taken
        ):
            facts.append(found)
            taken.append((found.start, found.end))

    for fact in (*ages(sentence), *statuses(sentence)):
        add(fact)
    spans = sentence.spans
    for i, (start, end, ttype) in enumerate(spans):
        if any(s <= start < e for s, e in taken):
            continue
        if ttype in Number:
            if i and spans[i - 1][2] is QUALIFIER and spans[i - 1][1] >= start - 2:
                start = spans[i - 1][0]
            for fact in quantities(sentence, start, end):
                add(fact)
        elif ttype is DURATION:
            add(duration(sentence, spans, i))
        elif ttype is DATE:
            add(clock_time(sentence, start, end) or date(sentence, start, end)
                or elapsed(sentence, start, end))  # fmt: skip
    if SHARE_WORDS.search(sentence.lower):
        for match in PROPORTION_RE.finditer(sentence.text, sentence.start, sentence.end):
            add(proportion(sentence, match))
        for match in WHOLE_RE.finditer(sentence.text, sentence.start, sentence.end):
            add(whole(sentence, match))
    facts.sort(key=lambda f: (f.start, f.end))
    as_of = _as_of(sentence, facts)
    if as_of is None:
        return facts
    return [replace(f, as_of=as_of) if f.type in _HELD_AS_OF else f for f in facts]


# A statement that dates what it says: "gave an updated tally on January 13",
# "estimated ... in late December", "as of Thursday".
_STATEMENT = re.compile(
    r"\b(?:as of|as at|said|says|told|reported|reports|announced|estimated|estimates|tally"
    r"|updated|update|figures|statement|according)\b"
)  # searched in Sentence.lower
# The facts a date of a statement dates: figures and states, which change.
_HELD_AS_OF = frozenset({"quantity", "proportion", "status"})


def _as_of(sentence: Sentence, facts: Sequence[Fact]) -> str | None:
    """The date a sentence's figures are stated as of, when it says: a date of no event
    in a sentence that reports a statement, and not the edge of a stretch of time
    ("casualties since February 2022" are counted over it, not as of it)."""
    if not _STATEMENT.search(sentence.lower):
        return None
    text = sentence.text
    for fact in facts:
        if fact.type == "date" and fact.referent is not None and fact.referent.event is None:
            if _SPAN_EDGE.search(text, max(sentence.start, fact.start - 40), fact.start):
                continue
            return fact.value
    # "said last month", "told reporters yesterday": resolved against the report's
    # publication date by compare(), or dropped when it is unknown.
    found = relative_date(text, sentence.start, sentence.end)
    if found is not None and not _SPAN_EDGE.search(
        text, max(sentence.start, found[0] - 40), found[0]
    ):
        return found[1]
    return None


# Words that make the date after them the edge of a stretch of time.
_SPAN_EDGE = re.compile(
    r"\b(?:since|from|until|till|through|after|before|between|start of|beginning of|began in)"
    r"\b(?:\W+\w+){0,6}?\W+$",
    re.IGNORECASE,
)
