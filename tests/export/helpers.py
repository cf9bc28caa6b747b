"""What the export tests compare: a tag file's content with its ids taken out."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from jsonschema import FormatChecker

from nkdesk.store import TagStore

# RFC 3339 date-time and RFC 3986 absolute URI, for the JSON Schema "format"
# keywords (jsonschema checks them only with optional packages nkdesk lacks).
DATE_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)", re.ASCII)
ABSOLUTE_URI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]*", re.ASCII)


def format_checker() -> FormatChecker:
    """A jsonschema FormatChecker that really checks date-time and uri."""
    checker = FormatChecker()
    checker.checks("date-time")(
        lambda value: not isinstance(value, str) or bool(DATE_TIME.fullmatch(value))
    )
    checker.checks("uri")(
        lambda value: not isinstance(value, str) or bool(ABSOLUTE_URI.fullmatch(value))
    )
    return checker


def content(store: TagStore) -> dict[str, Any]:
    """Every row of a tag file, ids replaced by what they refer to, in a stable order."""
    tags = {t.id: t.name for t in store.tags()}
    claims = {c.id: (c.label, c.created) for c in store.claims()}
    return {
        "documents": sorted((d.id, d.title, d.path, d.sha256, d.text) for d in store.documents()),
        "tags": sorted((t.name, t.colour, t.hotkey, t.description) for t in store.tags()),
        "claims": sorted((c.label, c.note, c.created, c.modified) for c in store.claims()),
        "annotations": sorted(
            (
                a.document,
                a.start,
                a.end,
                a.quote,
                a.prefix,
                a.suffix,
                tags[a.tag],
                claims.get(a.claim, ("", "")) if a.claim is not None else ("", ""),
                a.stance or "",
                a.value,
                a.speaker,
                a.note,
                a.author,
                a.created,
                a.modified,
                a.orphaned,
            )
            for a in store.annotations()
        ),
    }


def sqlite_bytes(path: Path) -> dict[str, bytes]:
    """The bytes of a tag file and of its -wal and -shm companions, if any."""
    return {
        p.name: p.read_bytes()
        for p in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm"))
        if p.exists()
    }
