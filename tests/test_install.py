"""An installed nkdesk finds its seeds and resources from any directory."""

from __future__ import annotations

import filecmp
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    # Build from a copy so that the checkout is left exactly as it was.
    source = out / "src"
    shutil.copytree(
        REPO,
        source,
        ignore=shutil.ignore_patterns(".venv", ".git", "*.egg-info", "__pycache__", ".*cache*"),
    )
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(source)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (built,) = out.glob("nkdesk-*.whl")
    return built


def test_wheel_carries_seeds_resources_and_entry_points(wheel: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(tmp_path / "site")
        names = archive.namelist()
    entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    text = (tmp_path / "site" / entry_points).read_text()
    assert "nkdesk = nkdesk.cli:main" in text
    assert "newsclaims = nkdesk.text.lexer:NewsClaimsLexer" in text

    bundled = tmp_path / "site" / "nkdesk" / "_data" / "seeds"
    seeds = sorted(p.name for p in (REPO / "seeds").iterdir())
    assert sorted(p.name for p in bundled.iterdir()) == seeds
    _match, mismatch, errors = filecmp.cmpfiles(REPO / "seeds", bundled, seeds, shallow=False)
    assert not mismatch and not errors

    # From a directory that is not the checkout, the unpacked wheel resolves
    # its own bundled seeds, not the checkout's.
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = "import nkdesk.bundle as b; print(b.seeds_dir()); print(b.resources_dir())"
    env = dict(os.environ, PYTHONPATH=str(tmp_path / "site"))
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    seeds_dir, resources_dir = out.stdout.split()
    assert Path(seeds_dir) == bundled
    assert Path(resources_dir) == tmp_path / "site" / "nkdesk" / "_data" / "resources"


@pytest.mark.skipif(not (BIN / "nkdesk").exists(), reason="nkdesk is not installed in this venv")
def test_installed_command_runs_from_another_directory(tmp_path: Path) -> None:
    result = subprocess.run(
        [str(BIN / "nkdesk"), "--help"], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0 and "usage: nkdesk" in result.stdout


@pytest.mark.skipif(not (BIN / "pygmentize").exists(), reason="pygmentize is not in this venv")
def test_pygmentize_knows_the_newsclaims_lexer(tmp_path: Path) -> None:
    seed = sorted((REPO / "seeds").glob("*.txt"))[0]
    result = subprocess.run(
        [str(BIN / "pygmentize"), "-l", "newsclaims", "-f", "raw", str(seed)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "Token.Literal.Number" in result.stdout
