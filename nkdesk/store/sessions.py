"""Whose history is whose: each open store is a session, and undo takes only its own.

Two windows on one tag file share its data, but not its history: Ctrl+Z in a
window takes back that window's latest operation, never the one the analyst
just made in the other window (issue #10). Every journal entry is stamped
with the session of the store that made it, and a store may undo

- its own entries, and
- entries left by a session that is no longer live: a window that was closed
  or whose process died, a finished ``nkdesk import``, or an entry from before
  sessions were recorded.

The second rule is what makes undo work after a restart, without knowing
which window is which across one: what no open window owns belongs to any.

A session is recorded (a row in ``sessions``) with its first operation, so a
store that only reads, such as an export, writes nothing; closing the store
marks it closed. A session whose store was never closed is live while its
process is: same host, same process id, and (where the system says) the same
process start, so that a reused process id does not keep a dead session
alive. A session on another host counts as live until it is closed, as
nothing here can tell whether that process still runs.
"""

from __future__ import annotations

import contextlib
import os
import socket
import sqlite3
import sys
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

# The sessions of this process that are open now (their stores not closed).
_OPEN: set[str] = set()


@dataclass(frozen=True, slots=True)
class Process:
    """What identifies a running process across the machines that share a tag file."""

    host: str
    pid: int
    start: str  # when it started, as the system counts (boot and clock ticks); "" if unknown


@cache
def this_process() -> Process:
    return Process(socket.gethostname(), os.getpid(), _start_of(os.getpid()))


def _start_of(pid: int) -> str:
    """When process ``pid`` started, on systems that say (Linux); "" elsewhere or if gone."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as file:
            fields = file.read().rsplit(")", 1)[1].split()
        with open("/proc/sys/kernel/random/boot_id", encoding="ascii") as file:
            boot = file.read().strip()
    except (OSError, IndexError):
        return ""
    # Field 22 of stat (the 20th after the command name): start time in clock ticks.
    return f"{boot}:{fields[19]}" if len(fields) > 19 else ""


def running(pid: int) -> bool:
    """Whether a process ``pid`` runs on this machine."""
    if sys.platform == "win32":
        return _running_on_windows(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process, running
    except OSError:
        return True  # cannot tell: never take another live window's history
    return True


def _running_on_windows(pid: int) -> bool:  # pragma: no cover - tested on Linux only
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return False
    try:
        code = ctypes.c_ulong()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return code.value == 259  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


def is_live(session: str, host: str, pid: int, start: str) -> bool:
    """Whether a session not marked closed still belongs to an open store."""
    me = this_process()
    if host != me.host:
        return True
    if pid == me.pid and start == me.start:
        return session in _OPEN
    if not running(pid):
        return False
    # A process id the system gave to another process since is a dead session.
    return not (start and _start_of(pid) not in ("", start))


class Session:
    """One store's identity in the journal, recorded in the file with its first change."""

    def __init__(self) -> None:
        self.id = uuid.uuid4().hex
        self.recorded = False
        _OPEN.add(self.id)

    def record(self, conn: sqlite3.Connection, now: str) -> None:
        """Write the session's row, once, inside the caller's transaction (its first change).

        Rows of dead sessions that no longer own an entry go at the same time.
        """
        if self.recorded:
            return
        me = this_process()
        conn.execute(
            "INSERT INTO sessions (id, host, pid, start, opened) VALUES (?, ?, ?, ?, ?)",
            (self.id, me.host, me.pid, me.start, now),
        )
        conn.executemany(
            "DELETE FROM sessions WHERE id = ? AND NOT EXISTS "
            "(SELECT 1 FROM undo_journal WHERE session = sessions.id)",
            [(gone,) for gone in others_not_live(conn, self.id)],
        )
        self.recorded = True

    def close(self, conn: sqlite3.Connection, now: str) -> None:
        """Mark the session closed, so its history is left to whoever opens the file next."""
        _OPEN.discard(self.id)
        if not self.recorded:
            return
        # A file that cannot be written now (a full disk): the session is
        # found dead once this process ends.
        with contextlib.suppress(sqlite3.Error):
            conn.execute("UPDATE sessions SET closed = ? WHERE id = ?", (now, self.id))

    def others_live(self, conn: sqlite3.Connection) -> list[str]:
        """The other sessions whose entries this one must leave alone."""
        return live_among(conn, self.id)


def _open_rows(conn: sqlite3.Connection, me: str) -> Iterable[tuple[str, str, int, str]]:
    return conn.execute(
        "SELECT id, host, pid, start FROM sessions WHERE closed IS NULL AND id <> ?", (me,)
    ).fetchall()


def live_among(conn: sqlite3.Connection, me: str) -> list[str]:
    """The sessions other than ``me`` that are live now."""
    return [row[0] for row in _open_rows(conn, me) if is_live(*row)]


def others_not_live(conn: sqlite3.Connection, me: str) -> list[str]:
    """The sessions other than ``me`` that are closed or dead."""
    live = set(live_among(conn, me))
    return [row[0] for row in conn.execute("SELECT id FROM sessions") if row[0] not in live | {me}]
