"""File > Open: bad input is reported by name and leaves the window as it was."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def window(make_window, synthetic_corpus):
    return make_window(synthetic_corpus)


@pytest.fixture
def texts(synthetic_corpus) -> tuple[str, str]:
    a, b = synthetic_corpus.documents
    return a.text, b.text


def shown_ids(window) -> list[str]:
    return [pane.document.id for pane in window.panes]


def test_a_folder_without_articles(window, tmp_path: Path) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    window.files.ask_folder = lambda: str(folder)
    window.actions_by_id["file.open_folder"].trigger()
    [(_title, text)] = window.report_error.calls
    assert str(folder) in text and "no articles" in text
    assert shown_ids(window) == ["a", "b"]
    assert window.analysis is not None


def test_a_binary_file(window, tmp_path: Path, texts) -> None:
    binary = tmp_path / "data.txt"
    binary.write_bytes(b"\x00\x01\x02PK\x03\x04" * 50)
    good = tmp_path / "good.txt"
    good.write_text(texts[0], encoding="utf-8")
    window.files.ask_files = lambda: [str(good), str(binary)]
    window.actions_by_id["file.open"].trigger()
    [(_, text)] = window.report_error.calls
    assert str(binary) in text and "binary" in text
    assert shown_ids(window) == ["a", "b"]


def test_only_one_article(window, tmp_path: Path, texts) -> None:
    folder = tmp_path / "lonely"
    folder.mkdir()
    (folder / "only.txt").write_text(texts[0], encoding="utf-8")
    assert window.files.open_paths([folder]) is False
    [(_title, text)] = window.report_error.calls
    assert "only.txt" in text and "two or more" in text
    assert shown_ids(window) == ["a", "b"]


def test_good_articles_replace_the_corpus(window, tmp_path: Path, qtbot, texts) -> None:
    folder = tmp_path / "kursk"
    folder.mkdir()
    for name, text in (("one.txt", texts[0]), ("two.txt", texts[1]), ("three.txt", texts[0][::-1])):
        (folder / name).write_text(text, encoding="utf-8")
    with qtbot.waitSignal(window.analysed, timeout=60_000):
        assert window.files.open_paths([folder]) is True
    assert shown_ids(window) == ["one", "three", "two"]
    assert "kursk" in window.windowTitle()
    assert window.report_error.calls == []


def test_the_message_box_names_file_and_problem(
    make_window, synthetic_corpus, tmp_path, monkeypatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from nkdesk.ui.main_window import MainWindow

    window = make_window(synthetic_corpus, wait=False)
    window.report_error = MainWindow._message_box.__get__(window)
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args))
    missing = tmp_path / "gone.txt"
    window.files.open_paths([missing])
    [(parent, _title, text)] = shown
    assert parent is window and str(missing) in text and "does not exist" in text
