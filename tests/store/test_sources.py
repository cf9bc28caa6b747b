"""Source details in the tag file: what was read, the analyst's edits over it, and their undo."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from nkdesk.corpus import Document
from nkdesk.sources import Source
from nkdesk.store import TagStore, open_store

READ = Source(outlet="Read Outlet", published="2021-05-06", author="R. Writer")


def article(source: Source = READ, text: str = "A harbour reopened on Monday.\n") -> Document:
    return Document.from_text("harbour", text, source=source)


def test_details_read_from_the_article_are_kept() -> None:
    with TagStore.memory() as store:
        store.add_document(article())
        assert store.document("harbour").source == READ
        assert store.documents()[0].source == READ


def test_edits_stay_over_what_is_read_again_and_undo_restores_it() -> None:
    with TagStore.memory() as store:
        store.add_document(article())
        edited = dataclasses.replace(
            READ, outlet="Edited Outlet", author=None, url="https://x.test"
        )
        assert store.edit_source("harbour", edited) == edited
        assert store.undo_label() == "Edit source details of 'A harbour reopened on Monday.'"
        # The article is read again, now with another outlet: the edit still wins,
        # and a field the analyst blanked stays unknown.
        store.add_document(article(dataclasses.replace(READ, outlet="Newly Read")))
        assert store.document("harbour").source == edited
        store.undo()
        assert store.document("harbour").source == dataclasses.replace(READ, outlet="Newly Read")
        store.redo()
        assert store.document("harbour").source == edited


def test_setting_a_field_back_to_what_was_read_is_no_edit() -> None:
    with TagStore.memory() as store:
        store.add_document(article())
        store.edit_source("harbour", dataclasses.replace(READ, origin="First Wire"))
        store.edit_source("harbour", READ)
        store.add_document(article(dataclasses.replace(READ, outlet="Corrected")))
        assert store.document("harbour").source.outlet == "Corrected"
        store.undo()
        assert store.document("harbour").source.origin == "First Wire"


def test_edits_persist_in_the_file(tmp_path: Path) -> None:
    path = tmp_path / "case.sqlite"
    with open_store(path) as store:
        store.add_document(article())
        store.edit_source("harbour", Source(outlet="Kept", published="March 2020"))
    with open_store(path) as store:
        assert store.document("harbour").source == Source(outlet="Kept", published="2020-03")


def test_another_window_learns_of_an_edit_from_the_change_log() -> None:
    with TagStore.memory() as store:
        store.add_document(article())
        before = store.revision()
        store.edit_source("harbour", Source(outlet="Elsewhere"))
        changes = store.changes_since(before)
        # Only its header changes: no annotation moved, so none is read again.
        assert changes is not None and changes.sources == {"harbour"}
        assert not changes.documents and not changes.annotations
        assert not changes.only_annotations
