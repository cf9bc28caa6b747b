"""The undo journal: every tag operation as the row changes that replay it either way.

An operation (add a tag, accept a cluster, an import, ...) is recorded as the
list of rows it inserted, updated or deleted, with their values before and
after, in the same transaction as the change itself; so the journal is always
exactly as current as the data and survives a restart.

Each entry belongs to the session of the store that made it
(``nkdesk.store.sessions``): a window undoes its own operations, and those
that no open window owns, never another open window's. Entries are ``done``
or ``undone``; undo takes the latest done entry of the history a store may
replay, redo the earliest undone one, and a new operation deletes the undone
ones of that history, which is what clears redo.

Undo replays an entry's changes backwards with before and after swapped; redo
replays them forwards. Each change is replayed only onto the row as the entry
left it: if another window has changed or removed it since, the whole step is
refused (``Conflict``) rather than overwrite that window's work. The columns
that place an annotation on its text are not compared, as re-anchoring an
edited article moves them outside the journal (``TagStore._settle`` places
what an undo restores). An imported document is inserted with the import's
entry and removed with its undo, unless an annotation made since uses it.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
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
    # Only as an import adds them: a window stores its articles outside the journal.
    "documents": (
        "id", "title", "path", "sha256", "text", "outlet", "published", "url", "author", "origin",
    ),
    # The analyst's edits of a document's source details, keyed by the document's id.
    "source_edits": ("id", "outlet", "published", "url", "author", "origin"),
}  # fmt: skip
# Re-anchoring changes these outside the journal; they are no sign of another window's edit.
_PLACEMENT = frozenset({"start", "end", "quote", "prefix", "suffix", "orphaned"})

Row = dict[str, Any]


class Conflict(ValueError):
    """A step that cannot be replayed: a row it changes was changed since, elsewhere."""


@dataclass(frozen=True, slots=True)
class Change:
    """One row's change within an operation.

    ``before`` is None for an inserted row, ``after`` None for a deleted one;
    for an update both hold only the columns that changed.
    """

    table: str
    id: int | str  # documents are keyed by their id, the other tables by a number
    before: Row | None
    after: Row | None

    def inverse(self) -> Change:
        return Change(self.table, self.id, self.after, self.before)

    def to_json(self) -> list[object]:
        return [self.table, self.id, self.before, self.after]

    @classmethod
    def from_json(cls, data: list[Any]) -> Change:
        table, row_id, before, after = data
        change = cls(table, row_id if isinstance(row_id, str) else int(row_id), before, after)
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


def read_row(conn: sqlite3.Connection, table: str, row_id: int | str) -> Row | None:
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

    def insert_document(self, row: Row) -> None:
        """Insert an imported document (a row with its id), so that undo takes it away again."""
        change = Change("documents", row["id"], None, row)
        apply(self.conn, change)
        self.changes.append(change)

    def insert_keyed(self, table: str, row: Row) -> None:
        """Insert a row that carries its own id (a document's, for its source edits)."""
        change = Change(table, row["id"], None, row)
        apply(self.conn, change)
        self.changes.append(change)

    def update(self, table: str, row_id: int | str, values: Row) -> bool:
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

    def delete(self, table: str, row_id: int | str) -> None:
        current = read_row(self.conn, table, row_id)
        if current is None:
            raise KeyError(row_id)
        change = Change(table, row_id, current, None)
        apply(self.conn, change)
        self.changes.append(change)


def _history(others: Sequence[str]) -> tuple[str, list[str]]:
    """An SQL condition for the entries a store may replay: all but those of ``others``,
    the other live sessions."""
    if not others:
        return "1", []
    return f"(session IS NULL OR session NOT IN ({', '.join('?' * len(others))}))", list(others)


def record(
    conn: sqlite3.Connection,
    label: str,
    changes: Iterable[Change],
    now: str,
    session: str,
    others: Sequence[str] = (),
) -> None:
    """Add an operation to the journal, clearing redo and the oldest entries past the limit.

    Redo is cleared in the history ``session`` replays; ``others`` are the
    live sessions whose redo it leaves alone.
    """
    mine, parameters = _history(others)
    conn.execute(f"DELETE FROM undo_journal WHERE undone = 1 AND {mine}", parameters)
    cursor = conn.execute(
        "INSERT INTO undo_journal (label, changes, created, session) VALUES (?, ?, ?, ?)",
        (label, json.dumps([c.to_json() for c in changes], separators=(",", ":")), now, session),
    )
    conn.execute("DELETE FROM undo_journal WHERE id <= ?", ((cursor.lastrowid or 0) - UNDO_LIMIT,))


def latest_done(conn: sqlite3.Connection, others: Sequence[str] = ()) -> Entry | None:
    """The operation undo would take back, leaving the live sessions ``others`` alone."""
    return _entry(conn, undone=False, others=others)


def earliest_undone(conn: sqlite3.Connection, others: Sequence[str] = ()) -> Entry | None:
    """The operation redo would make again, leaving the live sessions ``others`` alone."""
    return _entry(conn, undone=True, others=others)


def _entry(conn: sqlite3.Connection, *, undone: bool, others: Sequence[str]) -> Entry | None:
    mine, parameters = _history(others)
    order = "ASC" if undone else "DESC"
    found = conn.execute(
        f"SELECT id, label, changes FROM undo_journal WHERE undone = ? AND {mine} "
        f"ORDER BY id {order} LIMIT 1",
        [int(undone), *parameters],
    ).fetchone()
    if found is None:
        return None
    entry_id, label, changes = found
    return Entry(entry_id, label, tuple(Change.from_json(c) for c in json.loads(changes)))


def label(conn: sqlite3.Connection, undone: bool, others: Sequence[str] = ()) -> str | None:
    """The label of the entry undo (``undone=False``) or redo would replay, without parsing it."""
    mine, parameters = _history(others)
    order = "ASC" if undone else "DESC"
    found = conn.execute(
        f"SELECT label FROM undo_journal WHERE undone = ? AND {mine} ORDER BY id {order} LIMIT 1",
        [int(undone), *parameters],
    ).fetchone()
    return found[0] if found else None


def replay(conn: sqlite3.Connection, entry: Entry, *, backwards: bool) -> list[Change]:
    """Undo (backwards) or redo an entry's changes and mark it; returns the changes made.

    Raises Conflict, with nothing changed by it, if a row is not as the entry
    left it (the caller's transaction rolls back what came before).
    """
    changes = [c.inverse() for c in reversed(entry.changes)] if backwards else list(entry.changes)
    made = []
    for change in changes:
        if change.table == "documents":
            if _replay_document(conn, change):
                made.append(change)
            continue
        _check(conn, change)
        apply(conn, change)
        made.append(change)
    conn.execute("UPDATE undo_journal SET undone = ? WHERE id = ?", (int(backwards), entry.id))
    return made


def _check(conn: sqlite3.Connection, change: Change) -> None:
    """Raise Conflict unless the row ``change`` applies to is as it expects."""
    current = read_row(conn, change.table, change.id)
    noun = change.table.removesuffix("s")
    if change.before is None:
        if current is not None:
            raise Conflict(f"the {noun} it would restore exists again")
        return
    if current is None:
        raise Conflict(f"the {noun} it changes was deleted since")
    compared = set(change.before) - (_PLACEMENT if change.table == "annotations" else set())
    if any(current[c] != change.before[c] for c in compared):
        raise Conflict(f"the {noun} it changes was changed since")


def _replay_document(conn: sqlite3.Connection, change: Change) -> bool:
    """Add or remove an imported document; whether it did.

    A document an annotation still uses stays (an annotation made since the
    import, in another window); one that is back, with the same text, is
    left as it is; one whose id now names another text refuses the step.
    """
    if change.after is None:
        if conn.execute("SELECT 1 FROM annotations WHERE document = ?", (change.id,)).fetchone():
            return False
        apply(conn, change)
        return True
    stored = read_row(conn, "documents", change.id)
    if stored is None:
        apply(conn, change)
        return True
    if stored["sha256"] != change.after["sha256"]:
        raise Conflict(f"the document '{change.id}' now holds another text")
    return False
