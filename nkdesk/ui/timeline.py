"""The Timeline dock: each quantity claim's values over the dates they were stated as of.

It draws what ``nkdesk.analysis.timeline`` computed and laid out (the worker
reads the timeline off the comparison; ``layout`` places the marks); here
only pixels, keys and the mouse are handled. Issue 13, item 4.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPolygonF,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QSplitter,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

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
    value_label,
    when_label,
)

# Room the axes' labels take: the values' at the left, the dates' below; the
# legend of sources' shapes sits in a strip above the plot.
VALUE_LABELS_PX = 64
DATE_LABELS_PX = 22
LEGEND_PX = 22
LEGEND_SWATCH_PX = 14
MARGIN_PX = 10
# A click this far from a mark's edge still picks it: marks are small.
HIT_SLACK_PX = 4
FOCUS_RING_PX = 4
CLAIMS_LIST_PX = 300
NO_CLAIMS_TEXT = "No claim gives values that several sources state."
HINT_TEXT = "←/→ ↑/↓ move between values · Return shows the passage"


class TimelineCanvas(QWidget):
    """One claim's values painted as marks over time; keyboard-first.

    Left/Right step through the marks in time order, Up/Down to the nearest
    mark above or below, Home/End to the first and last; Return, Enter or a
    click shows the mark's passage.

    Signals:
        passage_chosen(object): the Span of the chosen mark's value.
        current_changed(int): the index of the mark now current (-1: none).
    """

    passage_chosen = Signal(object)
    current_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timelineCanvas")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(False)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.claim: TimelineClaim | None = None
        self.sources: tuple[str, ...] = ()
        self.colours: dict[str, QColor] = {}
        self.titles: dict[str, str] = {}
        self.current = -1
        self._plot: Plot | None = None

    def sizeHint(self) -> QSize:
        return QSize(600, 220)

    def minimumSizeHint(self) -> QSize:
        return QSize(240, 120)

    def set_claim(
        self,
        claim: TimelineClaim | None,
        sources: tuple[str, ...],
        colours: dict[str, QColor],
        titles: dict[str, str],
    ) -> None:
        self.claim = claim
        self.sources = sources
        self.colours = colours
        self.titles = titles
        self._plot = None
        self._set_current(0 if claim and claim.points else -1)
        self.update()

    @property
    def plot(self) -> Plot | None:
        """The claim laid out at the canvas's present size (computed when first asked)."""
        if self._plot is None and self.claim is not None:
            self._plot = layout(
                self.claim,
                self.sources,
                self.width(),
                self.height(),
                left=VALUE_LABELS_PX,
                top=LEGEND_PX + MARGIN_PX,
                right=MARGIN_PX,
                bottom=DATE_LABELS_PX + MARGIN_PX // 2,
            )
        return self._plot

    @property
    def marks(self) -> tuple[PlotMark, ...]:
        plot = self.plot
        return plot.marks if plot else ()

    def current_mark(self) -> PlotMark | None:
        marks = self.marks
        return marks[self.current] if 0 <= self.current < len(marks) else None

    def description(self, mark: PlotMark) -> str:
        kind = self.claim.type if self.claim else "quantity"
        years = self.claim.years_stated if self.claim else True
        title = " ".join(self.titles.get(mark.point.doc, mark.point.doc).split())
        return describe(mark.point, kind, title, years_stated=years)

    def _set_current(self, index: int) -> None:
        if index != self.current:
            self.current = index
            self.update()
        self.current_changed.emit(index)

    def mark_at(self, position: QPointF) -> int:
        """The index of the mark under ``position``, nearest first; -1 if none."""
        best, best_distance = -1, float(MARK_RADIUS_PX + HIT_SLACK_PX)
        for n, mark in enumerate(self.marks):
            distance = ((mark.x - position.x()) ** 2 + (mark.y - position.y()) ** 2) ** 0.5
            if distance <= best_distance:
                best, best_distance = n, distance
        return best

    # -- events ---------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._plot = None
        super().resizeEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusOutEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            index = self.mark_at(QPointF(event.pos()))
            if index >= 0:
                QToolTip.showText(event.globalPos(), self.description(self.marks[index]), self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        index = self.mark_at(event.position())
        if index >= 0:
            self._set_current(index)
            self.passage_chosen.emit(self.marks[index].point.span)
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        marks = self.marks
        key = event.key()
        if not marks or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            super().keyPressEvent(event)
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            mark = self.current_mark()
            if mark is not None:
                self.passage_chosen.emit(mark.point.span)
        elif key == Qt.Key.Key_Right:
            self._set_current(min(len(marks) - 1, self.current + 1))
        elif key == Qt.Key.Key_Left:
            self._set_current(max(0, self.current - 1))
        elif key == Qt.Key.Key_Home:
            self._set_current(0)
        elif key == Qt.Key.Key_End:
            self._set_current(len(marks) - 1)
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self._set_current(self._vertical_neighbour(key == Qt.Key.Key_Up))
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def _vertical_neighbour(self, up: bool) -> int:
        """The nearest mark above (or below) the current one; the current one if none."""
        here = self.current_mark()
        if here is None:
            return self.current
        candidates = [
            (abs(m.x - here.x) + abs(m.y - here.y) / 4, n)
            for n, m in enumerate(self.marks)
            if (m.y < here.y if up else m.y > here.y)
        ]
        return min(candidates)[1] if candidates else self.current

    # -- painting -------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        plot = self.plot
        if plot is None:
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, NO_CLAIMS_TEXT)
            return
        self._paint_legend(painter)
        self._paint_axes(painter, plot)
        for mark in plot.marks:
            self._paint_whiskers(painter, mark)
        for n, mark in enumerate(plot.marks):
            self._paint_mark(painter, mark, current=n == self.current)
        painter.end()

    def _paint_legend(self, painter: QPainter) -> None:
        docs = self.claim.docs if self.claim else ()
        shown = [d for d in self.sources if d in docs]
        if not shown:
            return
        share = (self.width() - 2 * MARGIN_PX) / len(shown)
        metrics = self.fontMetrics()
        painter.setPen(self.palette().color(QPalette.ColorRole.Text))
        for n, doc_id in enumerate(shown):
            left = MARGIN_PX + n * share
            centre = QPointF(left + LEGEND_SWATCH_PX / 2, LEGEND_PX / 2 + 2)
            self._paint_shape(
                painter, self._shape(doc_id), centre, LEGEND_SWATCH_PX / 2 - 1, self._colour(doc_id)
            )
            title = " ".join(self.titles.get(doc_id, doc_id).split())
            room = int(share - LEGEND_SWATCH_PX - 12)
            text = metrics.elidedText(title, Qt.TextElideMode.ElideRight, max(room, 0))
            painter.setPen(self.palette().color(QPalette.ColorRole.Text))
            painter.drawText(
                QRectF(left + LEGEND_SWATCH_PX + 4, 2, max(room, 0), LEGEND_PX),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                text,
            )

    def _paint_axes(self, painter: QPainter, plot: Plot) -> None:
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.Text)
        grid = palette.color(QPalette.ColorRole.Mid)
        grid.setAlpha(70)
        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        boxes = [b for b in (plot.dated, plot.undated) if b is not None]
        left = min(b.left for b in boxes)
        right = max(b.right for b in boxes)
        top, bottom = boxes[0].top, boxes[0].bottom
        if plot.undated is not None:
            band = QColor(palette.color(QPalette.ColorRole.AlternateBase))
            painter.fillRect(
                QRectF(
                    plot.undated.left,
                    plot.undated.top,
                    plot.undated.width,
                    plot.undated.bottom - plot.undated.top,
                ),
                band,
            )
        for tick in plot.y_ticks:
            painter.setPen(QPen(grid, 1))
            painter.drawLine(QPointF(left, tick.at), QPointF(right, tick.at))
            painter.setPen(text)
            painter.drawText(
                QRectF(0, tick.at - 10, VALUE_LABELS_PX - 6, 20),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                tick.label,
            )
        painter.setPen(QPen(text, 1))
        painter.drawLine(QPointF(left, bottom), QPointF(right, bottom))
        painter.drawLine(QPointF(left, top), QPointF(left, bottom))
        for tick in plot.x_ticks:
            painter.setPen(QPen(text, 1))
            painter.drawLine(QPointF(tick.at, bottom), QPointF(tick.at, bottom + 4))
            painter.drawText(
                QRectF(tick.at - 40, bottom + 4, 80, DATE_LABELS_PX),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                tick.label,
            )
        if plot.undated is not None:
            painter.setPen(muted)
            label = UNDATED_LABEL
            if plot.dated is None:
                label = f"{UNDATED_LABEL}: no value of this claim says when it held"
            painter.drawText(
                QRectF(plot.undated.left, bottom + 4, plot.undated.width, DATE_LABELS_PX),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                label,
            )
        if plot.dated is not None and self.claim is not None and not self.claim.years_stated:
            painter.setPen(muted)
            painter.drawText(
                QRectF(plot.dated.left + 4, top, plot.dated.width - 8, 18),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
                "year not stated",
            )

    def _paint_whiskers(self, painter: QPainter, mark: PlotMark) -> None:
        pen = QPen(self._colour(mark.point.doc), 2)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        painter.setPen(pen)
        if mark.x_low != mark.x_high:
            painter.drawLine(QPointF(mark.x_low, mark.y), QPointF(mark.x_high, mark.y))
        if mark.y_low != mark.y_high:
            painter.drawLine(QPointF(mark.x, mark.y_low), QPointF(mark.x, mark.y_high))
            for y in (mark.y_low, mark.y_high):
                painter.drawLine(
                    QPointF(mark.x - WHISKER_CAP_PX, y), QPointF(mark.x + WHISKER_CAP_PX, y)
                )

    def _paint_mark(self, painter: QPainter, mark: PlotMark, *, current: bool) -> None:
        centre = QPointF(mark.x, mark.y)
        if current:
            ring = self.palette().color(QPalette.ColorRole.Highlight)
            painter.setPen(QPen(ring, 2 if self.hasFocus() else 1, Qt.PenStyle.SolidLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            radius = MARK_RADIUS_PX + FOCUS_RING_PX
            painter.drawEllipse(centre, radius, radius)
        self._paint_shape(
            painter,
            self._shape(mark.point.doc),
            centre,
            MARK_RADIUS_PX,
            self._colour(mark.point.doc),
            hollow=mark.point.placed == "published",
        )

    def _paint_shape(
        self,
        painter: QPainter,
        shape: str,
        centre: QPointF,
        radius: float,
        colour: QColor,
        *,
        hollow: bool = False,
    ) -> None:
        # A dark edge keeps a pale colour (yellow on white) visible.
        edge = self.palette().color(QPalette.ColorRole.Text)
        if hollow:
            painter.setPen(QPen(colour, 2))
            painter.setBrush(self.palette().color(QPalette.ColorRole.Base))
        else:
            painter.setPen(QPen(edge, 1))
            painter.setBrush(colour)
        outline = shape_outline(shape, centre.x(), centre.y(), radius)
        if outline:
            painter.drawPolygon(QPolygonF([QPointF(x, y) for x, y in outline]))
        else:
            painter.drawEllipse(centre, radius, radius)

    def _shape(self, doc_id: str) -> str:
        return source_shape(self.sources.index(doc_id) if doc_id in self.sources else 0)

    def _colour(self, doc_id: str) -> QColor:
        return self.colours.get(doc_id, self.palette().color(QPalette.ColorRole.Text))


class TimelinePanel(QWidget):
    """The dock's contents: the claims on the left, the chosen one's timeline on the right.

    Return in the list moves to the plot; below the plot a line says what the
    current mark is, so the keyboard reads what the mouse would hover.

    Signals:
        passage_chosen(object): the Span of a value the analyst picked.
    """

    passage_chosen = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timelinePanel")
        self.timeline = Timeline((), ())
        self.colours: dict[str, QColor] = {}
        self.titles: dict[str, str] = {}
        self.claims_list = _ClaimsList(self)
        self.claims_list.setObjectName("timelineClaims")
        self.claims_list.setMinimumWidth(CLAIMS_LIST_PX // 2)
        self.claims_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.claims_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.claims_list.currentRowChanged.connect(self.on_claims_list_current_row_changed)
        self.claims_list.entered_plot.connect(self.on_claims_list_entered_plot)
        self.canvas = TimelineCanvas(self)
        self.canvas.passage_chosen.connect(self.passage_chosen)
        self.canvas.current_changed.connect(self.on_canvas_current_changed)
        self.detail = QLabel(self)
        self.detail.setObjectName("timelineDetail")
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.detail.setToolTip(HINT_TEXT)
        self.canvas.setAccessibleDescription(HINT_TEXT)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.setSpacing(2)
        right_layout.addWidget(self.canvas, 1)
        right_layout.addWidget(self.detail)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.claims_list)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(splitter)
        self.setFocusProxy(self.canvas)
        self._show_detail(-1)

    def set_timeline(
        self,
        timeline: Timeline | None,
        titles: dict[str, str] | None = None,
        colours: dict[str, QColor] | None = None,
    ) -> None:
        """Show ``timeline``'s claims (None: nothing, as before an analysis)."""
        self.timeline = timeline if timeline is not None else Timeline((), ())
        self.titles = dict(titles or {})
        self.colours = dict(colours or {})
        self.claims_list.blockSignals(True)
        self.claims_list.clear()
        for claim in self.timeline.claims:
            item = QListWidgetItem(f"{claim.label} ({len(claim.docs)} sources)")
            item.setToolTip(
                f"{claim.label}: {len(claim.points)} values from {len(claim.docs)} sources"
            )
            self.claims_list.addItem(item)
        if self.timeline.claims:
            self.claims_list.setCurrentRow(0)
        self.claims_list.blockSignals(False)
        self.on_claims_list_current_row_changed(self.claims_list.currentRow())

    def on_claims_list_current_row_changed(self, row: int) -> None:
        claims = self.timeline.claims
        claim = claims[row] if 0 <= row < len(claims) else None
        self.canvas.set_claim(claim, self.timeline.sources, self.colours, self.titles)

    def on_claims_list_entered_plot(self) -> None:
        self.canvas.setFocus(Qt.FocusReason.TabFocusReason)

    def on_canvas_current_changed(self, index: int) -> None:
        self._show_detail(index)

    def _show_detail(self, index: int) -> None:
        marks = self.canvas.marks
        claim = self.canvas.claim
        if claim is None or not 0 <= index < len(marks):
            self.detail.setText("" if self.timeline.claims else NO_CLAIMS_TEXT)
            return
        point = marks[index].point
        title = " ".join(self.titles.get(point.doc, point.doc).split())
        speaker = f" · {point.speaker}" if point.speaker else ""
        when = when_label(point, years_stated=claim.years_stated)
        self.detail.setText(
            f"{value_label(point, claim.type)} (“{point.text}”) · {when}{speaker} · "
            f"{self.detail.fontMetrics().elidedText(title, Qt.TextElideMode.ElideRight, 240)}"
        )


class _ClaimsList(QListWidget):
    """The claims; Return (or Right) goes to the chosen claim's plot.

    Signals:
        entered_plot(): the analyst asked to move to the plot.
    """

    entered_plot = Signal()

    def sizeHint(self) -> QSize:
        return QSize(CLAIMS_LIST_PX, super().sizeHint().height())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Right):
            self.entered_plot.emit()
            event.accept()
            return
        super().keyPressEvent(event)
