"""One article in the window: a header naming its source and the text itself."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QHelpEvent,
    QMouseEvent,
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
    QSizePolicy,
    QTextEdit,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from nkdesk.analysis.model import Span
from nkdesk.corpus import Document
from nkdesk.ui.marks import LAYERS, Layer, Mark
from nkdesk.ui.offsets import Utf16Offsets
from nkdesk.ui.theme import Theme

# Line height as a percentage of the font's: news prose reads better with air.
LINE_HEIGHT_PERCENT = 135
PARAGRAPH_SPACING_PX = 8
TEXT_MARGIN_PX = 14
FLASH_MS = 700
# Where a passage scrolled to lands, as a share of the viewport's height from
# the top: a little above the middle, so the lines before it give context.
SCROLL_ANCHOR = 0.3
SOURCE_BAR_PX = 6


class ElidedLabel(QLabel):
    """A one-line label that ends in "…" when narrow; the full text is its tooltip."""

    def __init__(self, text: str, parent: QWidget | None = None, *, tooltip: str = "") -> None:
        super().__init__(parent)
        self.full_text = " ".join(text.split())
        self.setToolTip(tooltip or self.full_text)
        self.setMinimumWidth(1)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setText(self.full_text)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.setText(
            self.fontMetrics().elidedText(
                self.full_text, Qt.TextElideMode.ElideRight, self.contentsRect().width()
            )
        )


class PassageView(QTextEdit):
    """The read-only, caret-navigable text of one article, with its highlights.

    Signals:
        activated(int): the analyst clicked, or pressed Enter, at this
            code-point offset (not UTF-16).
        focused(): the view took keyboard focus.
    """

    activated = Signal(int)
    focused = Signal()

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
        self.setPlainText(document.text)
        self.document().setDocumentMargin(TEXT_MARGIN_PX)
        self._space_lines()
        self.moveCursor(QTextCursor.MoveOperation.Start)
        self._press_pos: QPoint | None = None
        self.tooltip_provider = lambda _position: ""

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

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.focused.emit()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press_pos = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        pressed, self._press_pos = self._press_pos, None
        # A drag selects text; only a plain click asks for the partners.
        if (
            event.button() == Qt.MouseButton.LeftButton
            and pressed is not None
            and not self.textCursor().hasSelection()
        ):
            position = self.cursorForPosition(event.position().toPoint()).position()
            self.activated.emit(self.offsets.to_code_point(position))

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
    """

    activated = Signal(str, int)
    focused = Signal(str)
    scrolled = Signal(str)

    def __init__(
        self, document: Document, index: int, theme: Theme, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.index = index
        self.marks: list[Mark] = []
        self.visible_layers: set[Layer] = set(LAYERS)
        self.found: list[Span] = []
        self.current_found: Span | None = None
        self._flash: Span | None = None
        self._flash_timer = QTimer(self)
        self._flash_timer.setSingleShot(True)
        self._flash_timer.setInterval(FLASH_MS)
        self._flash_timer.timeout.connect(self.on_flash_timer_timeout)

        self.header = QWidget(self)
        self.header.setObjectName("paneHeader")
        self.source_bar = QFrame(self.header)
        self.source_bar.setFixedWidth(SOURCE_BAR_PX)
        self.source_bar.setAutoFillBackground(True)
        # One elided line each, so every pane's text starts at the same height
        # (an article's "title" is often its whole first paragraph).
        self.title_label = ElidedLabel(document.title, self.header)
        self.title_label.setObjectName("paneTitle")
        file_name = document.path.replace("\\", "/").rsplit("/", 1)[-1] or document.id
        self.meta_label = ElidedLabel(
            f"{file_name} · {document.word_count:,} words", self.header, tooltip=document.path
        )
        self.meta_label.setObjectName("paneMeta")
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

        self.view = PassageView(document, self)
        self.view.activated.connect(self.on_view_activated)
        self.view.focused.connect(self.on_view_focused)
        self.view.verticalScrollBar().valueChanged.connect(self.on_view_scrolled)
        self.setFocusProxy(self.view)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.view, 1)
        self.apply_theme(theme)

    @property
    def source_color(self) -> QColor:
        return self._theme.source(self.index)

    def apply_theme(self, theme: Theme) -> None:
        self._theme = theme
        palette = self.source_bar.palette()
        palette.setColor(QPalette.ColorRole.Window, theme.source(self.index))
        self.source_bar.setPalette(palette)
        self.refresh()

    def set_marks(self, marks: list[Mark]) -> None:
        self.marks = marks
        self.refresh()

    def set_layer_visible(self, layer: Layer, visible: bool) -> None:
        (self.visible_layers.add if visible else self.visible_layers.discard)(layer)
        self.refresh()

    def set_found(self, spans: list[Span], current: Span | None = None) -> None:
        """Mark the matches of Edit > Find; ``current`` is the one the caret is on."""
        self.found = spans
        self.current_found = current
        self.refresh()

    def flash(self, span: Span) -> None:
        """Tint a passage for FLASH_MS, to show the eye where it landed."""
        self._flash = span
        self._flash_timer.start()
        self.refresh()

    def on_flash_timer_timeout(self) -> None:
        self._flash = None
        self.refresh()

    def refresh(self) -> None:
        """Rebuild the ExtraSelections from the marks and the visible layers.

        Layers are stacked in LAYERS order so a conflict's wavy line is drawn
        over a passage's tint; find matches come next, and the flash last, on
        top of everything.
        """
        order = {layer: n for n, layer in enumerate(LAYERS)}
        selections = []
        for mark in sorted(self.marks, key=lambda m: (order[m.layer], m.start)):
            if mark.layer not in self.visible_layers:
                continue
            selection = QTextEdit.ExtraSelection()
            selection.cursor = self.view.cursor_for(mark.start, mark.end)
            selection.format = self._theme.layer_format(mark.layer, mark.cluster)
            selections.append(selection)
        for span in self.found:
            selection = QTextEdit.ExtraSelection()
            selection.cursor = self.view.cursor_for(span.start, span.end)
            selection.format = self._theme.find_format(span == self.current_found)
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

    def on_view_scrolled(self, _value: int) -> None:
        self.scrolled.emit(self.document.id)
