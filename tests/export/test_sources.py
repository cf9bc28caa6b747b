"""Every export carries each article's source details (nkdesk.sources), and imports keep them."""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

from nkdesk.export import export, import_file
from nkdesk.export.qdpx import NAMESPACE
from nkdesk.sources import Source
from nkdesk.store import TagStore

from .articles import AGENCY, HOSTILE, WIRE
from .conftest import AGENCY_SOURCE, HOSTILE_SOURCE


def test_csv_rows_carry_their_articles_source_details(tagged: TagStore, tmp_path: Path) -> None:
    target = tmp_path / "tags.csv"
    export(tagged, "csv", target)
    with target.open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    agency = next(r for r in rows if r["document"] == AGENCY.id)
    assert (agency["outlet"], agency["published"], agency["url"]) == (
        AGENCY_SOURCE.outlet,
        AGENCY_SOURCE.published,
        AGENCY_SOURCE.url,
    )
    assert (agency["article_author"], agency["origin"]) == ("Jo Reporter", "First Wire Service")
    assert agency["author"] == "ann"  # the analyst who tagged, as before
    wire = next(r for r in rows if r["document"] == WIRE.id)
    assert wire["outlet"] == wire["published"] == ""


def test_json_carries_them_null_when_unknown_and_an_import_keeps_them(
    tagged: TagStore, tmp_path: Path
) -> None:
    target = tmp_path / "tags.json"
    export(tagged, "json", target)
    documents = {d["id"]: d for d in json.loads(target.read_text(encoding="utf-8"))["documents"]}
    assert documents[AGENCY.id]["outlet"] == AGENCY_SOURCE.outlet
    assert documents[HOSTILE.id]["published"] == HOSTILE_SOURCE.published
    assert documents[WIRE.id]["origin"] is None
    with TagStore.memory() as other:
        import_file(other, target)
        assert {d.id: d.source for d in other.documents()} == {
            d.id: d.source for d in tagged.documents()
        }


def test_html_report_headers_show_them_escaped_and_never_as_a_link(
    tagged: TagStore, tmp_path: Path
) -> None:
    target = tmp_path / "report.html"
    export(tagged, "html", target)
    html = target.read_text(encoding="utf-8")
    assert "Press &amp; Wire · 2024-12-27 · by Jo Reporter · first published by First Wire" in html
    assert "&lt;Hostile&gt; Outlet · 2024-12" in html
    assert 'href="javascript' not in html


def test_refi_qda_sources_carry_them_as_source_variables(tagged: TagStore, tmp_path: Path) -> None:
    target = tmp_path / "project.qdpx"
    export(tagged, "qdpx", target)
    with zipfile.ZipFile(target) as archive:
        root = ET.fromstring(archive.read("project.qde"))
    q = "{" + NAMESPACE + "}"
    variables = {v.get("guid"): v.get("name") for v in root.iter(q + "Variable")}
    assert sorted(variables.values()) == ["author", "origin", "outlet", "published", "url"]
    values = {}
    for source in root.iter(q + "TextSource"):
        values[source.get("name")] = {
            variables[v.find(q + "VariableRef").get("targetGUID")]: v.findtext(q + "TextValue")
            for v in source.iter(q + "VariableValue")
        }
    assert values[AGENCY.title] == AGENCY_SOURCE.to_json()
    assert values[WIRE.title] == {}


def test_a_qdpx_import_reads_the_source_variables_back(tagged: TagStore, tmp_path: Path) -> None:
    target = tmp_path / "project.qdpx"
    export(tagged, "qdpx", target)
    with TagStore.memory() as other:
        import_file(other, target)
        by_title = {d.title: d.source for d in other.documents()}
    assert by_title[AGENCY.title] == AGENCY_SOURCE
    assert by_title[WIRE.title] == Source()
