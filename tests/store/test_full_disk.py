"""A full disk: the message says so and names the folder, and nothing is left behind (issue #10).

The first tests fill a real, small file system (a tmpfs, which only root may
mount; they skip with the reason otherwise); the others give the same code
paths the errors a full disk raises, so that they run everywhere.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from nkdesk.corpus import Document
from nkdesk.export import ExportError, export
from nkdesk.store import StoreError, open_store
from nkdesk.store import db as store_db

from .articles import ARTICLE

REPO = Path(__file__).resolve().parents[2]
DISK_BYTES = 1 << 20


def nkdesk(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "nkdesk", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )


def fill(folder: Path) -> None:
    """Write zeros into ``folder`` until its file system has no room left."""
    with (folder / "filler").open("wb") as file:
        try:
            while True:
                file.write(bytes(64 << 10))
                file.flush()
        except OSError as error:
            assert error.errno == errno.ENOSPC


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 1 MiB tmpfs mounted in tmp_path (root only), unmounted afterwards."""
    if sys.platform != "linux" or os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small tmpfs needs root on Linux; the injected tests below stand in")
    folder = tmp_path / "disk"
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={DISK_BYTES}", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
    )
    if mounted.returncode != 0:
        pytest.skip(f"this machine does not let root mount a tmpfs: {mounted.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def full_disk_message(command: str, path: Path) -> str:
    return (
        f"nkdesk {command}: {path.name}: cannot be written: the disk is full "
        f"(no space left in {path.parent})\n"
    )


def test_a_new_tag_file_on_a_full_disk_says_so_and_leaves_nothing(
    small_disk: Path, tmp_path: Path
) -> None:
    export_file = tmp_path / "colleague.json"
    with open_store(tmp_path / "colleague.sqlite") as colleague:
        colleague.add_document(ARTICLE)
        colleague.add_annotation(ARTICLE.id, 0, 5, 1)
        export(colleague, "json", export_file)
    fill(small_disk)
    before = sorted(os.listdir(small_disk))
    result = nkdesk("import", "--db", "new.sqlite", str(export_file), cwd=small_disk)
    assert result.returncode == 2
    assert result.stderr == full_disk_message("import", small_disk / "new.sqlite")
    assert sorted(os.listdir(small_disk)) == before


def test_an_import_that_fills_the_disk_leaves_no_new_tag_file(
    small_disk: Path, tmp_path: Path
) -> None:
    # Room for the new tag file, not for the 1.5 MB of text imported into it.
    export_file = tmp_path / "colleague.json"
    with open_store(tmp_path / "colleague.sqlite") as colleague:
        for number in range(3):
            text = f"Article {number}\n" + "Officials said troops arrived. " * 16_000
            colleague.add_document(Document.from_text(f"a{number}", text))
        export(colleague, "json", export_file)
    result = nkdesk("import", "--db", "new.sqlite", str(export_file), cwd=small_disk)
    assert result.returncode == 2
    assert result.stderr == full_disk_message("import", small_disk / "new.sqlite")
    assert os.listdir(small_disk) == []


def test_an_export_on_a_full_disk_says_so_and_leaves_nothing(small_disk: Path) -> None:
    db = small_disk / "tags.sqlite"
    with open_store(db) as store:
        store.add_document(ARTICLE)
        store.add_annotation(ARTICLE.id, 0, 5, 1)
    fill(small_disk)
    before = {p.name: p.read_bytes() for p in small_disk.iterdir() if p.name != "filler"}
    result = nkdesk("export", "--db", "tags.sqlite", "-o", "out.csv", cwd=small_disk)
    assert result.returncode == 2
    assert "the disk is full" in result.stderr and str(small_disk) in result.stderr
    after = {p.name: p.read_bytes() for p in small_disk.iterdir() if p.name != "filler"}
    assert after == before  # no -wal, -shm or .part file, and the tag file as it was


# The same paths, given the errors a full disk raises.


def fail_migrating(monkeypatch: pytest.MonkeyPatch, error: Exception) -> None:
    """Make opening a tag file fail as the first write to it would on a full disk."""

    def apply(db: object) -> None:
        raise error

    monkeypatch.setattr(store_db.MIGRATIONS, "apply", apply)


def test_sqlite_saying_the_disk_is_full_names_the_folder_and_removes_the_new_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fail_migrating(monkeypatch, sqlite3.OperationalError("database or disk is full"))
    path = tmp_path / "new.sqlite"
    with pytest.raises(StoreError) as raised:
        open_store(path)
    assert (
        raised.value.reason == f"cannot be written: the disk is full (no space left in {tmp_path})"
    )
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize(("free", "expected"), [(0, "the disk is full"), (1 << 30, "input/output")])
def test_a_disk_io_error_is_called_a_full_disk_only_when_the_disk_is_full(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, free: int, expected: str
) -> None:
    path = tmp_path / "tags.sqlite"
    with open_store(path) as store:
        store.add_document(ARTICLE)
    before = path.read_bytes()
    fail_migrating(monkeypatch, sqlite3.OperationalError("disk I/O error"))
    real_statvfs = os.statvfs

    def statvfs(folder: object) -> os.statvfs_result:
        found = real_statvfs(folder)  # type: ignore[arg-type]
        return os.statvfs_result((*found[:4], free // found.f_frsize, *found[5:]))

    monkeypatch.setattr(os, "statvfs", statvfs)
    with pytest.raises(StoreError, match=expected):
        open_store(path)
    assert sorted(os.listdir(tmp_path)) == ["tags.sqlite"]  # its -wal and -shm went
    assert path.read_bytes() == before


def test_a_failed_open_never_removes_a_log_another_window_has(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "tags.sqlite"
    with open_store(path) as other:
        other.add_claim("not yet in the main file")
        logs = {p.name for p in tmp_path.iterdir()}
        assert "tags.sqlite-wal" in logs
        fail_migrating(monkeypatch, sqlite3.OperationalError("database or disk is full"))
        with pytest.raises(StoreError):
            open_store(path)
        assert {p.name for p in tmp_path.iterdir()} == logs
        assert [c.label for c in other.claims()] == ["not yet in the main file"]


def test_an_export_that_runs_out_of_room_names_the_folder_and_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_store(tmp_path / "tags.sqlite") as store:
        store.add_document(ARTICLE)
        target = tmp_path / "out.json"
        target.write_text("the previous export")

        def no_room(descriptor: int) -> None:
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(os, "fsync", no_room)
        with pytest.raises(ExportError) as raised:
            export(store, "json", target)
    assert (
        raised.value.reason == f"cannot be written: the disk is full (no space left in {tmp_path})"
    )
    assert target.read_text() == "the previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json", "tags.sqlite"]
