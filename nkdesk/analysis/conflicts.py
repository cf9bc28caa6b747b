"""Facts of two sources about one referent: the claims they share and the ones they contradict.

Two facts are about the same thing only when their referents agree
(``same_referent``): the same measure, the same owner (one person across
documents, see ``people.same_person``; one side of a war), the same event and
the same period, and neither is a part of a total. A measure that says little
by itself (a percentage, a count of some noun, a length) also needs a tie:
the two facts sit in passages the linker linked, or their owners are named
alike. Facts so paired agree when their values can both be true
(``values.values_conflict``) and conflict when they cannot; each fact claim
(every fact of one referent, in every source) becomes a cluster, its
agreeing pairs shared links and its disagreeing pairs conflicts.

A conflict is two sources disagreeing, not two figures of one kind side by
side: a figure is never set against a source that itself states the same value
for the same thing. Never a conflict: different people or sides, different
events, a part against its total, figures of different kinds or periods. Values
stated as of different dates, and a person's status, which can change between
reports, are conflicts with that said in their ``why``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import NamedTuple

from nkdesk.analysis.copies import Nearness
from nkdesk.analysis.model import (
    Cluster,
    Conflict,
    Fact,
    Link,
    Referent,
    SpanIndex,
    Unit,
    ValueGroup,
)
from nkdesk.analysis.people import different_people, same_person
from nkdesk.analysis.reading import place_key
from nkdesk.analysis.values import values_agree, values_conflict
from nkdesk.analysis.variants import VARIANT_MIN_RATIO, spelling_ratio

# Measures that name what they count well enough for two sources' figures to
# be one fact without any other tie, given the same owner, event and period.
STORY_MEASURES = frozenset({
    "killed", "wounded", "casualties", "missing", "arrested", "charged", "shot", "victims",
    "suspects", "troops", "passengers", "crew", "survivors", "rescued", "evacuated",
    "displaced", "hospitalized", "officers", "time", "date", "ago", "magnitude",
})  # fmt: skip
# Measures of one person: only the same person's values are one fact.
PERSON_MEASURES = frozenset({"age", "status"})
# Qualifiers that leave a value open on one side: such a value agrees with
# many, and so does not tell which of them a source means.
_OPEN_QUALIFIERS = frozenset({"over", "at least", "up to", "under"})
FACT_LINK_SCORE = 0.9
# A bucket of facts this large, or from more documents than the window shows,
# is paired at scale (see _pairs_at_scale), its facts each paired with at
# most PAIRS_PER_FACT others.
EXHAUSTIVE_FACTS = 400
EXHAUSTIVE_DOCS = 12
PAIRS_PER_FACT = 8


@dataclass(frozen=True, slots=True)
class FactClaims:
    """What pairing facts found: a cluster per fact claim, its shared links and its conflicts."""

    clusters: list[Cluster]
    links: list[Link]
    conflicts: list[Conflict]


def same_referent(a: Fact, b: Fact, tied: bool, story: str | None = None) -> bool:
    """Whether two facts of two documents are about the same thing.

    ``tied`` says the two facts sit in passages the linker linked (one claim
    cluster), which is enough for a measure that otherwise says too little;
    ``story`` is the kind of event the story is about (``facts.story_event``).
    """
    return a.doc != b.doc and _same_referent(a, b, tied, story)


def _same_referent(a: Fact, b: Fact, tied: bool, story: str | None) -> bool:
    """same_referent, as if the two were of two documents."""
    settled = _settled(a, b, tied)
    if settled is not None:
        return settled
    ra, rb = a.referent, b.referent
    assert ra is not None and rb is not None  # _settled answers for facts without one
    if ra.scope != rb.scope or not _same_event(ra, rb, tied, story):
        return False
    if ra.scope == WINDOW and not tied:
        return False  # "in the past week": the period a figure covers, a claim only in one
    if ra.owner is not None and rb.owner is not None:
        return same_owner(ra.owner, rb.owner)
    return tied or _names_enough(ra) or _names_enough(rb)


def _settled(a: Fact, b: Fact, tied: bool) -> bool | None:
    """What same_referent and may_agree both decide first, or None to ask on.

    No: facts of two types, without a referent, a part
    of a total, or of two measures; facts of two different people (the
    dates of two people's shootings, two men's bonds). A person's own
    measure (an age) is the same referent exactly when it is one person's.
    """
    ra, rb = a.referent, b.referent
    if ra is None or rb is None or a.type != b.type:
        return False
    if ra.part or rb.part or not _same_measure(ra, rb, tied):
        return False
    if ra.measure in PERSON_MEASURES:
        return ra.person is not None and rb.person is not None and same_person(ra.person, rb.person)
    if ra.person is not None and rb.person is not None and different_people(ra.person, rb.person):
        return False
    return None


def may_agree(a: Fact, b: Fact, tied: bool, story: str | None) -> bool:
    """Whether two facts giving the same value may be one fact, though nothing ties them.

    Laxer than ``same_referent``, and asked only of values that agree: a
    date or a time that names no event may be of the story's own event. They
    make a shared claim, never a conflict.
    """
    return a.doc != b.doc and _may_agree(a, b, tied, story)


def _may_agree(a: Fact, b: Fact, tied: bool, story: str | None) -> bool:
    """may_agree, as if the two were of two documents."""
    settled = _settled(a, b, tied)
    if settled is not None:
        return settled
    ra, rb = a.referent, b.referent
    assert ra is not None and rb is not None  # _settled answers for facts without one
    if ra.scope != rb.scope or (ra.scope == WINDOW and not tied):
        return False
    events = {ra.event, rb.event}
    if len(events) > 1 and not (tied or events == {None, story}):
        return False
    if ra.owner is not None and rb.owner is not None:
        return same_owner(ra.owner, rb.owner)
    return True


# The scope of a duration that is the period another figure covers.
WINDOW = "window"
# Measures of a physical dimension; what they measure ("depth", "forest")
# follows the colon when the text says.
DIMENSIONS = frozenset({"length", "area", "mass", "volume", "speed"})


def _same_measure(a: Referent, b: Referent, tied: bool) -> bool:
    """Whether two referents measure the same: one measure, or one dimension of one event.

    "12,000 hectares of forest" and "15,000 hectares" burned by one fire are one
    area; "a depth of 35 km" and "40 km south" are not one length.
    """
    if a.measure == b.measure:
        return True
    kind_a, _, what_a = a.measure.partition(":")
    kind_b, _, what_b = b.measure.partition(":")
    if kind_a != kind_b or kind_a not in DIMENSIONS or (what_a and what_b):
        return False
    return tied or (a.event is not None and a.event == b.event)


# When a date, a time or a duration names no event, only a tie says which
# event two of them are about; a count of the killed with no event word is
# about the story's own event.
_EVENT_NEEDED = frozenset({"date", "time", "ago"})


def _same_event(a: Referent, b: Referent, tied: bool, story: str | None) -> bool:
    """Whether two referents are of one event: the same kind, or the story's own.

    A figure that names no event is of the story's event; a date, a time or a
    time since that names none could be of anything, and is the same event as
    another only where the linker tied the two.
    """
    if a.event == b.event:
        return a.event is not None or tied or a.measure not in _EVENT_NEEDED
    if tied and None in (a.event, b.event):
        return True
    return a.measure not in _EVENT_NEEDED and {a.event, b.event} <= {None, story}


def same_owner(a: str, b: str) -> bool:
    """Whether two owners are one: the same key, or the same name spelled two ways."""
    key_a, key_b = place_key(a), place_key(b)
    if key_a == key_b:
        return True
    words_a, words_b = key_a.split(), key_b.split()
    return len(words_a) == len(words_b) and all(
        x == y or (len(x) >= 5 and x[0] == y[0] and spelling_ratio(x, y, VARIANT_MIN_RATIO))
        for x, y in zip(words_a, words_b, strict=True)
    )


def _names_enough(referent: Referent) -> bool:
    """Whether a measure alone ties two figures: "killed" does, a bare "%" or a length does not.

    A duration of a named event ("closed for three days", "a 60-day state of
    emergency") does too; a share needs what it is a share of.
    """
    measure = referent.measure
    if measure in STORY_MEASURES:
        return True
    kind, _, what = measure.partition(":")
    # A duration of a named event; a length or an area of a named event.
    return (bool(what) and kind == "duration") or (
        kind in DIMENSIONS and referent.event is not None
    )


class _Pair(NamedTuple):
    """Two facts of two documents that may be one fact."""

    a: Fact
    b: Fact
    conflicting: bool
    same: bool  # same_referent holds, not only may_agree


def pair_facts(
    facts: Sequence[Fact],
    passages: Sequence[Cluster],
    story: str | None,
    first_id: int,
    units: Sequence[Unit] = (),
    near: Nearness | None = None,
) -> FactClaims:
    """Every fact claim across documents, its agreeing pairs and its conflicts.

    Facts are bucketed by kind of measure, so the work follows the number of
    facts of one kind, not the square of all facts. Clusters are numbered
    from ``first_id``; ``units`` give each fact's sentence, to tell which
    statement of a roundup answers which (see _counterparts); ``near`` says
    which sentences a large corpus compares (see _pairs_at_scale).
    """
    in_passage = _clusters_of(facts, passages)
    position = {id(f): n for n, f in enumerate(facts)}
    pairs = _pairs(facts, in_passage, story, near or Nearness.of_documents(facts))
    claims = _claims(facts, pairs, position)
    cluster_of = {id(f): first_id + n for n, members in enumerate(claims) for f in members}
    clusters = [
        Cluster(
            first_id + n,
            _label(members[0]),
            tuple(dict.fromkeys(f.span for f in members)),
            _value_groups(members),
        )
        for n, members in enumerate(claims)
    ]
    stated = _stated(pairs)
    answers = _counterparts(pairs, units)
    links: list[Link] = []
    disagreeing: dict[tuple, list[tuple[Fact, Fact]]] = defaultdict(list)
    agreeing: dict[tuple, list[tuple[Fact, Fact]]] = defaultdict(list)
    for pair in pairs:
        a, b = sorted((pair.a, pair.b), key=lambda f: position[id(f)])
        cluster = cluster_of[id(a)]
        if not pair.conflicting:
            agreeing[cluster, a.doc, a.segment, b.doc, b.segment].append((a, b))
        elif (
            not _corroborated(a, b.doc, stated)
            and not _corroborated(b, a.doc, stated)
            and _answers(a, b, answers)
            and _answers(b, a, answers)
        ):
            # "mid-October" and "October" are two readings of a date; "at least
            # one" and "one" killed are one reading of a toll.
            readings = (a.value, b.value) + ((a.qualifier, b.qualifier) if a.type == "date" else ())
            disagreeing[cluster, a.doc, b.doc, readings].append((a, b))
    # Two sources that state one fact several times (a headline, the lede, a
    # caption) share it once, where they state it most plainly.
    at_scale = len({f.doc for f in facts}) > EXHAUSTIVE_DOCS
    for cluster, a, b in _per_fact(agreeing, in_passage, at_scale):
        why = f"same fact, {_label(a)}: {a.text!r} / {b.text!r}"
        links.append(Link("shared", a.span, b.span, FACT_LINK_SCORE, False, cluster, why))
    conflicts = []
    for cluster, a, b in _per_fact(disagreeing, in_passage, at_scale):
        conflicts.append(Conflict(cluster, a, b, _why(a, b)))
        # The two still make the same claim, with two values: a shared link
        # beside the conflict, as the claim's cluster holds both.
        why = f"same claim, values differ, {_label(a)}: {a.text!r} / {b.text!r}"
        links.append(Link("shared", a.span, b.span, FACT_LINK_SCORE, False, cluster, why))
    conflicts.sort(key=lambda c: (position[id(c.a)], position[id(c.b)]))
    return FactClaims(clusters, links, conflicts)


def _value_groups(members: Sequence[Fact]) -> tuple[ValueGroup, ...]:
    """A claim's sources by the value they give, in the order the values first appear."""
    groups: dict[str, list[Fact]] = {}
    for fact in members:
        groups.setdefault(fact.value, []).append(fact)
    return tuple(
        ValueGroup(value, found[0].text, tuple(dict.fromkeys(f.doc for f in found)))
        for value, found in groups.items()
    )


def _per_fact(
    found: dict[tuple, list[tuple[Fact, Fact]]],
    in_passage: dict[Fact, frozenset[int]],
    at_scale: bool,
) -> list[tuple[int, Fact, Fact]]:
    """The clearest pair of each key (its cluster first); at scale, no fact in more than
    PAIRS_PER_FACT of them, the clearest first, so the output follows the facts."""
    chosen = [(key[0], *_clearest(pairs, in_passage)) for key, pairs in found.items()]
    if not at_scale:
        return chosen
    count: dict[int, int] = defaultdict(int)
    kept = []
    for cluster, a, b in sorted(chosen, key=lambda item: _clarity(item[1:], in_passage)):
        if count[id(a)] < PAIRS_PER_FACT and count[id(b)] < PAIRS_PER_FACT:
            kept.append((cluster, a, b))
            count[id(a)] += 1
            count[id(b)] += 1
    return kept


def _counterparts(pairs: Sequence[_Pair], units: Sequence[Unit]) -> dict[tuple[int, str], Fact]:
    """Where another source gives one fact several values that disagree among themselves,
    the one of them a fact answers: the statement whose sentence is most like its own.

    A roundup of cases ("on Nov. 11, a 4-year-old shot himself; on April 24, a
    4-year-old was shot...") gives many dates of shootings of like children;
    another report's "Nov. 2" answers the statement about the same case, and
    conflicts with that one only. Keys are (fact by ``id``, other document),
    values the answering fact; a source whose values agree is not in it.
    """
    words = {(u.doc, u.sentence): frozenset(u.passage.content) for u in units if u.kind != "clause"}
    partners: dict[tuple[int, str], list[Fact]] = defaultdict(list)
    facts: dict[int, Fact] = {}
    for pair in pairs:
        if pair.same:
            partners[id(pair.a), pair.b.doc].append(pair.b)
            partners[id(pair.b), pair.a.doc].append(pair.a)
            facts[id(pair.a)], facts[id(pair.b)] = pair.a, pair.b
    answers: dict[tuple[int, str], Fact] = {}
    for (fact_id, doc), found in partners.items():
        if all(not values_conflict(x, y) for x, y in combinations(found, 2)):
            continue
        fact = facts[fact_id]
        own = words.get((fact.doc, fact.segment), frozenset())
        answers[fact_id, doc] = max(
            found, key=lambda f: _overlap(own, words.get((f.doc, f.segment), frozenset()))
        )
    return answers


def _answers(fact: Fact, other: Fact, answers: dict[tuple[int, str], Fact]) -> bool:
    """Whether ``other`` answers ``fact`` in its source (see _counterparts).

    A statement its source attributes to someone else than the answering one
    does ("greater than 3,000, Zelensky said" beside "around 1,100, South
    Korean intelligence said") is that other speaker's, and answers too.
    """
    answer = answers.get((id(fact), other.doc))
    if answer is None or answer is other:
        return True
    return (
        other.speaker is not None
        and answer.speaker is not None
        and (other.speaker != answer.speaker)
    )


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def _pairs(
    facts: Sequence[Fact],
    in_passage: dict[Fact, frozenset[int]],
    story: str | None,
    near: Nearness,
) -> list[_Pair]:
    """Every pair of facts of two documents that are, or may be, one fact.

    Facts are compared within their bucket (one type, kind of measure and
    period, which any pair must share). A bucket of up to EXHAUSTIVE_FACTS
    facts from up to EXHAUSTIVE_DOCS documents is paired exhaustively; a
    larger one, from a corpus of hundreds of articles or two very long ones,
    is paired at scale (see _pairs_at_scale).
    """
    buckets: dict[tuple, list[Fact]] = defaultdict(list)
    for fact in facts:
        referent = fact.referent
        if referent is not None and not referent.part:
            # By kind of measure: "area" and "area:forest" may be one.
            kind = referent.measure.partition(":")[0]
            scope = None if referent.measure in PERSON_MEASURES else referent.scope
            buckets[fact.type, kind, scope].append(fact)
    pairs = []
    for bucket in buckets.values():
        if len(bucket) <= EXHAUSTIVE_FACTS and len({f.doc for f in bucket}) <= EXHAUSTIVE_DOCS:
            for i, a in enumerate(bucket):
                for b in bucket[i + 1 :]:
                    if a.doc != b.doc:
                        found = _pair(a, b, in_passage, story)
                        if found is not None:
                            pairs.append(found)
        else:
            pairs.extend(_pairs_at_scale(bucket, in_passage, story, near))
    return pairs


def _pair(a: Fact, b: Fact, in_passage: dict[Fact, frozenset[int]], story: str | None,
          tied: bool | None = None) -> _Pair | None:  # fmt: skip
    """The pair two facts make, if they are, or may be, one fact."""
    if tied is None:
        tied = bool(in_passage[a] & in_passage[b])
    if _same_referent(a, b, tied, story):
        return _Pair(a, b, values_conflict(a, b), same=True)
    if values_agree(a, b) and _may_agree(a, b, tied, story):
        return _Pair(a, b, conflicting=False, same=False)
    return None


def _pairs_at_scale(
    bucket: Sequence[Fact],
    in_passage: dict[Fact, frozenset[int]],
    story: str | None,
    near: Nearness,
) -> list[_Pair]:
    """The pairs of a large bucket: identical facts judged once, and only facts of related
    sentences.

    Facts that state the same value of the same referent in passages of the
    same claims (the copies of a wire story) form one group, whose first fact
    is judged for all. Two groups are judged when they share a passage claim,
    or when a sentence of one is near a sentence of the other (``near``: the
    same words, or words the index finds rare in both): two reports of one
    figure in other words still share a name or a number, and a corpus of
    hundreds of articles does not compare every sentence with every other.
    The members of two groups that pair make pairs in proportion to their
    number, each with at most PAIRS_PER_FACT others.
    """
    groups: dict[tuple, list[Fact]] = {}
    for fact in bucket:
        key = (fact.type, fact.value, fact.low, fact.high, fact.qualifier, fact.unit,
               fact.referent, in_passage[fact])  # fmt: skip
        groups.setdefault(key, []).append(fact)
    members = list(groups.values())
    by_place: dict[object, set[int]] = defaultdict(set)  # claim or sentence group -> groups
    for number, group in enumerate(members):
        for fact in group:
            for cluster in in_passage[fact]:
                by_place["claim", cluster].add(number)
            for place in near.own(fact):
                by_place["sentence", place].add(number)
    pairs: list[_Pair] = []
    for number, group in enumerate(members):
        partners: set[int] = set()
        for fact in group:
            for cluster in in_passage[fact]:
                partners |= by_place["claim", cluster]
            for place in near.around(fact):
                partners |= by_place.get(("sentence", place), set())
        first = group[0]
        for other in sorted(p for p in partners if p >= number):
            second = members[other][0]
            tied = bool(in_passage[first] & in_passage[second])
            # Judged as if of two documents: which members are is for
            # _member_pairs to say.
            found = _pair(first, second, in_passage, story, tied)
            if found is None:
                continue
            for i, j in _member_pairs(group, members[other], within=other == number):
                pairs.append(_Pair(group[i], members[other][j], found.conflicting, found.same))
    return pairs


def _member_pairs(a: Sequence[Fact], b: Sequence[Fact], within: bool) -> list[tuple[int, int]]:
    """Pairs of members of two groups (or of one) in two documents, each fact in at most
    PAIRS_PER_FACT of them, the earliest first."""
    pairs: dict[tuple[int, int], None] = {}
    chosen = [0] * len(b)
    for i in range(len(a)):
        found = 0
        for j in range(len(b)):
            if found == PAIRS_PER_FACT:
                break
            if a[i].doc != b[j].doc and not (within and i >= j):
                if (i, j) not in pairs:
                    pairs[i, j] = None
                    chosen[j] += 1
                found += 1
    for j in range(len(b)):
        for i in range(len(a)):
            if chosen[j] >= PAIRS_PER_FACT:
                break
            if a[i].doc != b[j].doc and not (within and i >= j) and (i, j) not in pairs:
                pairs[i, j] = None
                chosen[j] += 1
    return list(pairs)


def _claims(
    facts: Sequence[Fact], pairs: Sequence[_Pair], position: dict[int, int]
) -> list[list[Fact]]:
    """The facts of each claim, joined through their pairs, in text order; claims in text order."""
    parent = list(range(len(facts)))

    def root(n: int) -> int:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    for pair in pairs:
        ra, rb = root(position[id(pair.a)]), root(position[id(pair.b)])
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    members: dict[int, list[Fact]] = defaultdict(list)
    for n in sorted({position[id(f)] for pair in pairs for f in (pair.a, pair.b)}):
        members[root(n)].append(facts[n])
    return [members[key] for key in sorted(members)]


def _clearest(
    found: list[tuple[Fact, Fact]], in_passage: dict[Fact, frozenset[int]]
) -> tuple[Fact, Fact]:
    """Of the pairs by which two sources give the same two readings of one fact, the one to show.

    A source often states a fact in its headline and again in its body; the
    body says it in full. Pairs in linked passages come first, then the
    earliest statements of the body.
    """
    return min(found, key=lambda pair: _clarity(pair, in_passage))


def _clarity(pair: tuple[Fact, Fact], in_passage: dict[Fact, frozenset[int]]) -> tuple:
    """How plainly a pair states its fact, the plainest least (see _clearest)."""
    return (
        -min(pair[0].salience, pair[1].salience),
        -pair[0].salience - pair[1].salience,
        not (in_passage[pair[0]] & in_passage[pair[1]]),
        pair[0].start + pair[1].start,
    )


def _stated(pairs: Iterable[_Pair]) -> dict[int, list[Fact]]:
    """For each fact, the facts of other documents surely about the same thing (_corroborated)."""
    stated: dict[int, list[Fact]] = defaultdict(list)
    for pair in pairs:
        if pair.same:
            stated[id(pair.a)].append(pair.b)
            stated[id(pair.b)].append(pair.a)
    return stated


def _corroborated(fact: Fact, doc: str, stated: dict[int, list[Fact]]) -> bool:
    """Whether ``doc`` itself states ``fact``'s value for the same thing.

    Then its other value of that kind is about something else, or a later
    figure it reports beside the first: a source that gives 35 km and 40 km
    agrees with one that gives 35 km; it does not set 35 against 40.
    """
    return any(
        other.doc == doc
        and fact.qualifier not in _OPEN_QUALIFIERS
        and other.qualifier not in _OPEN_QUALIFIERS
        and values_agree(fact, other)
        for other in stated.get(id(fact), ())
    )


def _clusters_of(facts: Sequence[Fact], clusters: Sequence[Cluster]) -> dict[Fact, frozenset[int]]:
    """For each fact, the passage claims whose members hold where it starts."""
    members: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    for cluster in clusters:
        for member in cluster.members:
            members[member.doc].append((member.start, member.end, cluster.id))
    index = {doc: SpanIndex(found) for doc, found in members.items()}
    empty: SpanIndex[int] = SpanIndex(())
    return {
        fact: frozenset(index.get(fact.doc, empty).overlapping(fact.start, fact.start + 1))
        for fact in facts
    }


def topic_label(fact: Fact) -> str:
    """What a fact's value is about, for people: "age of Fred Duhart", "date of deployment"."""
    if fact.referent is not None:
        return _label(fact)
    about = fact.unit if fact.type in ("quantity", "proportion") else fact.context
    return f"{fact.type} of {about}" if about else f"{fact.type} in a shared passage"


_MEASURE_NAMES = {
    "killed": "people killed", "wounded": "people wounded", "missing": "people missing",
    "arrested": "arrests", "charged": "people charged", "shot": "people shot",
    "rescued": "people rescued", "evacuated": "people evacuated", "displaced": "people displaced",
    "hospitalized": "people in hospital", "ago": "time since", "status": "condition",
    "share": "share", "%": "percentage",
}  # fmt: skip
# Measures that belong to an event as its moment: "time of the shooting".
_MOMENTS = frozenset({"time", "date", "ago", "duration"})


def _label(fact: Fact) -> str:
    """What a fact is about, for people: "age of Fred Duhart", "time of the shooting",
    "troops (North Korean), deployment", "area of forest (fire)"."""
    referent = fact.referent
    assert referent is not None
    kind, _, what = referent.measure.partition(":")
    if kind == "count":
        text = f"number of {fact.unit or what.partition(':')[0]}"
    else:
        text = _MEASURE_NAMES.get(kind, kind)
        if what:
            text += f" of {what}"
    if referent.person is not None or kind in ("age", "status"):
        text += f" of {referent.owner}" if referent.owner else ""
    elif referent.owner:
        text += f" ({referent.owner})"
    if referent.event:
        text += f" of the {referent.event}" if kind in _MOMENTS else f", {referent.event}"
    if referent.scope and referent.scope != "window":
        text += f", over {referent.scope}"
    return text


def _side(fact: Fact) -> str:
    return f"{fact.text!r} ({fact.doc}{', ' + fact.speaker if fact.speaker else ''})"


_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December")  # fmt: skip


def _day(value: str | None) -> str:
    """A partial ISO date as people write it.

    "--01-13" is "13 January"; "2024-12" is "December 2024".
    """
    if value is None:
        return "unstated"
    year, _, rest = value.removeprefix("-").partition("-")
    if rest[:1] == "W" and rest[1:].isdigit() and year.isdigit():  # "2025-W03": last week
        return f"week {int(rest[1:])} of {year}"
    month, _, day = rest.partition("-")
    if not month.isdigit():
        return value  # a weekday, or a year alone
    words = [day.lstrip("0")] if day else []
    words.append(_MONTH_NAMES[int(month) - 1])
    if year:
        words.append(year)
    return " ".join(words)


def day_label(value: str | None) -> str:
    """An as-of date as people read it: "13 January", "December 2024"."""
    return _day(value)


def _why(a: Fact, b: Fact) -> str:
    note = ""
    if a.type == "status" or (a.referent and a.referent.measure == "arrested"):
        note = "; it may have changed between the reports"
    elif a.as_of and b.as_of and a.as_of != b.as_of:
        note = f"; as of different dates: {_day(a.as_of)} vs {_day(b.as_of)}"
    elif a.as_of != b.as_of:
        note = f"; as of {_day(a.as_of)} vs {_day(b.as_of)}"
    return f"{_label(a)}: {_side(a)} vs {_side(b)}{note}"
