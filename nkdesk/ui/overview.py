"""The overview bar beside each pane, as in Meld: the whole article in a strip.

Stripes show where the shared passages, the conflicts and the tags are; a
frame shows the part on screen; a click or a drag there scrolls the pane.

The stripes themselves are read off the marks and tags in
``nkdesk.ui.stripes`` (plain Python, done in the worker for the engine's
marks).
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from nkdesk.ui.stripes import Stripe

BAR_PX = 14
MIN_STRIPE_PX = 2
CURRENT_PX = 3


class OverviewBar(QWidget):
    """A narrow strip beside a pane's text showing the whole article.

    Signals:
        jumped(float): the analyst clicked or dragged at this fraction of
            the article (0 at its start, 1 at its end).
    """

    jumped = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("overviewBar")
        self.setFixedWidth(BAR_PX)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip("Overview: shared passages, conflicts (red), tags; click to go there")
        self.stripes: tuple[Stripe, ...] = ()
        self.tag_stripes: tuple[Stripe, ...] = ()
        self.visible = (0.0, 1.0)
        self.current: float | None = None
        self.colours: dict[str, QColor] = {}
        self.cluster_colour = lambda _cluster: QColor("#77AADD")

    def set_stripes(self, stripes: tuple[Stripe, ...]) -> None:
        self.stripes = stripes
        self.update()

    def set_tag_stripes(self, stripes: tuple[Stripe, ...]) -> None:
        self.tag_stripes = stripes
        self.update()

    def set_visible_range(self, top: float, bottom: float) -> None:
        if (top, bottom) != self.visible:
            self.visible = (top, bottom)
            self.update()

    def set_current(self, fraction: float | None) -> None:
        if fraction != self.current:
            self.current = fraction
            self.update()

    def stripe_rect(self, stripe: Stripe) -> QRectF:
        """Where a stripe is drawn: shared on the left half, tags on the right,
        conflicts across the whole width on top."""
        height = self.height()
        top = stripe.start * height
        size = max(MIN_STRIPE_PX, (stripe.end - stripe.start) * height)
        width = self.width()
        if stripe.kind == "shared":
            return QRectF(0, top, width / 2, size)
        if stripe.kind == "tag":
            return QRectF(width / 2, top, width / 2, size)
        return QRectF(0, top, width, size)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().base())
        for stripe in (*self.stripes, *self.tag_stripes):
            if stripe.kind == "shared":
                colour = self.cluster_colour(stripe.key)
            elif stripe.kind == "tag":
                colour = QColor(str(stripe.key))
            else:
                colour = self.colours.get("conflict", QColor("#CC3311"))
            painter.fillRect(self.stripe_rect(stripe), colour)
        # The visible range: a frame with a light shade, over the stripes.
        top, bottom = self.visible
        frame = QRectF(0.5, top * self.height(), self.width() - 1, (bottom - top) * self.height())
        shade = QColor(self.palette().text().color())
        shade.setAlpha(40)
        painter.fillRect(frame, shade)
        painter.setPen(QPen(self.palette().text().color(), 1))
        painter.drawRect(frame)
        if self.current is not None:
            y = self.current * self.height()
            painter.fillRect(
                QRectF(0, y - CURRENT_PX / 2, self.width(), CURRENT_PX),
                self.palette().text().color(),
            )
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._jump(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._jump(event)

    def _jump(self, event: QMouseEvent) -> None:
        event.accept()
        if self.height() > 0:
            self.jumped.emit(max(0.0, min(1.0, event.position().y() / self.height())))
