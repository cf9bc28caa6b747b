"""Exports are all or nothing, report progress and can be cancelled (nkdesk.export, .output)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from nkdesk.export import (
    FORMATS,
    Cancelled,
    ExportError,
    export,
    format_for,
    snapshot,
)
from nkdesk.store import TagStore

REPO = Path(__file__).resolve().parents[2]


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


@pytest.mark.parametrize("format", sorted(FORMATS))
def test_every_format_writes_a_file_and_no_temporary_one(
    format: str, tagged: TagStore, tmp_path: Path
) -> None:
    target = tmp_path / f"out{FORMATS[format][0]}"
    export(tagged, format, target)
    assert target.stat().st_size > 0
    assert leftovers(tmp_path) == []
    assert format_for(target) == format


def test_an_unknown_format_names_the_target(tagged: TagStore, tmp_path: Path) -> None:
    target = tmp_path / "out.xml"
    with pytest.raises(ExportError) as raised:
        export(tagged, "xml", target)
    assert raised.value.path == str(target) and "unknown export format 'xml'" in str(raised.value)
    assert not target.exists()


@pytest.mark.parametrize("where", ["missing folder", "a file as folder", "a folder as target"])
def test_an_unwritable_target_is_a_clear_error(
    where: str, tagged: TagStore, tmp_path: Path
) -> None:
    target = {
        "missing folder": tmp_path / "nope" / "out.csv",
        "a file as folder": tmp_path / "file.txt" / "out.csv",
        "a folder as target": tmp_path / "folder",
    }[where]
    (tmp_path / "file.txt").write_text("x")
    (tmp_path / "folder").mkdir()
    with pytest.raises(ExportError) as raised:
        export(tagged, "csv", target)
    assert raised.value.path == str(target)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_folder_is_a_clear_error(tagged: TagStore, tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(ExportError, match="cannot be written"):
            export(tagged, "csv", folder / "out.csv")
    finally:
        folder.chmod(0o700)


def test_a_cancelled_export_leaves_the_previous_file_as_it_was(
    tagged: TagStore, tmp_path: Path
) -> None:
    target = tmp_path / "tags.json"
    target.write_bytes(b"the previous export")
    with pytest.raises(Cancelled) as raised:
        export(tagged, "json", target, cancelled=lambda: True)
    assert raised.value.path == str(target)
    assert target.read_bytes() == b"the previous export"
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("format", sorted(FORMATS))
def test_a_failure_half_way_leaves_no_half_written_file(
    format: str, tagged: TagStore, tmp_path: Path
) -> None:
    target = tmp_path / "tags.out"
    target.write_bytes(b"old")
    calls = []

    def fail_on_the_second_report(done: int, total: int) -> None:
        calls.append(done)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")

    from nkdesk.export import output

    original = output.REPORT_EVERY
    output.REPORT_EVERY = 1
    try:
        with pytest.raises(ExportError, match="the disk is full"):
            export(tagged, format, target, progress=fail_on_the_second_report)
    finally:
        output.REPORT_EVERY = original
    assert target.read_bytes() == b"old" and leftovers(tmp_path) == []


def test_progress_is_reported_up_to_the_total(tagged: TagStore, tmp_path: Path) -> None:
    reports: list[tuple[int, int]] = []
    export(
        tagged,
        "csv",
        tmp_path / "t.csv",
        progress=lambda done, total: reports.append((done, total)),
    )
    total = len(tagged.annotations())
    assert reports[-1] == (total, total)
    assert [done for done, _ in reports] == sorted(done for done, _ in reports)


def test_an_existing_files_permissions_are_kept(tagged: TagStore, tmp_path: Path) -> None:
    target = tmp_path / "tags.csv"
    target.write_text("old")
    target.chmod(0o640)
    export(tagged, "csv", target)
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    fresh = tmp_path / "new.csv"
    export(tagged, "csv", fresh)
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o666 & ~mask


def test_a_worker_thread_exports_a_snapshot_taken_on_the_stores_thread(
    tagged: TagStore, tmp_path: Path
) -> None:
    data = snapshot(tagged)  # on the store's thread: fast
    errors: list[BaseException] = []

    def work() -> None:
        try:
            for format, (suffix, _, _) in FORMATS.items():
                export(data, format, tmp_path / f"worker{suffix}")
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    worker = threading.Thread(target=work)
    worker.start()
    worker.join()
    assert not errors
    assert (tmp_path / "worker.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_a_worker_may_open_its_own_store_on_the_same_file(tmp_path: Path) -> None:
    from nkdesk.store import open_store

    path = tmp_path / "tags.sqlite"
    with open_store(path) as ui_store:
        ui_store.add_tag("mine", "#010203")

        def work() -> None:
            with open_store(path) as own:
                export(own, "json", tmp_path / "w.json")

        worker = threading.Thread(target=work)
        worker.start()
        worker.join()
    assert '"mine"' in (tmp_path / "w.json").read_text(encoding="utf-8")


# A killed export (kill -9 before its rename) leaves its hidden part file.

KILLED_EXPORT = """
import os, sys
from nkdesk.export import output

with output.atomic_output(sys.argv[1]) as out:
    out.write(b"half an export")
    out.flush()
    os.kill(os.getpid(), 9)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_the_part_files_of_killed_exports_go_with_the_next_export_to_the_folder(
    tagged: TagStore, tmp_path: Path
) -> None:
    left = []
    for name in ("report.html", "tags.csv"):
        killed = subprocess.run(
            [sys.executable, "-c", KILLED_EXPORT, str(tmp_path / name)], cwd=REPO, timeout=60
        )
        assert killed.returncode == -9
        # Each export starts by clearing the dead ones' part files, then leaves its own.
        left.append(leftovers(tmp_path))
    assert [len(names) for names in left] == [1, 1] and left[0] != left[1]
    assert left[0][0].startswith(".report.html.") and left[1][0].startswith(".tags.csv.")
    export(tagged, "json", tmp_path / "tags.json")
    assert leftovers(tmp_path) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tags.json"]


def test_a_part_file_of_an_export_still_running_is_left_alone(
    tagged: TagStore, tmp_path: Path
) -> None:
    from nkdesk.export import output

    with output.atomic_output(tmp_path / "slow.csv") as out:
        out.write(b"being written")
        export(tagged, "json", tmp_path / "tags.json")
        assert len(leftovers(tmp_path)) == 1
    assert (tmp_path / "slow.csv").read_bytes() == b"being written"


def test_another_machines_part_file_goes_only_once_long_untouched(
    tagged: TagStore, tmp_path: Path
) -> None:
    from nkdesk.export import output

    fresh = tmp_path / ".a.csv.abcd1234.00000000-1.part"
    old = tmp_path / ".b.csv.abcd1234.00000000-2.part"
    other_program = tmp_path / ".c.csv.part"
    for path in (fresh, old, other_program):
        path.write_bytes(b"x")
    long_ago = time.time() - output.STALE_PART_S - 60
    os.utime(old, (long_ago, long_ago))
    os.utime(other_program, (long_ago, long_ago))
    export(tagged, "json", tmp_path / "tags.json")
    assert leftovers(tmp_path) == [fresh.name, other_program.name]
