"""What tagging decides without a window: words, the tag at the caret, lanes, matrix rows."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from nkdesk.analysis.model import Fact
from nkdesk.store import Annotation, AnnotationRow, Claim
from nkdesk.ui.tagging import (
    analyst_rows,
    annotation_at,
    describe_tags,
    snap_to_words,
    tag_marks,
    value_in,
    word_at,
)

TEXT = "🚀 Officials said about 11,000 North-Korean troops were sent; Kim's army."


def annotation(id_: int, start: int, end: int, **fields) -> Annotation:
    values = {
        "document": "a",
        "quote": TEXT[start:end],
        "prefix": "",
        "suffix": "",
        "tag": 1,
        "claim": None,
        "stance": None,
        "value": "",
        "speaker": "",
        "note": "",
        "author": "",
        "created": "",
        "modified": "",
        "orphaned": False,
    }
    values.update(fields)
    return Annotation(id_, start=start, end=end, **values)


def row(a: Annotation, name: str = "troop numbers", claim: str | None = None) -> AnnotationRow:
    return AnnotationRow(a, "Article A", name, "#88CCEE", claim)


def test_a_word_is_whole_figures_and_names() -> None:
    figure = TEXT.index("11,000")
    assert TEXT[slice(*word_at(TEXT, figure + 3))] == "11,000"
    assert TEXT[slice(*word_at(TEXT, TEXT.index("Korean")))] == "North-Korean"
    assert TEXT[slice(*word_at(TEXT, TEXT.index("Kim") + 1))] == "Kim's"
    # Just after a word, the caret means that word; between two spaces, none.
    after = TEXT.index("said") + len("said")
    assert TEXT[slice(*word_at(TEXT, after))] == "said"
    assert word_at("a  b", 2) is None


def test_a_drag_snaps_to_whole_words_and_drops_spaces() -> None:
    start = TEXT.index("fficials")
    end = TEXT.index("bout") + 2
    assert TEXT[slice(*snap_to_words(TEXT, start, end))] == "Officials said about"
    # Backwards (the drag went right to left) and with spaces at the ends.
    space = TEXT.index(" said")
    assert TEXT[slice(*snap_to_words(TEXT, space + 3, space))] == "said"
    assert snap_to_words(TEXT, space, space + 1) == (space + 1, space + 1)


@given(st.text(alphabet="ab ,.'\n😀", max_size=30), st.data())
def test_snapping_never_cuts_a_word_and_stays_near(text: str, data) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(0, len(text)))
    low, high = snap_to_words(text, start, end)
    assert 0 <= low <= high <= len(text)
    if low < high:
        assert not text[low].isspace() and not text[high - 1].isspace()
        for edge in (low, high):
            word = word_at(text, edge)
            assert word is None or edge in word  # at a word's edge, not inside it


def test_the_tag_at_the_caret_is_the_innermost_then_the_newest() -> None:
    outer = annotation(1, 2, 40)
    inner = annotation(2, 10, 20)
    twin = annotation(3, 10, 20)
    assert annotation_at([outer, inner, twin], 15) == twin
    assert annotation_at([outer, inner], 5) == outer
    # The caret just after a tag (where tagging leaves it) reaches it, even
    # inside a longer one: Delete right after tagging removes the tag just made.
    assert annotation_at([outer, inner], 20) == inner
    assert annotation_at([outer, inner], 21) == outer
    assert annotation_at([annotation(4, 10, 10, orphaned=True)], 10) is None


@given(st.lists(st.tuples(st.integers(0, 60), st.integers(1, 20)), max_size=25))
def test_overlapping_tags_never_share_a_lane(spans) -> None:
    rows = [row(annotation(n, s, s + w)) for n, (s, w) in enumerate(spans, start=1)]
    marks = tag_marks(rows)
    assert len(marks) == len(rows)
    for a in marks:
        for b in marks:
            if a is not b and a.start < b.end and b.start < a.end:
                assert a.lane != b.lane
    # No lane is skipped: as many lanes as the deepest overlap needs, no more.
    depth = max(
        (sum(m.start <= p < m.end for m in marks) for p in range(81)),
        default=0,
    )
    assert len({m.lane for m in marks}) == depth


def test_orphans_have_no_mark_and_hover_lists_every_tag() -> None:
    rows = [
        row(annotation(1, 2, 40), "dates", claim="Troops sent"),
        row(annotation(2, 10, 20, value="11,000", stance="disputes"), "troop numbers"),
        row(annotation(3, 0, 0, orphaned=True), "casualties"),
    ]
    assert [m.annotation for m in tag_marks(rows)] == [1, 2]
    text = describe_tags(rows, 12)
    assert text.splitlines() == [
        "Tag: troop numbers · disputes · value 11,000",
        "Tag: dates · linked “Troops sent”",
    ]


def test_the_value_offered_is_the_first_fact_inside() -> None:
    fact = Fact("a", 24, 36, "quantity", "11000", 11000, 11000, text="about 11,000")
    assert value_in([fact], "a", 20, 40) == "about 11,000"
    assert value_in([fact], "a", 25, 40) == ""
    assert value_in([fact], "b", 0, 99) == ""


def test_analyst_rows_read_stance_and_value_per_source() -> None:
    claim = Claim(7, "Troops sent", "", "", "")
    rows = [
        row(annotation(1, 2, 11, claim=7, stance="supports", value="11,000")),
        row(annotation(2, 2, 11, claim=7, stance="disputes", document="b")),
        row(annotation(3, 2, 11, claim=None)),
    ]
    [result] = analyst_rows([claim], rows, ("a", "b", "c"))
    assert [c.state for c in result.cells] == ["agree", "conflict", "absent"]
    assert result.cells[0].text == "11,000"
    assert result.cells[1].text.endswith("(disputes)")
    assert result.cells[0].span.doc == "a" and result.support == 2


def test_an_analyst_claim_is_red_where_the_engine_finds_a_conflict_between_its_passages() -> None:
    # Issue 14, item 4: "about two weeks" against "about three months", both
    # tagged into one claim, is a conflict in the dock, so both cells are red.
    from nkdesk.analysis.model import Conflict

    claim = Claim(3, "How long", "", "", "")
    weeks = Fact("a", 2, 11, "duration", "P14D", 14, 14, text=TEXT[2:11])
    months = Fact("b", 2, 11, "duration", "P90D", 90, 90, text=TEXT[2:11])
    elsewhere = Fact("c", 30, 40, "duration", "P1D", 1, 1, text=TEXT[30:40])
    rows = [
        row(annotation(1, 2, 11, claim=3, stance="supports")),
        row(annotation(2, 0, 20, claim=3, document="b")),
        row(annotation(3, 2, 11, claim=3, document="c")),
    ]
    conflicts = [Conflict(None, weeks, months, "duration"), Conflict(None, weeks, elsewhere, "x")]
    [result] = analyst_rows([claim], rows, ("a", "b", "c"), conflicts)
    # c's passage does not hold the value the engine contradicts: not red.
    assert [c.state for c in result.cells] == ["conflict", "conflict", "agree"]
    [plain] = analyst_rows([claim], rows, ("a", "b", "c"))
    assert [c.state for c in plain.cells] == ["agree", "agree", "agree"]


@given(st.lists(st.tuples(st.integers(0, 60), st.integers(1, 12)), max_size=40))
def test_overlapping_tags_take_the_lowest_free_lane(spans) -> None:
    rows = [
        row(annotation(n + 1, start, start + length)) for n, (start, length) in enumerate(spans)
    ]
    marks = tag_marks(rows)
    assert sorted(m.annotation for m in marks) == list(range(1, len(spans) + 1))
    for mark in marks:
        overlapping = [
            m for m in marks if m is not mark and m.start < mark.end and mark.start < m.end
        ]
        # No two overlapping tags share a lane, so each stays visible ...
        assert all(m.lane != mark.lane for m in overlapping)
        # ... and a tag goes lower only when every lane above is taken where it starts.
        placed_before = [m for m in overlapping if (m.start, m.start - m.end, m.annotation) <
                         (mark.start, mark.start - mark.end, mark.annotation)]  # fmt: skip
        assert {m.lane for m in placed_before} >= set(range(mark.lane))
