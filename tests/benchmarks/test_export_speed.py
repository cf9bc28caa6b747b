"""How fast exports and imports are (pytest-benchmark; see README, "Benchmarks").

Target from the export issue: 10,000 annotations exported in each format in
under 2 s. The tag file is 20 synthetic articles of about 8,000 characters,
so the HTML report's timing includes comparing them (``compare()``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from nkdesk.export import FORMATS, TagFile, export, import_file, merge, snapshot, verify
from nkdesk.store import Annotation, Claim, TagStore
from nkdesk.store.anchoring import Anchor

ANNOTATIONS = 10_000
STAMP = "2024-10-01T12:00:00.000Z"


@pytest.fixture(scope="session")
def big_tag_file(make_corpus) -> TagFile:
    """10,000 annotations over 20 articles, a tenth with notes, a twentieth in claims."""
    documents = tuple(make_corpus(20, size=8_000))
    with TagStore.memory() as store:
        tags = tuple(store.tags())
    claims = tuple(Claim(n, f"claim {n}", "", STAMP, STAMP) for n in range(1, 51))
    annotations = []
    for number in range(ANNOTATIONS):
        document = documents[number % len(documents)]
        start = (number * 37) % (len(document.text) - 60)
        anchor = Anchor.at(document.text, start, start + 40)
        annotations.append(
            Annotation(
                id=number + 1,
                document=document.id,
                start=start,
                end=start + 40,
                quote=anchor.quote,
                prefix=anchor.prefix,
                suffix=anchor.suffix,
                tag=tags[number % len(tags)].id,
                claim=1 + number % 50 if number % 20 == 0 else None,
                stance="reports" if number % 20 == 0 else None,
                value="3,000" if number % 7 == 0 else "",
                speaker="",
                author="ann",
                note=f"note {number}" if number % 10 == 0 else "",
                created=STAMP,
                modified=STAMP,
                orphaned=False,
            )
        )
    return verify(TagFile(documents, tags, claims, tuple(annotations)), "<benchmark>")


@pytest.mark.parametrize("format", sorted(FORMATS))
def test_export_10000_annotations(
    benchmark, format: str, big_tag_file: TagFile, tmp_path: Path
) -> None:
    target = tmp_path / f"big{FORMATS[format][0]}"
    benchmark.pedantic(export, args=(big_tag_file, format, target), rounds=3, iterations=1)
    assert target.stat().st_size > 0


def test_snapshot_10000_annotations(benchmark, big_tag_file: TagFile) -> None:
    with TagStore.memory() as store:
        merge(store, big_tag_file)
        data = benchmark(snapshot, store)
    assert len(data.annotations) == ANNOTATIONS


def test_import_10000_annotations_from_json(
    benchmark, big_tag_file: TagFile, tmp_path: Path
) -> None:
    source = tmp_path / "big.json"
    export(big_tag_file, "json", source)
    stores: list[TagStore] = []

    def setup() -> tuple[tuple[object, ...], dict[str, object]]:
        stores.append(TagStore.memory())
        return (stores[-1], source), {}

    benchmark.pedantic(import_file, setup=setup, rounds=3, iterations=1)
    assert len(stores[-1].annotations()) == ANNOTATIONS
    for store in stores:
        store.close()
