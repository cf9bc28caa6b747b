"""The records the tag store hands out: tags, claims and annotations.

They are immutable snapshots of rows; to change one, call the store, which
returns the new snapshot. Offsets are code points into the stored text of the
document, half-open, as everywhere in nkdesk.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from nkdesk.sources import Source

Stance = Literal["supports", "disputes", "reports", "qualifies"]
STANCES: tuple[Stance, ...] = ("supports", "disputes", "reports", "qualifies")


@dataclass(frozen=True, slots=True)
class Tag:
    """A word of the analyst's vocabulary: what a highlighted passage is about."""

    id: int
    name: str
    colour: str  # "#RRGGBB"
    hotkey: int | None  # 1-9, the digit that applies it in the window
    description: str


@dataclass(frozen=True, slots=True)
class Claim:
    """An analyst's claim: the passages of several sources that report one thing."""

    id: int
    label: str
    note: str
    created: str  # ISO-8601 UTC
    modified: str


@dataclass(frozen=True, slots=True)
class Annotation:
    """A tagged passage of one document, anchored by position and by quote.

    ``quote`` is the passage's text and ``prefix``/``suffix`` the 32 characters
    either side when it was last placed, so that it can be found again if the
    article is edited (see ``nkdesk.store.anchoring``). An ``orphaned``
    annotation could not be placed in the current text: it keeps its quote, and
    ``start == end`` marks where it used to be.
    """

    id: int
    document: str
    start: int
    end: int
    quote: str
    prefix: str
    suffix: str
    tag: int
    claim: int | None
    stance: Stance | None
    value: str  # the figure the passage states, as written ("12,000")
    speaker: str  # who the passage attributes it to
    note: str
    author: str
    created: str  # ISO-8601 UTC
    modified: str
    orphaned: bool

    def fields(self) -> dict[str, object]:
        """Every field but the id, in declaration order: a row for another tag file or a file."""
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self) if f.name != "id"}


@dataclass(frozen=True, slots=True)
class AnnotationRow:
    """One line of the tags table: an annotation with the names it refers to."""

    annotation: Annotation
    document_title: str
    tag_name: str
    tag_colour: str
    claim_label: str | None


@dataclass(frozen=True, slots=True)
class Listing:
    """Everything a window lists of a tag file, read from one snapshot of it.

    ``revision`` is the file's revision in that snapshot: the changes after
    it (``TagStore.changes_since``) are exactly those the rows do not hold.
    """

    revision: int
    rows: list[AnnotationRow]  # in listing order, as ``TagStore.annotation_rows()``
    tags: list[Tag]
    claims: list[Claim]
    sources: dict[str, Source]  # each document's details, the analyst's edits over what was read


def draft(cls: type) -> type:
    """A mutable class with the slots of ``cls`` (a frozen, slotted dataclass): its draft.

    For records made by the hundred thousand (the rows of a big tag file): a
    draft's fields are set by plain assignment, and the draft then becomes
    the record by ``draft.__class__ = cls``, which Python allows between two
    classes of one layout. A frozen dataclass's ``__init__`` calls
    ``object.__setattr__`` once per field instead: 100,000 annotations took
    0.36 s that way, 0.17 s set slot by slot through the slots' descriptors,
    and take 0.06 s as drafts (garbage collection paused). The record is the same (fields, equality,
    hash, frozen); only a ``__post_init__``, which these records do not
    have, would be skipped, and a field left unset is missing, so set them all.
    Raises TypeError at once if ``cls`` is not a slotted class drafts can become.
    """
    names = tuple(f.name for f in dataclasses.fields(cls))
    if getattr(cls, "__slots__", None) != names:
        raise TypeError(f"{cls.__name__} is not a slotted dataclass a draft can become")
    drafted = type(f"{cls.__name__}Draft", (), {"__slots__": names, "__module__": __name__})
    probe = drafted()
    probe.__class__ = cls  # TypeError here if the layouts differ
    return drafted


@dataclass(frozen=True, slots=True)
class Reanchored:
    """What re-anchoring did to one document's annotations after its text changed."""

    document: str
    kept: int  # same offsets as before
    moved: int  # placed again elsewhere, on the same words
    orphaned: int  # could not be placed; kept with their quote


@dataclass(frozen=True, slots=True)
class Changes:
    """What changed in a tag file after a revision a window read (``TagStore.changes_since``).

    ``annotations`` are ids of annotations added, changed or removed;
    ``documents`` ids of documents stored or re-anchored (any of their
    annotations may have moved); ``tags`` and ``claims`` ids of the tags and
    claims added, changed or removed (the rows that name them show their
    names and colours).
    """

    revision: int  # the revision these changes bring the reader up to
    annotations: frozenset[int] = frozenset()
    documents: frozenset[str] = frozenset()
    tags: frozenset[int] = frozenset()
    claims: frozenset[int] = frozenset()
    sources: frozenset[str] = frozenset()  # documents whose source details were edited

    @property
    def only_annotations(self) -> bool:
        """Whether reading just ``annotations`` again brings a reader up to date."""
        return not (self.documents or self.tags or self.claims or self.sources)
