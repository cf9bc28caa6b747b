"""The timeline as inline SVG, for the HTML report: the dock's marks, with no script.

Each claim is one ``<svg>`` drawn from ``nkdesk.analysis.timeline.layout``, the
plane the window's Timeline dock paints, so the report and the dock agree
mark for mark. A mark is a ``<g class="mark">`` holding a ``<title>`` (the
tooltip a browser shows on hover, as the dock's), its whiskers and its shape,
in its source's colour and shape. Every piece of text is escaped and every
colour re-checked to be #RRGGBB: the SVG is well-formed XML on its own.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping, Sequence
from functools import cache
from html import escape

from nkdesk.analysis.timeline import (
    MARK_RADIUS_PX,
    UNDATED_LABEL,
    WHISKER_CAP_PX,
    Plot,
    PlotMark,
    Timeline,
    TimelineClaim,
    describe,
    layout,
    shape_outline,
    source_shape,
)
from nkdesk.bundle import resource

SVG_NS = "http://www.w3.org/2000/svg"
WIDTH_PX = 760
HEIGHT_PX = 260
LEGEND_SHAPE_PX = 14
# A valid #RRGGBB, and what stands for any other (the HTML report uses these too).
COLOUR_PATTERN = re.compile(r"#[0-9A-Fa-f]{6}")
FALLBACK_COLOUR = "#999999"
INK = "#1d1d1f"
MUTED = "#5f6368"
GRID = "#e3e6ea"
UNDATED_BAND = "#f3f4f6"
PAPER = "#ffffff"


def escaped(text: object) -> str:
    return escape(str(text), quote=True)


def _n(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


@cache
def source_colours() -> tuple[str, ...]:
    """The sources' colours, as the window's panes have them (resources/palette.json)."""
    with resource("palette.json").open(encoding="utf-8") as handle:
        colours = json.load(handle)["sources"]
    return tuple(c if COLOUR_PATTERN.fullmatch(c) else FALLBACK_COLOUR for c in colours)


def colour_of(index: int) -> str:
    colours = source_colours()
    return colours[index % len(colours)]


def shape_svg(shape: str, x: float, y: float, r: float, fill: str, stroke: str, width: float = 1):
    """One shape as an SVG element (a circle or a polygon)."""
    paint = f'fill="{fill}" stroke="{stroke}" stroke-width="{_n(width)}"'
    outline = shape_outline(shape, x, y, r)
    if not outline:
        return f'<circle cx="{_n(x)}" cy="{_n(y)}" r="{_n(r)}" {paint}/>'
    points = " ".join(f"{_n(px)},{_n(py)}" for px, py in outline)
    return f'<polygon points="{points}" {paint}/>'


def legend_svg(index: int) -> str:
    """A source's shape in its colour, small, to stand before its title."""
    half = LEGEND_SHAPE_PX / 2
    shape = shape_svg(source_shape(index), half, half, half - 1.5, colour_of(index), INK)
    return (
        f'<svg xmlns="{SVG_NS}" class="shape" width="{LEGEND_SHAPE_PX}" '
        f'height="{LEGEND_SHAPE_PX}" viewBox="0 0 {LEGEND_SHAPE_PX} {LEGEND_SHAPE_PX}" '
        f'aria-hidden="true">{shape}</svg>'
    )


def claim_svg(
    claim: TimelineClaim,
    sources: Sequence[str],
    titles: Mapping[str, str],
    width: int = WIDTH_PX,
    height: int = HEIGHT_PX,
) -> str:
    """One claim's timeline as a standalone ``<svg>`` element."""
    plot = layout(claim, sources, width, height, left=64, top=12, right=12, bottom=30)
    return "".join(_claim_parts(claim, plot, titles))


def _claim_parts(claim: TimelineClaim, plot: Plot, titles: Mapping[str, str]) -> Iterator[str]:
    yield (
        f'<svg xmlns="{SVG_NS}" class="timeline" width="{_n(plot.width)}" '
        f'height="{_n(plot.height)}" viewBox="0 0 {_n(plot.width)} {_n(plot.height)}" '
        f'role="img" font-family="system-ui, sans-serif" font-size="11">'
        f"<title>{escaped(claim.label)}: values over time</title>"
        f'<rect width="100%" height="100%" fill="{PAPER}"/>'
    )
    boxes = [b for b in (plot.dated, plot.undated) if b is not None]
    left = min(b.left for b in boxes)
    right = max(b.right for b in boxes)
    top, bottom = boxes[0].top, boxes[0].bottom
    if plot.undated is not None:
        box = plot.undated
        yield (
            f'<rect class="undated" x="{_n(box.left)}" y="{_n(box.top)}" '
            f'width="{_n(box.width)}" height="{_n(box.bottom - box.top)}" fill="{UNDATED_BAND}"/>'
        )
        label = UNDATED_LABEL
        if plot.dated is None:
            label = f"{UNDATED_LABEL}: no value of this claim says when it held"
        yield (
            f'<text x="{_n((box.left + box.right) / 2)}" y="{_n(bottom + 16)}" '
            f'text-anchor="middle" fill="{MUTED}">{escaped(label)}</text>'
        )
    yield '<g class="y-axis">'
    for tick in plot.y_ticks:
        yield (
            f'<line x1="{_n(left)}" y1="{_n(tick.at)}" x2="{_n(right)}" y2="{_n(tick.at)}" '
            f'stroke="{GRID}"/>'
            f'<text x="{_n(left - 6)}" y="{_n(tick.at + 4)}" text-anchor="end" '
            f'fill="{INK}">{escaped(tick.label)}</text>'
        )
    yield "</g>"
    yield (
        f'<line x1="{_n(left)}" y1="{_n(bottom)}" x2="{_n(right)}" y2="{_n(bottom)}" '
        f'stroke="{INK}"/>'
        f'<line x1="{_n(left)}" y1="{_n(top)}" x2="{_n(left)}" y2="{_n(bottom)}" stroke="{INK}"/>'
    )
    yield '<g class="x-axis">'
    for tick in plot.x_ticks:
        yield (
            f'<line x1="{_n(tick.at)}" y1="{_n(bottom)}" x2="{_n(tick.at)}" '
            f'y2="{_n(bottom + 4)}" stroke="{INK}"/>'
            f'<text x="{_n(tick.at)}" y="{_n(bottom + 16)}" text-anchor="middle" '
            f'fill="{INK}">{escaped(tick.label)}</text>'
        )
    yield "</g>"
    if plot.dated is not None and not claim.years_stated:
        yield (
            f'<text x="{_n(plot.dated.right - 4)}" y="{_n(top + 12)}" text-anchor="end" '
            f'fill="{MUTED}">year not stated</text>'
        )
    for mark in plot.marks:
        yield _mark(claim, mark, titles)
    yield "</svg>"


def _mark(claim: TimelineClaim, mark: PlotMark, titles: Mapping[str, str]) -> str:
    colour = colour_of(mark.source)
    point = mark.point
    title = " ".join(titles.get(point.doc, point.doc).split())
    tooltip = describe(point, claim.type, title, years_stated=claim.years_stated)
    parts = [
        f'<g class="mark" data-doc="{escaped(point.doc)}" data-value="{escaped(point.value)}">',
        f"<title>{escaped(tooltip)}</title>",
    ]
    whisker = f'stroke="{colour}" stroke-width="2"'
    if mark.x_low != mark.x_high:
        parts.append(
            f'<line x1="{_n(mark.x_low)}" y1="{_n(mark.y)}" x2="{_n(mark.x_high)}" '
            f'y2="{_n(mark.y)}" {whisker}/>'
        )
    if mark.y_low != mark.y_high:
        parts.append(
            f'<line x1="{_n(mark.x)}" y1="{_n(mark.y_low)}" x2="{_n(mark.x)}" '
            f'y2="{_n(mark.y_high)}" {whisker}/>'
        )
        # Capped at both ends, as in the dock: a range of values, not a line.
        for y in (mark.y_low, mark.y_high):
            parts.append(
                f'<line x1="{_n(mark.x - WHISKER_CAP_PX)}" y1="{_n(y)}" '
                f'x2="{_n(mark.x + WHISKER_CAP_PX)}" y2="{_n(y)}" {whisker}/>'
            )
    shape = source_shape(mark.source)
    if point.placed == "published":
        # Hollow, as in the dock: dated only by its article's publication.
        parts.append(shape_svg(shape, mark.x, mark.y, MARK_RADIUS_PX, PAPER, colour, 2))
    else:
        parts.append(shape_svg(shape, mark.x, mark.y, MARK_RADIUS_PX, colour, INK))
    parts.append("</g>")
    return "".join(parts)


def section(timeline: Timeline, titles: Mapping[str, str], header_chars: int = 60) -> str:
    """The report's Timeline section: a legend of sources, then one figure per claim."""
    out = [
        '<section id="timeline"><h2>Timeline</h2>\n',
        '<p class="legend">Each claim whose values several sources state, over the dates the '
        "values were stated as of: a partial date (a month, a year) at the middle of its "
        "period, with a line across the whole of it; a range of values as a vertical line. "
        "A hollow mark has no as-of date and stands at its article's publication; values of "
        "no date at all stand in the grey <em>undated</em> column. Hover over a mark for its "
        "source, speaker and words.</p>\n",
        '<ul class="timeline-legend">',
    ]
    used = {doc for claim in timeline.claims for doc in claim.docs}
    for index, doc_id in enumerate(timeline.sources):
        if doc_id in used:
            title = " ".join(titles.get(doc_id, doc_id).split())
            short = title if len(title) <= header_chars else title[: header_chars - 1] + "…"
            out.append(f"<li>{legend_svg(index)} {escaped(short)}</li>")
    out.append("</ul>\n")
    for claim in timeline.claims:
        out.append(
            f'<figure class="timeline">{claim_svg(claim, timeline.sources, titles)}'
            f"<figcaption>{escaped(claim.label)}: {len(claim.points)} values from "
            f"{len(claim.docs)} sources</figcaption></figure>\n"
        )
    out.append("</section>\n")
    return "".join(out)
