"""CSV: one row per annotation, UTF-8, safe to open in a spreadsheet (nkdesk.export.csvfile)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from nkdesk.export import export, snapshot
from nkdesk.export.csvfile import COLUMNS, neutralise
from nkdesk.store import TagStore


def read_rows(path: Path, encoding: str = "utf-8") -> list[dict[str, str]]:
    with path.open(encoding=encoding, newline="") as file:
        return list(csv.DictReader(file))


def test_one_row_per_annotation_with_the_issue_columns(tagged: TagStore, tmp_path: Path) -> None:
    target = tmp_path / "tags.csv"
    export(tagged, "csv", target)
    raw = target.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    assert raw.split(b"\r\n")[0].decode() == ",".join(COLUMNS)
    assert COLUMNS == (
        "document",
        "start",
        "end",
        "quote",
        "tag",
        "stance",
        "value",
        "speaker",
        "claim",
        "note",
        "author",
        "created",
        "modified",
        "outlet",
        "published",
        "url",
        "article_author",
        "origin",
    )
    rows = read_rows(target)
    annotations = tagged.annotation_rows()
    assert len(rows) == len(annotations)
    for row, expected in zip(rows, annotations, strict=True):
        a = expected.annotation
        assert row["document"] == a.document
        assert (int(row["start"]), int(row["end"])) == (a.start, a.end)
        assert row["tag"] == expected.tag_name
        assert row["claim"] == (expected.claim_label or "")
        assert row["stance"] == (a.stance or "")
        assert row["author"] == "ann"
        assert row["created"] == a.created and row["modified"] == a.modified
        # Text cells come back exactly, apart from the formula guard.
        assert row["quote"] == neutralise(a.quote)
        assert row["note"] == neutralise(a.note)


def test_characters_outside_the_bmp_survive(tagged: TagStore, tmp_path: Path) -> None:
    target = tmp_path / "tags.csv"
    export(tagged, "csv", target)
    notes = [row["note"] for row in read_rows(target)]
    assert "Figure from Seoul 🇰🇷; compare 𝟏𝟐 000 elsewhere" in notes


def test_bom_for_excel(tagged: TagStore, tmp_path: Path) -> None:
    target = tmp_path / "tags.csv"
    export(tagged, "csv", target, bom=True)
    assert target.read_bytes().startswith(b"\xef\xbb\xbfdocument,start,")
    assert len(read_rows(target, "utf-8-sig")) == len(tagged.annotations())


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_cell_that_a_spreadsheet_would_run_is_neutralised(start: str) -> None:
    assert neutralise(f'{start}HYPERLINK("http://evil.example")') == (
        f'\'{start}HYPERLINK("http://evil.example")'
    )


@pytest.mark.parametrize(
    "padding", [" ", "   ", "\n", "\r\n", "\u00a0", "\u200b", "\ufeff", " \u200d\n"]
)
@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_a_formula_behind_spaces_newlines_or_invisible_characters_is_neutralised(
    padding: str, start: str
) -> None:
    cell = f'{padding}{start}HYPERLINK("http://evil.example")'
    assert neutralise(cell) == "'" + cell


@pytest.mark.parametrize(
    "cell", ["12,000", "North Korea", "", " ", "\u200b", "a =not at the start", "'quoted"]
)
def test_ordinary_cells_are_left_alone(cell: str) -> None:
    assert neutralise(cell) == cell


def test_formulas_in_notes_quotes_and_names_are_neutralised_in_the_file(
    store: TagStore, tmp_path: Path
) -> None:
    from nkdesk.corpus import Document

    document = Document.from_text("evil", '=HYPERLINK("http://x")\n@SUM(1)\n-2+3\n')
    store.add_document(document)
    tag = store.add_tag("=tag", "#112233")
    store.add_annotation("evil", 0, 22, tag.id, note="+cmd", value="-5", speaker="@who")
    store.add_annotation("evil", 23, 30, 1, note="\tTAB")
    claim = store.add_claim("=claim")
    store.link_annotation(store.annotations()[0].id, claim.id, "reports")
    target = tmp_path / "evil.csv"
    export(store, "csv", target)
    for row in read_rows(target):
        for column in ("quote", "tag", "value", "speaker", "claim", "note"):
            assert not row[column].startswith(("=", "+", "-", "@", "\t", "\r")), (column, row)
    first = read_rows(target)[0]
    assert first["quote"] == '\'=HYPERLINK("http://x")'
    assert (first["tag"], first["value"], first["speaker"], first["claim"], first["note"]) == (
        "'=tag",
        "'-5",
        "'@who",
        "'=claim",
        "'+cmd",
    )


def test_quotes_with_commas_quotes_and_newlines_stay_one_cell(
    store: TagStore, tmp_path: Path
) -> None:
    from nkdesk.corpus import Document

    text = 'He said "12,000, maybe more"\nand left.'
    store.add_document(Document.from_text("q", text))
    store.add_annotation("q", 0, len(text), 1, note='a, "b"\nc')
    target = tmp_path / "q.csv"
    export(store, "csv", target)
    (row,) = read_rows(target)
    assert row["quote"] == text and row["note"] == 'a, "b"\nc'


def test_an_empty_tag_file_is_just_the_header(store: TagStore) -> None:
    from nkdesk.export import write

    out = io.BytesIO()
    write(snapshot(store), "csv", out)
    assert out.getvalue() == (",".join(COLUMNS) + "\r\n").encode()


def test_padded_formulas_in_the_file_are_neutralised(store: TagStore, tmp_path: Path) -> None:
    from nkdesk.corpus import Document

    store.add_document(Document.from_text("evil", "Officials said 12,000 troops arrived.\n"))
    store.add_annotation("evil", 0, 9, 1, note=" =HYPERLINK(1)", value="\n+5", speaker="\u200b@who")
    target = tmp_path / "evil.csv"
    export(store, "csv", target)
    row = read_rows(target)[0]
    assert (row["note"], row["value"], row["speaker"]) == (
        "' =HYPERLINK(1)",
        "'\n+5",
        "'\u200b@who",
    )
