"""Who published an article, when, where, who wrote it and who published it first.

Read from what the article carries, in this order (the first that says wins,
field by field): a ``sources.csv`` beside the articles, an HTML page's
``<meta>`` and ``<link rel="canonical">``, a ``key: value`` front-matter block
at the top of a text file, then the text itself (a "By Jane Doe" byline, a
"KYIV, Dec 27 (Reuters) -" dateline, a "first published by X" reprint notice).
The patterns are general English newsroom conventions; none names an outlet.

``published`` is an ISO 8601 date, possibly partial ("2024-12-27", "2024-12",
"2024"); every field is None when unknown.
"""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields, replace
from html.parser import HTMLParser

# The fields, in the order files, dialogs and exports list them.
FIELDS = ("outlet", "published", "url", "author", "origin")
SOURCES_FILE = "sources.csv"
# Lines longer than this are prose, never a byline, dateline or front-matter value.
SHORT_LINE_CHARS = 200
# How far into an article a byline or dateline can stand.
HEAD_LINES = 8
# A dateline is the start of its paragraph: only this much of a line is looked at.
DATELINE_CHARS = 120


@dataclass(frozen=True, slots=True)
class Source:
    """An article's source details; None where nothing says."""

    outlet: str | None = None
    published: str | None = None
    url: str | None = None
    author: str | None = None
    origin: str | None = None

    def over(self, other: Source) -> Source:
        """These details, with ``other``'s where these say nothing."""
        return Source(*(getattr(self, f) or getattr(other, f) for f in FIELDS))

    def to_json(self) -> dict[str, str | None]:
        return {f: getattr(self, f) for f in FIELDS}

    @property
    def known(self) -> bool:
        return any(getattr(self, f) for f in FIELDS)

    def label(self) -> str:
        """The "outlet · date" of headers and tooltips, or what of it is known ("" if nothing)."""
        return " · ".join(p for p in (self.outlet, self.published) if p)

    @classmethod
    def from_mapping(cls, values: Mapping[str, object]) -> Source:
        """Details from a row or a dict: blank values are unknown, dates made ISO."""
        clean = {f: _clean(values.get(f)) for f in FIELDS}
        if clean["published"]:
            clean["published"] = iso_date(clean["published"]) or None
        return cls(**clean)


assert tuple(f.name for f in fields(Source)) == FIELDS


def _clean(value: object) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}  # fmt: skip
_MONTH = r"(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_ISO = re.compile(r"^(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?(?=$|[T\s])")
_MONTH_DAY_YEAR = re.compile(
    rf"^(?:\w+,?\s+)?({_MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I
)
_DAY_MONTH_YEAR = re.compile(
    rf"^(?:\w+,?\s+)?(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH}),?\s+(\d{{4}})\b", re.I
)
_MONTH_YEAR = re.compile(rf"^({_MONTH}),?\s+(\d{{4}})$", re.I)


def iso_date(value: str) -> str:
    """``value`` as an ISO date as precise as written ("2024-12-27", "2024-12"); "" if none."""
    value = value.strip()
    if match := _ISO.match(value):
        year, month, day = match.groups()
        return _iso(int(year), int(month) if month else None, int(day) if day else None)
    if match := _MONTH_DAY_YEAR.match(value):
        month, day, year = match.groups()
        return _iso(int(year), _month(month), int(day))
    if match := _DAY_MONTH_YEAR.match(value):
        day, month, year = match.groups()
        return _iso(int(year), _month(month), int(day))
    if match := _MONTH_YEAR.match(value):
        month, year = match.groups()
        return _iso(int(year), _month(month), None)
    return ""


def _month(name: str) -> int:
    return _MONTHS[name.lower().rstrip(".")]


def _iso(year: int, month: int | None, day: int | None) -> str:
    if month is None:
        return f"{year:04d}"
    if not 1 <= month <= 12:
        return ""
    if day is None:
        return f"{year:04d}-{month:02d}"
    if not 1 <= day <= 31:
        return ""
    return f"{year:04d}-{month:02d}-{day:02d}"


# HTML.

_META_FIELDS = {
    "og:site_name": "outlet",
    "application-name": "outlet",
    "publisher": "outlet",
    "article:published_time": "published",
    "og:published_time": "published",
    "datepublished": "published",
    "date": "published",
    "pubdate": "published",
    "dc.date": "published",
    "dcterms.date": "published",
    "author": "author",
    "article:author": "author",
    "dc.creator": "author",
    "og:url": "url",
    "og:title": "title",
}


class _MetaReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.values: dict[str, str] = {}
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k.lower(): v or "" for k, v in attrs}
        if tag == "meta":
            key = (
                found.get("property") or found.get("name") or found.get("itemprop") or ""
            ).lower()
            name = _META_FIELDS.get(key)
            content = _clean(found.get("content"))
            # article:author is often a profile link, not a name.
            if name and content and not (name == "author" and "://" in content):
                self.values.setdefault(name, content)
        elif tag == "link" and "canonical" in found.get("rel", "").lower().split():
            if href := _clean(found.get("href")):
                self.values["canonical"] = href
        elif tag == "title":
            self._in_title = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def read_html(markup: str) -> tuple[Source, str | None]:
    """An HTML page's source details and title: its ``<meta>``, canonical link, ``<title>``."""
    reader = _MetaReader()
    reader.feed(markup)
    reader.close()
    values = dict(reader.values)
    if "canonical" in values:
        values["url"] = values.pop("canonical")
    title = _clean(reader.title) or values.get("title")
    return Source.from_mapping(values), title


# Front matter.

_KEYS = {
    "outlet": "outlet", "source": "outlet", "publisher": "outlet", "publication": "outlet",
    "site": "outlet", "site_name": "outlet", "newspaper": "outlet",
    "published": "published", "date": "published", "published_at": "published",
    "publication_date": "published", "pubdate": "published",
    "url": "url", "link": "url", "canonical": "url", "source_url": "url",
    "author": "author", "authors": "author", "by": "author", "byline": "author",
    "origin": "origin", "original_source": "origin", "originally_published_by": "origin",
    "first_published_by": "origin",
    "title": "title", "headline": "title",
}  # fmt: skip
_KEY_LINE = re.compile(r"^\s*([A-Za-z][A-Za-z _-]{0,30}?)\s*:\s*(.*?)\s*$")
_FENCE = "---"


def _key_value(line: str) -> tuple[str, str] | None:
    match = _KEY_LINE.match(line)
    if not match or len(line) > SHORT_LINE_CHARS:
        return None
    key = _KEYS.get(match.group(1).lower().replace(" ", "_").replace("-", "_"))
    return (key, match.group(2).strip("\"'")) if key else None


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """A text file's front matter and the text after it (the text itself if it has none).

    Two forms count: a block fenced by ``---`` lines at the very top, whose
    lines are ``key: value`` (unknown keys are kept out of the details, but
    the block is still front matter); or two or more leading lines that are
    each a known key ("Outlet: ...", "Published: ...", "By: ...") followed by
    a blank line. A single "Source: officials" line, or a first sentence with
    a colon in it, is prose and stays.
    """
    lines = text.split("\n")
    if lines and lines[0].strip() == _FENCE:
        for end in range(1, len(lines)):
            if lines[end].strip() == _FENCE:
                block = lines[1:end]
                if all(_KEY_LINE.match(line) or not line.strip() for line in block):
                    return _values(block), "\n".join(lines[end + 1 :]).lstrip("\n")
                break
        return {}, text
    count = 0
    while count < len(lines) and _key_value(lines[count]):
        count += 1
    ended = count == len(lines) or not lines[count].strip()
    if count >= 2 and ended:
        return _values(lines[:count]), "\n".join(lines[count:]).lstrip("\n")
    return {}, text


def _values(lines: Iterable[str]) -> dict[str, str]:
    values: dict[str, str] = {}
    for line in lines:
        if (found := _key_value(line)) and found[1]:
            values.setdefault(*found)
    return values


# The text.

_NAME = r"[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|de|van|von|der|al|bin|la|le|da|di))*"
_BYLINE = re.compile(rf"^\s*By:?\s+({_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*)\s*(?:[,|–—-].*)?$")
# "KYIV, Dec 27 (Reuters) -", "LONDON (AP) —": a place in capitals, maybe a
# date, the agency in brackets, a dash.
_DATELINE = re.compile(
    rf"^\s*[A-Z][A-Z .'’/-]+(?:,\s*[A-Z][A-Za-z .]+)?,?\s+"
    rf"(?:((?i:{_MONTH}))\s+(\d{{1,2}})(?:,\s*(\d{{4}}))?\s+)?"
    r"\(([A-Z][^()]{1,60})\)\s*[-–—]"
)
_PUBLISHED = r"(?:published|posted|appeared|ran|printed|reported)"
_REPRINT = re.compile(
    r"\b(?:"
    rf"(?:first|originally|initially)\s+{_PUBLISHED}\s+(?:by|in|on|at)"
    rf"|after\s+(?:being|it\s+was)\s+(?:first\s+|originally\s+)?{_PUBLISHED}\s+(?:by|in|on|at)"
    r"|(?:reprinted|republished|reproduced|syndicated)\s+(?:here\s+)?(?:with\s+(?:kind\s+)?permission\s+)?from"
    r"|courtesy\s+of"
    r")\s+(?:the\s+website\s+of\s+)?(.+)",
    re.I,
)
# Where an outlet's name ends in a reprint notice.
_NAME_END = re.compile(
    rf"[.;,:!?](?:\s|$)|\s+(?:on|in)\s+(?:\d|{_MONTH})"
    r"|\s+(?:and|under|with|as|where|which)\s|\s*[(\[]|$",
    re.I,
)
_ENDS_WITH_MARK = re.compile(r"[.!?]$")


def _origin_in(line: str) -> str | None:
    match = _REPRINT.search(line)
    if not match:
        return None
    rest = match.group(1)
    end = _NAME_END.search(rest)
    name = rest[: end.start()] if end else rest
    name = name.strip(" \"'“”‘’")
    # A name starts with a capital or a digit ("The Conversation", "60 Minutes").
    if not name or not (name[0].isupper() or name[0].isdigit()) or len(name) > 80:
        return None
    return name


def read_text(text: str) -> Source:
    """Source details the article's own lines give: byline, dateline, reprint notice."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    head = lines[:HEAD_LINES]
    author = outlet = published = origin = None
    for line in head:
        short = len(line) <= SHORT_LINE_CHARS // 2
        if author is None and short and (match := _BYLINE.match(line)):
            author = match.group(1).strip()
        if outlet is None and (match := _DATELINE.match(line[:DATELINE_CHARS])):
            month, day, year, bracketed = match.groups()
            bracketed = bracketed.strip()
            if month and year:
                published = _iso(int(year), _month(month), int(day))
            # Local papers put the date in the brackets: "HENRY COUNTY, Ind. (Aug. 28, 2015) –".
            if dated := iso_date(bracketed):
                published = published or dated
            else:
                outlet = bracketed
    # Reprint notices stand at the top or the foot of an article.
    for line in (*head, *lines[-3:]):
        if len(line) <= SHORT_LINE_CHARS * 2 and (found := _origin_in(line)):
            origin = found
            break
    return Source(outlet=outlet, published=published, author=author, origin=origin)


def is_notice(line: str) -> bool:
    """Whether a line is about the article rather than of it: a byline, a reprint notice."""
    line = line.strip()
    if len(line) <= SHORT_LINE_CHARS // 2 and _BYLINE.match(line):
        return True
    return len(line) <= SHORT_LINE_CHARS and _origin_in(line) is not None


def title_of(text: str) -> str:
    """An article's title: its first line that is not a byline or reprint notice."""
    first = ""
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        first = first or line
        if not is_notice(line):
            return line
    return first


# sources.csv.


class SourcesFileError(ValueError):
    """A sources.csv that cannot be read; the message says why."""


def read_sources_file(path: str | os.PathLike[str]) -> dict[str, Source]:
    """The rows of a ``sources.csv`` (``file,outlet,published,url,author[,origin]``), by file.

    Each row is keyed by the ``file`` column as written; ``lookup`` matches it
    to an article by name, with or without its suffix.
    """
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise SourcesFileError(f"cannot be read ({error})") from None
    if rows and "file" not in {(k or "").strip().lower() for k in rows[0]}:
        raise SourcesFileError("has no 'file' column (expected file,outlet,published,url,author)")
    found: dict[str, Source] = {}
    for row in rows:
        values = {(k or "").strip().lower(): v for k, v in row.items()}
        name = _clean(values.get("file"))
        if name:
            found[name] = Source.from_mapping(values)
    return found


def lookup(rows: Mapping[str, Source], path: str | os.PathLike[str]) -> Source:
    """The row of ``rows`` for an article file, or no details."""
    name = os.path.basename(os.fspath(path))
    stem = os.path.splitext(name)[0]
    for key in (name, stem):
        if key in rows:
            return rows[key]
    for key, source in rows.items():
        if os.path.basename(key) in (name, stem):
            return source
    return Source()


def with_edits(read: Source, edits: Mapping[str, str | None]) -> Source:
    """What was read, with the analyst's edits over it: None is "not edited", "" is "unknown"."""
    changed = {}
    for name, value in edits.items():
        if name in FIELDS and value is not None:
            changed[name] = iso_date(value) or None if name == "published" else _clean(value)
    return replace(read, **changed)
