"""A long article goes into its pane in pieces, and is all there whenever it is asked for.

Given 200 KB at once, Qt lays the text out in steps that held the UI thread
50-80 ms each, the window's longest stalls; appended a piece per turn of the
event loop, it is laid out as it arrives. Nothing the analyst does may see
the text cut short.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QTextBlockFormat

from nkdesk.corpus import Corpus, Document
from nkdesk.ui import analysis_run
from nkdesk.ui.article_pane import LINE_HEIGHT_PERCENT, LOAD_STEP_CHARS, PassageView

PARAGRAPH = "Officials said about {n} troops were sent to the region in November 🙂. " * 4


def long_text(paragraphs: int = 400) -> str:
    # Emoji are two UTF-16 units each: offsets past the first piece must still
    # be code points.
    return "\n".join(PARAGRAPH.format(n=1_000 + n) for n in range(paragraphs))


def view_of(qtbot, text: str, *, show: bool) -> PassageView:
    view = PassageView(Document.from_text("long", text))
    qtbot.addWidget(view)
    if show:
        view.resize(500, 600)
        view.show()
        qtbot.waitExposed(view)
    return view


def test_a_shown_article_goes_in_whole_and_evenly_spaced(qtbot) -> None:
    text = long_text()
    view = PassageView(Document.from_text("long", text))
    qtbot.addWidget(view)
    assert LOAD_STEP_CHARS <= view.loaded < len(text)  # the first piece only, for now
    with qtbot.waitSignal(view.text_loaded, timeout=10_000):
        view.resize(500, 600)
        view.show()
    assert view.fully_loaded
    assert view.toPlainText() == text
    block = view.document().begin()
    heights = set()
    while block.isValid():
        heights.add(block.blockFormat().lineHeight())
        block = block.next()
    # The paragraphs appended keep the first piece's line spacing.
    assert heights == {float(LINE_HEIGHT_PERCENT)}
    assert view.document().lastBlock().blockFormat().lineHeightType() == (
        QTextBlockFormat.LineHeightTypes.ProportionalHeight.value
    )


def test_a_passage_past_the_first_piece_is_there_when_asked_for(qtbot) -> None:
    text = long_text()
    view = view_of(qtbot, text, show=False)
    start = text.rindex("about") + len("about ")
    view.select(start, start + 4)
    assert view.selection() == (start, start + 4)
    assert view.textCursor().selectedText() == text[start : start + 4]
    assert view.fully_loaded


def test_ctrl_end_reaches_the_article_s_end_before_it_is_all_in(qtbot) -> None:
    text = long_text()
    view = view_of(qtbot, text, show=True)
    assert not view.fully_loaded
    qtbot.keyClick(view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert view.caret() == len(text)


def test_a_short_article_goes_in_at_once(qtbot) -> None:
    view = view_of(qtbot, "Troops arrived in October.", show=False)
    assert view.fully_loaded and view.toPlainText() == "Troops arrived in October."


def test_a_long_comparison_starts_once_every_pane_holds_its_text(
    qtbot, tmp_path, monkeypatch
) -> None:
    # Laid out while a comparison runs, each piece waits for the interpreter
    # lock behind it: the pieces go in first.
    from nkdesk.ui import worker
    from nkdesk.ui.main_window import MainWindow

    monkeypatch.setattr(analysis_run, "WAIT_FOR_PAINT_CHARS", 0)  # as if long
    at_start: list[list[bool]] = []
    start = worker.Runner.start

    def recording_start(runner, thread) -> None:
        at_start.append([pane.view.fully_loaded for pane in window.panes])
        start(runner, thread)

    monkeypatch.setattr(worker.Runner, "start", recording_start)
    corpus = Corpus(
        tuple(
            Document.from_text(name, long_text(150).replace("troops", f"{name} troops"))
            for name in ("a", "b")
        )
    )
    settings = QSettings(str(tmp_path / "nkdesk.ini"), QSettings.Format.IniFormat)
    window = MainWindow(corpus, settings=settings)
    qtbot.addWidget(window)
    assert not any(pane.view.fully_loaded for pane in window.panes)
    with qtbot.waitSignal(window.analysed, timeout=60_000):
        window.show()
    assert at_start == [[True, True]]
    assert all(pane.marks for pane in window.panes)
