"""How the comparison scales: wire copies, many events, long and odd articles.

Each case writes its corpus to a folder and runs ``nkdesk compare --json`` on
it as a user would, in a process of its own, so that the benchmark's time is
the whole process and ``peak_mb`` (in ``extra_info``) its own peak memory.
Targets from the scale issue: 100 wire copies within 3 s, growing from 50 to
100 by at most 2.4x in time and 2.5x in links; 1,000 articles within 60 s and
1 GB; two 430 KB articles, a 200 KB table of figures and 430 KB without a
full stop within 6 s each; five 210 KB articles within 15 s; a 4.9 MB
article within 30 s and 500 MB. The reworded corpora use MRPC when
``../shared/eval/mrpc`` is beside the checkout (see corpora.py).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from nkdesk.corpus import Document

from . import corpora
from .child import run_cli

CASES: dict[str, Callable[[], list[Document]]] = {
    "wire copies, 25": lambda: corpora.wire_copies(25),
    "wire copies, 50": lambda: corpora.wire_copies(50),
    "wire copies, 100": lambda: corpora.wire_copies(100),
    "wire copies, 200": lambda: corpora.wire_copies(200),
    "1,000 articles: 200 events x 5 reports": lambda: corpora.many_events(200, 5),
    "two 430 KB reworded articles": lambda: corpora.reworded_articles(2, 430_000),
    "five 210 KB reworded articles": lambda: corpora.reworded_articles(5, 210_000),
    "a 200 KB table of figures and a report": lambda: [
        corpora.numbers_article(200_000),
        *corpora.wire_copies(1),
    ],
    "430 KB without a full stop and a report": lambda: [
        corpora.unpunctuated_article(430_000),
        *corpora.wire_copies(1),
    ],
    "a 4.9 MB article and a report": lambda: [
        corpora.prose_article(4_900_000),
        *corpora.wire_copies(1),
    ],
}


def _write(documents: list[Document], folder: Path) -> Path:
    folder.mkdir()
    for document in documents:
        (folder / f"{document.id}.txt").write_text(document.text, encoding="utf-8")
    return folder


def _compare(folder: Path) -> dict[str, float]:
    """Run ``nkdesk compare --json`` on a folder; what it printed, and its peak memory."""
    stdout, peak_kb = run_cli(["compare", "--json", str(folder)])
    result = json.loads(stdout)
    assert result["schema"] == "nkdesk.compare/1"
    return {
        "peak_mb": round(peak_kb / 1024),
        "links": len(result["links"]),
        "conflicts": len(result["conflicts"]),
        "clusters": len(result["clusters"]),
        "json_mb": round(len(stdout) / 1e6, 1),
    }


@pytest.mark.parametrize("case", list(CASES))
def test_compare_at_scale(benchmark, tmp_path: Path, case: str) -> None:
    documents = CASES[case]()
    folder = _write(documents, tmp_path / "corpus")
    measured = benchmark.pedantic(_compare, args=(folder,), rounds=1, iterations=1)
    benchmark.extra_info.update(measured)
    benchmark.extra_info["articles"] = len(documents)
    benchmark.extra_info["mb"] = round(sum(len(d.text) for d in documents) / 1e6, 2)
    benchmark.extra_info["mrpc"] = bool(corpora.mrpc_pairs())
