"""The Timeline dock: a claim's values as marks over time, walked by keys, leading to passages."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt

from nkdesk.analysis.timeline import SHAPES
from nkdesk.corpus import Corpus, Document
from nkdesk.sources import Source
from nkdesk.ui.theme import LAYER_PROPERTY

# Three counts of one evacuation made at different times: one as of a stated
# day, one dated by its publication only, one of no date at all.
DAILY = (
    "Flooding in the valley\n\nThe regional governor said on January 13 that about 200 people"
    " had been evacuated from the flooded valley villages.\n\nRoads stayed closed."
)
EVENING = (
    "Valley floods worsen\n\nAt least 1,000 people have been evacuated from the flooded valley"
    " villages, the regional governor said.\n\nSchools were shut."
)
RESCUE = (
    "Rescue teams in the valley\n\nSome 500 people had been evacuated from the flooded valley"
    " villages, according to the rescue service.\n\nRain is forecast."
)


@pytest.fixture
def floods() -> Corpus:
    return Corpus(
        (
            Document.from_text(
                "daily", DAILY, path="/news/daily.txt", source=Source(published="2025-01-20")
            ),
            Document.from_text(
                "evening", EVENING, path="/news/evening.txt", source=Source(published="2025-02-01")
            ),
            Document.from_text("rescue", RESCUE, path="/news/rescue.txt"),
        )
    )


def flashed(pane) -> set[tuple[int, int]]:
    return {
        (s.cursor.selectionStart(), s.cursor.selectionEnd())
        for s in pane.view.extraSelections()
        if s.format.property(LAYER_PROPERTY) == "flash"
    }


def shows(window, doc_id: str, text: str) -> bool:
    pane = window.pane(doc_id)
    start = pane.document.text.index(text)
    offsets = pane.view.offsets
    span = (offsets.to_utf16(start), offsets.to_utf16(start + len(text)))
    return pane.view.caret() == start and span in flashed(pane)


def open_timeline(window, qtbot):
    window.actions_by_id["window.timeline"].trigger()
    panel = window.timeline_panel
    qtbot.waitUntil(panel.canvas.isVisible)
    qtbot.waitUntil(lambda: panel.canvas.hasFocus())
    return panel


def test_the_dock_plots_one_mark_per_stated_value(make_window, floods, qtbot) -> None:
    window = make_window(floods)
    panel = open_timeline(window, qtbot)
    assert window.timeline_dock.isVisible()
    assert window.timeline_dock in window.tabifiedDockWidgets(window.matrix_dock)
    claims = [panel.claims_list.item(n).text() for n in range(panel.claims_list.count())]
    assert any("evacuated" in c and "(3 sources)" in c for c in claims)
    row = next(n for n, c in enumerate(claims) if "evacuated" in c)
    panel.claims_list.setCurrentRow(row)
    marks = panel.canvas.marks
    assert {(m.point.doc, m.point.text) for m in marks} == {
        ("daily", "about 200"),
        ("evening", "At least 1,000"),
        ("rescue", "Some 500"),
    }
    by_doc = {m.point.doc: m for m in marks}
    # Time runs left to right; the undated count stands apart at the right.
    assert by_doc["daily"].x < by_doc["evening"].x < by_doc["rescue"].x
    assert by_doc["rescue"].point.placed == "undated"
    # Larger values higher up.
    assert by_doc["evening"].y < by_doc["rescue"].y < by_doc["daily"].y
    # Each source its colour and shape: readable without colour.
    assert panel.canvas._shape("daily") == SHAPES[0] != panel.canvas._shape("evening")
    assert panel.canvas._colour("evening") == window.pane("evening").source_color
    tooltip = panel.canvas.description(by_doc["daily"])
    assert "about 200" in tooltip and "as of 13 Jan 2025" in tooltip
    image = panel.canvas.grab().toImage()
    colour = window.pane("evening").source_color
    centre = by_doc["evening"]
    # Hollow (placed at its publication): the ring, not the middle, has the colour.
    ring = image.pixelColor(int(centre.x) + 5, int(centre.y))
    assert abs(ring.red() - colour.red()) + abs(ring.green() - colour.green()) < 90


def test_arrows_walk_the_marks_and_return_shows_the_passage(make_window, floods, qtbot):
    window = make_window(floods)
    panel = open_timeline(window, qtbot)
    canvas = panel.canvas
    assert canvas.current == 0
    assert canvas.current_mark().point.doc == "daily"
    assert "about 200" in panel.detail.text()
    qtbot.keyClick(canvas, Qt.Key.Key_Right)
    assert canvas.current_mark().point.doc == "evening"
    assert "At least 1,000" in panel.detail.text() and "publication" in panel.detail.text()
    qtbot.keyClick(canvas, Qt.Key.Key_End)
    assert canvas.current_mark().point.doc == "rescue"
    qtbot.keyClick(canvas, Qt.Key.Key_Up)  # 1,000 is the one value above 500
    assert canvas.current_mark().point.doc == "evening"
    qtbot.keyClick(canvas, Qt.Key.Key_Home)
    with qtbot.waitSignal(panel.passage_chosen):
        qtbot.keyClick(canvas, Qt.Key.Key_Return)
    assert shows(window, "daily", "about 200")


def test_clicking_a_mark_shows_its_passage(make_window, floods, qtbot) -> None:
    window = make_window(floods)
    panel = open_timeline(window, qtbot)
    mark = next(m for m in panel.canvas.marks if m.point.doc == "rescue")
    with qtbot.waitSignal(panel.passage_chosen):
        qtbot.mouseClick(
            panel.canvas, Qt.MouseButton.LeftButton, pos=QPoint(int(mark.x), int(mark.y))
        )
    assert shows(window, "rescue", "Some 500")
    assert panel.canvas.current_mark() is mark
    # A click away from every mark leads nowhere.
    carets = [p.view.caret() for p in window.panes]
    with qtbot.assertNotEmitted(panel.passage_chosen):
        qtbot.mouseClick(panel.canvas, Qt.MouseButton.LeftButton, pos=QPoint(2, 2))
    assert [p.view.caret() for p in window.panes] == carets


def test_the_view_menu_hides_and_shows_the_dock(make_window, floods, qtbot) -> None:
    window = make_window(floods)
    action = window.actions_by_id["view.timeline"]
    assert action.isChecked()
    action.setChecked(False)
    assert window.timeline_dock.isHidden()
    window.actions_by_id["window.timeline"].trigger()
    assert action.isChecked() and not window.timeline_dock.isHidden()


def test_a_corpus_with_no_quantity_claim_says_so(make_window, synthetic_corpus, qtbot):
    window = make_window(synthetic_corpus)
    panel = open_timeline(window, qtbot)
    # The two synthetic articles give 11,000 and 12,000 troops: one claim.
    assert panel.claims_list.count() == 1
    window.set_corpus(
        Corpus((Document.from_text("x", "A cat."), Document.from_text("y", "A dog.")))
    )
    assert panel.claims_list.count() == 0 and panel.canvas.marks == ()


def test_hovering_a_mark_shows_source_speaker_value_and_date(make_window, floods, qtbot):
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QApplication, QToolTip

    window = make_window(floods)
    panel = open_timeline(window, qtbot)
    canvas = panel.canvas
    mark = next(m for m in canvas.marks if m.point.doc == "rescue")
    at = QPoint(int(mark.x), int(mark.y))
    QApplication.sendEvent(canvas, QHelpEvent(QEvent.Type.ToolTip, at, canvas.mapToGlobal(at)))
    qtbot.waitUntil(QToolTip.isVisible)
    text = QToolTip.text()
    assert "Rescue teams in the valley" in text and "Some 500" in text
    assert "rescue service" in text and "no date stated" in text
    QToolTip.hideText()
