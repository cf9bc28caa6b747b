"""Writing an export safely, and reporting its progress to a worker's caller.

An export is written to a temporary file beside its target and moved over the
target with ``os.replace`` only when complete, so a crash, a full disk or a
cancel never leaves a half-written file where the analyst expects an export
(the rename is atomic on one file system, hence "beside" rather than in /tmp).
An export killed before the rename leaves its hidden part file; the next
export to the folder removes it (``remove_stale_parts``).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import socket
import stat
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO

from nkdesk.export.errors import Cancelled, ExportError
from nkdesk.store import sessions
from nkdesk.store.errors import FULL_DISK_ERRNOS, full_disk

ProgressCallback = Callable[[int, int], None]
CancelCallback = Callable[[], bool]

# How many items pass between two calls to the caller's callbacks: often enough
# for a smooth progress bar and a prompt cancel, rarely enough to cost nothing.
REPORT_EVERY = 250


def _read_umask() -> int:
    # os.umask can only be read by setting it, which is not thread-safe; this
    # runs once, at import, before any worker thread exports.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _read_umask()

# Part files are named ".<target>.<random>.<host>-<pid>.part": hidden, beside
# their target, and saying whose they are (the host as 8 hex digits of its hash).
_HOST = hashlib.sha256(socket.gethostname().encode()).hexdigest()[:8]
_PART = re.compile(r"\..+\.[^.]+\.(?P<host>[0-9a-f]{8})-(?P<pid>[0-9]+)\.part")
# How long another machine's part file may sit untouched before it counts as left.
STALE_PART_S = 24 * 60 * 60


class Progress:
    """Counts the items an export has written; calls ``report(done, total)`` now and then.

    ``step()`` also asks ``cancelled()`` and raises Cancelled when it says so,
    which unwinds the export and removes its temporary file.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        total: int,
        report: ProgressCallback | None = None,
        cancelled: CancelCallback | None = None,
    ) -> None:
        self.path = str(path)
        self.total = max(total, 1)
        self.done = 0
        self._report = report
        self._cancelled = cancelled
        self._next = 0

    def step(self, count: int = 1) -> None:
        self.done += count
        if self.done >= self._next:
            self._next = self.done + REPORT_EVERY
            self.check()
            if self._report is not None:
                self._report(min(self.done, self.total), self.total)

    def check(self) -> None:
        if self._cancelled is not None and self._cancelled():
            raise Cancelled(self.path, "export cancelled; the target was left as it was")

    def finish(self) -> None:
        self.check()
        if self._report is not None:
            self._report(self.total, self.total)


# Stands for the one list ``write_json`` streams; no tag file holds this string.
ITEMS = "\x00nkdesk: the items, one at a time\x00"
# How many bytes ``write_json`` gathers before it writes them.
WRITE_BYTES = 1 << 16


def write_json(out: BinaryIO, document: Any, items: Iterable[Any]) -> None:
    """Write ``json.dumps(document, ensure_ascii=False, indent=1)`` and a newline to ``out``,
    the list ``[ITEMS]`` inside ``document`` standing for ``items``, dumped one at a time.

    The text is the same as dumping the whole document with the items in
    place, byte for byte, but only one item is ever held as text, so an
    export's memory does not grow with its tags. (A JSON string holds no
    newline, so indenting an item's lines is a plain replace.)
    """
    text = json.dumps(document, ensure_ascii=False, indent=1)
    marker = json.dumps(ITEMS, ensure_ascii=False)
    at = text.index(marker)
    line = text.rindex("\n", 0, at)
    indent = text[line:at]  # "\n" and the items' indentation
    head, tail = text[:line], text[at + len(marker) :]
    parts = [head]
    size = 0
    separator = ""
    for item in items:
        piece = (
            separator
            + indent
            + json.dumps(item, ensure_ascii=False, indent=1).replace("\n", indent)
        )
        separator = ","
        parts.append(piece)
        size += len(piece)
        if size > WRITE_BYTES:
            out.write("".join(parts).encode("utf-8"))
            parts.clear()
            size = 0
    if not separator:  # no items: "[]", as json.dumps writes an empty list
        tail = tail.lstrip()
    parts.append(tail + "\n")
    out.write("".join(parts).encode("utf-8"))


@contextmanager
def atomic_output(path: str | os.PathLike[str]) -> Iterator[BinaryIO]:
    """A binary file that becomes ``path`` only if the ``with`` block completes."""
    target = Path(path)
    folder = target.parent
    if target.is_dir():
        raise ExportError(target, "is a folder; give a file name to export to")
    if not folder.is_dir():
        raise ExportError(target, "cannot be written: its folder does not exist")
    try:
        existing = target.stat()
    except FileNotFoundError:
        mode = 0o666 & ~_UMASK
    except OSError as error:
        raise ExportError(target, f"cannot be written ({error.strerror})") from None
    else:
        if not stat.S_ISREG(existing.st_mode):
            raise ExportError(target, "is not a regular file; nkdesk will not replace it")
        mode = stat.S_IMODE(existing.st_mode)
    remove_stale_parts(folder)
    try:
        handle, temporary = tempfile.mkstemp(
            dir=folder, prefix=f".{target.name}.", suffix=f".{_HOST}-{os.getpid()}.part"
        )
    except OSError as error:
        raise ExportError(target, _reason(error, target)) from None
    try:
        with os.fdopen(handle, "wb") as file:
            yield file
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise ExportError(target, _reason(error, target)) from None
        raise


def remove_stale_parts(folder: Path) -> list[str]:
    """Delete the part files of exports that will never finish; returns their names.

    An export killed before its rename (kill -9, a power cut) leaves its
    hidden part file. Each part file's name says which process on which
    machine writes it, so one whose process is gone is stale; one from
    another machine is stale only once untouched for ``STALE_PART_S``, as
    nothing here can tell whether that export still runs.
    """
    removed: list[str] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        found = _PART.fullmatch(entry.name)
        if found is None:
            continue
        if found["host"] == _HOST:
            stale = not sessions.running(int(found["pid"]))
        else:
            try:
                stale = time.time() - entry.stat().st_mtime > STALE_PART_S
            except OSError:
                continue
        if stale:
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
                removed.append(entry.name)
    return removed


def _reason(error: OSError, target: Path) -> str:
    if error.errno in FULL_DISK_ERRNOS:
        return full_disk(target)
    return f"cannot be written ({error.strerror or error})"
