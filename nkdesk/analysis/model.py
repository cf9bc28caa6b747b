"""The records a Comparison is made of.

They are small and immutable, and they are what flows from the engine to the
window, the tag store and the exports. Every offset is a code-point index into
the ``Document.text`` of the document named by ``doc``; spans are half-open.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from nkdesk.analysis.passage import Passage
from nkdesk.corpus import Document

LinkKind = Literal["shared", "conflict"]
FactType = Literal["quantity", "date", "duration", "proportion"]
DiffTag = Literal["equal", "replace", "delete", "insert"]


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
class Cluster:
    """A claim reported by several sources: the passages linked together."""

    id: int
    label: str
    members: tuple[Span, ...]

    @property
    def docs(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(m.doc for m in self.members))

    @property
    def support(self) -> int:
        """How many sources report this claim (k of N)."""
        return len(self.docs)

    def to_json(self) -> dict[str, object]:
        return {"id": self.id, "label": self.label, "members": [m.to_json() for m in self.members]}


@dataclass(frozen=True, slots=True)
class Fact:
    """A typed value a passage states: a quantity, a date, a duration, a proportion.

    ``value`` is the canonical display form ("11000", "11000-12000", "2024-10",
    "P90D", "0.5"); ``low`` and ``high`` are the numeric interval it was read
    as, before any allowance for rounding. ``unit`` says what a quantity
    counts (troops, killed, wounded, casualties, ...) or what a date or
    duration is about; ``speaker`` is who the text attributes it to.
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
        }


@dataclass(frozen=True, slots=True)
class Conflict:
    """Two facts from two sources that cannot both be true."""

    cluster: int | None
    a: Fact
    b: Fact
    why: str

    def to_json(self) -> dict[str, object]:
        return {
            "cluster": self.cluster,
            "a": self.a.to_json(),
            "b": self.b.to_json(),
            "why": self.why,
        }
