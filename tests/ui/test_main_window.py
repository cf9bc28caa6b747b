"""The main window driven as the analyst drives it: keys, clicks, menus."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QColor, QHelpEvent, QPalette
from PySide6.QtWidgets import QApplication, QSplitter, QToolTip

from nkdesk.analysis import compare
from nkdesk.ui.main_window import MainWindow
from nkdesk.ui.theme import LAYER_PROPERTY, Theme

PARAGRAPH_SEPARATOR = "\u2029"


def selections(pane, layer: str) -> set[tuple[int, int]]:
    """The (start, end) UTF-16 ranges a pane draws in one layer."""
    return {
        (s.cursor.selectionStart(), s.cursor.selectionEnd())
        for s in pane.view.extraSelections()
        if s.format.property(LAYER_PROPERTY) == layer
    }


def drawn_while_scrolling(pane, layer: str | None = None) -> set:
    """Every selection a pane draws, scrolling it from top to bottom a screen at a time.

    A pane draws only the marks on and around its screen; what the analyst
    can ever see is what it draws at some scroll position.
    """
    bar = pane.view.verticalScrollBar()
    seen: set = set()
    value = bar.minimum()
    while True:
        bar.setValue(value)
        seen |= {
            (s.cursor.selectionStart(), s.cursor.selectionEnd(), s.cursor.selectedText())
            for s in pane.view.extraSelections()
            if layer is None or s.format.property(LAYER_PROPERTY) == layer
        }
        if value >= bar.maximum():
            break
        value = min(bar.maximum(), value + bar.pageStep())
    bar.setValue(bar.minimum())
    return seen


def test_one_pane_per_seed_article_side_by_side(make_window, seed_corpus, gate, qtbot) -> None:
    gate()  # the comparison waits until the test ends, so it is surely still running
    window = make_window(seed_corpus, wait=False)
    # The analysis runs in a worker thread; the text is shown before it ends.
    assert window.analysis is None and window.analysis_run.comparing
    assert "Comparing 5 articles" in window.summary.text()
    # It starts once the articles are painted (their first frame waits for no worker).
    qtbot.waitUntil(lambda: window.analysis_run.threads[0].isRunning())
    assert len(window.analysis_run.threads) == 1
    assert len(window.panes) == 5
    assert isinstance(window.splitter, QSplitter)
    assert window.splitter.count() == 5
    # The text is there before the analysis is.
    # toRawText, not toPlainText: the latter turns no-break spaces into spaces.
    shown = [p.view.document().toRawText().replace(PARAGRAPH_SEPARATOR, "\n") for p in window.panes]
    assert shown == [d.text for d in seed_corpus]
    assert seed_corpus.name in window.windowTitle()
    widths = [p.width() for p in window.panes]
    assert max(widths) - min(widths) <= 2
    for pane, document in zip(window.panes, seed_corpus, strict=True):
        assert pane.view.isReadOnly()
        flags = pane.view.textInteractionFlags()
        assert flags & Qt.TextInteractionFlag.TextSelectableByKeyboard
        assert pane.title_label.full_text == " ".join(document.title.split())
        assert Path(document.path).name in pane.meta_label.full_text
        assert f"{document.word_count:,} words" in pane.meta_label.full_text


def test_highlights_sit_exactly_where_the_comparison_says(make_window, seed_corpus) -> None:
    window = make_window(seed_corpus)
    comparison = compare(seed_corpus.documents)
    for pane in window.panes:
        offsets = pane.view.offsets
        doc_id = pane.document.id

        def expected(kind: str, verbatim: bool = False, doc_id=doc_id, offsets=offsets) -> set:
            spans = {
                span
                for link in comparison.links
                if link.kind == kind and (link.verbatim or not verbatim)
                for span in (link.a, link.b)
                if span.doc == doc_id
            }
            return {offsets.span_to_utf16(s.start, s.end) for s in spans}

        for layer, wanted in (
            ("shared", expected("shared")),
            ("verbatim", expected("shared", verbatim=True)),
            ("conflict", expected("conflict")),
        ):
            assert {(a, b) for a, b, _ in drawn_while_scrolling(pane, layer)} == wanted
    assert any(selections(p, "shared") for p in window.panes)
    assert any(selections(p, "conflict") for p in window.panes)
    assert window.conflicts_table.model().rowCount() == len(comparison.conflicts)


def test_highlights_after_non_bmp_text_cover_the_right_words(make_window, synthetic_corpus):
    window = make_window(synthetic_corpus)
    comparison = window.analysis.comparison
    for pane in window.panes:
        drawn = {
            text.replace(PARAGRAPH_SEPARATOR, "\n")
            for layer in ("shared", "conflict")
            for _, _, text in drawn_while_scrolling(pane, layer)
        }
        wanted = {
            comparison.text(span)
            for link in comparison.links
            for span in (link.a, link.b)
            if span.doc == pane.document.id
        }
        assert drawn == wanted
    assert "about 11,000" in {
        text for _, _, text in drawn_while_scrolling(window.panes[0], "conflict")
    }


def test_layer_toggles_hide_and_show_a_layer(make_window, synthetic_corpus) -> None:
    window = make_window(synthetic_corpus)
    pane = window.panes[0]
    assert selections(pane, "conflict")
    window.actions_by_id["view.conflict"].setChecked(False)
    assert not selections(pane, "conflict")
    assert selections(pane, "shared")
    window.actions_by_id["view.conflict"].setChecked(True)
    assert selections(pane, "conflict")


def test_f8_and_f9_walk_passages_and_conflicts(make_window, synthetic_corpus, qtbot) -> None:
    window = make_window(synthetic_corpus)
    view = window.panes[0].view
    text = synthetic_corpus.documents[0].text
    shared = text.index("Officials said")
    first, second = text.index("about 11,000"), text.index("November")
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)

    qtbot.keyClick(view, Qt.Key.Key_F8)
    assert view.caret() == shared
    assert view.textCursor().position() == view.offsets.to_utf16(shared) != shared
    qtbot.keyClick(view, Qt.Key.Key_F9)
    assert view.caret() == first
    qtbot.keyClick(view, Qt.Key.Key_F9)
    assert view.caret() == second
    qtbot.keyClick(view, Qt.Key.Key_F9)  # wraps to the first conflict
    assert view.caret() == first
    qtbot.keyClick(view, Qt.Key.Key_F9, Qt.KeyboardModifier.ShiftModifier)
    assert view.caret() == second
    qtbot.keyClick(view, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    assert view.caret() == shared


def test_clicking_a_passage_scrolls_its_partner_into_view(make_window, synthetic_corpus, qtbot):
    window = make_window(synthetic_corpus, size=(900, 600))
    a, b = window.panes
    partner = synthetic_corpus.documents[1].text.index("Officials said")
    assert not b.view.is_visible(partner)

    position = synthetic_corpus.documents[0].text.index("North Korean troops")
    a.view.move_caret(position)
    rect = a.view.cursorRect(a.view.cursor_for(position))
    qtbot.mouseClick(a.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center() + QPoint(2, 0))
    assert b.view.is_visible(partner)
    flashed = selections(b, "flash")
    assert b.view.offsets.to_utf16(partner) in {start for start, _ in flashed}
    qtbot.waitUntil(lambda: not selections(b, "flash"), timeout=3000)


def test_enter_at_the_caret_shows_the_partner(make_window, synthetic_corpus, qtbot) -> None:
    window = make_window(synthetic_corpus, size=(900, 600))
    a, b = window.panes
    partner = synthetic_corpus.documents[1].text.index("approximately 12,000")
    a.view.setFocus()
    qtbot.waitUntil(a.view.hasFocus)
    a.view.move_caret(synthetic_corpus.documents[0].text.index("11,000"))
    qtbot.keyClick(a.view, Qt.Key.Key_Return)
    assert b.view.is_visible(partner)
    # The narrowest link wins: the conflicting value, not the whole sentence.
    assert (b.view.offsets.to_utf16(partner), b.view.offsets.to_utf16(partner + 20)) in (
        selections(b, "flash")
    )


def test_pane_focus_keys(make_window, seed_corpus, qtbot) -> None:
    window = make_window(seed_corpus, wait=False)
    first = window.panes[0].view
    first.setFocus()
    qtbot.waitUntil(first.hasFocus)
    qtbot.keyClick(first, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(window.panes[2].view.hasFocus)
    qtbot.keyClick(window.panes[2].view, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(window.panes[3].view.hasFocus)
    window.focus_pane(4)
    qtbot.waitUntil(window.panes[4].view.hasFocus)
    window.actions_by_id["window.next_pane"].trigger()  # wraps round
    qtbot.waitUntil(window.panes[0].view.hasFocus)
    window.actions_by_id["window.previous_pane"].trigger()
    qtbot.waitUntil(window.panes[4].view.hasFocus)


def test_zoom_changes_every_pane(make_window, synthetic_corpus) -> None:
    window = make_window(synthetic_corpus, wait=False)
    before = [p.view.font().pointSizeF() for p in window.panes]
    window.actions_by_id["view.zoom_in"].trigger()
    assert all(
        p.view.font().pointSizeF() > size for p, size in zip(window.panes, before, strict=True)
    )
    window.actions_by_id["view.zoom_reset"].trigger()
    assert [p.view.font().pointSizeF() for p in window.panes] == before


def test_hover_text_names_sources_values_and_speakers(make_window, synthetic_corpus) -> None:
    window = make_window(synthetic_corpus)
    a = window.panes[0]
    text = synthetic_corpus.documents[0].text
    shared = a.view.tooltip_provider(text.index("Kursk"))
    assert "Shared with: Article B" in shared
    conflict = a.view.tooltip_provider(text.index("11,000"))
    assert "about 11,000" in conflict and "approximately 12,000" in conflict
    assert "Article A" in conflict and "Article B" in conflict
    assert a.view.tooltip_provider(text.index("harvest")) == ""


def test_hovering_a_conflict_shows_its_tooltip(make_window, synthetic_corpus, qtbot) -> None:
    window = make_window(synthetic_corpus, size=(900, 600))
    view = window.panes[0].view
    position = synthetic_corpus.documents[0].text.index("11,000")
    view.move_caret(position)
    point = view.cursorRect(view.cursor_for(position)).center() + QPoint(3, 0)
    event = QHelpEvent(QEvent.Type.ToolTip, point, view.viewport().mapToGlobal(point))
    QApplication.sendEvent(view.viewport(), event)
    assert "approximately 12,000" in QToolTip.text()
    QToolTip.hideText()


def test_conflicts_table_jumps_to_both_values(make_window, synthetic_corpus, qtbot) -> None:
    window = make_window(synthetic_corpus, size=(900, 700))
    table = window.conflicts_table
    model = table.model()
    assert model.rowCount() == 2
    row = next(r for r in range(2) if model.index(r, 1).data() == "about 11,000")
    assert model.index(row, 4).data() == "approximately 12,000"
    assert model.index(row, 2).data() == "Article A"
    index = model.index(row, 0)
    centre = table.visualRect(index).center()
    # A real double-click: a click, then the press Qt reports as a double-click.
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    a, b = window.panes
    assert a.view.caret() == synthetic_corpus.documents[0].text.index("about 11,000")
    partner = synthetic_corpus.documents[1].text.index("approximately 12,000")
    assert b.view.caret() == partner
    assert b.view.is_visible(partner)

    other = model.index(1 - row, 0)
    table.setCurrentIndex(other)
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert a.view.caret() == model.conflict(1 - row).a.start


def test_theme_follows_a_dark_palette(qapp) -> None:
    light, dark = QPalette(), QPalette()
    light.setColor(QPalette.ColorRole.Window, QColor(240, 240, 240))
    dark.setColor(QPalette.ColorRole.Window, QColor(30, 30, 30))
    light_theme, dark_theme = Theme(light), Theme(dark)
    assert not light_theme.dark and dark_theme.dark
    assert dark_theme.cluster(0).alpha() < light_theme.cluster(0).alpha()
    assert dark_theme.color("conflict") != light_theme.color("conflict")


def test_window_retints_when_the_palette_turns_dark(make_window, synthetic_corpus) -> None:
    window = make_window(synthetic_corpus)
    palette = window.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor(20, 20, 20))
    window.setPalette(palette)
    assert window.theme.dark


def test_geometry_and_splitter_persist(make_window, synthetic_corpus, qtbot) -> None:
    # Smaller than the offscreen screen (800x600): restoreGeometry clamps to it.
    window = make_window(synthetic_corpus, wait=False, size=(700, 500))
    window.splitter.setSizes([300, 700])
    sizes = window.splitter.sizes()
    window.close()

    again = MainWindow(synthetic_corpus)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    assert (again.width(), again.height()) == (700, 500)
    assert again.splitter.sizes() == sizes
    with qtbot.waitSignal(again.analysed, timeout=60_000, raising=False):
        pass


def test_quit_closes_the_window(make_window, synthetic_corpus) -> None:
    window = make_window(synthetic_corpus, wait=False)
    window.actions_by_id["file.quit"].trigger()
    assert not window.isVisible()
    assert QApplication.instance() is not None


def test_f9_tints_the_current_conflict_and_says_which_of_how_many(
    make_window, synthetic_corpus, qtbot
) -> None:
    # Issue 14, item 5: a caret alone was too faint to follow.
    window = make_window(synthetic_corpus)
    pane = window.panes[0]
    view = pane.view
    text = synthetic_corpus.documents[0].text
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    qtbot.keyClick(view, Qt.Key.Key_F9)
    first = text.index("about 11,000")
    assert pane.current is not None and pane.current.start == first
    assert window.statusBar().currentMessage() == "Conflict 1 of 2 in this article"
    current = [
        s for s in view.extraSelections() if s.format.property(LAYER_PROPERTY) == "find_current"
    ]
    assert [view.offsets.to_code_point(s.cursor.selectionStart()) for s in current] == [first]
    qtbot.keyClick(view, Qt.Key.Key_F9)
    assert window.statusBar().currentMessage() == "Conflict 2 of 2 in this article"
    assert pane.current.start == text.index("November")


def test_one_click_on_a_conflicts_row_shows_it_in_the_panes(
    make_window, synthetic_corpus, qtbot
) -> None:
    window = make_window(synthetic_corpus, size=(900, 700))
    table = window.conflicts_table
    model = table.model()
    row = next(r for r in range(2) if model.index(r, 1).data() == "about 11,000")
    centre = table.visualRect(model.index(row, 0)).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    a, b = window.panes
    assert a.view.caret() == synthetic_corpus.documents[0].text.index("about 11,000")
    assert b.current is not None
    assert b.current.start == synthetic_corpus.documents[1].text.index("approximately 12,000")
    assert window.statusBar().currentMessage().startswith("Conflict ")
    assert " of 2" in window.statusBar().currentMessage()
