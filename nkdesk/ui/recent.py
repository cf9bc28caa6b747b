"""The corpora the analyst opened lately, most recent first. No Qt.

An entry is the list of paths (files or folders, absolute) the corpus was
opened from, so reopening a folder picks up articles added to it since. The
window keeps the list in QSettings as JSON: a list of lists survives every
QSettings back-end unchanged, which nested QVariant lists do not.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

MAX_RECENT = 8
LABEL_CHARS = 60

Entry = tuple[str, ...]


def entry(paths: Iterable[str | os.PathLike[str]]) -> Entry:
    """The paths as an entry: absolute, in the order given, without repeats."""
    return tuple(dict.fromkeys(str(Path(p).expanduser().absolute()) for p in paths))


def remembered(previous: Sequence[Entry], new: Entry) -> list[Entry]:
    """The list with ``new`` moved to the front, at most MAX_RECENT long."""
    return [new, *(e for e in previous if e != new)][:MAX_RECENT]


def label(item: Entry) -> str:
    """A menu label: "kursk/" for a folder, "a.txt, b.txt + 3 more" for files."""
    names = [Path(p).name + ("/" if Path(p).is_dir() else "") for p in item]
    text = ", ".join(names[:2]) + (f" + {len(names) - 2} more" if len(names) > 2 else "")
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1] + "…"


def dumps(entries: Sequence[Entry]) -> str:
    return json.dumps([list(e) for e in entries])


def loads(text: object) -> list[Entry]:
    """The entries stored as ``dumps`` wrote them; anything else reads as none."""
    try:
        data = json.loads(text) if isinstance(text, str) else []
    except ValueError:
        return []
    if not isinstance(data, list):
        return []
    return [
        tuple(item)
        for item in data
        if isinstance(item, list) and item and all(isinstance(p, str) for p in item)
    ][:MAX_RECENT]
