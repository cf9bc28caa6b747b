"""Edit > Tag Vocabulary…: every edit goes through the store, undoes, and redraws the window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QComboBox, QLineEdit

from nkdesk.store import open_store
from nkdesk.ui.vocabulary import NO_KEY, VocabularyModel

CTRL = Qt.KeyboardModifier.ControlModifier


def stored(window):
    """The vocabulary as another program reads the tag file: {name: Tag}."""
    with open_store(window.tag_file.path) as store:
        return {t.name: t for t in store.tags()}


@pytest.fixture
def window(make_window, synthetic_corpus, tag_words):
    """A window whose tag file holds two "troop numbers" tags and one "location"."""
    window = make_window(synthetic_corpus)
    a, b = synthetic_corpus.documents
    tag_words(
        window,
        (
            (a, "about 11,000", "troop numbers"),
            (b, "approximately 12,000", "troop numbers"),
            (a, "Kursk region", "location"),
        ),
    )
    return window


@pytest.fixture
def dialog(window, qtbot):
    window.actions_by_id["edit.vocabulary"].trigger()
    dialog = window.vocabulary_commands.dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    # The keys below go to the dialog, as they would once it is in front.
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def cell(dialog, name: str, column: int):
    model = dialog.model
    row = next(n for n, t in enumerate(model.tags) if t.name == name)
    return model.index(row, column)


def focus_cell(qtbot, dialog, name: str, column: int) -> None:
    dialog.table.setCurrentIndex(cell(dialog, name, column))
    dialog.table.setFocus()
    qtbot.waitUntil(dialog.table.hasFocus)


def edit_text(qtbot, dialog, name: str, column: int, text: str) -> None:
    """Type over a cell, as a person does: select it, F2, replace, Enter."""
    focus_cell(qtbot, dialog, name, column)
    qtbot.keyClick(dialog.table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    enter(qtbot, dialog, editor)


def enter(qtbot, dialog, editor) -> None:
    """Enter in a cell's editor; the delegate commits once back in the event loop."""
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.table.state() != QAbstractItemView.State.EditingState)


def test_the_table_shows_the_vocabulary_and_its_uses(window, dialog) -> None:
    model = dialog.model
    assert [t.name for t in model.tags] == [t.name for t in window.vocabulary]
    assert model.data(cell(dialog, "troop numbers", VocabularyModel.USED)) == 2
    assert model.data(cell(dialog, "location", VocabularyModel.USED)) == 1
    assert model.data(cell(dialog, "troop numbers", VocabularyModel.KEY)) == "1"
    assert model.data(cell(dialog, "troop numbers", VocabularyModel.COLOUR)) == "#88CCEE"


def test_rename_updates_everything_and_undoes(window, dialog, qtbot) -> None:
    edit_text(qtbot, dialog, "troop numbers", VocabularyModel.NAME, "troop figures")
    assert "troop figures" in stored(window) and "troop numbers" not in stored(window)
    view = window.panes[0].view
    assert {r.tag_name for r in view.tag_rows} == {"troop figures", "location"}
    box = window.tags_panel.tag_box
    panel_tags = [box.itemText(n).rsplit(" (", 1)[0] for n in range(1, 10)]  # "name (count)"
    assert "troop figures" in panel_tags
    assert "troop figures" in window.actions_by_id["tags.apply_1"].text()
    assert dialog.model.data(cell(dialog, "troop figures", VocabularyModel.NAME))
    # Ctrl+Z works in the dialog too: one step back.
    qtbot.keyClick(dialog.table, Qt.Key.Key_Z, CTRL)
    assert "troop numbers" in stored(window)
    assert dialog.model.tags[0].name == "troop numbers"


def test_a_name_already_taken_is_refused_by_name(window, dialog, qtbot) -> None:
    edit_text(qtbot, dialog, "location", VocabularyModel.NAME, "Casualties")
    [(title, text)] = window.report_error.calls
    assert title == "Cannot change the tag" and "already has a tag named" in text
    assert "location" in stored(window)
    assert dialog.model.data(cell(dialog, "location", VocabularyModel.NAME)) == "location"


def test_recolour_through_the_colour_dialog(window, dialog, qtbot) -> None:
    asked = []
    dialog.ask_colour = lambda title, colour: asked.append((title, colour)) or "#123456"
    focus_cell(qtbot, dialog, "location", VocabularyModel.COLOUR)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    assert asked == [("Colour of “location”", "#44AA99")]
    assert stored(window)["location"].colour == "#123456"
    # The underlines take the new colour.
    [row] = [r for r in window.panes[0].view.tag_rows if r.tag_name == "location"]
    assert row.tag_colour == "#123456"
    # Cancelling the colour dialog changes nothing.
    dialog.ask_colour = lambda _title, _colour: ""
    qtbot.mouseClick(dialog.colour_button, Qt.MouseButton.LeftButton)
    assert stored(window)["location"].colour == "#123456"


def test_re_key_moves_the_digit_and_the_panes_follow(
    window, dialog, qtbot, synthetic_corpus
) -> None:
    focus_cell(qtbot, dialog, "location", VocabularyModel.KEY)
    qtbot.keyClick(dialog.table, Qt.Key.Key_F2)
    box = QApplication.focusWidget()
    assert isinstance(box, QComboBox) and box.currentData() == 8
    assert box.itemText(box.findData(1)) == "1  (troop numbers)"
    # Arrow keys on the closed list move without changing anything; Enter chooses.
    for _ in range(7):
        qtbot.keyClick(box, Qt.Key.Key_Up)
    assert stored(window)["location"].hotkey == 8
    enter(qtbot, dialog, box)
    tags = stored(window)
    assert tags["location"].hotkey == 1
    assert tags["troop numbers"].hotkey is None  # the key moved, as the store does
    assert dialog.model.data(cell(dialog, "troop numbers", VocabularyModel.KEY)) == NO_KEY
    assert "location" in window.actions_by_id["tags.apply_1"].text()
    # The digit key now applies "location".
    text = synthetic_corpus.documents[0].text
    window.panes[0].view.move_caret(text.index("weather"))
    window.tagger.apply_hotkey(1)
    assert ("location", "weather") in {(r.tag_name, r.annotation.quote) for r in window.tag_rows}


def test_a_key_picked_from_the_open_list_is_taken_at_once(window, dialog, qtbot) -> None:
    focus_cell(qtbot, dialog, "location", VocabularyModel.KEY)
    qtbot.keyClick(dialog.table, Qt.Key.Key_F2)
    box = QApplication.focusWidget()
    assert isinstance(box, QComboBox)
    box.showPopup()
    list_view = box.view()
    qtbot.waitUntil(list_view.isVisible)
    qtbot.keyClick(list_view, Qt.Key.Key_Down)
    qtbot.keyClick(list_view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.table.state() != QAbstractItemView.State.EditingState)
    assert stored(window)["location"].hotkey == 9


def test_key_none_frees_the_digit(window, dialog, qtbot) -> None:
    dialog.model.setData(cell(dialog, "location", VocabularyModel.KEY), None)
    assert stored(window)["location"].hotkey is None
    assert "no tag has this key" in window.actions_by_id["tags.apply_8"].text()


def test_describe(window, dialog, qtbot) -> None:
    edit_text(qtbot, dialog, "location", VocabularyModel.DESCRIPTION, "Oblasts and towns.")
    assert stored(window)["location"].description == "Oblasts and towns."


def test_add_a_tag_by_name(window, dialog, qtbot) -> None:
    qtbot.keyClicks(dialog.new_name, "morale")
    qtbot.keyClick(dialog.new_name, Qt.Key.Key_Return)
    tag = stored(window)["morale"]
    assert tag.colour.startswith("#")
    assert dialog.new_name.text() == ""
    assert dialog.model.tag(dialog.table.currentIndex().row()).name == "morale"
    assert "morale" in {t.name for t in window.vocabulary}
    assert window.actions_by_id["edit.undo"].text() == "&Undo Add tag 'morale'"


def test_delete_asks_when_the_tag_is_in_use_and_undo_brings_all_back(window, dialog, qtbot) -> None:
    asked = []
    dialog.confirm = lambda title, text: asked.append(text) or False
    focus_cell(qtbot, dialog, "troop numbers", VocabularyModel.NAME)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Delete)
    [question] = asked
    assert "“troop numbers”: 2 annotations use it" in question
    assert "troop numbers" in stored(window)  # "Cancel"

    dialog.confirm = lambda _title, _text: True
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert "troop numbers" not in stored(window)
    assert {r.tag_name for r in window.tag_rows} == {"location"}
    assert window.tags_panel.tags_model.rowCount() == 1
    assert "troop numbers" not in [t.name for t in dialog.model.tags]

    window.actions_by_id["edit.undo"].trigger()
    assert "troop numbers" in stored(window)
    assert len(window.tag_rows) == 3
    assert dialog.model.data(cell(dialog, "troop numbers", VocabularyModel.USED)) == 2


def test_an_unused_tag_goes_without_asking(window, dialog, qtbot) -> None:
    dialog.confirm = lambda _title, _text: pytest.fail("asked about an unused tag")
    dialog.table.setCurrentIndex(cell(dialog, "equipment", VocabularyModel.NAME))
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert "equipment" not in stored(window)


def test_another_windows_change_shows_in_the_dialog(window, dialog) -> None:
    with open_store(window.tag_file.path) as other:
        other.update_tag(other.tags()[0].id, name="troops")
    window.tag_file.poll()
    assert dialog.model.tags[0].name == "troops"
