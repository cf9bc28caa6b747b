"""One article in the window: a header naming its source and the text itself."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QPoint, QRect, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFocusEvent,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
    QTextBlockFormat,
    QTextCursor,
    QTextOption,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QSizePolicy,
    QTextEdit,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from nkdesk.analysis.model import Span
from nkdesk.corpus import Document
from nkdesk.sources import Source
from nkdesk.store import AnnotationRow
from nkdesk.ui.marks import LAYERS, Layer, Mark, Stretches
from nkdesk.ui.offsets import Utf16Offsets
from nkdesk.ui.overview import OverviewBar
from nkdesk.ui.stripes import Stripe, tag_stripes
from nkdesk.ui.tagging import TagMark, snap_to_words, tag_marks
from nkdesk.ui.theme import Theme, palette_data

# Line height as a percentage of the font's: news prose reads better with air.
LINE_HEIGHT_PERCENT = 135
PARAGRAPH_SPACING_PX = 8
TEXT_MARGIN_PX = 14
FLASH_MS = 700
# A pane turns into Qt selections the marks on screen and at least this many
# characters above and below it (see ArticlePane.refresh).
MIN_DRAWN_CHARS = 4_000
# Where a passage scrolled to lands, as a share of the viewport's height from
# the top: a little above the middle, so the lines before it give context.
SCROLL_ANCHOR = 0.3
SOURCE_BAR_PX = 6
# How far above and below a tag's underline a click still lands on it: the
# line is only a few pixels thick, too thin a target on its own.
MARK_SLOP_PX = 2
# A tag's underline is this share of the font's height thick (at least the
# palette's tag_underline_px), so that it grows with the zoom.
UNDERLINE_SHARE = 1 / 7
# A tag's words also get a light wash in its colour, under the text and under
# a conflict's red line, so a tag reads at a glance and stays visible beneath
# the red (issue 14, item 6: a thin pale line was lost under the wave).
TAG_WASH_ALPHA = 64
# Coding stripes: one thin bar per tag in the text's left margin, by lane.
CODING_STRIPE_PX = 2
CODING_STRIPE_GAP_PX = 1
# Lanes that fit between one line's descenders and the next line's capitals
# at the window's line height (LINE_HEIGHT_PERCENT).
MAX_LANES = 3
# A long article goes into its view a piece of about this many characters at a
# time, one piece per turn of the event loop. Given a text whole, Qt lays it
# out in steps that double up to 200,000 characters, and each late step of a
# 200 KB article held the UI thread 50-80 ms; text appended is laid out as it
# arrives, a few milliseconds a piece (issue 12).
LOAD_STEP_CHARS = 6_000

# Typing in a pane, or a tagging popup cancelled, keeps the plain tagging keys
# (T, 1-9, E, L, A, Return, Delete) from acting until the keyboard has been
# quiet this long, or a navigation key or click says the analyst is back to
# commanding (issue 14: the "t" of a typed note opened the popup).
TYPING_GUARD_S = 1.0
_GUARDED_KEYS = frozenset(
    {Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Delete, Qt.Key.Key_Backspace}
)
_MODIFIER_KEYS = frozenset(
    {
        Qt.Key.Key_Shift,
        Qt.Key.Key_Control,
        Qt.Key.Key_Alt,
        Qt.Key.Key_Meta,
        Qt.Key.Key_AltGr,
        Qt.Key.Key_CapsLock,
    }
)
_COMMAND_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)

MenuProvider = Callable[[QMenu, int], None]


def is_typing(event: QKeyEvent) -> bool:
    """Whether a key is what typing a sentence presses: a character, Return, Backspace, Delete."""
    if event.modifiers() & _COMMAND_MODIFIERS:
        return False
    text = event.text()
    return (bool(text) and text.isprintable()) or Qt.Key(event.key()) in _GUARDED_KEYS


class ElidedLabel(QLabel):
    """A one-line label that ends in "…" when narrow; the full text is its tooltip."""

    def __init__(self, text: str, parent: QWidget | None = None, *, tooltip: str = "") -> None:
        super().__init__(parent)
        self.full_text = " ".join(text.split())
        self.setToolTip(tooltip or self.full_text)
        self.setMinimumWidth(1)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setText(self.full_text)

    def set_full_text(self, text: str, *, tooltip: str = "") -> None:
        self.full_text = " ".join(text.split())
        self.setToolTip(tooltip or self.full_text)
        self._elide()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        width = self.contentsRect().width()
        if width <= 1:
            self.setText(self.full_text)
            return
        self.setText(
            self.fontMetrics().elidedText(self.full_text, Qt.TextElideMode.ElideRight, width)
        )


def source_tooltip(source: Source, path: str = "") -> str:
    """An article's source details, one to a line, for a header's tooltip."""
    lines = [source.label()]
    if source.author:
        lines.append(f"By {source.author}")
    if source.origin:
        lines.append(f"First published by {source.origin}")
    lines += [source.url or "", path]
    if not source.known:
        lines.insert(0, "No source details known (Edit > Source Details…)")
    return "\n".join(line for line in lines if line)


class PassageView(QTextEdit):
    """The read-only, caret-navigable text of one article, with its highlights and tags.

    The analysis layers are ExtraSelections (character formats). The
    analyst's tags are drawn apart, as underlines painted below the text
    in stacked lanes: a character format has a single underline, so with
    ExtraSelections two overlapping tags, or a tag on a conflicting value,
    would hide one another's line. Painted lanes show every tag at once and
    leave the conflict's wavy line in place.

    Signals:
        activated(int): the analyst clicked, or pressed Enter, at this
            code-point offset (not UTF-16).
        focused(): the view took keyboard focus.
        mark_clicked(int, QRect): a tag's underline was clicked; the
            annotation id and where the underline is, in global pixels.
        released(): the left button came up; a drag's selection is final
            (snapped to words).
        typing_ignored(str): typed text was kept from acting as tagging keys.
        text_loaded(): the last piece of a long article went into the view
            (see LOAD_STEP_CHARS); a short one never emits it.
    """

    typing_ignored = Signal(str)
    activated = Signal(int)
    focused = Signal()
    mark_clicked = Signal(int, QRect)
    released = Signal()
    text_loaded = Signal()

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("passageView")
        self.offsets = Utf16Offsets(document.text)
        self.setReadOnly(True)
        # Read-only, but the caret stays: the analyst walks the text by keyboard.
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByKeyboard
            | Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        # The text as nkdesk indexes it (code points), without asking Qt.
        self.article_text = document.text
        # Read-only: appending the pieces need not be undoable.
        self.document().setUndoRedoEnabled(False)
        # How much of the text (code points) is in the view: the first piece
        # now, the rest one piece per turn of the event loop from the view's
        # first paint on (_load_step), so the pieces do not delay that paint;
        # all of it at once when something needs a position past it.
        self.loaded = self._piece_end(0)
        self.setPlainText(document.text[: self.loaded])
        self.document().setDocumentMargin(TEXT_MARGIN_PX)
        self._space_lines()
        self._load_timer = QTimer(self)
        self._load_timer.setInterval(0)
        self._load_timer.timeout.connect(self._load_step)
        self.moveCursor(QTextCursor.MoveOperation.Start)
        self._press_pos: QPoint | None = None
        self.tooltip_provider: Callable[[int], str] = lambda _position: ""
        self.menu_provider: MenuProvider | None = None
        self.tag_rows: list[AnnotationRow] = []
        self.tag_marks: list[TagMark] = []
        self.tags_visible = True
        self.clock: Callable[[], float] = time.monotonic
        self._typed_at: float | None = None

    def guard_typing(self) -> None:
        """Keep the plain tagging keys from acting for TYPING_GUARD_S from now."""
        self._typed_at = self.clock()

    def typing_guarded(self) -> bool:
        return self._typed_at is not None and self.clock() - self._typed_at < TYPING_GUARD_S

    def event(self, event: QEvent) -> bool:
        # Taking the ShortcutOverride keeps the window's single-key actions
        # from firing; the key then comes here as a plain key press.
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and is_typing(event)
            and self.typing_guarded()
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._step_word(event):
            self._typed_at = None
            event.accept()
        elif Qt.Key(event.key()) in _MODIFIER_KEYS:
            super().keyPressEvent(event)
        elif is_typing(event):
            # The text is read-only: typing goes nowhere, and says so.
            self.guard_typing()
            self.typing_ignored.emit(event.text())
            event.accept()
        else:
            self._typed_at = None
            # Ctrl+End, Page Down, Ctrl+A and the like reach the whole text.
            self.finish_loading()
            super().keyPressEvent(event)

    def _step_word(self, event: QKeyEvent) -> bool:
        """Ctrl(+Shift)+Left/Right by nkdesk's words, where a number is one; whether it did."""
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        shift = Qt.KeyboardModifier.ShiftModifier
        if modifiers not in (
            Qt.KeyboardModifier.ControlModifier,
            Qt.KeyboardModifier.ControlModifier | shift,
        ):
            return False
        # Here, not with the window: the word pattern takes the engine's
        # number patterns, compiled by the comparison in the worker.
        from nkdesk.text.words import next_word, previous_word

        step = {Qt.Key.Key_Right: next_word, Qt.Key.Key_Left: previous_word}.get(
            Qt.Key(event.key())
        )
        if step is None:
            return False
        cursor = self.textCursor()
        target = step(self.article_text, self.offsets.to_code_point(cursor.position()))
        if target > self.loaded:
            self.finish_loading()
        mode = (
            QTextCursor.MoveMode.KeepAnchor
            if modifiers & shift
            else QTextCursor.MoveMode.MoveAnchor
        )
        cursor.setPosition(self.offsets.to_utf16(target), mode)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()
        return True

    def _piece_end(self, start: int) -> int:
        """Where the piece of the text from ``start`` ends: after a line break
        LOAD_STEP_CHARS on, else after a space, else at the text's end."""
        text = self.article_text
        at = start + LOAD_STEP_CHARS
        if at >= len(text):
            return len(text)
        for separator in ("\n", " "):
            found = text.find(separator, at, at + LOAD_STEP_CHARS)
            if found != -1:
                return found + 1
        return at

    @property
    def fully_loaded(self) -> bool:
        return self.loaded >= len(self.article_text)

    def start_loading(self) -> None:
        """Put the rest of the text in, a piece per turn of the event loop."""
        if not self.fully_loaded and not self._load_timer.isActive():
            self._load_timer.start()

    def _load_step(self) -> None:
        self._append(self._piece_end(self.loaded))

    def finish_loading(self) -> None:
        """Put the rest of the article into the view now (a position past the
        loaded piece was asked for, or a key may move past it)."""
        self._append(len(self.article_text))

    def _append(self, end: int) -> None:
        if end <= self.loaded:
            return
        cursor = QTextCursor(self.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        # The new paragraphs take the last one's spacing (see _space_lines).
        cursor.insertText(self.article_text[self.loaded : end])
        self.loaded = end
        if self.fully_loaded:
            self._load_timer.stop()
            self.text_loaded.emit()

    def _space_lines(self) -> None:
        cursor = QTextCursor(self.document())
        cursor.select(QTextCursor.SelectionType.Document)
        block = QTextBlockFormat()
        block.setLineHeight(
            LINE_HEIGHT_PERCENT, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value
        )
        block.setBottomMargin(PARAGRAPH_SPACING_PX)
        cursor.mergeBlockFormat(block)

    def caret(self) -> int:
        """The caret's code-point offset."""
        return self.offsets.to_code_point(self.textCursor().position())

    def cursor_for(self, start: int, end: int | None = None) -> QTextCursor:
        """A cursor at (or selecting) a code-point range."""
        if max(start, end or 0) > self.loaded:
            self.finish_loading()
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.offsets.to_utf16(start))
        if end is not None:
            cursor.setPosition(self.offsets.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def move_caret(self, position: int) -> None:
        self.setTextCursor(self.cursor_for(position))
        self.ensureCursorVisible()

    def scroll_to(self, position: int, y: int | None = None) -> None:
        """Bring a code-point offset into view without moving the caret.

        Its line lands ``y`` pixels below the viewport's top (negative: above
        it), by default a little above the middle (SCROLL_ANCHOR).
        """
        if y is None:
            y = int(self.viewport().height() * SCROLL_ANCHOR)
        bar = self.verticalScrollBar()
        target = bar.value() + self.y_of(position) - y
        bar.setValue(max(bar.minimum(), min(bar.maximum(), target)))

    def y_of(self, position: int) -> int:
        """Where a code-point offset's line starts, in viewport pixels."""
        return self.cursorRect(self.cursor_for(position)).top()

    def visible_range(self) -> tuple[int, int]:
        """The code-point offsets at the viewport's top-left and bottom-right."""
        rect = self.viewport().rect()
        top = self.cursorForPosition(rect.topLeft()).position()
        bottom = self.cursorForPosition(rect.bottomRight()).position()
        return self.offsets.to_code_point(top), self.offsets.to_code_point(bottom)

    def is_visible(self, position: int) -> bool:
        rect = self.cursorRect(self.cursor_for(position))
        return self.viewport().rect().intersects(rect)

    def selection(self) -> tuple[int, int] | None:
        """The selected code-point range, or None."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        return (
            self.offsets.to_code_point(cursor.selectionStart()),
            self.offsets.to_code_point(cursor.selectionEnd()),
        )

    def select(self, start: int, end: int) -> None:
        """Select a code-point range, the caret at its end."""
        self.setTextCursor(self.cursor_for(start, end))

    def position_at(self, point: QPoint) -> int:
        """The code-point offset nearest a viewport point."""
        return self.offsets.to_code_point(self.cursorForPosition(point).position())

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.focused.emit()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._typed_at = None
        point = event.position().toPoint()
        mark = self.mark_at(point) if event.button() == Qt.MouseButton.LeftButton else None
        if mark is not None:
            # A click on a tag's underline edits that tag; it neither moves
            # the caret nor starts a selection.
            self._press_pos = None
            rect = self.mark_rects(mark)[0].toAlignedRect()
            global_rect = QRect(self.viewport().mapToGlobal(rect.topLeft()), rect.size())
            event.accept()
            self.mark_clicked.emit(mark.annotation, global_rect)
            return
        self._press_pos = point
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        super().mouseMoveEvent(event)
        if event.buttons() == Qt.MouseButton.NoButton:
            # The hand says "this line can be clicked", as over a link.
            over = self.mark_at(event.position().toPoint()) is not None
            shape = Qt.CursorShape.PointingHandCursor if over else Qt.CursorShape.IBeamCursor
            if self.viewport().cursor().shape() != shape:
                self.viewport().setCursor(shape)

    @property
    def dragging(self) -> bool:
        """Whether the left button is down on the text (a selection may still grow)."""
        return self._press_pos is not None

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        pressed, self._press_pos = self._press_pos, None
        if event.button() != Qt.MouseButton.LeftButton or pressed is None:
            return
        selected = self.selection()
        if selected is not None:
            # A drag selects text, snapped to whole words; it shows no partners.
            start, end = snap_to_words(self.article_text, *selected)
            if end > start:
                self.select(start, end)
        else:
            point = event.position().toPoint()
            position = self.position_at(point)
            mark = self.tagged_word_at(point)
            if mark is not None:
                # A click on a tagged word edits that tag, as a click on its
                # underline does; it does not scroll the other panes.
                rect = self.mark_rects(mark)[0].toAlignedRect()
                global_rect = QRect(self.viewport().mapToGlobal(rect.topLeft()), rect.size())
                self.mark_clicked.emit(mark.annotation, global_rect)
            else:
                self.activated.emit(position)
        self.released.emit()

    def tagged_word_at(self, point: QPoint) -> TagMark | None:
        """The innermost tag over the character under a viewport point, if any."""
        if not self.tags_visible or not self.tag_marks:
            return None
        cursor = self.cursorForPosition(point)
        rect = self.cursorRect(cursor)
        if abs(rect.center().y() - point.y()) > rect.height():
            return None  # below the last line: no word is under the pointer
        position = self.offsets.to_code_point(cursor.position())
        hits = [
            m
            for m in self.visible_marks()
            if m.start <= position < m.end or (m.start < position == m.end)
        ]
        for mark in sorted(hits, key=lambda m: (m.end - m.start, -m.annotation)):
            if any(r.contains(point.toPointF()) for r in self.mark_rects(mark, wash=True)):
                return mark
        return None

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        self.finish_loading()  # its Select All selects the whole article
        menu = self.createStandardContextMenu(event.pos())
        if self.menu_provider is not None:
            self.menu_provider(menu, self.position_at(event.pos()))
        menu.exec(event.globalPos())
        menu.deleteLater()

    # -- tags -----------------------------------------------------------------

    def set_tags(self, rows: Sequence[AnnotationRow], marks: list[TagMark] | None = None) -> None:
        """Draw these tags (this document's) as underlines, overlapping ones stacked;
        ``marks`` are their ``tag_marks`` when a worker computed them already."""
        self.tag_rows = list(rows)
        self.tag_marks = tag_marks(self.tag_rows) if marks is None else marks
        self.viewport().update()

    def set_tags_visible(self, visible: bool) -> None:
        self.tags_visible = visible
        self.viewport().update()

    def _underline_px(self) -> int:
        minimum = int(palette_data()["tag_underline_px"])
        return max(minimum, round(self.fontMetrics().height() * UNDERLINE_SHARE))

    def mark_rects(self, mark: TagMark, *, wash: bool = False) -> list[QRectF]:
        """The underline of one tag, one rectangle per line it spans, in viewport pixels.

        Lane 0 runs along the foot of the descenders, below a conflict's wavy
        line; each further lane one line-thickness and a pixel lower, in the
        air the line height leaves. Tags overlapping deeper than MAX_LANES
        share the last lane (their tooltip and the tags panel list them all).
        With ``wash``, the rectangles are the tagged words' line boxes instead.
        """
        start, end = self.offsets.span_to_utf16(mark.start, mark.end)
        document = self.document()
        layout = document.documentLayout()
        dx = -self.horizontalScrollBar().value()
        dy = -self.verticalScrollBar().value()
        thickness = self._underline_px()
        rects = []
        block = document.findBlock(start)
        while block.isValid() and block.position() < end:
            text_layout = block.layout()
            origin = layout.blockBoundingRect(block).topLeft()
            first = block.position()
            for number in range(text_layout.lineCount()):
                line = text_layout.lineAt(number)
                line_start = first + line.textStart()
                line_end = line_start + line.textLength()
                if line_start >= end:
                    break
                low, high = max(start, line_start), min(end, line_end)
                if low >= high:
                    continue
                x1 = line.cursorToX(low - first)[0]
                x2 = line.cursorToX(high - first)[0]
                left = min(x1, x2) + origin.x() + dx
                if wash:
                    top = origin.y() + line.y() + dy
                    rects.append(QRectF(left, top, abs(x2 - x1), line.ascent() + line.descent()))
                    continue
                lane = min(mark.lane, MAX_LANES - 1)
                y = origin.y() + line.y() + line.ascent() + line.descent() - 1
                y += lane * (thickness + 1)
                rects.append(QRectF(left, y + dy, abs(x2 - x1), thickness))
            block = block.next()
        return rects

    def visible_marks(self) -> list[TagMark]:
        top, bottom = self.visible_range()
        return [m for m in self.tag_marks if m.start <= bottom and m.end >= top]

    def mark_at(self, point: QPoint) -> TagMark | None:
        """The tag whose underline is under a viewport point (the nearest lane), if any."""
        if not self.tags_visible or not self.tag_marks:
            return None
        best: tuple[float, TagMark] | None = None
        for mark in self.visible_marks():
            for rect in self.mark_rects(mark):
                area = rect.adjusted(0, -MARK_SLOP_PX, 0, MARK_SLOP_PX)
                if area.contains(point.toPointF()):
                    distance = abs(rect.center().y() - point.y())
                    if best is None or distance < best[0]:
                        best = (distance, mark)
        return best[1] if best else None

    def paintEvent(self, event: QPaintEvent) -> None:
        self.start_loading()
        if not self.tags_visible or not self.tag_marks:
            super().paintEvent(event)
            return
        marks = self.visible_marks()
        # The wash first, so the text, its highlights and a conflict's red
        # line are painted over it.
        painter = QPainter(self.viewport())
        for mark in marks:
            colour = QColor(mark.colour)
            colour.setAlpha(TAG_WASH_ALPHA)
            for rect in self.mark_rects(mark, wash=True):
                painter.fillRect(rect, colour)
        painter.end()
        super().paintEvent(event)
        painter = QPainter(self.viewport())
        for mark in marks:
            colour = QColor(mark.colour)
            for rect in self.mark_rects(mark):
                painter.fillRect(rect, colour)
            stripe = self.coding_stripe(mark)
            if stripe is not None:
                painter.fillRect(stripe, colour)
        painter.end()

    def coding_stripe(self, mark: TagMark) -> QRectF | None:
        """A tag's coding stripe in the text's left margin, as in QDA tools: a
        bar beside the lines it covers, one column per lane."""
        boxes = self.mark_rects(mark, wash=True)
        if not boxes:
            return None
        top = min(b.top() for b in boxes)
        bottom = max(b.bottom() for b in boxes)
        x = CODING_STRIPE_GAP_PX + min(mark.lane, MAX_LANES - 1) * (
            CODING_STRIPE_PX + CODING_STRIPE_GAP_PX
        )
        return QRectF(x, top, CODING_STRIPE_PX, bottom - top)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            position = self.cursorForPosition(event.pos()).position()
            text = self.tooltip_provider(self.offsets.to_code_point(position))
            if text:
                QToolTip.showText(event.globalPos(), text, self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)


class ArticlePane(QWidget):
    """An article's header (title, file, word count, source colour) above its text.

    Signals:
        activated(str, int): a passage at this code-point offset of this
            document was clicked or entered.
        focused(str): the pane's text took focus; the document id.
        scrolled(str): the text scrolled vertically; the document id.
        mark_clicked(str, int, QRect): a tag's underline was clicked; the
            document id, the annotation id, the underline in global pixels.
        typing_ignored(str): text typed into the pane was ignored.
        source_details_requested(str): the header's Source… button was
            clicked; the document id.
    """

    typing_ignored = Signal(str)
    activated = Signal(str, int)
    focused = Signal(str)
    scrolled = Signal(str)
    mark_clicked = Signal(str, int, QRect)
    source_details_requested = Signal(str)

    def __init__(
        self, document: Document, index: int, theme: Theme, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.index = index
        self.marks: list[Mark] = []
        self._marks = Stretches(())
        self._found = Stretches(())
        # The offsets whose marks are Qt selections now: what the view shows,
        # a screen above and below (see refresh).
        self.drawn_range = (0, 0)
        self.visible_layers: set[Layer] = set(LAYERS)
        self.found: list[Span] = []
        self.current_found: Span | None = None
        self._flash: Span | None = None
        # The item F9 / F8 or a conflicts row went to: tinted until the next
        # one, so the eye finds it again (a flash alone fades in a second).
        self.current: Span | None = None
        self._flash_timer = QTimer(self)
        self._flash_timer.setSingleShot(True)
        self._flash_timer.setInterval(FLASH_MS)
        self._flash_timer.timeout.connect(self.on_flash_timer_timeout)
        self._follow_timer = QTimer(self)
        self._follow_timer.setSingleShot(True)
        self._follow_timer.setInterval(0)
        self._follow_timer.timeout.connect(self._follow_screen)

        self.header = QWidget(self)
        self.header.setObjectName("paneHeader")
        self.source_bar = QFrame(self.header)
        self.source_bar.setFixedWidth(SOURCE_BAR_PX)
        self.source_bar.setAutoFillBackground(True)
        # One elided line each, so every pane's text starts at the same height
        # (an article's "title" is often its whole first paragraph).
        self.title_label = ElidedLabel(document.title, self.header)
        self.title_label.setObjectName("paneTitle")
        self.meta_label = ElidedLabel("", self.header)
        self.meta_label.setObjectName("paneMeta")
        self.source_button = QToolButton(self.header)
        self.source_button.setObjectName("paneSourceButton")
        self.source_button.setText("Source…")
        self.source_button.setAutoRaise(True)
        self.source_button.setToolTip("Source details: outlet, date, address, author, origin")
        # Edit > Source Details… (Ctrl+I) is the keyboard way; the button stays out of Tab.
        self.source_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.source_button.clicked.connect(self.on_source_button_clicked)
        self.set_source(document.source)
        text_column = QVBoxLayout()
        text_column.setContentsMargins(0, 0, 0, 0)
        text_column.setSpacing(2)
        text_column.addWidget(self.title_label)
        text_column.addWidget(self.meta_label)
        header_layout = QHBoxLayout(self.header)
        header_layout.setContentsMargins(6, 6, 6, 6)
        header_layout.setSpacing(8)
        header_layout.addWidget(self.source_bar)
        header_layout.addLayout(text_column, 1)
        header_layout.addWidget(self.source_button, 0, Qt.AlignmentFlag.AlignTop)

        self.view = PassageView(document, self)
        self.view.activated.connect(self.on_view_activated)
        self.view.focused.connect(self.on_view_focused)
        self.view.mark_clicked.connect(self.on_view_mark_clicked)
        self.view.typing_ignored.connect(self.typing_ignored)
        self.view.verticalScrollBar().valueChanged.connect(self.on_view_scrolled)
        self.view.verticalScrollBar().rangeChanged.connect(self.on_view_resized)
        self.setFocusProxy(self.view)

        self.overview = OverviewBar(self)
        self.overview.jumped.connect(self.on_overview_jumped)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        body.addWidget(self.view, 1)
        body.addWidget(self.overview)
        layout.addLayout(body, 1)
        self.apply_theme(theme)

    def set_source(self, source: Source) -> None:
        """Show the article's source details: "outlet · date" first in the header line."""
        self.source = source
        document = self.document
        file_name = document.path.replace("\\", "/").rsplit("/", 1)[-1] or document.id
        # A reprint says so up front: one report echoed is not two confirmations.
        origin = f"first published by {source.origin}" if source.origin else ""
        parts = [source.label(), origin, file_name, f"{document.word_count:,} words"]
        tooltip = source_tooltip(source, document.path)
        self.meta_label.set_full_text(" · ".join(p for p in parts if p), tooltip=tooltip)
        title = " ".join(document.title.split())
        self.title_label.setToolTip(f"{title}\n{source.label()}" if source.label() else title)

    def on_source_button_clicked(self) -> None:
        self.source_details_requested.emit(self.document.id)

    @property
    def source_color(self) -> QColor:
        return self._theme.source(self.index)

    def apply_theme(self, theme: Theme) -> None:
        self._theme = theme
        palette = self.source_bar.palette()
        palette.setColor(QPalette.ColorRole.Window, theme.source(self.index))
        self.source_bar.setPalette(palette)
        self.overview.cluster_colour = lambda cluster: theme.cluster(cluster, alpha=255)
        self.overview.colours = {"conflict": theme.color("conflict")}
        self.overview.update()
        self.refresh()

    def set_marks(self, marks: Sequence[Mark] | Stretches) -> None:
        """Draw these marks (already indexed, when the worker built their Stretches)."""
        self._marks = marks if isinstance(marks, Stretches) else Stretches(marks)
        self.marks = self._marks.items
        self.refresh()

    def set_overview(self, stripes: tuple[Stripe, ...]) -> None:
        """The overview bar's shared passages and conflicts (read in the worker)."""
        self.overview.set_stripes(stripes)
        self._follow_overview()

    def set_tag_overview(
        self, rows: Sequence[AnnotationRow], stripes: tuple[Stripe, ...] | None = None
    ) -> None:
        """The overview bar's tags: read here, or given as ``tag_stripes`` computed in a worker."""
        if stripes is None:
            stripes = tag_stripes(rows, len(self.document.text))
        self.overview.set_tag_stripes(stripes)

    def on_overview_jumped(self, fraction: float) -> None:
        length = len(self.document.text)
        self.view.scroll_to(min(length, int(fraction * length)))

    def _follow_overview(self) -> None:
        """Move the overview's frame (and current item) to what the view shows."""
        length = len(self.document.text) or 1
        if self.view.verticalScrollBar().maximum() == 0:
            self.overview.set_visible_range(0.0, 1.0)
        else:
            top, bottom = self.view.visible_range()
            self.overview.set_visible_range(top / length, min(1.0, bottom / length))
        self.overview.set_current(None if self.current is None else self.current.start / length)

    def set_layer_visible(self, layer: Layer, visible: bool) -> None:
        (self.visible_layers.add if visible else self.visible_layers.discard)(layer)
        self.refresh()

    def set_found(self, spans: list[Span], current: Span | None = None) -> None:
        """Mark the matches of Edit > Find; ``current`` is the one the caret is on."""
        self.found = spans
        self._found = Stretches(spans)
        self.current_found = current
        self.refresh()

    def flash(self, span: Span) -> None:
        """Tint a passage for FLASH_MS, to show the eye where it landed."""
        self._flash = span
        self._flash_timer.start()
        self.refresh()

    def set_current(self, span: Span | None) -> None:
        """Tint ``span`` as the current item until another (or None) is set."""
        if span != self.current:
            self.current = span
            self._follow_overview()
            self.refresh()

    def on_flash_timer_timeout(self) -> None:
        self._flash = None
        self.refresh()

    def refresh(self) -> None:
        """Rebuild the ExtraSelections from the marks and the visible layers.

        Only the marks on screen and a screen above and below become Qt
        selections (``drawn_range``); scrolling past them builds the next
        ones (``on_view_scrolled``), so the cost of a refresh follows the
        screen, not the article. Layers are stacked in LAYERS order so a
        conflict's wavy line is drawn over a passage's tint; find matches
        come next, and the flash last, on top of everything.
        """
        if self._marks or self._found:
            # Where the view is costs a layout of the text down to there:
            # not worth it before there is anything to draw.
            top, bottom = self.view.visible_range()
            reach = max(bottom - top, MIN_DRAWN_CHARS)
            self.drawn_range = (max(0, top - reach), bottom + reach)
        start, end = self.drawn_range
        order = {layer: n for n, layer in enumerate(LAYERS)}
        marks = self._marks.touching(start, end)
        selections = []
        for mark in sorted(marks, key=lambda m: (order[m.layer], m.start)):
            if mark.layer not in self.visible_layers:
                continue
            selection = QTextEdit.ExtraSelection()
            selection.cursor = self.view.cursor_for(mark.start, mark.end)
            selection.format = self._theme.layer_format(mark.layer, mark.cluster)
            selections.append(selection)
        for span in self._found.touching(start, end):
            selection = QTextEdit.ExtraSelection()
            selection.cursor = self.view.cursor_for(span.start, span.end)
            selection.format = self._theme.find_format(span == self.current_found)
            selections.append(selection)
        if self.current is not None:
            selection = QTextEdit.ExtraSelection()
            selection.cursor = self.view.cursor_for(self.current.start, self.current.end)
            selection.format = self._theme.find_format(True)
            selections.append(selection)
        if self._flash is not None:
            selection = QTextEdit.ExtraSelection()
            selection.cursor = self.view.cursor_for(self._flash.start, self._flash.end)
            selection.format = self._theme.flash_format()
            selections.append(selection)
        self.view.setExtraSelections(selections)

    def on_view_activated(self, position: int) -> None:
        self.activated.emit(self.document.id, position)

    def on_view_focused(self) -> None:
        self.focused.emit(self.document.id)

    def on_view_mark_clicked(self, annotation_id: int, rect: QRect) -> None:
        self.mark_clicked.emit(self.document.id, annotation_id, rect)

    def on_view_scrolled(self, _value: int) -> None:
        self._follow_screen()
        self.scrolled.emit(self.document.id)

    def on_view_resized(self, _minimum: int, _maximum: int) -> None:
        # The range changes at every step of laying out a long text: look
        # where the view is once the steps are over, not at each of them.
        self._follow_timer.start()

    def _follow_screen(self) -> None:
        """Build the selections for what the view now shows, if it left the drawn range."""
        self._follow_overview()
        if not (self._marks or self._found):
            return
        top, bottom = self.view.visible_range()
        start, end = self.drawn_range
        if not (start <= top and bottom <= end):
            self.refresh()
