"""The tag file: what the analyst tags, kept in a local SQLite file (no Qt here).

>>> store = TagStore.memory()
>>> [t.name for t in store.tags()][:3]
['troop numbers', 'casualties', 'dates']

``open_store(path)`` opens a file (``default_path()`` when no path is given);
``nkdesk.store.anchoring`` re-places tags on edited articles; the undo journal
is in ``nkdesk.store.undo``.
"""

from nkdesk.store.db import BUSY_TIMEOUT_S, KEEP, TagStore, open_store, read_listing
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
