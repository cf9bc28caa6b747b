"""``compare()``: from documents to a Comparison the window, store and exports read."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from nkdesk.analysis.align import Unit, link
from nkdesk.analysis.claims import extract_facts
from nkdesk.analysis.conflicts import find_conflicts
from nkdesk.analysis.model import Cluster, Conflict, DiffOp, DiffTag, Fact, Link, Span
from nkdesk.corpus import Document

CLUSTER_LABEL_CHARS = 64
SAME_PASSAGE_SHARE = 0.5


class AnalysisError(ValueError):
    """Documents that cannot be compared (fewer than two, duplicate ids)."""


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


def _documents(texts: Mapping[str, str] | Iterable[Document]) -> tuple[Document, ...]:
    if isinstance(texts, Mapping):
        documents = tuple(Document.from_text(doc_id, text) for doc_id, text in texts.items())
    else:
        documents = tuple(
            d if isinstance(d, Document) else Document.from_text(str(i), str(d))
            for i, d in enumerate(texts)
        )
    if len(documents) < 2:
        raise AnalysisError(f"a comparison needs at least two documents; got {len(documents)}")
    ids = [d.id for d in documents]
    if len(set(ids)) != len(ids):
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        raise AnalysisError(f"document ids must be unique; repeated: {', '.join(duplicates)}")
    return documents


def compare(texts: Mapping[str, str] | Iterable[Document]) -> Comparison:
    """Compare documents: a mapping id -> text, or Documents (at least two)."""
    documents = _documents(texts)
    units, shared = link(documents)
    clusters, membership = build_clusters(shared, documents)
    shared = [
        Link(s.kind, s.a, s.b, s.score, s.verbatim, membership.get(s.a), s.why, s.ops)
        for s in shared
    ]
    facts = extract_facts(documents, units)
    conflicts = find_conflicts(facts, clusters, documents)
    conflict_links = [
        Link("conflict", c.a.span, c.b.span, 1.0, False, c.cluster, c.why) for c in conflicts
    ]
    return Comparison(
        documents=documents,
        units=tuple(units),
        links=tuple(shared + conflict_links),
        clusters=tuple(clusters),
        facts=tuple(facts),
        conflicts=tuple(conflicts),
    )


def build_clusters(
    links: Sequence[Link], documents: Sequence[Document]
) -> tuple[list[Cluster], dict[Span, int]]:
    """Merge links into claims across documents (k of N sources report this).

    Linked spans are joined transitively; a span that overlaps another span
    of the same document already in a group joins that group, so a sentence
    and its clause do not make two claims.
    """
    parent: dict[Span, Span] = {}

    def root(span: Span) -> Span:
        while parent.setdefault(span, span) != span:
            parent[span] = parent[parent[span]]
            span = parent[span]
        return span

    def union(a: Span, b: Span) -> None:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for item in links:
        union(item.a, item.b)
    by_doc: dict[str, list[Span]] = defaultdict(list)
    for span in list(parent):
        by_doc[span.doc].append(span)
    for spans in by_doc.values():
        spans.sort()
        for first, second in pairwise(spans):
            if _mostly_same(first, second):
                union(first, second)

    groups: dict[Span, list[Span]] = defaultdict(list)
    for span in parent:
        groups[root(span)].append(span)
    order = {d.id: n for n, d in enumerate(documents)}
    degree: dict[Span, float] = defaultdict(float)
    for item in links:
        degree[item.a] += item.score
        degree[item.b] += item.score

    texts = {d.id: d.text for d in documents}
    ranked = sorted(
        (sorted(members, key=lambda s: (order[s.doc], s.start)) for members in groups.values()),
        key=lambda members: (-len({m.doc for m in members}), order[members[0].doc], members[0]),
    )
    clusters: list[Cluster] = []
    membership: dict[Span, int] = {}
    for number, members in enumerate(ranked):
        central = max(members, key=lambda s: (degree[s], -order[s.doc]))
        label = _label(texts[central.doc][central.start : central.end])
        clusters.append(Cluster(number, label, tuple(members)))
        membership.update((m, number) for m in members)
    return clusters, membership


def _mostly_same(a: Span, b: Span) -> bool:
    """Whether two spans of one document are nearly the same passage.

    A sentence and a short clause inside it may carry two different claims,
    so mere overlap does not merge their clusters; near-identity does.
    """
    shared = min(a.end, b.end) - max(a.start, b.start)
    return shared >= SAME_PASSAGE_SHARE * max(a.end - a.start, b.end - b.start)


def _label(text: str) -> str:
    text = " ".join(text.split()).strip(" “”\"'")
    if len(text) <= CLUSTER_LABEL_CHARS:
        return text
    cut = text.rfind(" ", 0, CLUSTER_LABEL_CHARS)
    return text[: cut if cut > CLUSTER_LABEL_CHARS // 2 else CLUSTER_LABEL_CHARS] + "…"
