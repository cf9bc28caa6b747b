"""The tags dock: a table over the tag file's annotation rows, filtered, sorted, and a way in."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import QPoint, Qt

from nkdesk.corpus import Corpus, Document
from nkdesk.store import Annotation, AnnotationRow
from nkdesk.ui.tags_panel import ORPHANED_MARK, TagsModel, TagsPanel


@pytest.fixture
def window(make_window, synthetic_corpus):
    """A window whose tag file holds four tags on the two articles."""
    window = make_window(synthetic_corpus, size=(1100, 800))
    store = window.tag_file.store
    a, b = synthetic_corpus.documents
    tags = {t.name: t.id for t in store.tags()}
    for doc, words, tag, note in (
        (a, "about 11,000", "troop numbers", "lower figure"),
        (a, "Kursk region", "location", ""),
        (b, "approximately 12,000", "troop numbers", "higher figure"),
        (b, "Seoul", "location", "markets"),
    ):
        start = doc.text.index(words)
        store.add_annotation(doc.id, start, start + len(words), tags[tag], note=note)
    window.tag_file.poll()
    window.tags_dock.raise_()
    return window


def shown(panel, column: int = TagsModel.QUOTE) -> list[str]:
    proxy = panel.proxy
    return [proxy.index(r, column).data() for r in range(proxy.rowCount())]


def test_the_panel_lists_every_tag_in_reading_order(window) -> None:
    panel = window.tags_panel
    assert shown(panel) == ["about 11,000", "Kursk region", "approximately 12,000", "Seoul"]
    assert shown(panel, TagsModel.SOURCE) == ["Article A"] * 2 + ["Article B"] * 2
    assert shown(panel, TagsModel.TAG)[0] == "troop numbers"
    assert shown(panel, TagsModel.NOTE)[0] == "lower figure"
    assert panel.count_label.text() == "4 tags"
    model = panel.tags_model
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(6)] == [
        "Source",
        "Quote",
        "Tag",
        "Stance",
        "Value",
        "Note",
    ]
    swatch = model.data(model.index(0, TagsModel.TAG), Qt.ItemDataRole.DecorationRole)
    colour = window.vocabulary[0].colour
    assert swatch.pixmap(8, 8).toImage().pixelColor(4, 4).name().upper() == colour


def test_filter_box_tag_and_source_filters(window, qtbot) -> None:
    panel = window.tags_panel
    qtbot.keyClicks(panel.filter_edit, "figure")
    assert shown(panel) == ["about 11,000", "approximately 12,000"]
    assert panel.count_label.text() == "2 of 4"
    panel.filter_edit.clear()
    qtbot.keyClicks(panel.filter_edit, "LOCATION article b")  # words anywhere in the row
    assert shown(panel) == ["Seoul"]
    panel.filter_edit.clear()

    panel.tag_box.setCurrentIndex(panel.tag_box.findText("location (2)"))
    assert shown(panel) == ["Kursk region", "Seoul"]
    panel.source_box.setCurrentIndex(panel.source_box.findData("a"))
    assert shown(panel) == ["Kursk region"]
    panel.tag_box.setCurrentIndex(0)
    assert shown(panel) == ["about 11,000", "Kursk region"]
    # A refresh (another tag made) keeps the filters as they were.
    window.tagger.apply_hotkey(3)
    assert panel.source_box.currentData() == "a"


def test_clicking_a_header_sorts_by_that_column(window, qtbot) -> None:
    panel = window.tags_panel
    header = panel.table.horizontalHeader()
    x = header.sectionViewportPosition(TagsModel.QUOTE) + 5
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert shown(panel) == ["about 11,000", "approximately 12,000", "Kursk region", "Seoul"]
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert shown(panel) == ["Seoul", "Kursk region", "approximately 12,000", "about 11,000"]
    panel.table.sortByColumn(TagsModel.TAG, Qt.SortOrder.AscendingOrder)
    assert shown(panel, TagsModel.TAG) == ["location", "location", "troop numbers", "troop numbers"]


def test_a_new_tag_takes_its_place_in_the_sorted_table(window, synthetic_corpus, qtbot) -> None:
    panel = window.tags_panel
    panel.table.sortByColumn(TagsModel.QUOTE, Qt.SortOrder.DescendingOrder)
    panel.select(window.tag_rows[1].annotation.id)  # "Kursk region"
    a = synthetic_corpus.documents[0]
    start = a.text.index("Kursk")
    window.panes[0].view.select(start, start + len("Kursk"))
    window.tagger.apply_hotkey(1)
    # In its place among the others, not at the bottom, and the selection stays.
    assert shown(panel) == ["Seoul", "Kursk region", "Kursk", "approximately 12,000",
                            "about 11,000"]  # fmt: skip
    assert panel.table.current_annotation().quote == "Kursk region"
    # An edit of what the table is sorted by moves the row.
    kursk = next(r.annotation for r in window.tag_rows if r.annotation.quote == "Kursk")
    panel.table.sortByColumn(TagsModel.NOTE, Qt.SortOrder.AscendingOrder)
    window.tag_file.call("test", lambda store: store.update_annotation(kursk.id, note="zzz last"))
    assert shown(panel, TagsModel.NOTE)[-1] == "zzz last"


def test_double_click_or_enter_jumps_to_the_passage(window, synthetic_corpus, qtbot) -> None:
    panel = window.tags_panel
    table = panel.table
    index = panel.proxy.index(2, TagsModel.QUOTE)
    table.scrollTo(index)
    centre = table.visualRect(index).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    b = window.panes[1]
    position = synthetic_corpus.documents[1].text.index("approximately 12,000")
    assert b.view.caret() == position and b.view.is_visible(position)
    qtbot.waitUntil(b.view.hasFocus)
    assert window.current_pane == 1

    table.setFocus()
    table.setCurrentIndex(panel.proxy.index(1, 0))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert window.panes[0].view.caret() == synthetic_corpus.documents[0].text.index("Kursk region")
    # Delete on a row removes that tag.
    table.setFocus()
    table.setCurrentIndex(panel.proxy.index(0, 0))
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert shown(panel) == ["Kursk region", "approximately 12,000", "Seoul"]


def test_orphaned_tags_stay_listed_and_say_so(make_window, synthetic_corpus, tag_path) -> None:
    a, b = synthetic_corpus.documents
    first = make_window(synthetic_corpus, wait=False)
    start = a.text.index("The weather was cold")
    first.tag_file.store.add_annotation("a", start, start + len("The weather was cold"), 3)
    first.close()

    edited = Document.from_text(
        "a", a.text.replace("The weather was cold and wet all week.", "Snow."), title=a.title
    )
    window = make_window(Corpus((edited, b)), wait=False)
    [(_title, text)] = window.report_notice.calls
    assert "Article A: 1 tag" in text and "orphaned" in text
    model = window.tags_panel.tags_model
    [row] = model.rows
    assert row.annotation.orphaned
    assert model.data(model.index(0, TagsModel.QUOTE)) == ORPHANED_MARK + "The weather was cold"
    assert model.data(model.index(0, TagsModel.QUOTE), Qt.ItemDataRole.FontRole).italic()
    assert window.panes[0].view.tag_marks == []
    window.tagger.on_tags_panel_annotation_chosen(row.annotation)
    assert "orphaned" in window.statusBar().currentMessage()


def rows_of(texts: list[str]) -> list[AnnotationRow]:
    """One row per text: the text as the quote, reversed as the note."""
    rows = []
    for n, text in enumerate(texts, start=1):
        a = Annotation(
            n, "a", 0, 1, text, "", "", 1, None, None, "", "", text[::-1], "", "", "", False
        )
        rows.append(AnnotationRow(a, "A", "tag", "#112233", None))
    return rows


@given(st.lists(st.text(min_size=1, max_size=12), max_size=12), st.text(max_size=4))
def test_the_filter_keeps_exactly_the_rows_holding_every_word(qapp, texts, query) -> None:
    panel = TagsPanel()
    panel.set_rows(rows_of(texts), [], [])
    panel.filter_edit.setText(query)
    words = query.casefold().split()
    model = panel.tags_model
    expected = [
        r
        for r in range(len(texts))
        if all(
            w in "\n".join(model._text(model.rows[r], c) for c in range(7)).casefold()
            for w in words
        )
    ]
    kept = sorted(
        panel.proxy.mapToSource(panel.proxy.index(r, 0)).row()
        for r in range(panel.proxy.rowCount())
    )
    assert kept == expected
    panel.deleteLater()


def test_alt_3_goes_to_the_filter_and_enter_back_to_the_passage(
    window, synthetic_corpus, qtbot
) -> None:
    window.matrix_dock.raise_()
    view = window.panes[0].view
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    qtbot.keyClick(view, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    panel = window.tags_panel
    qtbot.waitUntil(panel.filter_edit.hasFocus)
    qtbot.keyClicks(panel.filter_edit, "seoul")
    qtbot.keyClick(panel.filter_edit, Qt.Key.Key_Tab)  # on to the tag filter, the table…
    panel.table.setFocus()
    panel.table.setCurrentIndex(panel.proxy.index(0, 0))
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    b = window.panes[1].view
    qtbot.waitUntil(b.hasFocus)
    assert b.caret() == synthetic_corpus.documents[1].text.index("Seoul")


def test_enter_or_down_in_the_filter_box_goes_to_the_first_row(window, qtbot) -> None:
    # Issue 14, item 7: three Tabs were needed to reach the table.
    panel = window.tags_panel
    for key in (Qt.Key.Key_Return, Qt.Key.Key_Down):
        qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(panel.filter_edit.hasFocus)
        panel.table.clearSelection()
        panel.table.setCurrentIndex(panel.proxy.index(-1, -1))
        qtbot.keyClicks(panel.filter_edit, "figure")
        qtbot.keyClick(panel.filter_edit, key)
        assert panel.table.hasFocus()
        assert panel.table.current_annotation().quote == "about 11,000"
        assert panel.table.selectionModel().isRowSelected(0)
        panel.filter_edit.clear()


def test_ctrl_z_in_the_filter_box_undoes_its_typing_then_the_last_tag_operation(
    window, qtbot
) -> None:
    panel = window.tags_panel
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(panel.filter_edit.hasFocus)
    qtbot.keyClicks(panel.filter_edit, "Seoul")
    qtbot.keyClick(panel.filter_edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert panel.filter_edit.text() == "", "the box's own typing is undone first"
    assert panel.tags_model.rowCount() == 4
    panel.filter_edit.clear()
    panel.filter_edit.setText("")  # a fresh box: nothing of its own to undo
    panel.filter_edit.setModified(False)
    while panel.filter_edit.isUndoAvailable():
        panel.filter_edit.undo()
    panel.filter_edit.setText("")
    assert not panel.filter_edit.isUndoAvailable()
    qtbot.keyClick(panel.filter_edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert panel.tags_model.rowCount() == 3, "the window's undo took the last tag back"
    assert "Undone" in window.statusBar().currentMessage()


def test_the_tag_filter_shows_each_tags_count(window) -> None:
    box = window.tags_panel.tag_box
    texts = [box.itemText(i) for i in range(box.count())]
    assert "troop numbers (2)" in texts and "location (2)" in texts
