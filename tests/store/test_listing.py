"""The listing of a whole tag file: the tags table's rows, read fast and from one snapshot."""

from __future__ import annotations

import dataclasses
import gc
import random
from pathlib import Path

import pytest

from nkdesk.corpus import Document
from nkdesk.store import (
    Annotation,
    AnnotationRow,
    StoreError,
    TagStore,
    db,
    open_store,
    read_listing,
)
from nkdesk.store.records import draft

from .articles import ARTICLE, OTHER


def tag_a_lot(store: TagStore, seed: int = 7) -> None:
    """Tags in both articles, out of order, overlapping, some linked, one orphaned."""
    rng = random.Random(seed)
    claim = store.add_claim("troops sent")
    other_tag = store.add_tag("second look", "#336699")
    for _ in range(60):
        document = rng.choice([ARTICLE, OTHER])
        start = rng.randrange(0, len(document.text) - 12)
        end = start + rng.randint(1, 12)
        tag = rng.choice([1, 2, other_tag.id])
        linked = rng.random() < 0.3
        store.add_annotation(
            document.id,
            start,
            end,
            tag,
            claim=claim.id if linked else None,
            stance="supports" if linked else None,
            note=rng.choice(["", "check", "see the other source"]),
        )
    # Re-anchoring the edited article orphans the tags on words it lost.
    store.add_document(Document.from_text(OTHER.id, "Something else entirely.\n"))
    store.update_tag(1, name="troop figures", colour="#AA0000")


def joined(store: TagStore) -> list[AnnotationRow]:
    """The listing as the tags table read it before: every annotation joined to its names."""
    titles = {d.id: d.title for d in store.documents()}
    tags = {t.id: t for t in store.tags()}
    labels = {c.id: c.label for c in store.claims()}
    rows = [
        AnnotationRow(
            a,
            titles[a.document],
            tags[a.tag].name,
            tags[a.tag].colour,
            labels.get(a.claim) if a.claim is not None else None,
        )
        for a in store.annotations()
    ]
    return sorted(
        rows,
        key=lambda r: (
            r.annotation.document,
            r.annotation.start,
            r.annotation.end,
            r.annotation.id,
        ),
    )


def test_the_listing_is_every_row_with_its_names_in_document_order(stored: TagStore) -> None:
    tag_a_lot(stored)
    rows = stored.annotation_rows()
    assert len(rows) == 60
    assert rows == joined(stored)
    assert any(r.annotation.orphaned for r in rows)
    assert all(isinstance(r.annotation.orphaned, bool) for r in rows)
    assert {r.tag_name for r in rows if r.annotation.tag == 1} == {"troop figures"}


def test_the_listing_is_the_same_as_its_pages(stored: TagStore) -> None:
    tag_a_lot(stored)
    pages: list[AnnotationRow] = []
    after = None
    while page := stored.annotation_rows(after=after, limit=7):
        pages += page
        after = page[-1].annotation
    assert stored.annotation_rows() == pages
    assert stored.annotation_rows([r.annotation.id for r in pages]) == pages


def test_a_listing_holds_rows_tags_claims_and_sources_of_one_revision(stored: TagStore) -> None:
    tag_a_lot(stored)
    listing = stored.listing()
    assert listing.revision == stored.revision()
    assert listing.rows == stored.annotation_rows()
    assert listing.tags == stored.tags()
    assert listing.claims == stored.claims()
    assert listing.sources == stored.sources()


def test_another_connection_reads_the_same_listing(tmp_path: Path) -> None:
    path = tmp_path / "tags.sqlite"
    with open_store(path) as store:
        store.add_document(ARTICLE)
        store.add_document(OTHER)
        tag_a_lot(store)
        assert read_listing(path) == store.listing()
        # What this store writes after a read is in the next one, not in it.
        before = read_listing(path)
        store.add_annotation(ARTICLE.id, 0, 5, 2)
        after = read_listing(path)
    assert after.revision > before.revision
    assert len(after.rows) == len(before.rows) + 1


def test_reading_a_listing_never_creates_or_accepts_a_foreign_file(tmp_path: Path) -> None:
    missing = tmp_path / "gone.sqlite"
    with pytest.raises(StoreError) as error:
        read_listing(missing)
    assert error.value.path == str(missing)
    assert "does not exist" in error.value.reason
    assert not missing.exists()
    foreign = tmp_path / "notes.txt"
    foreign.write_text("not a database at all, just some notes\n" * 10, encoding="utf-8")
    with pytest.raises(StoreError):
        read_listing(foreign)


def test_an_empty_tag_file_lists_nothing(store: TagStore) -> None:
    listing = store.listing()
    assert listing.rows == []
    assert [t.name for t in listing.tags][:1] == ["troop numbers"]


def test_listed_records_are_the_records_their_fields_make(stored: TagStore) -> None:
    tag_a_lot(stored)
    stored.update_annotation(stored.annotation_rows()[0].annotation.id, note="edited later")
    for row in stored.annotation_rows():
        annotation = row.annotation
        made = Annotation(
            **{f.name: getattr(annotation, f.name) for f in dataclasses.fields(Annotation)}
        )
        assert type(annotation) is Annotation and type(row) is AnnotationRow
        assert annotation == stored.annotation(annotation.id) == made
        assert hash(annotation) == hash(made) and repr(annotation) == repr(made)
        assert dataclasses.replace(annotation, note="x").note == "x"
        with pytest.raises(dataclasses.FrozenInstanceError):
            annotation.note = "changed"  # type: ignore[misc]
        with pytest.raises(dataclasses.FrozenInstanceError):
            row.tag_name = "changed"  # type: ignore[misc]
    edited = [r.annotation for r in stored.annotation_rows() if r.annotation.note == "edited later"]
    assert len(edited) == 1 and edited[0].modified >= edited[0].created


def test_a_draft_becomes_its_record_and_only_a_slotted_one_can() -> None:
    values = (
        4,
        "reuters",
        1,
        9,
        "quote",
        "pre",
        "suf",
        2,
        None,
        None,
        "",
        "",
        "n",
        "me",
        "t0",
        "t1",
        False,
    )
    record = draft(Annotation)()
    for field, value in zip(dataclasses.fields(Annotation), values, strict=True):
        setattr(record, field.name, value)
    record.__class__ = Annotation
    made = Annotation(*values)
    assert record == made and hash(record) == hash(made) and repr(record) == repr(made)
    with pytest.raises(dataclasses.FrozenInstanceError):
        record.note = "changed"

    @dataclasses.dataclass(frozen=True)
    class Unslotted:
        name: str

    with pytest.raises(TypeError):
        draft(Unslotted)


def test_storing_an_unchanged_article_writes_nothing(stored: TagStore) -> None:
    before = stored.revision()
    assert stored.add_document(ARTICLE) is None
    assert stored.revision() == before


def test_listing_leaves_garbage_collection_as_it_found_it(stored: TagStore) -> None:
    tag_a_lot(stored)
    assert gc.isenabled()
    stored.annotation_rows()
    assert gc.isenabled()
    gc.disable()
    try:
        stored.listing()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_big_listing_leaves_its_records_out_of_later_collections(
    stored: TagStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    tag_a_lot(stored)
    frozen = gc.get_freeze_count()
    stored.annotation_rows()
    assert gc.get_freeze_count() == frozen  # a small listing: collected as anything else
    monkeypatch.setattr(db, "FREEZE_LISTINGS_FROM", 60)
    try:
        rows = stored.annotation_rows()
        assert gc.get_freeze_count() >= frozen + 2 * len(rows)
        assert gc.isenabled()
    finally:
        gc.unfreeze()
