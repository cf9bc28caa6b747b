"""The overview bar beside each pane, as in Meld: the whole article in a strip.

Stripes show where the shared passages, the conflicts and the tags are; a
frame shows the part on screen; a click or a drag there scrolls the pane.

Stripes are fractions of the article's length, read once from the marks
(``overview_stripes``, plain Python, done in the worker for the engine's
marks) and merged to at most ``BUCKETS`` per kind, so a paint costs the same
on a 200 KB article as on a short one.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Literal, NamedTuple

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

if TYPE_CHECKING:
    from nkdesk.store import AnnotationRow

StripeKind = Literal["shared", "conflict", "tag"]
# How finely the bar tells places apart: finer than any screen's pixels.
BUCKETS = 1000
BAR_PX = 14
MIN_STRIPE_PX = 2
CURRENT_PX = 3


class Stripe(NamedTuple):
    """One stretch of the bar: ``[start, end)`` as fractions of the article."""

    start: float
    end: float
    kind: StripeKind
    key: str | int | None  # a cluster id (shared) or a tag colour (tag)


def overview_stripes(
    spans: Iterable[tuple[int, int, StripeKind, str | int | None]], length: int
) -> tuple[Stripe, ...]:
    """The stripes of ``spans`` (start, end, kind, key) over an article of ``length``.

    Spans of one kind and key that fall into touching buckets become one
    stripe; the result holds at most BUCKETS stripes per kind and key.
    """
    if length <= 0:
        return ()
    taken: dict[tuple[StripeKind, str | int | None], set[int]] = {}
    for start, end, kind, key in spans:
        first = min(BUCKETS - 1, start * BUCKETS // length)
        last = min(BUCKETS - 1, max(first, (end - 1) * BUCKETS // length))
        taken.setdefault((kind, key), set()).update(range(first, last + 1))
    stripes = []
    for (kind, key), buckets in taken.items():
        ordered = sorted(buckets)
        run_start = previous = ordered[0]
        for bucket in [*ordered[1:], None]:
            if bucket is not None and bucket == previous + 1:
                previous = bucket
                continue
            stripes.append(Stripe(run_start / BUCKETS, (previous + 1) / BUCKETS, kind, key))
            if bucket is not None:
                run_start = previous = bucket
    order = {"shared": 0, "tag": 1, "conflict": 2}
    return tuple(sorted(stripes, key=lambda s: (order[s.kind], s.start)))


def tag_stripes(rows: Iterable[AnnotationRow], length: int) -> tuple[Stripe, ...]:
    """The stripes of an article's placed tags, each in its tag's colour."""
    return overview_stripes(
        (
            (r.annotation.start, r.annotation.end, "tag", r.tag_colour)
            for r in rows
            if not r.annotation.orphaned
        ),
        length,
    )


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
