"""How much memory an export of 100,000 annotations takes (pytest-benchmark; README, "Benchmarks").

Target from the window issue: each format within 250 MB at 100,000 annotations,
whatever the tag count (it was 974 MB for JSON-LD and 467 MB for JSON when each
export built its whole text in memory). Each export runs ``nkdesk export`` in
a process of its own, as a user would; ``peak_mb`` in ``extra_info`` is that
process's peak resident memory, read from /proc (VmHWM) as in test_scale_speed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from nkdesk.export import FORMATS
from nkdesk.store import open_store

from .child import run_cli

ANNOTATIONS = 100_000


@pytest.fixture(scope="session")
def huge_tag_file(tmp_path_factory: pytest.TempPathFactory, make_corpus) -> Path:
    """100,000 annotations over 50 articles: a tenth with notes, a twentieth in 50 claims."""
    path = tmp_path_factory.mktemp("export") / "huge.sqlite"
    documents = make_corpus(50, size=8_000)
    with open_store(path, author="ann") as store:
        for document in documents:
            store.add_document(document)
        with store.operation("Tag 100,000 passages"):
            claims = [store.add_claim(f"claim {n}").id for n in range(1, 51)]
            for number in range(ANNOTATIONS):
                document = documents[number % len(documents)]
                start = (number * 37) % (len(document.text) - 60)
                store.add_annotation(
                    document.id,
                    start,
                    start + 40,
                    1 + number % 9,
                    claim=claims[number % 50] if number % 20 == 0 else None,
                    stance="reports" if number % 20 == 0 else None,
                    value="3,000" if number % 7 == 0 else "",
                    note=f"note {number}" if number % 10 == 0 else "",
                )
    return path


def _export(tag_file: Path, target: Path) -> int:
    """Run ``nkdesk export`` in a child process; its peak memory in MB."""
    _stdout, peak_kb = run_cli(["export", "--db", str(tag_file), "-o", str(target)])
    return round(peak_kb / 1024)


@pytest.mark.parametrize("format", sorted(FORMATS))
def test_export_100000_annotations(
    benchmark, format: str, huge_tag_file: Path, tmp_path: Path
) -> None:
    target = tmp_path / f"huge{FORMATS[format][0]}"
    peak_mb = benchmark.pedantic(_export, args=(huge_tag_file, target), rounds=1, iterations=1)
    benchmark.extra_info["peak_mb"] = peak_mb
    benchmark.extra_info["output_mb"] = round(target.stat().st_size / 1e6, 1)
    assert target.stat().st_size > 0
