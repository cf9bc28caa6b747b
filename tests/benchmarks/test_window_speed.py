"""How fast the window shows its highlights, and what hover and scroll cost.

    .venv/bin/python -m pytest tests/benchmarks/test_window_speed.py -q

pytest-benchmark figures, not timed assertions (see README, "Benchmarks"):

- window to highlights, in-process and offscreen: from constructing the
  MainWindow on the seeds to its ``analysed`` signal (the comparison arrived
  from the worker and every pane's highlights are set);
- launch to highlights, whole process: from starting the installed ``nkdesk``
  (offscreen) to the first paint of the first pane after the highlights were
  applied, read from the state file ``NKDESK_DEBUG_STATE`` makes it write;
- one hover lookup and one linked-scroll step on the seeds: both only look
  things up in what the comparison left, so they cost microseconds, never a
  wait on the worker.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from nkdesk.corpus import load_corpus
from nkdesk.ui.main_window import MainWindow

from .corpora import reworded_articles

APP = Path(sys.executable).parent / "nkdesk"
ANALYSIS_TIMEOUT_MS = 60_000
LAUNCH_TIMEOUT_S = 60
POLL_S = 0.005
LAUNCH_ROUNDS = 5

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


@pytest.fixture
def seeds(seed_paths):
    return load_corpus(seed_paths)


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "nkdesk.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def analysed_window(qtbot, seeds, settings):
    window = MainWindow(seeds, settings=settings)
    qtbot.addWidget(window)
    window.resize(1600, 1000)
    with qtbot.waitSignal(window.analysed, timeout=ANALYSIS_TIMEOUT_MS):
        window.show()
    return window


def test_window_to_highlights_in_process(benchmark, qtbot, seeds, settings) -> None:
    windows: list[MainWindow] = []

    def show() -> MainWindow:
        window = MainWindow(seeds, settings=settings)
        windows.append(window)
        with qtbot.waitSignal(window.analysed, timeout=ANALYSIS_TIMEOUT_MS):
            window.show()
        return window

    def close_previous() -> None:
        while windows:
            window = windows.pop()
            window.close()
            window.deleteLater()

    window = benchmark.pedantic(show, setup=close_previous, rounds=10, iterations=1)
    assert all(pane.marks for pane in window.panes)
    close_previous()


def _launch_to_highlights(
    tmp_path: Path, number: int, arguments: tuple[str, ...] = ()
) -> tuple[float, float, float]:
    """Start nkdesk, wait for its first painted highlights, stop it.

    Returns seconds from start to painted highlights, to applied highlights
    and to the first paint of the articles, from the app's own clock
    readings against ours.
    """
    home = tmp_path / f"launch{number}"
    home.mkdir()
    state = home / "state.json"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "XDG_"))}
    env.update(
        QT_QPA_PLATFORM="offscreen",
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        NKDESK_DEBUG_STATE=str(state),
    )
    started = time.time()
    process = subprocess.Popen(
        [str(APP), *arguments],
        cwd=home,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + LAUNCH_TIMEOUT_S
        while time.monotonic() < deadline:
            try:
                data = json.loads(state.read_text(encoding="utf-8"))
            except (FileNotFoundError, ValueError):
                data = {}
            if data.get("highlights_painted_at"):
                return (
                    data["highlights_painted_at"] - started,
                    data["highlights_applied_at"] - started,
                    data["first_painted_at"] - started,
                )
            assert process.poll() is None, "nkdesk exited before showing its highlights"
            time.sleep(POLL_S)
        raise AssertionError("nkdesk did not show its highlights in time")
    finally:
        process.terminate()
        process.wait(timeout=30)


def _benchmark_launch(benchmark, tmp_path: Path, arguments: tuple[str, ...] = ()) -> None:
    painted: list[float] = []
    applied: list[float] = []
    first: list[float] = []

    def launch() -> None:
        shown, set_at, articles = _launch_to_highlights(tmp_path, len(painted), arguments)
        painted.append(shown)
        applied.append(set_at)
        first.append(articles)

    benchmark.pedantic(launch, rounds=LAUNCH_ROUNDS, iterations=1)
    # The benchmark's own figure includes stopping the process; these do not.
    benchmark.extra_info["painted_median_s"] = round(statistics.median(painted), 3)
    benchmark.extra_info["applied_median_s"] = round(statistics.median(applied), 3)
    benchmark.extra_info["first_paint_median_s"] = round(statistics.median(first), 3)
    print(
        f"\nlaunch to articles painted: median {statistics.median(first):.3f} s, "
        f"to highlights painted: {statistics.median(painted):.3f} s, "
        f"applied: {statistics.median(applied):.3f} s over {len(painted)} launches"
    )


@pytest.mark.skipif(not APP.is_file(), reason=f"no installed nkdesk script at {APP}")
def test_launch_to_highlights_whole_process(benchmark, tmp_path: Path) -> None:
    _benchmark_launch(benchmark, tmp_path)


@pytest.mark.skipif(not APP.is_file(), reason=f"no installed nkdesk script at {APP}")
def test_launch_to_highlights_twelve_articles(benchmark, tmp_path: Path) -> None:
    """The issue's second launch: twelve reworded articles of 4 KB each."""
    folder = tmp_path / "articles"
    folder.mkdir()
    for document in reworded_articles(12, 4_000):
        (folder / f"{document.id}.txt").write_text(document.text, encoding="utf-8")
    _benchmark_launch(benchmark, tmp_path, (str(folder),))


def test_hover_lookup(benchmark, analysed_window) -> None:
    pane = analysed_window.panes[0]
    comparison = analysed_window.analysis.comparison
    conflict = next(c for c in comparison.conflicts if c.a.doc == pane.document.id)
    text = benchmark(pane.view.tooltip_provider, conflict.a.start)
    assert "Conflict" in text


def test_linked_scroll_step(benchmark, analysed_window) -> None:
    window = analysed_window
    window.actions_by_id["view.linked_scrolling"].setChecked(True)
    window.focus_pane(0)
    bar = window.panes[0].view.verticalScrollBar()
    values = [bar.maximum() // 3, bar.maximum() // 3 + 40]

    def scroll() -> None:
        values.reverse()
        bar.setValue(values[0])

    benchmark(scroll)
    assert window.navigator.link_panes(window.panes[0].document.id)
