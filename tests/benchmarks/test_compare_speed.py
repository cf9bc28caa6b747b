"""How fast the engine is (pytest-benchmark; see README, "Benchmarks").

Targets from the engine issue: compare() on the seeds under 100 ms in-process;
`nkdesk compare --json` on them under 0.5 s as a whole process; 100 articles
of about 4 KB under 5 s, with cost growing with the number of linked pairs.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from nkdesk.analysis import compare
from nkdesk.corpus import load_corpus


def test_compare_seeds_in_process(benchmark, seed_paths) -> None:
    documents = load_corpus(seed_paths).documents
    comparison = benchmark(compare, documents)
    benchmark.extra_info["links"] = len(comparison.shared_links)


def test_compare_json_whole_process(benchmark, seed_paths) -> None:
    command = [sys.executable, "-m", "nkdesk", "compare", "--json", *map(str, seed_paths)]
    result = benchmark.pedantic(
        subprocess.run, args=(command,), kwargs={"capture_output": True}, rounds=5, iterations=1
    )
    assert result.returncode == 0


@pytest.mark.parametrize("count", [25, 50, 100])
def test_compare_many_articles(benchmark, make_corpus, count: int) -> None:
    documents = make_corpus(count)
    comparison = benchmark.pedantic(compare, args=(documents,), rounds=1, iterations=1)
    benchmark.extra_info["articles"] = count
    benchmark.extra_info["units"] = len(comparison.units)
    benchmark.extra_info["links"] = len(comparison.shared_links)
