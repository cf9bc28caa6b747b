"""Tagging as the analyst does it: keys, popups, the mouse, undo, claims, two windows.

Every check of what was saved reads the tag file through a store of its own,
as another program would, and compares each quote with the article's text
sliced by the saved code-point offsets. The synthetic article A starts with
characters outside the BMP, so a UTF-16 slip would cut the wrong words.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QMenu

from nkdesk.store import open_store
from nkdesk.ui.claim_matrix import ANALYST_MARK, CLAIM_COLUMN, FIRST_SOURCE_COLUMN

SHIFT = Qt.KeyboardModifier.ShiftModifier
CTRL = Qt.KeyboardModifier.ControlModifier


def saved(tag_path: Path, doc: str | None = None):
    """What the tag file holds, read by a store of the test's own: (rows, tags by id)."""
    with open_store(tag_path) as store:
        rows = [r for r in store.annotation_rows() if doc is None or r.annotation.document == doc]
        return rows, {t.id: t for t in store.tags()}


def focus(qtbot, view) -> None:
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)


def select_by_keys(qtbot, view, start: int, characters: int) -> None:
    view.move_caret(start)
    for _ in range(characters):
        qtbot.keyClick(view, Qt.Key.Key_Right, SHIFT)


def type_into_popup(qtbot, text: str) -> None:
    field = QApplication.focusWidget()
    assert field is not None and field.objectName() == "nameField"
    qtbot.keyClicks(field, text)


@pytest.fixture
def window(make_window, synthetic_corpus):
    window = make_window(synthetic_corpus, size=(1000, 700))
    focus_view = window.panes[0].view
    focus_view.setFocus()
    return window


def test_shift_arrows_t_a_name_and_enter_save_the_exact_quote(
    window, synthetic_corpus, qtbot, tag_path
) -> None:
    view = window.panes[0].view
    text = synthetic_corpus.documents[0].text
    focus(qtbot, view)
    qtbot.keyClick(view, Qt.Key.Key_F8)  # to the shared passage "Officials said …"
    start = view.caret()
    assert text[start:].startswith("Officials said")
    for _ in range(2):
        qtbot.keyClick(view, Qt.Key.Key_Right, SHIFT | CTRL)
    # Ctrl+Shift+Right takes the space after a word too; the tag does not.
    assert view.selection() == (start, start + len("Officials said "))
    qtbot.keyClick(view, Qt.Key.Key_T)
    assert window.quick_tag.isVisible()
    type_into_popup(qtbot, "troop")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert not window.quick_tag.isVisible()

    [row], _tags = saved(window.tag_file.path)
    a = row.annotation
    assert (a.document, a.start, a.end) == ("a", start, start + len("Officials said"))
    assert a.quote == text[a.start : a.end] == "Officials said"
    assert row.tag_name == "troop numbers"
    # Qt's positions are further on by the surrogate pairs before the passage.
    assert view.offsets.to_utf16(start) > start
    assert [m.annotation for m in view.tag_marks] == [a.id]
    assert view.hasFocus(), "the keyboard goes back to the pane"
    assert window.actions_by_id["edit.undo"].text() == "&Undo Tag 'troop numbers'"


def test_a_new_tag_with_stance_value_and_note_by_tab(window, synthetic_corpus, qtbot) -> None:
    view = window.panes[0].view
    text = synthetic_corpus.documents[0].text
    focus(qtbot, view)
    qtbot.keyClick(view, Qt.Key.Key_F9)  # the conflicting value "about 11,000"
    start = view.caret()
    select_by_keys(qtbot, view, start, len("about 11,000"))
    qtbot.keyClick(view, Qt.Key.Key_Return)  # Enter on a selection tags, too
    popup = window.quick_tag
    assert popup.isVisible() and popup.value.text() == "about 11,000"  # the Fact, prefilled
    type_into_popup(qtbot, "Deployment size")
    names = popup.names.list
    assert names.item(names.count() - 1).text() == "Create tag “Deployment size”"
    assert names.currentItem() is None, "a new name is never chosen by typing alone"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is popup.stance
    qtbot.keyClick(popup.stance, Qt.Key.Key_D)  # "disputes"
    qtbot.keyClick(popup.stance, Qt.Key.Key_Tab)
    qtbot.keyClick(popup.value, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is popup.speaker
    qtbot.keyClicks(popup.speaker, "officials")
    qtbot.keyClick(popup.speaker, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is popup.note
    qtbot.keyClicks(popup.note, "rounded up?")
    qtbot.keyClick(popup.note, Qt.Key.Key_Return)
    assert popup.isVisible() and "Ctrl+Enter" in popup.hint.text(), "Enter makes no new tag"
    qtbot.keyClick(popup.note, Qt.Key.Key_Return, CTRL)

    [row], tags = saved(window.tag_file.path)
    a = row.annotation
    assert a.quote == text[a.start : a.end] == "about 11,000"
    assert (row.tag_name, a.stance, a.value, a.speaker, a.note) == (
        "Deployment size",
        "disputes",
        "about 11,000",
        "officials",
        "rounded up?",
    )
    assert tags[a.tag].colour not in {t.colour for t in tags.values() if t.id != a.tag}


def test_esc_cancels_and_saves_nothing(window, qtbot) -> None:
    view = window.panes[0].view
    focus(qtbot, view)
    qtbot.keyClick(view, Qt.Key.Key_F8)
    qtbot.keyClick(view, Qt.Key.Key_T)
    type_into_popup(qtbot, "dates")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert not window.quick_tag.isVisible()
    assert saved(window.tag_file.path)[0] == []


def test_digit_keys_tag_the_selection_or_the_word_at_the_caret(
    window, synthetic_corpus, qtbot
) -> None:
    view = window.panes[0].view
    text = synthetic_corpus.documents[0].text
    focus(qtbot, view)
    figure = text.index("about 11,000")
    select_by_keys(qtbot, view, figure, len("about 11,000"))
    qtbot.keyClick(view, Qt.Key.Key_2)
    view.move_caret(text.index("Kursk") + 2)
    qtbot.keyClick(view, Qt.Key.Key_3)

    rows, _ = saved(window.tag_file.path)
    got = {(r.tag_name, r.annotation.quote, r.annotation.value) for r in rows}
    # The digit key also keeps the value the engine read in the passage.
    assert got == {("casualties", "about 11,000", "about 11,000"), ("dates", "Kursk", "")}
    for r in rows:
        assert text[r.annotation.start : r.annotation.end] == r.annotation.quote
    assert "2: casualties" in window.actions_by_id["tags.apply_2"].text()


def test_delete_removes_the_innermost_tag_and_undo_redo_replay_it(
    window, synthetic_corpus, qtbot
) -> None:
    view = window.panes[0].view
    text = synthetic_corpus.documents[0].text
    focus(qtbot, view)
    start = text.index("Officials said")
    view.select(start, text.index(" in November"))
    qtbot.keyClick(view, Qt.Key.Key_1)
    figure = text.index("11,000")
    view.select(figure, figure + len("11,000"))
    qtbot.keyClick(view, Qt.Key.Key_2)
    assert len(view.tag_marks) == 2 and {m.lane for m in view.tag_marks} == {0, 1}

    view.move_caret(figure + 1)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    rows, _ = saved(window.tag_file.path)
    assert [r.tag_name for r in rows] == ["troop numbers"]
    assert window.actions_by_id["edit.undo"].text() == "&Undo Untag 'casualties'"

    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert sorted(r.tag_name for r in saved(window.tag_file.path)[0]) == [
        "casualties",
        "troop numbers",
    ]
    assert len(view.tag_marks) == 2
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL | SHIFT)
    assert [r.tag_name for r in saved(window.tag_file.path)[0]] == ["troop numbers"]
    assert window.actions_by_id["edit.redo"].isEnabled() is False
    # Delete right after tagging (the caret waits after the passage) removes that tag.
    view.select(figure, figure + len("11,000"))
    qtbot.keyClick(view, Qt.Key.Key_4)
    assert view.caret() == figure + len("11,000")
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert [r.tag_name for r in saved(window.tag_file.path)[0]] == ["troop numbers"]


def test_undo_works_after_closing_and_reopening(
    make_window, synthetic_corpus, qtbot, tag_path
) -> None:
    first = make_window(synthetic_corpus, wait=False)
    view = first.panes[0].view
    text = synthetic_corpus.documents[0].text
    focus(qtbot, view)
    view.move_caret(text.index("Kursk"))
    qtbot.keyClick(view, Qt.Key.Key_5)
    first.close()
    assert first.tag_file.store is None

    again = make_window(synthetic_corpus, wait=False)
    assert again.actions_by_id["edit.undo"].text() == "&Undo Tag 'deployment'"
    assert [m.annotation for m in again.panes[0].view.tag_marks]
    focus(qtbot, again.panes[0].view)
    qtbot.keyClick(again.panes[0].view, Qt.Key.Key_Z, CTRL)
    assert saved(tag_path)[0] == []
    assert again.panes[0].view.tag_marks == []
    assert again.actions_by_id["edit.redo"].text() == "&Redo Tag 'deployment'"


def test_without_a_tag_file_the_keys_say_so(make_window, synthetic_corpus, qtbot) -> None:
    window = make_window(synthetic_corpus, wait=False, tags=None)
    view = window.panes[0].view
    focus(qtbot, view)
    qtbot.keyClick(view, Qt.Key.Key_1)
    assert "No tag file" in window.statusBar().currentMessage()
    assert window.tag_file_label.text() == "No tag file: tagging is off"
    qtbot.keyClick(view, Qt.Key.Key_T)
    assert not window.quick_tag.isVisible()


def test_right_click_tag_as_tags_the_word_under_the_mouse(
    open_context_menu, window, synthetic_corpus, qtbot
) -> None:
    view = window.panes[0].view
    text = synthetic_corpus.documents[0].text
    position = text.index("Russian") + 3
    tag = next(t for t in window.vocabulary if t.name == "attribution")

    def tag_as(menu: QMenu) -> None:
        first = menu.actions()[0]
        assert first.menu() is not None and first.text() == "&Tag as"
        texts = [a.text() for a in first.menu().actions()]
        assert texts[0] == "troop numbers\t1" and "&New Tag…" in texts
        assert any(a.text() == "Copy" or "Copy" in a.text() for a in menu.actions())
        next(a for a in first.menu().actions() if a.objectName() == f"tagAs:{tag.id}").trigger()

    open_context_menu(qtbot, view, position, tag_as)
    [row], _ = saved(window.tag_file.path)
    assert (row.tag_name, row.annotation.quote) == ("attribution", "Russian")

    # On that tag now, the menu offers to edit, remove and link it.
    def remove(menu: QMenu) -> None:
        texts = [a.text() for a in menu.actions()]
        assert "&Edit Tag “attribution”…" in texts and "&Link Tag to Claim…" in texts
        next(a for a in menu.actions() if a.text() == "&Remove Tag “attribution”").trigger()

    open_context_menu(qtbot, view, position, remove)
    assert saved(window.tag_file.path)[0] == []


def test_right_click_new_tag_opens_the_popup_on_the_selection(
    open_context_menu, window, synthetic_corpus, qtbot
) -> None:
    view = window.panes[0].view
    text = synthetic_corpus.documents[0].text
    start = text.index("North Korean troops")
    view.select(start, start + len("North Korean troops"))

    def new_tag(menu: QMenu) -> None:
        tag_menu = menu.actions()[0].menu()
        next(a for a in tag_menu.actions() if a.objectName() == "tagAsNew").trigger()

    open_context_menu(qtbot, view, start + 2, new_tag)
    assert window.quick_tag.isVisible()
    type_into_popup(qtbot, "foreign troops")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return, CTRL)
    [row], _ = saved(window.tag_file.path)
    assert (row.tag_name, row.annotation.quote) == ("foreign troops", "North Korean troops")


def drag(qtbot, view, start: int, end: int) -> None:
    viewport = view.viewport()
    a = view.cursorRect(view.cursor_for(start)).center()
    b = view.cursorRect(view.cursor_for(end)).center()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=a)
    qtbot.mouseMove(viewport, b)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=b)


def test_a_drag_selects_whole_words_and_a_digit_tags_them(window, synthetic_corpus, qtbot) -> None:
    view = window.panes[0].view
    text = synthetic_corpus.documents[0].text
    # From inside "Officials" to inside "about": the selection snaps outwards.
    drag(qtbot, view, text.index("fficials") + 2, text.index("about") + 2)
    start = text.index("Officials")
    assert view.selection() == (start, text.index("about") + len("about"))
    focus(qtbot, view)
    qtbot.keyClick(view, Qt.Key.Key_1)
    [row], _ = saved(window.tag_file.path)
    assert row.annotation.quote == "Officials said about"


def test_clicking_a_tags_underline_edits_or_deletes_it(window, synthetic_corpus, qtbot) -> None:
    view = window.panes[0].view
    text = synthetic_corpus.documents[0].text
    start = text.index("Kursk region")
    view.select(start, start + len("Kursk region"))
    window.tagger.apply_hotkey(8)  # location
    [mark] = view.tag_marks
    underline = view.mark_rects(mark)[0].center().toPoint()
    with qtbot.assertNotEmitted(window.partners_shown):
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=underline)
    popup = window.quick_tag
    assert popup.isVisible() and popup.editing and popup.delete_button.isVisible()
    assert popup.names.choice()[1] == "location"
    popup.value.setText("the region")
    qtbot.keyClick(popup.value, Qt.Key.Key_Return)
    [row], _ = saved(window.tag_file.path)
    assert (row.tag_name, row.annotation.value) == ("location", "the region")

    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=underline)
    qtbot.mouseClick(popup.delete_button, Qt.MouseButton.LeftButton)
    assert saved(window.tag_file.path)[0] == [] and view.tag_marks == []
    # A click on the text itself (not the underline) still shows the partners.
    rect = view.cursorRect(view.cursor_for(start + 1))
    with qtbot.waitSignal(window.partners_shown):
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_e_edits_and_the_tag_mark_layer_toggles(window, synthetic_corpus, qtbot) -> None:
    view = window.panes[0].view
    text = synthetic_corpus.documents[0].text
    focus(qtbot, view)
    view.move_caret(text.index("Kursk"))
    qtbot.keyClick(view, Qt.Key.Key_8)
    qtbot.keyClick(view, Qt.Key.Key_E)
    assert window.quick_tag.isVisible() and window.quick_tag.editing
    window.quick_tag.close()
    assert view.tags_visible
    window.actions_by_id["view.tag_marks"].setChecked(False)
    assert not view.tags_visible and view.mark_at(QPoint(0, 0)) is None
    window.actions_by_id["view.tag_marks"].setChecked(True)
    assert view.tags_visible


def test_hover_lists_every_tag_at_a_position(window, synthetic_corpus) -> None:
    view = window.panes[0].view
    text = synthetic_corpus.documents[0].text
    figure = text.index("11,000")
    view.select(text.index("Officials"), text.index(" in November"))
    window.tagger.apply_hotkey(1)
    view.select(figure, figure + 6)
    window.tagger.apply_hotkey(2)
    hover = view.tooltip_provider(figure + 1)
    assert hover.startswith("Tag: casualties\nTag: troop numbers")
    assert "approximately 12,000" in hover  # the conflict is still described


def test_l_links_a_tag_to_a_new_claim_shown_in_the_matrix(window, synthetic_corpus, qtbot) -> None:
    a_view, b_view = (p.view for p in window.panes)
    text_a, text_b = (d.text for d in synthetic_corpus.documents)
    for view, text, value in ((a_view, text_a, "about 11,000"), (b_view, text_b, "12,000")):
        focus(qtbot, view)
        view.select(text.index(value), text.index(value) + len(value))
        qtbot.keyClick(view, Qt.Key.Key_1)
        qtbot.keyClick(view, Qt.Key.Key_L)
        assert window.claim_popup.isVisible()
        type_into_popup(qtbot, "Troops sent")
        if view is b_view:
            # The claim exists now: typing finds it.
            assert window.claim_popup.names.choice()[0] is not None
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
            qtbot.keyClick(window.claim_popup.stance, Qt.Key.Key_D)
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
        else:  # a new claim: made on purpose, with Ctrl+Enter
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return, CTRL)

    rows, _ = saved(window.tag_file.path)
    assert {r.claim_label for r in rows} == {"Troops sent"}
    assert {r.annotation.document: r.annotation.stance for r in rows} == {
        "a": "supports",
        "b": "disputes",
    }
    model = window.matrix_table.model()
    assert model.data(model.index(0, CLAIM_COLUMN)) == ANALYST_MARK + "Troops sent"
    cells = [model.cell(model.index(0, FIRST_SOURCE_COLUMN + n)) for n in range(2)]
    # Both red: the engine lists 11,000 against 12,000 as a conflict, and the
    # matrix colours the analyst's claim by that same conflict.
    assert [c.state for c in cells] == ["conflict", "conflict"]
    assert (cells[0].text, cells[1].text) == ("about 11,000", "12,000 (disputes)")
    # Double-click on the analyst's reading goes to that passage.
    window.matrix_table.on_activated(model.index(0, FIRST_SOURCE_COLUMN + 1))
    assert b_view.caret() == text_b.index("12,000")
    # The engine's own rows follow, unchanged.
    assert model.rowCount() == 1 + len(window.analysis.comparison.clusters)


def test_a_accepts_the_cluster_at_the_caret_in_every_pane_as_one_step(
    window, synthetic_corpus, qtbot
) -> None:
    a_view = window.panes[0].view
    focus(qtbot, a_view)
    qtbot.keyClick(a_view, Qt.Key.Key_F8)
    qtbot.keyClick(a_view, Qt.Key.Key_A)
    # No tag at the caret: the popup asks which tag the passages get.
    popup = window.quick_tag
    assert popup.isVisible() and "Accept the claim" in popup.title.text()
    assert not popup.value.isVisible()
    type_into_popup(qtbot, "troop")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)

    comparison = window.analysis.comparison
    rows, _ = saved(window.tag_file.path)
    cluster = next(c for c in comparison.clusters if c.label == rows[0].claim_label)
    assert len(rows) == len(cluster.members) == 2
    assert {r.claim_label for r in rows} == {cluster.label}
    for r in rows:
        assert r.tag_name == "troop numbers" and r.annotation.stance == "reports"
        assert r.annotation.quote == comparison.text(
            next(m for m in cluster.members if m.doc == r.annotation.document)
        )
    assert all(p.view.tag_marks for p in window.panes)
    assert window.actions_by_id["edit.undo"].text().startswith("&Undo Accept claim")
    # Once accepted, A again says so instead of making a second claim.
    qtbot.keyClick(a_view, Qt.Key.Key_A)
    assert "already accepted" in window.statusBar().currentMessage()

    qtbot.keyClick(a_view, Qt.Key.Key_Z, CTRL)
    assert saved(window.tag_file.path)[0] == []
    with open_store(window.tag_file.path) as store:
        assert store.claims() == []
    assert not any(p.view.tag_marks for p in window.panes)


def test_a_on_a_tagged_passage_uses_its_tag_at_once(window, qtbot) -> None:
    view = window.panes[0].view
    focus(qtbot, view)
    qtbot.keyClick(view, Qt.Key.Key_F8)
    qtbot.keyClick(view, Qt.Key.Key_4)  # "Officials" as attribution
    view.move_caret(view.caret() - 2)
    qtbot.keyClick(view, Qt.Key.Key_A)
    assert not window.quick_tag.isVisible()
    rows, _ = saved(window.tag_file.path)
    assert [r.tag_name for r in rows] == ["attribution"] * 3
    assert sum(r.claim_label is not None for r in rows) == 2


def test_the_caret_keys_walk_and_select_the_text(window, synthetic_corpus, qtbot) -> None:
    view = window.panes[0].view
    text = synthetic_corpus.documents[0].text
    focus(qtbot, view)
    qtbot.keyClick(view, Qt.Key.Key_Home, CTRL)
    assert view.caret() == 0
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.caret() == 1  # one code point: the rocket is one character
    qtbot.keyClick(view, Qt.Key.Key_Right, CTRL)
    assert text[view.caret() - 1].isspace() and not text[view.caret()].isspace()
    qtbot.keyClick(view, Qt.Key.Key_End)
    assert text[view.caret()] == "\n"
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert view.caret() == 0
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.caret() > 0
    qtbot.keyClick(view, Qt.Key.Key_End, CTRL)
    assert view.caret() == len(text)
    qtbot.keyClick(view, Qt.Key.Key_Left, CTRL | SHIFT)  # Qt counts "." as a word
    qtbot.keyClick(view, Qt.Key.Key_Left, CTRL | SHIFT)
    assert view.selection() == (text.rindex("week."), len(text))
    qtbot.keyClick(view, Qt.Key.Key_Left, SHIFT)
    assert view.selection() == (text.rindex("week.") - 1, len(text))


def test_one_click_on_a_tagged_word_edits_its_tag_and_scrolls_nothing(
    window, synthetic_corpus, qtbot
) -> None:
    # Issue 14, item 6: clicking the word (not only its thin underline) edits the tag.
    view = window.panes[0].view
    text = synthetic_corpus.documents[0].text
    start = text.index("Kursk region")
    view.select(start, start + len("Kursk region"))
    window.tagger.apply_hotkey(8)  # location
    view.move_caret(0)
    rect = view.cursorRect(view.cursor_for(start + 2))
    with qtbot.assertNotEmitted(window.partners_shown):
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    popup = window.quick_tag
    assert popup.isVisible() and popup.editing
    assert popup.names.choice()[1] == "location"
    popup.close()
    # A drag over the same word still selects it rather than editing.
    drag(qtbot, view, start, start + len("Kursk"))
    assert not popup.isVisible()
    assert view.selection() is not None


def test_a_tag_has_a_thick_line_and_a_wash_in_its_colour(window, synthetic_corpus, qtbot) -> None:
    view = window.panes[0].view
    text = synthetic_corpus.documents[0].text
    start = text.index("Kursk region")
    view.select(start, start + len("Kursk region"))
    window.tagger.apply_hotkey(8)
    view.move_caret(0)
    [mark] = view.tag_marks
    line = view.mark_rects(mark)[0]  # the tag may wrap over lines
    assert line.height() >= 3
    box = view.mark_rects(mark, wash=True)[0]
    point = (int(box.left()) + 1, int(box.top()) + 1)  # above the glyphs
    washed = view.viewport().grab().toImage().pixelColor(*point)
    view.set_tags_visible(False)
    plain = view.viewport().grab().toImage().pixelColor(*point)
    view.set_tags_visible(True)
    assert washed != plain
    # Blended toward the tag's colour, channel by channel.
    tag = QColor(mark.colour)
    for channel in ("red", "green", "blue"):
        moved = getattr(washed, channel)() - getattr(plain, channel)()
        toward = getattr(tag, channel)() - getattr(plain, channel)()
        assert moved * toward >= 0 and abs(moved) <= abs(toward)
