"""ui.marks: the lookups hover, click and scroll use, built once per comparison."""

from __future__ import annotations

from nkdesk.analysis import Comparison
from nkdesk.analysis.model import Link, Span
from nkdesk.corpus import Document
from nkdesk.ui.marks import Passages, describe, document_marks

TEXT = "x" * 200


def passages(*spans: tuple[int, int]) -> Passages:
    documents = (Document.from_text("a", TEXT), Document.from_text("b", TEXT))
    links = tuple(
        Link("shared", Span("a", s, e), Span("b", s + 1, e + 1), 0.9, False, None, "")
        for s, e in spans
    )
    return Passages(Comparison(documents, (), links, (), (), ()), "a")


def test_the_passage_at_the_top_of_a_view() -> None:
    lookup = passages((10, 50), (20, 30), (60, 80), (120, 140))
    assert lookup.passage_at(25, 100) == Span("a", 20, 30)  # the innermost start
    assert lookup.passage_at(35, 100) == Span("a", 10, 50)  # still covered
    assert lookup.passage_at(52, 100) == Span("a", 60, 80)  # first in view
    assert lookup.passage_at(85, 110) is None  # nothing in view
    assert lookup.passage_at(150, 200) is None
    assert passages().passage_at(0, 200) is None


def test_a_long_passage_far_back_still_covers_the_top() -> None:
    lookup = passages((0, 190), *((n, n + 2) for n in range(5, 180, 5)))
    assert lookup.passage_at(183, 200) == Span("a", 0, 190)


def test_hover_text_is_a_lookup_in_the_passages() -> None:
    lookup = passages((10, 50))
    assert describe(lookup, 20, {"b": "Article B"}) == "Shared with: Article B"
    assert describe(lookup, 5, {"b": "Article B"}) == ""


def event_passages_comparison() -> Comparison:
    documents = (Document.from_text("a", TEXT), Document.from_text("b", TEXT))
    links = (Link("event", Span("a", 10, 50), Span("b", 60, 90), 0.8, False, None, "same event"),)
    return Comparison(documents, (), links, (), (), ())


def event_passages() -> Passages:
    return Passages(event_passages_comparison(), "a")


def test_a_same_event_link_is_its_own_layer_and_never_a_conflict() -> None:
    marks = document_marks(event_passages_comparison(), "a")
    assert [(m.start, m.end, m.layer) for m in marks] == [(10, 50, "event")]


def test_hover_names_the_sources_that_report_the_same_event() -> None:
    lookup = event_passages()
    assert describe(lookup, 20, {"b": "Article B"}) == "Same event in: Article B"
    # Return scrolls to the sentence the other source tells the event in.
    assert lookup.partners(20) == {"b": Span("b", 60, 90)}
    # F8 walks shared passages only.
    assert lookup.step("shared", 0, forward=True) is None
