"""The small popups of tagging: quick-tag (tag, stance, value, note) and link-to-claim.

Both open at the selection, keyboard first: type to filter the names, ↑/↓ to
pick one, Tab to the other fields, Enter saves, Esc cancels. A click outside
closes them like any popup, saving nothing.

Enter only ever applies a name that exists. A new name is made by a
deliberate choice: the list's distinct last row ("Create tag “…”"), picked
with ↓ or the mouse, or Ctrl+Enter. Typing meant for somewhere else (issue
14: a note typed after the popup had closed became the tag name
"tributed, no date of estimate") then ends in a hint, never in a new tag.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QGuiApplication, QHideEvent, QIcon, QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from nkdesk.analysis.matrix import quote
from nkdesk.store import STANCES, Claim, Stance, Tag
from nkdesk.ui.theme import swatch

POPUP_WIDTH_PX = 340
LIST_ROWS = 7
TITLE_QUOTE_CHARS = 48
NO_STANCE = "—"
# The payload of the list's row for "a new name": no tag or claim yet.
_NEW = None
# Where a row keeps its bare name (its text may carry a hint, such as the key).
NAME_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True, slots=True)
class TagChoice:
    """What the quick-tag popup saved: an existing tag (by id) or a new one (by name)."""

    tag: int | None
    name: str
    stance: Stance | None
    value: str
    note: str
    speaker: str = ""


@dataclass(frozen=True, slots=True)
class ClaimChoice:
    """What the link popup saved: an existing claim (by id) or a new one (by label)."""

    claim: int | None
    label: str
    stance: Stance | None


class NameField(QWidget):
    """A line edit filtering a list of names below it; the text may also be a new name.

    The list shows the names containing what is typed (the exact match
    first, then those starting with it), and, unless one matches exactly, a
    last row offering to make a new one. ↑/↓ and Page Up/Down move in the
    list while the caret stays in the field; a click picks a row, a
    double-click picks it and accepts.

    Signals:
        activated(): a row was double-clicked.
    """

    activated = Signal()

    def __init__(self, new_text: str, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.new_text = new_text
        self.edit = QLineEdit(self)
        self.edit.setObjectName("nameField")
        self.edit.setPlaceholderText(placeholder)
        self.edit.setClearButtonEnabled(True)
        self.list = QListWidget(self)
        self.list.setObjectName("nameList")
        # The caret stays in the field; the list follows the keys sent to it.
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.list.setUniformItemSizes(True)
        self.list.itemDoubleClicked.connect(self.on_list_item_double_clicked)
        self.edit.textEdited.connect(self.on_edit_text_edited)
        self.edit.installEventFilter(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.list)
        self._items: list[tuple[Any, str, QIcon | None, str]] = []

    def set_items(
        self, items: Sequence[tuple[Any, str, QIcon | None, str]], text: str = ""
    ) -> None:
        """The names to pick from, as (payload, name, icon, hint), and the text to start with.

        The hint is shown after the name, dimmed by a separator ("troop numbers · 1").
        """
        self._items = list(items)
        self.edit.setText(text)
        self.edit.selectAll()
        self._filter(text)
        row_height = self.list.sizeHintForRow(0) if self.list.count() else 20
        self.list.setFixedHeight(row_height * LIST_ROWS + 2 * self.list.frameWidth())

    def on_edit_text_edited(self, text: str) -> None:
        self._filter(text)

    def _filter(self, text: str) -> None:
        wanted = " ".join(text.split()).casefold()
        exact, starts, contains = [], [], []
        for item in self._items:
            name = item[1].casefold()
            if not wanted:
                contains.append(item)
            elif name == wanted:
                exact.append(item)
            elif name.startswith(wanted):
                starts.append(item)
            elif wanted in name:
                contains.append(item)
        self.list.clear()
        for payload, name, icon, hint in exact + starts + contains:
            shown = f"{name}  ·  {hint}" if hint else name
            row = QListWidgetItem(icon or QIcon(), shown, self.list)
            row.setData(Qt.ItemDataRole.UserRole, payload)
            row.setData(NAME_ROLE, name)
        if wanted and not exact:
            row = QListWidgetItem(self.new_text.format(" ".join(text.split())), self.list)
            row.setData(Qt.ItemDataRole.UserRole, _NEW)
        # Nothing typed, or nothing that exists: nothing chosen, so Enter never
        # picks the first name, nor makes a new one, by chance.
        self.list.setCurrentRow(0 if wanted and (exact or starts or contains) else -1)

    def select(self, payload: Any) -> None:
        """Make the row of ``payload`` the current one (for editing an existing choice)."""
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == payload:
                self.list.setCurrentRow(row)
                return

    def typed(self) -> str:
        return " ".join(self.edit.text().split())

    def choice(self, create: bool = False) -> tuple[Any, str] | None:
        """(payload, name) of the current row, (None, typed text) for a new name, or None.

        ``create`` (Ctrl+Enter): the typed name, made anew unless it exists exactly.
        """
        item = self.list.currentItem()
        if create and self.typed():
            exact = next(
                (it for it in self._items if it[1].casefold() == self.typed().casefold()), None
            )
            return (exact[0], exact[1]) if exact else (None, self.typed())
        if item is None:
            return None
        payload = item.data(Qt.ItemDataRole.UserRole)
        if payload is _NEW:
            return None, " ".join(self.edit.text().split())
        return payload, item.data(NAME_ROLE)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            steps = {
                Qt.Key.Key_Down: 1,
                Qt.Key.Key_Up: -1,
                Qt.Key.Key_PageDown: LIST_ROWS,
                Qt.Key.Key_PageUp: -LIST_ROWS,
            }
            step = steps.get(Qt.Key(event.key()))
            if step is not None and self.list.count():
                row = self.list.currentRow()
                row = (0 if step > 0 else self.list.count() - 1) if row < 0 else row + step
                self.list.setCurrentRow(max(0, min(self.list.count() - 1, row)))
                return True
        return super().eventFilter(watched, event)

    def on_list_item_double_clicked(self, item: QListWidgetItem) -> None:
        self.list.setCurrentItem(item)
        self.activated.emit()


class _Popup(QFrame):
    """What the two popups share: a title, a name field, a form, Enter and Esc.

    Signals:
        closed(): the popup closed, whether or not it saved.
        cancelled(): it closed without saving or deleting anything.
    """

    closed = Signal()
    cancelled = Signal()

    def __init__(self, new_text: str, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFixedWidth(POPUP_WIDTH_PX)
        self.title = QLabel(self)
        self.title.setObjectName("popupTitle")
        self.title.setWordWrap(True)
        self.names = NameField(new_text, placeholder, self)
        self.names.activated.connect(self.accept)
        self.form = QFormLayout()
        self.form.setContentsMargins(0, 0, 0, 0)
        self.hint = QLabel(self)
        self.hint.setObjectName("popupHint")
        self.buttons = QHBoxLayout()
        self.buttons.setContentsMargins(0, 0, 0, 0)
        self.buttons.addWidget(self.hint, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(6)
        layout.addWidget(self.title)
        layout.addWidget(self.names)
        layout.addLayout(self.form)
        layout.addLayout(self.buttons)
        self.default_hint = "Enter saves · Ctrl+Enter makes a new name · Esc cancels"
        self.done = False

    def stance_box(self) -> QComboBox:
        box = QComboBox(self)
        box.setObjectName("stanceBox")
        box.addItem(NO_STANCE, None)
        for stance in STANCES:
            box.addItem(stance, stance)
        return box

    def show_at(self, anchor: QRect) -> None:
        """Open just below ``anchor`` (global pixels: the selection), or above it if the
        screen ends first; the name field has the keyboard."""
        self.hint.setText(self.default_hint)
        self.done = False
        self.adjustSize()
        size = self.sizeHint().expandedTo(self.minimumSizeHint())
        screen = QGuiApplication.screenAt(anchor.center()) or QGuiApplication.primaryScreen()
        room = screen.availableGeometry()
        x = max(room.left(), min(anchor.left(), room.right() - size.width()))
        y = anchor.bottom() + 4
        if y + size.height() > room.bottom():
            y = max(room.top(), anchor.top() - size.height() - 4)
        self.move(QPoint(x, y))
        self.show()
        self.activateWindow()
        self.names.edit.setFocus(Qt.FocusReason.PopupFocusReason)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.accept(bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier))
            event.accept()
        elif event.key() == Qt.Key.Key_Escape:
            self.close()
            event.accept()
        else:
            super().keyPressEvent(event)

    def accept(self, create: bool = False) -> None:
        raise NotImplementedError

    def finish(self) -> None:
        """Close after saving or deleting (not a cancel)."""
        self.done = True
        self.hide()

    def refuse_new(self, what: str) -> bool:
        """Say how to make the typed name when Enter met no existing one; whether it did."""
        typed = self.names.typed()
        if not typed:
            return False
        self.hint.setText(f"No {what} “{typed}”: Ctrl+Enter (or ↓ to Create) makes it")
        return True

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.closed.emit()
        if not self.done:
            self.cancelled.emit()
        self.done = True


class QuickTagPopup(_Popup):
    """Tag a passage: which tag, with what stance, value and note (or edit a tag's).

    In edit mode it starts on the tag's values and offers Delete Tag;
    ``fields=False`` leaves only the name (to pick the tag an accepted claim's
    passages get).

    Signals:
        saved(object): the TagChoice to store.
        deleted(): the analyst asked to remove the tag being edited.
    """

    saved = Signal(object)
    deleted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Create tag “{}”", "Tag name: type to filter", parent)
        self.setObjectName("quickTag")
        self.stance = self.stance_box()
        self.value = QLineEdit(self)
        self.value.setObjectName("valueField")
        self.value.setPlaceholderText("the figure as written, e.g. 12,000")
        self.speaker = QLineEdit(self)
        self.speaker.setObjectName("speakerField")
        self.speaker.setPlaceholderText("who the passage attributes it to")
        self.note = QLineEdit(self)
        self.note.setObjectName("noteField")
        self.form.addRow("&Stance", self.stance)
        self.form.addRow("&Value", self.value)
        self.form.addRow("S&peaker", self.speaker)
        self.form.addRow("&Note", self.note)
        self.delete_button = QPushButton("&Delete Tag", self)
        self.delete_button.setAutoDefault(False)
        self.delete_button.clicked.connect(self.on_delete_button_clicked)
        self.buttons.addWidget(self.delete_button)
        QWidget.setTabOrder(self.names.edit, self.stance)
        QWidget.setTabOrder(self.stance, self.value)
        QWidget.setTabOrder(self.value, self.speaker)
        QWidget.setTabOrder(self.speaker, self.note)
        QWidget.setTabOrder(self.note, self.delete_button)
        self.editing = False

    def open_for(
        self,
        anchor: QRect,
        passage: str,
        tags: Sequence[Tag],
        *,
        tag: int | None = None,
        stance: Stance | None = None,
        value: str = "",
        speaker: str = "",
        note: str = "",
        editing: bool = False,
        fields: bool = True,
        title: str = "",
    ) -> None:
        """Open for one passage (its text, for the title); ``tag`` starts chosen."""
        self.editing = editing
        excerpt = quote(passage, TITLE_QUOTE_CHARS)
        default = f"Edit the tag on “{excerpt}”" if editing else f"Tag “{excerpt}”"
        self.title.setText(title or default)
        items = [
            (t.id, t.name, swatch(t.colour), f"key {t.hotkey}" if t.hotkey else "") for t in tags
        ]
        current = next((t for t in tags if t.id == tag), None)
        self.names.set_items(items, current.name if current else "")
        if current is not None:
            self.names.select(current.id)
        self.stance.setCurrentIndex(max(0, self.stance.findData(stance)))
        self.value.setText(value)
        self.speaker.setText(speaker)
        self.note.setText(note)
        for row in range(self.form.rowCount()):
            self.form.setRowVisible(row, fields)
        self.delete_button.setVisible(editing)
        self.show_at(anchor)

    def accept(self, create: bool = False) -> None:
        choice = self.names.choice(create)
        if choice is None or not choice[1]:
            if not self.refuse_new("tag named"):
                self.hint.setText("Type a tag name, or pick one with ↑/↓")
            return
        tag, name = choice
        result = TagChoice(
            tag,
            name,
            self.stance.currentData(),
            self.value.text().strip(),
            self.note.text(),
            self.speaker.text().strip(),
        )
        self.finish()
        self.saved.emit(result)

    def on_delete_button_clicked(self) -> None:
        self.finish()
        self.deleted.emit()


class ClaimPopup(_Popup):
    """Link a tagged passage to a claim: pick one or type a new label, and a stance.

    Signals:
        saved(object): the ClaimChoice to store.
        unlinked(): the analyst asked to unlink the passage from its claim.
    """

    saved = Signal(object)
    unlinked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Create claim “{}”", "Claim: type to filter", parent)
        self.setObjectName("claimPopup")
        self.stance = self.stance_box()
        self.form.addRow("&Stance", self.stance)
        self.unlink_button = QPushButton("&Unlink", self)
        self.unlink_button.setAutoDefault(False)
        self.unlink_button.clicked.connect(self.on_unlink_button_clicked)
        self.buttons.addWidget(self.unlink_button)
        QWidget.setTabOrder(self.names.edit, self.stance)
        QWidget.setTabOrder(self.stance, self.unlink_button)

    def open_for(
        self,
        anchor: QRect,
        passage: str,
        claims: Sequence[Claim],
        *,
        claim: int | None = None,
        stance: Stance | None = "supports",
    ) -> None:
        self.title.setText(f"Link “{quote(passage, TITLE_QUOTE_CHARS)}” to a claim")
        items = [(c.id, c.label, None, "") for c in claims]
        current = next((c for c in claims if c.id == claim), None)
        self.names.set_items(items, current.label if current else "")
        if current is not None:
            self.names.select(current.id)
        self.stance.setCurrentIndex(max(0, self.stance.findData(stance)))
        self.unlink_button.setVisible(current is not None)
        self.show_at(anchor)

    def accept(self, create: bool = False) -> None:
        choice = self.names.choice(create)
        if choice is None or not choice[1]:
            if not self.refuse_new("claim"):
                self.hint.setText("Type a claim, or pick one with ↑/↓")
            return
        claim, label = choice
        self.finish()
        self.saved.emit(ClaimChoice(claim, label, self.stance.currentData()))

    def on_unlink_button_clicked(self) -> None:
        self.finish()
        self.unlinked.emit()
