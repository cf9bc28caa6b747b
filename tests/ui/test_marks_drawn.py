"""A pane draws the marks on and around its screen, whatever the article's length.

On five 200 KB articles, turning every mark into a Qt selection held the UI
thread for seconds when the comparison arrived; a pane now draws the marks
near what it shows and the next ones as it scrolls.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from nkdesk.corpus import Document
from nkdesk.ui.article_pane import ArticlePane
from nkdesk.ui.marks import Mark, Stretches
from nkdesk.ui.theme import LAYER_PROPERTY, Theme

SENTENCE = "Officials said about {n} troops were sent to the region in November. "


def long_pane(qtbot, sentences: int = 3_000) -> ArticlePane:
    text = "".join(SENTENCE.format(n=1_000 + n) for n in range(sentences))
    pane = ArticlePane(Document.from_text("long", text), 0, Theme(QApplication.palette()))
    qtbot.addWidget(pane)
    pane.resize(500, 600)
    pane.show()
    qtbot.waitExposed(pane)
    # Every sentence's figure is marked: thousands of marks in one article.
    marks = []
    for n in range(sentences):
        start = n * len(SENTENCE.format(n=1_000)) + len("Officials said about ")
        marks.append(Mark(start, start + 4, "conflict", 0))
    pane.set_marks(marks)
    return pane


def drawn(pane: ArticlePane) -> list[str]:
    return [
        s.cursor.selectedText()
        for s in pane.view.extraSelections()
        if s.format.property(LAYER_PROPERTY) == "conflict"
    ]


def test_a_long_article_draws_only_the_marks_near_the_screen(qtbot) -> None:
    pane = long_pane(qtbot)
    shown = drawn(pane)
    assert "1000" in shown  # the first screen's marks are there
    assert 0 < len(shown) < len(pane.marks) / 10


def test_scrolling_to_the_end_draws_the_marks_there(qtbot) -> None:
    pane = long_pane(qtbot)
    assert "3999" not in drawn(pane)
    qtbot.keyClick(pane.view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "3999" in drawn(pane))
    assert "1000" not in drawn(pane)
    top, bottom = pane.view.visible_range()
    start, end = pane.drawn_range
    assert start <= top and bottom <= end


def test_hiding_a_layer_hides_it_everywhere_not_only_on_screen(qtbot) -> None:
    pane = long_pane(qtbot)
    pane.set_layer_visible("conflict", False)
    pane.view.verticalScrollBar().setValue(pane.view.verticalScrollBar().maximum())
    assert drawn(pane) == []


def test_stretches_finds_every_stretch_touching_a_range() -> None:
    marks = [Mark(0, 100, "shared"), Mark(10, 20, "shared"), Mark(150, 160, "shared")]
    stretches = Stretches(marks)
    assert stretches.touching(95, 96) == [Mark(0, 100, "shared")]
    assert stretches.touching(20, 150) == [Mark(0, 100, "shared")]
    assert stretches.touching(19, 151) == marks
    assert stretches.touching(100, 150) == []
