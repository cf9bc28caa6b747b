"""The tag file: the analyst's vocabulary, claims and tagged passages in one SQLite file.

``open_store(path)`` opens or creates a tag file and returns a ``TagStore``.
A tag file stands alone: it holds the text of every document its tags point
into, so exports and re-anchoring never depend on article files that may have
moved or changed.

Reliability, by design rather than by care at each call site:

- A file is identified before anything is written to it: its first 100 bytes
  must be an SQLite header carrying nkdesk's application id (or be an empty
  database), and its schema version must not be newer than this nkdesk knows.
  Anything else raises ``StoreError`` and leaves the file as it was.
- Every change is one ``BEGIN IMMEDIATE`` transaction that also writes its undo
  journal entry, so a crash loses at most the change in flight. The journal is
  in write-ahead-log mode with ``synchronous=NORMAL``: a killed process loses
  nothing committed, and a power cut may lose the last changes but never
  corrupts the file; the trade buys commits without an fsync each, which keeps
  a tag operation inside one frame.
- Writers take the write lock up front (``IMMEDIATE``) and wait up to
  ``BUSY_TIMEOUT_S`` for another window's transaction, instead of failing on the
  upgrade from a read; readers never wait in WAL mode.
"""

from __future__ import annotations

import contextlib
import enum
import gc
import getpass
import json
import os
import re
import sqlite3
import stat
import threading
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future
from contextlib import contextmanager
from dataclasses import asdict, astuple, replace
from datetime import UTC, datetime
from difflib import SequenceMatcher
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from sqlite_utils import Database

from nkdesk import sources
from nkdesk.corpus import Document
from nkdesk.sources import Source
from nkdesk.store import sessions, undo
from nkdesk.store.anchoring import Anchor, locate, reanchor
from nkdesk.store.errors import (
    FULL_DISK_ERRNOS,
    EditError,
    StoreError,
    disk_is_full,
    full_disk,
)
from nkdesk.store.location import default_path
from nkdesk.store.records import (
    STANCES,
    Annotation,
    AnnotationRow,
    Changes,
    Claim,
    Listing,
    Reanchored,
    Stance,
    Tag,
    draft,
)
from nkdesk.store.schema import (
    APPLICATION_ID,
    MIGRATIONS,
    SCHEMA_VERSION,
    applied_names,
    known_names,
)

if TYPE_CHECKING:
    from nkdesk.analysis.model import Span

# The change log (``TagStore.changes_since``) keeps this many revisions,
# pruned every so many: a window further behind reads everything again.
CHANGE_LOG_REVISIONS = 1000
CHANGE_LOG_PRUNE_EVERY = 100
# How long a write waits for another window's transaction before giving up.
BUSY_TIMEOUT_S = 5.0
# An article read from another path is the same one, edited, only if it keeps
# at least this share of its words (difflib ratio over words).
SAME_ARTICLE_MIN_WORDS = 0.5

_SQLITE_MAGIC = b"SQLite format 3\x00"
_HEADER_BYTES = 100
_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")
_MEMORY = ":memory:"


class _Keep(enum.Enum):
    KEEP = enum.auto()


# The default of update arguments: leave the field as it is. (None cannot say
# that, because None is a value some fields take: no hotkey, no claim.)
KEEP: Final = _Keep.KEEP

_ANNOTATION_COLUMNS = ", ".join(f'a."{c}"' for c in undo.COLUMNS["annotations"])


def open_store(
    path: str | os.PathLike[str] | None = None,
    *,
    author: str | None = None,
    check: bool = True,
) -> TagStore:
    """Open the tag file at ``path`` (created if missing), or the default one.

    Raises StoreError, naming the file, for anything that is not a tag file this
    version can write; the file is then left untouched, and whatever opening
    it created (the file itself if it was new, its -wal and -shm files) is
    removed again, so that a full disk leaves nothing behind.

    ``check`` runs SQLite's ``quick_check`` over the whole file before it is
    opened (0.3 s at 100,000 annotations). With ``check=False`` the check runs
    in a thread of its own instead (``TagStore.integrity``), and the store
    writes nothing until it has passed: the first write waits for it and, on
    a damaged file, raises StoreError without writing. A file that opening
    itself would write to (an older schema to migrate) is checked first either way.
    """
    if path is None:
        path = default_path()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            if error.errno in FULL_DISK_ERRNOS:
                raise StoreError(path, full_disk(path)) from None
            raise StoreError(path, f"cannot create its folder ({error.strerror})") from None
    path = Path(path)
    _inspect(path)
    before = {p for p in _files_of(path) if p.exists()}
    try:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    except sqlite3.Error as error:
        _remove_new(path, before)
        raise StoreError(path, _reason(error, path)) from None
    try:
        return TagStore(conn, str(path), author=author, check=check)
    except StoreError:
        _remove_new(path, before)
        raise


def _files_of(path: Path) -> tuple[Path, ...]:
    """A tag file and the files SQLite keeps beside it."""
    return (path, *(path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal")))


def remove_tag_file(path: str | os.PathLike[str]) -> None:
    """Delete a tag file and the files beside it (one this process made and must not leave)."""
    for file in _files_of(Path(path)):
        file.unlink(missing_ok=True)


def _remove_new(path: Path, existed: set[Path]) -> None:
    """Remove what a failed open created. Files that were there stay: a -wal
    that existed may hold another window's changes, not yet in the file."""
    for file in _files_of(path):
        if file not in existed:
            with contextlib.suppress(OSError):
                file.unlink(missing_ok=True)


def _inspect(path: Path) -> None:
    """Raise StoreError unless path is missing, empty, or looks like a tag file (reads only)."""
    try:
        info = path.stat()
    except FileNotFoundError:
        if not path.parent.is_dir():
            raise StoreError(path, "cannot be created: its folder does not exist") from None
        if not os.access(path.parent, os.W_OK):
            raise StoreError(path, "cannot be created: its folder is read-only") from None
        return
    except OSError as error:
        raise StoreError(path, f"cannot be read ({error.strerror})") from None
    if stat.S_ISDIR(info.st_mode):
        raise StoreError(path, "is a folder, not a tag file")
    if not stat.S_ISREG(info.st_mode):
        raise StoreError(path, "is not a regular file")
    try:
        with path.open("rb") as file:
            header = file.read(_HEADER_BYTES)
    except OSError as error:
        raise StoreError(path, f"cannot be read ({error.strerror})") from None
    if header:
        _check_header(path, header, info.st_size)
    # Checked after identity, so that a foreign file is reported as foreign.
    if not os.access(path, os.W_OK):
        raise StoreError(path, "is read-only; nkdesk must be able to write to its tag file")
    if not os.access(path.parent, os.W_OK):
        raise StoreError(
            path, "is in a read-only folder; nkdesk must create its -wal and -shm files beside it"
        )


def _check_header(path: Path, header: bytes, size: int) -> None:
    if not header.startswith(_SQLITE_MAGIC):
        raise StoreError(path, "is not an nkdesk tag file (it is not an SQLite database)")
    if len(header) < _HEADER_BYTES:
        raise StoreError(path, f"is damaged: it is cut short ({size} bytes)")
    application_id = int.from_bytes(header[68:72], "big")
    if application_id == APPLICATION_ID:
        return
    if application_id != 0:
        raise StoreError(
            path,
            "is not an nkdesk tag file (it is another program's SQLite database, "
            f"application id {application_id:#010x})",
        )
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    write_ahead_log = header[18] == 2
    # A database with any table has at least two pages. A one-page database
    # is empty and may become a tag file; a WAL-mode one may hold its tables in
    # the log, where the header cannot show them, so it is refused.
    if size > page_size or write_ahead_log:
        raise StoreError(
            path, "is not an nkdesk tag file (it is an SQLite database of another program)"
        )


def _reason(error: sqlite3.Error, path: str | os.PathLike[str]) -> str:
    """What an SQLite error means for the analyst's tag file at ``path``, in words."""
    name = getattr(error, "sqlite_errorname", "")
    # Errors made in Python (and older SQLite builds) carry only their message.
    io_error = name.startswith("SQLITE_IOERR") or "disk I/O error" in str(error)
    if name.startswith("SQLITE_FULL") or "database or disk is full" in str(error):
        return full_disk(path)
    if io_error and disk_is_full(Path(path).absolute().parent):
        return full_disk(path)
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return f"is busy: another program kept it locked for over {BUSY_TIMEOUT_S:g} s"
    if name.startswith("SQLITE_READONLY"):
        return "cannot be written: it or its folder is read-only"
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
        return f"is damaged or not a tag file ({error})"
    if name.startswith("SQLITE_CANTOPEN"):
        return f"cannot be opened ({error})"
    if io_error:
        return f"cannot be read or written (input/output error: {error})"
    return str(error)


def damaged(problems: Sequence[str]) -> str:
    """What SQLite's integrity check found, as the reason a tag file is refused."""
    return f"is damaged ({'; '.join(problems[:3])})"


def _quick_check(path: str, verdict: Future[list[str]]) -> None:
    """Run ``PRAGMA quick_check`` on its own read-only connection; its rows become ``verdict``.

    Runs in a thread: the store that waits for it belongs to another one.
    A file that cannot even be read for the check is as good as damaged.
    """
    try:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        try:
            conn.execute("PRAGMA query_only = ON")
            problems = [row[0] for row in conn.execute("PRAGMA quick_check")]
        finally:
            conn.close()
    except sqlite3.Error as error:
        problems = [str(error)]
    verdict.set_result(problems or ["no answer from the integrity check"])


def read_listing(path: str | os.PathLike[str]) -> Listing:
    """What ``TagStore.listing()`` returns, read on a connection of its own.

    For a thread other than the one whose store has the file open (the
    window reads a big file's tags in a worker): SQLite connections belong to
    their thread. The connection only reads (``query_only``), never creates
    the file, and sees one snapshot, so the listing and its revision agree
    whatever another window writes meanwhile. Raises StoreError naming the file.
    """
    if not Path(path).is_file():
        raise StoreError(path, "does not exist any more, or is not a file")
    uri = f"{Path(path).absolute().as_uri()}?mode=rw"
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        try:
            conn.execute("PRAGMA query_only = ON")
            conn.execute("BEGIN")
            return _listing(conn)
        finally:
            conn.close()
    except sqlite3.Error as error:
        raise StoreError(path, _reason(error, path)) from None


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _default_author() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return ""


class TagStore:
    """The analyst's tags in one tag file: vocabulary, claims, annotations and their history.

    Every method that changes something is one transaction and, for tag
    operations, one entry in the undo journal that ``undo()`` and ``redo()``
    replay. Two stores may be open on one file (two windows, two processes):
    they share the data, and each undoes its own operations
    (``nkdesk.store.sessions``); poll ``revision()`` to notice the other's
    changes. A store belongs to the thread that opened it.
    """

    def __init__(
        self,
        conn: sqlite3.Connection,
        path: str,
        *,
        author: str | None = None,
        check: bool = True,
    ) -> None:
        """Take over an open connection (use ``open_store`` or ``memory``); closes it on error."""
        self._conn = conn
        self.path = path
        self.author = _default_author() if author is None else author
        # The operation being recorded, while inside ``operation()``.
        self._recorder: undo.Recorder | None = None
        # The integrity check running in its own thread (``check=False``), until it passed.
        self._pending_check: Future[list[str]] | None = None
        self.integrity: Future[list[str]] = Future()
        try:
            self._prepare(check)
        except BaseException:
            conn.close()
            raise
        if not self.integrity.done():
            self._pending_check = self.integrity
            threading.Thread(
                target=_quick_check, args=(path, self.integrity), name="tag file check", daemon=True
            ).start()
        # Whose history this store's undo takes (nkdesk.store.sessions).
        self._session = sessions.Session()

    @classmethod
    def memory(cls, *, author: str | None = None) -> TagStore:
        """A fresh tag file in memory, for tests and throwaway sessions."""
        return cls(sqlite3.connect(_MEMORY, isolation_level=None), _MEMORY, author=author)

    def close(self) -> None:
        self._session.close(self._conn, _now())
        self._conn.close()

    def __enter__(self) -> TagStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<TagStore {self.path}>"

    def _prepare(self, check: bool) -> None:
        """Check what the file is (reading only), then set it up and migrate it."""
        conn = self._conn
        try:
            conn.execute(f"PRAGMA busy_timeout = {round(BUSY_TIMEOUT_S * 1000)}")
            conn.execute("PRAGMA foreign_keys = ON")
            application_id = self._scalar("PRAGMA application_id")
            empty = self._scalar("SELECT count(*) FROM sqlite_master") == 0
            if application_id == 0 and empty:
                self.integrity.set_result(["ok"])
            elif application_id != APPLICATION_ID:
                raise StoreError(self.path, "is not an nkdesk tag file")
            else:
                self._refuse_newer(self._scalar("PRAGMA user_version"), ())
                if check or self._opening_writes():
                    problems = [row[0] for row in conn.execute("PRAGMA quick_check")]
                    if problems != ["ok"]:
                        raise StoreError(self.path, damaged(problems))
                    self.integrity.set_result(problems)
            if application_id == 0:
                # Written before WAL mode is on, so that it is in the main file's
                # header, where the next open looks, whatever a crash leaves.
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            if self.path != _MEMORY:
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA synchronous = NORMAL")
            db = Database(conn, execute_plugins=False)
            with self._transaction():
                self._refuse_newer(self._scalar("PRAGMA user_version"), applied_names(db))
                MIGRATIONS.apply(db)
        except sqlite3.Error as error:
            raise StoreError(self.path, _reason(error, self.path)) from None

    def _opening_writes(self) -> bool:
        """Whether setting the file up writes to it: a migration, or turning on WAL mode."""
        if self.path != _MEMORY and self._scalar("PRAGMA journal_mode") != "wal":
            return True
        return bool(MIGRATIONS.pending(Database(self._conn, execute_plugins=False)))

    def _wait_for_check(self) -> None:
        """Before the first write of a store opened unchecked: the check's verdict."""
        if self._pending_check is None:
            return
        problems = self._pending_check.result()
        if problems != ["ok"]:
            raise StoreError(self.path, damaged(problems) + "; nothing was written to it")
        self._pending_check = None

    def _refuse_newer(self, version: int, applied: Sequence[str]) -> None:
        unknown = [name for name in applied if name not in known_names()]
        if version <= SCHEMA_VERSION and not unknown:
            return
        # A newer nkdesk may have added a migration without raising user_version
        # (or the file says less than its migrations do): the count of migrations
        # applied is its version too.
        found = max(version, len(applied))
        names = ", ".join(f"'{name}'" for name in unknown)
        unknown_part = f": its migration {names} is unknown here" if unknown else ""
        raise StoreError(
            self.path,
            f"was written by a newer nkdesk (schema version {found}{unknown_part}; this "
            f"nkdesk reads versions up to {SCHEMA_VERSION}); update nkdesk to open it",
        )

    def _scalar(self, sql: str, parameters: Sequence[Any] = ()) -> Any:
        return self._conn.execute(sql, parameters).fetchone()[0]

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, taking the write lock at once so a busy file waits, not fails."""
        conn = self._conn
        self._wait_for_check()
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as error:
            raise StoreError(self.path, _reason(error, self.path)) from None
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException as error:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if isinstance(error, sqlite3.IntegrityError):
                raise EditError(self.path, f"refused by the tag file ({error})") from None
            if isinstance(error, sqlite3.Error):
                raise StoreError(self.path, _reason(error, self.path)) from None
            raise

    @contextmanager
    def operation(self, label: str) -> Iterator[undo.Recorder]:
        """One undoable step: one transaction, one entry in the undo journal.

        Every changing method runs in one; calls made inside an outer
        ``operation`` join it, so that a caller can make several changes
        undo as one ("New tag 'x'" and its first use, or an import)::

            with store.operation("Tag with a new tag"):
                tag = store.add_tag("withdrawal")
                store.add_annotation(doc, start, end, tag.id)
        """
        if self._recorder is not None:
            yield self._recorder
            return
        with self._transaction() as conn:
            self._recorder = undo.Recorder(conn)
            try:
                yield self._recorder
                if self._recorder.changes:
                    now = _now()
                    self._session.record(conn, now)
                    undo.record(
                        conn,
                        label,
                        self._recorder.changes,
                        now,
                        self._session.id,
                        self._session.others_live(conn),
                    )
                self._bump_revision((c.table, c.id) for c in self._recorder.changes)
            finally:
                self._recorder = None

    def _bump_revision(self, changed: Iterable[tuple[str, int | str]]) -> None:
        """Count a change to the file, logging which rows it changed (``changes_since``)."""
        conn = self._conn
        conn.execute("UPDATE meta SET value = value + 1 WHERE key = 'revision'")
        revision = self._scalar("SELECT value FROM meta WHERE key = 'revision'")
        conn.executemany(
            "INSERT INTO changes (revision, kind, key) VALUES (?, ?, ?)",
            ((revision, kind, str(key)) for kind, key in set(changed)),
        )
        if revision % CHANGE_LOG_PRUNE_EVERY == 0:
            oldest = revision - CHANGE_LOG_REVISIONS
            conn.execute("DELETE FROM changes WHERE revision <= ?", (oldest,))
            conn.execute(
                "UPDATE meta SET value = max(value, ?) WHERE key = 'changes_from'", (oldest,)
            )

    def revision(self) -> int:
        """A number that grows with every change to the file, by any window or process.

        A window remembers it after refreshing and refreshes again when it differs.
        """
        return _revision(self._conn)

    def listing(self) -> Listing:
        """The revision, every annotation row, tag, claim and source, from one snapshot."""
        with self._reading():
            return _listing(self._conn)

    def changes_since(self, revision: int) -> Changes | None:
        """What changed after ``revision`` (one this store or another read before).

        None when the log no longer reaches back that far (or the revision is
        unknown): the reader reads everything again. A reader that takes
        ``revision()`` first and then this never misses a change; at worst
        it reads one twice.
        """
        with self._reading():
            current = self.revision()
            covered = int(self._scalar("SELECT value FROM meta WHERE key = 'changes_from'"))
            if not covered <= revision <= current:
                return None
            annotations: set[int] = set()
            documents: set[str] = set()
            tags: set[int] = set()
            claims: set[int] = set()
            edited: set[str] = set()
            for kind, key in self._conn.execute(
                "SELECT kind, key FROM changes WHERE revision > ? AND revision <= ?",
                (revision, current),
            ):
                if kind == "annotations":
                    annotations.add(int(key))
                elif kind == "tags":
                    tags.add(int(key))
                elif kind == "claims":
                    claims.add(int(key))
                elif kind == "documents":
                    documents.add(key)
                elif kind == "source_edits":
                    edited.add(key)
        return Changes(
            current,
            frozenset(annotations),
            frozenset(documents),
            tags=frozenset(tags),
            claims=frozenset(claims),
            sources=frozenset(edited),
        )

    @contextmanager
    def _reading(self) -> Iterator[None]:
        """Several reads from one snapshot of the file (joins a transaction already open)."""
        conn = self._conn
        if conn.in_transaction:
            yield
            return
        conn.execute("BEGIN")
        try:
            yield
        finally:
            conn.execute("COMMIT")

    # The vocabulary.

    def tags(self) -> list[Tag]:
        """Every tag, in the order they were made."""
        return _tags(self._conn)

    def tag(self, tag_id: int) -> Tag:
        row = self._conn.execute(
            "SELECT id, name, colour, hotkey, description FROM tags WHERE id = ?", (tag_id,)
        ).fetchone()
        if row is None:
            raise EditError(self.path, f"has no tag {tag_id}")
        return Tag(*row)

    def tag_for_hotkey(self, hotkey: int) -> Tag | None:
        """The tag the digit key applies, if any."""
        row = self._conn.execute(
            "SELECT id, name, colour, hotkey, description FROM tags WHERE hotkey = ?", (hotkey,)
        ).fetchone()
        return Tag(*row) if row else None

    def add_tag(
        self, name: str, colour: str, *, hotkey: int | None = None, description: str = ""
    ) -> Tag:
        """Add a tag to the vocabulary; a hotkey another tag has moves to this one."""
        name = self._tag_name(name)
        with self.operation(f"Add tag '{name}'") as op:
            self._check_unique_name(name, None)
            row = {
                "name": name,
                "colour": self._colour(colour),
                "hotkey": self._take_hotkey(op, self._hotkey(hotkey), None),
                "description": description,
            }
            tag_id = op.insert("tags", row)
        return self.tag(tag_id)

    def update_tag(
        self,
        tag_id: int,
        *,
        name: str | _Keep = KEEP,
        colour: str | _Keep = KEEP,
        hotkey: int | _Keep | None = KEEP,
        description: str | _Keep = KEEP,
    ) -> Tag:
        """Change a tag; a hotkey another tag has moves to this one."""
        current = self.tag(tag_id)
        with self.operation(f"Edit tag '{current.name}'") as op:
            values: dict[str, Any] = {}
            if name is not KEEP:
                values["name"] = self._tag_name(name)
                self._check_unique_name(values["name"], tag_id)
            if colour is not KEEP:
                values["colour"] = self._colour(colour)
            if description is not KEEP:
                values["description"] = description
            if hotkey is not KEEP:
                values["hotkey"] = self._take_hotkey(op, self._hotkey(hotkey), tag_id)
            op.update("tags", tag_id, values)
        return self.tag(tag_id)

    def delete_tag(self, tag_id: int) -> int:
        """Delete a tag and every annotation made with it; returns how many annotations went.

        One operation: undo brings the tag and its annotations back together.
        """
        current = self.tag(tag_id)
        with self.operation(f"Delete tag '{current.name}'") as op:
            rows = op.conn.execute("SELECT id FROM annotations WHERE tag = ?", (tag_id,))
            doomed = [annotation_id for (annotation_id,) in rows]
            for annotation_id in doomed:
                op.delete("annotations", annotation_id)
            op.delete("tags", tag_id)
        return len(doomed)

    def _tag_name(self, name: str) -> str:
        name = " ".join(name.split())
        if not name:
            raise EditError(self.path, "a tag needs a name")
        return name

    def _check_unique_name(self, name: str, tag_id: int | None) -> None:
        row = self._conn.execute(
            "SELECT id FROM tags WHERE name = ? COLLATE NOCASE AND id IS NOT ?", (name, tag_id)
        ).fetchone()
        if row:
            raise EditError(self.path, f"already has a tag named '{name}'")

    def _colour(self, colour: str) -> str:
        if not _COLOUR.fullmatch(colour):
            raise EditError(self.path, f"a tag colour must look like #RRGGBB, not {colour!r}")
        return colour.upper()

    def _hotkey(self, hotkey: int | None) -> int | None:
        if hotkey is not None and (isinstance(hotkey, bool) or hotkey not in range(1, 10)):
            raise EditError(self.path, f"a hotkey is a digit from 1 to 9, not {hotkey!r}")
        return hotkey

    def _take_hotkey(self, op: undo.Recorder, hotkey: int | None, tag_id: int | None) -> int | None:
        """Free a hotkey for a tag by taking it from another tag that has it."""
        if hotkey is not None:
            holder = self.tag_for_hotkey(hotkey)
            if holder and holder.id != tag_id:
                op.update("tags", holder.id, {"hotkey": None})
        return hotkey

    # Claims.

    def claims(self) -> list[Claim]:
        return _claims(self._conn)

    def claim(self, claim_id: int) -> Claim:
        row = self._conn.execute(
            "SELECT id, label, note, created, modified FROM claims WHERE id = ?", (claim_id,)
        ).fetchone()
        if row is None:
            raise EditError(self.path, f"has no claim {claim_id}")
        return Claim(*row)

    def add_claim(self, label: str, *, note: str = "") -> Claim:
        label = self._claim_label(label)
        now = _now()
        with self.operation(f"Add claim '{label}'") as op:
            claim_id = op.insert(
                "claims", {"label": label, "note": note, "created": now, "modified": now}
            )
        return self.claim(claim_id)

    def update_claim(
        self, claim_id: int, *, label: str | _Keep = KEEP, note: str | _Keep = KEEP
    ) -> Claim:
        current = self.claim(claim_id)
        with self.operation(f"Edit claim '{current.label}'") as op:
            values: dict[str, Any] = {}
            if label is not KEEP:
                values["label"] = self._claim_label(label)
            if note is not KEEP:
                values["note"] = note
            if values and op.update("claims", claim_id, values):
                op.update("claims", claim_id, {"modified": _now()})
        return self.claim(claim_id)

    def delete_claim(self, claim_id: int) -> int:
        """Delete a claim; its annotations stay, unlinked. Returns how many were linked."""
        current = self.claim(claim_id)
        with self.operation(f"Delete claim '{current.label}'") as op:
            rows = op.conn.execute("SELECT id FROM annotations WHERE claim = ?", (claim_id,))
            linked = [annotation_id for (annotation_id,) in rows]
            now = _now()
            for annotation_id in linked:
                op.update(
                    "annotations", annotation_id, {"claim": None, "stance": None, "modified": now}
                )
            op.delete("claims", claim_id)
        return len(linked)

    def _claim_label(self, label: str) -> str:
        label = " ".join(label.split())
        if not label:
            raise EditError(self.path, "a claim needs a label")
        return label

    # Documents.

    def counts(self) -> dict[str, int]:
        """How many documents, tags, claims and annotations the file holds (reads no row)."""
        return {
            table: int(self._scalar(f"SELECT count(*) FROM {table}"))
            for table in ("documents", "tags", "claims", "annotations")
        }

    def text_length(self) -> int:
        """How many characters all the documents' texts hold together (reads no text)."""
        return int(self._scalar("SELECT total(length(text)) FROM documents"))

    def missing_documents(self, ids: Iterable[str]) -> list[str]:
        """Those of ``ids`` the file holds no document for, in the order given."""
        return [
            i
            for i in ids
            if self._conn.execute("SELECT 1 FROM documents WHERE id = ?", (i,)).fetchone() is None
        ]

    def documents(self) -> list[Document]:
        """Every document, its source details with the analyst's edits over what was read."""
        rows = self._conn.execute(f"{_DOCUMENT_QUERY} ORDER BY d.id")
        return [_document(row) for row in rows]

    def document(self, document_id: str) -> Document:
        row = self._conn.execute(f"{_DOCUMENT_QUERY} WHERE d.id = ?", (document_id,)).fetchone()
        if row is None:
            raise EditError(self.path, f"has no document '{document_id}'")
        return _document(row)

    def sources(self) -> dict[str, Source]:
        """Every document's source details, edits over what was read, by id (reads no text)."""
        return _sources(self._conn)

    def read_source(self, document_id: str) -> Source:
        """A document's source details as read from the article, without the analyst's edits."""
        row = self._conn.execute(
            f"SELECT {', '.join(sources.FIELDS)} FROM documents WHERE id = ?", (document_id,)
        ).fetchone()
        if row is None:
            raise EditError(self.path, f"has no document '{document_id}'")
        return Source(*row)

    def edit_source(self, document_id: str, details: Source) -> Source:
        """Set a document's source details as the analyst wants them; returns them.

        Fields that say what was read are no edit (a later reading of the
        article shows through them); any other, blank included, stays over
        what is read. One undoable operation.
        """
        document = self.document(document_id)
        read = self.read_source(document_id)
        wanted = Source.from_mapping(details.to_json())
        row = {
            f: None if getattr(wanted, f) == getattr(read, f) else getattr(wanted, f) or ""
            for f in sources.FIELDS
        }
        label = f"Edit source details of '{document.title or document_id}'"
        with self.operation(label) as op:
            current = undo.read_row(op.conn, "source_edits", document_id)
            if current is None:
                if any(v is not None for v in row.values()):
                    op.insert_keyed("source_edits", {"id": document_id, **row})
            elif all(v is None for v in row.values()):
                op.delete("source_edits", document_id)
            else:
                op.update("source_edits", document_id, row)
        return self.document(document_id).source

    def add_document(self, document: Document) -> Reanchored | None:
        """Store a document's text, or bring a stored one up to date.

        Documents are identified by id. The same id with the same text (sha256)
        changes nothing; with different text, the article was edited: its
        annotations are re-anchored onto the new text (``nkdesk.store.anchoring``)
        and the report says how that went. Not a tag operation: not undoable.
        """
        if self._stored_as_is(document):
            # No write, so no wait for the integrity check of a file opened
            # unchecked: the window stores its articles as it opens a tag file.
            return None
        with self._transaction() as conn:
            stored = conn.execute(
                "SELECT sha256, text, title, path, outlet, published, url, author, origin "
                "FROM documents WHERE id = ?",
                (document.id,),
            ).fetchone()
            read = astuple(document.source)
            if stored is None:
                conn.execute(
                    "INSERT INTO documents (id, title, path, sha256, text, outlet, published, "
                    "url, author, origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        document.id,
                        document.title,
                        document.path,
                        document.sha256,
                        document.text,
                        *read,
                    ),
                )
                self._bump_revision([("documents", document.id)])
                return None
            sha256, old_text, title, path, *stored_read = stored
            same = (title, path, tuple(stored_read)) == (document.title, document.path, read)
            if sha256 == document.sha256 and same:
                return None
            if sha256 != document.sha256 and _another_article(path, old_text, document):
                raise StoreError(
                    self.path,
                    f"it already holds a different article named '{document.id}' (from "
                    f"{path or 'elsewhere'}), not an edited copy of {document.path or 'this one'}; "
                    "its tags would land on the wrong text. Open or create another tag file "
                    "for these articles.",
                )
            report = None
            if sha256 != document.sha256:
                report = self._reanchor(conn, document.id, old_text, document.text)
            conn.execute(
                "UPDATE documents SET title = ?, path = ?, sha256 = ?, text = ?, outlet = ?, "
                "published = ?, url = ?, author = ?, origin = ? WHERE id = ?",
                (document.title, document.path, document.sha256, document.text, *read, document.id),
            )
            self._bump_revision([("documents", document.id)])
        return report

    def _stored_as_is(self, document: Document) -> bool:
        """Whether the file holds this document already, text and details alike (reads only)."""
        stored = self._conn.execute(
            "SELECT sha256, title, path, outlet, published, url, author, origin "
            "FROM documents WHERE id = ?",
            (document.id,),
        ).fetchone()
        wanted = (document.sha256, document.title, document.path, *astuple(document.source))
        return stored is not None and tuple(stored) == wanted

    def _reanchor(
        self, conn: sqlite3.Connection, document_id: str, old_text: str, new_text: str
    ) -> Reanchored:
        rows = conn.execute(
            'SELECT id, start, "end", quote, prefix, suffix, orphaned FROM annotations '
            "WHERE document = ? ORDER BY id",
            (document_id,),
        ).fetchall()
        anchors = [Anchor(*row[1:6]) for row in rows]
        kept = moved = orphaned = 0
        for row, placement in zip(rows, reanchor(anchors, old_text, new_text), strict=True):
            new = placement.anchor
            if placement.orphaned:
                orphaned += 1
            elif (new.start, new.end, bool(row[6])) == (row[1], row[2], False):
                kept += 1
            else:
                moved += 1
            _place(conn, row[0], new, orphaned=placement.orphaned)
        return Reanchored(document_id, kept=kept, moved=moved, orphaned=orphaned)

    # Annotations.

    def annotation(self, annotation_id: int) -> Annotation:
        row = self._conn.execute(
            f"SELECT {_ANNOTATION_COLUMNS} FROM annotations a WHERE a.id = ?", (annotation_id,)
        ).fetchone()
        if row is None:
            raise EditError(self.path, f"has no annotation {annotation_id}")
        return _annotation(row)

    def annotations(
        self, document: str | None = None, *, claim: int | None = None
    ) -> list[Annotation]:
        """Annotations in document order, of one document or claim if given."""
        where, parameters = _filters(document=document, claim=claim)
        rows = self._conn.execute(
            f"SELECT {_ANNOTATION_COLUMNS} FROM annotations a {where} "
            'ORDER BY a.document, a.start, a."end", a.id',
            parameters,
        )
        return [_annotation(row) for row in rows]

    def annotations_at(self, document: str, position: int) -> list[Annotation]:
        """The placed annotations covering a code-point position of a document."""
        rows = self._conn.execute(
            f"SELECT {_ANNOTATION_COLUMNS} FROM annotations a WHERE a.document = ? "
            'AND a.start <= ? AND a."end" > ? AND a.orphaned = 0 ORDER BY a.start, a.id',
            (document, position, position),
        )
        return [_annotation(row) for row in rows]

    def annotation_rows(
        self,
        ids: Iterable[int] | None = None,
        *,
        after: Annotation | None = None,
        limit: int | None = None,
    ) -> list[AnnotationRow]:
        """Annotations with their document title, tag and claim, for the tags table.

        In document order: every one, or those of ``ids`` that exist, or the
        ``limit`` that follow ``after`` (keyset pages: a table that fetches rows
        as it scrolls reads each page by the index, in milliseconds however
        many tags the file holds).
        """
        if ids is None and after is None and limit is None:
            with self._reading():
                return _listing_rows(self._conn)
        conditions, parameters = [], []
        if ids is not None:
            # One parameter however many: SQLite bounds the number of "?".
            conditions.append("a.id IN (SELECT value FROM json_each(?))")
            parameters.append(json.dumps(sorted(set(ids))))
        if after is not None:
            conditions.append('(a.document, a.start, a."end", a.id) > (?, ?, ?, ?)')
            parameters += [after.document, after.start, after.end, after.id]
        where = f"WHERE {' AND '.join(conditions)} " if conditions else ""
        page = ""
        if limit is not None:
            page = " LIMIT ?"
            parameters.append(limit)
        rows = self._conn.execute(
            f"SELECT {_ANNOTATION_COLUMNS}, d.title, t.name, t.colour, c.label "
            "FROM annotations a JOIN documents d ON d.id = a.document "
            "JOIN tags t ON t.id = a.tag LEFT JOIN claims c ON c.id = a.claim "
            f'{where}ORDER BY a.document, a.start, a."end", a.id{page}',
            parameters,
        )
        last = len(undo.COLUMNS["annotations"]) - 1
        return [
            AnnotationRow(Annotation(*row[:last], bool(row[last])), *row[last + 1 :])
            for row in rows
        ]

    def add_annotation(
        self,
        document: str,
        start: int,
        end: int,
        tag: int,
        *,
        claim: int | None = None,
        stance: Stance | None = None,
        value: str = "",
        speaker: str = "",
        note: str = "",
    ) -> Annotation:
        """Tag ``[start, end)`` of a stored document; its quote and context come from the text."""
        with self.operation(f"Tag '{self.tag(tag).name}'") as op:
            row = self._new_annotation(op.conn, document, start, end, tag, claim, stance)
            row.update(value=value, speaker=speaker, note=note)
            annotation_id = op.insert("annotations", row)
        return Annotation(id=annotation_id, **{**row, "orphaned": False})

    def update_annotation(
        self,
        annotation_id: int,
        *,
        start: int | _Keep = KEEP,
        end: int | _Keep = KEEP,
        tag: int | _Keep = KEEP,
        claim: int | _Keep | None = KEEP,
        stance: Stance | _Keep | None = KEEP,
        value: str | _Keep = KEEP,
        speaker: str | _Keep = KEEP,
        note: str | _Keep = KEEP,
    ) -> Annotation:
        """Change an annotation; a new start or end re-quotes it from the stored text."""
        current = self.annotation(annotation_id)
        with self.operation("Edit annotation") as op:
            values: dict[str, Any] = {}
            if start is not KEEP or end is not KEEP:
                new_start = current.start if start is KEEP else start
                new_end = current.end if end is KEEP else end
                anchor = self._anchor(op.conn, current.document, new_start, new_end)
                values.update(asdict(anchor), orphaned=0)
            if tag is not KEEP:
                values["tag"] = self.tag(tag).id
            if claim is not KEEP:
                values["claim"] = None if claim is None else self.claim(claim).id
            if stance is not KEEP:
                values["stance"] = self._stance(stance)
            for field, given in (("value", value), ("speaker", speaker), ("note", note)):
                if given is not KEEP:
                    values[field] = given
            if values and op.update("annotations", annotation_id, values):
                op.update("annotations", annotation_id, {"modified": _now()})
        return self.annotation(annotation_id)

    def link_annotation(
        self, annotation_id: int, claim: int | None, stance: Stance | None = None
    ) -> Annotation:
        """Link an annotation to a claim with a stance, or unlink it (``claim=None``)."""
        return self.update_annotation(annotation_id, claim=claim, stance=stance)

    def delete_annotation(self, annotation_id: int) -> None:
        current = self.annotation(annotation_id)
        with self.operation(f"Untag '{self.tag(current.tag).name}'") as op:
            op.delete("annotations", annotation_id)

    def accept_cluster(
        self,
        label: str,
        spans: Iterable[Span],
        tag: int,
        *,
        stance: Stance | None = "reports",
        note: str = "",
    ) -> Claim:
        """Make a claim of a cluster the engine found: the claim plus one annotation per span.

        One transaction and one undo step; nothing is made if any span is invalid.
        """
        spans = list(spans)
        label = self._claim_label(label)
        if not spans:
            raise EditError(self.path, f"claim '{label}' has no passages to tag")
        now = _now()
        with self.operation(f"Accept claim '{label}'") as op:
            claim_id = op.insert(
                "claims", {"label": label, "note": note, "created": now, "modified": now}
            )
            for span in spans:
                row = self._new_annotation(
                    op.conn, span.doc, span.start, span.end, tag, claim_id, stance
                )
                op.insert("annotations", row)
        return self.claim(claim_id)

    def _new_annotation(
        self,
        conn: sqlite3.Connection,
        document: str,
        start: int,
        end: int,
        tag: int,
        claim: int | None,
        stance: Stance | None,
    ) -> dict[str, Any]:
        anchor = self._anchor(conn, document, start, end)
        self.tag(tag)
        if claim is not None:
            self.claim(claim)
        now = _now()
        return {
            "document": document,
            **asdict(anchor),
            "tag": tag,
            "claim": claim,
            "stance": self._stance(stance),
            "value": "",
            "speaker": "",
            "note": "",
            "author": self.author,
            "created": now,
            "modified": now,
        }

    def _anchor(self, conn: sqlite3.Connection, document: str, start: int, end: int) -> Anchor:
        found = conn.execute("SELECT text FROM documents WHERE id = ?", (document,)).fetchone()
        if found is None:
            raise EditError(self.path, f"has no document '{document}'")
        text = found[0]
        if not (0 <= start < end <= len(text)):
            raise EditError(
                self.path,
                f"cannot tag [{start}, {end}) of '{document}': a passage is a non-empty "
                f"stretch within its {len(text)} characters",
            )
        return Anchor.at(text, start, end)

    def _stance(self, stance: Stance | None) -> Stance | None:
        if stance is not None and stance not in STANCES:
            raise EditError(self.path, f"a stance is one of {', '.join(STANCES)}, not {stance!r}")
        return stance

    # History.

    def undo_label(self) -> str | None:
        """What ``undo()`` would take back (for the menu), or None if nothing."""
        return undo.label(self._conn, False, self._session.others_live(self._conn))

    def redo_label(self) -> str | None:
        """What ``redo()`` would make again, or None if nothing."""
        return undo.label(self._conn, True, self._session.others_live(self._conn))

    def undo(self) -> str | None:
        """Take back this store's latest tag operation (or one no open store owns:
        ``nkdesk.store.sessions``); returns its label, or None if there was none.

        Raises EditError, changing nothing, if another window has changed since
        what the operation made.
        """
        return self._replay(backwards=True)

    def redo(self) -> str | None:
        """Make this store's latest undone operation again; returns its label, or None."""
        return self._replay(backwards=False)

    def _replay(self, *, backwards: bool) -> str | None:
        with self._transaction() as conn:
            others = self._session.others_live(conn)
            try:
                entry = (
                    undo.latest_done(conn, others)
                    if backwards
                    else undo.earliest_undone(conn, others)
                )
            except ValueError as error:
                raise StoreError(self.path, f"has a damaged undo journal ({error})") from None
            if entry is None:
                return None
            verb = "undo" if backwards else "redo"
            try:
                changes = undo.replay(conn, entry, backwards=backwards)
            except undo.Conflict as conflict:
                raise EditError(
                    self.path,
                    f"cannot {verb} “{entry.label}”: {conflict}, in another window; "
                    "nothing was changed",
                ) from None
            except sqlite3.IntegrityError as error:
                raise EditError(
                    self.path,
                    f"cannot {verb} “{entry.label}”: it clashes with a change made since "
                    f"in another window ({error}); nothing was changed",
                ) from None
            touched = {
                int(c.id) for c in changes if c.table == "annotations" and c.after is not None
            }
            self._settle(conn, touched)
            self._bump_revision((c.table, c.id) for c in changes)
        return entry.label

    def _settle(self, conn: sqlite3.Connection, annotation_ids: Iterable[int]) -> None:
        """Re-place annotations an undo or redo restored onto text that has changed since.

        Offsets in the journal are those of the text at the time; if the article
        was re-anchored after, the restored quote is found again (or orphaned)
        so that no annotation ever points at words other than its quote.
        """
        for annotation_id in annotation_ids:
            found = conn.execute(
                'SELECT a.start, a."end", a.quote, a.prefix, a.suffix, d.text, a.orphaned '
                "FROM annotations a JOIN documents d ON d.id = a.document WHERE a.id = ?",
                (annotation_id,),
            ).fetchone()
            if found is None:
                continue
            start, end, quote, prefix, suffix, text, orphaned = found
            # An undo restores the columns it changed: offsets of an older text
            # onto a row that a later edit may have orphaned, or not.
            if (not orphaned and text[start:end] == quote) or (orphaned and start == end):
                continue
            anchor = Anchor(start, end, quote, prefix, suffix)
            placed = locate(anchor, text)
            if placed is None:
                spot = min(start, len(text))
                _place(conn, annotation_id, replace(anchor, start=spot, end=spot), orphaned=True)
            else:
                _place(conn, annotation_id, placed, orphaned=False)


def _another_article(stored_path: str, stored_text: str, document: Document) -> bool:
    """Whether a document is a different article that only shares a stored one's id.

    Ids are file names, so two corpora may both have a "report.txt". An
    article edited in place keeps its path; one read from another place
    that also shares less than SAME_ARTICLE_MIN_WORDS of its words is
    another article, whose tags must not be re-anchored onto it.
    """
    if not stored_path or not document.path or stored_path == document.path:
        return False
    words = SequenceMatcher(None, stored_text.split(), document.text.split(), autojunk=False)
    return words.ratio() < SAME_ARTICLE_MIN_WORDS


_DOCUMENT_QUERY = (
    "SELECT d.id, d.title, d.path, d.text, d.sha256, "
    + ", ".join(f"d.{f}" for f in sources.FIELDS)
    + ", "
    + ", ".join(f"e.{f}" for f in sources.FIELDS)
    + " FROM documents d LEFT JOIN source_edits e ON e.id = d.id"
)


def _document(row: Sequence[Any]) -> Document:
    """A Document from a row of ``_DOCUMENT_QUERY``: its edits over its details as read."""
    count = len(sources.FIELDS)
    read = Source(*row[5 : 5 + count])
    edits = dict(zip(sources.FIELDS, row[5 + count :], strict=True))
    document_id, title, path, text, sha256 = row[:5]
    return Document(document_id, title, path, text, sha256, sources.with_edits(read, edits))


def _revision(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT value FROM meta WHERE key = 'revision'").fetchone()[0])


def _tags(conn: sqlite3.Connection) -> list[Tag]:
    rows = conn.execute("SELECT id, name, colour, hotkey, description FROM tags ORDER BY id")
    return [Tag(*row) for row in rows]


def _claims(conn: sqlite3.Connection) -> list[Claim]:
    rows = conn.execute("SELECT id, label, note, created, modified FROM claims ORDER BY id")
    return [Claim(*row) for row in rows]


def _sources(conn: sqlite3.Connection) -> dict[str, Source]:
    columns = (
        ", ".join(f"d.{f}" for f in sources.FIELDS)
        + ", "
        + ", ".join(f"e.{f}" for f in sources.FIELDS)
    )
    rows = conn.execute(
        f"SELECT d.id, {columns} FROM documents d LEFT JOIN source_edits e ON e.id = d.id"
    )
    count = len(sources.FIELDS)
    return {
        row[0]: sources.with_edits(
            Source(*row[1 : 1 + count]),
            dict(zip(sources.FIELDS, row[1 + count :], strict=True)),
        )
        for row in rows
    }


def _listing(conn: sqlite3.Connection) -> Listing:
    """``Listing`` read through ``conn``, inside a read transaction the caller holds."""
    revision = _revision(conn)  # first, as changes_since wants it
    return Listing(revision, _listing_rows(conn), _tags(conn), _claims(conn), _sources(conn))


_AnnotationDraft = draft(Annotation)
_RowDraft = draft(AnnotationRow)
# An annotation's columns as the listing reads them: "modified" only where it
# is not "created" (most tags were never edited), one string fewer per row.
_LISTING_COLUMNS = ", ".join(
    'NULLIF(a."modified", a."created")' if c == "modified" else f'a."{c}"'
    for c in undo.COLUMNS["annotations"]
)


# A listing of this many rows or more leaves its records out of later
# garbage collections (``_CollectionsPaused.freeze``).
FREEZE_LISTINGS_FROM = 10_000


class _CollectionsPaused:
    """No garbage collection while a listing builds its records, as before it if one ran.

    Building 100,000 rows' records (two per row, none in a cycle) set off
    collections that walked them over and over, a third of the listing's
    time; and the first collection after the pause walks them all once more
    (70 ms at 100,000), then older generations again later. Set ``freeze``
    and the pause ends with ``gc.freeze()``, as a worker's comparison does
    (``nkdesk.ui.worker.sharing_the_interpreter``): later collections skip
    everything alive then, though reference counting still frees it; the
    price is that a cycle already garbage then is never collected, which is
    why only big listings freeze. Pausing restores only what it found, so
    that it nests with any other pause (that worker's) in any order.
    """

    def __init__(self) -> None:
        self.freeze = False
        self._collecting = False

    def __enter__(self) -> _CollectionsPaused:
        self._collecting = gc.isenabled()
        gc.disable()
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._collecting:
            if self.freeze:
                gc.freeze()
            gc.enable()


def _listing_rows(conn: sqlite3.Connection) -> list[AnnotationRow]:
    """Every annotation row in listing order, inside a read transaction the caller holds.

    The same rows as ``annotation_rows``' join, read in a third of its time
    at 100,000: the table is read in its own order, and the listing order
    taken from its index alone (``annotations_in_order`` holds the id), since
    stepping the table in the index's order looked up each row apart (0.2 s);
    the names come from three small tables, not from a join per row; the
    records are drafts made final (``records.draft``) with no garbage
    collection on the way; and the rows share one string for each document
    id, author and unedited time rather than a copy each, which SQLite
    would make and Python free.
    """
    documents = {d: (d, title) for d, title in conn.execute("SELECT id, title FROM documents")}
    tags = {t: (n, colour) for t, n, colour in conn.execute("SELECT id, name, colour FROM tags")}
    labels = dict(conn.execute("SELECT id, label FROM claims"))
    authors: dict[str, str] = {}
    by_id: dict[int, AnnotationRow] = {}
    with _CollectionsPaused() as paused:
        for (
            number, document, start, end, quote, prefix, suffix, tag, claim,
            stance, value, speaker, note, author, created, modified, orphaned,
        ) in conn.execute(f"SELECT {_LISTING_COLUMNS} FROM annotations a"):  # fmt: skip
            titled = documents.get(document)
            names = tags.get(tag)
            if titled is None or names is None:
                continue  # as the join would (the foreign keys allow none)
            annotation = _AnnotationDraft()
            annotation.id = number
            annotation.document = titled[0]
            annotation.start = start
            annotation.end = end
            annotation.quote = quote
            annotation.prefix = prefix
            annotation.suffix = suffix
            annotation.tag = tag
            annotation.claim = claim
            annotation.stance = stance
            annotation.value = value
            annotation.speaker = speaker
            annotation.note = note
            annotation.author = authors.setdefault(author, author)
            annotation.created = created
            annotation.modified = created if modified is None else modified
            annotation.orphaned = orphaned == 1
            annotation.__class__ = Annotation
            row = _RowDraft()
            row.annotation = annotation
            row.document_title = titled[1]
            row.tag_name, row.tag_colour = names
            row.claim_label = labels.get(claim)
            row.__class__ = AnnotationRow
            by_id[number] = row
        order = conn.execute('SELECT id FROM annotations ORDER BY document, start, "end", id')
        paused.freeze = len(by_id) >= FREEZE_LISTINGS_FROM
        return list(filter(None, map(by_id.get, map(itemgetter(0), order))))


def _annotation(row: Sequence[Any]) -> Annotation:
    values = list(row)
    values[-1] = bool(values[-1])
    return Annotation(*values)


def _place(conn: sqlite3.Connection, annotation_id: int, anchor: Anchor, *, orphaned: bool) -> None:
    conn.execute(
        'UPDATE annotations SET start = ?, "end" = ?, quote = ?, prefix = ?, suffix = ?, '
        "orphaned = ? WHERE id = ?",
        (*astuple(anchor), int(orphaned), annotation_id),
    )


def _filters(**conditions: object) -> tuple[str, list[object]]:
    given = {k: v for k, v in conditions.items() if v is not None}
    if not given:
        return "", []
    return "WHERE " + " AND ".join(f"a.{k} = ?" for k in given), list(given.values())
