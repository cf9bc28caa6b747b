"""The claims the engine finds on the seeds and the unseen corpora, held against a snapshot.

The snapshot (tests/data/claims.json) was written by
``python tests/eval/same_claims.py --snapshot tests/data/claims.json`` with
the engine of the referents issue, before copy groups and pairing at scale:
those made the engine faster on large corpora and must not change what it
finds on small ones. A change meant to find other claims rewrites the
snapshot deliberately, saying so in its commit; ``same_claims.py --base REV
--eval ../shared/eval`` checks the GVC incidents too.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nkdesk.analysis import Comparison, compare
from nkdesk.corpus import load_corpus

from .test_unseen_reports import CORPORA

SNAPSHOT = json.loads((Path(__file__).parents[1] / "data" / "claims.json").read_text("utf-8"))


def claims(comparison: Comparison) -> list[list[list[object]]]:
    return sorted(sorted([m.doc, m.start, m.end] for m in c.members) for c in comparison.clusters)


def test_the_seeds_give_the_claims_of_the_snapshot(seed_paths) -> None:
    assert claims(compare(load_corpus(seed_paths).documents)) == SNAPSHOT["seeds"]


@pytest.mark.parametrize("name", sorted(CORPORA))
def test_each_unseen_corpus_gives_the_claims_of_the_snapshot(name: str) -> None:
    assert claims(compare(CORPORA[name])) == SNAPSHOT[f"unseen/{name}"]
