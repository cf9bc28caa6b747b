"""ui.search and ui.recent: the plain-Python parts of Find and Open Recent."""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from nkdesk.analysis.model import Span
from nkdesk.corpus import Document
from nkdesk.text.numbers import parse_number
from nkdesk.ui import recent
from nkdesk.ui.search import Matches

DOCS = (
    Document.from_text("a", "Troops. TROOPS! troopship"),
    Document.from_text("b", "No match here"),
    Document.from_text("c", "Straße troops"),
)


def test_matches_ignore_case_in_pane_order() -> None:
    matches = Matches(DOCS, "troops")
    assert matches.spans == [Span("a", 0, 6), Span("a", 8, 14), Span("a", 16, 22), Span("c", 7, 13)]
    assert matches.summary() == "4 matches in 2 articles"
    assert Matches(DOCS, "zeppelin").summary() == "not found"
    assert Matches(DOCS, "").summary() == ""
    assert Matches(DOCS[:1], "ship").summary() == "1 match in 1 article"


def test_offsets_survive_characters_whose_case_changes_length() -> None:
    # "ß".upper() is "SS": a search on a case-folded copy would shift offsets.
    matches = Matches(DOCS, "TROOPS")
    assert all(DOCS[2].text[s.start : s.end] == "troops" for s in matches.in_document("c"))


def test_the_walk_starts_at_the_caret_and_wraps() -> None:
    matches = Matches(DOCS, "troops")
    assert matches.first_from("a", 0) == 0
    assert matches.first_from("a", 1) == 1
    assert matches.first_from("b", 5) == 3  # on into the next pane that has one
    assert matches.first_from("c", 100) == 0  # past the last: round to the first
    assert matches.step(3, forward=True) == 0
    assert matches.step(0, forward=False) == 3
    assert Matches(DOCS, "zeppelin").first_from("a", 0) is None


@given(st.text(max_size=40), st.text(min_size=1, max_size=3))
def test_every_match_slices_back_to_the_query(text: str, query: str) -> None:
    document = Document.from_text("x", text)
    spans = Matches((document,), query, literal=True).spans
    for span in spans:
        found = document.text[span.start : span.end]
        assert len(found) == len(query)
        assert re.fullmatch(re.escape(query), found, re.IGNORECASE)
    assert all(a.end <= b.start for a, b in pairwise(spans))
    if query in document.text:
        assert spans


def test_recent_entries_move_to_the_front_and_are_capped(tmp_path: Path) -> None:
    entries = [recent.entry([tmp_path / f"c{n}"]) for n in range(10)]
    listed: list[recent.Entry] = []
    for item in entries:
        listed = recent.remembered(listed, item)
    assert len(listed) == recent.MAX_RECENT and listed[0] == entries[-1]
    listed = recent.remembered(listed, entries[5])
    assert listed[0] == entries[5] and listed.count(entries[5]) == 1
    assert recent.loads(recent.dumps(listed)) == listed
    assert recent.loads("not json") == recent.loads(None) == recent.loads('{"a": 1}') == []


def test_recent_labels(tmp_path: Path) -> None:
    folder = tmp_path / "kursk"
    folder.mkdir()
    assert recent.label((str(folder),)) == "kursk/"
    files = tuple(str(tmp_path / f"{n}.txt") for n in "abcd")
    assert recent.label(files) == "a.txt, b.txt + 2 more"
    assert recent.entry(["x.txt", "x.txt"]) == (str(Path("x.txt").absolute()),)


def test_a_number_finds_the_numbers_of_its_value_unless_literal() -> None:
    # Issue 14, item 3: "11, 000" is the value the engine reads as 11,000.
    document = Document.from_text(
        "d", "about 11,000 or 11, 000 or 11000, not 111,000 nor 11,0001 nor 11.5", title="d"
    )
    by_value = Matches([document], "11,000")
    assert [document.text[s.start : s.end] for s in by_value.spans] == [
        "11,000",
        "11, 000",
        "11000",
    ]
    literal = Matches([document], "11,000", literal=True)
    # Literal: the characters typed, also inside "111,000" and "11,0001".
    assert [document.text[s.start : s.end] for s in literal.spans] == ["11,000"] * 3
    assert Matches([document], "or 11").summary() == "4 matches in 1 article"  # not a number


@given(st.text(alphabet="0123456789, .a", max_size=40), st.integers(0, 20_000))
def test_every_match_by_value_reads_as_the_query(text: str, value: int) -> None:
    document = Document.from_text("x", text)
    for span in Matches((document,), f"{value:,}").spans:
        assert parse_number(document.text[span.start : span.end]) == value
