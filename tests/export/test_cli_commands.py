"""`nkdesk export` and `nkdesk import`: thin, helpful, and exit 2 on bad input."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from nkdesk.cli import _COMMANDS, EXPORT_FORMATS, main
from nkdesk.export import FORMATS, export
from nkdesk.store import TagStore, open_store

from .articles import AGENCY
from .helpers import sqlite_bytes


def nkdesk(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if k not in {"DISPLAY", "WAYLAND_DISPLAY"}}
    return subprocess.run(
        [sys.executable, "-m", "nkdesk", *args], capture_output=True, cwd=cwd, env=env, timeout=120
    )


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "tags.sqlite"
    with open_store(path, author="ann") as store:
        store.add_document(AGENCY)
        store.add_annotation(AGENCY.id, 0, 11, 1, note="=1+1")
    return path


def test_the_cli_knows_every_export_format() -> None:
    assert tuple(FORMATS) == EXPORT_FORMATS


@pytest.mark.parametrize("command", sorted(_COMMANDS))
def test_every_subcommand_has_help_with_examples(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main([command, "--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    assert "examples:" in out and f"nkdesk {command}" in out


def test_the_main_help_lists_export_and_import(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "  export  " in out and "  import  " in out


def test_export_csv_to_stdout_with_bom(db: Path) -> None:
    result = nkdesk("export", "--db", str(db), "--format", "csv", "--bom", "-o", "-")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(b"\xef\xbb\xbfdocument,")
    (row,) = csv.DictReader(io.StringIO(result.stdout.decode("utf-8-sig")))
    assert row["note"] == "'=1+1"


@pytest.mark.parametrize("format", ["json", "jsonld", "html"])
def test_text_formats_go_to_stdout(format: str, db: Path) -> None:
    result = nkdesk("export", "--db", str(db), "--format", format)
    assert result.returncode == 0, result.stderr
    if format == "html":
        assert result.stdout.startswith(b"<!DOCTYPE html>")
    else:
        json.loads(result.stdout)


def test_the_format_comes_from_the_suffix(db: Path, tmp_path: Path) -> None:
    for suffix in (".csv", ".json", ".jsonld", ".html", ".qdpx"):
        assert main(["export", "--db", str(db), "-o", str(tmp_path / f"out{suffix}")]) == 0
    assert (tmp_path / "out.qdpx").read_bytes().startswith(b"PK")


def test_qdpx_to_stdout_is_refused(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--db", str(db), "--format", "qdpx", "-o", "-"]) == 2
    assert "cannot go to standard output" in capsys.readouterr().err


def test_an_unknown_suffix_needs_a_format(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "out.xyz"
    assert main(["export", "--db", str(db), "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert str(target) in err and "--format" in err


def test_an_unknown_format_is_a_usage_error(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["export", "--db", str(db), "--format", "xml"])
    assert exited.value.code == 2
    assert "invalid choice: 'xml'" in capsys.readouterr().err


def test_exporting_a_missing_tag_file_does_not_create_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "missing.sqlite"
    assert main(["export", "--db", str(missing), "--format", "csv"]) == 2
    assert str(missing) in capsys.readouterr().err
    assert not missing.exists()


def test_an_unwritable_target_names_it(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "no" / "such" / "folder" / "out.csv"
    assert main(["export", "--db", str(db), "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert str(target) in err and "Traceback" not in err


def test_import_prints_what_it_did(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "bob.json"
    with TagStore.memory(author="bob") as bob:
        bob.add_document(AGENCY)
        bob.add_annotation(AGENCY.id, 0, 11, 1, note="bob's")
        bob.add_annotation(AGENCY.id, 12, 15, 2)
        export(bob, "json", source)
    assert main(["import", "--db", str(db), str(source)]) == 0
    out = capsys.readouterr().out
    assert (
        out.startswith(str(source))
        and "1 annotations added, 1 already present, 1 notes merged" in out
    )
    with open_store(db) as store:
        assert store.undo_label() == "Import 'bob.json'"


@pytest.mark.parametrize(
    "content", [b"{not json", b"PK\x03\x04broken", b"SQLite format 3\x00" + bytes(200)]
)
def test_a_bad_import_exits_2_naming_it_and_leaves_the_tag_file(
    content: bytes, db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.import"
    bad.write_bytes(content)
    before = sqlite_bytes(db)
    assert main(["import", "--db", str(db), str(bad)]) == 2
    err = capsys.readouterr().err
    assert f"nkdesk import: {bad}: " in err and "Traceback" not in err
    assert sqlite_bytes(db) == before


def test_a_bad_import_does_not_create_the_tag_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("[]")
    new = tmp_path / "new.sqlite"
    result = nkdesk("import", "--db", str(new), str(bad))
    assert result.returncode == 2 and str(bad).encode() in result.stderr
    assert not new.exists()


def test_the_readmes_export_example_works_before_anything_is_tagged(tmp_path: Path) -> None:
    # A first-time user: no tag file in the data folder yet.
    data = tmp_path / "data"
    env = {k: v for k, v in os.environ.items() if k not in {"DISPLAY", "WAYLAND_DISPLAY"}}
    result = subprocess.run(
        [sys.executable, "-m", "nkdesk", "export", "-o", "report.html"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**env, "XDG_DATA_HOME": str(data)},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "report.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert result.stderr.startswith("nkdesk export: notice: nothing is tagged yet")
    assert str(data / "nkdesk" / "nkdesk-tags.sqlite") in result.stderr
    assert not data.exists()  # exporting created no tag file


def test_exporting_a_tag_file_without_tags_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.sqlite"
    open_store(empty).close()
    target = tmp_path / "tags.csv"
    assert main(["export", "--db", str(empty), "-o", str(target)]) == 0
    assert capsys.readouterr().err == (
        f"nkdesk export: notice: {empty} holds no tags yet, so {target} holds none\n"
    )
    assert target.read_text(encoding="utf-8").count("\n") == 1  # the header row


def test_the_global_db_may_come_before_export_and_import(db: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    assert main(["--db", str(db), "export", "-o", str(target)]) == 0
    assert json.loads(target.read_text(encoding="utf-8"))["annotations"]
    other = tmp_path / "other.sqlite"
    assert main([f"--db={other}", "import", str(target)]) == 0
    with open_store(other) as store:
        assert len(store.annotations()) == 1


@pytest.mark.parametrize("where", ["before", "after"])
def test_db_with_compare_says_where_it_goes(
    where: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    articles = [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]
    for path in articles:
        Path(path).write_text("Officials said 12,000 troops arrived.\n", encoding="utf-8")
    given = (
        ["--db", "F", "compare", *articles]
        if where == "before"
        else ["compare", *articles, "--db", "F"]
    )
    assert main(given) == 2
    err = capsys.readouterr().err
    assert "compare reads articles only" in err and "--db goes with the window" in err
    assert "does not exist" not in err


def test_importing_a_csv_export_says_what_can_be_imported(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "case.csv"
    assert main(["export", "--db", str(db), "-o", str(target)]) == 0
    capsys.readouterr()
    before = sqlite_bytes(db)
    assert main(["import", "--db", str(db), str(target)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"nkdesk import: {target}: is a CSV file, which nkdesk cannot import")
    assert "JSON export" in err and ".qdpx" in err and "tag file" in err
    assert "not valid JSON" not in err
    assert sqlite_bytes(db) == before
