"""The installed app, driven as a person would: a real window, keys, clicks, a screenshot.

    .venv/bin/python -m pytest tests/e2e -q

Skipped, saying what is missing, without Xvfb, xdotool, ImageMagick or an
installed ``nkdesk`` script. See conftest.py for how the app is started and
found on the screen.
"""

from __future__ import annotations

import re
import subprocess
import time
from pathlib import Path

import pytest

from nkdesk.analysis import compare
from nkdesk.bundle import seeds_dir
from nkdesk.corpus import load_corpus
from nkdesk.store import open_store
from nkdesk.ui.marks import Passages
from nkdesk.ui.theme import palette_data

from .conftest import SCREEN

pytestmark = pytest.mark.e2e

# A screenshot of a window full of text and highlights has thousands of
# colours (anti-aliasing); a blank or black one has a handful.
MIN_COLOURS = 1000
# How far a tint blended over the page may land from our arithmetic.
TINT_TOLERANCE = 3
# How long a change may take to reach the screen after the state file says so.
SCREEN_TIMEOUT_S = 5.0


def colours(png: Path) -> dict[tuple[int, int, int], int]:
    """Every colour in an image and how many pixels have it (ImageMagick histogram)."""
    out = subprocess.run(
        ["convert", str(png), "-format", "%c", "histogram:info:-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    found = {}
    for line in out.splitlines():
        match = re.search(r"(\d+):\s*\(\s*(\d+),\s*(\d+),\s*(\d+)", line)
        if match:
            count, r, g, b = map(int, match.groups())
            found[(r, g, b)] = count
    return found


def rgb(hex_colour: str) -> tuple[int, int, int]:
    value = hex_colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def tint(hex_colour: str, alpha: int, page: tuple[int, int, int] = (255, 255, 255)):
    """A colour at ``alpha`` painted over the (white) page, as Qt blends it."""
    share = alpha / 255
    return tuple(
        round(c * share + p * (1 - share)) for c, p in zip(rgb(hex_colour), page, strict=True)
    )


def present(
    found: dict, colour: tuple[int, int, int], tolerance: int = 0, pixels: int = 20
) -> bool:
    return (
        sum(
            count
            for candidate, count in found.items()
            if max(abs(a - b) for a, b in zip(candidate, colour, strict=True)) <= tolerance
        )
        >= pixels
    )


@pytest.fixture(scope="module")
def seeds():
    corpus = load_corpus([seeds_dir()])
    return corpus, compare(corpus.documents)


def test_an_analysts_session(launch, tmp_path: Path, seeds) -> None:
    corpus, comparison = seeds
    first = corpus.documents[0]
    passages = Passages(comparison, first.id)
    app = launch()
    app.find_window()
    state = app.wait_for("the highlights on screen", lambda s: s["highlights_painted_at"])
    assert state["title"] == "seeds (5 articles) — nkdesk"  # no arguments: the seeds
    assert [p["doc"] for p in state["panes"]] == [d.id for d in corpus.documents]
    assert all(p["marks"] for p in state["panes"])
    app.wait_for("the first pane to have the keyboard", lambda s: s["focused_pane"] == 0)

    # F8, F9: the caret walks to the first shared passage, then the first conflict.
    shared = passages.step("shared", 0, forward=True)
    conflict = passages.step("conflict", shared.start, forward=True)
    app.key("F8")
    app.wait_for("F8 to reach a shared passage", lambda s: s["panes"][0]["caret"] == shared.start)
    app.key("F9")
    state = app.wait_for(
        "F9 to reach a conflict", lambda s: s["panes"][0]["caret"] == conflict.start
    )
    assert first.text[conflict.start : conflict.end] == "about 11,000"
    # ... and says which conflict it is (issue 14, item 5).
    app.wait_for(
        "F9 to say 'conflict n of m'",
        lambda s: re.match(r"Conflict \d+ of \d+", s["status"] or ""),
    )

    # A click on that highlighted value shows its partners in the other panes.
    caret = state["panes"][0]["caret_rect"]
    app.click(caret["x"] + 4, caret["y"] + caret["height"] // 2)
    state = app.wait_for("the partners of the clicked passage", lambda s: s["partners"])
    expected = passages.partners(conflict.start + 1)
    assert state["partners"] == {doc: [s.start, s.end] for doc, s in expected.items()}

    # Ctrl+2 moves to the second pane.
    app.key("ctrl+2")
    app.wait_for("Ctrl+2 to focus the second pane", lambda s: s["focused_pane"] == 1)

    # Ctrl+F, type, F3 / Shift+F3, Esc: find in all articles.
    query = "North Korean"
    count = sum(len(re.findall(query, d.text, re.IGNORECASE)) for d in corpus.documents)
    articles = sum(1 for d in corpus.documents if query.lower() in d.text.lower())
    summary = f"{count} matches in {articles} articles"
    app.key("ctrl+f")
    app.wait_for("the find bar", lambda s: s["find"]["visible"] and s["focus"] == "FindField")
    app.type(query.lower())
    state = app.wait_for("the find summary", lambda s: s["find"]["summary"] == summary)
    assert state["status"] == summary
    start = state["find"]["position"]
    number = int(start.split()[0])
    app.key("F3")
    app.wait_for("F3", lambda s: s["find"]["position"] == f"{number % count + 1} of {count}")
    app.key("shift+F3")
    app.wait_for("Shift+F3", lambda s: s["find"]["position"] == start)
    app.key("Escape")
    state = app.wait_for("Esc to close the find bar", lambda s: not s["find"]["visible"])
    assert state["find"]["summary"] == "" and state["focus"] == "PassageView"

    # What is on the screen: the whole screen, not blank, in our colours.
    png = app.screenshot(tmp_path / "e2e.png")
    found = colours(png)
    identify = subprocess.run(
        ["identify", "-format", "%w %h", str(png)], capture_output=True, text=True, check=True
    )
    assert tuple(map(int, identify.stdout.split())) == SCREEN
    assert len(found) >= MIN_COLOURS
    palette = palette_data()
    for source in palette["sources"][: len(corpus.documents)]:
        assert present(found, rgb(source)), f"no pane is marked with its source colour {source}"
    alpha = palette["highlight_alpha_light"]
    tints = [c for c in palette["clusters"] if present(found, tint(c, alpha), TINT_TOLERANCE)]
    assert len(tints) >= 2, "the shared-passage tints are not on the screen"

    assert app.process.poll() is None, "nkdesk is not running any more"
    assert app.state()["written_at"] >= state["written_at"]
    assert app.quit() == 0
    errors = app.errors()
    assert "Traceback" not in errors, errors


def test_the_next_start_remembers_the_zoom_and_still_opens_the_seeds(launch, tmp_path) -> None:
    home = tmp_path / "home"
    app = launch(home=home)
    app.find_window()
    app.wait_for("the analysis", lambda s: s["analysed"] and s["focused_pane"] == 0)
    app.key("ctrl+plus")
    app.wait_for("Ctrl++ to zoom in", lambda s: s["zoom"] == 1)
    assert app.quit() == 0
    settings = home / "config" / "nkdesk" / "nkdesk.conf"
    assert settings.is_file(), "settings were not written under the test's XDG_CONFIG_HOME"

    again = launch(home=home)
    again.find_window()
    state = again.wait_for("the analysis", lambda s: s["analysed"])
    assert state["zoom"] == 1
    assert state["title"].startswith("seeds (5 articles)")
    assert again.quit() == 0
    assert "Traceback" not in again.errors()


def crop(png: Path, rect: dict[str, int], out: Path) -> Path:
    geometry = f"{rect['width']}x{rect['height']}+{rect['x']}+{rect['y']}"
    subprocess.run(["convert", str(png), "-crop", geometry, str(out)], check=True, timeout=60)
    return out


def test_tagging_by_keys_and_by_mouse(launch, tmp_path: Path, seeds) -> None:
    corpus, comparison = seeds
    first, second = corpus.documents[:2]
    shared = Passages(comparison, first.id).step("shared", 0, forward=True)
    tag_file = tmp_path / "tags.sqlite"
    app = launch("--db", str(tag_file))
    app.find_window()
    state = app.wait_for(
        "the analysis and the tag file",
        lambda s: s["highlights_painted_at"] and s["focused_pane"] == 0 and s["tag_file"],
    )
    assert state["tag_file"] == str(tag_file) and state["tags"] == 0

    # By keys: F8 to a shared passage, Ctrl+Shift+Right twice, t, a name, Return.
    app.key("F8")
    app.wait_for("F8", lambda s: s["panes"][0]["caret"] == shared.start)
    end = shared.start
    for _ in range(2):
        app.key("shift+ctrl+Right")
        state = app.wait_for(
            "Ctrl+Shift+Right to select a word",
            lambda s, end=end: (s["panes"][0]["selection"] or [0, 0])[1] > end,
        )
        end = state["panes"][0]["selection"][1]
    assert state["panes"][0]["selection"][0] == shared.start
    by_keys = first.text[shared.start : end].strip()
    app.key("t")
    app.wait_for("the quick-tag popup", lambda s: s["popup"] == "quickTag")
    app.type("casualties")
    app.key("Return")
    app.wait_for("the tag by keys", lambda s: s["tags"] == 1 and s["popup"] is None)

    # By mouse: a drag across the second article's first line, then the key 1.
    top = state["panes"][1]["top_rect"]
    viewport = state["panes"][1]["viewport"]
    y = top["y"] + top["height"] // 2
    x1 = top["x"] + 12  # inside the first word: the selection snaps to its start
    x2 = viewport["x"] + viewport["width"] * 3 // 5
    app.xdotool("mousemove", "--sync", str(x1), str(y), "mousedown", "1")
    app.xdotool("mousemove", "--sync", str((x1 + x2) // 2), str(y))
    app.xdotool("mousemove", "--sync", str(x2), str(y), "mouseup", "1")
    state = app.wait_for(
        "a drag to select in the second pane",
        lambda s: (
            s["panes"][1]["selection"] and not s["panes"][1]["dragging"] and s["focused_pane"] == 1
        ),
    )
    start, stop = state["panes"][1]["selection"]
    assert start == 0 or not second.text[start - 1].isalnum(), "the drag did not snap"
    assert stop == len(second.text) or not second.text[stop].isalnum()
    by_mouse = second.text[start:stop]
    app.key("1")
    state = app.wait_for("the tag by mouse", lambda s: s["tags"] == 2)
    assert state["panes"][0]["tag_marks"] == 1 and state["panes"][1]["tag_marks"] == 1

    # Both underlines are on the screen, in their tags' colours. The state
    # file may be written a moment before the repaint: look again until then.
    with open_store(tag_file) as store:
        colours_by_tag = {t.name: t.colour for t in store.tags()}
    for pane, name in ((0, "casualties"), (1, "troop numbers")):
        viewport = state["panes"][pane]["viewport"]
        colour = rgb(colours_by_tag[name])
        deadline = time.monotonic() + SCREEN_TIMEOUT_S
        while True:
            png = app.screenshot(tmp_path / "tagged.png")
            if present(colours(crop(png, viewport, tmp_path / f"pane{pane}.png")), colour):
                break
            assert time.monotonic() < deadline, f"no {name} underline in pane {pane}"
            time.sleep(0.2)

    assert app.quit() == 0
    assert "Traceback" not in app.errors()
    with open_store(tag_file) as store:
        rows = {(r.annotation.document, r.tag_name): r.annotation for r in store.annotation_rows()}
    keys = rows[(first.id, "casualties")]
    mouse = rows[(second.id, "troop numbers")]
    assert keys.quote == by_keys == first.text[keys.start : keys.end]
    assert (keys.start, keys.end) == (shared.start, shared.start + len(by_keys))
    assert mouse.quote == by_mouse == second.text[mouse.start : mouse.end]
    assert (mouse.start, mouse.end) == (start, stop)


def test_stray_typing_adds_no_tag_and_a_number_is_one_word(launch, tmp_path: Path, seeds) -> None:
    # Issue 14, items 1 and 2, with real keys.
    corpus, _comparison = seeds
    first = corpus.documents[0]
    tag_file = tmp_path / "tags.sqlite"
    app = launch("--db", str(tag_file))
    app.find_window()
    app.wait_for(
        "the analysis and the tag file",
        lambda s: s["highlights_painted_at"] and s["focused_pane"] == 0 and s["tag_file"],
    )
    with open_store(tag_file) as store:
        names = {t.name for t in store.tags()}
    for pane in (1, 2, 3):
        app.key(f"ctrl+{pane}")
        app.wait_for(f"pane {pane}", lambda s, pane=pane: s["focused_pane"] == pane - 1)
        app.key("F8")  # into a highlighted passage
        app.type("unattributed, no date of estimate: about 11,000 troops\n")
    app.key("ctrl+1")
    app.wait_for("pane 1", lambda s: s["focused_pane"] == 0)
    time.sleep(1.5)  # the typing guard lets the tagging keys act again after a pause
    app.key("t")
    app.wait_for("the quick-tag popup", lambda s: s["popup"] == "quickTag")
    app.type("tributed, no date of estimate")
    app.key("Return")
    app.key("Escape")
    app.wait_for("the popup to close", lambda s: s["popup"] is None)

    # Find the figure, then select it word by word from "about" and tag it with 1.
    start = first.text.index("about 11,000")
    app.key("ctrl+f")
    app.wait_for("the find bar", lambda s: s["find"]["visible"])
    app.type("about 11,000")
    app.key("Escape")
    app.wait_for("the caret on the match", lambda s: s["panes"][0]["caret"] in (start, start + 12))
    state = app.state()
    if state["panes"][0]["caret"] != start:
        app.key("ctrl+Left", "ctrl+Left")
        app.wait_for("Ctrl+Left to 'about'", lambda s: s["panes"][0]["caret"] == start)
    time.sleep(1.5)
    app.key("shift+ctrl+Right")
    app.key("shift+ctrl+Right")
    app.wait_for(
        "two Ctrl+Shift+Right",
        lambda s: (s["panes"][0]["selection"] or [0, 0])[1] >= start + len("about 11,000"),
    )
    app.key("1")
    app.wait_for("the tag", lambda s: s["tags"] == 1)
    assert app.quit() == 0
    with open_store(tag_file) as store:
        assert {t.name for t in store.tags()} == names
        [row] = store.annotation_rows()
    assert row.annotation.quote == "about 11,000"


def test_find_matches_a_figure_by_its_value(launch, seeds) -> None:
    # Issue 14, item 3: "11,000" also finds "11, 000" and "11000"; Literal only the text typed.
    corpus, _comparison = seeds
    literal = sum(1 for d in corpus.documents if "11,000" in d.text)
    app = launch()
    app.find_window()
    app.wait_for("the highlights on screen", lambda s: s["highlights_painted_at"])
    app.key("ctrl+f")
    app.wait_for("the find bar", lambda s: s["find"]["visible"] and s["focus"] == "FindField")
    app.type("11,000")

    def articles(state) -> int:
        found = re.search(r"in (\d+) articles?", state["find"]["summary"] or "")
        return int(found.group(1)) if found else 0

    state = app.wait_for("matches by value", lambda s: articles(s) >= 3)
    assert articles(state) > literal
    app.key("alt+l")  # Literal
    state = app.wait_for("literal matches", lambda s: articles(s) == literal)
    assert app.quit() == 0


def test_quitting_during_a_long_comparison_ends_at_once_and_keeps_the_tags(
    launch, tmp_path: Path
) -> None:
    # The comparison of long articles cannot be interrupted; quitting used to
    # wait, window gone, for the rest of it.
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "nkdesk_corpora", Path(__file__).parents[1] / "benchmarks" / "corpora.py"
    )
    assert spec is not None and spec.loader is not None
    corpora = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(corpora)
    folder = tmp_path / "articles"
    folder.mkdir()
    for document in corpora.reworded_articles(5, 200_000):
        (folder / f"{document.id}.txt").write_text(document.text, encoding="utf-8")
    app = launch(str(folder))
    app.find_window()
    app.wait_for("the comparison to start", lambda s: s.get("comparing"), 60)
    app.wait_for("a tag file", lambda s: s.get("tag_file"), 10)
    app.wait_for("the first pane to have the focus", lambda s: s.get("focused_pane") == 0, 10)
    app.key("1")  # the default vocabulary's first tag, on the word at the caret
    state = app.wait_for("the tag to be saved", lambda s: s.get("tags") == 1, 10)
    assert state["comparing"]
    started = time.monotonic()
    assert app.quit() == 0
    assert time.monotonic() - started < 5
    with open_store(state["tag_file"]) as store:
        assert len(store.annotation_rows()) == 1
