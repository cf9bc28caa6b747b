"""How fast the tag file is (pytest-benchmark; see README, "Benchmarks").

Targets from the tag-store issue: one tag operation (an annotation and its undo
journal entry, committed to a file on disk) well under 16 ms, one frame;
opening a tag file with 10,000 annotations and listing them under 1 s;
from the window issue, the same with 100,000 under 1 s.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from nkdesk.corpus import Document
from nkdesk.store import open_store

from .conftest import HUGE_TAGS

ANNOTATIONS = 10_000
PAGE = 1_000


@pytest.fixture(scope="session")
def article(make_corpus) -> Document:
    return make_corpus(1, size=20_000)[0]


@pytest.fixture(scope="session")
def big_tag_file(tmp_path_factory: pytest.TempPathFactory, make_corpus) -> Path:
    """A tag file with 10,000 annotations over 20 articles, made through the API."""
    path = tmp_path_factory.mktemp("store") / "big.sqlite"
    documents = make_corpus(20, size=8_000)
    with open_store(path) as store:
        for document in documents:
            store.add_document(document)
        for number in range(ANNOTATIONS):
            document = documents[number % len(documents)]
            start = (number * 37) % (len(document.text) - 60)
            store.add_annotation(document.id, start, start + 40, 1 + number % 9, note="n")
    return path


def test_add_annotation(benchmark, tmp_path: Path, article: Document) -> None:
    with open_store(tmp_path / "tags.sqlite") as store:
        store.add_document(article)
        starts = itertools.cycle(range(0, len(article.text) - 50, 7))

        def tag_once() -> None:
            start = next(starts)
            store.add_annotation(article.id, start, start + 30, 1)

        benchmark(tag_once)


def test_undo_and_redo(benchmark, tmp_path: Path, article: Document) -> None:
    with open_store(tmp_path / "tags.sqlite") as store:
        store.add_document(article)
        store.add_annotation(article.id, 100, 140, 1)

        def undo_and_redo() -> None:
            store.undo()
            store.redo()

        benchmark(undo_and_redo)


def test_open_and_list_10000_annotations(benchmark, big_tag_file: Path) -> None:
    def open_and_list() -> int:
        with open_store(big_tag_file) as store:
            return len(store.annotation_rows())

    assert benchmark.pedantic(open_and_list, rounds=5, iterations=1) == ANNOTATIONS


@pytest.mark.parametrize("check", [True, False], ids=["checked", "window"])
def test_open_and_list_100000_annotations(benchmark, huge_tag_file: Path, check: bool) -> None:
    """As the CLI opens (quick_check first) and as the window does (checked in a thread)."""

    def open_and_list() -> int:
        with open_store(huge_tag_file, check=check) as store:
            rows = store.annotation_rows()
            store.integrity.result()  # the check's thread, out of the way of the next round
            return len(rows)

    assert benchmark.pedantic(open_and_list, rounds=3, iterations=1) == HUGE_TAGS


def test_reanchor_an_edited_article(benchmark, tmp_path: Path, article: Document) -> None:
    edited = Document.from_text(
        article.id, "A new first paragraph.\n" + article.text.replace(".", ";", 40)
    )

    copies = itertools.count()

    def setup() -> tuple[tuple[object, ...], dict[str, object]]:
        store = open_store(tmp_path / f"tags-{next(copies)}.sqlite")
        store.add_document(article)
        for start in range(0, len(article.text) - 50, 20):
            store.add_annotation(article.id, start, start + 30, 1)
        return (store,), {}

    def reanchor(store) -> None:
        report = store.add_document(edited)
        benchmark.extra_info["report"] = repr(report)
        store.close()

    benchmark.pedantic(reanchor, setup=setup, rounds=3, iterations=1)


def test_open_and_list_the_first_page_of_100000_annotations(benchmark, huge_tag_file: Path) -> None:
    """What a table that fetches rows as it scrolls reads at open: one keyset page."""

    def open_and_page() -> int:
        with open_store(huge_tag_file, check=False) as store:
            first = store.annotation_rows(limit=PAGE)
            second = store.annotation_rows(after=first[-1].annotation, limit=PAGE)
            store.integrity.result()
            return len(first) + len(second)

    assert benchmark.pedantic(open_and_page, rounds=5, iterations=1) == 2 * PAGE
