"""Exports and imports of the tag file, without Qt: CSV, JSON, W3C Web Annotation, HTML, REFI-QDA.

>>> from nkdesk.store import TagStore
>>> export(TagStore.memory(), "json", "/tmp/tags.json")     # doctest: +SKIP
>>> import_file(store, "colleague.json").summary()           # doctest: +SKIP

``export(source, format, path, progress=None, cancelled=None)`` is the whole
API a window needs, and is safe to call from a worker thread when ``source``
is a ``TagFile``: take ``snapshot(store)`` on the store's thread (it reads
10,000 annotations in a few tens of milliseconds), hand it to the worker, and
let the worker format and write. (A store belongs to the thread that opened
it; a worker may also open its own store on the same file.) ``progress(done,
total)`` is called now and then from the worker; ``cancelled()`` is polled
and, once it says True, the export stops with ``Cancelled`` and the target is
left as it was. An export never leaves a half-written file (``output``).

Imports are ``read(path)`` (thread-free, all the checking) then
``merge(store, data)`` on the store's thread; ``import_file`` does both.

The formats:

=========  =================================================  ==================
format     what                                               module
=========  =================================================  ==================
csv        one row per annotation, for spreadsheets           ``csvfile``
json       the whole tag file (``nkdesk.tags/1``), lossless   ``jsonfile``
jsonld     W3C Web Annotation ``AnnotationCollection``        ``webanno``
html       a self-contained, printable report                 ``htmlreport``
qdpx       REFI-QDA project for ATLAS.ti, NVivo, MAXQDA...    ``qdpx``
=========  =================================================  ==================
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from nkdesk.export import csvfile, htmlreport, jsonfile, qdpx, webanno
from nkdesk.export.errors import Cancelled, ExchangeError, ExportError, ImportFileError
from nkdesk.export.importing import ImportReport, import_file, merge, read
from nkdesk.export.output import CancelCallback, Progress, ProgressCallback, atomic_output
from nkdesk.export.tagfile import TagFile, reading, snapshot, verify
from nkdesk.store import TagStore

_Writer = Callable[[TagFile, BinaryIO, Progress], None]

# Format name -> (file suffix, writer, whether it is text that may go to stdout).
FORMATS: dict[str, tuple[str, _Writer, bool]] = {
    "csv": (".csv", csvfile.write, True),
    "json": (".json", jsonfile.write, True),
    "jsonld": (".jsonld", webanno.write, True),
    "html": (".html", htmlreport.write, True),
    "qdpx": (".qdpx", qdpx.write, False),
}


def format_for(path: str | os.PathLike[str]) -> str | None:
    """The format a file name's suffix asks for (``.htm`` is html), or None."""
    suffix = Path(path).suffix.lower()
    if suffix == ".htm":
        return "html"
    return next((name for name, (s, _, _) in FORMATS.items() if s == suffix), None)


def write(
    data: TagFile,
    format: str,
    out: BinaryIO,
    *,
    progress: ProgressCallback | None = None,
    cancelled: CancelCallback | None = None,
    bom: bool = False,
    name: str = "<stream>",
) -> None:
    """Write ``data`` in ``format`` to an open binary stream (stdout, a buffer)."""
    writer = _writer(format, name)
    counter = Progress(name, len(data.annotations), progress, cancelled)
    counter.check()
    if format == "csv":
        csvfile.write(data, out, counter, bom=bom)
    else:
        writer(data, out, counter)
    counter.finish()


def export(
    source: TagStore | TagFile,
    format: str,
    path: str | os.PathLike[str],
    *,
    progress: ProgressCallback | None = None,
    cancelled: CancelCallback | None = None,
    bom: bool = False,
) -> None:
    """Export a tag file (a store, or a snapshot of one) to ``path`` in ``format``.

    Raises ExportError naming ``path`` (unknown format, unwritable target) or
    Cancelled; either way any file already at ``path`` is left as it was.
    ``bom`` applies to CSV only (see ``csvfile.write``).
    """
    _writer(format, path)
    if isinstance(source, TagStore):
        with reading(source) as data:
            export(data, format, path, progress=progress, cancelled=cancelled, bom=bom)
        return
    with atomic_output(path) as out:
        write(source, format, out, progress=progress, cancelled=cancelled, bom=bom, name=str(path))


def _writer(format: str, path: str | os.PathLike[str]) -> _Writer:
    try:
        return FORMATS[format][1]
    except KeyError:
        raise ExportError(
            path, f"unknown export format {format!r}; nkdesk writes {', '.join(FORMATS)}"
        ) from None


__all__ = [
    "FORMATS",
    "Cancelled",
    "ExchangeError",
    "ExportError",
    "ImportFileError",
    "ImportReport",
    "TagFile",
    "export",
    "format_for",
    "import_file",
    "merge",
    "read",
    "reading",
    "snapshot",
    "verify",
    "write",
]
