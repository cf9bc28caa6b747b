"""The exceptions the tag store raises; each names the tag file and the problem."""

from __future__ import annotations

import errno
import os
from pathlib import Path

# Below this many free bytes a folder's disk counts as full: SQLite and the
# exports write in pages and buffers of a few kilobytes.
FULL_DISK_BYTES = 64 << 10
# What the system says when there is no room: no space, or the user's quota spent.
FULL_DISK_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT} - {None})


class StoreError(Exception):
    """A tag file that cannot be opened, read or written; says which file and why."""

    def __init__(self, path: str | os.PathLike[str], reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class EditError(StoreError, ValueError):
    """A change the tag file refuses (an unknown tag, a span outside the text, ...).

    Nothing was changed when it is raised: every edit is one transaction.
    """


def disk_is_full(folder: str | os.PathLike[str]) -> bool:
    """Whether the disk that holds ``folder`` has (almost) no space left for this user.

    SQLite reports a full disk as "disk I/O error" when it runs out while
    creating its -wal or -shm file; asking the file system tells the two apart.
    """
    try:
        info = os.statvfs(folder)
    except (OSError, AttributeError):  # no statvfs on Windows
        return False
    return info.f_bavail * info.f_frsize < FULL_DISK_BYTES


def full_disk(path: str | os.PathLike[str]) -> str:
    """The reason given when ``path`` cannot be written for want of space: it names the folder."""
    folder = Path(path).absolute().parent
    return f"cannot be written: the disk is full (no space left in {folder})"
