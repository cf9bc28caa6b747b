"""``compare()``: from documents to a Comparison the window, store and exports read.

The engine is a pipeline of stages, each a module that only uses the ones
before it: units → candidates → links → clusters of passages; facts (read
with the people of each document) → fact claims, their agreements and
conflicts.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import replace

from nkdesk.analysis.attribution import with_origins
from nkdesk.analysis.candidates import build_index, candidate_pairs
from nkdesk.analysis.clusters import build_clusters
from nkdesk.analysis.conflicts import pair_facts
from nkdesk.analysis.copies import copy_groups, nearness
from nkdesk.analysis.events import event_links
from nkdesk.analysis.facts import extract_facts
from nkdesk.analysis.invisibles import Invisibles
from nkdesk.analysis.links import link
from nkdesk.analysis.model import Comparison, Fact, Link
from nkdesk.analysis.timing import RELATIVE_MARK, resolve_date
from nkdesk.analysis.units import units_of
from nkdesk.corpus import Document


class AnalysisError(ValueError):
    """Documents that cannot be compared (fewer than two, duplicate ids)."""


def _dated(fact: Fact, published: str | None) -> Fact:
    """A fact whose as-of date has no year, or is said relative to the day of its report
    ("last month"), dated by its article's publication (see ``timing.resolve_date``)."""
    if fact.as_of is None or not (published or fact.as_of.startswith(RELATIVE_MARK)):
        return fact
    return replace(fact, as_of=resolve_date(fact.as_of, published))


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


def compare(
    texts: Mapping[str, str] | Iterable[Document],
    outlets: Mapping[str, str] | None = None,
    published: Mapping[str, str] | None = None,
) -> Comparison:
    """Compare documents: a mapping id -> text, or Documents (at least two).

    The engine reads them without the characters no reader sees
    (``invisibles``); every offset in the result is into the text as given.
    ``outlets`` and ``published`` give, by document id, the outlet that
    published a document and when (an ISO date), where known (by default its
    source details: the first publisher of a reprint, else its outlet): the outlet is
    the origin of a claim the document names no source for, and the date
    dates its "last month" and "on January 13".
    """
    given = _documents(texts)
    read = Invisibles.of(given)
    if outlets is None:
        # A reprint is its first publisher's: the origin of what it names no source for.
        outlets = {d.id: d.source.origin or d.source.outlet for d in given}
        outlets = {k: v for k, v in outlets.items() if v}
    if published is None:
        published = {d.id: d.source.published for d in given if d.source.published}
    with _fewer_collections():
        comparison = _compare(read.documents, outlets, published)
    if read.documents == given:
        return comparison
    return Comparison(
        documents=given,
        units=tuple(map(read.unit, comparison.units)),
        links=tuple(map(read.link, comparison.links)),
        clusters=tuple(map(read.cluster, comparison.clusters)),
        facts=tuple(map(read.fact, comparison.facts)),
        conflicts=tuple(map(read.conflict, comparison.conflicts)),
    )


# A comparison makes millions of small records that live until it returns;
# collecting the youngest generation every 700 allocations scans them again
# and again (a fifth of the time of two 430 KB articles). Cycles are rare here.
GC_YOUNG_THRESHOLD = 10_000


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """Collect garbage less often while comparing, as the standard threshold suits an app."""
    thresholds = gc.get_threshold()
    gc.set_threshold(max(thresholds[0], GC_YOUNG_THRESHOLD), *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


def _compare(
    documents: tuple[Document, ...], outlets: Mapping[str, str], published: Mapping[str, str]
) -> Comparison:
    units = [unit for document in documents for unit in units_of(document)]
    copies = copy_groups(units)
    index = build_index(copies.units, len(documents), [len(m) for m in copies.members])
    candidates = candidate_pairs(copies.units, index, copies.document_sets())
    passages = link(documents, copies, index, candidates)
    clusters, passages = build_clusters(passages, documents)
    facts, story, mentions, chains = extract_facts(documents, units)
    facts = [_dated(fact, published.get(fact.doc)) for fact in facts]
    claims = pair_facts(facts, clusters, story, first_id=len(clusters), units=units,
                        near=nearness(copies, candidates))  # fmt: skip
    conflict_links = [
        Link("conflict", c.a.span, c.b.span, 1.0, False, c.cluster, c.why) for c in claims.conflicts
    ]
    events = event_links(mentions, facts, units, passages, story)
    claimed = with_origins(clusters + claims.clusters, passages + claims.links, chains, units,
                           outlets)  # fmt: skip
    return Comparison(
        documents=documents,
        units=tuple(units),
        links=tuple(passages + claims.links + events + conflict_links),
        clusters=tuple(claimed),
        facts=tuple(facts),
        conflicts=tuple(claims.conflicts),
    )
