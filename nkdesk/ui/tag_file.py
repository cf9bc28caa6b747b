"""The tag file a window tags into: opening it, calling it safely, noticing other windows."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from nkdesk.store import StoreError

if TYPE_CHECKING:
    from nkdesk.store import TagStore

# How often the file is asked whether another window or process changed it.
# One indexed read of one row: well under a millisecond, so once a second
# costs nothing and another window's tag shows up while the analyst looks.
POLL_MS = 1000

T = TypeVar("T")


class TagFile(QObject):
    """Holds the window's ``TagStore`` (or none) and turns its failures into messages.

    Every call goes through ``call``, so an error from the file (locked,
    deleted, disk full, a tag another window removed) becomes a message
    naming the file and the problem, never a traceback; the window then
    carries on with what it has. A timer polls ``revision()`` and says
    ``changed`` whenever the file's contents differ from what was last read.

    Signals:
        changed(): the file's contents changed (by this window or another);
            views should read them again.
        opened(str): a tag file was opened; its path ("" when none is open).
        failed(str, str): a call failed; a title and a text naming the file
            and the problem.
    """

    changed = Signal()
    opened = Signal(str)
    failed = Signal(str, str)
    # From the integrity check's thread: the store checked and what the check found.
    _checked = Signal(object, list)

    def __init__(self, parent: QObject | None = None, *, poll_ms: int = POLL_MS) -> None:
        super().__init__(parent)
        self._store: TagStore | None = None
        self._deferred: Callable[[], object] | None = None
        self.revision = -1
        self._timer = QTimer(self)
        self._timer.setInterval(poll_ms)
        self._timer.timeout.connect(self.poll)
        self._checked.connect(self._on_checked, Qt.ConnectionType.QueuedConnection)

    @property
    def store(self) -> TagStore | None:
        """The file's store, None when none is open; a deferred opening happens first."""
        if self._deferred is not None:
            self.open_deferred()
        return self._store

    @property
    def path(self) -> str:
        """The file open now ("" when none is, or its opening is still deferred)."""
        return self._store.path if self._store is not None else ""

    def defer(self, opening: Callable[[], object]) -> None:
        """Open the tag file later, by ``opening()``: at ``open_deferred`` (the
        window calls it after its first paint, so that sqlite-utils is not
        imported before it), or the moment anything asks for ``store``, so
        that no tag is made before the file is open."""
        self._deferred = opening

    def open_deferred(self) -> None:
        opening, self._deferred = self._deferred, None
        if opening is None:
            return
        opening()
        if self._store is None:
            self.opened.emit("")  # it failed (and said why): tagging is off

    def open(self, path: str | os.PathLike[str] | None) -> bool:
        """Open another tag file (None: the default one, its folder made if need be);
        on failure say why and keep the one open now."""
        from nkdesk.store import open_store

        self._deferred = None  # a file asked for now comes before one deferred

        try:
            # Checked in a thread, so that a big file opens at once; the
            # store writes nothing before the check passed (TagStore.integrity).
            store = open_store(path, check=False)
        except StoreError as error:
            self.failed.emit("Cannot open the tag file", _explain(error))
            return False
        self.close()
        self._store = store
        self.revision = -1
        self._timer.start()
        self.opened.emit(store.path)
        store.integrity.add_done_callback(
            lambda verdict: self._checked.emit(store, verdict.result())
        )
        return True

    def _on_checked(self, store: TagStore, problems: list[str]) -> None:
        """The integrity check of a file opened unchecked is back: close a damaged one."""
        if problems == ["ok"] or store is not self.store:
            return
        from nkdesk.store.db import damaged

        self.close()
        self.failed.emit(
            "The tag file is damaged",
            f"{store.path}\n\n{damaged(problems)}. nkdesk wrote nothing to it and closed it: "
            "tagging is off. Open another tag file, or restore this one from a backup.",
        )

    def close(self) -> None:
        self._deferred = None
        self._timer.stop()
        if self._store is not None:
            self._store.close()
            self._store = None
            self.revision = -1
            self.opened.emit("")

    def call(
        self, title: str, operation: Callable[[TagStore], T], *, refresh: bool = True
    ) -> T | None:
        """Run ``operation(store)``; on an error from the file, say so under ``title``.

        Returns None when no file is open or the call failed. With
        ``refresh``, the views are refreshed at once afterwards (not at the
        next poll), so the tag the analyst just made is drawn in the same
        frame; reads pass ``refresh=False``.
        """
        if self.store is None:
            return None
        try:
            result = operation(self.store)
        except StoreError as error:
            self.failed.emit(title, _explain(error))
            result = None
        except sqlite3.Error as error:
            self.failed.emit(title, f"{self.store.path}\n\n{error}")
            result = None
        if refresh:
            # Also after a failure: another window may have changed what
            # this one shows (the tag it tried to edit is gone).
            self.poll()
        return result

    def poll(self) -> bool:
        """Say ``changed`` if the file changed since it was last read; whether it did."""
        if self.store is None:
            return False
        try:
            revision = self.store.revision()
        except (StoreError, sqlite3.Error):
            # A file that went away or is locked for long: keep showing what
            # was read last; the next poll (or call) tries again.
            return False
        if revision == self.revision:
            return False
        self.revision = revision
        self.changed.emit()
        return True


def _explain(error: StoreError) -> str:
    """As File > Open words a bad article: the file, a blank line, the problem."""
    return f"{error.path}\n\n{error.reason}"
