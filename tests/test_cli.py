"""The command line works without a display and fails politely on bad input."""

from __future__ import annotations

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
