"""The tag file's schema, vocabulary, operations and queries (nkdesk.store.db)."""

from __future__ import annotations

import ast
import sqlite3
import sys
from pathlib import Path

import pytest
from sqlite_utils import Database

import nkdesk.store
from nkdesk.analysis.model import Span
from nkdesk.corpus import Document
from nkdesk.store import EditError, StoreError, TagStore, default_path, open_store
from nkdesk.store.schema import (
    APPLICATION_ID,
    DEFAULT_VOCABULARY,
    MIGRATIONS,
    SCHEMA_VERSION,
    known_names,
)

from .articles import ARTICLE, OTHER, span_of

STORE_PACKAGE = Path(nkdesk.store.__file__).parent


def test_the_store_never_imports_qt() -> None:
    for path in STORE_PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            assert not [n for n in names if n.split(".")[0] in {"PySide6", "shiboken6"}], path


def test_a_new_file_is_marked_migrated_and_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "tags.sqlite"
    open_store(path).close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"meta", "documents", "tags", "claims", "annotations", "undo_journal"} <= tables
    applied = [row[0] for row in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
    assert applied == list(known_names())
    conn.close()


def test_schema_version_counts_the_registered_migrations() -> None:
    assert len(known_names()) == SCHEMA_VERSION


def test_migrations_apply_once_and_reopening_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "tags.sqlite"
    with open_store(path) as store:
        store.delete_tag(store.tags()[0].id)  # a deleted default stays deleted
        revision = store.revision()
    with open_store(path) as store:
        assert len(store.tags()) == len(DEFAULT_VOCABULARY) - 1
        assert store.revision() == revision
    with Database(path) as db:
        assert MIGRATIONS.pending(db) == []


def test_connection_settings(store: TagStore, tmp_path: Path) -> None:
    with open_store(tmp_path / "tags.sqlite") as on_disk:
        for tag_store in (store, on_disk):
            conn = tag_store._conn
            assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
            assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == 5000


def test_default_vocabulary_has_hotkeys_one_to_n_and_distinct_colours(store: TagStore) -> None:
    tags = store.tags()
    assert [t.name for t in tags][:7] == [
        "troop numbers", "casualties", "dates", "attribution", "deployment", "withdrawal",
        "conflict",
    ]  # fmt: skip
    assert [t.hotkey for t in tags] == list(range(1, len(tags) + 1))
    assert len({t.colour for t in tags}) == len(tags)
    assert all(t.description for t in tags)


def test_add_update_and_delete_a_tag(store: TagStore) -> None:
    tag = store.add_tag("  sanctions ", "#aa3377", description="Economic measures.")
    assert (tag.name, tag.colour, tag.hotkey) == ("sanctions", "#AA3377", None)
    renamed = store.update_tag(tag.id, name="sanctions regime", hotkey=None)
    assert renamed.name == "sanctions regime"
    assert store.delete_tag(tag.id) == 0
    assert tag.id not in {t.id for t in store.tags()}


def test_a_hotkey_moves_to_the_tag_that_takes_it(store: TagStore) -> None:
    casualties = store.tag_for_hotkey(2)
    assert casualties is not None
    tag = store.add_tag("sanctions", "#AA3377", hotkey=2)
    assert store.tag_for_hotkey(2) == tag
    assert store.tag(casualties.id).hotkey is None
    store.undo()
    assert store.tag_for_hotkey(2) == casualties


@pytest.mark.parametrize(
    ("name", "colour", "hotkey", "problem"),
    [
        ("", "#123456", None, "needs a name"),
        ("Casualties", "#123456", None, "already has a tag named"),
        ("new", "red", None, "#RRGGBB"),
        ("new", "#12345G", None, "#RRGGBB"),
        ("new", "#123456", 0, "1 to 9"),
        ("new", "#123456", 10, "1 to 9"),
    ],
)
def test_bad_tags_are_refused_naming_the_file(
    store: TagStore, name: str, colour: str, hotkey: int | None, problem: str
) -> None:
    before = store.tags()
    with pytest.raises(EditError, match=problem) as raised:
        store.add_tag(name, colour, hotkey=hotkey)
    assert str(raised.value).startswith(":memory:")
    assert store.tags() == before
    assert store.undo_label() is None


def test_documents_are_stored_once(store: TagStore) -> None:
    assert store.add_document(ARTICLE) is None
    revision = store.revision()
    assert store.add_document(ARTICLE) is None
    assert store.revision() == revision
    assert store.documents() == [ARTICLE]
    assert store.document("reuters").text == ARTICLE.text


def test_another_article_with_the_same_name_is_refused(stored: TagStore) -> None:
    # Two corpora may both have a "reuters.txt"; the second must not take the
    # first one's tags.
    start, end = span_of(ARTICLE, "12,000 troops")
    stored.add_annotation("reuters", start, end, 1)
    before = (stored.documents(), stored.annotations())
    other = Document.from_text(
        "reuters", "Wheat prices rose again this week in Chicago.", path="/elsewhere/reuters.txt"
    )
    with pytest.raises(StoreError, match="different article named 'reuters'") as raised:
        stored.add_document(other)
    assert "/elsewhere/reuters.txt" in str(raised.value)
    assert (stored.documents(), stored.annotations()) == before


def test_an_article_moved_and_edited_is_still_the_same_article(stored: TagStore) -> None:
    start, end = span_of(ARTICLE, "12,000 troops")
    stored.add_annotation("reuters", start, end, 1)
    edited = Document.from_text("reuters", "Breaking. " + ARTICLE.text, path="/moved/reuters.txt")
    report = stored.add_document(edited)
    assert report is not None and report.moved == 1 and report.orphaned == 0
    (annotation,) = stored.annotations("reuters")
    assert edited.text[annotation.start : annotation.end] == "12,000 troops"


def test_adding_an_annotation_quotes_the_stored_text(stored: TagStore) -> None:
    start, end = span_of(ARTICLE, "12,000 troops")
    annotation = stored.add_annotation(
        "reuters", start, end, 1, value="12,000", speaker="South Korea's spy agency"
    )
    assert annotation.quote == "12,000 troops"
    assert annotation.prefix == "North Korea has sent about "
    assert annotation.suffix == ARTICLE.text[end : end + 32]
    assert annotation.author == "tester"
    assert annotation.created.endswith("Z") and annotation.created == annotation.modified
    assert stored.annotation(annotation.id) == annotation
    assert stored.annotations("reuters") == [annotation]


def test_offsets_are_code_points() -> None:
    text = "Emoji 😀 then 12,000 troops."
    with TagStore.memory() as store:
        store.add_document(Document.from_text("emoji", text))
        start = text.index("12,000")
        annotation = store.add_annotation("emoji", start, start + 6, 1)
        assert annotation.quote == "12,000"
        assert annotation.prefix == "Emoji 😀 then "


@pytest.mark.parametrize(
    ("document", "start", "end", "tag", "problem"),
    [
        ("nowhere", 0, 5, 1, "no document 'nowhere'"),
        ("reuters", 5, 5, 1, "non-empty"),
        ("reuters", -1, 5, 1, "non-empty"),
        ("reuters", 0, 10_000, 1, "non-empty"),
        ("reuters", 0, 5, 999, "no tag 999"),
    ],
)
def test_bad_annotations_are_refused(
    stored: TagStore, document: str, start: int, end: int, tag: int, problem: str
) -> None:
    with pytest.raises(EditError, match=problem):
        stored.add_annotation(document, start, end, tag)
    assert stored.annotations() == []


def test_a_bad_stance_or_claim_is_refused(stored: TagStore) -> None:
    with pytest.raises(EditError, match="stance"):
        stored.add_annotation("reuters", 0, 5, 1, stance="denies")  # type: ignore[arg-type]
    with pytest.raises(EditError, match="no claim 7"):
        stored.add_annotation("reuters", 0, 5, 1, claim=7)


def test_update_annotation_requotes_a_new_extent(stored: TagStore) -> None:
    start, end = span_of(ARTICLE, "12,000")
    annotation = stored.add_annotation("reuters", start, end, 1)
    wider = stored.update_annotation(annotation.id, end=end + len(" troops"), note="rounded")
    assert (wider.quote, wider.note) == ("12,000 troops", "rounded")
    assert wider.modified >= annotation.modified
    unchanged = stored.update_annotation(annotation.id, note="rounded")
    assert unchanged == wider
    assert stored.undo_label() == "Edit annotation"


def test_claims_and_linking(stored: TagStore) -> None:
    claim = stored.add_claim("North Korean troops in Russia", note="key claim")
    annotation = stored.add_annotation("bbc", *span_of(OTHER, "10,000"), 1)
    linked = stored.link_annotation(annotation.id, claim.id, "supports")
    assert (linked.claim, linked.stance) == (claim.id, "supports")
    assert stored.annotations(claim=claim.id) == [linked]
    assert stored.update_claim(claim.id, label="NK troops in Russia").label == "NK troops in Russia"
    assert stored.delete_claim(claim.id) == 1
    assert stored.annotation(annotation.id).claim is None
    assert stored.annotation(annotation.id).stance is None
    assert stored.claims() == []


def test_accept_cluster_makes_a_claim_and_its_annotations_at_once(stored: TagStore) -> None:
    spans = [
        Span("reuters", *span_of(ARTICLE, "about 12,000 troops")),
        Span("bbc", *span_of(OTHER, "some 10,000 North Korean soldiers")),
    ]
    claim = stored.accept_cluster("NK troops in Russia", spans, 1)
    annotations = stored.annotations(claim=claim.id)
    assert [(a.document, a.quote, a.stance) for a in annotations] == [
        ("bbc", "some 10,000 North Korean soldiers", "reports"),
        ("reuters", "about 12,000 troops", "reports"),
    ]
    assert stored.undo_label() == "Accept claim 'NK troops in Russia'"


def test_accept_cluster_with_a_bad_span_makes_nothing(stored: TagStore) -> None:
    spans = [Span("reuters", 0, 5), Span("missing", 0, 5)]
    with pytest.raises(EditError, match="missing"):
        stored.accept_cluster("claim", spans, 1)
    assert stored.claims() == [] and stored.annotations() == []


def test_deleting_a_tag_deletes_its_annotations(stored: TagStore) -> None:
    stored.add_annotation("reuters", 0, 5, 1)
    kept = stored.add_annotation("reuters", 6, 11, 2)
    assert stored.delete_tag(1) == 1
    assert stored.annotations() == [kept]


def test_annotations_at_a_position(stored: TagStore) -> None:
    start, end = span_of(ARTICLE, "12,000 troops")
    outer = stored.add_annotation("reuters", start, end, 1)
    inner = stored.add_annotation("reuters", start, start + 6, 2)
    assert stored.annotations_at("reuters", start) == [outer, inner]
    assert stored.annotations_at("reuters", start + 7) == [outer]
    assert stored.annotations_at("reuters", end) == []
    assert stored.annotations_at("bbc", start) == []


def test_annotation_rows_join_names_for_the_table(stored: TagStore) -> None:
    claim = stored.add_claim("claim")
    stored.add_annotation("reuters", 0, 11, 1, claim=claim.id, stance="reports")
    stored.add_annotation("bbc", 0, 5, 4)
    rows = stored.annotation_rows()
    assert [(r.document_title, r.tag_name, r.claim_label) for r in rows] == [
        (OTHER.title, "attribution", None),
        (ARTICLE.title, "troop numbers", "claim"),
    ]
    assert rows[1].tag_colour == "#88CCEE"


def test_revision_grows_with_changes_from_another_store(tmp_path: Path) -> None:
    path = tmp_path / "tags.sqlite"
    with open_store(path) as window, open_store(path) as other_window:
        seen = window.revision()
        other_window.add_tag("sanctions", "#AA3377")
        assert window.revision() > seen
        assert "sanctions" in {t.name for t in window.tags()}


def test_records_are_frozen(stored: TagStore) -> None:
    tag = stored.tags()[0]
    with pytest.raises(AttributeError):
        tag.name = "other"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("platform", "environ", "expected"),
    [
        ("linux", {}, "home/.local/share/nkdesk/nkdesk-tags.sqlite"),
        ("linux", {"XDG_DATA_HOME": "/xdg"}, "/xdg/nkdesk/nkdesk-tags.sqlite"),
        ("linux", {"XDG_DATA_HOME": "relative"}, "home/.local/share/nkdesk/nkdesk-tags.sqlite"),
        ("darwin", {}, "home/Library/Application Support/nkdesk/nkdesk-tags.sqlite"),
        ("win32", {"APPDATA": "/appdata"}, "/appdata/nkdesk/nkdesk-tags.sqlite"),
        ("win32", {}, "home/AppData/Roaming/nkdesk/nkdesk-tags.sqlite"),
    ],
)
def test_default_path(platform: str, environ: dict[str, str], expected: str) -> None:
    assert default_path(platform=platform, environ=environ, home=Path("home")) == Path(expected)


@pytest.mark.skipif(sys.platform in {"win32", "darwin"}, reason="XDG_DATA_HOME is for Unix")
def test_open_store_without_a_path_creates_the_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    with open_store() as store:
        assert store.path == str(tmp_path / "data" / "nkdesk" / "nkdesk-tags.sqlite")
    assert (tmp_path / "data" / "nkdesk" / "nkdesk-tags.sqlite").is_file()


def test_the_tags_table_pages_through_every_annotation_in_order(stored: TagStore) -> None:
    for number in range(25):
        document = (ARTICLE, OTHER)[number % 2]
        start = (number * 7) % 40
        stored.add_annotation(document.id, start, start + 3 + number % 4, 1 + number % 9)
    everything = stored.annotation_rows()
    pages, after = [], None
    while page := stored.annotation_rows(after=after, limit=4):
        assert len(page) <= 4
        pages.extend(page)
        after = page[-1].annotation
    assert pages == everything and len(pages) == 25


def test_the_listing_is_read_by_its_index_not_sorted(stored: TagStore) -> None:
    plan = stored._conn.execute(
        "EXPLAIN QUERY PLAN SELECT a.id FROM annotations a JOIN documents d ON d.id = a.document "
        "JOIN tags t ON t.id = a.tag LEFT JOIN claims c ON c.id = a.claim "
        'ORDER BY a.document, a.start, a."end", a.id'
    ).fetchall()
    details = " | ".join(row[-1] for row in plan)
    assert "annotations_in_order" in details and "TEMP B-TREE" not in details
