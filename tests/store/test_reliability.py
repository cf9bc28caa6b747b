"""What the tag file does with wrong files, crashes and two windows (nkdesk.store.db)."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from nkdesk.corpus import Document
from nkdesk.store import StoreError, open_store
from nkdesk.store.schema import SCHEMA_VERSION

from .articles import ARTICLE

REPO = Path(__file__).resolve().parents[2]


def fingerprint(path: Path) -> tuple[bytes, int, list[str]]:
    """The file's bytes and modification time, and what else is in its folder."""
    return path.read_bytes(), path.stat().st_mtime_ns, sorted(os.listdir(path.parent))


def make_tag_file(path: Path, annotations: int = 20) -> None:
    with open_store(path) as store:
        store.add_document(ARTICLE)
        for number in range(annotations):
            store.add_annotation("reuters", number, number + 5, 1 + number % 9)


def assert_refused_untouched(path: Path, problem: str) -> None:
    before = fingerprint(path)
    time.sleep(0.01)  # so that a write would show in the modification time
    with pytest.raises(StoreError, match=problem) as raised:
        open_store(path)
    assert str(path) in str(raised.value)
    assert fingerprint(path) == before


def test_a_text_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_text("These are my notes, not a tag file.\n" * 10, encoding="utf-8")
    assert_refused_untouched(path, "not an SQLite database")


def test_random_bytes_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "noise.sqlite"
    path.write_bytes(random.Random(0).randbytes(8192))
    assert_refused_untouched(path, "not an SQLite database")


@pytest.mark.parametrize("journal_mode", ["delete", "wal"])
def test_another_programs_database_is_refused(tmp_path: Path, journal_mode: str) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA journal_mode = {journal_mode}")
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('Ada')")
    conn.commit()
    conn.close()
    assert_refused_untouched(path, "another program")


def test_a_database_with_another_application_id_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id = 1234")
    conn.commit()
    conn.close()
    assert_refused_untouched(path, "application id 0x000004d2")


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a folder"):
        open_store(tmp_path)


def test_a_missing_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="folder does not exist"):
        open_store(tmp_path / "missing" / "tags.sqlite")
    assert not (tmp_path / "missing").exists()


def test_a_truncated_tag_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "tags.sqlite"
    make_tag_file(path)
    path.write_bytes(path.read_bytes()[:9000])
    assert_refused_untouched(path, "damaged")


def test_a_tag_file_cut_inside_its_header_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "tags.sqlite"
    make_tag_file(path)
    path.write_bytes(path.read_bytes()[:60])
    assert_refused_untouched(path, "cut short")


def test_a_tag_file_with_a_garbled_page_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "tags.sqlite"
    make_tag_file(path, annotations=200)
    data = bytearray(path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    data[page_size * 3 : page_size * 3 + 200] = random.Random(1).randbytes(200)
    path.write_bytes(bytes(data))
    assert_refused_untouched(path, "damaged")


def test_a_tag_file_from_a_newer_nkdesk_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "tags.sqlite"
    make_tag_file(path)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    assert_refused_untouched(path, f"newer nkdesk \\(schema version {SCHEMA_VERSION + 1}")


def test_a_tag_file_with_an_unknown_migration_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "tags.sqlite"
    make_tag_file(path)
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('nkdesk.store', '0009-from-the-future', '2030-01-01')"
    )
    conn.commit()
    conn.close()
    # The file's user_version is still SCHEMA_VERSION: the message used to say
    # "schema version 2; this one reads up to 2", which explained nothing.
    with pytest.raises(StoreError) as raised:
        open_store(path)
    assert raised.value.reason == (
        f"was written by a newer nkdesk (schema version {SCHEMA_VERSION + 1}: its migration "
        f"'0009-from-the-future' is unknown here; this nkdesk reads versions up to "
        f"{SCHEMA_VERSION}); update nkdesk to open it"
    )
    assert_refused_untouched(path, "newer nkdesk")


def test_an_empty_file_becomes_a_tag_file(tmp_path: Path) -> None:
    path = tmp_path / "tags.sqlite"
    path.touch()
    with open_store(path) as store:
        assert store.tags()


def test_an_empty_sqlite_database_becomes_a_tag_file(tmp_path: Path) -> None:
    path = tmp_path / "tags.sqlite"
    sqlite3.connect(path).execute("PRAGMA user_version = 0").connection.close()
    with open_store(path) as store:
        assert store.tags()


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write to read-only files and folders")
def test_read_only_locations_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "tags.sqlite"
    make_tag_file(path)
    path.chmod(0o444)
    try:
        assert_refused_untouched(path, "is read-only")
        path.chmod(0o644)
        tmp_path.chmod(0o555)
        assert_refused_untouched(path, "read-only folder")
        with pytest.raises(StoreError, match="folder is read-only"):
            open_store(tmp_path / "new.sqlite")
    finally:
        tmp_path.chmod(0o755)
        path.chmod(0o644)


def test_read_only_locations_are_refused_as_the_system_reports_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The test above cannot run as root, for whom nothing is read-only; this
    # one stands in by making os.access answer as it would for another user.
    path = tmp_path / "tags.sqlite"
    make_tag_file(path)
    real_access = os.access

    def read_only(target: object, mode: int, **kwargs: object) -> bool:
        if mode & os.W_OK and Path(str(target)) in {path, tmp_path}:
            return False
        return real_access(target, mode)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", read_only)
    assert_refused_untouched(path, "is read-only")
    with pytest.raises(StoreError, match="folder is read-only"):
        open_store(tmp_path / "new.sqlite")


def test_a_writer_that_waits_too_long_gets_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "tags.sqlite"
    make_tag_file(path, annotations=0)
    monkeypatch.setattr("nkdesk.store.db.BUSY_TIMEOUT_S", 0.2)
    with open_store(path) as store:
        locker = sqlite3.connect(path, isolation_level=None)
        locker.execute("BEGIN IMMEDIATE")
        try:
            with pytest.raises(StoreError, match="busy"):
                store.add_claim("claim")
        finally:
            locker.execute("ROLLBACK")
            locker.close()
        assert store.claims() == []


def test_two_windows_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "tags.sqlite"
    make_tag_file(path, annotations=0)
    per_window = 150
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def window(tag: int) -> None:
        try:
            with open_store(path) as store:
                start.wait()
                for number in range(per_window):
                    store.add_annotation("reuters", number, number + 3, tag)
                    if number % 10 == 0:
                        store.annotations()  # reading while the other writes
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=window, args=(tag,)) for tag in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with open_store(path) as store:
        tags = [a.tag for a in store.annotations()]
    assert tags.count(1) == tags.count(2) == per_window


# Crashes: a process tagging in a loop, killed with SIGKILL at a random moment.

TAGGER = """
import sys
from nkdesk.corpus import Document
from nkdesk.store import open_store, undo

undo.UNDO_LIMIT = 10**9  # so that the journal can be compared with the data
store = open_store(sys.argv[1])
store.add_document(Document.from_text("doc", "word " * 2000))
print("ready", flush=True)
number = 0
while True:
    annotation = store.add_annotation("doc", number % 9000, number % 9000 + 4, 1 + number % 9)
    print("added", annotation.id, flush=True)
    if sys.argv[2] == "mixed" and number % 3 == 0:
        store.undo()
        print("undone", annotation.id, flush=True)
        if number % 2 == 0:
            store.redo()
            print("redone", annotation.id, flush=True)
    number += 1
"""


def run_and_kill(path: Path, mode: str, rng: random.Random) -> list[str]:
    """Start a tagger, kill it after a random while, and return the lines it finished."""
    with subprocess.Popen(
        [sys.executable, "-c", TAGGER, str(path), mode],
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
    ) as child:
        assert child.stdout is not None
        assert child.stdout.readline() == "ready\n"
        time.sleep(rng.uniform(0.05, 0.3))
        child.send_signal(signal.SIGKILL)
        # Read through the text wrapper, which may hold lines read ahead already.
        output = child.stdout.read()
        assert child.wait() == -signal.SIGKILL
    # The kill may cut the last line short ("added 12" of "added 123"): only
    # lines that reached their newline were reported.
    return output.split("\n")[:-1]


def integrity(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_killed_tagger_loses_at_most_the_change_in_flight(tmp_path: Path) -> None:
    path = tmp_path / "tags.sqlite"
    rng = random.Random(7)
    reported: set[int] = set()
    for _ in range(3):
        lines = run_and_kill(path, "adds", rng)
        reported |= {int(line.split()[1]) for line in lines if line.startswith("added")}
        assert integrity(path) == "ok"
        with open_store(path) as store:
            present = {a.id for a in store.annotations()}
            done = store._conn.execute(
                "SELECT count(*) FROM undo_journal WHERE undone = 0"
            ).fetchone()[0]
        assert reported <= present  # every committed tag is there
        assert len(present - reported) <= 3  # at most one in flight per kill
        assert done == len(present)  # each tag came with its journal entry
    assert len(reported) > 20


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_killed_tagger_leaves_data_and_history_in_step(tmp_path: Path) -> None:
    path = tmp_path / "tags.sqlite"
    rng = random.Random(11)
    for _ in range(3):
        run_and_kill(path, "mixed", rng)
        assert integrity(path) == "ok"
        with open_store(path) as store:
            present = store.annotations()
            done = store._conn.execute(
                "SELECT count(*) FROM undo_journal WHERE undone = 0"
            ).fetchone()[0]
            assert len(present) == done
            # The whole history still replays after the crash.
            while store.undo() is not None:
                pass
            assert store.annotations() == []
            for _ in range(done):
                store.redo()
            assert store.annotations() == present


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_two_processes_tagging_at_once_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "tags.sqlite"
    make_tag_file(path, annotations=0)
    code = (
        "import sys\nfrom nkdesk.store import open_store\n"
        "store = open_store(sys.argv[1])\n"
        "for n in range(100):\n"
        "    store.add_annotation('reuters', n, n + 2, int(sys.argv[2]))\n"
    )
    children = [
        subprocess.Popen([sys.executable, "-c", code, str(path), str(tag)], cwd=REPO)
        for tag in (3, 4)
    ]
    assert [child.wait(timeout=60) for child in children] == [0, 0]
    with open_store(path) as store:
        tags = [a.tag for a in store.annotations()]
    assert tags.count(3) == tags.count(4) == 100
    assert integrity(path) == "ok"


def test_a_document_with_the_same_text_is_not_rewritten(tmp_path: Path) -> None:
    path = tmp_path / "tags.sqlite"
    make_tag_file(path, annotations=0)
    with open_store(path) as store:
        revision = store.revision()
        assert (
            store.add_document(Document.from_text("reuters", ARTICLE.text, path=ARTICLE.path))
            is None
        )
        assert store.revision() == revision


def garble(path: Path) -> None:
    """Overwrite part of a page deep in the file, as a failing disk would."""
    data = bytearray(path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    data[page_size * 3 : page_size * 3 + 200] = random.Random(1).randbytes(200)
    path.write_bytes(bytes(data))


def test_a_store_opened_unchecked_writes_nothing_to_a_damaged_file(tmp_path: Path) -> None:
    path = tmp_path / "tags.sqlite"
    make_tag_file(path, annotations=200)
    garble(path)
    before = fingerprint(path)
    time.sleep(0.01)
    try:
        store = open_store(path, check=False)
    except StoreError as error:  # the damage is where opening reads
        assert "damaged" in str(error)
    else:
        with store:
            assert store.integrity.result(timeout=10) != ["ok"]
            with pytest.raises(StoreError, match=r"damaged.*nothing was written"):
                store.add_claim("into a damaged file")
    assert fingerprint(path) == before


def test_a_sound_file_opened_unchecked_is_checked_and_written(tmp_path: Path) -> None:
    path = tmp_path / "tags.sqlite"
    make_tag_file(path)
    with open_store(path, check=False) as store:
        assert store.integrity.result(timeout=10) == ["ok"]
        store.add_claim("after the check")
    with open_store(path) as store:
        assert [c.label for c in store.claims()] == ["after the check"]
