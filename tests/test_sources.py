"""Source details read from what articles carry: sources.csv, HTML meta, front matter, the text."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nkdesk import sources
from nkdesk.corpus import Document, load_corpus, load_document
from nkdesk.sources import Source

DATA = Path(__file__).parent / "data" / "sources"
SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def test_html_meta_and_canonical_link_give_the_details_and_the_title() -> None:
    document = load_document(DATA / "meta.html")
    assert document.source == Source(
        outlet="The Coastal Herald",
        published="2023-03-14",
        url="https://example.org/news/harbour-reopens",
        author="Mara Lindqvist",
        origin="Pacific Wire Service",
    )
    assert document.title == "Harbour reopens after the storm"


def test_byline_dateline_and_a_reprint_notice_at_the_foot_are_read_from_the_text() -> None:
    document = load_document(DATA / "wire.txt")
    assert document.source.author == "Daniel Okafor and Priya Raman"
    assert document.source.outlet == "Meridian News"
    assert document.source.published is None  # the dateline gives no year
    assert document.source.origin == "The Evening Ledger"
    assert document.title.startswith("LISBON, March 3")


def test_fenced_front_matter_is_read_and_kept_out_of_the_text() -> None:
    document = load_document(DATA / "front.md")
    assert document.source == Source(
        outlet="Northern Gazette",
        published="2022-02-14",
        url="https://example.net/rail-strike",
        author="Ilse Brandt",
    )
    assert document.title == "Rail strike ends after nine days"
    assert document.text.startswith("The rail strike ended")
    assert "outlet:" not in document.text


def test_leading_header_lines_are_front_matter() -> None:
    document = load_document(DATA / "headers.txt")
    assert document.source.outlet == "Valley Courier"
    assert document.source.published == "2021-06"
    assert document.source.author == "Tomás Ortega"
    assert document.text.startswith("Floodwaters receded")


def test_ordinary_first_lines_with_colons_are_never_taken_for_front_matter() -> None:
    document = load_document(DATA / "prose.txt")
    assert document.text == (DATA / "prose.txt").read_text(encoding="utf-8")
    assert document.title.startswith("Update: the bridge")
    assert document.source == Source()


@pytest.mark.parametrize(
    "first_lines",
    [
        "Note: this is prose.\n\nMore prose.",
        "Source: a single line of prose\n\nMore.",
        "Date: 2020-01-01\nThe council met, and said: no.\n",
    ],
)
def test_front_matter_needs_two_known_keys_and_a_blank_line(first_lines: str) -> None:
    assert sources.split_front_matter(first_lines) == ({}, first_lines)


def test_an_article_that_says_it_was_reprinted_from_an_outlet_has_that_origin() -> None:
    document = load_document(DATA / "reprint.txt")
    assert document.source.origin == "Harbour Lights Press"
    assert document.title.startswith("Fishermen in the bay")


@pytest.mark.parametrize(
    ("notice", "origin"),
    [
        (
            "This article was reprinted with permission after being published by Example Radio.",
            "Example Radio",
        ),
        ("This article first appeared in The Weekly Example on 3 May 2021.", "The Weekly Example"),
        ("Originally published by Example Post. Republished under a licence.", "Example Post"),
        ("Reprinted from Example Review (example.org).", "Example Review"),
        ("The minister first published the figures in a report on Monday.", None),
    ],
)
def test_reprint_notices(notice: str, origin: str | None) -> None:
    document = Document.from_text("x", f"{notice}\nThe body of the article.")
    assert document.source.origin == origin
    if origin:
        assert document.title == "The body of the article."


def test_seeds_a_reprint_line_gives_its_origin_and_is_no_title() -> None:
    corpus = load_corpus([SEEDS])
    reprinted = [d for d in corpus if "reprinted" in d.text.split("\n", 1)[0].lower()]
    assert reprinted, "a seed begins with a reprint notice"
    for document in reprinted:
        first = document.text.split("\n", 1)[0]
        assert document.source.origin and document.source.origin in first
        assert document.title != first


def test_sources_csv_beside_the_articles_comes_first() -> None:
    corpus = load_corpus([DATA / "listed"])
    by_id = {d.id: d.source for d in corpus}
    # The byline in a.txt says otherwise; the listing wins.
    assert by_id["a"] == Source(
        "Town Crier", "2020-11-04", "https://example.com/budget", "Lena Park"
    )
    # Rows may name a file without its suffix; dates are made ISO.
    assert by_id["b"] == Source("Town Crier", "2020-11-05", origin="County Wire")
    assert not corpus.warnings


def test_a_sources_csv_without_a_file_column_is_a_warning_naming_it(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("By Ann Lee\n\nText.\n", encoding="utf-8")
    (tmp_path / "sources.csv").write_text("name,outlet\na.txt,X\n", encoding="utf-8")
    corpus = load_corpus([tmp_path])
    assert corpus.documents[0].source.author == "Ann Lee"
    assert any("sources.csv" in w and "'file' column" in w for w in corpus.warnings)


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("2024-12-27T10:00:00Z", "2024-12-27"),
        ("2024-12", "2024-12"),
        ("December 27, 2024", "2024-12-27"),
        ("Fri, 27 Dec 2024 10:00:00 GMT", "2024-12-27"),
        ("Dec. 2024", "2024-12"),
        ("last week", ""),
    ],
)
def test_dates_are_made_iso_as_precise_as_written(written: str, iso: str) -> None:
    assert sources.iso_date(written) == iso


def test_label_is_outlet_and_date_when_known() -> None:
    assert Source("Example Times", "2024-12-27").label() == "Example Times · 2024-12-27"
    assert Source(published="2024").label() == "2024"
    assert Source().label() == ""


def test_edits_override_what_was_read() -> None:
    read = Source("Read Outlet", "2020-01-01", author="A")
    edited = sources.with_edits(read, {"outlet": "Edited", "author": "", "published": None})
    assert edited == Source("Edited", "2020-01-01")


@pytest.mark.parametrize(
    ("line", "outlet", "published"),
    [
        ("LONDON (Example Wire) — Markets fell.", "Example Wire", None),
        ("SPRINGFIELD, Ill. (Aug. 28, 2015) – Officials said.", None, "2015-08-28"),
        ("PARIS, Jan 5, 2021 (Agence Example) - A strike began.", "Agence Example", "2021-01-05"),
        ("Officials (who asked not to be named) - said.", None, None),
    ],
)
def test_datelines_give_the_agency_or_the_date(
    line: str, outlet: str | None, published: str | None
) -> None:
    source = sources.read_text(f"{line}\nMore text.")
    assert (source.outlet, source.published) == (outlet, published)


@given(
    st.lists(
        st.sampled_from(["Date: ", "By: ", "Outlet: x", "Note: y", "a", ":", "\n", " ", "---"]),
        max_size=16,
    ).map("".join)
)
def test_front_matter_only_ever_comes_off_the_top_and_is_only_key_lines(text: str) -> None:
    values, body = sources.split_front_matter(text)
    assert text.endswith(body)
    removed = text[: len(text) - len(body)].split("\n")
    assert all(":" in line or line.strip() in ("", "---") for line in removed)
    assert set(values) <= {"outlet", "published", "url", "author", "origin", "title"}


@given(st.lists(st.text(alphabet="abcXY .:,\n", max_size=30), max_size=6))
def test_the_title_is_always_a_line_of_the_text(lines: list[str]) -> None:
    text = "\n".join(lines)
    title = sources.title_of(text)
    assert title == "" or title in (line.strip() for line in text.split("\n"))
