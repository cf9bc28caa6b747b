"""The command line works without a display and fails politely on bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from nkdesk import __version__
from nkdesk.cli import main


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DISPLAY", "WAYLAND_DISPLAY"}}
    env.pop("QT_QPA_PLATFORM", None)
    return subprocess.run(
        [sys.executable, "-m", "nkdesk", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=60,
    )


def test_version_and_help_need_no_display(tmp_path: Path) -> None:
    version = run_cli("--version", cwd=tmp_path)
    assert version.returncode == 0
    assert version.stdout.strip() == f"nkdesk {__version__}"
    helptext = run_cli("--help", cwd=tmp_path)
    assert helptext.returncode == 0
    assert "compare" in helptext.stdout and "examples:" in helptext.stdout


@pytest.mark.parametrize("command", ["compare"])
def test_every_subcommand_has_help_with_an_example(command: str) -> None:
    result = run_cli(command, "--help")
    assert result.returncode == 0
    assert "examples:" in result.stdout
    assert f"nkdesk {command}" in result.stdout


def test_missing_path_is_a_clear_error_not_a_traceback(tmp_path: Path, capsys) -> None:
    missing = tmp_path / "nope.txt"
    assert main(["compare", str(missing)]) == 2
    err = capsys.readouterr().err
    assert str(missing) in err and "does not exist" in err
    assert "Traceback" not in err


def test_binary_file_refused_with_status_2(tmp_path: Path) -> None:
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x00\x01\x02PNG" * 100)
    result = run_cli(str(binary))
    assert result.returncode == 2
    assert "photo.txt" in result.stderr and "binary" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
@pytest.mark.parametrize("command", [["compare"], []])
def test_a_named_pipe_is_refused_at_once(tmp_path: Path, command: list[str]) -> None:
    fifo = tmp_path / "f.txt"
    os.mkfifo(fifo)
    (tmp_path / "a.txt").write_text("An article.\n", encoding="utf-8")
    # run_cli's timeout fails the test if the loader waits on the pipe.
    result = run_cli(*command, "f.txt", "a.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == "nkdesk: f.txt: is not a regular file (a named pipe); nothing read\n"


def test_a_symbolic_link_loop_is_exit_2_naming_the_file(tmp_path: Path) -> None:
    (tmp_path / "loop1").symlink_to(tmp_path / "loop2")
    (tmp_path / "loop2").symlink_to(tmp_path / "loop1")
    (tmp_path / "a.txt").write_text("An article.\n", encoding="utf-8")
    result = run_cli("compare", "loop1", "a.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert "loop1" in result.stderr and "loop" in result.stderr
    assert "Traceback" not in result.stderr and "RuntimeError" not in result.stderr


def test_invalid_utf8_is_read_with_a_warning_naming_the_file(tmp_path: Path) -> None:
    (tmp_path / "old.txt").write_bytes("Café owners said 12 000 visitors came.\n".encode("cp1252"))
    (tmp_path / "new.txt").write_text("Café owners said 12,000 visitors came.\n", encoding="utf-8")
    result = run_cli("compare", "old.txt", "new.txt", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stderr.startswith("nkdesk: warning: old.txt: is not valid UTF-8")
    assert "cp1252" in result.stderr and "new.txt" not in result.stderr


def test_no_display_is_exit_2_with_a_message_not_an_abort(tmp_path: Path) -> None:
    # run_cli removes DISPLAY, WAYLAND_DISPLAY and QT_QPA_PLATFORM: Qt's xcb plugin
    # used to abort (SIGABRT, exit 134) with advice about xcb-cursor0.
    result = run_cli(cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == (
        "nkdesk: no display: set DISPLAY, or run `nkdesk compare` for a report\n"
    )
    assert not (tmp_path / "nkdesk-tags.sqlite").exists()


@pytest.mark.parametrize(
    ("environ", "platform", "problem"),
    [
        ({}, "linux", True),
        ({"DISPLAY": ":0"}, "linux", False),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", False),
        ({"QT_QPA_PLATFORM": "offscreen"}, "linux", False),
        ({"QT_QPA_PLATFORM": "xcb"}, "linux", True),
        ({"QT_QPA_PLATFORM": "wayland;minimal"}, "linux", False),
        ({"QT_QPA_PLATFORM": "vnc:size=800x600"}, "freebsd14", False),
        ({}, "win32", False),
        ({}, "darwin", False),
    ],
)
def test_what_counts_as_a_display(environ: dict[str, str], platform: str, problem: bool) -> None:
    from nkdesk.ui.display import display_problem

    assert (display_problem(environ, platform) is not None) is problem


@pytest.mark.parametrize(("typed", "meant"), [("compre", "compare"), ("exprot", "export")])
def test_a_mistyped_command_suggests_the_right_one(tmp_path: Path, typed: str, meant: str) -> None:
    result = run_cli(typed, cwd=tmp_path)
    assert result.returncode == 2
    assert (
        f"{typed}: is neither a file nor a command; did you mean `nkdesk {meant}`?" in result.stderr
    )
    assert "does not exist" not in result.stderr


def test_a_file_named_like_a_command_is_still_an_article(tmp_path: Path) -> None:
    (tmp_path / "compre").write_text("An article.\n", encoding="utf-8")
    (tmp_path / "other.txt").write_text("Another article.\n", encoding="utf-8")
    result = run_cli("compre", "other.txt", cwd=tmp_path)
    # Read as an article; only then does the missing display stop the window.
    assert result.returncode == 2 and "no display" in result.stderr
    assert "did you mean" not in result.stderr


def test_compare_piped_into_a_reader_that_stops_early_ends_quietly(tmp_path: Path) -> None:
    # `nkdesk compare --json | head -2`: the reader closes the pipe after two lines.
    with subprocess.Popen(
        [sys.executable, "-m", "nkdesk", "compare", "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        first = process.stdout.readline()
        process.stdout.close()
        error = process.stderr.read().decode()
        assert process.wait(timeout=60) == 0
    assert first.strip() == b"{"
    assert "Traceback" not in error and "BrokenPipe" not in error


def test_compare_json_documents_carry_their_source_details() -> None:
    data = Path(__file__).parent / "data" / "sources"
    result = run_cli("compare", "--json", str(data / "meta.html"), str(data / "prose.txt"))
    assert result.returncode == 0, result.stderr
    documents = {d["id"]: d for d in json.loads(result.stdout)["documents"]}
    assert documents["meta"]["outlet"] == "The Coastal Herald"
    assert documents["meta"]["published"] == "2023-03-14"
    assert documents["meta"]["origin"] == "Pacific Wire Service"
    # Unknown is null, never missing.
    fields = ("outlet", "published", "url", "author", "origin")
    assert [documents["prose"][f] for f in fields] == [None] * 5
