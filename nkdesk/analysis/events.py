"""Event links: sentences of two sources that report the same event, in whatever words.

Two reports of one shooting rarely share a sentence, but they name the same
things: the kind of event ("shot", "shooting", "gunfire"), what followed it
("died", "arrested"), the people ("Duhart", "an 18-year-old man"), the
places, the times and figures, and some of the same words. Each sentence is
read as those (``facts.Mentions``, the values of its facts, its content
terms), and a logistic model weighs what two sentences of two documents share
(see FEATURE_NAMES); a pair is linked when the model says so. A pair the
linker already joined as a shared passage is left to it.

The weights were fitted on the GVC development set of local news by
``tests/eval/tune_events.py`` (logistic regression, incidents held out by
5-fold cross-validation), on features that know no word of any story.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from nkdesk.analysis.model import Fact, Link, Mentions, Span, SpanIndex, Unit
from nkdesk.analysis.reading import AFTERMATH

FEATURE_NAMES = (
    "story",  # both name the story's own kind of event
    "aftermath",  # kinds of what follows an event both name (a death, an arrest)
    "names",  # people, places and bodies both name
    "values",  # times, dates, ages and figures both state
    "dice",  # Dice of their content terms
    "lede",  # how many of the two are among their document's first sentences
)
# Printed by tests/eval/tune_events.py; one weight per feature, then the bias.
WEIGHTS: tuple[float, ...] = (0.307, 1.402, 0.23, 0.248, 2.718, 0.31, -1.32)
# The cut at which held-out incidents gave about 0.78 precision.
THRESHOLD = 0.65
LEDE_SENTENCES = 3
# A pair shares a name or a value, or this much of its words and no figure of
# one kind that the two give differently; else it is no evidence of one event,
# whatever else the two say: in a war, every report of casualties names deaths.
MIN_DICE = 0.1
# Each sentence keeps its best partners in each other document; in a corpus
# of more sources than the window shows, its best partners over all.
EVENT_LINKS_PER_SENTENCE = 4
EVENT_LINKS_ALL_SOURCES = 12
EVENT_LINKS_AT_SCALE = 8
# Facts whose values name an event's particulars: a time, a date, an age, a toll.
_VALUE_TYPES = frozenset({"time", "date", "quantity", "duration"})


@dataclass(frozen=True, slots=True)
class Reading:
    """What one sentence says of its event: kinds, names, values, words; and where it stands."""

    mention: Mentions
    values: frozenset[str]
    content: frozenset[str]
    position: int  # among its document's sentences

    @property
    def span(self) -> Span:
        return Span(self.mention.doc, self.mention.start, self.mention.end)


def readings(
    mentions: Sequence[Mentions], facts: Sequence[Fact], units: Sequence[Unit]
) -> list[Reading]:
    """Every sentence's reading, in the order of ``mentions``."""
    content = {(u.doc, u.end): frozenset(u.passage.content) for u in units if u.kind != "clause"}
    valued: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for fact in facts:
        if fact.type in _VALUE_TYPES and fact.referent is not None:
            kind = fact.referent.measure.partition(":")[0]
            valued[fact.doc].append((fact.start, f"{kind}={fact.value}"))
    for found in valued.values():
        found.sort()
    result = []
    position: dict[str, int] = defaultdict(int)
    for mention in mentions:
        found = valued.get(mention.doc, [])
        first = bisect_left(found, (mention.start, ""))
        last = bisect_left(found, (mention.end, ""))
        values = frozenset(value for _, value in found[first:last])
        words = content.get((mention.doc, mention.end), frozenset())
        result.append(Reading(mention, values, words, position[mention.doc]))
        position[mention.doc] += 1
    return result


def pair_features(a: Reading, b: Reading, story: str | None) -> tuple[float, ...]:
    """The measurements the model weighs (see FEATURE_NAMES)."""
    events = a.mention.events & b.mention.events
    union = len(a.content) + len(b.content)
    shared = len(a.content & b.content)
    return (
        float(story is not None and story in events),
        float(len(events & AFTERMATH)),
        float(len(a.mention.names & b.mention.names)),
        float(len(a.values & b.values)),
        2 * shared / union if union else 0.0,
        float((a.position < LEDE_SENTENCES) + (b.position < LEDE_SENTENCES)),
    )


def probability(features: Sequence[float]) -> float:
    z = WEIGHTS[-1] + sum(w * x for w, x in zip(WEIGHTS, features, strict=False))
    return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))


def event_links(
    mentions: Sequence[Mentions],
    facts: Sequence[Fact],
    units: Sequence[Unit],
    passages: Sequence[Link],
    story: str | None,
) -> list[Link]:
    """The links between sentences of two documents that report one event."""
    read = readings(mentions, facts, units)
    linked = _linked(passages)
    at_scale = len({m.doc for m in mentions}) > EVENT_LINKS_ALL_SOURCES
    best: dict[tuple[int, str], list[tuple[float, int, int]]] = defaultdict(list)
    for a, b, p in _scored(read, story, at_scale):
        if _already(read[a].span, read[b].span, linked):
            continue
        best[a, read[b].mention.doc].append((p, a, b))
        best[b, read[a].mention.doc].append((p, a, b))
    kept: dict[tuple[int, int], float] = {}
    for found in best.values():
        found.sort(reverse=True)
        for p, a, b in found[:EVENT_LINKS_PER_SENTENCE]:
            kept[a, b] = p
    if at_scale:
        kept = _capped(kept)
    return [
        Link("event", read[a].span, read[b].span, p, False, None, _why(read[a], read[b], story))
        for (a, b), p in sorted(kept.items())
    ]


def _probability(a: Reading, b: Reading, story: str | None) -> float | None:
    """How surely two sentences report one event, when the model is asked at all."""
    features = pair_features(a, b, story)
    shared = a.mention.events & b.mention.events
    if not shared:
        return None
    if features[2] + features[3] < 1 and shared <= AFTERMATH and not _of_story(a, b, story):
        return None  # two reports of deaths in a war are two events, unless of the story's own
    if features[2] + features[3] < 1 and (features[4] < MIN_DICE or _different_values(a, b)):
        return None
    p = probability(features)
    return p if p >= THRESHOLD else None


def _scored(
    read: Sequence[Reading], story: str | None, at_scale: bool
) -> Iterator[tuple[int, int, float]]:
    """The pairs of sentences of two documents the model links, with its probability.

    At scale, sentences that read the same (the copies of a wire story: the
    same kinds, names, values and words, both in a lede or neither) are asked
    about once, and each sentence is paired with at most EVENT_LINKS_AT_SCALE
    copies of a sentence it is linked with.
    """
    if not at_scale:
        for a, b in _candidates(read):
            p = _probability(read[a], read[b], story)
            if p is not None:
                yield a, b, p
        return
    groups: dict[tuple, list[int]] = defaultdict(list)
    for n, reading in enumerate(read):
        key = (reading.mention.events, reading.mention.names, reading.values,
               reading.content, reading.position < LEDE_SENTENCES)  # fmt: skip
        groups[key].append(n)
    members = list(groups.values())
    representatives = [read[group[0]] for group in members]
    for x, y in _candidates(representatives, within=True):
        p = _probability(representatives[x], representatives[y], story)
        if p is None:
            continue
        pairs = 0
        for a in members[x]:
            for b in members[y]:
                if pairs >= EVENT_LINKS_AT_SCALE * (len(members[x]) + len(members[y])):
                    break
                if read[a].mention.doc != read[b].mention.doc and (x != y or a < b):
                    yield (a, b, p) if a < b else (b, a, p)
                    pairs += 1


def _capped(kept: dict[tuple[int, int], float]) -> dict[tuple[int, int], float]:
    """The best EVENT_LINKS_AT_SCALE links of each sentence: in a hundred reports of one
    story, every sentence about it reports the same event somewhere."""
    count: dict[int, int] = defaultdict(int)
    capped = {}
    for (a, b), p in sorted(kept.items(), key=lambda item: (-item[1], item[0])):
        if count[a] < EVENT_LINKS_AT_SCALE and count[b] < EVENT_LINKS_AT_SCALE:
            capped[a, b] = p
            count[a] += 1
            count[b] += 1
    return capped


def _of_story(a: Reading, b: Reading, story: str | None) -> bool:
    """Whether either sentence names the story's own event, whose aftermath the two may share."""
    return story is not None and (story in a.mention.events or story in b.mention.events)


def _different_values(a: Reading, b: Reading) -> bool:
    """Whether the two give figures of one kind and never the same: two tallies, two events."""
    kinds_a = {v.partition("=")[0] for v in a.values}
    kinds_b = {v.partition("=")[0] for v in b.values}
    return bool(kinds_a & kinds_b) and not a.values & b.values


def _candidates(read: Sequence[Reading], within: bool = False) -> list[tuple[int, int]]:
    """Pairs of sentences of two documents that name a kind of event both name.

    ``within``: the readings stand for groups of sentences, so two of one
    document may stand for sentences of two, and each with itself too.
    """
    postings: dict[str, list[int]] = defaultdict(list)
    for n, reading in enumerate(read):
        for kind in reading.mention.events:
            postings[kind].append(n)
    partners: dict[int, set[int]] = defaultdict(set)
    for posting in postings.values():
        for i, a in enumerate(posting):
            if within:
                partners[a].add(a)
            for b in posting[i + 1 :]:
                if within or read[a].mention.doc != read[b].mention.doc:
                    partners[a].add(b)
    # In order, one sentence's partners at a time: one sort of every pair
    # (1.5 million on five 200 KB articles) held the interpreter lock, and
    # the window's UI thread with it, for 150-200 ms.
    return [(a, b) for a in sorted(partners) for b in sorted(partners[a])]


def _linked(passages: Sequence[Link]) -> dict[tuple[str, str], SpanIndex[Span]]:
    """For each ordered pair of documents, the passages of the second linked to the first's."""
    found: dict[tuple[str, str], list[tuple[int, int, Span]]] = defaultdict(list)
    for link in passages:
        found[link.a.doc, link.b.doc].append((link.a.start, link.a.end, link.b))
        found[link.b.doc, link.a.doc].append((link.b.start, link.b.end, link.a))
    return {pair: SpanIndex(spans) for pair, spans in found.items()}


def _already(a: Span, b: Span, linked: dict[tuple[str, str], SpanIndex[Span]]) -> bool:
    """Whether a shared passage already joins the two sentences."""
    index = linked.get((a.doc, b.doc))
    return index is not None and any(y.overlaps(b) for y in index.overlapping(a.start, a.end))


def _why(a: Reading, b: Reading, story: str | None) -> str:
    kinds = ", ".join(sorted(a.mention.events & b.mention.events))
    named = ", ".join(sorted((a.mention.names & b.mention.names) | (a.values & b.values)))
    return f"same event: {kinds}" + (f" ({named})" if named else "")
