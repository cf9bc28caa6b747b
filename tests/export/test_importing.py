"""Imports: merging another analyst's work, and refusing what is not sound (nkdesk.export.importing)."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from nkdesk.corpus import Document
from nkdesk.export import ImportFileError, export, import_file, read
from nkdesk.export.importing import NOTE_JOIN, merge_note
from nkdesk.store import TagStore, open_store

from .articles import AGENCY, WIRE, span_of
from .helpers import content, sqlite_bytes


def exported(store: TagStore, path: Path) -> dict[str, Any]:
    export(store, "json", path)
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture
def colleague(tmp_path: Path) -> Path:
    """Bob's JSON export: the same agency article under another id, one tag also in
    Ann's file (with another note), one new tag, and a new article."""
    with TagStore.memory(author="bob") as bob:
        bob.add_document(Document.from_text("nk-agency", AGENCY.text, title="Agency copy"))
        bob.add_document(Document.from_text("tass", "TASS denied any deployment of troops.\n"))
        start, end = span_of(AGENCY, "about 12,000 troops")
        bob.add_annotation("nk-agency", start, end, 1, note="Bob: seems high", speaker="NIS")
        rumour = bob.add_tag("Rumour", "#ABCDEF", hotkey=1)
        bob.add_annotation("tass", 0, 4, rumour.id, note="state media")
        bob.update_tag(2, colour="#000000")  # casualties, recoloured in Bob's file
        path = tmp_path / "bob.json"
        export(bob, "json", path)
    return path


def test_merging_matches_documents_by_text_and_keeps_both_notes(
    tagged: TagStore, colleague: Path
) -> None:
    report = import_file(tagged, colleague)
    assert (report.documents_matched, report.documents_added) == (1, 1)
    assert (report.annotations_present, report.annotations_added) == (1, 1)
    assert report.notes_merged == 1 and report.tags_added == 1
    assert not report.vocabulary_replaced
    # No second copy of the agency article, and no doubled annotation.
    assert sorted(d.id for d in tagged.documents()) == ["agency", "hostile", "tass", "wire"]
    start, end = span_of(AGENCY, "about 12,000 troops")
    (twelve,) = [
        a for a in tagged.annotations("agency") if (a.start, a.end, a.tag) == (start, end, 1)
    ]
    assert twelve.note == (
        "Figure from Seoul 🇰🇷; compare 𝟏𝟐 000 elsewhere"
        + NOTE_JOIN.format(author="bob")
        + "Bob: seems high"
    )
    assert twelve.speaker == "NIS" and twelve.claim is not None, "Ann's own values stay"
    # Ann's colours and hotkeys win; Bob's new tag comes without a clashing hotkey.
    assert tagged.tags()[1].colour == "#CC6677"
    rumour = next(t for t in tagged.tags() if t.name == "Rumour")
    assert rumour.colour == "#ABCDEF" and rumour.hotkey is None
    # Merging again changes nothing.
    once = content(tagged)
    again = import_file(tagged, colleague)
    assert content(tagged) == once and again.annotations_added == again.notes_merged == 0


def test_a_new_document_whose_id_is_taken_gets_a_suffix(tagged: TagStore, tmp_path: Path) -> None:
    with TagStore.memory() as other:
        other.add_document(Document.from_text("agency", "A different agency story.\n"))
        other.add_annotation("agency", 2, 11, 1)
        path = tmp_path / "other.json"
        export(other, "json", path)
        sha = other.document("agency").sha256
    import_file(tagged, path)
    assert tagged.document(f"agency-{sha[:8]}").text == "A different agency story.\n"
    assert tagged.document("agency").text == AGENCY.text


@pytest.mark.parametrize(
    ("current", "incoming", "expected"),
    [
        ("", "new", "new"),
        ("same", "same", "same"),
        ("mine", "", "mine"),
        ("mine", "theirs", "mine" + NOTE_JOIN.format(author="bob") + "theirs"),
        (
            "mine" + NOTE_JOIN.format(author="bob") + "theirs",
            "theirs",
            "mine" + NOTE_JOIN.format(author="bob") + "theirs",
        ),
    ],
)
def test_merge_note(current: str, incoming: str, expected: str) -> None:
    assert merge_note(current, incoming, "bob") == expected


def test_a_note_without_author_names_another_analyst() -> None:
    assert merge_note("a", "b", "") == "a\n\n— another analyst: b"


def test_another_tag_file_imports_without_being_written(tagged: TagStore, tmp_path: Path) -> None:
    source = tmp_path / "bob.sqlite"
    with open_store(source, author="bob") as bob:
        bob.add_document(WIRE)
        start, end = span_of(WIRE, "Moscow has denied")
        bob.add_annotation(WIRE.id, start, end, 3, note="denial")
        expected = content(bob)
    before = sqlite_bytes(source)
    with TagStore.memory() as fresh:
        import_file(fresh, source)
        assert content(fresh) == expected
    assert sqlite_bytes(source) == before, "importing never migrates or checkpoints the source"


def test_a_tag_file_in_wal_mode_is_read_with_its_log(tmp_path: Path) -> None:
    source = tmp_path / "open.sqlite"
    writer = open_store(source)  # kept open: its changes are still in the -wal file
    try:
        writer.add_document(WIRE)
        writer.add_annotation(WIRE.id, 0, 5, 1, note="in the log")
        assert (tmp_path / "open.sqlite-wal").stat().st_size > 0
        data = read(source)
    finally:
        writer.close()
    assert [a.note for a in data.annotations] == ["in the log"]


def test_a_damaged_tag_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "damaged.sqlite"
    with open_store(path) as store:
        for number in range(200):
            store.add_tag(f"tag {number}", "#010203", description="x" * 200)
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    for offset in range(page, len(data), page):
        data[offset] = 0xFF  # not a b-tree page type
    path.write_bytes(bytes(data))
    with pytest.raises(ImportFileError) as raised:
        read(path)
    assert raised.value.path == str(path)


def test_an_sqlite_file_of_another_program_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    with pytest.raises(ImportFileError, match="not an nkdesk tag file"):
        read(path)


def test_a_tag_file_with_triggers_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "trap.sqlite"
    open_store(path).close()
    conn = sqlite3.connect(path)
    conn.execute("CREATE TRIGGER trap AFTER INSERT ON tags BEGIN DELETE FROM documents; END")
    conn.commit()
    conn.close()
    with pytest.raises(ImportFileError, match="triggers or views"):
        read(path)


def good_export() -> dict[str, Any]:
    return {
        "schema": "nkdesk.tags/1",
        "documents": [
            {"id": "d", "title": "", "path": "", "sha256": WIRE.sha256, "text": WIRE.text}
        ],
        "tags": [{"name": "t", "colour": "#112233", "hotkey": None, "description": ""}],
        "claims": [],
        "annotations": [
            {
                "document": "d",
                "start": 0,
                "end": 5,
                "quote": "Seoul",
                "prefix": "",
                "suffix": "",
                "tag": "t",
                "claim": None,
                "stance": None,
                "value": "",
                "speaker": "",
                "note": "",
                "author": "",
                "created": "2024-01-01T00:00:00Z",
                "modified": "2024-01-01T00:00:00Z",
                "orphaned": False,
            }
        ],
    }


def broken(change) -> bytes:
    document = good_export()
    change(document)
    return json.dumps(document).encode()


def annotation(**values: Any):
    return lambda d: d["annotations"][0].update(values)


BAD_INPUTS: dict[str, bytes] = {
    "empty": b"",
    "binary": bytes(range(256)) * 4,
    "not JSON": b"{ this is not json",
    "a list": b"[1, 2, 3]",
    "no schema": b'{"documents": []}',
    "a newer schema": broken(lambda d: d.update(schema="nkdesk.tags/2")),
    "W3C export": b'{"@context": "http://www.w3.org/ns/anno.jsonld", "type": "AnnotationCollection"}',
    "duplicate keys": b'{"schema": "nkdesk.tags/1", "schema": "nkdesk.tags/1"}',
    "NaN": b'{"schema": "nkdesk.tags/1", "annotations": [{"start": NaN}]}',
    "deep nesting": b"[" * 100_000 + b"]" * 100_000,
    "huge integer": b'{"schema": "nkdesk.tags/1", "x": ' + b"9" * 5000 + b"}",
    "not UTF-8": b'{"schema": "nkdesk.tags/1", "x": "\xff\xfe"}',
    "lone surrogate": b'{"schema": "nkdesk.tags/1", "documents": [{"id": "\\ud800", "sha256": "x", "text": ""}]}',
    "documents not a list": broken(lambda d: d.update(documents={})),
    "start a string": broken(annotation(start="0")),
    "start a boolean": broken(annotation(start=True)),
    "start a float": broken(annotation(start=0.0)),
    "negative start": broken(annotation(start=-1)),
    "end past the text": broken(annotation(end=10**6)),
    "enormous end": broken(annotation(end=10**4000)),
    "empty passage": broken(annotation(end=0, quote="")),
    "quote not the text": broken(annotation(quote="Seou!")),
    "unknown tag": broken(annotation(tag="nope")),
    "unknown document": broken(annotation(document="nope")),
    "unknown claim": broken(annotation(claim=7)),
    "bad stance": broken(annotation(stance="maybe")),
    "bad time": broken(annotation(created="yesterday")),
    "orphan with a span": broken(annotation(orphaned=True)),
    "sha256 mismatch": broken(lambda d: d["documents"][0].update(text=WIRE.text + "!")),
    "bad colour": broken(lambda d: d["tags"][0].update(colour="red; background: url(x)")),
    "bad hotkey": broken(lambda d: d["tags"][0].update(hotkey=12)),
    "duplicate tag": broken(lambda d: d["tags"].append(dict(d["tags"][0], name="T"))),
    "empty tag name": broken(lambda d: d["tags"][0].update(name="  ")),
    "overlong note": broken(annotation(note="x" * 1_000_001)),
    "a note that is a list": broken(annotation(note=["x"])),
    "half a character in a note": broken(annotation(note="\ud83d")),
    "half a character in a text": broken(
        lambda d: d["documents"][0].update(text=WIRE.text + "\udc00")
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_is_refused_naming_the_file_and_nothing_changes(
    case: str, tagged: TagStore, tmp_path: Path
) -> None:
    path = tmp_path / "bad input.json"
    path.write_bytes(BAD_INPUTS[case])
    before = content(tagged)
    label = tagged.undo_label()
    with pytest.raises(ImportFileError) as raised:
        import_file(tagged, path)
    assert raised.value.path == str(path), raised.value
    assert str(raised.value).startswith(f"{path}: ")
    assert content(tagged) == before and tagged.undo_label() == label


def test_the_good_export_those_are_made_from_is_accepted(store: TagStore, tmp_path: Path) -> None:
    path = tmp_path / "good.json"
    path.write_bytes(json.dumps(good_export()).encode())
    assert import_file(store, path).annotations_added == 1


@pytest.mark.parametrize("what", ["missing", "folder"])
def test_a_missing_file_or_a_folder_is_refused(what: str, tmp_path: Path) -> None:
    path = tmp_path / "x"
    if what == "folder":
        path.mkdir()
    with pytest.raises(ImportFileError) as raised:
        read(path)
    assert raised.value.path == str(path)


def test_a_failure_while_merging_rolls_everything_back(
    tagged: TagStore, colleague: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from nkdesk.export import importing

    before = content(tagged)
    data = read(colleague)

    def fail(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(importing, "_merge_claims", fail)
    with pytest.raises(RuntimeError):
        importing.merge(tagged, data)
    assert content(tagged) == before


def huge_json(path: Path, size: int) -> Path:
    """A JSON export's opening, then holes up to ``size`` bytes (sparse: no disk used)."""
    with path.open("wb") as file:
        file.write(b'{"schema": "nkdesk.tags/1", "annotations": [')
        file.truncate(size)
    return path


def test_a_json_file_too_large_to_read_whole_is_refused_at_once_in_little_memory(
    tmp_path: Path,
) -> None:
    # The case was a 480 MB export of 1.2 M annotations: 2.4 GB resident
    # before the row limit refused it. It is refused on its size, unread.
    source = huge_json(tmp_path / "big.json", 480_000_000)
    db = tmp_path / "new.sqlite"
    probe = (
        "import resource, subprocess, sys, time\n"
        "start = time.monotonic()\n"
        "done = subprocess.run([sys.executable, '-m', 'nkdesk', 'import', '--db', sys.argv[1],"
        " sys.argv[2]], capture_output=True, text=True)\n"
        "print(done.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,"
        " time.monotonic() - start)\n"
        "sys.stderr.write(done.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, str(db), str(source)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    status, peak_kib, seconds = result.stdout.split()
    assert int(status) == 2
    assert result.stderr.startswith(f"nkdesk import: {source}: is a 480 MB JSON file")
    assert "at most 64 MiB" in result.stderr
    assert int(peak_kib) < 500 * 1024 and float(seconds) < 10
    assert not db.exists()


def test_a_json_file_of_countless_tiny_objects_stops_being_parsed_at_the_limit(
    tagged: TagStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from nkdesk.export import tagfile

    for kind in tagfile.MAX_ROWS:
        monkeypatch.setitem(tagfile.MAX_ROWS, kind, 10)
    document = good_export()
    document["annotations"] *= 100
    path = tmp_path / "many.json"
    path.write_bytes(json.dumps(document).encode())
    before = content(tagged)
    with pytest.raises(ImportFileError) as raised:
        import_file(tagged, path)
    assert raised.value.reason.startswith("holds more than 41 objects; nkdesk imports at most")
    assert "10 annotations" in raised.value.reason
    assert content(tagged) == before


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("case.csv", b"document,start,end,quote\r\nd,0,5,Seoul\r\n", "is a CSV file"),
        ("report.html", b"<!DOCTYPE html><html></html>", "is an HTML page"),
        ("notes.txt", b"Some notes, not an export.", "is not an nkdesk export"),
        ("page.xml", b"<?xml version='1.0'?><x/>", "is an HTML or XML file"),
    ],
)
def test_a_file_that_is_not_an_export_says_what_can_be_imported(
    tmp_path: Path, name: str, data: bytes, expected: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ImportFileError) as raised:
        read(path)
    assert raised.value.reason.startswith(expected)
    assert "json" in raised.value.reason and "qdpx" in raised.value.reason


def test_a_tag_file_with_more_rows_than_an_import_takes_is_refused_before_they_are_read(
    tagged: TagStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from nkdesk.export import importing, tagfile

    source = tmp_path / "other.sqlite"
    with open_store(source) as other:
        other.add_document(AGENCY)
        for start in range(12):
            other.add_annotation(AGENCY.id, start, start + 3, 1)
    monkeypatch.setitem(tagfile.MAX_ROWS, "annotations", 10)
    monkeypatch.setattr(importing, "snapshot", lambda store: pytest.fail("rows were read"))
    with pytest.raises(ImportFileError, match="holds 12 annotations; nkdesk imports at most 10"):
        import_file(tagged, source)
