"""Two windows on one tag file: each one's Ctrl+Z takes back its own operations (issue #10)."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt

from nkdesk.export import export, import_file
from nkdesk.store import open_store

CTRL = Qt.KeyboardModifier.ControlModifier


def focus(qtbot, view) -> None:
    """Give a pane the keys, raising its window above the other first."""
    window = view.window()
    window.raise_()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)


def tag_word(qtbot, window, text: str, word: str, key: Qt.Key) -> None:
    view = window.panes[0].view
    focus(qtbot, view)
    view.move_caret(text.index(word))
    qtbot.keyClick(view, key)


def ctrl_z(qtbot, window) -> None:
    view = window.panes[0].view
    focus(qtbot, view)
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)


def saved_quotes(tag_path: Path) -> list[tuple[str, str]]:
    with open_store(tag_path) as store:
        tags = {t.id: t.name for t in store.tags()}
        return [(a.quote, tags[a.tag]) for a in store.annotations()]


def test_ctrl_z_in_one_window_leaves_the_other_windows_tag(
    make_window, synthetic_corpus, qtbot, tag_path
) -> None:
    text = synthetic_corpus.documents[0].text
    a = make_window(synthetic_corpus, wait=False)
    b = make_window(synthetic_corpus, wait=False)
    tag_word(qtbot, a, text, "Kursk", Qt.Key.Key_5)
    assert saved_quotes(tag_path) == [("Kursk", "deployment")]
    b.tag_file.poll()
    assert [r.annotation.quote for r in b.panes[0].view.tag_rows] == ["Kursk"]
    assert b.actions_by_id["edit.undo"].isEnabled() is False

    ctrl_z(qtbot, b)
    assert saved_quotes(tag_path) == [("Kursk", "deployment")]
    assert "Undone" not in b.statusBar().currentMessage()

    tag_word(qtbot, b, text, "November", Qt.Key.Key_3)
    ctrl_z(qtbot, b)
    assert b.statusBar().currentMessage() == "Undone: Tag 'dates'"
    assert saved_quotes(tag_path) == [("Kursk", "deployment")]

    a.tag_file.poll()
    assert a.actions_by_id["edit.undo"].text() == "&Undo Tag 'deployment'"
    ctrl_z(qtbot, a)
    assert a.statusBar().currentMessage() == "Undone: Tag 'deployment'"
    assert saved_quotes(tag_path) == []
    b.tag_file.poll()
    assert b.panes[0].view.tag_marks == []


def test_a_closed_windows_tags_undo_in_the_next_window(
    make_window, synthetic_corpus, qtbot, tag_path
) -> None:
    text = synthetic_corpus.documents[0].text
    a = make_window(synthetic_corpus, wait=False)
    tag_word(qtbot, a, text, "Kursk", Qt.Key.Key_5)
    a.close()
    again = make_window(synthetic_corpus, wait=False)
    assert again.actions_by_id["edit.undo"].text() == "&Undo Tag 'deployment'"
    ctrl_z(qtbot, again)
    assert saved_quotes(tag_path) == []


def test_an_edit_another_window_made_since_is_not_undone_over(
    make_window, synthetic_corpus, qtbot, tag_path
) -> None:
    text = synthetic_corpus.documents[0].text
    a = make_window(synthetic_corpus, wait=False)
    b = make_window(synthetic_corpus, wait=False)
    tag_word(qtbot, a, text, "Kursk", Qt.Key.Key_5)
    annotation = a.tag_file.store.annotations()[0]
    b.tag_file.call("edit", lambda store: store.update_annotation(annotation.id, note="B's"))
    ctrl_z(qtbot, a)
    assert a.report_error.calls and a.report_error.calls[-1][0] == "Cannot undo"
    assert "changed since, in another window" in a.report_error.calls[-1][1]
    with open_store(tag_path) as store:
        assert store.annotations()[0].note == "B's"


def test_a_window_whose_article_an_undone_import_took_stores_it_again(
    make_window, synthetic_corpus, qtbot, tag_path, tmp_path: Path
) -> None:
    # The other window imported these very articles; undoing the import
    # takes its documents, which this window shows and tags into.
    with open_store(tmp_path / "colleague.sqlite") as colleague:
        for document in synthetic_corpus.documents:
            colleague.add_document(document)
        export(colleague, "json", tmp_path / "colleague.json")
    assert json.loads((tmp_path / "colleague.json").read_text())["documents"]
    with open_store(tag_path) as store:
        import_file(store, tmp_path / "colleague.json")  # nkdesk import, before the window
    window = make_window(synthetic_corpus, wait=False)
    ctrl_z(qtbot, window)
    assert window.statusBar().currentMessage() == "Undone: Import 'colleague.json'"
    text = synthetic_corpus.documents[0].text
    tag_word(qtbot, window, text, "Kursk", Qt.Key.Key_5)
    assert window.report_error.calls == []
    assert saved_quotes(tag_path) == [("Kursk", "deployment")]
