"""The HTML report: self-contained, inert, printable (nkdesk.export.htmlreport)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import replace
from functools import cache
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from nkdesk.corpus import load_corpus
from nkdesk.export import export, snapshot
from nkdesk.export.htmlreport import CSS, render
from nkdesk.store import TagStore

from .articles import AGENCY, HOSTILE

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


@cache
def headless_browser() -> str | None:
    """The first Chromium or Chrome that runs: $NKDESK_BROWSER, else one on PATH.

    Ubuntu's chromium deb is only a stub that installs the snap, which does
    not run without snapd (a container, a CI machine): being there is not enough.
    """
    given = os.environ.get("NKDESK_BROWSER")
    for candidate in [given] if given else BROWSERS:
        path = shutil.which(candidate)
        if path is None:
            continue
        try:
            version = subprocess.run(
                [path, "--version"], capture_output=True, text=True, timeout=30
            )
        except (OSError, subprocess.TimeoutExpired):
            continue
        if version.returncode == 0 and "chrom" in version.stdout.lower():
            return path
    return None


needs_chromium = pytest.mark.skipif(
    headless_browser() is None,
    reason=f"no Chromium or Chrome that runs ({os.environ.get('NKDESK_BROWSER') or ', '.join(BROWSERS)}"
    " tried; on Ubuntu the chromium deb is only a stub for the snap): set NKDESK_BROWSER or "
    "install google-chrome-stable to run the browser tests",
)


def report(store: TagStore, tmp_path: Path) -> str:
    target = tmp_path / "report.html"
    export(store, "html", target)
    return target.read_text(encoding="utf-8")


def test_article_text_titles_and_notes_are_escaped(tagged: TagStore, tmp_path: Path) -> None:
    html = report(tagged, tmp_path)
    assert "<script" not in html.lower()
    assert "<img" not in html.lower() and "<b>" not in html and "<i>" not in html
    assert escape('document.title="pwned"', quote=True) in html
    assert escape("ran</p>')</script>", quote=True) in html
    assert escape('<img src=x onerror="document.title=1"> title', quote=True) in html
    assert escape("<b>not bold</b> & <i>", quote=True) in html


class _Markup(HTMLParser):
    """Every element and attribute of a page, as a browser would parse them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes.extend((name, value or "") for name, value in attrs)


def markup(html: str) -> _Markup:
    parser = _Markup()
    parser.feed(html)
    parser.close()
    return parser


def test_self_contained_no_fetch_no_script(tagged: TagStore, tmp_path: Path) -> None:
    html = report(tagged, tmp_path)
    page = markup(html)
    assert not {"script", "img", "iframe", "object", "embed", "link", "base", "form"} & set(
        page.tags
    )
    links = [value for name, value in page.attributes if name in {"src", "href", "action"}]
    assert links and all(link.startswith("#") for link in links), links
    assert not [name for name, _ in page.attributes if name.startswith("on")]
    assert "@import" not in html and "url(" not in html
    assert "Content-Security-Policy" in html and "default-src 'none'" in html


def test_prints_well(tagged: TagStore, tmp_path: Path) -> None:
    html = report(tagged, tmp_path)
    assert "@media print" in CSS and "@media print" in html
    assert "break-before: page" in CSS and "break-inside: avoid" in CSS
    assert "print-color-adjust: exact" in CSS
    # No fixed heights on paper: only the little colour swatches have one (and,
    # on screen only, the box of six or more articles side by side).
    heights = [line for line in CSS.splitlines() if re.search(r"(^|[\s;{])(max-)?height\s*:", line)]
    assert all(
        ".swatch" in line
        or "width: .9em" in line
        or line.startswith("@media screen")
        or "height: auto" in line  # a timeline's SVG keeps its proportions as it shrinks
        for line in heights
    ), heights


def test_articles_tags_claims_and_annotations_are_all_there(
    tagged: TagStore, tmp_path: Path
) -> None:
    html = report(tagged, tmp_path)
    for document in tagged.documents():
        assert f'id="doc-{document.id}"' in html
    for section in ("articles", "claims", "tags", "annotations"):
        assert f'<section id="{section}">' in html
    for tag in tagged.tags():
        assert escape(tag.name) in html
    assert "North Korean troops in Russia" in html and "agencies disagree" in html
    assert html.count('<li id="a') == len(tagged.annotations())
    assert "orphaned: no longer found in the text" in html
    # Overlapping tags are drawn as stripes of both colours.
    assert "linear-gradient(" in html
    assert "Figure from Seoul 🇰🇷" in html


def test_conflicts_and_the_claim_matrix_come_from_compare(seed_paths, tmp_path: Path) -> None:
    with TagStore.memory() as store:
        for document in load_corpus(seed_paths).documents:
            store.add_document(document)
        html = report(store, tmp_path)
    assert '<section id="matrix">' in html and '<section id="conflicts">' in html
    assert 'class="conflict"' in html and 'href="#c1"' in html
    assert 'class="conflict-cell"' in html


def test_one_article_has_no_comparison(store: TagStore, tmp_path: Path) -> None:
    store.add_document(AGENCY)
    store.add_annotation(AGENCY.id, 0, 11, 1)
    html = render(snapshot(store), None)
    assert 'id="matrix"' not in html and 'id="conflicts"' not in html
    assert "no comparison (it needs two articles or more)" in html
    assert report(store, tmp_path).count('<section id="matrix">') == 0


def chromium(tmp_path: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    profile = tmp_path / "chromium-profile"
    return subprocess.run(
        [
            str(headless_browser()),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={profile}",
            *arguments,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )


def dumped_dom(tmp_path: Path, page: Path) -> str:
    return chromium(tmp_path, "--dump-dom", page.as_uri()).stdout


@needs_chromium
def test_chromium_runs_an_unescaped_script_so_the_check_below_means_something(
    tmp_path: Path,
) -> None:
    page = tmp_path / "control.html"
    page.write_text(
        "<!DOCTYPE html><title>before</title><body>" + HOSTILE.text + "</body>", encoding="utf-8"
    )
    dom = dumped_dom(tmp_path, page)
    assert "<title>pwned</title>" in dom and 'id="injected"' in dom


@needs_chromium
@pytest.mark.parametrize("policy", ["with its CSP", "without its CSP"])
def test_an_article_with_a_script_shows_it_as_text_in_chromium(
    tagged: TagStore, tmp_path: Path, policy: str
) -> None:
    html = report(tagged, tmp_path)
    if policy == "without its CSP":
        # Escaping alone must be enough; the policy is a second line.
        html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
        assert "Content-Security-Policy" not in html
    page = tmp_path / "report.html"
    page.write_text(html, encoding="utf-8")
    dom = dumped_dom(tmp_path, page)
    assert "<title>nkdesk report</title>" in dom, "the script would have set the title"
    assert 'id="injected"' not in dom and ">ran</p>" not in dom
    assert "<img" not in dom
    # The script is shown as text (a text node serialises < as &lt; but " as ").
    assert "&lt;script&gt;</mark>" in dom
    assert 'document.title="pwned";document.body' in dom
    assert "ran&lt;/p&gt;')&lt;/script&gt;" in dom


@needs_chromium
def test_chromium_renders_a_screenshot(tagged: TagStore, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    export(tagged, "html", page)
    shot = tmp_path / "report.png"
    chromium(tmp_path, f"--screenshot={shot}", "--window-size=1400,900", page.as_uri())
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1400, 900)
    assert len(data) > 20_000, "a blank page compresses to almost nothing"


def test_articles_are_headed_by_their_names_not_where_they_are_installed(
    seed_paths, tmp_path: Path
) -> None:
    with TagStore.memory() as store:
        for document in load_corpus(seed_paths).documents:
            store.add_document(document)
        html = report(store, tmp_path)
    for path in seed_paths:
        assert f'<p class="source-meta">{path.name} · sha256' in html
    assert str(seed_paths[0].parent) not in html


@pytest.mark.parametrize(("count", "scrolls"), [(2, False), (5, False), (6, True)])
def test_up_to_five_articles_share_the_width_and_more_scroll_on_screen(
    seed_paths, tmp_path: Path, count: int, scrolls: bool
) -> None:
    # Five columns at 16rem or more fit a 1600 px page (issue 14: the fifth
    # was cut); more scroll sideways in a box whose scroll bar is on screen.
    documents = load_corpus(seed_paths).documents
    with TagStore.memory() as store:
        for n in range(count):
            store.add_document(replace(documents[n % 5], id=f"doc{n}"))
        html = render(snapshot(store), None)
    expected = "articles many" if scrolls else "articles"
    assert f'<div class="{expected}" style="--n: {count}">' in html
    assert "(100% - (var(--n) - 1) * 1.2rem)" in CSS and ".articles.many { max-height" in CSS
    rem_px, page_px, padding_px = 16, 1600, 64
    assert 5 * 16 * rem_px + 4 * 1.2 * rem_px <= page_px - padding_px
