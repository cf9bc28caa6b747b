"""Edit > Find: one query searched in every pane, walked with F3 across them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from nkdesk.ui.theme import LAYER_PROPERTY

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def found(pane, layer: str = "find") -> set[int]:
    """Code-point starts of the matches a pane draws in a find layer."""
    return {
        pane.view.offsets.to_code_point(s.cursor.selectionStart())
        for s in pane.view.extraSelections()
        if s.format.property(LAYER_PROPERTY) == layer
    }


@pytest.fixture
def window(make_window, synthetic_corpus, qtbot, focus_first_pane):
    window = make_window(synthetic_corpus, size=(900, 600))
    focus_first_pane(window, qtbot)
    return window


def open_find(window, qtbot) -> None:
    qtbot.keyClick(window.panes[0].view, Qt.Key.Key_F, CTRL)
    qtbot.waitUntil(window.find_bar.field.hasFocus)


def test_typing_searches_every_pane_ignoring_case(window, qtbot, synthetic_corpus) -> None:
    a, b = (d.text for d in synthetic_corpus.documents)
    open_find(window, qtbot)
    assert window.find_bar.isVisible()
    summaries: list[str] = []
    window.find_updated.connect(summaries.append)
    qtbot.keyClicks(window.find_bar.field, "NORTH korean")
    # One search per key typed, narrowing as the query grows.
    assert len(summaries) == len("NORTH korean")
    assert summaries[-1] == "2 matches in 2 articles"
    assert window.statusBar().currentMessage() == "2 matches in 2 articles"
    assert found(window.panes[0], "find_current") == {a.index("North Korean")}
    assert found(window.panes[1]) == {b.index("North Korean")}
    # The first match from the caret on is current, and the caret is on it.
    assert window.panes[0].view.caret() == a.index("North Korean")
    assert window.find_bar.position_label.text() == "1 of 2"


def test_f3_and_shift_f3_walk_matches_across_panes(window, qtbot, synthetic_corpus) -> None:
    a, b = (d.text for d in synthetic_corpus.documents)
    open_find(window, qtbot)
    qtbot.keyClicks(window.find_bar.field, "officials")
    field = window.find_bar.field
    qtbot.keyClick(field, Qt.Key.Key_F3)
    first_b = b.index("Officials")
    assert window.panes[1].view.caret() == first_b
    assert window.panes[1].view.is_visible(first_b)
    assert found(window.panes[1], "find_current") == {first_b}
    assert field.hasFocus()  # typing can go on
    qtbot.keyClick(field, Qt.Key.Key_F3)  # wraps round to the first pane
    assert found(window.panes[0], "find_current") == {a.index("Officials")}
    qtbot.keyClick(field, Qt.Key.Key_F3, SHIFT)
    assert found(window.panes[1], "find_current") == {first_b}
    qtbot.keyClick(field, Qt.Key.Key_Return, SHIFT)  # Return walks too
    assert found(window.panes[0], "find_current") == {a.index("Officials")}
    assert window.find_bar.position_label.text() == "1 of 2"


def test_not_found(window, qtbot) -> None:
    open_find(window, qtbot)
    qtbot.keyClicks(window.find_bar.field, "zeppelin")
    assert window.statusBar().currentMessage() == "not found"
    assert not any(found(p) or found(p, "find_current") for p in window.panes)
    qtbot.keyClick(window.find_bar.field, Qt.Key.Key_F3)  # nothing to walk: no error
    assert window.find_bar.position_label.text() == ""


def test_esc_closes_the_bar_and_clears_the_marks(window, qtbot, synthetic_corpus) -> None:
    open_find(window, qtbot)
    qtbot.keyClicks(window.find_bar.field, "markets")
    assert found(window.panes[1], "find_current")
    with qtbot.waitSignal(window.find_updated) as updated:
        qtbot.keyClick(window.find_bar.field, Qt.Key.Key_Escape)
    assert updated.args == [""]
    assert not window.find_bar.isVisible()
    assert not any(found(p) or found(p, "find_current") for p in window.panes)
    assert window.statusBar().currentMessage() == ""
    # Focus goes to the pane of the match, its caret on it.
    qtbot.waitUntil(window.panes[1].view.hasFocus)
    assert window.panes[1].view.caret() == synthetic_corpus.documents[1].text.index("Markets")


def test_f3_with_the_bar_closed_reopens_it_on_the_last_query(window, qtbot) -> None:
    open_find(window, qtbot)
    qtbot.keyClicks(window.find_bar.field, "officials")
    qtbot.keyClick(window.find_bar.field, Qt.Key.Key_Escape)
    qtbot.waitUntil(window.panes[0].view.hasFocus)
    caret = window.panes[0].view.caret()
    qtbot.keyClick(window.panes[0].view, Qt.Key.Key_F3)
    assert window.find_bar.isVisible() and window.find_bar.query == "officials"
    # On from the caret, which sat on the first match: the next one.
    assert window.panes[1].view.caret() == window.panes[1].document.text.index("Officials")
    assert window.panes[0].view.caret() == caret


def test_esc_in_the_field_closes_the_bar_not_the_comparison(
    make_window, synthetic_corpus, qtbot, gate
) -> None:
    held = gate()
    window = make_window(synthetic_corpus, wait=False)
    window.actions_by_id["edit.find"].trigger()
    qtbot.waitUntil(window.find_bar.field.hasFocus)
    assert window.actions_by_id["view.stop"].isEnabled()
    qtbot.keyClick(window.find_bar.field, Qt.Key.Key_Escape)
    assert not window.find_bar.isVisible()
    assert window.analysis_run.comparing
    with qtbot.waitSignal(window.analysed, timeout=60_000):
        held.open()


def test_find_a_number_by_value_in_the_seeds_and_literal_finds_fewer(
    make_window, seed_corpus, qtbot
) -> None:
    window = make_window(seed_corpus, size=(1400, 800))
    window.panes[0].view.setFocus()
    qtbot.waitUntil(window.panes[0].view.hasFocus)
    open_find(window, qtbot)
    qtbot.keyClicks(window.find_bar.field, "11,000")
    by_value = window.finder.matches.articles
    assert by_value >= 3, window.finder.matches.summary()
    assert "in 3 articles" in window.statusBar().currentMessage() or by_value > 3
    qtbot.keyClick(window.find_bar.field, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: window.find_bar.literal)  # a mnemonic clicks after a flash
    assert window.finder.matches.articles < by_value
