"""The change log: a window reads again only the rows changed since it last read."""

from __future__ import annotations

from pathlib import Path

from nkdesk.store import TagStore, open_store
from nkdesk.store.db import CHANGE_LOG_PRUNE_EVERY, CHANGE_LOG_REVISIONS

from .articles import ARTICLE, OTHER


def test_an_added_annotation_is_all_that_changed(stored: TagStore) -> None:
    before = stored.revision()
    annotation = stored.add_annotation(ARTICLE.id, 0, 11, 1)
    changes = stored.changes_since(before)
    assert changes is not None
    assert changes.annotations == {annotation.id}
    assert changes.only_annotations
    assert changes.revision == stored.revision()
    assert [r.annotation.id for r in stored.annotation_rows([annotation.id])] == [annotation.id]


def test_edits_removals_and_undo_name_the_annotation(stored: TagStore) -> None:
    annotation = stored.add_annotation(ARTICLE.id, 0, 11, 1)
    for change in (
        lambda: stored.update_annotation(annotation.id, note="why"),
        lambda: stored.delete_annotation(annotation.id),
        stored.undo,
        stored.redo,
    ):
        before = stored.revision()
        change()
        changes = stored.changes_since(before)
        assert changes is not None and changes.annotations == {annotation.id}


def test_nothing_changed_is_empty(stored: TagStore) -> None:
    changes = stored.changes_since(stored.revision())
    assert changes is not None
    assert not changes.annotations and changes.only_annotations


def test_vocabulary_claims_and_documents_say_so(store: TagStore) -> None:
    before = store.revision()
    store.add_document(ARTICLE)
    changes = store.changes_since(before)
    assert changes is not None and changes.documents == {ARTICLE.id}
    assert not changes.only_annotations
    before = store.revision()
    store.add_tag("sanctions", "#AA3377")
    changes = store.changes_since(before)
    assert changes is not None and changes.tags and not changes.claims
    before = store.revision()
    store.add_claim("a claim")
    changes = store.changes_since(before)
    assert changes is not None and changes.claims and not changes.tags


def test_another_window_s_change_is_seen(tmp_path: Path) -> None:
    path = tmp_path / "tags.sqlite"
    with open_store(path) as mine, open_store(path) as theirs:
        mine.add_document(ARTICLE)
        mine.add_document(OTHER)
        read = mine.revision()
        annotation = theirs.add_annotation(OTHER.id, 0, 5, 2)
        changes = mine.changes_since(read)
        assert changes is not None and changes.annotations == {annotation.id}
        assert [r.annotation for r in mine.annotation_rows(changes.annotations)] == [annotation]


def test_a_reader_too_far_behind_reads_everything(stored: TagStore) -> None:
    first = stored.revision()
    annotation = stored.add_annotation(ARTICLE.id, 0, 11, 1)
    for n in range(CHANGE_LOG_REVISIONS + CHANGE_LOG_PRUNE_EVERY):
        stored.update_annotation(annotation.id, note=str(n))
    assert stored.changes_since(first) is None
    assert stored.changes_since(stored.revision() + 1) is None  # not a revision of this file
    recent = stored.revision() - 10
    changes = stored.changes_since(recent)
    assert changes is not None and changes.annotations == {annotation.id}


def test_many_ids_read_in_one_query(stored: TagStore) -> None:
    made = [stored.add_annotation(ARTICLE.id, n % 20, n % 20 + 3, 1).id for n in range(1200)]
    assert len(stored.annotation_rows([*made, 10**9])) == 1200
