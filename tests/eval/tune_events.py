"""Fit the event-link model (nkdesk.analysis.events) on the GVC development set.

    python tests/eval/tune_events.py --eval ../shared/eval

Every pair of annotated sentences of two articles of one incident is a
training pair: positive when GVC's annotators put an event mention of the same
cluster in both (gold.json ``pairs``). The features are the engine's own
(``events.pair_features``). Logistic regression (``mrpc.fit``, the same IRLS
as the passage decision) is scored by 5-fold cross-validation with whole
incidents held out, and the recall reached at a few precisions is printed;
then the weights fitted on all pairs, to paste into events.py as WEIGHTS.
The data stay outside the repository; only the weights are committed.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from itertools import combinations
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from nkdesk.analysis.events import FEATURE_NAMES, pair_features, readings  # noqa: E402
from nkdesk.analysis.facts import extract_facts  # noqa: E402
from nkdesk.analysis.mrpc import fit, probabilities  # noqa: E402
from nkdesk.analysis.units import units_of  # noqa: E402
from nkdesk.corpus import load_corpus  # noqa: E402

FOLDS = 5
L2 = 0.3
PRECISIONS = (0.75, 0.8, 0.85)


def pairs_of(incident: str, gold: dict, folder: Path) -> list[tuple[tuple[float, ...], bool]]:
    documents = load_corpus([folder]).documents
    units = [u for d in documents for u in units_of(d)]
    facts, story, mentions = extract_facts(documents, units)
    read = readings(mentions, facts, units)
    positive = set()
    for pair in gold["pairs"]:
        a, b = pair["a"], pair["b"]
        positive.add(((a["doc"], a["start"]), (b["doc"], b["start"])))
        positive.add(((b["doc"], b["start"]), (a["doc"], a["start"])))
    annotated = [
        (doc, s, e) for doc, spans in gold["annotated_sentences"].items() for s, e in spans
    ]

    def reading_of(doc: str, start: int, end: int):
        return next((r for r in read if r.mention.doc == doc and r.mention.start < end
                     and start < r.mention.end), None)  # fmt: skip

    rows = []
    for (da, sa, ea), (db, sb, eb) in combinations(annotated, 2):
        if da == db:
            continue
        ra, rb = reading_of(da, sa, ea), reading_of(db, sb, eb)
        if ra is None or rb is None:
            continue
        rows.append((pair_features(ra, rb, story), ((da, sa), (db, sb)) in positive))
    return rows


def recall_at(scored: list[tuple[float, bool]], positives: int, precision: float) -> tuple:
    scored = sorted(scored, reverse=True)
    found, best = 0, (0.0, 1.0)
    for k, (p, label) in enumerate(scored, 1):
        found += label
        if found / k >= precision:
            best = (found / positives, p)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--eval", type=Path, required=True, help="the shared eval folder")
    args = parser.parse_args(argv)
    gvc = args.eval / "gvc"
    gold = json.loads((gvc / "gold.json").read_text(encoding="utf-8"))["incidents"]
    data = {i: pairs_of(i, g, gvc / "incidents" / i) for i, g in sorted(gold.items())}
    incidents = sorted(data)
    random.Random(0).shuffle(incidents)
    held_out: list[tuple[float, bool]] = []
    for k in range(FOLDS):
        test = set(incidents[k::FOLDS])
        train = [row for i in incidents if i not in test for row in data[i]]
        weights = fit([x for x, _ in train], [y for _, y in train], l2=L2)
        rows = [row for i in test for row in data[i]]
        held_out += zip(
            probabilities(weights, [x for x, _ in rows]), [y for _, y in rows], strict=True
        )
    positives = sum(y for _, y in held_out)
    print(f"{len(held_out)} annotated pairs, {positives} positive; held-out incidents:")
    for precision in PRECISIONS:
        recall, cut = recall_at(held_out, positives, precision)
        print(f"  precision {precision:.2f}: recall {recall:.3f} at cut {cut:.3f}")
    everything = [row for i in incidents for row in data[i]]
    weights = fit([x for x, _ in everything], [y for _, y in everything], l2=L2)
    print(f"features: {FEATURE_NAMES}")
    print(f"WEIGHTS: tuple[float, ...] = {tuple(round(w, 3) for w in weights)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
