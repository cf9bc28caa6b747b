"""REFI-QDA .qdpx: written valid against the standard's schema, and read back (nkdesk.export.qdpx)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from nkdesk.corpus import MAX_FILE_BYTES
from nkdesk.export import ImportFileError, export, import_file, read
from nkdesk.export.qdpx import MAX_RATIO, MAX_UNPACKED_BYTES, NAMESPACE
from nkdesk.store import TagStore, open_store

from .conftest import REFI_QDA_SCHEMAS
from .helpers import sqlite_bytes

XSD = REFI_QDA_SCHEMAS / "Project-mrt2019.xsd"
ATLAS_SAMPLE = REFI_QDA_SCHEMAS / "target-atlas-project.qdpx"


def placed(store: TagStore) -> list[tuple[str, int, int, str, str, str, str]]:
    """The placed annotations as (document sha256, start, end, tag, quote, note, author)."""
    shas = {d.id: d.sha256 for d in store.documents()}
    tags = {t.id: t.name for t in store.tags()}
    return sorted(
        (shas[a.document], a.start, a.end, tags[a.tag], a.quote, a.note, a.author)
        for a in store.annotations()
        if not a.orphaned
    )


def test_project_qde_is_valid_against_the_refi_qda_schema(tagged: TagStore, tmp_path: Path) -> None:
    from lxml import etree as lxml  # the test extra

    target = tmp_path / "project.qdpx"
    export(tagged, "qdpx", target)
    schema = lxml.XMLSchema(lxml.parse(str(XSD)))
    with zipfile.ZipFile(target) as archive:
        document = lxml.fromstring(archive.read("project.qde"))
    assert schema.validate(document), schema.error_log


def test_the_archive_holds_the_project_and_the_sources(tagged: TagStore, tmp_path: Path) -> None:
    import xml.etree.ElementTree as ET

    target = tmp_path / "project.qdpx"
    export(tagged, "qdpx", target)
    q = "{" + NAMESPACE + "}"
    with zipfile.ZipFile(target) as archive:
        assert archive.testzip() is None
        names = archive.namelist()
        root = ET.fromstring(archive.read("project.qde"))
        sources = root.findall(f"{q}Sources/{q}TextSource")
        texts = {}
        for source in sources:
            path = source.get("plainTextPath", "")
            assert path.startswith("internal://") and path.endswith(".txt")
            member = "sources/" + path.removeprefix("internal://")
            assert member in names
            texts[source.get("name")] = archive.read(member).decode("utf-8")
    assert sorted(texts.values()) == sorted(d.text for d in tagged.documents())
    codes = {c.get("name"): c.get("color") for c in root.iter(f"{q}Code")}
    assert codes == {t.name: t.colour for t in tagged.tags()}
    selections = list(root.iter(f"{q}PlainTextSelection"))
    # Every placed annotation, and not the orphaned one.
    assert len(selections) == len([a for a in tagged.annotations() if not a.orphaned])
    agency = next(s for s in sources if s.get("name") == tagged.document("agency").title)
    first = next(
        s for s in agency.iter(f"{q}PlainTextSelection") if "12,000 troops" in s.get("name")
    )
    start, end = int(first.get("startPosition")), int(first.get("endPosition"))
    # Code points: the flag before the passage counts two, as in Python.
    assert tagged.document("agency").text[start:end] == first.get("name")
    assert "claim: North Korean troops in Russia" in first.findtext(f"{q}Description")
    assert [n.findtext(f"{q}PlainTextContent") for n in root.iter(f"{q}Note")].count(
        "Figure from Seoul 🇰🇷; compare 𝟏𝟐 000 elsewhere"
    ) == 1
    assert [u.get("name") for u in root.iter(f"{q}User")] == ["ann"]


def test_our_export_reads_back(tagged: TagStore, tmp_path: Path) -> None:
    target = tmp_path / "project.qdpx"
    export(tagged, "qdpx", target)
    with TagStore.memory() as copy:
        report = import_file(copy, target)
        assert report.vocabulary_replaced
        assert placed(copy) == placed(tagged)
        assert {(t.name, t.colour, t.description) for t in copy.tags()} == {
            (t.name, t.colour, t.description) for t in tagged.tags()
        }
        assert {d.sha256 for d in copy.documents()} == {d.sha256 for d in tagged.documents()}
    # And merged into the tag file it came from, it adds nothing.
    report = import_file(tagged, target)
    assert report.annotations_added == 0 and report.documents_matched == 3


def test_the_atlas_ti_sample_code_book_imports(store: TagStore) -> None:
    report = import_file(store, ATLAS_SAMPLE)
    assert report.tags_added == 3 and report.annotations_added == 0
    assert [t.name for t in store.tags()] == [
        "Commits",
        "Commits / 2022-05-10T02:05:59Z 19e4dce",
        "Commits / 2022-02-11T10:39:25Z cdbfd92",
    ]


def qdpx_bytes(project: str | bytes, members: dict[str, bytes] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", project)
        for name, data in (members or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


OTHER_TOOL = """<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="other" origin="SomeQDA 9">
  <Users><User guid="11111111-2222-3333-4444-555555555555" name="Maria" /></Users>
  <CodeBook><Codes>
    <Code guid="A0000000-0000-0000-0000-000000000001" name="Numbers" isCodable="true" color="#a0b">
      <Description>figures</Description>
      <Code guid="A0000000-0000-0000-0000-000000000002" name="Troops" isCodable="true" />
    </Code>
  </Codes></CodeBook>
  <Sources>
    <TextSource guid="{B0000000-0000-0000-0000-000000000001}" name="report.txt"
                plainTextPath="internal://B0000000-0000-0000-0000-000000000001.txt">
      <PlainTextSelection guid="C0000000-0000-0000-0000-000000000001" startPosition="{start}"
          endPosition="{end}" creatingUser="11111111-2222-3333-4444-555555555555"
          creationDateTime="2024-10-01T12:00:00Z">
        <Coding guid="D0000000-0000-0000-0000-000000000001">
          <CodeRef targetGUID="A0000000-0000-0000-0000-000000000002" />
        </Coding>
        <NoteRef targetGUID="E0000000-0000-0000-0000-000000000001" />
      </PlainTextSelection>
    </TextSource>
    <TextSource guid="B0000000-0000-0000-0000-000000000002" name="inline">
      <PlainTextContent>Short inline text.</PlainTextContent>
      <PlainTextSelection guid="C0000000-0000-0000-0000-000000000002" startPosition="0" endPosition="5">
        <Coding guid="D0000000-0000-0000-0000-000000000002">
          <CodeRef targetGUID="A0000000-0000-0000-0000-000000000001" />
        </Coding>
      </PlainTextSelection>
    </TextSource>
    <PDFSource guid="B0000000-0000-0000-0000-000000000003" name="scan.pdf" path="internal://x.pdf" />
  </Sources>
  <Notes><Note guid="E0000000-0000-0000-0000-000000000001" name="n">
    <PlainTextContent>Maria's memo</PlainTextContent></Note></Notes>
</Project>
"""
# The other tool saved its source with a BOM and Windows newlines and counted
# "\r\n" as two characters, as the file has them.
RAW_SOURCE = "Line one 🇺🇦.\r\nSeoul says 10,000 troops.\r\n"


def other_tool_project(start: int | str, end: int | str) -> bytes:
    project = OTHER_TOOL.replace("{start}", str(start)).replace("{end}", str(end))
    source = {
        "sources/B0000000-0000-0000-0000-000000000001.txt": b"\xef\xbb\xbf" + RAW_SOURCE.encode()
    }
    return qdpx_bytes(project, source)


def test_another_tools_project_reads_with_its_newlines_and_nesting(tmp_path: Path) -> None:
    start = RAW_SOURCE.index("10,000 troops")
    path = tmp_path / "other.qdpx"
    path.write_bytes(other_tool_project(start, start + len("10,000 troops")))
    data = read(path)
    assert [t.name for t in data.tags] == ["Numbers", "Numbers / Troops"]
    assert data.tags[0].colour == "#AA00BB" and data.tags[0].description == "figures"
    report_doc, inline = data.documents
    assert report_doc.text == "Line one 🇺🇦.\nSeoul says 10,000 troops.\n"
    assert (report_doc.id, report_doc.title, inline.text) == (
        "report",
        "report.txt",
        "Short inline text.",
    )
    first, second = data.annotations
    assert first.quote == "10,000 troops" == report_doc.text[first.start : first.end]
    assert (first.author, first.note, first.created) == (
        "Maria",
        "Maria's memo",
        "2024-10-01T12:00:00Z",
    )
    assert second.quote == "Short"
    assert data.warnings == ("skipped PDFSource 'scan.pdf': not text",)


HOSTILE_XML = {
    "billion laughs": """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<Project xmlns="urn:QDA-XML:project:1.0" name="&lol3;"/>""",
    "external entity": """<?xml version="1.0"?>
<!DOCTYPE p [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<Project xmlns="urn:QDA-XML:project:1.0" name="&xxe;"/>""",
    "external DTD": """<?xml version="1.0"?>
<!DOCTYPE Project SYSTEM "http://evil.example/project.dtd">
<Project xmlns="urn:QDA-XML:project:1.0" name="x"/>""",
    "undeclared entity": """<Project xmlns="urn:QDA-XML:project:1.0" name="&nope;"/>""",
    "not XML": "this is not XML at all <<<",
    "another root": """<html xmlns="http://www.w3.org/1999/xhtml"/>""",
    "deep nesting": '<Project xmlns="urn:QDA-XML:project:1.0" name="x">'
    + "<a>" * 500
    + "</a>" * 500
    + "</Project>",
}


def hostile_archives() -> dict[str, bytes]:
    cases = {name: qdpx_bytes(xml) for name, xml in HOSTILE_XML.items()}
    start = RAW_SOURCE.index("10,000")
    cases["negative offset"] = other_tool_project(-1, 5)
    cases["offset past the end"] = other_tool_project(start, 10_000)
    cases["huge offset"] = other_tool_project(0, 10**40)
    cases["offset not a number"] = other_tool_project(0, "1e5")
    cases["end before start"] = other_tool_project(9, 3)
    cases["unknown code"] = qdpx_bytes(
        OTHER_TOOL.replace(
            '<CodeRef targetGUID="A0000000-0000-0000-0000-000000000002" />',
            '<CodeRef targetGUID="F0000000-0000-0000-0000-000000000009" />',
        )
        .replace("{start}", "0")
        .replace("{end}", "4"),
        {"sources/B0000000-0000-0000-0000-000000000001.txt": RAW_SOURCE.encode()},
    )
    cases["missing source file"] = qdpx_bytes(
        OTHER_TOOL.replace("{start}", "0").replace("{end}", "4")
    )
    cases["no project.qde"] = qdpx_bytes("<x/>", {}).replace(b"project.qde", b"somethin.qde")
    cases["path traversal"] = qdpx_bytes(HOSTILE_XML["another root"], {"../../evil.txt": b"x"})
    cases["absolute path"] = qdpx_bytes(HOSTILE_XML["another root"], {"/etc/evil": b"x"})
    cases["zip bomb"] = qdpx_bytes(
        HOSTILE_XML["another root"], {"sources/zeros.txt": bytes(4 << 20)}
    )
    cases["damaged zip"] = qdpx_bytes(OTHER_TOOL)[:200]
    return cases


HOSTILE_ARCHIVES = hostile_archives()


@pytest.mark.parametrize("case", sorted(HOSTILE_ARCHIVES))
def test_a_hostile_or_broken_qdpx_is_refused_and_the_tag_file_untouched(
    case: str, tmp_path: Path
) -> None:
    db = tmp_path / "tags.sqlite"
    with open_store(db) as store:
        store.add_tag("mine", "#010203")
    before = sqlite_bytes(db)
    path = tmp_path / f"{case.replace(' ', '-')}.qdpx"
    path.write_bytes(HOSTILE_ARCHIVES[case])
    with open_store(db) as store, pytest.raises(ImportFileError) as raised:
        import_file(store, path)
    assert raised.value.path == str(path)
    assert str(path) in str(raised.value)
    assert sqlite_bytes(db) == before


def test_what_the_refusals_say(tmp_path: Path) -> None:
    def reason(case: str) -> str:
        path = tmp_path / "case.qdpx"
        path.write_bytes(HOSTILE_ARCHIVES[case])
        with pytest.raises(ImportFileError) as raised:
            read(path)
        return raised.value.reason

    assert "document type declaration" in reason("billion laughs")
    assert "document type declaration" in reason("external entity")
    assert "unsafe path" in reason("path traversal")
    assert "unsafe path" in reason("absolute path")
    assert f"compressed more than {MAX_RATIO} to 1" in reason("zip bomb")
    assert "outside its" in reason("offset past the end")
    assert "not a position" in reason("huge offset")
    assert "not a code in the code book" in reason("unknown code") or "code book" in reason(
        "unknown code"
    )


def test_an_archive_that_unpacks_to_too_much_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from nkdesk.export import qdpx

    monkeypatch.setattr(qdpx, "MAX_UNPACKED_BYTES", 1000)
    path = tmp_path / "big.qdpx"
    path.write_bytes(qdpx_bytes(HOSTILE_XML["another root"], {"sources/a.txt": b"abc" * 1000}))
    with pytest.raises(ImportFileError, match="would unpack to"):
        read(path)


def sources_project(count: int) -> str:
    """A project with ``count`` text sources, ``sources/<n>.txt``, coded nowhere."""
    sources = "".join(
        f'<TextSource guid="{n:08X}-0000-0000-0000-000000000000" name="a{n}.txt" '
        f'plainTextPath="internal://{n}.txt"/>'
        for n in range(count)
    )
    return (
        f'<Project xmlns="{NAMESPACE}" name="p"><CodeBook><Codes>'
        '<Code guid="C0000000-0000-0000-0000-000000000000" name="x" isCodable="true"/>'
        f"</Codes></CodeBook><Sources>{sources}</Sources></Project>"
    )


def refused_and_untouched(tmp_path: Path, archive: bytes) -> ImportFileError:
    """Import ``archive`` into a tag file; return the refusal, checking nothing changed."""
    db = tmp_path / "tags.sqlite"
    with open_store(db) as store:
        store.add_tag("mine", "#010203")
    before = sqlite_bytes(db)
    path = tmp_path / "in.qdpx"
    path.write_bytes(archive)
    with open_store(db) as store, pytest.raises(ImportFileError) as raised:
        import_file(store, path)
    assert sqlite_bytes(db) == before
    assert raised.value.path == str(path)
    return raised.value


def test_many_members_just_under_a_mebibyte_each_are_refused_as_a_bomb(tmp_path: Path) -> None:
    # The case: 250 members of 1 MiB - 1 byte pack into about 300 KB.
    filler = b"a" * ((1 << 20) - 1)
    archive = qdpx_bytes(sources_project(250), {f"sources/{n}.txt": filler for n in range(250)})
    assert len(archive) < 400_000
    error = refused_and_untouched(tmp_path, archive)
    assert "zip bomb" in error.reason and f"more than {MAX_RATIO} to 1" in error.reason


def test_many_small_members_that_together_unpack_too_far_are_refused(tmp_path: Path) -> None:
    # Each is below the size a ratio is judged at; together they are not.
    filler = b"b" * (60 << 10)
    archive = qdpx_bytes(sources_project(400), {f"sources/{n}.txt": filler for n in range(400)})
    error = refused_and_untouched(tmp_path, archive)
    assert "zip bomb" in error.reason and "its text files" in error.reason


def test_a_source_larger_than_an_article_is_refused(tmp_path: Path) -> None:
    import random

    # Random letters barely compress, so only the size of the text can refuse it.
    rng = random.Random(0)
    text = "".join(rng.choice("abcdefghij klmnopqrstuvwxyz") for _ in range(MAX_FILE_BYTES + 10))
    archive = qdpx_bytes(sources_project(1), {"sources/0.txt": text.encode()})
    error = refused_and_untouched(tmp_path, archive)
    assert "'sources/0.txt'" in error.reason and "5 MB" in error.reason


def test_more_documents_than_an_import_takes_are_refused_before_they_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from nkdesk.export import tagfile

    monkeypatch.setitem(tagfile.MAX_ROWS, "documents", 20)
    # The sources' files are missing: refused on the count, they are never looked for.
    error = refused_and_untouched(tmp_path, qdpx_bytes(sources_project(21)))
    assert error.reason == "holds 21 documents; nkdesk imports at most 20"


def test_pictures_and_recordings_are_not_judged_by_their_size(tmp_path: Path) -> None:
    # A member nkdesk never reads (it skips non-text sources) may be large and squashy.
    project = sources_project(1).replace(
        "</Sources>",
        '<PictureSource guid="D0000000-0000-0000-0000-000000000000" name="p.png"/></Sources>',
    )
    archive = qdpx_bytes(
        project, {"sources/0.txt": b"An article.", "sources/p.png": bytes(MAX_UNPACKED_BYTES + 1)}
    )
    path = tmp_path / "in.qdpx"
    path.write_bytes(archive)
    data = read(path)
    assert [d.text for d in data.documents] == ["An article."]


def test_undoing_an_import_takes_its_documents_with_it(tmp_path: Path) -> None:
    start = RAW_SOURCE.index("10,000 troops")
    path = tmp_path / "other.qdpx"
    path.write_bytes(other_tool_project(start, start + len("10,000 troops")))
    with open_store(tmp_path / "tags.sqlite") as store:
        import_file(store, path)
        imported = (store.documents(), store.annotations())
        assert imported[0] and imported[1]
        store.undo()
        assert store.documents() == [] and store.annotations() == []
        store.redo()
        assert (store.documents(), store.annotations()) == imported
