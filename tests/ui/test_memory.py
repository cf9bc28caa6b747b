"""What the window remembers between sessions: geometry, zoom, linked scrolling, corpora."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from nkdesk.corpus import load_corpus
from nkdesk.ui import recent
from nkdesk.ui.main_window import MainWindow


@pytest.fixture
def reopen(qtbot, synthetic_corpus):
    """A second window, as at the next start, on the same isolated settings."""

    def make(corpus=synthetic_corpus) -> MainWindow:
        window = MainWindow(corpus)
        qtbot.addWidget(window)
        with qtbot.waitSignal(window.analysed, timeout=60_000):
            window.show()
        return window

    return make


def corpus_folder(tmp_path: Path, name: str, texts: list[str]) -> Path:
    folder = tmp_path / name
    folder.mkdir()
    for number, text in enumerate(texts):
        (folder / f"article{number}.txt").write_text(text, encoding="utf-8")
    return folder


def test_settings_are_isolated(isolated_settings: Path) -> None:
    assert Path(QSettings().fileName()).is_relative_to(isolated_settings)


def test_zoom_and_linked_scrolling_persist(make_window, synthetic_corpus, reopen) -> None:
    window = make_window(synthetic_corpus)
    default_size = window.panes[0].view.font().pointSizeF()
    window.actions_by_id["view.zoom_in"].trigger()
    window.actions_by_id["view.zoom_in"].trigger()
    window.actions_by_id["view.linked_scrolling"].setChecked(True)
    window.close()

    again = reopen()
    assert again.zoom == 2
    assert again.panes[0].view.font().pointSizeF() > default_size
    assert again.actions_by_id["view.linked_scrolling"].isChecked()
    again.actions_by_id["view.zoom_reset"].trigger()
    assert again.panes[0].view.font().pointSizeF() == default_size


def test_a_corrupt_zoom_setting_is_ignored(synthetic_corpus, reopen) -> None:
    QSettings().setValue("view/zoom", "enormous")
    assert reopen().zoom == 0


def test_opened_corpora_are_offered_again(make_window, synthetic_corpus, reopen, tmp_path, qtbot):
    texts = [d.text for d in synthetic_corpus.documents]
    first = corpus_folder(tmp_path, "kursk", texts)
    second = corpus_folder(tmp_path, "seoul", texts[::-1])
    window = make_window(synthetic_corpus)
    assert not window.actions_by_id["file.reopen_last"].isEnabled()
    for folder in (first, second):
        with qtbot.waitSignal(window.analysed, timeout=60_000):
            assert window.files.open_paths([folder])
    # The one shown now is not "the last": the one before it is.
    assert window.files.last_corpus() == (str(first),)
    window.close()

    again = reopen()  # started on another corpus, as `nkdesk` starts on the seeds
    labels = [a.text() for a in again.files.recent_menu.actions()]
    assert labels == ["&1 seoul/", "&2 kursk/"]
    assert again.actions_by_id["file.reopen_last"].isEnabled()
    with qtbot.waitSignal(again.analysed, timeout=60_000):
        again.actions_by_id["file.reopen_last"].trigger()
    assert "seoul" in again.windowTitle()
    with qtbot.waitSignal(again.analysed, timeout=60_000):
        again.files.recent_menu.actions()[1].trigger()
    assert "kursk" in again.windowTitle()
    assert [a.text() for a in again.files.recent_menu.actions()] == ["&1 kursk/", "&2 seoul/"]


def test_open_recent_holds_at_most_eight(synthetic_corpus, reopen, tmp_path) -> None:
    entries = [(str(tmp_path / f"corpus{n}"),) for n in range(12)]
    QSettings().setValue("recent/corpora", recent.dumps(entries))
    window = reopen()
    assert len(window.files.recent_menu.actions()) == recent.MAX_RECENT == 8


def test_the_seeds_are_not_remembered(make_window, seed_paths, synthetic_corpus, tmp_path):
    window = make_window(synthetic_corpus, wait=False)
    window.files.remember_corpus(load_corpus(seed_paths))
    assert window.files.recent == []
    folder = corpus_folder(tmp_path, "mine", [d.text for d in synthetic_corpus.documents])
    window.files.remember_corpus(load_corpus([folder]))
    assert window.files.recent == [tuple(str(p) for p in sorted(folder.glob("*.txt")))]
