"""REFI-QDA (``.qdpx``): the exchange format of qualitative analysis tools (ATLAS.ti, NVivo,
MAXQDA, QDA Miner...), written and read.

A ``.qdpx`` is a zip holding ``project.qde`` (XML, namespace
``urn:QDA-XML:project:1.0``, schema Project-mrt2019.xsd) and the sources under
``sources/``. nkdesk maps:

- the tag vocabulary to the **code book** (one ``Code`` per tag, with its colour
  and description);
- each document to a ``TextSource`` whose text is ``sources/<guid>.txt``
  (UTF-8, as stored: newlines are ``\\n``), referred to as ``internal://<guid>.txt``;
- each placed annotation to a ``PlainTextSelection`` (startPosition and
  endPosition in code points, as the standard counts characters) holding a
  ``Coding`` with a ``CodeRef`` to its tag; its note becomes a ``Note`` the
  selection refers to, its author a ``User``; claim, stance, value and speaker,
  which REFI-QDA has no place for, are written into the selection's
  ``Description`` for people to read. Orphaned annotations have no position and
  are left out. The JSON export is the lossless one.

Reading takes the code book (nested codes become "Parent / Child" tags) and
the text codings of ``TextSource``s; pictures, PDFs, audio and video, and
sources kept outside the archive, are skipped with a warning. The archive and
its XML come from other people, so reading refuses what could hurt: unsafe
member names (absolute, ``..``), more bytes unpacked than ``MAX_UNPACKED_BYTES``,
text compressed more than ``MAX_RATIO`` to one (zip bombs), a source over the
5 MB of an article, more documents than an import takes
(``nkdesk.export.tagfile.MAX_ROWS``), and any DTD in the XML
(``nkdesk.export.safexml``).
"""

from __future__ import annotations

import bisect
import io
import os
import re
import uuid
import xml.etree.ElementTree as ET
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import PurePath
from typing import BinaryIO

from nkdesk import __version__
from nkdesk import sources as sources_module
from nkdesk.corpus import (
    MAX_FILE_BYTES,
    CorpusError,
    Document,
    decode,
    normalize_newlines,
    text_sha256,
)
from nkdesk.export import safexml
from nkdesk.export.errors import ImportFileError
from nkdesk.export.output import Progress
from nkdesk.export.tagfile import MAX_NAME_CHARS, StoredAnnotations, TagFile, check_size
from nkdesk.sources import Source
from nkdesk.store import Annotation, Claim, Tag
from nkdesk.store.anchoring import Anchor
from nkdesk.store.schema import DEFAULT_VOCABULARY

NAMESPACE = "urn:QDA-XML:project:1.0"
PROJECT = "project.qde"
SOURCES = "sources"
INTERNAL = "internal://"
# The namespace of the version-5 GUIDs given to tags, documents and codings,
# so that exporting the same tag file twice gives the same GUIDs.
GUID_NAMESPACE = uuid.UUID("0b8f4c55-8d2e-4a8e-93b1-6e6b64657371")
CODE_PATH_SEPARATOR = " / "
# A selection's name is its quote, cut to this many characters.
SELECTION_NAME_CHARS = 80

# Limits on what is read from an archive: members, bytes unpacked in all, and
# the ratio of unpacked to packed bytes, for each member read and for the text
# of the archive as a whole. Prose deflates to between a half and a tenth of
# its size; what unpacks to more than MAX_RATIO times its size is not anyone's
# writing but a zip bomb (250 members of "aaa..." under 1 MiB each unpack 850
# to 1). Below RATIO_FLOOR_BYTES a ratio means nothing. Each source's text is
# at most the 5 MB of an article (nkdesk.corpus.MAX_FILE_BYTES).
MAX_UNPACKED_BYTES = 128 << 20
MAX_MEMBERS = 100_000
MAX_RATIO = 50
RATIO_FLOOR_BYTES = 64 << 10
# The members that may be read as text: the project and the sources' text files.
_TEXT_MEMBER_SUFFIXES = (".qde", ".txt")

# What each source variable holds, for the QDA program's variable list.
VARIABLE_DESCRIPTIONS = {
    "outlet": "who published the article",
    "published": "when it was published: an ISO 8601 date, possibly partial (2024-12)",
    "url": "where it was published",
    "author": "who wrote it",
    "origin": "the outlet it was first published by, when it says so",
}

_Q = "{" + NAMESPACE + "}"
# Characters XML 1.0 cannot carry at all, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_UNSAFE_NAME = re.compile(r"(^[/\\])|(^[A-Za-z]:)|(\\)|(\x00)|((^|/)\.\.(/|$))")
_POSITION = re.compile(r"-?[0-9]{1,12}")
_RGB = re.compile(r"#([0-9A-Fa-f]{6}|[0-9A-Fa-f]{3})")


def guid(*parts: object) -> str:
    """A stable GUID, upper case as the REFI-QDA samples write them."""
    return str(uuid.uuid5(GUID_NAMESPACE, chr(31).join(map(str, parts)))).upper()


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _sub(parent: ET.Element, tag: str, **attributes: str) -> ET.Element:
    # Without the namespace: each piece is written on its own, and the one
    # xmlns on <Project> (``_Writer``) puts them all in it.
    return ET.SubElement(parent, tag, {k: _xml_text(v) for k, v in attributes.items()})


def _element(tag: str, **attributes: str) -> ET.Element:
    return ET.Element(tag, {k: _xml_text(v) for k, v in attributes.items()})


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


class _Writer:
    """``project.qde`` written a piece at a time, as ``ET.indent`` and ``ET.tostring``
    would write the whole tree (one space per level): the same bytes, held one
    element (one selection, one note) at a time."""

    def __init__(self, out: BinaryIO) -> None:
        self._out = out
        self._parts: list[str] = []
        self._size = 0

    def text(self, text: str) -> None:
        self._parts.append(text)
        self._size += len(text)
        if self._size > 1 << 16:
            self.flush()

    def element(self, element: ET.Element, level: int) -> None:
        """A whole element on its own line at ``level``, its children indented below it."""
        ET.indent(element, space=" ", level=level)
        self.text("\n" + " " * level + ET.tostring(element, encoding="unicode"))

    def start(self, element: ET.Element, level: int) -> None:
        """An element's start tag on its own line at ``level``; its children follow."""
        self.text("\n" + " " * level + _start_tag(element))

    def end(self, tag: str, level: int) -> None:
        self.text("\n" + " " * level + f"</{tag}>")

    def flush(self) -> None:
        # As ET.tostring(encoding="utf-8") writes what UTF-8 cannot (a lone surrogate).
        self._out.write("".join(self._parts).encode("utf-8", "xmlcharrefreplace"))
        self._parts.clear()
        self._size = 0


def _start_tag(element: ET.Element) -> str:
    empty = ET.tostring(element, encoding="unicode")  # "<Tag a="..." />"
    return empty.removesuffix(" />") + ">"


def _by_document(data: TagFile) -> Iterator[tuple[Document, Iterable[Annotation]]]:
    """Each document with its annotations, in the order of ``data.annotations``."""
    if isinstance(data.annotations, StoredAnnotations):
        for document in data.documents:
            yield document, data.annotations.of_document(document.id)
        return
    by_document: dict[str, list[Annotation]] = {d.id: [] for d in data.documents}
    for annotation in data.annotations:
        by_document[annotation.document].append(annotation)
    for document in data.documents:
        yield document, by_document[document.id]


def write_project(data: TagFile, out: BinaryIO, progress: Progress | None = None) -> None:
    """Write ``project.qde`` for ``data`` to ``out`` (UTF-8 XML), a selection at a time."""
    name = PurePath(data.origin).stem if data.origin not in ("", ":memory:") else ""
    root = _element(
        "Project", name=name or "nkdesk", origin=f"nkdesk {__version__}", creationDateTime=_now()
    )
    users = {a: guid("user", a) for a in sorted({a.author for a in data.annotations if a.author})}
    codes = {tag.id: guid("code", tag.name.casefold()) for tag in data.tags}
    writer = _Writer(out)
    writer.text("<?xml version='1.0' encoding='utf-8'?>\n")
    if not (users or data.tags or data.documents):
        writer.text(ET.tostring(root, encoding="unicode").replace("<Project", _PROJECT, 1))
        writer.flush()
        return
    writer.text(_start_tag(root).replace("<Project", _PROJECT, 1))
    if users:
        users_element = _element("Users")
        for author, user_guid in users.items():
            _sub(users_element, "User", guid=user_guid, name=author)
        writer.element(users_element, 1)
    if data.tags:
        code_book = _element("CodeBook")
        codes_element = _sub(code_book, "Codes")
        for tag in data.tags:
            code = _sub(
                codes_element,
                "Code",
                guid=codes[tag.id],
                name=tag.name,
                isCodable="true",
                color=tag.colour,
            )
            if tag.description:
                _sub(code, "Description").text = _xml_text(tag.description)
        writer.element(code_book, 1)
    # Elements made on a holder, to be written one at a time (see _Writer).
    holder = _element("Holder")
    variables = _variables(holder, data)
    for element in holder:
        writer.element(element, 1)
    if data.documents:
        writer.start(_element("Sources"), 1)
        _sources(writer, data, users, codes, variables, progress)
        writer.end("Sources", 1)
        _notes(writer, data, users)
    writer.end("Project", 0)
    writer.flush()


_PROJECT = f'<Project xmlns="{NAMESPACE}"'


def _variables(root: ET.Element, data: TagFile) -> dict[str, str]:
    """A text variable per source detail any document has (field -> its GUID).

    Source details are what REFI-QDA calls source variables; all are text, as
    a date may be partial ("2024-12"), which the standard's DateValue is not.
    """
    used = [f for f in sources_module.FIELDS if any(getattr(d.source, f) for d in data.documents)]
    if not used:
        return {}
    element = _sub(root, "Variables")
    found = {}
    for field in used:
        found[field] = guid("variable", field)
        variable = _sub(element, "Variable", guid=found[field], name=field, typeOfVariable="Text")
        _sub(variable, "Description").text = VARIABLE_DESCRIPTIONS[field]
    return found


def _variable_values(element: ET.Element, document: Document, variables: dict[str, str]) -> None:
    for field, variable_guid in variables.items():
        if value := getattr(document.source, field):
            holder = _sub(element, "VariableValue")
            _sub(holder, "VariableRef", targetGUID=variable_guid)
            _sub(holder, "TextValue").text = _xml_text(value)


def _sources(
    writer: _Writer,
    data: TagFile,
    users: dict[str, str],
    codes: dict[int, str],
    variables: dict[str, str],
    progress: Progress | None,
) -> None:
    """A TextSource per document, with a PlainTextSelection and Coding per placed
    annotation, then the values of its source variables."""
    claims = data.claims_by_id()
    for document, of_document in _by_document(data):
        source_guid = guid("source", document.sha256, document.id)
        writer.start(
            _element(
                "TextSource",
                guid=source_guid,
                name=document.title or document.id,
                plainTextPath=f"{INTERNAL}{source_guid}.txt",
            ),
            2,
        )
        description = _element("Description")
        description.text = _xml_text(
            f"nkdesk document {document.id}" + (f" ({document.path})" if document.path else "")
        )
        writer.element(description, 3)
        for a in of_document:
            if progress is not None:
                progress.step()
            if a.orphaned:
                continue
            selection_guid = guid("selection", document.sha256, a.id, a.start, a.end)
            attributes = {
                "guid": selection_guid,
                "name": a.quote
                if len(a.quote) <= SELECTION_NAME_CHARS
                else a.quote[: SELECTION_NAME_CHARS - 1] + "…",
                "startPosition": str(a.start),
                "endPosition": str(a.end),
                "creationDateTime": a.created,
                "modifiedDateTime": a.modified,
            }
            coding = {"guid": guid("coding", selection_guid), "creationDateTime": a.created}
            if a.author:
                attributes["creatingUser"] = coding["creatingUser"] = users[a.author]
            selection = _element("PlainTextSelection", **attributes)
            described = _description(a, claims)
            if described:
                _sub(selection, "Description").text = _xml_text(described)
            _sub(_sub(selection, "Coding", **coding), "CodeRef", targetGUID=codes[a.tag])
            if a.note:
                _sub(selection, "NoteRef", targetGUID=guid("note", selection_guid))
            writer.element(selection, 3)
        values = _element("Holder")
        _variable_values(values, document, variables)
        for element in values:
            writer.element(element, 3)
        writer.end("TextSource", 2)


def _notes(writer: _Writer, data: TagFile, users: dict[str, str]) -> None:
    """The notes of the placed annotations, in the order of their selections."""
    started = False
    for document, of_document in _by_document(data):
        for a in of_document:
            if a.orphaned or not a.note:
                continue
            if not started:
                writer.start(_element("Notes"), 1)
                started = True
            selection_guid = guid("selection", document.sha256, a.id, a.start, a.end)
            attributes = {
                "guid": guid("note", selection_guid),
                "name": f"Note on “{a.quote[:40]}”",
                "creationDateTime": a.created,
            }
            if a.author:
                attributes["creatingUser"] = users[a.author]
            note = _element("Note", **attributes)
            _sub(note, "PlainTextContent").text = _xml_text(a.note)
            writer.element(note, 2)
    if started:
        writer.end("Notes", 1)


def _description(a: Annotation, claims: dict[int, Claim]) -> str:
    parts = []
    if a.claim is not None:
        parts.append(f"claim: {claims[a.claim].label}")
    if a.stance:
        parts.append(f"stance: {a.stance}")
    if a.value:
        parts.append(f"value: {a.value}")
    if a.speaker:
        parts.append(f"speaker: {a.speaker}")
    return "; ".join(parts)


def write(data: TagFile, out: BinaryIO, progress: Progress) -> None:
    """Write ``data`` as a ``.qdpx`` archive to a seekable binary file.

    ``project.qde`` is written into its zip member as it is made, so memory
    does not grow with the tags; the sources are the documents' texts.
    """
    stamp = datetime.now().timetuple()[:6]
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        info = zipfile.ZipInfo(PROJECT, stamp)
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w") as member:
            write_project(data, member, progress)  # type: ignore[arg-type]
        for document in data.documents:
            source_guid = guid("source", document.sha256, document.id)
            info = zipfile.ZipInfo(f"{SOURCES}/{source_guid}.txt", stamp)
            archive.writestr(info, document.text.encode("utf-8"), zipfile.ZIP_DEFLATED)
            progress.check()


# Reading.


class _Archive:
    """A zip from someone else, read member by member within a byte budget."""

    def __init__(self, source: BinaryIO, path: str | os.PathLike[str]) -> None:
        self.path = path
        try:
            self.zip = zipfile.ZipFile(source)
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError) as error:
            raise ImportFileError(
                path, f"is not a readable .qdpx (zip) archive ({error})"
            ) from None
        if len(infos) > MAX_MEMBERS:
            raise ImportFileError(
                path, f"holds {len(infos)} files; nkdesk reads at most {MAX_MEMBERS}"
            )
        self.members: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            if _UNSAFE_NAME.search(info.filename):
                raise ImportFileError(
                    path, f"holds a file with an unsafe path ({info.filename[:120]!r}); refused"
                )
            self.members[info.filename.casefold()] = info
        # Pictures, PDFs and recordings are skipped unread, whatever their size.
        text = [i for i in infos if i.filename.casefold().endswith(_TEXT_MEMBER_SUFFIXES)]
        for info in text:
            self._check_ratio(info.filename, info.file_size, info.compress_size)
        declared = sum(i.file_size for i in text)
        if declared > MAX_UNPACKED_BYTES:
            raise ImportFileError(
                path, f"would unpack to {declared} bytes; nkdesk reads at most {MAX_UNPACKED_BYTES}"
            )
        self._check_ratio("its text files", declared, sum(i.compress_size for i in text))
        self.budget = MAX_UNPACKED_BYTES

    def _check_ratio(self, what: str, unpacked: int, packed: int) -> None:
        if unpacked > RATIO_FLOOR_BYTES and unpacked > MAX_RATIO * max(packed, 1):
            raise ImportFileError(
                self.path,
                f"looks like a zip bomb: {what[:120]!r} unpacks to {unpacked:,} bytes from "
                f"{packed:,}, compressed more than {MAX_RATIO} to 1; refused",
            )

    def read(self, name: str, limit: int | None = None) -> bytes | None:
        """A member's bytes, or None if there is none by that name (case is ignored).

        More than ``limit`` bytes (or than is left of the budget) is refused.
        """
        info = self.members.get(name.casefold())
        if info is None:
            return None
        most = self.budget if limit is None else min(limit, self.budget)
        try:
            with self.zip.open(info) as member:
                # Sizes in a zip's directory are claims; read no more than allowed.
                data = member.read(most + 1)
        except (
            zipfile.BadZipFile,
            zlib.error,
            EOFError,
            NotImplementedError,
            RuntimeError,
        ) as error:
            raise ImportFileError(
                self.path, f"has a damaged or encrypted member {name!r} ({error})"
            ) from None
        if len(data) > self.budget:
            raise ImportFileError(
                self.path, f"unpacks to more than {MAX_UNPACKED_BYTES} bytes (a zip bomb?)"
            )
        if len(data) > most:
            raise ImportFileError(
                self.path,
                f"{name!r} is more than {most:,} bytes of text; nkdesk reads articles of at "
                "most 5 MB",
            )
        self._check_ratio(name, len(data), info.compress_size)
        self.budget -= len(data)
        return data


def parse(source: bytes | BinaryIO, path: str | os.PathLike[str]) -> TagFile:
    """Read a ``.qdpx`` archive (its bytes, or a seekable file) into a TagFile (not yet
    ``verify``-ed)."""
    archive = _Archive(io.BytesIO(source) if isinstance(source, bytes) else source, path)
    project = archive.read(PROJECT)
    if project is None:
        raise ImportFileError(path, f"is a zip archive without {PROJECT}; not a REFI-QDA project")
    root = safexml.parse(project, path, what=PROJECT)
    return _ProjectReader(root, archive, path).tag_file()


class _ProjectReader:
    def __init__(self, root: ET.Element, archive: _Archive, path: str | os.PathLike[str]) -> None:
        if root.tag != _Q + "Project":
            raise ImportFileError(path, f"{PROJECT} is not a REFI-QDA project (root <{root.tag}>)")
        self.root = root
        self.archive = archive
        self.path = path
        self.warnings: list[str] = []
        self.users = {
            user.get("guid", "").upper(): user.get("name", "")
            for user in root.iterfind(f"{_Q}Users/{_Q}User")
        }

    def refuse(self, reason: str) -> ImportFileError:
        return ImportFileError(self.path, f"{PROJECT}: {reason}")

    def tag_file(self) -> TagFile:
        tags, codes = self.code_book()
        notes = self.notes()
        documents: list[Document] = []
        annotations: list[Annotation] = []
        ids: set[str] = set()
        sources = self.root.findall(f"{_Q}Sources/{_Q}TextSource")
        check_size(self.path, {"documents": len(sources)})
        for element in self.root.iterfind(f"{_Q}Sources/*"):
            if element.tag != _Q + "TextSource":
                kind = element.tag.removeprefix(_Q)
                self.warnings.append(f"skipped {kind} {element.get('name', '')!r}: not text")
                continue
            found = self.text_source(element, ids)
            if found is None:
                continue
            document, removed = found
            documents.append(document)
            ids.add(document.id)
            annotations.extend(
                self.codings(element, document, removed, codes, notes, len(annotations))
            )
        return TagFile(
            tuple(documents),
            tuple(tags),
            (),
            tuple(annotations),
            origin=str(self.path),
            warnings=tuple(self.warnings),
        )

    def code_book(self) -> tuple[list[Tag], dict[str, int]]:
        tags: list[Tag] = []
        codes: dict[str, int] = {}
        names: set[str] = set()

        def walk(element: ET.Element, parent: str) -> None:
            for code in element.iterfind(f"{_Q}Code"):
                code_guid = self.guid_of(code)
                name = " ".join(code.get("name", "").split()) or "(unnamed code)"
                full = f"{parent}{CODE_PATH_SEPARATOR}{name}" if parent else name
                unique, number = full, 2
                while unique.casefold() in names:
                    unique, number = f"{full} ({number})", number + 1
                names.add(unique.casefold())
                tag_id = len(tags) + 1
                tags.append(
                    Tag(
                        tag_id,
                        unique[:MAX_NAME_CHARS],
                        self.colour(code, tag_id),
                        None,
                        code.findtext(f"{_Q}Description", "").strip(),
                    )
                )
                codes[code_guid] = tag_id
                walk(code, full)

        codes_element = self.root.find(f"{_Q}CodeBook/{_Q}Codes")
        if codes_element is not None:
            walk(codes_element, "")
        return tags, codes

    def colour(self, code: ET.Element, tag_id: int) -> str:
        colour = code.get("color", "").strip()
        if _RGB.fullmatch(colour):
            digits = colour[1:]
            if len(digits) == 3:
                digits = "".join(c * 2 for c in digits)
            return "#" + digits.upper()
        # A code without a colour gets one of the default vocabulary's, in turn.
        return DEFAULT_VOCABULARY[(tag_id - 1) % len(DEFAULT_VOCABULARY)][1]

    def guid_of(self, element: ET.Element) -> str:
        value = element.get("guid") or element.get("targetGUID")
        if not value:
            raise self.refuse(f"a <{element.tag.removeprefix(_Q)}> has no guid")
        return value.strip("{} ").upper()

    def notes(self) -> dict[str, str]:
        result = {}
        for note in self.root.iterfind(f"{_Q}Notes/{_Q}Note"):
            text = self.text_of(note, required=False)
            if text is not None:
                result[self.guid_of(note)] = text.strip()
        return result

    def text_of(self, element: ET.Element, *, required: bool) -> str | None:
        """The plain text of a TextSource or Note: inline, or a file inside the archive."""
        name = element.get("name", "") or self.guid_of(element)
        inline = element.find(f"{_Q}PlainTextContent")
        if inline is not None:
            return normalize_newlines(inline.text or "")
        where = element.get("plainTextPath", "")
        if where.startswith(INTERNAL):
            member = f"{SOURCES}/{where.removeprefix(INTERNAL)}"
            raw = self.archive.read(member, limit=MAX_FILE_BYTES)
            if raw is None:
                raise self.refuse(f"{name!r} refers to {member}, which the archive does not hold")
            try:
                return decode(raw, member)
            except CorpusError as error:
                raise self.refuse(f"{name!r}: {error.reason}") from None
        if required:
            self.warnings.append(
                f"skipped {name!r}: its text is not inside the archive ({where or 'no path'})"
            )
        return None

    def text_source(self, element: ET.Element, ids: set[str]) -> tuple[Document, list[int]] | None:
        """The document of a TextSource, and where its text lost a character to "\\r\\n"."""
        raw_text = self.text_of(element, required=True)
        if raw_text is None:
            return None
        text = normalize_newlines(raw_text)
        title = (element.get("name") or "").strip()
        base = re.sub(r"[^\w.-]+", "-", PurePath(title).stem).strip("-")[:60] or self.guid_of(
            element
        )
        document_id, number = base, 2
        while document_id in ids:
            document_id, number = f"{base}-{number}", number + 1
        document = Document(
            document_id,
            title[:MAX_NAME_CHARS],
            "",
            text,
            text_sha256(text),
            source=self.source_details(element),
        )
        # Positions in the file count its own newlines; nkdesk's text has
        # "\r\n" made "\n", so positions after each such pair move back by one.
        return document, [m.start() for m in re.finditer("\r\n", raw_text)]

    def source_details(self, element: ET.Element) -> Source:
        """A TextSource's variables that name source details (outlet, published, ...)."""
        names = {
            self.guid_of(v): (v.get("name") or "").strip().lower()
            for v in self.root.iterfind(f"{_Q}Variables/{_Q}Variable")
        }
        values: dict[str, str] = {}
        for holder in element.iterfind(f"{_Q}VariableValue"):
            ref = holder.find(f"{_Q}VariableRef")
            name = names.get(self.guid_of(ref)) if ref is not None else None
            value = holder.findtext(f"{_Q}TextValue") or holder.findtext(f"{_Q}DateValue")
            if name in sources_module.FIELDS and value:
                values.setdefault(name, value[:MAX_NAME_CHARS])
        return Source.from_mapping(values)

    def position(self, value: str | None, what: str, removed: list[int]) -> int:
        value = (value or "").strip()
        if not _POSITION.fullmatch(value):
            raise self.refuse(f"a selection's {what} is not a position: {value[:20]!r}")
        position = int(value)
        return position - bisect.bisect_left(removed, position)

    def codings(
        self,
        source: ET.Element,
        document: Document,
        removed: list[int],
        codes: dict[str, int],
        notes: dict[str, str],
        numbered: int,
    ) -> Iterator[Annotation]:
        text = document.text
        for selection in source.iterfind(f"{_Q}PlainTextSelection"):
            name = selection.get("name", "")
            start = self.position(selection.get("startPosition"), "startPosition", removed)
            end = self.position(selection.get("endPosition"), "endPosition", removed)
            if not 0 <= start <= end <= len(text):
                raise self.refuse(
                    f"selection {name[:40]!r} of {document.title!r} is [{start}, {end}), "
                    f"outside its {len(text)} characters"
                )
            codings = selection.findall(f"{_Q}Coding")
            if start == end:
                if codings:
                    self.warnings.append(f"skipped an empty selection in {document.title!r}")
                continue
            anchor = Anchor.at(text, start, end)
            note_refs = [self.guid_of(r) for r in selection.iterfind(f"{_Q}NoteRef")]
            for coding in codings:
                reference = coding.find(f"{_Q}CodeRef")
                if reference is None:
                    raise self.refuse(f"a coding of {name[:40]!r} has no CodeRef")
                tag = codes.get(self.guid_of(reference))
                if tag is None:
                    raise self.refuse(
                        f"a coding of {name[:40]!r} refers to a code not in the code book"
                    )
                refs = note_refs + [self.guid_of(r) for r in coding.iterfind(f"{_Q}NoteRef")]
                note = "\n\n".join(notes[r] for r in refs if notes.get(r))
                user = coding.get("creatingUser") or selection.get("creatingUser") or ""
                created = (
                    coding.get("creationDateTime") or selection.get("creationDateTime") or _now()
                )
                numbered += 1
                yield Annotation(
                    id=numbered,
                    document=document.id,
                    start=start,
                    end=end,
                    quote=anchor.quote,
                    prefix=anchor.prefix,
                    suffix=anchor.suffix,
                    tag=tag,
                    claim=None,
                    stance=None,
                    value="",
                    speaker="",
                    note=note,
                    author=self.users.get(user.strip("{} ").upper(), "")[:MAX_NAME_CHARS],
                    created=created,
                    modified=selection.get("modifiedDateTime") or created,
                    orphaned=False,
                )
