"""The Comparison and the records it is made of.

They are small and immutable, and they are what flows from the engine to the
window, the tag store and the exports. Every offset is a code-point index into
the ``Document.text`` of the document named by ``doc``; spans are half-open.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Generic, Literal, TypeVar

from nkdesk.corpus import Document

if TYPE_CHECKING:
    from nkdesk.analysis.passage import Passage

LinkKind = Literal["shared", "event", "conflict"]
FactType = Literal["quantity", "date", "time", "duration", "proportion", "status"]
DiffTag = Literal["equal", "replace", "delete", "insert"]
_Item = TypeVar("_Item")


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A stretch of one document's text."""

    doc: str
    start: int
    end: int

    def text(self, documents: dict[str, Document]) -> str:
        return documents[self.doc].text[self.start : self.end]

    def overlaps(self, other: Span) -> bool:
        return self.doc == other.doc and self.start < other.end and other.start < self.end

    def to_json(self) -> dict[str, object]:
        return {"doc": self.doc, "start": self.start, "end": self.end}


class SpanIndex(Generic[_Item]):
    """Things placed at stretches of one text, found by the stretch they overlap.

    For the stages that ask, for each of many passages or facts, what covers
    it: a scan would make a long article cost the square of its length.
    """

    def __init__(self, items: Iterable[tuple[int, int, _Item]]) -> None:
        self._entries = sorted(items, key=lambda entry: (entry[0], entry[1]))
        self._starts = [entry[0] for entry in self._entries]
        self._longest = max((end - start for start, end, _ in self._entries), default=0)

    def overlapping(self, start: int, end: int) -> Iterator[_Item]:
        """What is placed at a stretch that overlaps ``[start, end)``, last starting first."""
        n = bisect_left(self._starts, end)
        while n > 0:
            n -= 1
            at, stop, item = self._entries[n]
            if at + self._longest <= start:
                return
            if stop > start:
                yield item


@dataclass(frozen=True, slots=True)
class Unit:
    """A passage that can be linked: a headline, a sentence, a clause of a long one, or a part."""

    doc: str
    start: int
    end: int
    kind: str
    sentence: int  # index of the sentence it is (or belongs to) in its document
    passage: Passage

    @property
    def span(self) -> Span:
        return Span(self.doc, self.start, self.end)

    def contains(self, other: Unit) -> bool:
        return self.doc == other.doc and self.start <= other.start and other.end <= self.end


@dataclass(frozen=True, slots=True)
class DiffOp:
    """One word-level difflib opcode of a link, as code-point ranges in each side.

    ``equal`` ranges are the words both passages share; the others are where
    they differ (a replace may be a paraphrase, a spelling variant or a
    conflicting value).
    """

    tag: DiffTag
    a_start: int
    a_end: int
    b_start: int
    b_end: int


@dataclass(frozen=True, slots=True)
class Link:
    """Two passages in two documents that report the same thing, or conflict."""

    kind: LinkKind
    a: Span
    b: Span
    score: float
    verbatim: bool
    cluster: int | None
    why: str
    ops: tuple[DiffOp, ...] = ()

    def to_json(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "a": self.a.to_json(),
            "b": self.b.to_json(),
            "score": round(self.score, 4),
            "verbatim": self.verbatim,
            "cluster": self.cluster,
            "why": self.why,
        }


@dataclass(frozen=True, slots=True)
class ValueGroup:
    """The sources of a fact claim that give one value: "12,000: 002, 004"."""

    value: str  # canonical, as Fact.value
    text: str  # as the first of them writes it
    docs: tuple[str, ...]

    def to_json(self) -> dict[str, object]:
        return {"value": self.value, "text": self.text, "docs": list(self.docs)}


@dataclass(frozen=True, slots=True)
class Cluster:
    """A claim reported by several sources: the passages linked together.

    A fact claim (one referent's values in several sources) also has its
    ``values``: the sources grouped by the value they give, so that a claim
    stated by a hundred copies is read as a few groups, not as pairs.

    ``attributions`` holds each member's chain of sources, innermost first;
    ``origins`` the claim's distinct first reporters (see attribution.origins).
    """

    id: int
    label: str
    members: tuple[Span, ...]
    values: tuple[ValueGroup, ...] = ()
    attributions: tuple[tuple[str, ...], ...] = ()
    origins: tuple[str, ...] = ()

    @property
    def independent(self) -> int:
        """How many independent first reporters the claim has (1 when all echo one)."""
        return len(self.origins)

    @property
    def docs(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(m.doc for m in self.members))

    @property
    def support(self) -> int:
        """How many sources report this claim (k of N)."""
        return len(self.docs)

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "label": self.label,
            "members": [
                {**m.to_json(), "attribution": list(chain)}
                for m, chain in zip(self.members, self._chains(), strict=True)
            ],
            "values": [group.to_json() for group in self.values],
            "origins": list(self.origins),
            "independent": self.independent,
        }

    def _chains(self) -> tuple[tuple[str, ...], ...]:
        if len(self.attributions) == len(self.members):
            return self.attributions
        return ((),) * len(self.members)


@dataclass(frozen=True, slots=True)
class PersonKey:
    """Who a person is, as far as one document says: what two documents' people are compared by."""

    name: str | None
    surname: str | None
    given: str | None
    age: float | None
    sex: str | None
    roles: frozenset[str] = frozenset()

    @property
    def label(self) -> str:
        if self.name:
            return self.name
        age = f"{self.age:g}-year-old " if self.age is not None and self.age >= 1 else ""
        role = min(self.roles - {"person"}, default="person")
        return f"the {age}{role}"


@dataclass(frozen=True, slots=True)
class Referent:
    """What a value is about: what it measures, whose or which it is, the event, the period.

    Two values of two sources are the same fact only when their referents
    agree (see ``conflicts.same_referent``). ``measure`` is canonical
    ("killed", "age", "time", "length", "money:bond", "%:vote"); ``owner``
    names whose it is as people read it ("Fred Duhart", "north korea"), and
    ``person`` identifies a person across documents; ``event`` is the kind of
    event ("shooting"), ``scope`` the period a figure covers ("P7D"); ``part``
    marks a part of a total ("four others", "two of them").
    """

    measure: str
    owner: str | None = None
    event: str | None = None
    scope: str | None = None
    part: bool = False
    person: PersonKey | None = None

    @property
    def label(self) -> str:
        """ "age of Fred Duhart", "killed in the shooting", "time of the shooting"."""
        measure = self.measure.replace(":", " of ", 1) if ":" in self.measure else self.measure
        words = [measure]
        if self.owner:
            words.append(f"of {self.owner}")
        if self.event:
            words.append(f"({self.event})")
        if self.scope:
            words.append(f"over {self.scope}")
        return " ".join(words)

    def to_json(self) -> dict[str, object]:
        return {
            "measure": self.measure,
            "owner": self.owner,
            "event": self.event,
            "scope": self.scope,
            "part": self.part,
        }


PLAIN, IN_PASSING, IN_HEADLINE, DERIVED = 3, 2, 1, 0


@dataclass(frozen=True, slots=True)
class Fact:
    """A typed value a passage states: a quantity, date, time, duration, proportion or status.

    ``value`` is the canonical display form ("11000", "11000-12000", "2024-10",
    "T22:45", "P90D", "0.5", "dead"); ``low`` and ``high`` are the numeric
    interval it was read as, before any allowance for rounding (in the
    measure's base unit: metres, years, minutes of the day). ``unit`` is what a
    quantity counts or measures as written ("killed", "hectares"); ``speaker``
    is who the text attributes it to; ``referent`` what the value is about;
    ``as_of`` the date it was stated or held, an ISO date that may be partial
    ("--01-13", "2024-12"), when the text says.
    """

    doc: str
    start: int
    end: int
    type: FactType
    value: str
    low: float
    high: float
    unit: str | None = None
    qualifier: str | None = None
    speaker: str | None = None
    subject: str | None = None  # whose value it is ("north korea"), when the text says
    context: str | None = None  # the event it belongs to ("deployment", "unseen")
    segment: int = -1
    text: str = field(default="", compare=False)
    referent: Referent | None = None
    as_of: str | None = None
    # The chain of sources the sentence names, innermost first (see attribution.chain).
    attribution: tuple[str, ...] = field(default=(), compare=False)
    # How prominently the source states it: PLAIN in its body, IN_PASSING (a
    # relative clause, a procedure: "the toddler that died"), IN_HEADLINE, or
    # DERIVED from another statement ("X died": at least one was killed).
    salience: int = 3

    @property
    def span(self) -> Span:
        return Span(self.doc, self.start, self.end)

    def to_json(self) -> dict[str, object]:
        return {
            "doc": self.doc,
            "start": self.start,
            "end": self.end,
            "type": self.type,
            "value": self.value,
            "unit": self.unit,
            "qualifier": self.qualifier,
            "speaker": self.speaker,
            "subject": self.subject,
            "context": self.context,
            "referent": self.referent.to_json() if self.referent else None,
            "as_of": self.as_of,
            "attribution": list(self.attribution),
        }


@dataclass(frozen=True, slots=True)
class Mentions:
    """What one sentence names: the kinds of event, and the people, places and bodies.

    Names are keys that meet across documents: a person's surname ("duhart"),
    an unnamed person's age and role ("18 man"), a place ("arequipa").
    """

    doc: str
    start: int
    end: int
    events: frozenset[str]
    names: frozenset[str]


@dataclass(frozen=True, slots=True)
class Conflict:
    """Two facts from two sources that cannot both be true."""

    cluster: int | None
    a: Fact
    b: Fact
    why: str

    @property
    def as_of_differs(self) -> bool:
        """Whether both values are stated as of dates, and not the same ones: both may be
        right, each for its day."""
        return bool(self.a.as_of and self.b.as_of and self.a.as_of != self.b.as_of)

    def to_json(self) -> dict[str, object]:
        return {
            "cluster": self.cluster,
            "a": self.a.to_json(),
            "b": self.b.to_json(),
            "why": self.why,
            "as_of_differs": self.as_of_differs,
        }


@dataclass(frozen=True, slots=True)
class Comparison:
    """Everything the engine found in a set of documents.

    ``links`` holds the shared passages and, for every conflict, a link of
    kind "conflict" between the two conflicting values.
    """

    documents: tuple[Document, ...]
    units: tuple[Unit, ...]
    links: tuple[Link, ...]
    clusters: tuple[Cluster, ...]
    facts: tuple[Fact, ...]
    conflicts: tuple[Conflict, ...]
    _by_id: dict[str, Document] = field(default_factory=dict, repr=False, compare=False)

    def document(self, doc_id: str) -> Document:
        if not self._by_id:
            self._by_id.update((d.id, d) for d in self.documents)
        return self._by_id[doc_id]

    def text(self, span: Span) -> str:
        return self.document(span.doc).text[span.start : span.end]

    @property
    def shared_links(self) -> tuple[Link, ...]:
        return tuple(link for link in self.links if link.kind == "shared")

    @property
    def conflict_links(self) -> tuple[Link, ...]:
        return tuple(link for link in self.links if link.kind == "conflict")

    def links_of(self, doc_id: str) -> list[Link]:
        """The links touching one document, oriented so that ``a`` is in it."""
        result = []
        for item in self.links:
            if item.a.doc == doc_id:
                result.append(item)
            elif item.b.doc == doc_id:
                result.append(_swap(item))
        return sorted(result, key=lambda item: (item.a.start, item.a.end))

    def cluster(self, cluster_id: int) -> Cluster:
        return self.clusters[cluster_id]


def _swap(item: Link) -> Link:
    ops = tuple(DiffOp(_flip(o.tag), o.b_start, o.b_end, o.a_start, o.a_end) for o in item.ops)
    return Link(item.kind, item.b, item.a, item.score, item.verbatim, item.cluster, item.why, ops)


def _flip(tag: DiffTag) -> DiffTag:
    if tag == "delete":
        return "insert"
    if tag == "insert":
        return "delete"
    return tag
