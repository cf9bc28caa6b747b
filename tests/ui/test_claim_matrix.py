"""The claim matrix dock: a thin table over analysis.matrix, and where it leads."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from nkdesk.analysis.matrix import claim_matrix
from nkdesk.ui.claim_matrix import ABSENT_TEXT, CLAIM_COLUMN, FIRST_SOURCE_COLUMN, SUPPORT_COLUMN
from nkdesk.ui.theme import LAYER_PROPERTY


def flashed(pane) -> set[tuple[int, int]]:
    return {
        (s.cursor.selectionStart(), s.cursor.selectionEnd())
        for s in pane.view.extraSelections()
        if s.format.property(LAYER_PROPERTY) == "flash"
    }


def double_click(qtbot, table, index) -> None:
    table.scrollTo(index)
    centre = table.visualRect(index).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=centre)


def find_cell(model, text: str):
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            if model.data(index) == text:
                return index
    raise AssertionError(f"no cell reads {text!r}")


def test_the_model_shows_the_matrix_the_core_computed(make_window, seed_corpus) -> None:
    window = make_window(seed_corpus)
    model = window.matrix_table.model()
    expected = claim_matrix(window.analysis.comparison)
    assert model.rowCount() == len(expected.rows) == len(window.analysis.comparison.clusters)
    assert model.columnCount() == FIRST_SOURCE_COLUMN + len(seed_corpus.documents)
    for r, row in enumerate(expected.rows):
        assert model.data(model.index(r, CLAIM_COLUMN)) == row.cluster.label
        for c, cell in enumerate(row.cells):
            index = model.index(r, FIRST_SOURCE_COLUMN + c)
            assert model.cell(index) == cell
            shown = model.data(index)
            assert shown == (cell.text or ABSENT_TEXT if cell.state == "absent" else cell.text)
            tint = model.data(index, Qt.ItemDataRole.BackgroundRole)
            assert tint == window.theme.matrix_background(cell.state)
    states = {
        model.cell(model.index(r, c)).state
        for r in range(model.rowCount())
        for c in range(FIRST_SOURCE_COLUMN, model.columnCount())
    }
    assert {"conflict", "absent"} <= states and states <= {
        "agree",
        "mentions",
        "conflict",
        "absent",
    }
    troops = find_cell(model, "about 11,000 · November")
    assert model.cell(troops).state == "conflict"
    assert isinstance(model.data(troops, Qt.ItemDataRole.FontRole), QFont)
    assert "troops (North Korean)" in model.data(troops, Qt.ItemDataRole.ToolTipRole)
    header = model.headerData(FIRST_SOURCE_COLUMN, Qt.Orientation.Horizontal)
    assert seed_corpus.documents[0].title.startswith(header.rstrip("…"))
    swatch = model.headerData(
        FIRST_SOURCE_COLUMN, Qt.Orientation.Horizontal, Qt.ItemDataRole.DecorationRole
    )
    assert swatch.pixmap(8, 8).toImage().pixelColor(4, 4) == window.panes[0].source_color


def test_double_clicking_a_reading_shows_that_passage(make_window, synthetic_corpus, qtbot):
    window = make_window(synthetic_corpus, size=(900, 700))
    table = window.matrix_table
    assert window.matrix_dock.isVisible()
    index = find_cell(table.model(), "approximately 12,000 · October")
    double_click(qtbot, table, index)
    b = window.panes[1]
    position = synthetic_corpus.documents[1].text.index("approximately 12,000")
    assert b.view.caret() == position and b.view.is_visible(position)
    span = (b.view.offsets.to_utf16(position), b.view.offsets.to_utf16(position + 20))
    assert span in flashed(b)


def test_enter_on_a_claim_shows_every_source(make_window, synthetic_corpus, qtbot) -> None:
    window = make_window(synthetic_corpus, size=(900, 700))
    table = window.matrix_table
    table.setFocus()
    table.setCurrentIndex(table.model().index(0, CLAIM_COLUMN))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    expected = {"a": "about 11,000", "b": "approximately 12,000"}
    for pane in window.panes:
        assert pane.view.caret() == pane.document.text.index(expected[pane.document.id])
        assert flashed(pane)


def test_an_absent_reading_leads_nowhere(make_window, seed_corpus, qtbot) -> None:
    window = make_window(seed_corpus)
    model = window.matrix_table.model()
    index = find_cell(model, ABSENT_TEXT)
    carets = [p.view.caret() for p in window.panes]
    with qtbot.assertNotEmitted(window.matrix_table.passage_chosen):
        window.matrix_table.on_activated(index)
    assert [p.view.caret() for p in window.panes] == carets
    assert model.data(index, Qt.ItemDataRole.ToolTipRole).startswith("Not reported by")


def test_matrix_conflicts_and_tags_share_the_bottom_as_tabs(make_window, synthetic_corpus, qtbot):
    window = make_window(synthetic_corpus)
    matrix = window.actions_by_id["view.claim_matrix"]
    conflicts = window.actions_by_id["view.conflicts_panel"]
    assert set(window.tabifiedDockWidgets(window.matrix_dock)) == {
        window.conflicts_dock,
        window.tags_dock,
        window.timeline_dock,
    }
    window.conflicts_dock.raise_()
    qtbot.waitUntil(window.conflicts_table.isVisible)
    # A tab behind another is not closed: its menu item stays ticked.
    assert matrix.isChecked() and conflicts.isChecked()
    matrix.setChecked(False)
    assert window.matrix_dock.isHidden()
    matrix.setChecked(True)
    qtbot.waitUntil(window.matrix_table.isVisible)
    window.matrix_dock.close()
    assert not matrix.isChecked()


def test_headers_wrap_and_the_sources_share_the_width(make_window, seed_corpus, qtbot) -> None:
    # Issue 14, item 4: titles were cut at one line and the last column took
    # the rest of the width.
    window = make_window(seed_corpus)
    table = window.matrix_table
    table.resize(1200, 400)
    table.show()
    qtbot.waitExposed(table)
    model = table.model()
    header = table.horizontalHeader()
    assert header.defaultAlignment() & Qt.TextFlag.TextWordWrap
    first = window.corpus.documents[0].title
    shown = model.headerData(FIRST_SOURCE_COLUMN, Qt.Orientation.Horizontal)
    assert len(shown) > 40 or shown == " ".join(first.split())
    assert header.height() >= 2 * header.fontMetrics().lineSpacing()
    widths = [table.columnWidth(c) for c in range(FIRST_SOURCE_COLUMN, model.columnCount())]
    assert max(widths) - min(widths) <= 1


def test_a_cell_the_engine_did_not_decide_reads_mentions(make_window, seed_corpus) -> None:
    window = make_window(seed_corpus)
    model = window.matrix_table.model()
    mentions = [
        model.index(r, c)
        for r in range(model.rowCount())
        for c in range(FIRST_SOURCE_COLUMN, model.columnCount())
        if model.cell(model.index(r, c)).state == "mentions"
    ]
    assert mentions
    tint = model.data(mentions[0], Qt.ItemDataRole.BackgroundRole)
    assert tint != window.theme.matrix_background("agree")
    assert model.data(mentions[0], Qt.ItemDataRole.AccessibleDescriptionRole) == "mentions"


def test_the_sources_column_says_how_many_independent_origins_a_claim_has(make_window, qtbot):
    from nkdesk.corpus import Corpus, Document

    gazette = "The Harbour Gazette"
    corpus = Corpus(
        (
            Document.from_text(
                "a",
                "Troops on the border\n\nAbout 11,000 soldiers were sent to the northern border"
                f" in March, according to {gazette}.\n",
            ),
            Document.from_text(
                "b",
                "Border build-up\n\nAbout 11,000 soldiers were sent to the northern border in"
                f" March, {gazette} reported.\n",
            ),
            Document.from_text(
                "c", "Quiet week\n\nThe city council approved a budget for the library.\n"
            ),
        )
    )
    window = make_window(corpus)
    model = window.matrix_table.model()
    shown = [model.data(model.index(r, SUPPORT_COLUMN)) for r in range(model.rowCount())]
    # Two sources, but both echo one report: one origin, named.
    assert shown and all(s == f"2 of 3 sources · 1 origin: {gazette}" for s in shown)
    assert model.data(model.index(0, SUPPORT_COLUMN), Qt.ItemDataRole.ToolTipRole) == shown[0]


def test_an_article_of_unknown_outlet_is_named_as_an_origin_by_its_title(make_window):
    # No outlet, no source named in the text: each article is its own origin,
    # and the analyst reads which by the title its column has, not a file id.
    from nkdesk.corpus import Corpus, Document

    corpus = Corpus(
        (
            Document.from_text(
                "0a1f9c2e", "Troops on the border\n\nAbout 11,000 soldiers were sent north.\n"
            ),
            Document.from_text(
                "7bd04e11", "Border build-up\n\nAbout 12,000 soldiers were sent north.\n"
            ),
        )
    )
    window = make_window(corpus)
    model = window.matrix_table.model()
    shown = [model.data(model.index(r, SUPPORT_COLUMN)) for r in range(model.rowCount())]
    assert shown
    assert any("“Troops on the border”" in s and "“Border build-up”" in s for s in shown)
    assert not any("0a1f9c2e" in s or "7bd04e11" in s for s in shown)
