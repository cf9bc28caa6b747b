"""The legend: a sample word drawn in each layer's real format."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QPainter, QPixmap, QTextCharFormat, QTextLayout
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from nkdesk.ui.marks import Layer
from nkdesk.ui.theme import Theme

SAMPLES: tuple[tuple[Layer, str, str], ...] = (
    ("shared", "shared passage", "a passage other sources share (one colour per claim)"),
    ("verbatim", "near-verbatim", "a near-verbatim copy of another source"),
    ("event", "same event", "a sentence another source reports the same event in"),
    ("conflict", "conflicting value", "a value another source contradicts"),
    ("claim_number", "number", "a number or quantity"),
    ("claim_date", "date", "a date or duration"),
)
SAMPLE_PADDING_PX = 3


class Legend(QWidget):
    """What each highlight means, each shown as it looks in the panes."""

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("legend")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.setSpacing(12)
        self.samples: dict[Layer, QLabel] = {}
        for layer, _word, meaning in SAMPLES:
            label = QLabel(self)
            label.setToolTip(meaning)
            layout.addWidget(label)
            self.samples[layer] = label
        self.apply_theme(theme)

    def apply_theme(self, theme: Theme) -> None:
        for layer, word, _meaning in SAMPLES:
            fmt = theme.layer_format(layer, 0)
            self.samples[layer].setPixmap(self._sample(word, fmt))

    def _sample(self, word: str, fmt: QTextCharFormat) -> QPixmap:
        layout = QTextLayout(word, self.font())
        range_ = QTextLayout.FormatRange()
        range_.start, range_.length, range_.format = 0, len(word), fmt
        layout.setFormats([range_])
        layout.beginLayout()
        line = layout.createLine()
        line.setLineWidth(10_000)
        layout.endLayout()
        ratio = self.devicePixelRatioF()
        width = int(line.naturalTextWidth()) + 2 * SAMPLE_PADDING_PX
        height = int(line.height()) + 2 * SAMPLE_PADDING_PX
        pixmap = QPixmap(int(width * ratio), int(height * ratio))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setPen(self.palette().windowText().color())
        layout.draw(painter, QPointF(SAMPLE_PADDING_PX, SAMPLE_PADDING_PX))
        painter.end()
        return pixmap
