"""A tag file's whole content as plain records: what every export writes and every import reads.

Exports work from a ``TagFile`` rather than from the store, so that the slow
part (formatting, writing) can run on a worker thread while the store, which
belongs to the thread that opened it, is read only once, quickly, on its own
thread (``snapshot``). Imports parse a file into a ``TagFile``, ``verify`` it,
and only then touch the analyst's tag file (``nkdesk.export.importing``).

Ids in a TagFile are local to it: ``Annotation.tag`` is the id of one of its
``tags``, ``Annotation.claim`` of one of its ``claims``, ``Annotation.document``
of one of its ``documents``.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Collection, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from nkdesk.corpus import MAX_FILE_BYTES, Document, text_sha256
from nkdesk.export.errors import ExportError, ImportFileError
from nkdesk.store import BUSY_TIMEOUT_S, STANCES, Annotation, Claim, Tag, TagStore
from nkdesk.store.db import _ANNOTATION_COLUMNS, _DOCUMENT_QUERY, _document, _reason

# How often ``snapshot`` reads again when another window changed the file
# while it was reading, before giving up.
SNAPSHOT_ATTEMPTS = 5

# Limits on what an imported file may hold, so that a hostile file cannot make
# nkdesk allocate or store without bound. Generous for real work: the longest
# seed article is about 8,000 characters, and a tag file holds a few thousand
# tags. An import is held in memory whole while it is checked, so that a bad
# one is refused before the tag file is touched; 100,000 annotations take
# about 300 MB to read and merge, which is where the limit on them comes from.
MAX_TEXT_CHARS = MAX_FILE_BYTES  # one document: no more than an article nkdesk would load
MAX_TEXT_TOTAL_CHARS = 128 << 20  # all documents together
MAX_NOTE_CHARS = 1_000_000  # a note, a description, a quote
MAX_NAME_CHARS = 1_000  # a tag name, claim label, author, title, id
MAX_CONTEXT_CHARS = 1_000  # prefix or suffix (the store keeps 32)
MAX_ROWS = {"documents": 10_000, "tags": 10_000, "claims": 100_000, "annotations": 100_000}
MAX_TIME_CHARS = 64  # an ISO-8601 timestamp

_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")
_SHA256 = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True, slots=True)
class TagFile:
    """Documents, vocabulary, claims and annotations, as one consistent snapshot."""

    documents: tuple[Document, ...]
    tags: tuple[Tag, ...]
    claims: tuple[Claim, ...]
    # A tuple, or (``reading``) the rows of a database, read again at each iteration.
    annotations: Collection[Annotation]
    origin: str = ""  # the file it was read from, for messages and report titles
    warnings: tuple[str, ...] = ()  # what a reader skipped (a PDF in a .qdpx, ...)

    def documents_by_id(self) -> dict[str, Document]:
        return {d.id: d for d in self.documents}

    def tags_by_id(self) -> dict[int, Tag]:
        return {t.id: t for t in self.tags}

    def claims_by_id(self) -> dict[int, Claim]:
        return {c.id: c for c in self.claims}


def snapshot(store: TagStore) -> TagFile:
    """Read a whole tag file consistently (on the thread that owns ``store``).

    Each list is one query; if another window or process changes the file
    between them (its revision moves), everything is read again, so the
    snapshot never pairs an annotation with a tag deleted in the meantime.
    """
    for _ in range(SNAPSHOT_ATTEMPTS):
        revision = store.revision()
        data = TagFile(
            documents=tuple(store.documents()),
            tags=tuple(store.tags()),
            claims=tuple(store.claims()),
            annotations=tuple(store.annotations()),
            origin=store.path,
        )
        if store.revision() == revision:
            return data
    raise ExportError(store.path, "kept changing while it was read; try the export again")


class StoredAnnotations(Collection[Annotation]):
    """A tag file's annotations in document order, read from its database as they are iterated.

    What lets an export of 100,000 annotations hold one at a time: each
    iteration is a new query in the same read transaction (``reading``), so
    every pass sees the same rows, in the order of ``TagStore.annotations()``.
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self._count: int | None = None

    def __len__(self) -> int:
        if self._count is None:
            self._count = int(self._conn.execute("SELECT count(*) FROM annotations").fetchone()[0])
        return self._count

    def __contains__(self, item: object) -> bool:
        return isinstance(item, Annotation) and any(a == item for a in self)

    def __iter__(self) -> Iterator[Annotation]:
        return self._select("", ())

    def of_document(self, document_id: str) -> Iterator[Annotation]:
        """The annotations of one document, in order (the index holds them so)."""
        return self._select("WHERE a.document = ?", (document_id,))

    def of_claim(self, claim_id: int) -> list[Annotation]:
        """The annotations linked to one claim, in document order."""
        return list(self._select("WHERE a.claim = ?", (claim_id,)))

    def _select(self, where: str, parameters: tuple[object, ...]) -> Iterator[Annotation]:
        rows = self._conn.execute(
            f"SELECT {_ANNOTATION_COLUMNS} FROM annotations a {where} "
            'ORDER BY a.document, a.start, a."end", a.id',
            parameters,
        )
        for row in rows:
            yield Annotation(*row[:-1], bool(row[-1]))


@contextmanager
def reading(store: TagStore) -> Iterator[TagFile]:
    """The tag file as one consistent read, its annotations read as they are used.

    A connection of its own holds a read transaction for as long as the
    ``with`` block runs, so the export sees the file as it was when it began,
    whatever other windows write meanwhile (WAL readers never block them).
    Its ``TagFile`` may be used from another thread than the store's, one
    thread at a time. A store in memory has no file to read again: it gives
    its ``snapshot``.
    """
    if store.path == ":memory:":
        yield snapshot(store)
        return
    try:
        conn = sqlite3.connect(
            store.path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
        )
    except sqlite3.Error as error:
        raise ExportError(store.path, _reason(error, store.path)) from None
    try:
        conn.execute("PRAGMA query_only = ON")
        conn.execute("BEGIN")
        data = TagFile(
            documents=tuple(
                _document(row) for row in conn.execute(f"{_DOCUMENT_QUERY} ORDER BY d.id")
            ),
            tags=tuple(
                Tag(*row)
                for row in conn.execute(
                    "SELECT id, name, colour, hotkey, description FROM tags ORDER BY id"
                )
            ),
            claims=tuple(
                Claim(*row)
                for row in conn.execute(
                    "SELECT id, label, note, created, modified FROM claims ORDER BY id"
                )
            ),
            annotations=StoredAnnotations(conn),
            origin=store.path,
        )
        yield data
    except sqlite3.Error as error:
        raise ExportError(store.path, _reason(error, store.path)) from None
    finally:
        conn.close()


def passages_of_claims(data: TagFile) -> Callable[[int], list[Annotation]]:
    """A function giving a claim's annotations in the order of ``data.annotations``.

    From the database one claim at a time, or grouped once in memory when the
    annotations are there already.
    """
    if isinstance(data.annotations, StoredAnnotations):
        return data.annotations.of_claim
    groups: dict[int, list[Annotation]] = defaultdict(list)
    for annotation in data.annotations:
        if annotation.claim is not None:
            groups[annotation.claim].append(annotation)
    return lambda claim_id: groups.get(claim_id, [])


def verify(data: TagFile, path: str | os.PathLike[str]) -> TagFile:
    """Raise ImportFileError unless ``data`` is a sound tag file; returns it.

    Sound means: every reference resolves, every text matches its sha256,
    every placed annotation quotes exactly the text at its offsets, and
    nothing exceeds the limits above. Run on every import before the analyst's
    tag file is touched.
    """
    try:
        _verify(data)
    except _Unsound as error:
        raise ImportFileError(path, str(error)) from None
    return data


class _Unsound(ValueError):
    """What is wrong with a TagFile, in words."""


def check_size(
    path: str | os.PathLike[str], counts: Mapping[str, int], text_chars: int = 0
) -> None:
    """Raise ImportFileError if an import holds more rows of a kind, or more text, than allowed.

    ``counts`` maps a kind ("documents", "annotations", ...) to how many there
    are; readers call this as early as they can tell, before reading the rows.
    """
    for kind, count in counts.items():
        if count > MAX_ROWS[kind]:
            raise ImportFileError(
                path, f"holds {count} {kind}; nkdesk imports at most {MAX_ROWS[kind]:,}"
            )
    if text_chars > MAX_TEXT_TOTAL_CHARS:
        raise ImportFileError(
            path,
            f"holds {text_chars:,} characters of article text; nkdesk imports at most "
            f"{MAX_TEXT_TOTAL_CHARS:,} at once",
        )


def _verify(data: TagFile) -> None:
    try:
        check_size(
            "",
            {
                "documents": len(data.documents),
                "tags": len(data.tags),
                "claims": len(data.claims),
                "annotations": len(data.annotations),
            },
            sum(len(d.text) for d in data.documents),
        )
    except ImportFileError as error:
        raise _Unsound(error.reason) from None

    texts: dict[str, str] = {}
    for document in data.documents:
        where = f"document {document.id[:MAX_NAME_CHARS]!r}"
        _name(where, "id", document.id, required=True)
        _name(where, "title", document.title)
        _name(where, "path", document.path)
        if len(document.text) > MAX_TEXT_CHARS:
            raise _Unsound(
                f"{where} is {len(document.text):,} characters long; an article nkdesk "
                f"reads is at most {MAX_TEXT_CHARS:,} (5 MB)"
            )
        if not _SHA256.fullmatch(document.sha256):
            raise _Unsound(f"{where}: sha256 must be 64 lower-case hex digits")
        if text_sha256(document.text) != document.sha256:
            raise _Unsound(f"{where}: its text does not match its sha256 (damaged or edited)")
        if document.id in texts:
            raise _Unsound(f"{where} appears twice")
        texts[document.id] = document.text

    names: set[str] = set()
    for tag in data.tags:
        where = f"tag {tag.name[:MAX_NAME_CHARS]!r}"
        _name(where, "name", tag.name, required=True)
        if tag.name.casefold() in names:
            raise _Unsound(f"{where} appears twice")
        names.add(tag.name.casefold())
        if not _COLOUR.fullmatch(tag.colour):
            raise _Unsound(f"{where}: colour must look like #RRGGBB, not {tag.colour[:20]!r}")
        if tag.hotkey is not None and tag.hotkey not in range(1, 10):
            raise _Unsound(f"{where}: hotkey must be a digit from 1 to 9, not {tag.hotkey!r}")
        _long(where, "description", tag.description)
    tag_ids = {tag.id for tag in data.tags}

    for claim in data.claims:
        where = f"claim {claim.label[:MAX_NAME_CHARS]!r}"
        _name(where, "label", claim.label, required=True)
        _long(where, "note", claim.note)
        _time(where, "created", claim.created)
        _time(where, "modified", claim.modified)
    claim_ids = {claim.id for claim in data.claims}

    for number, annotation in enumerate(data.annotations, start=1):
        where = f"annotation {number}"
        text = texts.get(annotation.document)
        if text is None:
            raise _Unsound(f"{where} refers to a document the file does not hold")
        if annotation.tag not in tag_ids:
            raise _Unsound(f"{where} refers to a tag the file does not define")
        if annotation.claim is not None and annotation.claim not in claim_ids:
            raise _Unsound(f"{where} refers to a claim the file does not define")
        if annotation.stance is not None and annotation.stance not in STANCES:
            raise _Unsound(f"{where}: stance must be one of {', '.join(STANCES)}")
        start, end = annotation.start, annotation.end
        if annotation.orphaned:
            if not 0 <= start == end <= len(text):
                raise _Unsound(f"{where}: an orphaned tag has start == end within the text")
        elif not 0 <= start < end <= len(text):
            raise _Unsound(
                f"{where}: [{start}, {end}) is not a passage within the "
                f"{len(text)} characters of its document"
            )
        elif text[start:end] != annotation.quote:
            raise _Unsound(f"{where}: its quote is not the text at [{start}, {end})")
        _long(where, "quote", annotation.quote)
        for field in ("prefix", "suffix"):
            if len(getattr(annotation, field)) > MAX_CONTEXT_CHARS:
                raise _Unsound(f"{where}: {field} is longer than {MAX_CONTEXT_CHARS} characters")
        for field in ("value", "speaker", "author"):
            _name(where, field, getattr(annotation, field))
        _long(where, "note", annotation.note)
        _time(where, "created", annotation.created)
        _time(where, "modified", annotation.modified)


def _name(where: str, field: str, value: str, *, required: bool = False) -> None:
    if len(value) > MAX_NAME_CHARS:
        raise _Unsound(f"{where}: {field} is longer than {MAX_NAME_CHARS} characters")
    if required and not value.strip():
        raise _Unsound(f"{where}: {field} is empty")


def _long(where: str, field: str, value: str) -> None:
    if len(value) > MAX_NOTE_CHARS:
        raise _Unsound(f"{where}: {field} is longer than {MAX_NOTE_CHARS} characters")


def _time(where: str, field: str, value: str) -> None:
    try:
        if len(value) > MAX_TIME_CHARS:
            raise ValueError(value)
        datetime.fromisoformat(value)
    except ValueError:
        raise _Unsound(
            f"{where}: {field} is not an ISO-8601 date and time: {value[:MAX_TIME_CHARS]!r}"
        ) from None
