"""At most twelve articles side by side: File > Open and `nkdesk PATH…` refuse more, politely."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from nkdesk.cli import main
from nkdesk.ui.capacity import MAX_ARTICLES, too_many

TOPICS = (
    "harbour",
    "orchard",
    "railway",
    "library",
    "glacier",
    "festival",
    "vineyard",
    "observatory",
    "brewery",
    "lighthouse",
    "monastery",
    "shipyard",
    "meadow",
    "canyon",
    "bazaar",
)


@pytest.fixture
def crowded(tmp_path: Path) -> Path:
    """A folder of fifteen short, different articles."""
    folder = tmp_path / "crowded"
    folder.mkdir()
    for number, topic in enumerate(TOPICS, start=1):
        (folder / f"{number:02d}-{topic}.txt").write_text(
            f"Report on the {topic}\n\nVisitors to the {topic} counted {number * 7} boats "
            f"on day {number}, and the {topic} keepers said the weather held.\n",
            encoding="utf-8",
        )
    return folder


def test_the_limit_in_words() -> None:
    assert too_many(["/news"], MAX_ARTICLES) is None
    message = too_many(["/news/kursk"], 15)
    assert message is not None
    assert message.startswith("nkdesk shows 2 to 12 articles side by side; /news/kursk holds 15")
    assert "the 3 files and folders given hold 13" in (too_many(["a", "b", "c"], 13) or "")


def test_file_open_refuses_more_than_twelve_and_keeps_the_corpus(
    make_window, synthetic_corpus, crowded
) -> None:
    window = make_window(synthetic_corpus)
    window.files.ask_folder = lambda: str(crowded)
    window.actions_by_id["file.open_folder"].trigger()
    [(title, text)] = window.report_error.calls
    assert title == "Too many articles"
    assert f"nkdesk shows 2 to 12 articles side by side; {crowded} holds 15" in text
    assert [p.document.id for p in window.panes] == ["a", "b"]
    assert window.analysis is not None and not window.analysis_run.comparing
    assert window.files.recent == []


def test_the_command_line_refuses_before_loading_qt(crowded: Path) -> None:
    # In a process of its own: this one has loaded Qt long ago.
    env = {k: v for k, v in os.environ.items() if k not in {"DISPLAY", "WAYLAND_DISPLAY"}}
    env.pop("QT_QPA_PLATFORM", None)
    code = (
        "import sys; from nkdesk.cli import main; status = main(sys.argv[1:]);"
        "print(status, sorted(m for m in sys.modules if m.startswith('PySide6')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(crowded)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert result.stdout.split() == ["2", "[]"]
    assert f"nkdesk: nkdesk shows 2 to 12 articles side by side; {crowded} holds 15" in (
        result.stderr
    )
    assert "Traceback" not in result.stderr


def test_compare_takes_any_number(crowded: Path, capsys) -> None:
    assert main(["compare", "--json", str(crowded)]) == 0
    assert '"documents"' in capsys.readouterr().out
