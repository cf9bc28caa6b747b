"""The undo journal: every tag operation as the row changes that replay it either way.

An operation (add a tag, accept a cluster, ...) is recorded as the list of rows
it inserted, updated or deleted, with their values before and after, in the
same transaction as the change itself; so the journal is always exactly as
current as the data, survives a restart, and is shared by every window on the
file (their operations form one history, like edits to one shared document).

Undo replays an entry's changes backwards with before and after swapped; redo
replays them forwards. Entries are ``done`` or ``undone``; all the done ones
come before all the undone ones, and a new operation deletes the undone ones,
which is what clears redo.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

# How many operations can be undone; older entries are dropped so the file
# does not grow for ever with a long session's history.
UNDO_LIMIT = 1000

# The tables operations change, with their columns. Journal entries are data
# read back from a file, so table and column names in them are checked against
# this before they go into SQL.
COLUMNS: Mapping[str, tuple[str, ...]] = {
    "tags": ("id", "name", "colour", "hotkey", "description"),
    "claims": ("id", "label", "note", "created", "modified"),
    "annotations": (
        "id", "document", "start", "end", "quote", "prefix", "suffix", "tag", "claim",
        "stance", "value", "speaker", "note", "author", "created", "modified", "orphaned",
    ),
}  # fmt: skip

Row = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Change:
    """One row's change within an operation.

    ``before`` is None for an inserted row, ``after`` None for a deleted one;
    for an update both hold only the columns that changed.
    """

    table: str
    id: int
    before: Row | None
    after: Row | None

    def inverse(self) -> Change:
        return Change(self.table, self.id, self.after, self.before)

    def to_json(self) -> list[object]:
        return [self.table, self.id, self.before, self.after]

    @classmethod
    def from_json(cls, data: list[Any]) -> Change:
        table, row_id, before, after = data
        change = cls(table, int(row_id), before, after)
        change.check()
        return change

    def check(self) -> None:
        """Raise ValueError unless the change names known tables and columns only."""
        known = COLUMNS.get(self.table)
        if known is None:
            raise ValueError(f"unknown table {self.table!r} in the undo journal")
        for row in (self.before, self.after):
            if row is not None and not set(row) <= set(known):
                raise ValueError(f"unknown columns {sorted(set(row) - set(known))} in the journal")


@dataclass(frozen=True, slots=True)
class Entry:
    """One recorded operation: its menu label and its changes."""

    id: int
    label: str
    changes: tuple[Change, ...]


def _quoted(column: str) -> str:
    # "end" is an SQL keyword; quoting every column keeps one rule for all.
    return f'"{column}"'


def apply(conn: sqlite3.Connection, change: Change) -> None:
    """Make one change to the database (inside the caller's transaction)."""
    table = change.table
    if change.before is None and change.after is not None:
        columns = list(change.after)
        conn.execute(
            f"INSERT INTO {table} ({', '.join(map(_quoted, columns))}) "
            f"VALUES ({', '.join('?' * len(columns))})",
            [change.after[c] for c in columns],
        )
    elif change.after is None:
        conn.execute(f"DELETE FROM {table} WHERE id = ?", (change.id,))
    elif change.after:
        columns = list(change.after)
        conn.execute(
            f"UPDATE {table} SET {', '.join(f'{_quoted(c)} = ?' for c in columns)} WHERE id = ?",
            [*(change.after[c] for c in columns), change.id],
        )


def read_row(conn: sqlite3.Connection, table: str, row_id: int) -> Row | None:
    """A row of a journalled table as a dict, or None if there is none."""
    columns = COLUMNS[table]
    found = conn.execute(
        f"SELECT {', '.join(map(_quoted, columns))} FROM {table} WHERE id = ?", (row_id,)
    ).fetchone()
    return dict(zip(columns, found, strict=True)) if found else None


class Recorder:
    """Makes an operation's row changes and remembers them for the journal."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.changes: list[Change] = []

    def insert(self, table: str, row: Row) -> int:
        """Insert a row (without its id); returns the id it was given."""
        columns = list(row)
        cursor = self.conn.execute(
            f"INSERT INTO {table} ({', '.join(map(_quoted, columns))}) "
            f"VALUES ({', '.join('?' * len(columns))})",
            [row[c] for c in columns],
        )
        row_id = cursor.lastrowid
        assert row_id is not None
        self.changes.append(Change(table, row_id, None, {"id": row_id, **row}))
        return row_id

    def update(self, table: str, row_id: int, values: Row) -> bool:
        """Set some columns of a row; returns whether anything changed."""
        current = read_row(self.conn, table, row_id)
        if current is None:
            raise KeyError(row_id)
        after = {c: v for c, v in values.items() if current[c] != v}
        if not after:
            return False
        change = Change(table, row_id, {c: current[c] for c in after}, after)
        apply(self.conn, change)
        self.changes.append(change)
        return True

    def delete(self, table: str, row_id: int) -> None:
        current = read_row(self.conn, table, row_id)
        if current is None:
            raise KeyError(row_id)
        change = Change(table, row_id, current, None)
        apply(self.conn, change)
        self.changes.append(change)


def record(conn: sqlite3.Connection, label: str, changes: Iterable[Change], now: str) -> None:
    """Add an operation to the journal, clearing redo and the oldest entries past the limit."""
    conn.execute("DELETE FROM undo_journal WHERE undone = 1")
    cursor = conn.execute(
        "INSERT INTO undo_journal (label, changes, created) VALUES (?, ?, ?)",
        (label, json.dumps([c.to_json() for c in changes], separators=(",", ":")), now),
    )
    conn.execute("DELETE FROM undo_journal WHERE id <= ?", ((cursor.lastrowid or 0) - UNDO_LIMIT,))


def latest_done(conn: sqlite3.Connection) -> Entry | None:
    """The operation undo would take back."""
    return _entry(conn, "WHERE undone = 0 ORDER BY id DESC")


def earliest_undone(conn: sqlite3.Connection) -> Entry | None:
    """The operation redo would make again."""
    return _entry(conn, "WHERE undone = 1 ORDER BY id ASC")


def _entry(conn: sqlite3.Connection, where: str) -> Entry | None:
    found = conn.execute(f"SELECT id, label, changes FROM undo_journal {where} LIMIT 1").fetchone()
    if found is None:
        return None
    entry_id, label, changes = found
    return Entry(entry_id, label, tuple(Change.from_json(c) for c in json.loads(changes)))


def label(conn: sqlite3.Connection, undone: bool) -> str | None:
    """The label of the entry undo (``undone=False``) or redo would replay, without parsing it."""
    order = "ASC" if undone else "DESC"
    found = conn.execute(
        f"SELECT label FROM undo_journal WHERE undone = ? ORDER BY id {order} LIMIT 1",
        (int(undone),),
    ).fetchone()
    return found[0] if found else None


def replay(conn: sqlite3.Connection, entry: Entry, *, backwards: bool) -> list[Change]:
    """Undo (backwards) or redo an entry's changes and mark it; returns the changes made."""
    changes = [c.inverse() for c in reversed(entry.changes)] if backwards else list(entry.changes)
    for change in changes:
        apply(conn, change)
    conn.execute("UPDATE undo_journal SET undone = ? WHERE id = ?", (int(backwards), entry.id))
    return changes
