"""The one helper through which widgets get colours, text formats and the style sheet.

Colours live in ``resources/palette.json`` (colour-blind-safe schemes); no
widget holds a colour literal. Tints are chosen for the window's palette: a
dark palette gets its own overrides and fainter backgrounds, so highlights
never drown light text.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from PySide6.QtGui import QColor, QIcon, QPalette, QPixmap, QTextCharFormat, QTextFormat

from nkdesk.bundle import resource
from nkdesk.ui.marks import Layer

# Below this Window lightness (0-255) the palette counts as dark.
DARK_LIGHTNESS = 128

# Each ExtraSelection's format carries the layer it draws, so tests and tools
# can tell the layers apart without comparing colours.
LAYER_PROPERTY = QTextFormat.Property.UserProperty + 1
CLUSTER_PROPERTY = QTextFormat.Property.UserProperty + 2
FLASH_LAYER = "flash"
FIND_LAYER = "find"
FIND_CURRENT_LAYER = "find_current"
SWATCH_PX = 10


@cache
def palette_data() -> dict[str, Any]:
    with resource("palette.json").open(encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


@cache
def style_sheet() -> str:
    path = resource("style.qss")
    return path.read_text(encoding="utf-8") if path.is_file() else ""


def swatch(colour: QColor | str, size: int = SWATCH_PX) -> QIcon:
    """A small square of one colour, to stand beside a tag's or a source's name."""
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)


def tag_colours() -> list[str]:
    """The colours a new tag is given, in order of preference (see palette.json)."""
    return list(palette_data()["tags"])


class Theme:
    """Colours and formats for one palette (light or dark)."""

    def __init__(self, palette: QPalette) -> None:
        self.dark = palette.color(QPalette.ColorRole.Window).lightness() < DARK_LIGHTNESS
        data = palette_data()
        self._data = {**data, **(data.get("dark", {}) if self.dark else {})}
        self._alpha = int(
            self._data["highlight_alpha_dark" if self.dark else "highlight_alpha_light"]
        )

    def color(self, key: str) -> QColor:
        return QColor(self._data[key])

    def source(self, index: int) -> QColor:
        sources = self._data["sources"]
        return QColor(sources[index % len(sources)])

    def cluster(self, cluster: int | None, *, alpha: int | None = None) -> QColor:
        clusters = self._data["clusters"]
        color = QColor(clusters[(cluster or 0) % len(clusters)])
        color.setAlpha(self._alpha if alpha is None else alpha)
        return color

    def layer_format(self, layer: Layer, cluster: int | None = None) -> QTextCharFormat:
        """How one layer looks. Only colour and decoration: an ExtraSelection
        is painted over the laid-out text, so a font change would overlap glyphs."""
        fmt = QTextCharFormat()
        fmt.setProperty(LAYER_PROPERTY, layer)
        if cluster is not None:
            fmt.setProperty(CLUSTER_PROPERTY, cluster)
        if layer == "shared":
            fmt.setBackground(self.cluster(cluster))
        elif layer == "verbatim":
            # A near-verbatim copy: a stronger tint of its cluster and a dotted line.
            fmt.setBackground(self.cluster(cluster, alpha=min(255, self._alpha * 2)))
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
            fmt.setUnderlineColor(self.color("verbatim"))
        elif layer == "event":
            # The same event told in other words: a quiet line, under everything else.
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
            fmt.setUnderlineColor(self.color("event"))
        elif layer == "conflict":
            # The wave alone is a hairline at normal sizes; the value's colour
            # makes the conflict visible at a glance.
            fmt.setForeground(self.color("conflict"))
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            fmt.setUnderlineColor(self.color("conflict"))
        elif layer in ("claim_number", "claim_date"):
            fmt.setForeground(self.color(layer))
        return fmt

    def matrix_background(self, state: str) -> QColor:
        """The tint of a claim-matrix cell: "agree", "mentions", "conflict" or "absent"."""
        color = self.color(state)
        color.setAlpha(int(self._data["matrix_alpha_dark" if self.dark else "matrix_alpha_light"]))
        return color

    def find_format(self, current: bool) -> QTextCharFormat:
        """A match of Edit > Find; the current one stands out from the rest."""
        layer = FIND_CURRENT_LAYER if current else FIND_LAYER
        fmt = QTextCharFormat()
        fmt.setProperty(LAYER_PROPERTY, layer)
        fmt.setBackground(self.color(layer))
        return fmt

    def flash_format(self) -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setProperty(LAYER_PROPERTY, FLASH_LAYER)
        fmt.setBackground(self.color("flash"))
        return fmt
