"""Scoring a Comparison against the hand-made gold standard in tests/data/gold.json.

A gold claim's mentions are exact quotes; every pair of mentions from two
different documents is a gold link. An engine link matches a gold link when
its two spans overlap the two quotes. Conflicts match the same way, on the
two facts' spans.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from nkdesk.analysis.compare import Comparison
from nkdesk.analysis.model import Span

GOLD = Path(__file__).resolve().parents[1] / "data" / "gold.json"


@dataclass(frozen=True, slots=True)
class PRF:
    found: int
    expected: int
    true_positives: int
    recalled: int

    @property
    def precision(self) -> float:
        return self.true_positives / self.found if self.found else 0.0

    @property
    def recall(self) -> float:
        return self.recalled / self.expected if self.expected else 0.0

    def __str__(self) -> str:
        return (
            f"precision {self.precision:.0%} ({self.true_positives}/{self.found}), "
            f"recall {self.recall:.0%} ({self.recalled}/{self.expected})"
        )


def _span(texts: dict[str, str], mention: dict[str, str]) -> Span:
    start = texts[mention["doc"]].index(mention["quote"])
    return Span(mention["doc"], start, start + len(mention["quote"]))


def _matches(a: Span, b: Span, x: Span, y: Span) -> bool:
    return (a.overlaps(x) and b.overlaps(y)) or (a.overlaps(y) and b.overlaps(x))


def load_gold(texts: dict[str, str]) -> tuple[list[tuple[Span, Span]], list[tuple[Span, Span]]]:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    links = []
    for claim in gold["claims"]:
        spans = [_span(texts, m) for m in claim["mentions"]]
        links += [(x, y) for x, y in combinations(spans, 2) if x.doc != y.doc]
    conflicts = [(_span(texts, c["a"]), _span(texts, c["b"])) for c in gold["conflicts"]]
    return links, conflicts


def score_links(comparison: Comparison, gold: list[tuple[Span, Span]]) -> PRF:
    found = [(link.a, link.b) for link in comparison.shared_links]
    return _prf(found, gold)


def score_conflicts(comparison: Comparison, gold: list[tuple[Span, Span]]) -> PRF:
    found = [(c.a.span, c.b.span) for c in comparison.conflicts]
    return _prf(found, gold)


def _prf(found: list[tuple[Span, Span]], gold: list[tuple[Span, Span]]) -> PRF:
    true_positives = sum(any(_matches(a, b, x, y) for x, y in gold) for a, b in found)
    recalled = sum(any(_matches(a, b, x, y) for a, b in found) for x, y in gold)
    return PRF(len(found), len(gold), true_positives, recalled)
