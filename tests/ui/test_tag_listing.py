"""Opening a big tag file: its tags are read in a worker and listed in slices, none lost or doubled."""

from __future__ import annotations

import threading
from collections import Counter
from pathlib import Path

import pytest

from nkdesk import store
from nkdesk.corpus import Corpus, Document
from nkdesk.store import open_store
from nkdesk.ui import tags_panel

TAGS = 3_000  # beyond READ_AT_ONCE: read in the worker
WAIT_MS = 30_000
OTHER = Document.from_text("elsewhere", "A report from another case in the same file.\n" * 20)


def fill(path: Path, corpus: Corpus, count: int = TAGS) -> None:
    """``count`` tags over the corpus's articles and one article no pane shows."""
    documents = [*corpus.documents, OTHER]
    with open_store(path) as store:
        for document in documents:
            store.add_document(document)
        with store.operation("Many tags"):
            for number in range(count):
                document = documents[number % len(documents)]
                start = (number * 13) % (len(document.text) - 30)
                store.add_annotation(document.id, start, start + 1 + number % 25, 1 + number % 9)


def settled(window) -> bool:
    """The whole read is listed and what changed since is read too."""
    store = window.tag_file.store
    return not window.tag_reader.reading and window.tag_reader.read_at == store.revision()


def listed_ids(window) -> Counter[int]:
    model = window.tags_panel.tags_model
    return Counter(model.annotation(n).id for n in range(model.rowCount()))


def marked_ids(window) -> Counter[int]:
    return Counter(m.annotation for pane in window.panes for m in pane.view.tag_marks)


def test_a_big_tag_file_lists_every_tag_and_draws_every_mark(
    make_window, synthetic_corpus, tmp_path, qtbot
) -> None:
    path = tmp_path / "big.sqlite"
    fill(path, synthetic_corpus)
    window = make_window(synthetic_corpus, tags=None)
    with qtbot.waitSignal(window.tags_changed, timeout=WAIT_MS):
        assert window.tag_file_commands.open_tag_file(path)
        assert window.tag_reader.listing.busy  # the worker reads it; the window answers meanwhile
    with open_store(path) as store:
        rows = store.annotation_rows()
    assert listed_ids(window) == Counter(r.annotation.id for r in rows)
    assert window.tags_panel.count_label.text() == f"{TAGS} tags"
    assert window.tag_rows == rows
    # Every placed tag of a shown article has its underline, and its stripe.
    for pane in window.panes:
        placed = [r.annotation.id for r in rows if r.annotation.document == pane.document.id]
        assert sorted(m.annotation for m in pane.view.tag_marks) == sorted(placed)
        assert any(s.kind == "tag" for s in pane.overview.tag_stripes)
    # Listed in reading order: source, then position.
    model = window.tags_panel.tags_model
    firsts = [model.annotation(n) for n in range(50)]
    assert firsts == sorted(firsts, key=lambda a: (a.document, a.start, a.id))
    assert window.actions_by_id["edit.undo"].isEnabled()


def test_a_small_tag_file_is_listed_at_once(make_window, synthetic_corpus, tmp_path) -> None:
    path = tmp_path / "small.sqlite"
    fill(path, synthetic_corpus, count=40)
    window = make_window(synthetic_corpus, tags=None)
    assert window.tag_file_commands.open_tag_file(path)
    assert not window.tag_reader.listing.busy
    assert window.tags_panel.tags_model.rowCount() == 40


@pytest.fixture
def held_read(monkeypatch):
    """Hold the worker's read before or after its snapshot until the test lets it go."""
    real = store.read_listing
    read, go = threading.Event(), threading.Event()
    where = {"hold": "after"}

    def slow(path):
        if where["hold"] == "before":
            go.wait(WAIT_MS / 1000)
        listing = real(path)
        read.set()
        if where["hold"] == "after":
            go.wait(WAIT_MS / 1000)
        return listing

    monkeypatch.setattr(store, "read_listing", slow)
    yield where, read, go
    go.set()


@pytest.mark.parametrize("hold", ["before", "after"], ids=["before-snapshot", "after-snapshot"])
@pytest.mark.parametrize("who", ["this window", "another window"])
def test_a_tag_made_during_the_read_is_listed_once(
    make_window, synthetic_corpus, tmp_path, qtbot, held_read, hold, who
) -> None:
    where, read, go = held_read
    where["hold"] = hold
    path = tmp_path / "big.sqlite"
    fill(path, synthetic_corpus)
    window = make_window(synthetic_corpus, tags=None)
    assert window.tag_file_commands.open_tag_file(path)
    if hold == "after":
        qtbot.waitUntil(read.is_set, timeout=WAIT_MS)
    pane = window.panes[0]
    start = pane.document.text.index("harvest festival")
    if who == "this window":
        pane.view.setFocus()
        pane.view.select(start, start + len("harvest festival"))
        made = window.tagger.apply_hotkey(2)  # the keys work while the tags are read
        assert made is not None
        made_id = made.id
    else:
        with open_store(path) as other:
            made_id = other.add_annotation(pane.document.id, start, start + 7, 3).id
        window.tag_file.poll()
    assert window.tag_reader.listing.busy
    go.set()
    qtbot.waitUntil(lambda: settled(window), timeout=WAIT_MS)
    listed = listed_ids(window)
    assert listed[made_id] == 1
    assert sum(listed.values()) == TAGS + 1
    assert [r.annotation.id for r in window.tag_rows].count(made_id) == 1
    assert marked_ids(window)[made_id] == 1


def test_a_tag_made_while_the_dock_lists_is_listed_once(
    make_window, synthetic_corpus, tmp_path, qtbot, monkeypatch
) -> None:
    monkeypatch.setattr(tags_panel, "LOAD_SLICE_MS", 0)  # one chunk a turn: many turns
    monkeypatch.setattr(tags_panel, "LOAD_CHUNK_ROWS", 100)
    path = tmp_path / "big.sqlite"
    fill(path, synthetic_corpus)
    window = make_window(synthetic_corpus, tags=None)
    assert window.tag_file_commands.open_tag_file(path)
    qtbot.waitUntil(lambda: window.tags_panel.tags_model.rowCount() > 0, timeout=WAIT_MS)
    assert window.tags_panel.loading
    assert "listing" in window.tags_panel.count_label.text()
    pane = window.panes[1]
    start = pane.document.text.index("tidal turbine")
    pane.view.setFocus()
    pane.view.select(start, start + len("tidal turbine"))
    made = window.tagger.apply_hotkey(1)
    assert made is not None
    qtbot.waitUntil(lambda: settled(window), timeout=WAIT_MS)
    assert listed_ids(window)[made.id] == 1
    assert sum(listed_ids(window).values()) == TAGS + 1
    assert marked_ids(window)[made.id] == 1
    assert window.tags_panel.count_label.text() == f"{TAGS + 1} tags"


def test_sorting_while_the_dock_lists_sorts_every_row(
    make_window, synthetic_corpus, tmp_path, qtbot, monkeypatch
) -> None:
    monkeypatch.setattr(tags_panel, "LOAD_SLICE_MS", 0)
    monkeypatch.setattr(tags_panel, "LOAD_CHUNK_ROWS", 100)
    path = tmp_path / "big.sqlite"
    fill(path, synthetic_corpus)
    window = make_window(synthetic_corpus, tags=None)
    assert window.tag_file_commands.open_tag_file(path)
    model = window.tags_panel.tags_model
    qtbot.waitUntil(lambda: model.rowCount() > 0, timeout=WAIT_MS)
    window.tags_panel.table.sortByColumn(model.TAG, tags_panel.Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: settled(window), timeout=WAIT_MS)
    assert model.rowCount() == TAGS
    names = [model.rows[n].tag_name.casefold() for n in range(model.rowCount())]
    assert names == sorted(names, reverse=True)


def test_another_windows_big_import_is_read_again_whole(
    make_window, synthetic_corpus, tmp_path, qtbot
) -> None:
    path = tmp_path / "big.sqlite"
    fill(path, synthetic_corpus)
    window = make_window(synthetic_corpus, tags=None)
    assert window.tag_file_commands.open_tag_file(path)
    qtbot.waitUntil(lambda: settled(window), timeout=WAIT_MS)
    document = synthetic_corpus.documents[0]
    with open_store(path) as other, other.operation("Import"):  # more than a tag or two
        made = [other.add_annotation(document.id, n % 300, n % 300 + 4, 5).id for n in range(600)]
    window.tag_file.poll()
    assert window.tag_reader.listing.busy
    qtbot.waitUntil(lambda: settled(window), timeout=WAIT_MS)
    listed = listed_ids(window)
    assert sum(listed.values()) == TAGS + 600
    assert all(listed[i] == 1 for i in made)
    assert all(marked_ids(window)[i] == 1 for i in made)
    assert window.tags_panel.count_label.text() == f"{TAGS + 600} tags"
