"""The HTML report's timeline: inline SVG, well-formed, one mark per stated value, no script."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from nkdesk.analysis import compare
from nkdesk.analysis.timeline import SHAPES, WHISKER_CAP_PX, timeline
from nkdesk.corpus import Document
from nkdesk.export import export
from nkdesk.sources import Source
from nkdesk.store import TagStore

SVG = "{http://www.w3.org/2000/svg}"
# Three counts of one evacuation, at three times; one title is hostile markup.
DAILY = (
    "Flooding <script>alert(1)</script> & more\n\nThe regional governor said on January 13 that"
    " about 200 people had been evacuated from the flooded valley villages.\n\nRoads stayed closed."
)
EVENING = (
    "Valley floods worsen\n\nAt least 1,000 people have been evacuated from the flooded valley"
    " villages, the regional governor said.\n\nSchools were shut."
)
RESCUE = (
    "Rescue teams in the valley\n\nSome 500 people had been evacuated from the flooded valley"
    " villages, according to the rescue service.\n\nRain is forecast."
)


def documents() -> tuple[Document, ...]:
    return (
        Document.from_text("daily", DAILY, source=Source(published="2025-01-20")),
        Document.from_text("evening", EVENING, source=Source(published="2025-02-01")),
        Document.from_text("rescue", RESCUE),
    )


def report(tmp_path: Path) -> str:
    target = tmp_path / "report.html"
    with TagStore.memory() as store:
        for document in documents():
            store.add_document(document)
        export(store, "html", target)
    return target.read_text(encoding="utf-8")


def svgs(html: str) -> list[ET.Element]:
    found = re.findall(r'<svg [^>]*class="timeline".*?</svg>', html, flags=re.DOTALL)
    return [ET.fromstring(markup) for markup in found]


def test_the_report_carries_each_claims_timeline_as_inline_svg(tmp_path: Path) -> None:
    html = report(tmp_path)
    assert '<section id="timeline">' in html and 'href="#timeline"' in html
    expected = timeline(compare(documents()))
    figures = svgs(html)  # each parses as XML on its own
    assert len(figures) == len(expected.claims) >= 1
    for claim, figure in zip(expected.claims, figures, strict=True):
        marks = [g for g in figure.iter(f"{SVG}g") if g.get("class") == "mark"]
        # One mark per stated value, each with its tooltip.
        assert sorted((g.get("data-doc"), g.get("data-value")) for g in marks) == sorted(
            (p.doc, p.value) for p in claim.points
        )
        for g in marks:
            title = g.find(f"{SVG}title")
            assert title is not None and title.text
    evacuated = next(
        f for c, f in zip(expected.claims, figures, strict=True) if c.unit == "evacuated"
    )
    tooltips = {
        g.get("data-doc"): g.find(f"{SVG}title").text
        for g in evacuated.iter(f"{SVG}g")
        if g.get("class") == "mark"
    }
    assert "about 200" in tooltips["daily"] and "as of 13 Jan 2025" in tooltips["daily"]
    assert "<script>" in tooltips["daily"]  # as text, from the title, not as markup
    assert "publication" in tooltips["evening"]
    assert "no date stated" in tooltips["rescue"]
    texts = [t.text for t in evacuated.iter(f"{SVG}text")]
    assert "undated" in texts


def test_sources_differ_by_shape_as_well_as_colour(tmp_path: Path) -> None:
    (figure,) = (
        f
        for f in svgs(report(tmp_path))
        if any(g.get("data-value") == "500" for g in f.iter(f"{SVG}g"))
    )
    shapes = {}
    for g in figure.iter(f"{SVG}g"):
        if g.get("class") == "mark":
            element = next(e for e in g if e.tag in (f"{SVG}circle", f"{SVG}polygon"))
            corners = len(element.get("points", "").split()) if element.get("points") else 0
            shapes[g.get("data-doc")] = (element.tag, corners, element.get("stroke"))
    assert len(set(shapes.values())) == 3
    assert shapes["daily"][0] == f"{SVG}circle" and SHAPES[0] == "circle"


def test_the_timeline_section_has_no_script_and_escapes_titles(tmp_path: Path) -> None:
    html = report(tmp_path)
    section = html[html.index('<section id="timeline">') :]
    section = section[: section.index("</section>")]
    assert "<script" not in section.lower() and " on" not in re.sub(r'"[^"]*"', "", section)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in section
    assert "<script" not in html.lower()


def test_a_range_of_values_is_drawn_capped_as_in_the_dock(tmp_path: Path) -> None:
    ranged = Document.from_text(
        "ranged",
        "Valley evacuations\n\nBetween 300 and 700 people have been evacuated from the"
        " flooded valley villages, the regional governor said.\n\nBridges were closed.",
    )
    target = tmp_path / "report.html"
    with TagStore.memory() as store:
        for document in (*documents(), ranged):
            store.add_document(document)
        export(store, "html", target)
    marks = [
        g
        for figure in svgs(target.read_text(encoding="utf-8"))
        for g in figure.iter(f"{SVG}g")
        if g.get("class") == "mark" and g.get("data-doc") == "ranged"
    ]
    assert marks, "the range is plotted"
    lines = marks[0].findall(f"{SVG}line")
    whisker = [x for x in lines if x.get("x1") == x.get("x2")]
    caps = [x for x in lines if x.get("y1") == x.get("y2")]
    # One upright line from the low value to the high one, a cap across each end.
    assert len(whisker) == 1 and len(caps) == 2
    ends = {whisker[0].get("y1"), whisker[0].get("y2")}
    assert {c.get("y1") for c in caps} == ends
    widths = {float(c.get("x2")) - float(c.get("x1")) for c in caps}
    assert widths == {2 * WHISKER_CAP_PX}
