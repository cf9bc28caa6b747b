"""Measure (and tune) the passage decision on the Microsoft Research Paraphrase Corpus.

    python -m nkdesk.analysis.mrpc PATH/TO/mrpc            accuracy and F1 on dev
    python -m nkdesk.analysis.mrpc PATH/TO/mrpc --tune     refit WEIGHTS on train

The corpus is not shipped with nkdesk; PATH is the folder holding
``msr_paraphrase_train.txt`` and ``msr_paraphrase_dev.txt``.

Tuning sees train only. Logistic regression is fitted by Newton's method
(IRLS) with an L2 penalty; the penalty is chosen by 5-fold cross-validation on
train, and in every fit the threshold is the cut that maximises accuracy on the
pairs that fit saw. The cross-validated accuracy printed is that whole recipe
scored on held-out folds. Dev is only ever scored, never fitted to.

IDF weights come from the texts being scored, as the engine takes them from
the articles it compares: each set of pairs (a split, or the training and the
held-out part of a fold) gets document frequencies over its own sentences.
"""

from __future__ import annotations

import argparse
import csv
import math
import random
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from operator import mul
from pathlib import Path

from nkdesk.analysis.decide import AGREEMENT_FEATURES, FEATURE_NAMES, features, is_shared
from nkdesk.analysis.passage import Passage, corpus_idf

TRAIN_FILE = "msr_paraphrase_train.txt"
DEV_FILE = "msr_paraphrase_dev.txt"
FOLDS = 5
# Fixed so that --tune prints the same literals every time.
FOLD_SEED = 0
L2_CHOICES = (0.01, 0.03, 0.1, 0.3, 1.0, 3.0)
# Candidate cuts for the threshold, in hundredths.
THRESHOLD_STEPS = range(20, 81)
NEWTON_MAX_STEPS = 50
NEWTON_TOLERANCE = 1e-9


@dataclass(frozen=True, slots=True)
class Pair:
    label: bool
    a: str
    b: str


@dataclass(frozen=True, slots=True)
class Scores:
    accuracy: float
    precision: float
    recall: float
    f1: float
    pairs: int


Model = tuple[tuple[float, ...], float]  # (weights with the bias last, threshold)


def read_pairs(path: Path) -> list[Pair]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        rows = csv.reader(stream, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(rows)
        return [Pair(row[0] == "1", row[3], row[4]) for row in rows if len(row) == 5]


def passages(pairs: Sequence[Pair]) -> list[tuple[Passage, Passage]]:
    """Both sides of each pair, weighted by IDF over these pairs' sentences."""
    plain = [(Passage.from_text(p.a), Passage.from_text(p.b)) for p in pairs]
    idf = corpus_idf(side for both in plain for side in both)
    return [(a.weighted(idf), b.weighted(idf)) for a, b in plain]


def pair_features(pairs: Sequence[Pair]) -> list[tuple[float, ...]]:
    return [features(a, b) for a, b in passages(pairs)]


def evaluate(pairs: Sequence[Pair], predictions: Sequence[bool]) -> Scores:
    tp = sum(p and q.label for p, q in zip(predictions, pairs, strict=True))
    fp = sum(p and not q.label for p, q in zip(predictions, pairs, strict=True))
    fn = sum(not p and q.label for p, q in zip(predictions, pairs, strict=True))
    correct = sum(p == q.label for p, q in zip(predictions, pairs, strict=True))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Scores(correct / len(pairs), precision, recall, f1, len(pairs))


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))


def _solve(matrix: list[list[float]], vector: list[float]) -> list[float]:
    """``x`` with ``matrix @ x == vector``, by Gaussian elimination with partial pivoting."""
    size = len(vector)
    rows = [[*row, vector[i]] for i, row in enumerate(matrix)]
    for column in range(size):
        pivot = max(range(column, size), key=lambda r: abs(rows[r][column]))
        rows[column], rows[pivot] = rows[pivot], rows[column]
        head = rows[column]
        for r in range(column + 1, size):
            factor = rows[r][column] / head[column]
            if factor:
                rows[r] = [v - factor * h for v, h in zip(rows[r], head, strict=True)]
    x = [0.0] * size
    for i in reversed(range(size)):
        x[i] = (rows[i][size] - sum(rows[i][k] * x[k] for k in range(i + 1, size))) / rows[i][i]
    return x


def _linear(weights: Sequence[float], columns: list[list[float]]) -> list[float]:
    """``weights @ row`` for every row, the columns given with the constant one last."""
    totals = [0.0] * len(columns[0])
    for weight, column in zip(weights, columns, strict=True):
        if weight:
            totals = [t + weight * v for t, v in zip(totals, column, strict=True)]
    return totals


def fit(
    rows: Sequence[Sequence[float]], labels: Sequence[bool], *, l2: float = 1.0
) -> tuple[float, ...]:
    """L2-penalised logistic regression by Newton's method (IRLS); the bias is last, unpenalised.

    Column-wise sums keep it pure Python and still fast: a dozen features
    and a few thousand rows converge in well under a second.
    """
    columns = [list(c) for c in zip(*rows, strict=True)] + [[1.0] * len(rows)]
    targets = [float(y) for y in labels]
    width = len(columns)
    weights = [0.0] * width
    for _ in range(NEWTON_MAX_STEPS):
        p = [_sigmoid(z) for z in _linear(weights, columns)]
        errors = [a - b for a, b in zip(p, targets, strict=True)]
        curvature = [a * (1.0 - a) for a in p]
        gradient = [math.fsum(map(mul, errors, c)) for c in columns]
        scaled = [list(map(mul, curvature, c)) for c in columns]
        hessian = [[0.0] * width for _ in range(width)]
        for i in range(width):
            for j in range(i, width):
                hessian[i][j] = hessian[j][i] = math.fsum(map(mul, scaled[i], columns[j]))
        for i in range(width - 1):
            gradient[i] += l2 * weights[i]
            hessian[i][i] += l2
        step = _solve(hessian, gradient)
        weights = [w - s for w, s in zip(weights, step, strict=True)]
        if max(abs(s) for s in step) < NEWTON_TOLERANCE:
            break
    return tuple(weights)


def probabilities(weights: Sequence[float], rows: Sequence[Sequence[float]]) -> list[float]:
    columns = [list(c) for c in zip(*rows, strict=True)] + [[1.0] * len(rows)]
    return [_sigmoid(z) for z in _linear(weights, columns)]


def best_threshold(probabilities: Sequence[float], labels: Sequence[bool]) -> float:
    """The cut that maximises accuracy on these pairs (ties: the lower cut)."""
    best, best_correct = 0.5, -1
    for step in THRESHOLD_STEPS:
        cut = step / 100
        correct = sum((p >= cut) == y for p, y in zip(probabilities, labels, strict=True))
        if correct > best_correct:
            best, best_correct = cut, correct
    return best


def train_model(rows: Sequence[Sequence[float]], labels: Sequence[bool], l2: float) -> Model:
    weights = fit(rows, labels, l2=l2)
    return weights, best_threshold(probabilities(weights, rows), labels)


def folds(count: int, k: int = FOLDS, seed: int = FOLD_SEED) -> list[list[int]]:
    order = list(range(count))
    random.Random(seed).shuffle(order)
    return [sorted(order[i::k]) for i in range(k)]


def cross_validate(
    pairs: Sequence[Pair], choices: Sequence[float] = L2_CHOICES
) -> dict[float, float]:
    """Held-out accuracy of the whole recipe for each L2 penalty, averaged over the folds."""
    correct = dict.fromkeys(choices, 0)
    for held_out in folds(len(pairs)):
        held = set(held_out)
        fitted = [p for i, p in enumerate(pairs) if i not in held]
        scored = [pairs[i] for i in held_out]
        # Each side gets IDF over its own sentences, as dev does below.
        rows, test_rows = pair_features(fitted), pair_features(scored)
        labels = [p.label for p in fitted]
        for l2 in choices:
            weights, cut = train_model(rows, labels, l2)
            predicted = [p >= cut for p in probabilities(weights, test_rows)]
            correct[l2] += sum(y == p.label for y, p in zip(predicted, scored, strict=True))
    return {l2: hits / len(pairs) for l2, hits in correct.items()}


def tune(train: Sequence[Pair]) -> tuple[Model, float, dict[float, float]]:
    """The model fitted on all of train with the L2 penalty CV prefers, the penalty, the CV."""
    accuracy = cross_validate(train)
    l2 = max(accuracy, key=lambda c: (accuracy[c], c))
    model = train_model(pair_features(train), [p.label for p in train], l2)
    return model, l2, accuracy


def wrong_signs(weights: Sequence[float]) -> list[str]:
    """The features whose weight would let a passage be more similar to another than to itself."""
    return [
        name
        for name, weight in zip(FEATURE_NAMES, weights, strict=False)
        if (weight < 0 if name in AGREEMENT_FEATURES else weight > 0)
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m nkdesk.analysis.mrpc",
        description="Accuracy and F1 of nkdesk's is_shared() on the MRPC dev split.",
        epilog="example:\n  python -m nkdesk.analysis.mrpc ../shared/eval/mrpc --tune",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("folder", type=Path, help="folder with the MRPC train and dev files")
    parser.add_argument(
        "--tune", action="store_true", help="refit the weights on train (5-fold CV) first"
    )
    args = parser.parse_args(argv)
    for name in (TRAIN_FILE, DEV_FILE):
        if not (args.folder / name).is_file():
            print(f"mrpc: {args.folder / name}: not found", file=sys.stderr)
            return 2

    model = None
    if args.tune:
        train = read_pairs(args.folder / TRAIN_FILE)
        (weights, cut), l2, accuracy = tune(train)
        model = tuple(round(w, 4) for w in weights), cut
        cv = ", ".join(f"l2={c:g}: {a:.1%}" for c, a in accuracy.items())
        print(f"train {FOLDS}-fold CV accuracy: {cv}; chose l2={l2:g}")
        print(f"WEIGHTS: tuple[float, ...] = {model[0]}")
        print(f"THRESHOLD = {model[1]}")
        for name in wrong_signs(model[0]):
            print(f"warning: {name} weighs the wrong way; a near copy could outrank a copy")

    dev = read_pairs(args.folder / DEV_FILE)
    scores = dev_scores(dev, model)
    always_yes = sum(p.label for p in dev) / len(dev)
    print(
        f"dev{' (tuned model)' if model else ''}: {scores.pairs} pairs, "
        f"accuracy {scores.accuracy:.1%}, F1 {scores.f1:.1%} "
        f"(precision {scores.precision:.1%}, recall {scores.recall:.1%}; "
        f"always-yes accuracy {always_yes:.1%})"
    )
    return 0


def dev_scores(dev: Sequence[Pair], model: Model | None = None) -> Scores:
    """The decision on dev, with IDF over the dev sentences: ``is_shared``, or ``model``'s."""
    pairs = passages(dev)
    if model is None:
        return evaluate(dev, [is_shared(a, b) for a, b in pairs])
    weights, cut = model
    found = probabilities(weights, [features(a, b) for a, b in pairs])
    return evaluate(dev, [p >= cut for p in found])


if __name__ == "__main__":
    sys.exit(main())
