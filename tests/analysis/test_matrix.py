"""analysis.matrix: each source's reading of each claim, without a window."""

from __future__ import annotations

import subprocess
import sys

from hypothesis import given
from hypothesis import strategies as st

from nkdesk.analysis import Comparison, compare
from nkdesk.analysis.matrix import QUOTE_CHARS, claim_matrix, quote
from nkdesk.analysis.model import Cluster, Conflict, Fact, Span
from nkdesk.corpus import Document, load_corpus

A = "Officials said about 11,000 North Korean troops arrived in November. Rain fell."
B = "Officials said approximately 12,000 North Korean troops arrived. Markets rose in Seoul."
C = "The weather in the valley was cold. Nothing else happened there at all that week."


def fact(doc: str, text: str, needle: str, value: str = "0", kind: str = "quantity") -> Fact:
    start = text.index(needle)
    return Fact(doc, start, start + len(needle), kind, value, 0.0, 0.0, text=needle)


def sentence(doc: str, text: str, needle: str) -> Span:
    start = text.index(needle)
    return Span(doc, start, text.index(".", start) + 1)


def comparison(clusters, facts, conflicts) -> Comparison:
    documents = tuple(Document.from_text(i, t) for i, t in (("a", A), ("b", B), ("c", C)))
    return Comparison(documents, (), (), tuple(clusters), tuple(facts), tuple(conflicts))


ELEVEN = fact("a", A, "about 11,000", "11000")
TWELVE = fact("b", B, "approximately 12,000", "12000")
TROOPS = Cluster(
    0, "troops arrived", (sentence("a", A, "Officials"), sentence("b", B, "Officials"))
)


def test_a_conflict_tied_to_its_cluster_marks_both_sources() -> None:
    conflict = Conflict(0, ELEVEN, TWELVE, "quantity of troops")
    matrix = claim_matrix(comparison([TROOPS], [ELEVEN, TWELVE], [conflict]))
    assert matrix.sources == ("a", "b", "c")
    a, b, c = matrix.rows[0].cells
    assert a == ("conflict", "about 11,000", ELEVEN.span)
    assert b == ("conflict", "approximately 12,000", TWELVE.span)
    assert c == ("absent", "", None)
    assert matrix.conflicts_at(0, 0) == (conflict,)
    assert matrix.conflicts_at(0, 2) == ()


def test_a_conflict_without_cluster_is_matched_by_where_its_values_lie() -> None:
    # b's value sits in a sentence the cluster does not hold: only a's cell
    # shows the conflict; b reads what its own passage says.
    only_a = Cluster(0, "troops arrived", (sentence("a", A, "Officials"), Span("b", 0, 14)))
    conflict = Conflict(None, ELEVEN, TWELVE, "quantity of troops")
    matrix = claim_matrix(comparison([only_a], [ELEVEN, TWELVE], [conflict]))
    a, b, _ = matrix.rows[0].cells
    assert a.state == "conflict" and a.span == ELEVEN.span
    assert b == ("mentions", "Officials said", Span("b", 0, 14))


def test_a_conflict_outside_every_cluster_marks_nothing() -> None:
    weather = Cluster(0, "weather", (sentence("a", A, "Rain"), sentence("c", C, "The weather")))
    conflict = Conflict(None, ELEVEN, TWELVE, "quantity of troops")
    matrix = claim_matrix(comparison([weather], [ELEVEN, TWELVE], [conflict]))
    assert [cell.state for cell in matrix.rows[0].cells] == ["mentions", "absent", "mentions"]
    assert matrix.count("conflict") == 0


def test_agreeing_values_are_read_as_written_others_quoted() -> None:
    november = fact("a", A, "November", "--11", "date")
    matrix = claim_matrix(comparison([TROOPS], [ELEVEN, november], []))
    a, b, _ = matrix.rows[0].cells
    assert a == ("mentions", "about 11,000 · November", TROOPS.members[0])
    assert b.state == "mentions" and b.text == quote(B[: B.index(".") + 1])
    assert b.text.startswith("Officials said approximately") and b.text.endswith("…")
    assert b.span == TROOPS.members[1]


def test_the_narrowest_passage_is_quoted() -> None:
    clause = Span("b", 0, 14)
    cluster = Cluster(
        0, "said", (sentence("a", A, "Officials"), sentence("b", B, "Officials"), clause)
    )
    assert claim_matrix(comparison([cluster], [], [])).cell(0, 1) == (
        "mentions",
        "Officials said",
        clause,
    )


def test_quotes_are_short_one_line_and_cut_at_a_word() -> None:
    long = "“The  troops\nwere " + "seen near the border again " * 5 + "”"
    short = quote(long)
    assert len(short) <= QUOTE_CHARS and short.endswith("…")
    assert "\n" not in short and "  " not in short and not short.startswith("“")
    assert short[:-1] == long.replace("\n", " ").replace("  ", " ")[1 : len(short)].rstrip()
    assert quote("brief") == "brief"


def test_on_the_seeds_the_troop_count_is_a_conflict(seed_paths) -> None:
    result = compare(load_corpus(seed_paths).documents)
    matrix = claim_matrix(result)
    assert len(matrix.rows) == len(result.clusters)
    assert matrix.sources == tuple(d.id for d in result.documents)
    readings = {
        (row.cluster.id, doc): cell
        for row in matrix.rows
        for doc, cell in zip(matrix.sources, row.cells, strict=True)
    }
    troops = [c for c in readings.values() if "about 11,000" in c.text]
    assert troops and all(c.state == "conflict" for c in troops)
    for (cluster_id, doc), cell in readings.items():
        members = result.clusters[cluster_id].docs
        assert (cell.state == "absent") == (cell.span is None)
        column = matrix.column_of(doc)
        assert cell.state == "absent" or doc in members or matrix.conflicts_at(cluster_id, column)
        if cell.span is not None:
            assert cell.span.doc == doc and 0 <= cell.span.start < cell.span.end
            assert cell.text


def test_the_matrix_needs_no_qt() -> None:
    code = (
        "import sys, nkdesk.analysis.matrix;"
        "print(any(m.startswith(('PySide6', 'shiboken6')) for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# -- invariants over arbitrary clusters, facts and conflicts ----------------------

TEXTS = {"a": A, "b": B, "c": C}


@st.composite
def spans(draw: st.DrawFn, doc: str | None = None) -> Span:
    doc = doc or draw(st.sampled_from(sorted(TEXTS)))
    start = draw(st.integers(0, len(TEXTS[doc]) - 2))
    end = draw(st.integers(start + 1, len(TEXTS[doc])))
    return Span(doc, start, end)


@st.composite
def comparisons(draw: st.DrawFn) -> Comparison:
    clusters = [
        Cluster(n, f"claim {n}", tuple(draw(st.lists(spans(), min_size=1, max_size=4))))
        for n in range(draw(st.integers(0, 4)))
    ]
    facts = [
        Fact(s.doc, s.start, s.end, "quantity", str(n), n, n, text=TEXTS[s.doc][s.start : s.end])
        for n, s in enumerate(draw(st.lists(spans(), max_size=6)))
    ]
    conflicts = []
    if len(facts) >= 2:
        for _ in range(draw(st.integers(0, 3))):
            a, b = draw(st.permutations(facts))[:2]
            if a.doc != b.doc:
                cluster = draw(st.none() | st.sampled_from([c.id for c in clusters] or [None]))
                conflicts.append(Conflict(cluster, a, b, "values differ"))
    return comparison(clusters, facts, conflicts)


@given(comparisons())
def test_every_cell_is_consistent_with_the_comparison(result: Comparison) -> None:
    matrix = claim_matrix(result)
    shown = {row.cluster.id: row for row in matrix.rows}
    assert [row.cluster for row in matrix.rows] == [c for c in result.clusters if c.id in shown]
    readings = [tuple((c.state, c.text) for c in row.cells) for row in matrix.rows]
    assert len(set(readings)) == len(readings)  # no two rows say the same
    for r, row in enumerate(matrix.rows):
        assert len(row.cells) == len(matrix.sources)
        for column, (doc, cell) in enumerate(zip(matrix.sources, row.cells, strict=True)):
            involved = matrix.conflicts_at(r, column)
            assert (cell.state == "conflict") == bool(involved)
            if cell.state == "absent":
                assert cell == ("absent", "", None) and doc not in row.cluster.docs
            else:
                assert cell.span is not None and cell.span.doc == doc
                assert 0 <= cell.span.start < cell.span.end <= len(TEXTS[doc])
            if doc in row.cluster.docs:
                assert cell.state != "absent"
            if cell.state == "conflict":
                values = {f.span for c in involved for f in (c.a, c.b) if f.doc == doc}
                assert cell.span in values
            for conflict in result.conflicts:
                if conflict.cluster == row.cluster.id and doc in (conflict.a.doc, conflict.b.doc):
                    assert cell.state == "conflict" and conflict in involved


# Issue 14, item 4: the matrix says no more than the engine decided.


def test_passages_linked_without_an_agreed_value_only_mention_the_claim() -> None:
    # "contested" against "withdrawn": the engine linked the passages but
    # decided nothing about agreement, so neither cell may read as agreeing.
    contested = "Heavily contested front lines held all week. Little changed."
    withdrawn = "Units were withdrawn from the front lines on Monday. Later, calm."
    documents = tuple(Document.from_text(i, t) for i, t in (("a", contested), ("b", withdrawn)))
    cluster = Cluster(
        0,
        "front lines",
        (sentence("a", contested, "Heavily"), sentence("b", withdrawn, "Units")),
    )
    matrix = claim_matrix(Comparison(documents, (), (), (cluster,), (), ()))
    assert [cell.state for cell in matrix.rows[0].cells] == ["mentions", "mentions"]
    assert matrix.count("agree") == 0


def test_only_a_value_another_source_gives_too_agrees() -> None:
    from nkdesk.analysis.model import ValueGroup

    values = (
        ValueGroup("11000", "about 11,000", ("a", "c")),
        ValueGroup("12000", "12,000", ("b",)),
    )
    cluster = Cluster(
        0,
        "troops",
        (
            sentence("a", A, "Officials"),
            sentence("b", B, "Officials"),
            sentence("c", C, "The weather"),
        ),
        values,
    )
    a, b, c = claim_matrix(comparison([cluster], [], [])).rows[0].cells
    assert (a.state, b.state, c.state) == ("agree", "mentions", "agree")


def test_two_clusters_that_read_the_same_make_one_row_with_both_conflicts() -> None:
    first = Conflict(0, ELEVEN, TWELVE, "quantity of troops")
    second = Conflict(1, ELEVEN, TWELVE, "quantity of troops, again")
    again = Cluster(1, "troops arrived", TROOPS.members)
    matrix = claim_matrix(comparison([TROOPS, again], [ELEVEN, TWELVE], [first, second]))
    assert len(matrix.rows) == 1
    assert set(matrix.conflicts_at(0, 0)) == {first, second}
    assert set(matrix.conflicts_at(0, 1)) == {first, second}


def test_on_the_seeds_every_conflict_shows_in_a_cell_of_each_side(seed_paths) -> None:
    result = compare(load_corpus(seed_paths).documents)
    matrix = claim_matrix(result)
    shown = {
        (conflict, matrix.sources[column])
        for r, row in enumerate(matrix.rows)
        for column in range(len(matrix.sources))
        for conflict in matrix.conflicts_at(r, column)
    }
    in_a_cluster = [c for c in result.conflicts if c.cluster is not None]
    assert in_a_cluster, "the seeds have conflicts tied to claims"
    for conflict in in_a_cluster:
        assert (conflict, conflict.a.doc) in shown and (conflict, conflict.b.doc) in shown
