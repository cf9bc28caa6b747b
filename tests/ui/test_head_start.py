"""The launch's comparison, begun in a child process while the window is built.

What an analyst relies on: the window launched with a head start shows the
same highlights as one that compared in its own thread; a head start that
cannot serve (other articles, a child that failed) never leaves the window
unmarked; and no child process outlives its use.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace

import pytest

from nkdesk.corpus import Corpus, Document
from nkdesk.sources import Source
from nkdesk.ui import head_start as head_start_module
from nkdesk.ui import worker
from nkdesk.ui.analysis import analyse
from nkdesk.ui.head_start import MAX_CHARS, HeadStart

CHILD_TIMEOUT_S = 60


@pytest.fixture
def two_cores(monkeypatch) -> None:
    """A head start is only for machines with a core to spare: say this one has."""
    monkeypatch.setattr(head_start_module, "cores", lambda: 2)


@pytest.fixture
def engine_refuses(monkeypatch) -> list[tuple[str, ...]]:
    """The window's own comparison records the corpora it was asked for and runs."""
    asked: list[tuple[str, ...]] = []
    real = worker.analyse

    def recording(documents):
        asked.append(tuple(d.id for d in documents))
        return real(documents)

    monkeypatch.setattr(worker, "analyse", recording)
    return asked


def _analysed_window(qtbot, corpus: Corpus, head_start: HeadStart):
    """A window given ``head_start``, shown, once its comparison is drawn."""
    from nkdesk.ui.main_window import MainWindow

    window = MainWindow(corpus, head_start=head_start)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.analysed, timeout=CHILD_TIMEOUT_S * 1000):
        window.show()
    return window


def _started(documents) -> HeadStart:
    started = HeadStart.start(documents)
    assert started is not None
    return started


def test_the_child_finds_what_the_window_would(two_cores, seed_corpus: Corpus) -> None:
    started = _started(seed_corpus.documents)
    result = started.result()
    assert result is not None
    own = analyse(seed_corpus.documents)
    assert result.comparison == own.comparison
    assert result.comparison.conflicts and result.comparison.links
    for doc_id, marks in own.marks.items():
        assert result.marks[doc_id].items == marks.items
    assert result.matrix == own.matrix
    assert result.overview == own.overview
    assert result.shared == own.shared
    # Token types are Pygments' own objects again, since code compares them with ``is``.
    own_types = {id(t) for tokens in own.claim_tokens.values() for _, _, t in tokens}
    types = {id(t) for tokens in result.claim_tokens.values() for _, _, t in tokens}
    assert types and types <= own_types
    assert started._process.poll() is not None  # the child is gone once it answered


def test_the_window_draws_the_head_start(
    two_cores, seed_corpus: Corpus, qtbot, engine_refuses
) -> None:

    window = _analysed_window(qtbot, seed_corpus, _started(seed_corpus.documents))
    assert engine_refuses == []  # drawn from the child's comparison alone
    assert all(pane.marks for pane in window.panes)
    conflicts = len(window.analysis.comparison.conflicts)
    assert conflicts and f"{conflicts} conflicts" in window.summary.text()


def test_a_head_start_for_other_articles_is_ended_not_drawn(
    two_cores, seed_corpus: Corpus, synthetic_corpus: Corpus, qtbot, engine_refuses
) -> None:

    other = _started(seed_corpus.documents)
    window = _analysed_window(qtbot, synthetic_corpus, other)
    assert engine_refuses == [("a", "b")]
    assert {d.id for d in window.analysis.comparison.documents} == {"a", "b"}
    assert other._process.poll() is not None


def test_a_failed_child_leaves_the_window_to_compare(
    synthetic_corpus: Corpus, qtbot, engine_refuses
) -> None:

    # A child that dies at once, as one killed or out of memory would.
    dead = subprocess.Popen(
        [sys.executable, "-c", "import sys; sys.exit(3)"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    dying = HeadStart(dead)
    dying.documents = synthetic_corpus.documents
    window = _analysed_window(qtbot, synthetic_corpus, dying)
    assert engine_refuses == [("a", "b")]
    assert all(pane.marks for pane in window.panes)


def _silent_child(documents) -> HeadStart:
    """A head start whose child never answers (stopped, stuck, or just slow)."""
    process = subprocess.Popen(
        [sys.executable, "-c", "import time; time.sleep(120)"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    silent = HeadStart(process)
    silent.documents = tuple(documents)
    return silent


def test_stopping_the_comparison_ends_the_child_and_compares_nothing(
    synthetic_corpus: Corpus, qtbot, engine_refuses
) -> None:
    from nkdesk.ui.main_window import MainWindow

    silent = _silent_child(synthetic_corpus.documents)
    window = MainWindow(synthetic_corpus, head_start=silent)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.analysis_run.comparing, timeout=5000)
    window.actions_by_id["view.stop"].trigger()
    qtbot.waitUntil(lambda: silent._process.poll() is not None, timeout=5000)
    qtbot.waitUntil(lambda: not window.analysis_run.threads, timeout=5000)
    assert engine_refuses == []  # the core given back, not spent on a second comparison
    assert window.analysis is None
    assert "stopped" in window.summary.text()


def test_a_silent_child_is_given_up_and_the_window_compares(
    synthetic_corpus: Corpus, qtbot, engine_refuses, monkeypatch
) -> None:

    monkeypatch.setattr(head_start_module, "TIMEOUT_S", 0.5)
    silent = _silent_child(synthetic_corpus.documents)
    window = _analysed_window(qtbot, synthetic_corpus, silent)
    assert engine_refuses == [("a", "b")]
    assert silent._process.poll() is not None
    assert all(pane.marks for pane in window.panes)


def test_a_comparison_that_fails_in_the_child_is_reported_by_the_window(two_cores, qtbot) -> None:
    """The child's error is not lost: the window's own comparison reports it."""
    from nkdesk.ui.main_window import MainWindow

    twins = (Document.from_text("same", "One text."), Document.from_text("same", "Two text."))
    started = _started(twins)
    window = MainWindow(Corpus(twins), head_start=started)
    window.report_error = lambda title, text: errors.append((title, text))
    errors: list[tuple[str, str]] = []
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.analysis_failed, timeout=CHILD_TIMEOUT_S * 1000) as failed:
        window.show()
    assert "same" in failed.args[0]  # the repeated id is named
    assert errors and errors[0][0] == "Comparison failed"


def test_the_child_is_ended_when_closed(two_cores, seed_corpus: Corpus) -> None:
    started = _started(seed_corpus.documents)
    started.close()
    assert started._process.poll() is not None
    assert started.result() is None


def test_no_head_start_where_it_cannot_help(monkeypatch, synthetic_corpus: Corpus) -> None:
    monkeypatch.setattr(head_start_module, "cores", lambda: 1)
    assert HeadStart.start(synthetic_corpus.documents) is None  # one core: nothing to gain
    monkeypatch.setattr(head_start_module, "cores", lambda: 4)
    long = tuple(Document.from_text(i, "Word. " * (MAX_CHARS // 10)) for i in "ab")
    assert HeadStart.start(long) is None  # its records would cost more than it gains
    assert HeadStart.start(synthetic_corpus.documents[:1]) is None  # nothing to compare


def test_serves_only_the_same_articles(two_cores, synthetic_corpus: Corpus) -> None:
    documents = synthetic_corpus.documents
    started = _started(documents)
    try:
        assert started.serves(documents)
        assert not started.serves(documents[:1])
        edited = (documents[0], Document.from_text("b", documents[1].text + " More."))
        assert not started.serves(edited)
        # A publication date changes what a relative date resolves to.
        dated = (documents[0], replace(documents[1], source=Source(published="2024-11-05")))
        assert not started.serves(dated)
    finally:
        started.close()


def test_the_command_hands_its_head_start_to_the_window(two_cores, monkeypatch) -> None:
    from nkdesk import cli
    from nkdesk.bundle import seeds_dir
    from nkdesk.corpus import load_corpus
    from nkdesk.ui import app, display

    handed: list[HeadStart | None] = []

    def run(corpus, tag_file=None, head_start=None):
        handed.append(head_start)
        return 0

    monkeypatch.setattr(app, "run", run)
    monkeypatch.setattr(display, "display_problem", lambda: None)
    assert cli.main([]) == 0
    (started,) = handed
    assert started is not None
    try:
        assert started.serves(load_corpus([str(seeds_dir())]).documents)
    finally:
        started.close()


def test_the_child_runs_this_nkdesk_whatever_its_working_folder_holds(
    two_cores, synthetic_corpus: Corpus, tmp_path, monkeypatch
) -> None:
    # Launched from a folder holding another nkdesk (an old checkout, say).
    impostor = tmp_path / "nkdesk"
    impostor.mkdir()
    (impostor / "__init__.py").write_text("raise SystemExit('the wrong nkdesk')\n")
    monkeypatch.chdir(tmp_path)
    result = _started(synthetic_corpus.documents).result()
    assert result is not None
    assert {d.id for d in result.comparison.documents} == {"a", "b"}


def test_the_child_never_loads_qt() -> None:
    """The child starts while Qt loads in the window's process: paying for it twice
    would take the head start away."""
    loaded = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, nkdesk.ui.head_start, nkdesk.ui.analysis, nkdesk.analysis.compare; "
            "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert loaded.strip() == "[]"
