"""The overview bar beside each pane (issue 14, item 5): where things are, and a way there."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from nkdesk.ui.stripes import BUCKETS, Stripe, overview_stripes


def test_stripes_are_fractions_merged_per_kind_and_key() -> None:
    spans = [
        (0, 10, "shared", 1),
        (10, 20, "shared", 1),  # touches the first: one stripe
        (500, 510, "conflict", None),
        (900, 1000, "tag", "#112233"),
    ]
    stripes = overview_stripes(spans, 1000)
    assert stripes == (
        Stripe(0.0, 0.02, "shared", 1),
        Stripe(0.9, 1.0, "tag", "#112233"),
        Stripe(0.5, 0.51, "conflict", None),
    )


def test_a_long_article_paints_a_bounded_number_of_stripes() -> None:
    # 200 KB with a mark every 20 characters: the bar still has at most
    # BUCKETS stripes per kind, so painting it does not follow the article.
    length = 200_000
    spans = [(n, n + 5, "shared", 0) for n in range(0, length, 20)]
    stripes = overview_stripes(spans, length)
    assert len(stripes) <= BUCKETS
    assert stripes[0].start == 0.0 and stripes[-1].end == 1.0


def test_every_pane_has_a_bar_with_its_conflicts_and_tags(make_window, synthetic_corpus) -> None:
    window = make_window(synthetic_corpus)
    for pane in window.panes:
        bar = pane.overview
        assert bar.isVisible() and bar.x() >= pane.view.x() + pane.view.width() - 1
        conflicts = [s for s in bar.stripes if s.kind == "conflict"]
        length = len(pane.document.text)
        assert conflicts, "each synthetic article holds a conflicting value"
        value = pane.document.text.index("12,000" if pane.index else "about 11,000")
        assert any(s.start <= value / length < s.end + 1 / BUCKETS for s in conflicts)


def test_a_click_on_the_bar_scrolls_the_pane_there(make_window, seed_corpus, qtbot) -> None:
    window = make_window(seed_corpus, size=(1200, 500))
    pane = max(window.panes, key=lambda p: len(p.document.text))
    bar = pane.overview
    bar_before = bar.visible
    assert pane.view.verticalScrollBar().value() == 0
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=QPoint(bar.width() // 2, bar.height() - 2))
    assert pane.view.verticalScrollBar().value() > 0
    top, bottom = bar.visible
    assert top > bar_before[0] and bottom > 0.5
    top_offset = pane.view.visible_range()[0]
    assert abs(top - top_offset / len(pane.document.text)) < 0.01


def test_f9_marks_the_current_conflict_on_the_bar(make_window, synthetic_corpus, qtbot) -> None:
    window = make_window(synthetic_corpus)
    pane = window.panes[0]
    pane.view.setFocus()
    qtbot.waitUntil(pane.view.hasFocus)
    qtbot.keyClick(pane.view, Qt.Key.Key_F9)
    value = pane.document.text.index("about 11,000")
    assert pane.overview.current == value / len(pane.document.text)


def test_a_tag_appears_on_the_bar_in_its_colour(make_window, synthetic_corpus) -> None:
    window = make_window(synthetic_corpus, size=(1000, 700))
    pane = window.panes[0]
    text = pane.document.text
    start = text.index("Kursk region")
    pane.view.select(start, start + len("Kursk region"))
    window.tagger.apply_hotkey(8)
    [mark] = pane.view.tag_marks
    [stripe] = pane.overview.tag_stripes
    assert stripe.key == mark.colour
    assert stripe.start <= start / len(text) < stripe.end


def test_a_tag_has_a_coding_stripe_in_the_margin_beside_its_lines(
    make_window, synthetic_corpus
) -> None:
    window = make_window(synthetic_corpus, size=(1000, 700))
    view = window.panes[0].view
    text = window.panes[0].document.text
    start = text.index("Kursk region")
    view.select(start, start + len("Kursk region"))
    window.tagger.apply_hotkey(8)
    [mark] = view.tag_marks
    stripe = view.coding_stripe(mark)
    boxes = view.mark_rects(mark, wash=True)  # the tag may wrap over lines
    assert stripe is not None and stripe.right() < view.document().documentMargin()
    assert stripe.top() == min(b.top() for b in boxes)
    assert stripe.bottom() == max(b.bottom() for b in boxes)
