"""Fixtures for exports and imports: tag files with something in every column."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from nkdesk.sources import Source
from nkdesk.store import TagStore

from .articles import AGENCY, HOSTILE, WIRE, span_of

# The W3C and REFI-QDA schemas, copied with their licences (tests/data/schemas/README.md).
SCHEMAS = Path(__file__).resolve().parents[1] / "data" / "schemas"
WEB_ANNOTATION_SCHEMAS = SCHEMAS / "web-annotation"
REFI_QDA_SCHEMAS = SCHEMAS / "refi-qda"


AGENCY_SOURCE = Source(
    outlet="Press & Wire",
    published="2024-12-27",
    url="https://example.org/agency/troops",
    author="Jo Reporter",
    origin="First Wire Service",
)
# Hostile: a script address, which no report may turn into a link.
HOSTILE_SOURCE = Source(outlet="<Hostile> Outlet", published="2024-12", url="javascript:alert(1)")


@pytest.fixture
def store() -> Iterator[TagStore]:
    """A new, empty tag file in memory (default vocabulary only)."""
    with TagStore.memory(author="ann") as tag_store:
        yield tag_store


@pytest.fixture
def tagged(store: TagStore) -> TagStore:
    """A tag file with three articles, tags with notes, values and speakers,
    a claim across two sources, overlapping tags and an orphaned one."""
    for document in (AGENCY, WIRE, HOSTILE):
        store.add_document(document)
    # Source details on two articles (one edited by the analyst), none on the third.
    store.add_document(replace(AGENCY, source=AGENCY_SOURCE))
    store.edit_source(HOSTILE.id, HOSTILE_SOURCE)
    vocabulary = store.tags()
    troops, casualties, attribution = vocabulary[0].id, vocabulary[1].id, vocabulary[3].id
    start, end = span_of(AGENCY, "about 12,000 troops")
    first = store.add_annotation(
        AGENCY.id,
        start,
        end,
        troops,
        value="12,000",
        speaker="NIS",
        note="Figure from Seoul 🇰🇷; compare 𝟏𝟐 000 elsewhere",
    )
    start, end = span_of(WIRE, "some 10,000 North Korean soldiers")
    second = store.add_annotation(WIRE.id, start, end, troops, value="10,000")
    claim = store.add_claim("North Korean troops in Russia", note="agencies disagree")
    store.link_annotation(first.id, claim.id, "supports")
    store.link_annotation(second.id, claim.id, "disputes")
    start, end = span_of(AGENCY, "South Korea's spy agency said")
    store.add_annotation(AGENCY.id, start, end, attribution, speaker="NIS")
    # Overlaps the first tag.
    start, end = span_of(AGENCY, "12,000 troops to Russia")
    store.add_annotation(AGENCY.id, start, end, casualties, note="=SUM(A1:A9)")
    start, end = span_of(HOSTILE, "<script>")
    store.add_annotation(HOSTILE.id, start, end, attribution, note="<b>not bold</b> & <i>")
    start, end = span_of(WIRE, "fake news")
    doomed = store.add_annotation(WIRE.id, start, end, casualties, note="will be orphaned")
    store.add_document(WIRE.__class__.from_text(WIRE.id, WIRE.text.replace("fake news", "lies")))
    assert store.annotation(doomed.id).orphaned
    return store
