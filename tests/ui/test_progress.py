"""A long comparison: a busy bar and Stop, a UI that never waits, stale results dropped."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication

from nkdesk.ui.theme import LAYER_PROPERTY
from nkdesk.ui.worker import PROGRESS_DELAY_MS

# What "never waits" means here: far below the held analysis (until the test
# opens the gate) and below what an analyst would notice.
INSTANT_S = 0.5


def marks_drawn(window) -> bool:
    return any(
        s.format.property(LAYER_PROPERTY) in ("shared", "conflict")
        for pane in window.panes
        for s in pane.view.extraSelections()
    )


def test_busy_bar_and_stop_appear_only_after_a_moment(make_window, synthetic_corpus, qtbot, gate):
    held = gate()
    started = time.monotonic()
    window = make_window(synthetic_corpus, wait=False)
    assert window.analysis_run.comparing and not window.progress.isVisible()
    assert "Comparing 2 articles" in window.summary.text()
    qtbot.waitUntil(lambda: window.progress.isVisible() and window.stop_button.isVisible())
    assert time.monotonic() - started >= PROGRESS_DELAY_MS / 1000
    with qtbot.waitSignal(window.analysed, timeout=60_000):
        held.open()
    assert not window.progress.isVisible() and not window.stop_button.isVisible()
    assert not window.actions_by_id["view.stop"].isEnabled()


def test_esc_stops_and_the_late_result_is_never_drawn(make_window, synthetic_corpus, qtbot, gate):
    held = gate()
    window = make_window(synthetic_corpus, wait=False)
    view = window.panes[0].view
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    with qtbot.waitSignal(window.analysis_stopped):
        qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert not window.analysis_run.comparing and "stopped" in window.summary.text()
    assert not window.actions_by_id["view.stop"].isEnabled()
    with qtbot.assertNotEmitted(window.analysed, wait=100):
        held.open()
        qtbot.waitUntil(lambda: not window.analysis_run.threads, timeout=60_000)
    assert window.analysis is None and not marks_drawn(window)
    # F5 compares again, and this time the marks come.
    with qtbot.waitSignal(window.analysed, timeout=60_000):
        qtbot.keyClick(view, Qt.Key.Key_F5)
    assert marks_drawn(window)


def test_the_stop_button_stops(make_window, synthetic_corpus, qtbot, gate) -> None:
    gate()
    window = make_window(synthetic_corpus, wait=False)
    qtbot.waitUntil(window.stop_button.isVisible)
    with qtbot.waitSignal(window.analysis_stopped):
        qtbot.mouseClick(window.stop_button, Qt.MouseButton.LeftButton)
    assert not window.stop_button.isVisible() and window.analysis is None


def test_a_replaced_corpus_result_is_dropped(
    make_window, synthetic_corpus, qtbot, gate, tmp_path: Path
) -> None:
    held = gate({"a", "b"})
    window = make_window(synthetic_corpus, wait=False)
    folder = tmp_path / "other"
    folder.mkdir()
    for name, document in zip(("one", "two"), synthetic_corpus.documents, strict=True):
        (folder / f"{name}.txt").write_text(document.text, encoding="utf-8")
    with qtbot.waitSignal(window.analysed, timeout=60_000):
        assert window.files.open_paths([folder])
    newer = window.analysis
    assert [d.id for d in newer.comparison.documents] == ["one", "two"]
    with qtbot.assertNotEmitted(window.analysed, wait=100):
        held.open()
        qtbot.waitUntil(lambda: not window.analysis_run.threads, timeout=60_000)
    assert window.analysis is newer
    assert [p.document.id for p in window.panes] == ["one", "two"]


def test_hover_and_scroll_never_wait_for_the_analysis(
    make_window, synthetic_corpus, qtbot, gate
) -> None:
    held = gate()
    window = make_window(synthetic_corpus, wait=False, size=(900, 500))
    qtbot.waitUntil(window.analysis_run.threads[0].isRunning)  # once the text is painted
    window.actions_by_id["view.linked_scrolling"].setChecked(True)
    a, b = window.panes
    point = QPoint(40, 40)
    started = time.monotonic()
    event = QHelpEvent(QEvent.Type.ToolTip, point, a.view.viewport().mapToGlobal(point))
    QApplication.sendEvent(a.view.viewport(), event)
    a.view.setFocus()
    qtbot.waitUntil(a.view.hasFocus)
    b.view.verticalScrollBar().setValue(b.view.verticalScrollBar().maximum())
    a.view.verticalScrollBar().setValue(a.view.verticalScrollBar().maximum())
    assert time.monotonic() - started < INSTANT_S
    assert window.analysis_run.comparing and window.analysis_run.threads[0].isRunning()
    with qtbot.waitSignal(window.analysed, timeout=60_000):
        held.open()


def test_closing_mid_comparison_does_not_wait(make_window, synthetic_corpus, qtbot, gate):
    held = gate()
    window = make_window(synthetic_corpus, wait=False)
    thread = window.analysis_run.threads[0]
    qtbot.waitUntil(thread.isRunning)  # it starts once the articles are painted
    started = time.monotonic()
    window.close()
    assert time.monotonic() - started < INSTANT_S
    assert not window.isVisible() and thread.isRunning()
    with qtbot.assertNotEmitted(window.analysed, wait=100):
        held.open()
        qtbot.waitUntil(lambda: not window.analysis_run.threads, timeout=60_000)
    assert window.analysis is None


def test_a_window_never_shown_is_still_compared(
    synthetic_corpus, qtbot, tmp_path: Path, monkeypatch
):
    # A long comparison waits for the articles' first paint; a window that is
    # never painted (embedded, or hidden) must not wait for ever.
    from PySide6.QtCore import QSettings

    from nkdesk.ui import analysis_run
    from nkdesk.ui.main_window import MainWindow

    monkeypatch.setattr(analysis_run, "WAIT_FOR_PAINT_CHARS", 0)  # as if long

    settings = QSettings(str(tmp_path / "nkdesk.ini"), QSettings.Format.IniFormat)
    window = MainWindow(synthetic_corpus, settings=settings)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.analysed, timeout=60_000):
        pass
    assert not window.isVisible()
    assert all(pane.marks for pane in window.panes)
