"""Which tag file a corpus's tags go to: one tag file per case. No Qt.

Opening a folder of other articles used to go on tagging into the tag file
of the case before, so that case's claims showed as "0 of 3" sources in the
new one (issue 14). Now each corpus has its tag file, chosen in this order:

1. the one the analyst used for this corpus before (remembered per corpus,
   also when chosen with File > Open Tag File or ``--db``);
2. ``nkdesk-tags.sqlite`` in the corpus's folder, if there is one (a case
   folder handed over with its tags);
3. the tag file open now, or nkdesk's default one, if it already holds tags on
   these very articles (same name, same text): tags made before this rule
   stay where the analyst finds them;
4. a new ``nkdesk-tags.sqlite`` in the corpus's folder, when the corpus is one
   folder the analyst can write to; otherwise (files picked from several
   folders, a read-only share) a file named after the corpus in nkdesk's data
   folder. The bundled seeds keep the default tag file.

Nothing is ever moved or merged: switching files loses no tag, every tag is
committed when made, and the status bar says which file is in use.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from pathlib import Path

from nkdesk.store.location import TAG_FILE_NAME
from nkdesk.ui.recent import Entry

CASES_FOLDER = "cases"
MAX_REMEMBERED = 200
NAME_CHARS = 40


def key(entry: Entry) -> str:
    """The settings key of a corpus: its paths, as recent.py stores them."""
    return json.dumps(list(entry))


def folder_of(entry: Entry) -> Path | None:
    """The corpus's own folder: the one folder it was opened from, else None."""
    if len(entry) == 1 and Path(entry[0]).is_dir():
        return Path(entry[0])
    return None


def inside(path: Path, folders: Iterable[Path]) -> bool:
    resolved = path.resolve()
    return any(resolved == f or f in resolved.parents for f in (p.resolve() for p in folders))


def in_folder(entry: Entry) -> Path | None:
    """The tag file a case folder holds already, if any."""
    folder = folder_of(entry)
    found = folder / TAG_FILE_NAME if folder is not None else None
    return found if found is not None and found.is_file() else None


def new_file(entry: Entry, data_folder: Path) -> Path:
    """Where a corpus met for the first time keeps its tags (see the module's 4.)."""
    folder = folder_of(entry)
    if folder is not None and writable(folder):
        return folder / TAG_FILE_NAME
    paths = [Path(p) for p in entry]
    name = folder.name if folder is not None else paths[0].parent.name or paths[0].stem
    digest = hashlib.sha256(key(entry).encode("utf-8")).hexdigest()[:8]
    safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in name)[:NAME_CHARS]
    return data_folder / CASES_FOLDER / f"{safe or 'corpus'}-{digest}.sqlite"


def writable(folder: Path) -> bool:
    return os.access(folder, os.W_OK)


def remembered(files: Mapping[str, str], entry: Entry) -> Path | None:
    path = files.get(key(entry))
    return Path(path) if path and Path(path).is_file() else None


def remember(files: Mapping[str, str], entry: Entry, path: str) -> dict[str, str]:
    """The mapping with ``entry`` -> ``path`` as its newest item, bounded in size."""
    updated = {k: v for k, v in files.items() if k != key(entry)}
    updated[key(entry)] = path
    return dict(list(updated.items())[-MAX_REMEMBERED:])


def dumps(files: Mapping[str, str]) -> str:
    return json.dumps(dict(files))


def loads(text: object) -> dict[str, str]:
    """The mapping as ``dumps`` wrote it; anything else reads as empty."""
    try:
        data = json.loads(text) if isinstance(text, str) else {}
    except ValueError:
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)}
