"""Undo and redo of every tag operation, persisted in the tag file (nkdesk.store.undo)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nkdesk.analysis.model import Span
from nkdesk.store import EditError, StoreError, TagStore, open_store, undo
from nkdesk.store.records import STANCES

from .articles import ARTICLE, OTHER, span_of

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


def test_two_windows_share_one_history(tmp_path: Path) -> None:
    path = tmp_path / "tags.sqlite"
    with open_store(path) as first, open_store(path) as second:
        first.add_claim("from the first window")
        assert second.undo() == "Add claim 'from the first window'"
        assert first.claims() == []


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
