"""Quality on the seeds against the hand-made gold standard (tests/data/gold.json).

The gold standard was written by reading the five seed articles, independently
of the engine: 32 claims shared by at least two articles (101 pairs of
passages) and 9 conflicts, 4 of them marked debatable. The floors below are
the figures measured when the engine was last tuned, less a margin; a change
that lowers quality below them fails here.
"""

from __future__ import annotations

import pytest

from nkdesk.analysis import compare
from nkdesk.corpus import load_corpus

from .gold import load_gold, score_conflicts, score_links

LINK_PRECISION_FLOOR = 0.65
LINK_RECALL_FLOOR = 0.38
CONFLICT_PRECISION_FLOOR = 0.9
CONFLICT_RECALL_FLOOR = 0.8


@pytest.fixture(scope="module")
def scored(seed_paths):
    documents = load_corpus(seed_paths).documents
    comparison = compare(documents)
    gold_links, gold_conflicts = load_gold({d.id: d.text for d in documents})
    return score_links(comparison, gold_links), score_conflicts(comparison, gold_conflicts)


def test_every_gold_quote_is_found_in_its_seed(seed_paths) -> None:
    documents = load_corpus(seed_paths).documents
    gold_links, gold_conflicts = load_gold({d.id: d.text for d in documents})
    assert len(gold_links) >= 100 and len(gold_conflicts) >= 9


def test_shared_passages_against_gold(scored, capsys) -> None:
    links, _ = scored
    with capsys.disabled():
        print(f"\n[gold] shared passages: {links}")
    assert links.precision >= LINK_PRECISION_FLOOR, links
    assert links.recall >= LINK_RECALL_FLOOR, links


def test_conflicts_against_gold(scored, capsys) -> None:
    _, conflicts = scored
    with capsys.disabled():
        print(f"\n[gold] conflicts: {conflicts}")
    assert conflicts.precision >= CONFLICT_PRECISION_FLOOR, conflicts
    assert conflicts.recall >= CONFLICT_RECALL_FLOOR, conflicts
