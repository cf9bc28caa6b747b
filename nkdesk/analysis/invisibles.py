"""The engine reads each document without the characters no reader sees, and answers in its offsets.

Text copied from the web carries zero-width spaces and joiners inside words,
soft hyphens, no-break spaces between them; a hostile source can plant them so
that "tro\u200bops" shares nothing with "troops". Every stage (tokens, the
fact readers' patterns, segmentation) reads ``nkdesk.text.normalize.visible``
of the text instead, and what they find is moved back here, so that every
offset in a Comparison is a code point of ``Document.text`` as loaded: the
text the window shows and a tag quotes. A stretch keeps the invisible
characters inside it and leaves those at its edges outside.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from nkdesk.analysis.model import Cluster, Conflict, DiffOp, Fact, Link, Span, Unit
from nkdesk.corpus import Document
from nkdesk.text.normalize import Token, Visible, visible


@dataclass(frozen=True, slots=True)
class Invisibles:
    """The documents as the engine reads them, and the way from their offsets to the originals'.

    ``views`` holds only the documents that lost a character; the others read
    the same in both, offset for offset.
    """

    documents: tuple[Document, ...]
    views: Mapping[str, Visible]

    @classmethod
    def of(cls, documents: Iterable[Document]) -> Invisibles:
        shown: list[Document] = []
        views: dict[str, Visible] = {}
        for document in documents:
            view = visible(document.text)
            if view.gaps:
                views[document.id] = view
            if view.text != document.text:
                # The sha256 stays the original's: it names the article, not the view.
                document = replace(document, text=view.text)
            shown.append(document)
        return cls(tuple(shown), views)

    def _range(self, doc: str, start: int, end: int) -> tuple[int, int]:
        view = self.views.get(doc)
        return (start, end) if view is None else view.span(start, end)

    def span(self, span: Span) -> Span:
        return Span(span.doc, *self._range(span.doc, span.start, span.end))

    def link(self, link: Link) -> Link:
        if link.a.doc not in self.views and link.b.doc not in self.views:
            return link
        ops = tuple(
            DiffOp(
                op.tag,
                *self._range(link.a.doc, op.a_start, op.a_end),
                *self._range(link.b.doc, op.b_start, op.b_end),
            )
            for op in link.ops
        )
        return replace(link, a=self.span(link.a), b=self.span(link.b), ops=ops)

    def cluster(self, cluster: Cluster) -> Cluster:
        if not self.views.keys() & set(cluster.docs):
            return cluster
        return replace(cluster, members=tuple(self.span(m) for m in cluster.members))

    def unit(self, unit: Unit) -> Unit:
        if unit.doc not in self.views:
            return unit
        tokens = tuple(
            Token(t.norm, *self._range(unit.doc, t.start, t.end), t.kind)
            for t in unit.passage.tokens
        )
        start, end = self._range(unit.doc, unit.start, unit.end)
        return replace(unit, start=start, end=end, passage=replace(unit.passage, tokens=tokens))

    def fact(self, fact: Fact) -> Fact:
        if fact.doc not in self.views:
            return fact
        start, end = self._range(fact.doc, fact.start, fact.end)
        return replace(fact, start=start, end=end)

    def conflict(self, conflict: Conflict) -> Conflict:
        return replace(conflict, a=self.fact(conflict.a), b=self.fact(conflict.b))
