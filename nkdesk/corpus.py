"""Reading article files into Documents.

A Document's ``text`` is the file as decoded with its newlines normalised to
``\\n``; nothing else is changed, so that offsets into it (code points,
half-open) are the offsets the analyst sees and the ones a tag quotes.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

MAX_FILE_BYTES = 5 * 1024 * 1024
ARTICLE_SUFFIXES = frozenset({".txt", ".md", ".html", ".htm"})
HTML_SUFFIXES = frozenset({".html", ".htm"})

# Control characters that never occur in prose; their presence in a decoded
# file means we are looking at something that is not an article.
_BINARY_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_BINARY_CONTROL_SHARE = 0.01


class CorpusError(Exception):
    """A file or folder that cannot be read as articles; says which and why."""

    def __init__(self, path: str | os.PathLike[str], reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


@dataclass(frozen=True, slots=True)
class Document:
    """One article as loaded: offsets anywhere in nkdesk index into ``text``."""

    id: str
    title: str
    path: str
    text: str
    sha256: str

    @classmethod
    def from_text(cls, id: str, text: str, *, title: str | None = None, path: str = "") -> Document:
        """A Document for text that did not come from a file (tests, the API)."""
        text = normalize_newlines(text)
        return cls(
            id=id,
            title=title if title is not None else first_line(text) or id,
            path=path,
            text=text,
            sha256=text_sha256(text),
        )

    @property
    def word_count(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True, slots=True)
class Corpus:
    """The documents loaded together, and what the loader had to say about them."""

    documents: tuple[Document, ...]
    warnings: tuple[str, ...] = field(default=())

    def __iter__(self) -> Iterator[Document]:
        return iter(self.documents)

    def __len__(self) -> int:
        return len(self.documents)

    @property
    def name(self) -> str:
        """A short name for window titles: the common folder, or the file."""
        if not self.documents:
            return "(empty)"
        folders = {os.path.dirname(d.path) for d in self.documents if d.path}
        if len(folders) == 1:
            folder = folders.pop()
            return f"{os.path.basename(folder) or folder} ({len(self.documents)} articles)"
        return f"{len(self.documents)} articles"


def text_sha256(text: str) -> str:
    """The identity of a text: sha256 of its UTF-8 bytes after newline normalisation.

    Hashing the decoded text rather than the file's bytes means a file saved
    again as UTF-16 or with CRLF newlines is still recognised as the same article.
    """
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def first_line(text: str) -> str:
    for line in text.split("\n"):
        if line.strip():
            return line.strip()
    return ""


def decode(data: bytes, path: str | os.PathLike[str] = "<bytes>") -> str:
    """Decode an article's bytes: BOMs first, then UTF-8, then cp1252.

    Raises CorpusError for anything that does not look like text.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        text = _strict(data[3:], "utf-8", path)
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = _strict(data, "utf-16", path)
    else:
        if b"\x00" in data:
            raise CorpusError(
                path, "looks like a binary file (it contains NUL bytes), not an article"
            )
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _strict(data, "cp1252", path)
    controls = len(_BINARY_CONTROL.findall(text))
    if controls and (controls > _BINARY_CONTROL_SHARE * len(text) or "\x00" in text):
        raise CorpusError(path, "looks like a binary file (control characters), not an article")
    return text


def _strict(data: bytes, encoding: str, path: str | os.PathLike[str]) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise CorpusError(
            path, f"cannot be decoded as UTF-8, UTF-16 or cp1252 (byte {error.start})"
        ) from None


class _TextExtractor(HTMLParser):
    """Visible text of an HTML page, one line per block element."""

    _BLOCKS = frozenset(
        {
            "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
            "table", "section", "article", "header", "footer", "blockquote", "pre", "title",
            "figcaption", "dd", "dt", "hr",
        }
    )  # fmt: skip
    _HIDDEN = frozenset({"script", "style", "noscript", "template", "head"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._parts: list[str] = []
        self._hidden_depth = 0
        self._in_title = False
        self.title = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        elif tag in self._HIDDEN:
            self._hidden_depth += 1
        if tag in self._BLOCKS:
            self._parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag in self._HIDDEN and self._hidden_depth:
            self._hidden_depth -= 1
        if tag in self._BLOCKS:
            self._parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        elif not self._hidden_depth:
            self._parts.append(data)

    def text(self) -> str:
        raw = "".join(self._parts)
        lines = (" ".join(line.split()) for line in raw.split("\n"))
        return "\n".join(line for line in lines if line)


def html_to_text(markup: str) -> str:
    """The readable text of an HTML document (standard library only)."""
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    return parser.text()


def load_document(path: str | os.PathLike[str], *, doc_id: str | None = None) -> Document:
    """Read one article file. Raises CorpusError naming the file and the problem."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise CorpusError(path, "does not exist") from None
    except OSError as error:
        raise CorpusError(path, f"cannot be read ({error.strerror or error})") from None
    if path.is_dir():
        raise CorpusError(path, "is a folder, not an article file")
    if size > MAX_FILE_BYTES:
        raise CorpusError(
            path, f"is too large to be an article ({size / 1e6:.1f} MB; the limit is 5 MB)"
        )
    try:
        data = path.read_bytes()
    except OSError as error:
        raise CorpusError(path, f"cannot be read ({error.strerror or error})") from None
    text = normalize_newlines(decode(data, path))
    if path.suffix.lower() in HTML_SUFFIXES:
        text = html_to_text(text)
    return Document(
        id=doc_id or path.stem,
        title=first_line(text) or path.stem,
        path=str(path),
        text=text,
        sha256=text_sha256(text),
    )


def _expand(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            try:
                found = sorted(
                    p
                    for p in path.iterdir()
                    if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES
                )
            except OSError as error:
                raise CorpusError(path, f"cannot be read ({error.strerror or error})") from None
            if not found:
                suffixes = ", ".join(sorted(ARTICLE_SUFFIXES))
                raise CorpusError(path, f"holds no articles (no {suffixes} files)")
            files.extend(found)
        else:
            # A file named explicitly is read whatever its suffix; decoding
            # refuses it if it is not text.
            files.append(path)
    return files


def _unique_id(stem: str, taken: set[str]) -> str:
    doc_id, n = stem, 1
    while doc_id in taken:
        n += 1
        doc_id = f"{stem}~{n}"
    taken.add(doc_id)
    return doc_id


def load_corpus(paths: Iterable[str | os.PathLike[str]]) -> Corpus:
    """Load folders and files as one corpus, in the order given (folders sorted).

    Raises CorpusError for the first path that cannot be loaded; an empty file
    loads as an empty document and adds a warning.
    """
    files = _expand(paths)
    if not files:
        raise CorpusError("(no paths)", "no article files were given")
    documents: list[Document] = []
    warnings: list[str] = []
    taken: set[str] = set()
    seen: set[Path] = set()
    for path in files:
        key = path.resolve()
        if key in seen:
            continue
        seen.add(key)
        document = load_document(path, doc_id=_unique_id(path.stem, taken))
        if not document.text.strip():
            warnings.append(f"{path}: is empty; it is loaded as an empty article")
        documents.append(document)
    return Corpus(tuple(documents), tuple(warnings))
