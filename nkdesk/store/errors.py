"""The exceptions the tag store raises; each names the tag file and the problem."""

from __future__ import annotations

import os


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
