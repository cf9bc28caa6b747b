"""CSV: one row per annotation, for a spreadsheet.

Named ``csvfile`` rather than ``csv`` so that it never shadows the standard
library's ``csv`` module, which it uses.

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a
formula (and some treat a leading tab or carriage return the same way), so an
article quoting "=HYPERLINK(...)" could run code on the analyst's machine when
the export is opened. Such cells are prefixed with ``'``, which spreadsheets
read as "this is text", as the OWASP "CSV injection" page recommends; the cost
is a visible apostrophe before a value like "-5". A formula behind leading
spaces, newlines or characters no one sees (" =1+1", "\u200b=1+1") is treated
the same, since some spreadsheets skip those before they look. Offsets are
numbers and are written as they are.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from typing import BinaryIO

from nkdesk.export.output import Progress
from nkdesk.export.tagfile import TagFile

COLUMNS = (
    "document", "start", "end", "quote", "tag", "stance", "value", "speaker", "claim",
    "note", "author", "created", "modified",
    # The tagged article's source details (nkdesk.sources); "author" above is the analyst's.
    "outlet", "published", "url", "article_author", "origin",
)  # fmt: skip
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
UTF8_BOM = b"\xef\xbb\xbf"


def neutralise(cell: str) -> str:
    """A text cell made safe from formula injection (see the module docstring)."""
    if cell.startswith(FORMULA_STARTS) or _unpadded(cell).startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


def _unpadded(cell: str) -> str:
    """``cell`` without the whitespace and format characters (Cf) it starts with."""
    for position, char in enumerate(cell):
        if not (char.isspace() or unicodedata.category(char) == "Cf"):
            return cell[position:]
    return ""


def write(data: TagFile, out: BinaryIO, progress: Progress, *, bom: bool = False) -> None:
    """Write the annotations of ``data`` as UTF-8 CSV (RFC 4180: CRLF, quoted as needed).

    ``bom`` starts the file with the byte-order mark Excel needs to read it as
    UTF-8 rather than the system's code page.
    """
    tags = data.tags_by_id()
    claims = data.claims_by_id()
    details = {
        d.id: tuple(neutralise(v or "") for v in d.source.to_json().values())
        for d in data.documents
    }
    if bom:
        out.write(UTF8_BOM)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for annotation in data.annotations:
        claim = claims[annotation.claim].label if annotation.claim is not None else ""
        writer.writerow(
            (
                neutralise(annotation.document),
                annotation.start,
                annotation.end,
                neutralise(annotation.quote),
                neutralise(tags[annotation.tag].name),
                annotation.stance or "",
                neutralise(annotation.value),
                neutralise(annotation.speaker),
                neutralise(claim),
                neutralise(annotation.note),
                neutralise(annotation.author),
                annotation.created,
                annotation.modified,
                *details.get(annotation.document, ("",) * 5),
            )
        )
        progress.step()
        if buffer.tell() > 1 << 20:
            out.write(buffer.getvalue().encode("utf-8"))
            buffer.seek(0)
            buffer.truncate()
    out.write(buffer.getvalue().encode("utf-8"))
