"""Issue 14, item 1: typing meant for somewhere else never makes a tag name.

The panes are read-only reading surfaces whose plain keys are commands (T
opens the quick-tag popup, 1-9 apply tags). A note typed into a pane, or into
the popup, must end in a status message and an unchanged tag file.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from nkdesk.store import open_store

SENTENCE = "unattributed, no date of estimate: about 11,000 troops were sent to the area"


def tag_names(path) -> set[str]:
    with open_store(path) as store:
        return {t.name for t in store.tags()}


def annotation_count(path) -> int:
    with open_store(path) as store:
        return len(store.annotation_rows())


@pytest.fixture
def window(make_window, seed_corpus):
    return make_window(seed_corpus, size=(1400, 800))


def test_a_sentence_typed_into_three_panes_adds_no_tag(window, qtbot, tag_path) -> None:
    before = tag_names(tag_path)
    for pane in window.panes[:3]:
        view = pane.view
        view.setFocus()
        qtbot.waitUntil(view.hasFocus)
        # Inside a highlighted (shared) passage, where the tagging keys act.
        qtbot.keyClick(view, Qt.Key.Key_F8)
        qtbot.keyClicks(view, SENTENCE)
        qtbot.keyClick(view, Qt.Key.Key_Return)
        assert not window.quick_tag.isVisible()
    assert tag_names(tag_path) == before
    assert annotation_count(tag_path) == 0, "no digit in the sentence applied a tag"
    assert "Typing ignored" in window.statusBar().currentMessage()


def test_t_on_a_word_then_typing_and_return_adds_no_tag_name(window, qtbot, tag_path) -> None:
    before = tag_names(tag_path)
    view = window.panes[0].view
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    qtbot.keyClick(view, Qt.Key.Key_F8)
    qtbot.keyClick(
        view,
        Qt.Key.Key_Right,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.keyClick(view, Qt.Key.Key_T)
    assert window.quick_tag.isVisible()
    field = QApplication.focusWidget()
    qtbot.keyClicks(field, "tributed, no date of estimate")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert window.quick_tag.isVisible(), "Enter waits for an existing name"
    assert "Ctrl+Enter" in window.quick_tag.hint.text()
    qtbot.keyClick(field, Qt.Key.Key_Escape)
    assert not window.quick_tag.isVisible()
    assert window.statusBar().currentMessage() == "Tagging cancelled: nothing saved"
    # What is typed right after the popup closed is not a command either.
    qtbot.keyClicks(view, "t1 more")
    assert not window.quick_tag.isVisible()
    assert tag_names(tag_path) == before
    assert annotation_count(tag_path) == 0


def test_return_applies_an_existing_tag_and_a_pause_restores_the_keys(
    window, qtbot, tag_path
) -> None:
    view = window.panes[0].view
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    qtbot.keyClick(view, Qt.Key.Key_F8)
    qtbot.keyClicks(view, "x")  # typing: the keys are held...
    qtbot.keyClick(view, Qt.Key.Key_1)
    assert annotation_count(tag_path) == 0
    now = view.clock()
    view.clock = lambda: now + 60  # ...until the keyboard has been quiet a while
    qtbot.keyClick(view, Qt.Key.Key_T)
    field = QApplication.focusWidget()
    qtbot.keyClicks(field, "troop")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert not window.quick_tag.isVisible()
    with open_store(tag_path) as store:
        [row] = store.annotation_rows()
    assert row.tag_name == "troop numbers"


def test_ctrl_shift_right_twice_from_about_then_1_saves_about_11000(
    window, seed_corpus, qtbot, tag_path
) -> None:
    # Issue 14, item 2: a number is one word for the caret, as for the engine.
    pane = window.panes[0]
    text = pane.document.text
    start = text.index("about 11,000")
    view = pane.view
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    view.move_caret(start)
    shift_ctrl = Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier
    qtbot.keyClick(view, Qt.Key.Key_Right, shift_ctrl)
    assert text[slice(*view.selection())].strip() == "about"
    qtbot.keyClick(view, Qt.Key.Key_Right, shift_ctrl)
    assert text[slice(*view.selection())].strip() == "about 11,000"
    qtbot.keyClick(view, Qt.Key.Key_1)
    with open_store(tag_path) as store:
        [row] = store.annotation_rows()
    assert row.annotation.quote == "about 11,000"
    qtbot.keyClick(view, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier)
    assert view.caret() == start + len("about ")
