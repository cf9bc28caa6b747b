"""Claims across documents: links merged into clusters ("3 of 5 sources report this")."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from itertools import pairwise

from nkdesk.analysis.model import Cluster, Link, Span
from nkdesk.corpus import Document

CLUSTER_LABEL_CHARS = 64
SAME_PASSAGE_SHARE = 0.5


def build_clusters(
    links: Sequence[Link], documents: Sequence[Document]
) -> tuple[list[Cluster], list[Link]]:
    """Merge links into claims across documents (k of N sources report this).

    Linked spans are joined transitively; a span that overlaps another span
    of the same document already in a group joins that group, so a sentence
    and its clause do not make two claims. Returns the clusters, and the
    links with the cluster each belongs to.
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
    return clusters, [replace(item, cluster=membership.get(item.a)) for item in links]


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
