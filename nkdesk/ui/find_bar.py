"""The find bar under the panes: one field that searches every article at once."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStyle,
    QToolButton,
    QWidget,
)

FIELD_PX = 280


class FindField(QLineEdit):
    """The query field. Esc closes the bar, Return / Shift+Return step through matches.

    It claims Esc through ShortcutOverride: otherwise the window's Esc action
    (Stop Comparing, enabled while a comparison runs) would take the key
    first, and Esc in a find field would stop the analysis instead.

    Signals:
        escape_pressed(): Esc, with the field focused.
        return_pressed(bool): Return; True for forward, False with Shift.
    """

    escape_pressed = Signal()
    return_pressed = Signal(bool)

    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.escape_pressed.emit()
            event.accept()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            self.return_pressed.emit(not shift)
            event.accept()
            return
        super().keyPressEvent(event)


class FindBar(QWidget):
    """Find in all articles: a field, previous / next, where we are, and close.

    The bar only asks; the window searches, marks and moves (see
    ``nkdesk.ui.search``).

    Signals:
        query_changed(str): the text in the field changed.
        step_requested(bool): go to the next (True) or previous (False) match.
        closed(): the bar was closed (Esc or its close button).
    """

    query_changed = Signal(str)
    step_requested = Signal(bool)
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self.field = FindField(self)
        self.field.setObjectName("findField")
        self.field.setPlaceholderText("Find in all articles")
        self.field.setClearButtonEnabled(True)
        self.field.setFixedWidth(FIELD_PX)
        self.field.textChanged.connect(self.query_changed)
        self.field.return_pressed.connect(self.step_requested)
        self.field.escape_pressed.connect(self.close_bar)

        self.previous_button = self._button("Previous", "Previous match (Shift+F3)", False)
        self.next_button = self._button("Next", "Next match (F3)", True)
        # Numbers are found by value by default; Literal finds the characters typed.
        self.literal_box = QCheckBox("&Literal", self)
        self.literal_box.setObjectName("findLiteral")
        self.literal_box.setToolTip(
            "Off: a number finds every number of that value (11,000, 11, 000, 11000). "
            "On: only the characters typed (Alt+L)"
        )
        self.literal_box.toggled.connect(lambda _on: self.query_changed.emit(self.query))
        self.position_label = QLabel(self)
        self.position_label.setObjectName("findPosition")
        close = QToolButton(self)
        close.setAutoRaise(True)
        close.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_TitleBarCloseButton))
        close.setToolTip("Close the find bar (Esc)")
        close.clicked.connect(self.close_bar)
        self.close_button = close

        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 3, 6, 3)
        layout.addWidget(QLabel("Find:", self))
        layout.addWidget(self.field)
        layout.addWidget(self.previous_button)
        layout.addWidget(self.next_button)
        layout.addWidget(self.literal_box)
        layout.addWidget(self.position_label, 1)
        layout.addWidget(close)
        self.hide()

    def _button(self, text: str, tip: str, forward: bool) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAutoRaise(True)
        button.clicked.connect(lambda: self.step_requested.emit(forward))
        return button

    @property
    def query(self) -> str:
        return self.field.text()

    @property
    def literal(self) -> bool:
        return self.literal_box.isChecked()

    def open(self) -> None:
        """Show the bar with its field focused and its text selected, to type over."""
        self.show()
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def close_bar(self) -> None:
        if self.isVisible():
            self.hide()
            self.closed.emit()

    def set_position(self, text: str) -> None:
        self.position_label.setText(text)
