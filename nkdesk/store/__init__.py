"""The tag file: what the analyst tags, kept in a local SQLite file (no Qt here).

>>> store = TagStore.memory()
>>> [t.name for t in store.tags()][:3]
['troop numbers', 'casualties', 'dates']

``open_store(path)`` opens a file (``default_path()`` when no path is given);
``nkdesk.store.anchoring`` re-places tags on edited articles; the undo journal
is in ``nkdesk.store.undo``.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from nkdesk.store.errors import EditError, StoreError
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
)

if TYPE_CHECKING:
    from nkdesk.store.db import BUSY_TIMEOUT_S, KEEP, TagStore, open_store, read_listing

# The file itself (``nkdesk.store.db``, over sqlite-utils) is imported when
# first used (PEP 562), not with the package: the window needs only the
# records to paint its articles, and opens its tag file after that paint
# (importing sqlite-utils took 0.13 s of the launch).
_IN_DB = frozenset({"BUSY_TIMEOUT_S", "KEEP", "TagStore", "open_store", "read_listing"})

__all__ = [
    "BUSY_TIMEOUT_S",
    "KEEP",
    "STANCES",
    "Annotation",
    "AnnotationRow",
    "Changes",
    "Claim",
    "EditError",
    "Listing",
    "Reanchored",
    "Stance",
    "StoreError",
    "Tag",
    "TagStore",
    "default_path",
    "open_store",
    "read_listing",
]


def __getattr__(name: str) -> Any:
    if name not in _IN_DB:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module("nkdesk.store.db"), name)
    globals()[name] = value
    return value
