"""Fixtures and options shared by the whole suite."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Qt must never need a display in the unit tests; the end-to-end tests start
# their own Xvfb and pass DISPLAY to the app they launch.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--regen-golden",
        action="store_true",
        help="rewrite golden files from the current output instead of comparing",
    )


@pytest.fixture
def regen_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--regen-golden"))


@pytest.fixture(scope="session")
def seed_paths() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


@pytest.fixture(scope="session")
def seed_texts(seed_paths: list[Path]) -> dict[str, str]:
    from nkdesk.corpus import load_corpus

    return {d.id: d.text for d in load_corpus(seed_paths)}
