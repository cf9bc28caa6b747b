"""Reading article files into Documents.

A Document's ``text`` is the file as decoded with its newlines normalised to
``\\n``; nothing else is changed, so that offsets into it (code points,
half-open) are the offsets the analyst sees and the ones a tag quotes.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from nkdesk import sources
from nkdesk.sources import Source

MAX_FILE_BYTES = 5 * 1024 * 1024
ARTICLE_SUFFIXES = frozenset({".txt", ".md", ".html", ".htm"})
HTML_SUFFIXES = frozenset({".html", ".htm"})

# Control characters that never occur in prose; their presence in a decoded
# file means we are looking at something that is not an article.
_BINARY_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_BINARY_CONTROL_SHARE = 0.01
# The encoding of last resort, for files that are not UTF-8: Windows' Western
# European code page, which decodes almost any byte, so what it gives must
# also look like text: at least this share of it (see ``_text_share``), once
# it is long enough for a share to mean something. Prose in the languages
# cp1252 serves scores 0.97 or more; random bytes 0.64.
FALLBACK_ENCODING = "cp1252"
FALLBACK_TEXT_SHARE = 0.8
FALLBACK_CHECK_MIN_CHARS = 64
_PLAIN_TEXT = re.compile(r"[A-Za-z0-9\s!-/:-@\[-`{-~‘’‚“”„–—…•\u00a0]")
# Opening a FIFO for reading waits for a writer unless told not to; Windows
# has no FIFOs but translates newlines unless told not to.
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_BINARY = getattr(os, "O_BINARY", 0)
_ACCENTED_IN_WORD = re.compile(r"(?<=[A-Za-z])[^\W\d_A-Za-z]|[^\W\d_A-Za-z](?=[A-Za-z])")


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
    # Who published it, when, where (nkdesk.sources); the analyst's edits over what was read.
    source: Source = field(default=Source(), compare=False)

    @classmethod
    def from_text(
        cls,
        id: str,
        text: str,
        *,
        title: str | None = None,
        path: str = "",
        source: Source | None = None,
    ) -> Document:
        """A Document for text that did not come from a file (tests, the API)."""
        text = normalize_newlines(text)
        return cls(
            id=id,
            title=title if title is not None else sources.title_of(text) or id,
            path=path,
            text=text,
            sha256=text_sha256(text),
            source=source if source is not None else sources.read_text(text),
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
    return decode_text(data, path)[0]


def decode_text(data: bytes, path: str | os.PathLike[str] = "<bytes>") -> tuple[str, str]:
    """``decode``, also naming the encoding it chose ("utf-8", "utf-16" or "cp1252")."""
    if data.startswith(b"\xef\xbb\xbf"):
        text, encoding = _strict(data[3:], "utf-8", path), "utf-8"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text, encoding = _strict(data, "utf-16", path), "utf-16"
    else:
        if b"\x00" in data:
            raise CorpusError(
                path, "looks like a binary file (it contains NUL bytes), not an article"
            )
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text, encoding = _strict(data, FALLBACK_ENCODING, path), FALLBACK_ENCODING
            if len(text) >= FALLBACK_CHECK_MIN_CHARS and _text_share(text) < FALLBACK_TEXT_SHARE:
                raise CorpusError(
                    path,
                    "does not look like text: it is not UTF-8, and read as cp1252 it is "
                    "mostly not letters, digits, spaces and punctuation (a binary file, or "
                    "text in an encoding nkdesk does not read; save it as UTF-8)",
                ) from None
    controls = len(_BINARY_CONTROL.findall(text))
    if controls and (controls > _BINARY_CONTROL_SHARE * len(text) or "\x00" in text):
        raise CorpusError(path, "looks like a binary file (control characters), not an article")
    return text, encoding


def _text_share(text: str) -> float:
    """The share of ``text`` that reads as Western European prose.

    That is ASCII letters, digits, spaces and punctuation, the typographic
    punctuation Windows keyboards type, and accented letters beside an ASCII
    letter ("café", "Müller"). Any Unicode letter would not do: read as cp1252,
    random bytes are mostly letters ("ÃœÂ¥Ð..."), but seldom in words.
    """
    plain = len(_PLAIN_TEXT.findall(text))
    accented = len(_ACCENTED_IN_WORD.findall(text))
    return (plain + accented) / len(text)


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
    """Read one article file. Raises CorpusError naming the file and the problem.

    Its source details come from a ``sources.csv`` beside it, if there is one,
    then from the file itself (``nkdesk.sources``).
    """
    warnings: list[str] = []
    listed = _listed_sources(Path(path).parent, {}, warnings)
    return _read_document(Path(path), doc_id, warnings, listed)


def _listed_sources(
    folder: Path, cache: dict[Path, dict[str, Source]], warnings: list[str]
) -> dict[str, Source]:
    """The rows of the ``sources.csv`` in a folder (none if it has none), read once per folder."""
    if folder not in cache:
        listing = folder / sources.SOURCES_FILE
        cache[folder] = {}
        if listing.is_file():
            try:
                cache[folder] = sources.read_sources_file(listing)
            except sources.SourcesFileError as error:
                warnings.append(f"{listing}: {error}; the articles' own source details are used")
    return cache[folder]


def _read_document(
    path: Path,
    doc_id: str | None,
    warnings: list[str],
    listed: dict[str, Source] | None = None,
) -> Document:
    """``load_document``, adding what the analyst should know about the file to ``warnings``."""
    data = _read_bytes(path)
    text, encoding = decode_text(data, path)
    if encoding == FALLBACK_ENCODING:
        warnings.append(
            f"{path}: is not valid UTF-8; it was read as {FALLBACK_ENCODING} "
            "(Windows Western European), which may not be how it was written"
        )
    text = normalize_newlines(text)
    title: str | None = None
    if path.suffix.lower() in HTML_SUFFIXES:
        carried, title = sources.read_html(text)
        text = html_to_text(text)
    else:
        # Front matter is about the article, like an HTML page's head: it is
        # read, and kept out of the text that is compared and tagged.
        values, text = sources.split_front_matter(text)
        carried, title = Source.from_mapping(values), values.get("title")
    source = sources.lookup(listed or {}, path).over(carried).over(sources.read_text(text))
    return Document(
        id=doc_id or path.stem,
        title=title or sources.title_of(text) or path.stem,
        path=str(path),
        text=text,
        sha256=text_sha256(text),
        source=source,
    )


def _read_bytes(path: Path) -> bytes:
    """A regular file's bytes, refusing at once anything that is not one.

    The file is opened without blocking and checked through the open handle,
    so a FIFO (which would wait for ever for a writer), a device or a socket
    is refused even if it replaced a regular file after a first look.
    """
    try:
        descriptor = os.open(path, os.O_RDONLY | _NONBLOCK | _BINARY)
    except FileNotFoundError:
        if path.is_symlink():
            raise CorpusError(path, "is a symbolic link to nothing (its target is gone)") from None
        raise CorpusError(path, "does not exist") from None
    except OSError as error:
        raise CorpusError(path, _os_reason(error)) from None
    with os.fdopen(descriptor, "rb") as file:
        info = os.fstat(file.fileno())
        if stat.S_ISDIR(info.st_mode):
            raise CorpusError(path, "is a folder, not an article file")
        if not stat.S_ISREG(info.st_mode):
            raise CorpusError(path, f"is not a regular file ({_kind(info.st_mode)}); nothing read")
        if info.st_size > MAX_FILE_BYTES:
            raise CorpusError(path, _too_large(info.st_size))
        try:
            # One byte past the limit: a file that grows while it is read is still refused.
            data = file.read(MAX_FILE_BYTES + 1)
        except OSError as error:
            raise CorpusError(path, _os_reason(error)) from None
    if len(data) > MAX_FILE_BYTES:
        raise CorpusError(path, _too_large(len(data)))
    return data


def _too_large(size: int) -> str:
    return f"is too large to be an article ({size / 1e6:.1f} MB; the limit is 5 MB)"


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a file of text"


def _os_reason(error: OSError) -> str:
    if error.errno == errno.ELOOP:
        return "is a symbolic link that leads back to itself (a loop); nothing read"
    return f"cannot be read ({error.strerror or error})"


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
    loads as an empty document and adds a warning, as does a file read as
    cp1252 because it is not UTF-8.
    """
    files = _expand(paths)
    if not files:
        raise CorpusError("(no paths)", "no article files were given")
    documents: list[Document] = []
    warnings: list[str] = []
    taken: set[str] = set()
    seen: set[Path] = set()
    listings: dict[Path, dict[str, Source]] = {}
    for path in files:
        try:
            key = path.resolve()
        except (OSError, RuntimeError):
            # A symbolic link loop (RuntimeError before Python 3.13); reading
            # the file names the problem.
            key = path.absolute()
        if key in seen:
            continue
        seen.add(key)
        listed = _listed_sources(path.parent, listings, warnings)
        document = _read_document(path, _unique_id(path.stem, taken), warnings, listed)
        if not document.text.strip():
            warnings.append(f"{path}: is empty; it is loaded as an empty article")
        documents.append(document)
    return Corpus(tuple(documents), tuple(warnings))
