"""Exports read the tag file as they write: the same bytes as from a snapshot, one read."""

from __future__ import annotations

import datetime as real_datetime
import sqlite3
from pathlib import Path

import pytest

from nkdesk.export import FORMATS, export, htmlreport, qdpx, reading, snapshot
from nkdesk.export.tagfile import StoredAnnotations
from nkdesk.store import TagStore, open_store


class _Frozen(real_datetime.datetime):
    @classmethod
    def now(cls, tz=None):  # type: ignore[override]
        return cls(2024, 10, 1, 12, 0, 0, tzinfo=tz)


@pytest.fixture
def frozen_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Exports stamp the time they were made; the same time makes the same bytes."""
    monkeypatch.setattr(qdpx, "datetime", _Frozen)
    monkeypatch.setattr(htmlreport, "datetime", _Frozen)


def on_disk(store: TagStore, path: Path) -> Path:
    """The tag file of ``store``, copied into a file (a memory store has none to read again)."""
    target = sqlite3.connect(path)
    store._conn.backup(target)
    target.close()
    return path


@pytest.mark.parametrize("format", sorted(FORMATS))
def test_an_export_from_the_file_is_the_export_of_its_snapshot(
    tagged: TagStore, tmp_path: Path, format: str, frozen_clock: None
) -> None:
    suffix = FORMATS[format][0]
    with open_store(on_disk(tagged, tmp_path / "tags.sqlite")) as store:
        export(snapshot(store), format, tmp_path / f"snapshot{suffix}")
        export(store, format, tmp_path / f"streamed{suffix}")
    streamed = (tmp_path / f"streamed{suffix}").read_bytes()
    assert streamed == (tmp_path / f"snapshot{suffix}").read_bytes()


@pytest.mark.parametrize("format", sorted(FORMATS))
def test_an_empty_tag_file_exports_as_before(
    store: TagStore, tmp_path: Path, format: str, frozen_clock: None
) -> None:
    suffix = FORMATS[format][0]
    with open_store(on_disk(store, tmp_path / "tags.sqlite")) as empty:
        export(snapshot(empty), format, tmp_path / f"snapshot{suffix}")
        export(empty, format, tmp_path / f"streamed{suffix}")
    streamed = (tmp_path / f"streamed{suffix}").read_bytes()
    assert streamed == (tmp_path / f"snapshot{suffix}").read_bytes()


def test_a_reading_sees_the_file_as_it_was_when_it_began(tagged: TagStore, tmp_path: Path) -> None:
    path = on_disk(tagged, tmp_path / "tags.sqlite")
    with open_store(path) as store, open_store(path) as other_window:
        before = snapshot(store)
        with reading(store) as data:
            assert isinstance(data.annotations, StoredAnnotations)
            first = list(data.annotations)
            document = data.documents[0].id
            other_window.add_annotation(document, 0, 3, data.tags[0].id)
            # Every pass of an export sees the same rows, without the new tag.
            assert list(data.annotations) == first == list(before.annotations)
            assert len(data.annotations) == len(before.annotations)
        assert len(snapshot(store).annotations) == len(before.annotations) + 1
