"""A new tag (or claim) and its first use undo as one step, whichever way they were made.

Without it, Ctrl+Z after tagging with a new name took back the tag on the
passage and left an unused tag in the vocabulary, keeping one of the nine keys.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu

from nkdesk.store import open_store

CTRL = Qt.KeyboardModifier.ControlModifier


def saved(tag_path: str | Path):
    """(annotations, tag names, claim labels) as another program reads the tag file."""
    with open_store(tag_path) as store:
        return (
            store.annotations(),
            [t.name for t in store.tags()],
            [c.label for c in store.claims()],
        )


@pytest.fixture
def window(make_window, synthetic_corpus, qtbot):
    window = make_window(synthetic_corpus)
    view = window.panes[0].view
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    return window


def answer_popup(qtbot, text: str) -> None:
    field = QApplication.focusWidget()
    assert field is not None and field.objectName() == "nameField"
    qtbot.keyClicks(field, text)
    # Ctrl+Enter: a new name is made only on purpose (Enter applies existing ones).
    qtbot.keyClick(field, Qt.Key.Key_Return, CTRL)


def undo_once(qtbot, window) -> None:
    view = window.panes[window.current_pane].view
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)


def select(window, text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    window.panes[0].view.select(start, start + len(words))
    return start, start + len(words)


def test_quick_tag_with_a_new_name_undoes_in_one_step(window, synthetic_corpus, qtbot) -> None:
    before = saved(window.tag_file.path)
    select(window, synthetic_corpus.documents[0].text, "support Russian forces")
    qtbot.keyClick(window.panes[0].view, Qt.Key.Key_T)
    answer_popup(qtbot, "alliance")
    annotations, names, _ = saved(window.tag_file.path)
    assert [a.quote for a in annotations] == ["support Russian forces"]
    assert names[-1] == "alliance"
    assert window.actions_by_id["edit.undo"].text() == "&Undo Tag 'alliance' (new tag)"

    undo_once(qtbot, window)
    assert saved(window.tag_file.path) == before
    assert "alliance" not in {t.name for t in window.vocabulary}
    assert window.panes[0].view.tag_marks == []
    # Redo makes both again, also in one step.
    qtbot.keyClick(window.panes[0].view, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    annotations, names, _ = saved(window.tag_file.path)
    assert len(annotations) == 1 and names[-1] == "alliance"


def test_an_existing_tag_keeps_its_own_undo_label(window, synthetic_corpus, qtbot) -> None:
    select(window, synthetic_corpus.documents[0].text, "Kursk region")
    qtbot.keyClick(window.panes[0].view, Qt.Key.Key_T)
    answer_popup(qtbot, "location")
    assert window.actions_by_id["edit.undo"].text() == "&Undo Tag 'location'"


def test_right_click_new_tag_undoes_in_one_step(
    open_context_menu, window, synthetic_corpus, qtbot
) -> None:
    before = saved(window.tag_file.path)
    start, _end = select(window, synthetic_corpus.documents[0].text, "North Korean troops")

    def new_tag(menu: QMenu) -> None:
        tag_menu = menu.actions()[0].menu()
        next(a for a in tag_menu.actions() if a.objectName() == "tagAsNew").trigger()

    open_context_menu(qtbot, window.panes[0].view, start + 2, new_tag)
    answer_popup(qtbot, "foreign troops")
    assert len(saved(window.tag_file.path)[0]) == 1
    undo_once(qtbot, window)
    assert saved(window.tag_file.path) == before


def test_editing_a_tag_onto_a_new_name_undoes_in_one_step(window, synthetic_corpus, qtbot) -> None:
    view = window.panes[0].view
    select(window, synthetic_corpus.documents[0].text, "Kursk region")
    qtbot.keyClick(view, Qt.Key.Key_8)  # location
    tagged = saved(window.tag_file.path)
    qtbot.keyClick(view, Qt.Key.Key_E)
    field = QApplication.focusWidget()
    field.selectAll()
    answer_popup(qtbot, "front line")
    [annotation], names, _ = saved(window.tag_file.path)
    assert names[-1] == "front line" and annotation.quote == "Kursk region"
    undo_once(qtbot, window)
    assert saved(window.tag_file.path) == tagged


def test_l_with_a_new_claim_undoes_in_one_step(window, synthetic_corpus, qtbot) -> None:
    view = window.panes[0].view
    select(window, synthetic_corpus.documents[0].text, "about 11,000")
    qtbot.keyClick(view, Qt.Key.Key_1)
    tagged = saved(window.tag_file.path)
    qtbot.keyClick(view, Qt.Key.Key_L)
    answer_popup(qtbot, "Troops sent")
    [annotation], _names, claims = saved(window.tag_file.path)
    assert claims == ["Troops sent"] and annotation.claim is not None
    assert window.actions_by_id["edit.undo"].text() == "&Undo Link to the new claim 'Troops sent'"
    undo_once(qtbot, window)
    assert saved(window.tag_file.path) == tagged


def test_accepting_a_claim_with_a_new_tag_undoes_in_one_step(
    window, synthetic_corpus, qtbot
) -> None:
    view = window.panes[0].view
    text = synthetic_corpus.documents[0].text
    before = saved(window.tag_file.path)
    view.move_caret(text.index("North Korean troops"))
    qtbot.keyClick(view, Qt.Key.Key_A)
    assert window.quick_tag.isVisible()
    answer_popup(qtbot, "deployment size")
    annotations, names, claims = saved(window.tag_file.path)
    assert len(annotations) == 2 and names[-1] == "deployment size" and len(claims) == 1
    undo_once(qtbot, window)
    assert saved(window.tag_file.path) == before
