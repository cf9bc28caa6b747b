"""compare(): shared passages, clusters, facts and conflicts on articles it has never seen."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nkdesk.analysis import AnalysisError, Comparison, compare
from nkdesk.analysis.report import SCHEMA, to_dict, to_json, to_text
from nkdesk.corpus import Document

# Two reports of an invented event, written for these tests: they reorder
# their paragraphs, reword a claim, spell a name differently and disagree on
# a figure.
FLOOD_A = """Floods hit the river valley
About 5,000 residents were evacuated from the valley on Tuesday, according to the regional governor Anna Kowalczyk.
The water level rose by three metres in two days, officials said.
The government promised compensation to farmers whose harvest was destroyed."""
FLOOD_B = """The government has promised to compensate farmers whose crops were destroyed by the water.
Schools in the region will stay closed until further notice.
Approximately 7,000 residents were evacuated from the valley on Tuesday, regional governor Anna Kowalczik said."""


def check_offsets(comparison: Comparison) -> None:
    """Every span the engine reports lies inside its document and is not empty."""
    lengths = {d.id: len(d.text) for d in comparison.documents}
    spans = [s for link in comparison.links for s in (link.a, link.b)]
    spans += [m for c in comparison.clusters for m in c.members]
    for span in spans:
        assert 0 <= span.start < span.end <= lengths[span.doc], span
    for fact in comparison.facts:
        assert comparison.document(fact.doc).text[fact.start : fact.end] == fact.text


@pytest.fixture(scope="module")
def flood() -> Comparison:
    return compare({"a": FLOOD_A, "b": FLOOD_B})


def test_reworded_claims_are_linked_whatever_their_order(flood: Comparison) -> None:
    pairs = {(flood.text(link.a)[:20], flood.text(link.b)[:20]) for link in flood.shared_links}
    assert ("About 5,000 resident", "Approximately 7,000 ") in pairs
    assert ("The government promi", "The government has p") in pairs
    assert not any("Schools" in flood.text(link.b) for link in flood.shared_links)
    check_offsets(flood)


def test_word_level_opcodes_show_what_is_shared(flood: Comparison) -> None:
    link = next(x for x in flood.shared_links if "government" in flood.text(x.a))
    text_a, text_b = FLOOD_A, FLOOD_B
    equal = [text_a[op.a_start : op.a_end] for op in link.ops if op.tag == "equal"]
    assert any("farmers whose" in run for run in equal)
    for op in link.ops:
        assert link.a.start <= op.a_start <= op.a_end <= link.a.end
        assert link.b.start <= op.b_start <= op.b_end <= link.b.end
        if op.tag == "equal":
            assert (
                text_a[op.a_start : op.a_end].lower().split()[0][:4]
                == (text_b[op.b_start : op.b_end].lower().split()[0][:4])
            )


def test_conflicting_figures_are_a_conflict_with_both_sources(flood: Comparison) -> None:
    (conflict,) = flood.conflicts
    assert {conflict.a.text, conflict.b.text} == {"About 5,000", "Approximately 7,000"}
    assert {conflict.a.speaker, conflict.b.speaker} == {"Anna Kowalczyk", "Anna Kowalczik"}
    assert conflict.cluster is not None
    # Every conflict also appears as a link of kind "conflict" between the values.
    (link,) = flood.conflict_links
    assert {link.a, link.b} == {conflict.a.span, conflict.b.span}


def test_compatible_figures_are_not_a_conflict() -> None:
    comparison = compare(
        {
            "a": "More than 11,000 troops were sent to the border region in October.",
            "b": "Between 11,000 and 12,000 troops were sent to the border region in October.",
            "c": "Some 11,000 to 12,000 troops were sent to the border region in mid-October.",
        }
    )
    assert comparison.shared_links
    assert comparison.conflicts == ()


def test_dates_of_one_event_conflict() -> None:
    comparison = compare(
        {
            "a": "The first ships arrived at the port in March, the harbour master said.",
            "b": "According to the harbour master, the first ships arrived at the port in May.",
        }
    )
    (conflict,) = comparison.conflicts
    assert {conflict.a.text, conflict.b.text} == {"March", "May"}
    assert conflict.a.context == "deployment"


def test_near_verbatim_copies_are_marked_apart() -> None:
    wire = "The central bank raised its main interest rate by half a point to 5.25 percent on Thursday."
    comparison = compare(
        {
            "a": wire + " Markets fell.",
            "b": "Analysts were surprised. " + wire.replace("Thursday", "Thursday morning"),
            "c": "On Thursday the bank lifted borrowing costs, taking its key rate to 5.25 percent.",
        }
    )
    verbatim = [link for link in comparison.shared_links if link.verbatim]
    assert [(v.a.doc, v.b.doc) for v in verbatim] == [("a", "b")]


def test_clusters_count_sources() -> None:
    claim = "The bridge over the river will be closed for repairs until the end of June."
    comparison = compare(
        {
            "a": claim,
            "b": "Officials said the bridge over the river will be closed for repairs until late June.",
            "c": "Repairs will keep the river bridge closed until the end of June, officials said.",
            "d": "A new school opened in the suburbs.",
        }
    )
    (cluster,) = comparison.clusters
    assert cluster.support == 3
    assert set(cluster.docs) == {"a", "b", "c"}
    assert cluster.label and len(cluster.label) <= 65


@pytest.mark.parametrize(
    "texts",
    [
        {},
        {"only": "One article is not a comparison."},
    ],
)
def test_fewer_than_two_documents_is_a_clear_error(texts: dict[str, str]) -> None:
    with pytest.raises(AnalysisError, match="at least two documents"):
        compare(texts)


def test_duplicate_ids_are_refused() -> None:
    docs = [Document.from_text("x", "One."), Document.from_text("x", "Two.")]
    with pytest.raises(AnalysisError, match="unique"):
        compare(docs)


def test_identical_documents_are_linked_verbatim_without_conflicts() -> None:
    comparison = compare({"a": FLOOD_A, "b": FLOOD_A})
    assert comparison.shared_links
    assert all(link.verbatim or len(comparison.text(link.a).split()) < 8
               for link in comparison.shared_links)  # fmt: skip
    assert all(comparison.text(link.a) == comparison.text(link.b)
               for link in comparison.shared_links)  # fmt: skip
    assert comparison.conflicts == ()


@pytest.mark.parametrize(
    "odd",
    [
        "",
        "   \n\n  ",
        "no punctuation at all just words running on and on about the river valley floods",
        "11,000 12,000 3 000 1, 100 2022 7 8 9 10",
        "🙂🙂 emoji 🙂 text with 5,000 residents 🙂 and \u00a0 odd\u2009spaces.",
    ],
    ids=["empty", "blank", "no-punctuation", "only-numbers", "emoji"],
)
def test_odd_documents_give_sensible_output(odd: str) -> None:
    comparison = compare({"odd": odd, "a": FLOOD_A, "b": FLOOD_B})
    check_offsets(comparison)
    assert all(link.a.doc != "odd" and link.b.doc != "odd"
               for link in comparison.shared_links if odd.strip() == "")  # fmt: skip


def filler(size: int, seed: int = 7) -> str:
    """Varied prose-like text of about ``size`` characters, sharing no claim with FLOOD_B."""
    import random

    rng = random.Random(seed)
    words = [
        "market",
        "prices",
        "season",
        "league",
        "council",
        "museum",
        "orchestra",
        "festival",
        "railway",
        "station",
        "library",
        "garden",
        "concert",
        "painting",
        "harbour",
        "airport",
        "stadium",
        "coach",
        "player",
        "tickets",
        "exhibition",
        "weather",
        "forecast",
        "sunshine",
        "clouds",
        "traffic",
        "committee",
        "budget",
        "report",
    ]
    sentences = []
    while sum(len(s) + 1 for s in sentences) < size:
        n = rng.randint(8, 24)
        sentence = " ".join(rng.choice(words) for _ in range(n))
        sentences.append(sentence.capitalize() + f" {rng.randint(2, 9999)}.")
    return " ".join(sentences)


@pytest.mark.slow
def test_a_one_megabyte_article_is_compared() -> None:
    half = filler(500_000)
    big = half + "\n" + FLOOD_A + "\n" + filler(500_000, seed=8)
    assert len(big) > 1_000_000
    comparison = compare({"big": big, "b": FLOOD_B})
    check_offsets(comparison)
    linked = {comparison.text(s)[:13] for x in comparison.shared_links for s in (x.a, x.b)}
    assert "About 5,000 r" in linked


@pytest.mark.slow
def test_fifty_articles_are_compared() -> None:
    many = {f"doc{i:02}": FLOOD_A.replace("5,000", f"{5000 + 1000 * (i % 2)},") for i in range(50)}
    comparison = compare(many)
    check_offsets(comparison)
    # The shared claims gather all fifty sources.
    assert max(cluster.support for cluster in comparison.clusters) == 50


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(max_size=300), min_size=2, max_size=4))
def test_any_texts_compare_without_crashing(texts: list[str]) -> None:
    comparison = compare({str(i): t for i, t in enumerate(texts)})
    check_offsets(comparison)
    # The JSON is written piece by piece; it reads back as the whole document.
    assert json.loads(to_json(comparison)) == json.loads(json.dumps(to_dict(comparison)))


def test_json_follows_the_documented_schema(flood: Comparison) -> None:
    data = json.loads(to_json(flood))
    assert data["schema"] == SCHEMA == "nkdesk.compare/1"
    assert set(data) == {"schema", "documents", "links", "clusters", "facts", "conflicts"}
    assert set(data["documents"][0]) == {
        "id", "title", "path", "sha256", "length", "outlet", "published", "url", "author", "origin",
    }  # fmt: skip
    link_keys = {"kind", "a", "b", "score", "verbatim", "cluster", "why"}
    assert all(set(link) == link_keys for link in data["links"])
    assert {link["kind"] for link in data["links"]} == {"shared", "conflict"}
    cluster_keys = {"id", "label", "members", "values", "origins", "independent"}
    assert all(set(c) == cluster_keys for c in data["clusters"])
    member_keys = {"doc", "start", "end", "attribution"}
    assert all(set(m) == member_keys for c in data["clusters"] for m in c["members"])
    assert all(c["independent"] == len(c["origins"]) >= 1 for c in data["clusters"])
    fact_claims = [c for c in data["clusters"] if c["values"]]
    assert fact_claims and all(
        set(group) == {"value", "text", "docs"} for c in fact_claims for group in c["values"]
    )
    fact_keys = {"doc", "start", "end", "type", "value", "unit", "qualifier", "speaker", "as_of",
                 "attribution"}  # fmt: skip
    assert all(fact_keys <= set(fact) for fact in data["facts"])
    assert set(data["conflicts"][0]) == {"cluster", "a", "b", "why", "as_of_differs"}
    assert data == to_dict(flood)


def test_text_report_lists_claims_then_conflicts(flood: Comparison) -> None:
    report = to_text(flood)
    assert report.index("shared claims") < report.index("conflicts")
    assert "2 of 2 sources" in report
    assert "About 5,000 vs Approximately 7,000" in report


def test_compare_command_prints_json_without_qt(tmp_path) -> None:
    (tmp_path / "a.txt").write_text(FLOOD_A, encoding="utf-8")
    (tmp_path / "b.txt").write_text(FLOOD_B, encoding="utf-8")
    code = (
        "import sys, runpy; sys.argv = ['nkdesk', 'compare', '--json', sys.argv[1]];"
        "from nkdesk.cli import main; rc = main(sys.argv[1:]);"
        "assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt was imported';"
        "sys.exit(rc)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [d["id"] for d in data["documents"]] == ["a", "b"]
    assert data["conflicts"]


def test_compare_command_refuses_a_single_article(tmp_path) -> None:
    (tmp_path / "a.txt").write_text(FLOOD_A, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "nkdesk", "compare", str(tmp_path / "a.txt")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert "at least two documents" in result.stderr
    assert "Traceback" not in result.stderr


def test_figures_of_different_events_do_not_conflict_but_one_passage_s_do() -> None:
    comparison = compare(
        {
            "a": "About 40,000 people rallied in the square on June 3. "
            "Police detained 25 protesters overnight, the ministry said.",
            "b": "Organisers said some 90,000 people rallied in the square on June 4. "
            "Police detained at least 70 people, according to the ministry.",
        }
    )
    found = {(c.a.text, c.b.text) for c in comparison.conflicts}
    assert found == {("About 40,000", "some 90,000"), ("25", "at least 70"), ("June 3", "June 4")}


def test_dates_without_an_event_are_compared_only_within_one_passage() -> None:
    comparison = compare(
        {
            "a": "The harvest festival opened on June 3 with music in the square.",
            "b": "Fishermen repaired their nets in the harbour on June 9 before a storm.",
        }
    )
    assert not comparison.conflicts
