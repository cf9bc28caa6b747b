"""Writing an export safely, and reporting its progress to a worker's caller.

An export is written to a temporary file beside its target and moved over the
target with ``os.replace`` only when complete, so a crash, a full disk or a
cancel never leaves a half-written file where the analyst expects an export
(the rename is atomic on one file system, hence "beside" rather than in /tmp).
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from nkdesk.export.errors import Cancelled, ExportError
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
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".part")
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


def _reason(error: OSError, target: Path) -> str:
    if error.errno in FULL_DISK_ERRNOS:
        return full_disk(target)
    return f"cannot be written ({error.strerror or error})"
