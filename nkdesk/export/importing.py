"""Importing: a JSON export, another tag file or a ``.qdpx`` read and merged into the tag file.

Reading (``read``) and merging (``merge``) are separate so that the slow,
untrusted part, parsing someone else's file, can run on a worker thread and
fail without the tag file ever being opened for writing; ``merge`` then runs
on the thread that owns the store. Everything read is checked by
``nkdesk.export.tagfile.verify`` first: a file that is malformed or hostile is
refused whole, with the reason and the file's name, and nothing is changed.

Merging, for two analysts combining their work:

- **documents** are matched by the sha256 of their text, whatever their ids;
  a new one keeps its id unless the tag file uses that id for another text,
  when it becomes ``<id>-<first 8 hex digits of its sha256>``;
- **tags** are matched by name, ignoring case; the tag file's colour, hotkey and
  description win; a new tag takes its hotkey only if no tag has it;
- **claims** are matched by label and creation time (the same claim, copied
  between files), otherwise added; claims have no unique name to go by;
- **an annotation** already present (same document, start, end and tag) is not
  added twice. Its empty value, speaker, stance or claim are filled from the
  import; a different note is appended after ``NOTE_JOIN`` naming the import's
  author, so both analysts' notes are kept and a second merge of the same
  file adds nothing.

Importing into a new tag file (no documents, claims or annotations, and the
default vocabulary untouched) *restores* rather than merges: the imported
vocabulary replaces the default one, so that exporting a tag file and
importing it into a new one gives the same tag file again.

The whole import is one transaction and one entry in the undo journal ("Import
<file>"), so Edit > Undo takes it back in one step, the documents it added
with it (unless a tag made since in another window uses one: it stays).
``TagStore.operation`` gives the one transaction and the one undo entry.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nkdesk.export import jsonfile, qdpx
from nkdesk.export.errors import ImportFileError
from nkdesk.export.tagfile import TagFile, check_size, snapshot, verify
from nkdesk.store import Annotation, StoreError, TagStore, undo
from nkdesk.store.schema import APPLICATION_ID, DEFAULT_VOCABULARY

# The largest file nkdesk will read for an import. A JSON export is parsed
# whole, which holds about five times the file in memory, so it has a bound
# of its own: 64 MiB is well past any tag file's export (10,000 annotations
# write 5 MB) and reads in about 350 MB; past it, the file is refused before
# a byte of it is parsed.
MAX_IMPORT_BYTES = 512 << 20
MAX_JSON_BYTES = 64 << 20
NOTE_JOIN = "\n\n— {author}: "
UNKNOWN_AUTHOR = "another analyst"

_SQLITE_MAGIC = b"SQLite format 3\x00"
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What an import did to the tag file, for the status bar or the terminal."""

    path: str
    documents_added: int = 0
    documents_matched: int = 0
    tags_added: int = 0
    claims_added: int = 0
    annotations_added: int = 0
    annotations_present: int = 0
    notes_merged: int = 0
    vocabulary_replaced: bool = False
    warnings: tuple[str, ...] = field(default=())

    def summary(self) -> str:
        parts = [
            f"{self.annotations_added} annotations added",
            f"{self.annotations_present} already present",
            f"{self.notes_merged} notes merged",
            f"{self.documents_added} new documents ({self.documents_matched} matched)",
            f"{self.tags_added} new tags",
            f"{self.claims_added} new claims",
        ]
        if self.vocabulary_replaced:
            parts.append("vocabulary taken from the import")
        return f"{self.path}: " + ", ".join(parts)


def read(path: str | os.PathLike[str]) -> TagFile:
    """Read and check a file to import, whatever it is (thread-free: no store involved).

    A tag file is recognised by its SQLite header, a ``.qdpx`` by its zip
    header, anything else is read as an nkdesk JSON export.
    """
    path = Path(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise ImportFileError(path, "does not exist") from None
    except OSError as error:
        raise ImportFileError(path, f"cannot be read ({error.strerror})") from None
    if stat.S_ISDIR(info.st_mode):
        raise ImportFileError(path, "is a folder; give a JSON export, a tag file or a .qdpx")
    if not stat.S_ISREG(info.st_mode):
        raise ImportFileError(path, "is not a regular file")
    if info.st_size > MAX_IMPORT_BYTES:
        raise ImportFileError(
            path,
            f"is {info.st_size / 1e6:.0f} MB; nkdesk imports files of at most "
            f"{MAX_IMPORT_BYTES >> 20} MiB",
        )
    try:
        with path.open("rb") as file:
            header = file.read(100)
            if header.startswith(_SQLITE_MAGIC):
                data = _read_tag_file(path, header)
            elif header.startswith(_ZIP_MAGIC):
                file.seek(0)
                data = qdpx.parse(file, path)
            elif not header.strip() and info.st_size <= len(header):
                raise ImportFileError(path, "is empty")
            else:
                _refuse_what_is_not_json(path, header, info.st_size)
                data = jsonfile.parse(header + file.read(MAX_JSON_BYTES), path)
    except OSError as error:
        raise ImportFileError(path, f"cannot be read ({error.strerror})") from None
    return verify(data, path)


def _refuse_what_is_not_json(path: Path, header: bytes, size: int) -> None:
    """Refuse, by its name or first bytes, a file that cannot be a JSON export; and a huge one."""
    suffix = path.suffix.lower()
    start = header.removeprefix(b"\xef\xbb\xbf").lstrip()
    what = {".csv": "a CSV file", ".tsv": "a TSV file", ".html": "an HTML page"}.get(suffix)
    if what is None and start[:1] == b"<":
        what = "an HTML or XML file"
    if what is not None:
        raise ImportFileError(
            path,
            f"is {what}, which nkdesk cannot import (it carries no article text); import "
            "a JSON export (nkdesk export --format json), a .qdpx or a tag file",
        )
    if start[:1] != b"{":
        raise ImportFileError(
            path,
            "is not an nkdesk export: nkdesk imports a JSON export "
            "(nkdesk export --format json), a tag file or a .qdpx",
        )
    if size > MAX_JSON_BYTES:
        raise ImportFileError(
            path,
            f"is a {size / 1e6:.0f} MB JSON file; nkdesk imports JSON exports of at most "
            f"{MAX_JSON_BYTES >> 20} MiB (about 140,000 annotations), which it reads whole",
        )


def _read_tag_file(path: Path, header: bytes) -> TagFile:
    """Another tag file, read through a copy in memory so the original is never written.

    Opening it as a store would migrate it and switch on its write-ahead log;
    the backup API copies it read-only (including what its log holds) and the
    store then checks and migrates the copy.
    """
    if len(header) < 100 or int.from_bytes(header[68:72], "big") != APPLICATION_ID:
        raise ImportFileError(path, "is an SQLite database but not an nkdesk tag file")
    # Without a -wal file everything is in the main file, and "immutable" reads
    # it without creating -wal and -shm files beside someone else's file; with
    # one, SQLite must read the log too, which read-only mode does.
    wal = path.with_name(path.name + "-wal")
    options = "mode=ro" if wal.exists() else "mode=ro&immutable=1"
    try:
        source = sqlite3.connect(f"{path.resolve().as_uri()}?{options}", uri=True)
        try:
            copy = sqlite3.connect(":memory:", isolation_level=None)
            source.backup(copy)
        finally:
            source.close()
        # A tag file has no triggers or views; someone else's file that does
        # could run SQL of its author's choosing when the copy is migrated.
        copy.execute("PRAGMA trusted_schema = OFF")
        active = copy.execute(
            "SELECT count(*) FROM sqlite_master WHERE type IN ('trigger', 'view')"
        ).fetchone()[0]
    except sqlite3.Error as error:
        raise ImportFileError(path, f"cannot be read as a tag file ({error})") from None
    if active:
        copy.close()
        raise ImportFileError(path, "has triggers or views, which no nkdesk tag file has; refused")
    try:
        with TagStore(copy, str(path)) as store:
            # Counted before a row is read into Python, where each costs ten times more.
            check_size(path, store.counts(), store.text_length())
            return snapshot(store)
    except StoreError as error:
        raise ImportFileError(path, error.reason) from None
    except sqlite3.Error as error:
        raise ImportFileError(path, f"cannot be read as a tag file ({error})") from None


def import_file(store: TagStore, path: str | os.PathLike[str]) -> ImportReport:
    """Read ``path`` and merge it into ``store``: one transaction, one undo step."""
    return merge(store, read(path), label=f"Import '{Path(path).name}'")


def merge_note(current: str, incoming: str, author: str) -> str:
    """Both analysts' notes: ``current``, then ``incoming`` after a line naming its author.

    Adds nothing if ``incoming`` is empty, the same, or already merged in.
    """
    if not incoming or incoming == current:
        return current
    if not current:
        return incoming
    block = NOTE_JOIN.format(author=author or UNKNOWN_AUTHOR) + incoming
    return current if block in current else current + block


def _is_new(store: TagStore) -> bool:
    """True for a tag file with nothing in it yet but the untouched default vocabulary."""
    if store.documents() or store.claims() or store.annotations():
        return False
    vocabulary = [(t.name, t.colour, t.hotkey, t.description) for t in store.tags()]
    defaults = [(n, c, k, d) for k, (n, c, d) in enumerate(DEFAULT_VOCABULARY, start=1)]
    return vocabulary == defaults


def merge(store: TagStore, data: TagFile, *, label: str = "Import") -> ImportReport:
    """Merge a read and verified TagFile into ``store`` (on the store's thread)."""
    counts: dict[str, Any] = dict.fromkeys(
        (
            "documents_added",
            "documents_matched",
            "tags_added",
            "claims_added",
            "annotations_added",
            "annotations_present",
            "notes_merged",
        ),
        0,
    )
    with store.operation(label) as op:
        replace = _is_new(store)
        documents = _merge_documents(store, op, data, counts)
        tags = _merge_tags(store, op, data, counts, replace=replace)
        claims = _merge_claims(store, op, data, counts)
        # What the tag file held before the import, by (document, start, end,
        # tag). Only those count as "already present": two equal annotations
        # within the import are both added, so a round trip keeps them both.
        present: dict[tuple[str, int, int, int], list[int]] = defaultdict(list)
        current: dict[int, Annotation] = {}
        for existing in store.annotations():
            present[(existing.document, existing.start, existing.end, existing.tag)].append(
                existing.id
            )
            current[existing.id] = existing
        unmatched = {key: list(ids) for key, ids in present.items()}
        for a in data.annotations:
            document, tag = documents[a.document], tags[a.tag]
            claim = None if a.claim is None else claims[a.claim]
            key = (document, a.start, a.end, tag)
            if key not in present:
                row = {
                    **a.fields(),
                    "document": document,
                    "tag": tag,
                    "claim": claim,
                    "orphaned": int(a.orphaned),
                }
                op.insert("annotations", row)
                counts["annotations_added"] += 1
                continue
            counts["annotations_present"] += 1
            # Pair it with a stored twin not yet paired, one with its note if any.
            pool = unmatched[key] or present[key]
            match = next(
                (
                    i
                    for i in pool
                    if merge_note(current[i].note, a.note, a.author) == current[i].note
                ),
                pool[0],
            )
            if match in unmatched[key]:
                unmatched[key].remove(match)
            existing = current[match]
            values: dict[str, Any] = {}
            note = merge_note(existing.note, a.note, a.author)
            if note != existing.note:
                values["note"] = note
                counts["notes_merged"] += 1
            for field_name in ("value", "speaker"):
                if not getattr(existing, field_name) and getattr(a, field_name):
                    values[field_name] = getattr(a, field_name)
            if existing.claim is None and claim is not None:
                values["claim"] = claim
            if existing.stance is None and a.stance is not None:
                values["stance"] = a.stance
            if values:
                op.update("annotations", existing.id, values)
                current[match] = store.annotation(existing.id)
    return ImportReport(
        path=data.origin, vocabulary_replaced=replace, warnings=data.warnings, **counts
    )


def _merge_documents(
    store: TagStore, op: undo.Recorder, data: TagFile, counts: dict[str, Any]
) -> dict[str, str]:
    """Imported document id -> the id of the same text in the tag file (added if missing)."""
    stored = store.documents()
    by_sha = {d.sha256: d.id for d in stored}
    taken = {d.id for d in stored}
    mapping = {}
    for document in data.documents:
        if document.sha256 in by_sha:
            mapping[document.id] = by_sha[document.sha256]
            counts["documents_matched"] += 1
            continue
        new_id, number = document.id, 1
        while new_id in taken:
            suffix = document.sha256[:8] if number == 1 else f"{document.sha256[:8]}-{number}"
            new_id, number = f"{document.id}-{suffix}", number + 1
        # In the import's undo step, so that undoing the import takes its documents too.
        op.insert_document(
            {
                "id": new_id,
                "title": document.title,
                "path": document.path,
                "sha256": document.sha256,
                "text": document.text,
                # What the exporting file showed, edits and all, is what this one reads.
                **document.source.to_json(),
            }
        )
        taken.add(new_id)
        by_sha[document.sha256] = new_id
        mapping[document.id] = new_id
        counts["documents_added"] += 1
    return mapping


def _merge_tags(
    store: TagStore, op: undo.Recorder, data: TagFile, counts: dict[str, Any], *, replace: bool
) -> dict[int, int]:
    """Imported tag id -> tag id in the tag file (added if missing)."""
    stored = {t.name.casefold(): t for t in store.tags()}
    imported = {t.name.casefold() for t in data.tags}
    if replace:
        # A new tag file: make its vocabulary the imported one. Hotkeys are
        # unique, so every stored one is cleared before any is given out again.
        for name, tag in list(stored.items()):
            if name not in imported:
                op.delete("tags", tag.id)
                del stored[name]
            elif tag.hotkey is not None:
                op.update("tags", tag.id, {"hotkey": None})
    used_hotkeys = {t.hotkey for t in store.tags() if t.hotkey is not None}
    mapping = {}
    for tag in data.tags:
        existing = stored.get(tag.name.casefold())
        if existing is not None and not replace:
            mapping[tag.id] = existing.id
            continue
        hotkey = tag.hotkey if tag.hotkey not in used_hotkeys else None
        values = {
            "name": tag.name,
            "colour": tag.colour,
            "hotkey": hotkey,
            "description": tag.description,
        }
        if existing is not None:
            op.update("tags", existing.id, values)
            mapping[tag.id] = existing.id
        else:
            mapping[tag.id] = op.insert("tags", values)
            counts["tags_added"] += 1
        if hotkey is not None:
            used_hotkeys.add(hotkey)
    return mapping


def _merge_claims(
    store: TagStore, op: undo.Recorder, data: TagFile, counts: dict[str, Any]
) -> dict[int, int]:
    """Imported claim id -> claim id in the tag file (added if missing)."""
    stored = {(c.label, c.created): c for c in store.claims()}
    mapping = {}
    for claim in data.claims:
        existing = stored.get((claim.label, claim.created))
        if existing is not None:
            mapping[claim.id] = existing.id
            note = merge_note(existing.note, claim.note, "")
            if note != existing.note:
                op.update("claims", existing.id, {"note": note})
            continue
        row = {
            "label": claim.label,
            "note": claim.note,
            "created": claim.created,
            "modified": claim.modified,
        }
        mapping[claim.id] = op.insert("claims", row)
        stored[(claim.label, claim.created)] = store.claim(mapping[claim.id])
        counts["claims_added"] += 1
    return mapping
