"""The exceptions exports and imports raise; each names the file and the problem."""

from __future__ import annotations

import os


class ExchangeError(Exception):
    """An export or import that cannot be done; says which file and why.

    Nothing was written when it is raised: an export leaves any earlier file at
    its target as it was, and an import leaves the tag file as it was.
    """

    def __init__(self, path: str | os.PathLike[str], reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class ExportError(ExchangeError):
    """An export that cannot be written (unknown format, unwritable target, ...)."""


class ImportFileError(ExchangeError, ValueError):
    """A file that cannot be imported: not a format nkdesk reads, malformed, or hostile."""


class Cancelled(ExchangeError):
    """The caller's ``cancelled()`` said stop; the target was left as it was."""
