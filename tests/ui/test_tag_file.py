"""Which tag file the window uses, what it says when one cannot be used, two windows on one."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from nkdesk.cli import _app_parser
from nkdesk.store import open_store
from nkdesk.store.location import TAG_FILE_NAME
from nkdesk.ui.tag_file_commands import NO_TAG_FILE


def test_the_status_bar_names_the_tag_file(make_window, synthetic_corpus, tag_path) -> None:
    window = make_window(synthetic_corpus, wait=False)
    label = window.tag_file_label
    assert label.text() == f"Tags: {tag_path.name}"
    assert str(tag_path) in label.toolTip()
    # A permanent widget: a passing status message does not hide it.
    window.statusBar().showMessage("something else")
    assert label.isVisible()
    # The articles shown are stored in it, so that it stands alone.
    with open_store(tag_path) as store:
        assert [d.text for d in store.documents()] == [d.text for d in synthetic_corpus]


def test_the_default_tag_file_is_in_the_data_folder(
    make_window, synthetic_corpus, isolated_data
) -> None:
    window = make_window(synthetic_corpus, wait=False, tags=None)
    assert window.tag_file_commands.open_tag_file(None)
    assert Path(window.tag_file.path) == isolated_data / "nkdesk" / TAG_FILE_NAME


def test_db_option_names_the_tag_file() -> None:
    parser = _app_parser()
    assert parser.parse_args(["--db", "x.sqlite", "a.txt"]).db == "x.sqlite"
    assert parser.parse_args([]).db is None
    assert "--db" in parser.format_help()


def write_newer(path: Path) -> None:
    open_store(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA user_version = 99")
    conn.close()


@pytest.mark.parametrize(
    ("make_bad", "reason"),
    [
        (lambda p: p.write_text("shopping list\n"), "not an nkdesk tag file"),
        (lambda p: p.write_bytes(b"SQLite format 3\x00" + b"\x01" * 30), "damaged"),
        (write_newer, "newer nkdesk"),
        (lambda p: p.mkdir(), "is a folder"),
    ],
    ids=["text", "cut-short", "newer", "folder"],
)
def test_a_bad_tag_file_is_reported_and_the_old_one_kept(
    make_window, synthetic_corpus, tmp_path, qtbot, make_bad, reason
) -> None:
    window = make_window(synthetic_corpus, wait=False)
    before = window.tag_file.path
    bad = tmp_path / "bad.sqlite"
    make_bad(bad)
    snapshot = bad.read_bytes() if bad.is_file() else None

    window.tag_file_commands.ask_tag_file = lambda _new: str(bad)
    window.actions_by_id["file.open_tag_file"].trigger()

    [(title, text)] = window.report_error.calls
    assert title == "Cannot open the tag file"
    assert str(bad) in text and reason in text
    assert window.tag_file.path == before
    assert window.tag_file_label.text() == f"Tags: {Path(before).name}"
    if snapshot is not None:
        assert bad.read_bytes() == snapshot, "a refused file is left untouched"
    # Tagging still works, into the file it had.
    view = window.panes[0].view
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    view.move_caret(synthetic_corpus.documents[0].text.index("Kursk"))
    qtbot.keyClick(view, Qt.Key.Key_1)
    with open_store(before) as store:
        assert [a.quote for a in store.annotations()] == ["Kursk"]


def test_a_bad_file_with_none_open_leaves_tagging_off(
    make_window, synthetic_corpus, tmp_path, monkeypatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from nkdesk.ui.main_window import MainWindow

    window = make_window(synthetic_corpus, wait=False, tags=None)
    window.report_error = MainWindow._message_box.__get__(window)
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args))
    bad = tmp_path / "notes.sqlite"
    bad.write_text("not a database")
    assert window.tag_file_commands.open_tag_file(bad) is False
    [(parent, _title, text)] = shown
    assert parent is window and str(bad) in text and "not an nkdesk tag file" in text
    assert window.tag_file.store is None
    assert window.tag_file_label.text() == "No tag file: tagging is off"
    assert window.tagger.apply_hotkey(1) is None


def test_new_tag_file_never_replaces_a_file(make_window, synthetic_corpus, tmp_path) -> None:
    window = make_window(synthetic_corpus, wait=False)
    existing = tmp_path / "theirs.sqlite"
    existing.write_text("someone's data")
    window.tag_file_commands.ask_tag_file = lambda new: str(existing) if new else ""
    window.actions_by_id["file.new_tag_file"].trigger()
    [(_title, text)] = window.report_error.calls
    assert "already exists" in text and existing.read_text() == "someone's data"

    fresh = tmp_path / "kursk.sqlite"
    window.tag_file_commands.ask_tag_file = lambda new: str(fresh) if new else ""
    window.actions_by_id["file.new_tag_file"].trigger()
    assert window.tag_file.path == str(fresh)
    assert window.tag_file_label.text() == "Tags: kursk.sqlite"
    assert window.tag_rows == []


def test_opening_another_tag_file_shows_its_tags(
    make_window, synthetic_corpus, tmp_path, tag_path
) -> None:
    window = make_window(synthetic_corpus, wait=False)
    window.panes[0].view.move_caret(synthetic_corpus.documents[0].text.index("Kursk"))
    window.tagger.apply_hotkey(2)
    assert len(window.tag_rows) == 1
    window.tag_file_commands.ask_tag_file = lambda _new: str(tmp_path / "other.sqlite")
    window.actions_by_id["file.open_tag_file"].trigger()
    assert window.tag_rows == [] and window.panes[0].view.tag_marks == []
    window.tag_file_commands.ask_tag_file = lambda _new: str(tag_path)
    window.actions_by_id["file.open_tag_file"].trigger()
    assert len(window.tag_rows) == 1 and window.panes[0].view.tag_marks


def test_two_windows_on_one_tag_file_see_each_others_tags(
    make_window, synthetic_corpus, qtbot
) -> None:
    one = make_window(synthetic_corpus, wait=False)
    two = make_window(synthetic_corpus, wait=False)
    text = synthetic_corpus.documents[0].text
    one.panes[0].view.move_caret(text.index("Kursk"))
    one.tagger.apply_hotkey(8)
    # The other window notices on its own, by polling (about once a second).
    qtbot.waitUntil(lambda: len(two.tag_rows) == 1, timeout=5000)
    assert [m.annotation for m in two.panes[0].view.tag_marks] == [one.tag_rows[0].annotation.id]
    assert two.tags_panel.tags_model.rowCount() == 1

    two.panes[0].view.move_caret(text.index("November"))
    two.tagger.apply_hotkey(3)
    assert one.tag_file.poll() is True
    assert sorted(r.tag_name for r in one.tag_rows) == ["dates", "location"]
    # Each window undoes its own tags (issue #10): Ctrl+Z in the first takes its own.
    one.actions_by_id["edit.undo"].trigger()
    two.tag_file.poll()
    assert [r.tag_name for r in two.tag_rows] == ["dates"]


def test_editing_a_tag_another_window_removed_says_so(make_window, synthetic_corpus, qtbot) -> None:
    one = make_window(synthetic_corpus, wait=False)
    two = make_window(synthetic_corpus, wait=False)
    text = synthetic_corpus.documents[0].text
    one.panes[0].view.move_caret(text.index("Kursk"))
    [annotation] = [one.tagger.apply_hotkey(8)]
    two.tag_file.poll()
    assert one.tagger.edit_annotation(annotation.id)
    two.tagger.remove_annotation(annotation.id)
    one.quick_tag.value.setText("too late")
    qtbot.keyClick(one.quick_tag.value, Qt.Key.Key_Return)
    [(title, text)] = one.report_error.calls
    assert title == "Cannot change the tag" and "no annotation" in text
    assert one.tag_rows == [] and one.panes[0].view.tag_marks == []


def test_a_tag_file_holding_another_article_of_the_same_name_turns_tagging_off(
    make_window, synthetic_corpus, tag_path
) -> None:
    from nkdesk.corpus import Document

    # The tag file already knows an article "a" from another folder.
    with open_store(tag_path) as store:
        store.add_document(
            Document.from_text("a", "Wheat prices rose in Chicago.", path="/other/a.txt")
        )
    window = make_window(synthetic_corpus, wait=False, tags=None)
    assert window.tag_file_commands.open_tag_file(tag_path) is False
    [(title, text)] = window.report_error.calls
    assert title == "Cannot store the articles in the tag file"
    assert str(tag_path) in text and "different article named 'a'" in text
    assert window.tag_file.store is None
    assert window.tag_file_label.text() == "No tag file: tagging is off"
    # Nothing was tagged onto the wrong text, and the file kept what it had.
    with open_store(tag_path) as store:
        assert store.document("a").text == "Wheat prices rose in Chicago."
        assert store.annotations() == []


def test_a_damaged_tag_file_is_reported_after_opening_and_never_written(
    make_window, synthetic_corpus, tmp_path, qtbot
) -> None:
    import random

    # Opening does not wait for the whole-file check; its verdict closes the file.
    window = make_window(synthetic_corpus, wait=False)
    damaged = tmp_path / "damaged.sqlite"
    with open_store(damaged) as store:
        for document in synthetic_corpus.documents:
            store.add_document(document)
        for number in range(300):
            store.add_annotation(synthetic_corpus.documents[0].id, number, number + 3, 1)
    data = bytearray(damaged.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    data[page_size * 3 : page_size * 3 + 200] = random.Random(1).randbytes(200)
    damaged.write_bytes(bytes(data))
    snapshot = damaged.read_bytes()

    window.tag_file_commands.open_tag_file(damaged)
    qtbot.waitUntil(lambda: window.tag_file.store is None, timeout=10_000)
    _title, text = window.report_error.calls[-1]
    assert str(damaged) in text and "damaged" in text
    assert window.tag_file.store is None
    assert window.tag_file_label.text() == "No tag file: tagging is off"
    assert damaged.read_bytes() == snapshot, "nothing was written to the damaged file"


def test_a_deferred_tag_file_opens_once_the_articles_are_painted(
    make_window, synthetic_corpus, tmp_path, qtbot
) -> None:
    # As nkdesk's launch does (nkdesk.ui.app.run): the file after the first paint.
    window = make_window(synthetic_corpus, wait=False, tags=None)
    later = tmp_path / "later.sqlite"
    window.tag_file_commands.open_later(lambda: window.tag_file_commands.open_tag_file(later))
    assert window.tag_file.path == ""  # not before the paint
    assert window.tag_file_label.text() == "Tags: opening…"
    window.panes[0].view.viewport().update()
    qtbot.waitUntil(lambda: window.tag_file.path == str(later), timeout=5000)
    assert window.tag_file_label.text() == "Tags: later.sqlite"


def test_with_a_comparison_on_its_way_the_tag_file_opens_after_its_highlights(
    make_window, synthetic_corpus, tmp_path, qtbot, gate
) -> None:
    # As the launch does with a head start: the highlights first, then the file.
    held = gate()
    window = make_window(synthetic_corpus, wait=False, tags=None)
    later = tmp_path / "later.sqlite"
    window.tag_file_commands.open_later(
        lambda: window.tag_file_commands.open_tag_file(later), after_analysis=True
    )
    window.panes[0].view.viewport().update()
    qtbot.wait(300)  # painted, the comparison still running
    assert window.analysis_run.comparing
    assert window.tag_file.path == ""
    assert window.tag_file_label.text() == "Tags: opening…"
    with qtbot.waitSignal(window.analysed, timeout=60_000):
        held.open()
    assert window.tag_file.path == ""  # not before the highlights' paint
    qtbot.waitUntil(lambda: window.tag_file.path == str(later), timeout=5000)
    assert all(pane.marks for pane in window.panes)


def test_a_deferred_tag_file_that_cannot_open_says_tagging_is_off(
    make_window, synthetic_corpus, tmp_path, qtbot
) -> None:
    window = make_window(synthetic_corpus, wait=False, tags=None)
    folder = tmp_path / "a folder"
    folder.mkdir()
    window.tag_file_commands.open_later(lambda: window.tag_file_commands.open_tag_file(folder))
    window.panes[0].view.viewport().update()
    qtbot.waitUntil(lambda: window.tag_file_label.text() == NO_TAG_FILE, timeout=5000)
    assert window.report_error.calls and str(folder) in window.report_error.calls[0][1]


def test_a_tag_made_before_the_deferred_tag_file_opened_is_saved_in_it(
    make_window, synthetic_corpus, tmp_path
) -> None:
    window = make_window(synthetic_corpus, wait=False, tags=None)
    later = tmp_path / "later.sqlite"
    window.tag_file.defer(lambda: window.tag_file_commands.open_tag_file(later))
    window.panes[0].view.move_caret(synthetic_corpus.documents[0].text.index("Kursk"))
    window.tagger.apply_hotkey(2)  # a key pressed the moment the window showed
    assert len(window.tag_rows) == 1
    with open_store(later) as store:
        assert len(store.annotations(synthetic_corpus.documents[0].id)) == 1


def test_a_tag_file_opened_by_hand_wins_over_a_deferred_one(
    make_window, synthetic_corpus, tmp_path, tag_path
) -> None:
    window = make_window(synthetic_corpus, wait=False, tags=None)
    window.tag_file.defer(lambda: window.tag_file_commands.open_tag_file(tmp_path / "late.sqlite"))
    window.tag_file_commands.ask_tag_file = lambda _new: str(tag_path)
    window.actions_by_id["file.open_tag_file"].trigger()
    window.tag_file.open_deferred()  # the first paint, coming after
    assert window.tag_file.path == str(tag_path)
    assert not (tmp_path / "late.sqlite").exists()
