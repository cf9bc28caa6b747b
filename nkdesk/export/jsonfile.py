"""JSON: the whole tag file in one document, schema ``nkdesk.tags/1``; and reading it back.

The one lossless export: importing it into a new tag file makes the same tag
file again (ids apart), and merging it into another analyst's tag file is how
two people combine their work (``nkdesk.export.importing``). Shape::

    {"schema": "nkdesk.tags/1", "generator": "nkdesk 0.1.0",
     "documents": [{"id", "title", "path", "sha256", "text",
                    "outlet", "published", "url", "author", "origin"}],
     "tags": [{"name", "colour", "hotkey", "description"}],
     "claims": [{"id", "label", "note", "created", "modified"}],
     "annotations": [{"document", "start", "end", "quote", "prefix", "suffix",
                      "tag", "claim", "stance", "value", "speaker", "note",
                      "author", "created", "modified", "orphaned"}]}

An annotation names its document by id and its tag by name (names are unique
in a vocabulary); claims have no unique name, so they carry an ``id`` local
to the file that annotations refer to. Offsets are code points into the
document's text, half-open. The reader checks every type itself and refuses
anything else (nkdesk has no JSON Schema library at run time); the schema is
documented for other tools in ``tags.schema.json`` beside this module.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterator
from typing import Any, BinaryIO, NoReturn, TypeVar

from nkdesk import __version__, sources
from nkdesk.corpus import Document
from nkdesk.export.errors import ImportFileError
from nkdesk.export.output import ITEMS, Progress, write_json
from nkdesk.export.tagfile import MAX_ROWS, TagFile
from nkdesk.sources import Source
from nkdesk.store import Annotation, Claim, Tag

SCHEMA = "nkdesk.tags/1"
_SURROGATE = re.compile("[\ud800-\udfff]")
SCHEMA_PREFIX = "nkdesk.tags/"
_T = TypeVar("_T")


def to_json(data: TagFile, progress: Progress | None = None) -> dict[str, Any]:
    """The JSON document for ``data``, as Python objects."""
    return {**_head(data), "annotations": list(_annotations(data, progress))}


def _annotations(data: TagFile, progress: Progress | None) -> Iterator[dict[str, Any]]:
    tags = data.tags_by_id()
    for a in data.annotations:
        yield {**a.fields(), "tag": tags[a.tag].name}
        if progress is not None:
            progress.step()


def _head(data: TagFile) -> dict[str, Any]:
    """The document but its annotations."""
    return {
        "schema": SCHEMA,
        "generator": f"nkdesk {__version__}",
        "documents": [
            {
                "id": d.id,
                "title": d.title,
                "path": d.path,
                "sha256": d.sha256,
                "text": d.text,
                **d.source.to_json(),
            }
            for d in data.documents
        ],
        "tags": [
            {"name": t.name, "colour": t.colour, "hotkey": t.hotkey, "description": t.description}
            for t in data.tags
        ],
        "claims": [
            {
                "id": c.id,
                "label": c.label,
                "note": c.note,
                "created": c.created,
                "modified": c.modified,
            }
            for c in data.claims
        ],
    }


def write(data: TagFile, out: BinaryIO, progress: Progress) -> None:
    """Write ``data`` as UTF-8 JSON, one key per line so that two exports diff well.

    The annotations are written as they are read (``output.write_json``).
    """
    write_json(out, {**_head(data), "annotations": [ITEMS]}, _annotations(data, progress))


def parse(raw: bytes, path: str | os.PathLike[str]) -> TagFile:
    """Read an ``nkdesk.tags/1`` export into a TagFile (types checked; ``verify`` comes next)."""
    objects = _ObjectCounter(sum(MAX_ROWS.values()) + 1)
    try:
        document = json.loads(
            raw.decode("utf-8-sig"),
            object_pairs_hook=objects,
            parse_constant=_no_constants,
        )
    except _TooManyObjects:
        raise ImportFileError(
            path,
            f"holds more than {objects.limit:,} objects; nkdesk imports at most "
            + ", ".join(f"{n:,} {kind}" for kind, n in MAX_ROWS.items()),
        ) from None
    except UnicodeDecodeError as error:
        raise ImportFileError(path, f"is not UTF-8 text (byte {error.start})") from None
    except RecursionError:
        raise ImportFileError(path, "is nested too deeply to be an nkdesk export") from None
    except ValueError as error:
        raise ImportFileError(path, f"is not valid JSON ({error})") from None
    return _Reader(path).tag_file(document)


class _TooManyObjects(Exception):
    """More JSON objects than any export nkdesk imports holds: stop parsing now."""


class _ObjectCounter:
    """The parser's ``object_pairs_hook``: builds each object, refusing duplicate keys,
    and stops the parse once there are more objects than ``limit``.

    Counting as the parser goes bounds the memory a file of many tiny objects
    takes before the row limits (``tagfile.MAX_ROWS``) could be checked.
    """

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.count = 0

    def __call__(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        self.count += 1
        if self.count > self.limit:
            raise _TooManyObjects
        # JSON parsers disagree on which of two equal keys wins; a file that has
        # them means different things to different tools, so it is refused.
        result: dict[str, Any] = {}
        for key, value in pairs:
            if key in result:
                raise ValueError(f"the key {key[:40]!r} appears twice in one object")
            result[key] = value
        return result


def _no_constants(name: str) -> NoReturn:
    raise ValueError(f"{name} is not a JSON number")


class _Reader:
    """Takes a parsed JSON document apart, refusing any value of the wrong type."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = path

    def refuse(self, where: str, reason: str) -> NoReturn:
        raise ImportFileError(self.path, f"{where} {reason}")

    def tag_file(self, document: Any) -> TagFile:
        if not isinstance(document, dict):
            self.refuse("the file", "is JSON but not an nkdesk export (it is not an object)")
        schema = document.get("schema")
        if document.get("type") == "AnnotationCollection" or "@context" in document:
            self.refuse(
                "the file",
                "is a W3C Web Annotation export, which carries no article text; "
                "import the JSON export (nkdesk export --format json) instead",
            )
        if not isinstance(schema, str) or not schema.startswith(SCHEMA_PREFIX):
            self.refuse("the file", f'is not an nkdesk export (no "schema": "{SCHEMA}")')
        if schema != SCHEMA:
            self.refuse(
                "the file",
                f"is schema {schema[:40]!r}, from a newer nkdesk; this one reads {SCHEMA}",
            )
        documents = tuple(self.each(document, "documents", self.document_of))
        tags = tuple(self.each(document, "tags", self.tag_of))
        tag_ids = {t.name.casefold(): t.id for t in tags}
        claims = tuple(self.each(document, "claims", self.claim_of))
        annotations = tuple(
            self.each(document, "annotations", lambda row, n: self.annotation_of(row, n, tag_ids))
        )
        return TagFile(documents, tags, claims, annotations, origin=str(self.path))

    def each(self, document: dict[str, Any], key: str, make: Callable[[Any, int], _T]) -> list[_T]:
        rows = document.get(key, [])
        if not isinstance(rows, list):
            self.refuse(f'"{key}"', "must be a list")
        return [make(row, number) for number, row in enumerate(rows)]

    def fields(self, row: Any, where: str, required: tuple[str, ...]) -> dict[str, Any]:
        if not isinstance(row, dict):
            self.refuse(where, "must be an object")
        missing = [k for k in required if k not in row]
        if missing:
            self.refuse(where, f"lacks {', '.join(missing)}")
        return row

    def string(self, row: dict[str, Any], key: str, where: str, default: str | None = None) -> str:
        value = row.get(key, default)
        if not isinstance(value, str):
            self.refuse(f"{where}.{key}", "must be a string")
        if _SURROGATE.search(value):
            # JSON's \ud800 escapes can spell half a character, which no text
            # file, database or hash can hold.
            self.refuse(f"{where}.{key}", "holds half of a UTF-16 surrogate pair, not text")
        return value

    def integer(self, row: dict[str, Any], key: str, where: str, *, optional: bool = False) -> Any:
        value = row.get(key)
        if value is None and optional:
            return None
        if not isinstance(value, int) or isinstance(value, bool):
            self.refuse(f"{where}.{key}", "must be a whole number")
        return value

    def document_of(self, row: Any, number: int) -> Document:
        where = f"documents[{number}]"
        row = self.fields(row, where, ("id", "sha256", "text"))
        return Document(
            id=self.string(row, "id", where),
            title=self.string(row, "title", where, ""),
            path=self.string(row, "path", where, ""),
            text=self.string(row, "text", where),
            sha256=self.string(row, "sha256", where),
            # Files from before source details have none: unknown.
            source=Source.from_mapping(
                {f: self.optional_string(row, f, where) for f in sources.FIELDS}
            ),
        )

    def optional_string(self, row: dict[str, Any], key: str, where: str) -> str | None:
        return None if row.get(key) is None else self.string(row, key, where)

    def tag_of(self, row: Any, number: int) -> Tag:
        where = f"tags[{number}]"
        row = self.fields(row, where, ("name", "colour"))
        return Tag(
            id=number + 1,
            name=" ".join(self.string(row, "name", where).split()),
            colour=self.string(row, "colour", where).upper(),
            hotkey=self.integer(row, "hotkey", where, optional=True),
            description=self.string(row, "description", where, ""),
        )

    def claim_of(self, row: Any, number: int) -> Claim:
        where = f"claims[{number}]"
        row = self.fields(row, where, ("id", "label", "created", "modified"))
        return Claim(
            id=self.integer(row, "id", where),
            label=" ".join(self.string(row, "label", where).split()),
            note=self.string(row, "note", where, ""),
            created=self.string(row, "created", where),
            modified=self.string(row, "modified", where),
        )

    def annotation_of(self, row: Any, number: int, tag_ids: dict[str, int]) -> Annotation:
        where = f"annotations[{number}]"
        row = self.fields(row, where, ("document", "start", "end", "quote", "tag", "created"))
        tag = " ".join(self.string(row, "tag", where).split()).casefold()
        if tag not in tag_ids:
            self.refuse(f"{where}.tag", "names a tag the file does not define")
        stance = row.get("stance")
        if stance is not None and not isinstance(stance, str):
            self.refuse(f"{where}.stance", "must be a string or null")
        orphaned = row.get("orphaned", False)
        if not isinstance(orphaned, bool):
            self.refuse(f"{where}.orphaned", "must be true or false")
        created = self.string(row, "created", where)
        return Annotation(
            id=number + 1,
            document=self.string(row, "document", where),
            start=self.integer(row, "start", where),
            end=self.integer(row, "end", where),
            quote=self.string(row, "quote", where),
            prefix=self.string(row, "prefix", where, ""),
            suffix=self.string(row, "suffix", where, ""),
            tag=tag_ids[tag],
            claim=self.integer(row, "claim", where, optional=True),
            stance=stance,  # type: ignore[arg-type]  # checked by verify()
            value=self.string(row, "value", where, ""),
            speaker=self.string(row, "speaker", where, ""),
            note=self.string(row, "note", where, ""),
            author=self.string(row, "author", where, ""),
            created=created,
            modified=self.string(row, "modified", where, created),
            orphaned=orphaned,
        )
