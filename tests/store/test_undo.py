"""Undo and redo of every tag operation, persisted in the tag file (nkdesk.store.undo)."""

from __future__ import annotations

import contextlib
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nkdesk.analysis.model import Span
from nkdesk.store import EditError, StoreError, TagStore, open_store, undo
from nkdesk.store.records import STANCES

from .articles import ARTICLE, OTHER, span_of

REPO = Path(__file__).resolve().parents[2]

Snapshot = tuple[object, ...]


def snapshot(store: TagStore) -> Snapshot:
    """Everything an operation may change."""
    return (tuple(store.tags()), tuple(store.claims()), tuple(store.annotations()))


def test_nothing_to_undo_or_redo(store: TagStore) -> None:
    assert store.undo_label() is None and store.undo() is None
    assert store.redo_label() is None and store.redo() is None


OPERATIONS: dict[str, Callable[[TagStore], object]] = {
    "add annotation": lambda s: s.add_annotation("reuters", 0, 11, 1, note="n"),
    "edit annotation": lambda s: s.update_annotation(1, end=20, stance="disputes"),
    "delete annotation": lambda s: s.delete_annotation(1),
    "add tag": lambda s: s.add_tag("sanctions", "#AA3377", hotkey=3),
    "edit tag": lambda s: s.update_tag(1, name="troops", colour="#000000", hotkey=5),
    "delete tag": lambda s: s.delete_tag(1),
    "add claim": lambda s: s.add_claim("a claim", note="why"),
    "edit claim": lambda s: s.update_claim(1, label="the claim"),
    "delete claim": lambda s: s.delete_claim(1),
    "link": lambda s: s.link_annotation(1, None),
    "accept cluster": lambda s: s.accept_cluster(
        "NK troops", [Span("reuters", 0, 11), Span("bbc", 0, 5)], 2
    ),
}


@pytest.mark.parametrize("name", sorted(OPERATIONS))
def test_every_operation_undoes_and_redoes(stored: TagStore, name: str) -> None:
    claim = stored.add_claim("claim")
    stored.add_annotation("reuters", 0, 11, 1, claim=claim.id, stance="supports")
    before = snapshot(stored)
    OPERATIONS[name](stored)
    after = snapshot(stored)
    assert after != before
    label = stored.undo_label()
    assert stored.undo() == label
    assert snapshot(stored) == before
    assert stored.redo_label() == label
    assert stored.redo() == label
    assert snapshot(stored) == after


def test_a_new_operation_clears_redo(stored: TagStore) -> None:
    stored.add_annotation("reuters", 0, 11, 1)
    stored.undo()
    assert stored.redo_label() is not None
    stored.add_claim("something else")
    assert stored.redo_label() is None
    assert stored.redo() is None


def test_changes_inside_one_operation_undo_as_one_step(stored: TagStore) -> None:
    before = snapshot(stored)
    start, end = span_of(ARTICLE, "about 12,000 troops")
    with stored.operation("Tag with a new tag 'sources'"):
        tag = stored.add_tag("sources", "#336699")
        stored.add_annotation("reuters", start, end, tag.id)
    assert stored.undo_label() == "Tag with a new tag 'sources'"
    stored.undo()
    assert snapshot(stored) == before
    stored.redo()
    assert [a.quote for a in stored.annotations("reuters")][-1] == "about 12,000 troops"


def test_a_failed_operation_leaves_nothing_behind(stored: TagStore) -> None:
    before = snapshot(stored)
    with pytest.raises(EditError), stored.operation("Two changes"):
        stored.add_claim("kept only if all succeed")
        stored.add_tag("dates", "#123456")  # the name is taken: refused
    assert snapshot(stored) == before
    assert stored.undo_label() != "Two changes"


def test_a_refused_edit_leaves_history_alone(stored: TagStore) -> None:
    stored.add_claim("claim")
    with pytest.raises(EditError):
        stored.add_tag("dates", "#123456")
    assert stored.undo_label() == "Add claim 'claim'"


def test_history_survives_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "tags.sqlite"
    with open_store(path) as store:
        store.add_document(ARTICLE)
        annotation = store.add_annotation("reuters", *span_of(ARTICLE, "12,000 troops"), 1)
        store.add_claim("claim")
        store.undo()
    with open_store(path) as store:
        assert store.redo_label() == "Add claim 'claim'"
        assert store.undo_label() == "Tag 'troop numbers'"
        store.undo()
        assert store.annotations() == []
        store.redo()
        assert store.annotations() == [annotation]


# Two windows on one file: each undoes its own operations (nkdesk.store.sessions).


def test_undo_in_a_window_never_takes_the_other_windows_tag(tmp_path: Path) -> None:
    # The case: tag in A, Ctrl+Z in B removed A's tag.
    path = tmp_path / "tags.sqlite"
    with open_store(path) as a, open_store(path) as b:
        a.add_document(ARTICLE)
        tag = a.add_annotation("reuters", *span_of(ARTICLE, "12,000 troops"), 5)
        assert b.undo_label() is None
        assert b.undo() is None
        assert a.annotations() == b.annotations() == [tag]
        assert a.undo_label() == "Tag 'deployment'"


def test_each_window_undoes_and_redoes_its_own_operations(tmp_path: Path) -> None:
    path = tmp_path / "tags.sqlite"
    with open_store(path) as a, open_store(path) as b:
        a.add_claim("from A, first")
        b.add_claim("from B")
        a.add_claim("from A, second")
        assert b.undo() == "Add claim 'from B'"
        assert b.undo() is None
        assert a.undo() == "Add claim 'from A, second'"
        assert a.undo() == "Add claim 'from A, first'"
        assert a.claims() == []
        assert b.redo_label() == "Add claim 'from B'"
        assert a.redo() == "Add claim 'from A, first'"
        # A new operation in A clears A's redo, not B's.
        a.add_claim("from A, third")
        assert a.redo_label() is None
        assert b.redo() == "Add claim 'from B'"


def test_what_a_closed_window_did_is_left_to_the_windows_still_open(tmp_path: Path) -> None:
    path = tmp_path / "tags.sqlite"
    with open_store(path) as b:
        with open_store(path) as a:
            a.add_claim("from A")
            assert b.undo_label() is None
        assert b.undo() == "Add claim 'from A'"


def test_a_crashed_windows_history_is_anyones(tmp_path: Path) -> None:
    path = tmp_path / "tags.sqlite"
    code = (
        "import os, sys\nfrom nkdesk.store import open_store\n"
        "store = open_store(sys.argv[1])\nstore.add_claim('before the crash')\n"
        "os._exit(9)\n"  # no close: the session stays open in the file
    )
    done = subprocess.run([sys.executable, "-c", code, str(path)], cwd=REPO, timeout=60)
    assert done.returncode == 9
    with open_store(path) as store:
        assert store.undo() == "Add claim 'before the crash'"


def test_entries_from_before_sessions_are_anyones(tmp_path: Path) -> None:
    path = tmp_path / "tags.sqlite"
    with open_store(path) as a, open_store(path) as b:
        a.add_claim("old")
        a._conn.execute("UPDATE undo_journal SET session = NULL")
        assert b.undo() == "Add claim 'old'"


def test_a_window_on_another_machine_keeps_its_history_until_it_closes(tmp_path: Path) -> None:
    path = tmp_path / "tags.sqlite"
    with open_store(path) as store:
        store.add_claim("from elsewhere")
        store._conn.execute("UPDATE sessions SET host = 'another-machine', pid = 1")
        store._conn.execute("UPDATE undo_journal SET session = (SELECT id FROM sessions)")
    with open_store(path) as store:
        store._conn.execute("UPDATE sessions SET closed = NULL")
        assert store.undo_label() is None
        store._conn.execute("UPDATE sessions SET closed = '2024-01-01T00:00:00Z'")
        assert store.undo() == "Add claim 'from elsewhere'"


def test_a_store_that_only_reads_writes_no_session(tmp_path: Path) -> None:
    path = tmp_path / "tags.sqlite"
    with open_store(path) as store:
        store.add_claim("claim")
    with open_store(path) as reader:
        reader.claims()
        reader.undo_label()
    with open_store(path) as store:
        assert store._conn.execute("SELECT closed IS NOT NULL FROM sessions").fetchall() == [(1,)]


def test_undo_refuses_to_overwrite_what_another_window_changed_since(tmp_path: Path) -> None:
    path = tmp_path / "tags.sqlite"
    with open_store(path) as a, open_store(path) as b:
        a.add_document(ARTICLE)
        made = a.add_annotation("reuters", *span_of(ARTICLE, "12,000 troops"), 1)
        b.update_annotation(made.id, note="B's note")
        with pytest.raises(EditError, match="changed since, in another window") as refused:
            a.undo()
        assert "Tag 'troop numbers'" in str(refused.value)
        assert a.annotation(made.id).note == "B's note"
        assert b.undo() == "Edit annotation"
        assert a.undo() == "Tag 'troop numbers'"
        assert a.annotations() == []


def test_undo_refuses_what_another_window_made_impossible(tmp_path: Path) -> None:
    path = tmp_path / "tags.sqlite"
    with open_store(path) as a, open_store(path) as b:
        doomed = a.add_tag("sanctions", "#AA3377")
        a.delete_tag(doomed.id)
        b.add_tag("Sanctions", "#123456")
        before = snapshot(a)
        with pytest.raises(EditError, match="clashes with a change made since"):
            a.undo()
        assert snapshot(a) == before
        assert a.undo_label() == "Delete tag 'sanctions'"


def test_history_survives_a_restart_with_two_windows(tmp_path: Path) -> None:
    path = tmp_path / "tags.sqlite"
    with open_store(path) as a, open_store(path) as b:
        a.add_claim("A")
        b.add_claim("B")
    with open_store(path) as again:
        assert again.undo() == "Add claim 'B'"
        assert again.undo() == "Add claim 'A'"


def test_the_journal_keeps_the_latest_operations(
    store: TagStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(undo, "UNDO_LIMIT", 3)
    for number in range(5):
        store.add_claim(f"claim {number}")
    undone = []
    while (label := store.undo()) is not None:
        undone.append(label)
    assert undone == ["Add claim 'claim 4'", "Add claim 'claim 3'", "Add claim 'claim 2'"]
    assert [c.label for c in store.claims()] == ["claim 0", "claim 1"]


def test_a_journal_with_unknown_tables_is_refused(store: TagStore) -> None:
    store.add_claim("claim")
    store._conn.execute("UPDATE undo_journal SET changes = '[[\"sqlite_master\", 1, null, {}]]'")
    with pytest.raises(StoreError, match="undo journal"):
        store.undo()


# Hypothesis: any sequence of operations, undone step by step and redone.


def random_operation(store: TagStore, data: st.DataObject) -> None:
    """One operation with arguments drawn from what the store holds now."""
    tags = [t.id for t in store.tags()]
    claims = [c.id for c in store.claims()]
    annotations = [a.id for a in store.annotations()]
    documents = {"reuters": ARTICLE.text, "bbc": OTHER.text}

    def span() -> tuple[str, int, int]:
        doc = data.draw(st.sampled_from(sorted(documents)))
        start = data.draw(st.integers(0, len(documents[doc]) - 2))
        return doc, start, data.draw(st.integers(start + 1, min(start + 40, len(documents[doc]))))

    def maybe(ids: list[int]) -> int | None:
        return data.draw(st.sampled_from([None, *ids]))

    kind = data.draw(
        st.sampled_from(
            ["add", "add", "add", "edit", "delete", "tag", "retag", "untag", "claim", "unclaim",
             "link", "cluster"]
        )
    )  # fmt: skip
    if kind == "add" and tags:
        store.add_annotation(*span(), data.draw(st.sampled_from(tags)), claim=maybe(claims))
    elif kind == "edit" and annotations:
        annotation = store.annotation(data.draw(st.sampled_from(annotations)))
        start = data.draw(st.integers(0, len(documents[annotation.document]) - 1))
        store.update_annotation(
            annotation.id,
            start=start,
            end=start + 1,
            note=data.draw(st.text(max_size=5)),
            stance=data.draw(st.sampled_from([None, *STANCES])),
        )
    elif kind == "delete" and annotations:
        store.delete_annotation(data.draw(st.sampled_from(annotations)))
    elif kind == "tag":
        store.add_tag(
            data.draw(st.text("abc", min_size=1, max_size=4)),
            data.draw(st.sampled_from(["#112233", "#ABCDEF"])),
            hotkey=data.draw(st.sampled_from([None, 1, 2, 9])),
        )
    elif kind == "retag" and tags:
        store.update_tag(
            data.draw(st.sampled_from(tags)),
            hotkey=data.draw(st.sampled_from([None, 1, 5])),
            description=data.draw(st.text(max_size=3)),
        )
    elif kind == "untag" and tags:
        store.delete_tag(data.draw(st.sampled_from(tags)))
    elif kind == "claim":
        store.add_claim(data.draw(st.text("xyz", min_size=1, max_size=4)))
    elif kind == "unclaim" and claims:
        store.delete_claim(data.draw(st.sampled_from(claims)))
    elif kind == "link" and annotations:
        store.link_annotation(
            data.draw(st.sampled_from(annotations)),
            maybe(claims),
            data.draw(st.sampled_from(STANCES)),
        )
    elif kind == "cluster" and tags:
        spans = [Span(*span()) for _ in range(data.draw(st.integers(1, 3)))]
        store.accept_cluster("cluster", spans, data.draw(st.sampled_from(tags)))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_undoing_everything_returns_to_the_start_and_redo_replays_it(data: st.DataObject) -> None:
    with TagStore.memory() as store:
        store.add_document(ARTICLE)
        store.add_document(OTHER)
        states = [snapshot(store)]
        for _ in range(data.draw(st.integers(1, 12))):
            # A refused edit (a duplicate tag name) changes nothing.
            with contextlib.suppress(EditError):
                random_operation(store, data)
            if snapshot(store) != states[-1]:
                states.append(snapshot(store))
        for state in reversed(states[:-1]):
            assert store.undo() is not None
            assert snapshot(store) == state
        assert store.undo() is None
        for state in states[1:]:
            assert store.redo() is not None
            assert snapshot(store) == state
        assert store.redo() is None
