"""View > Linked Scrolling: the other panes follow the partner of the passage on top."""

from __future__ import annotations

import pytest

from nkdesk.corpus import Corpus, Document

from .conftest import TEXT_A, TEXT_B


def filler(topic: str) -> str:
    return "\n\n".join(f"Paragraph {n} is about {topic}." for n in range(12))


# Different in each article, so that the engine links nothing but the passage.
FILLER_A = filler("the county fair, its livestock show and the pie contest")
FILLER_B = filler("a regatta in the harbour, with sailing dinghies racing round three buoys")


@pytest.fixture
def long_corpus() -> Corpus:
    # The shared sentence sits in the middle of two long articles, at
    # different heights, so both panes can scroll it to their tops.
    a = FILLER_A + "\n\n" + TEXT_A + "\n\n" + FILLER_A
    b = TEXT_B + "\n\n" + FILLER_B + "\n\n" + FILLER_B
    return Corpus(
        (
            Document.from_text("a", a, title="Article A", path="/news/a.txt"),
            Document.from_text("b", b, title="Article B", path="/news/b.txt"),
        )
    )


@pytest.fixture
def window(make_window, long_corpus, qtbot, focus_first_pane):
    window = make_window(long_corpus, size=(900, 600))
    focus_first_pane(window, qtbot)
    return window


def test_scrolling_the_focused_pane_lines_up_the_partner(window, long_corpus) -> None:
    window.actions_by_id["view.linked_scrolling"].setChecked(True)
    a, b = window.panes
    passage = long_corpus.documents[0].text.index("Officials said")
    partner = long_corpus.documents[1].text.index("Officials said")
    a.view.scroll_to(passage, 0)
    assert a.view.y_of(passage) <= 2  # (a line's top can sit a pixel or two off)
    assert b.view.is_visible(partner)
    assert b.view.y_of(partner) == a.view.y_of(passage)
    # A few lines further, the same passage still covers the top: b follows.
    bar = a.view.verticalScrollBar()
    bar.setValue(bar.value() + 20)
    assert b.view.y_of(partner) == a.view.y_of(passage)


def test_a_passage_without_partner_leaves_the_others(window) -> None:
    window.actions_by_id["view.linked_scrolling"].setChecked(True)
    a, b = window.panes
    # One shared passage: every shared link (the sentence, its figures) lies in it.
    text = window.analysis.comparison.documents[0].text
    passage = text.index("Officials said")
    assert all(
        link.a.start >= passage if link.a.doc == "a" else link.b.start >= passage
        for link in window.analysis.comparison.shared_links
    )
    b.view.verticalScrollBar().setValue(0)
    a.view.verticalScrollBar().setValue(0)  # only filler at the top
    before = b.view.verticalScrollBar().value()
    a.view.verticalScrollBar().setValue(5)
    assert b.view.verticalScrollBar().value() == before


def test_off_by_default_and_panes_then_scroll_alone(window, long_corpus) -> None:
    assert not window.actions_by_id["view.linked_scrolling"].isChecked()
    a, b = window.panes
    before = b.view.verticalScrollBar().value()
    a.view.scroll_to(long_corpus.documents[0].text.index("Officials said"), 0)
    assert b.view.verticalScrollBar().value() == before


def test_only_the_focused_pane_leads(window, long_corpus) -> None:
    window.actions_by_id["view.linked_scrolling"].setChecked(True)
    a, b = window.panes
    before = a.view.verticalScrollBar().value()
    b.view.scroll_to(long_corpus.documents[1].text.index("Officials said"), 0)
    assert a.view.verticalScrollBar().value() == before


def test_turning_it_on_lines_up_at_once(window, long_corpus) -> None:
    a, b = window.panes
    passage = long_corpus.documents[0].text.index("Officials said")
    partner = long_corpus.documents[1].text.index("Officials said")
    a.view.scroll_to(passage, 0)
    assert not b.view.is_visible(partner)
    window.actions_by_id["view.linked_scrolling"].setChecked(True)
    assert b.view.y_of(partner) == a.view.y_of(passage)
