"""Edit > Tag Vocabulary…: the tags as a table to rename, recolour, re-key, describe, add, delete.

The dialog changes nothing itself: every edit is a request the window carries
out through the store (one undoable step each) before it hands the dialog the
vocabulary as the tag file now holds it. So the table always shows the file,
also after Ctrl+Z or another window's change, and a refused edit (a name
already taken) simply does not show.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, ClassVar

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QIcon, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from nkdesk.store import Tag
from nkdesk.ui.actions import MAX_TAG_HOTKEYS
from nkdesk.ui.table_model import Index as _Index
from nkdesk.ui.table_model import RecordsModel
from nkdesk.ui.theme import swatch

NO_KEY = "—"
DIALOG_SIZE = (780, 420)
COLUMN_PX = {"Name": 160, "Colour": 100, "Key": 130, "Used": 50}


class VocabularyModel(RecordsModel):
    """Adapts the vocabulary (a list of ``Tag``) and how many annotations use each tag.

    Editing a cell does not change the list: ``setData`` asks for the change
    (``edit_requested``) and the window answers with ``set_vocabulary``.

    Signals:
        edit_requested(int, str, object): a tag's id, the field ("name",
            "hotkey" or "description") and its new value (an int or None for
            the hotkey).
    """

    edit_requested = Signal(int, str, object)

    NAME, COLOUR, KEY, DESCRIPTION, USED = range(5)
    HEADERS = ("Name", "Colour", "Key", "Description", "Used")
    _FIELDS: ClassVar[dict[int, str]] = {NAME: "name", KEY: "hotkey", DESCRIPTION: "description"}

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tags: list[Tag] = []
        self.uses: dict[int, int] = {}
        self._swatches: dict[str, QIcon] = {}

    def set_vocabulary(self, tags: Sequence[Tag], uses: Mapping[int, int]) -> None:
        """Show ``tags``; ``uses`` counts the annotations of each (by tag id)."""
        same_rows = [t.id for t in tags] == [t.id for t in self.tags]
        if same_rows:
            # Rows kept (a rename, a colour): update in place, so an open
            # editor and the current cell survive.
            self.tags, self.uses = list(tags), dict(uses)
            if self.tags:
                last = self.index(len(self.tags) - 1, len(self.HEADERS) - 1)
                self.dataChanged.emit(self.index(0, 0), last)
            return
        self.beginResetModel()
        self.tags, self.uses = list(tags), dict(uses)
        self.endResetModel()

    def tag(self, row: int) -> Tag | None:
        return self.tags[row] if 0 <= row < len(self.tags) else None

    def row_of(self, tag_id: int) -> int | None:
        return next((n for n, t in enumerate(self.tags) if t.id == tag_id), None)

    def record_count(self) -> int:
        return len(self.tags)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.column() in self._FIELDS:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        tag = self.tag(index.row()) if index.isValid() else None
        if tag is None:
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return (
                tag.name,
                tag.colour,
                (tag.hotkey if role == Qt.ItemDataRole.EditRole else str(tag.hotkey))
                if tag.hotkey
                else (None if role == Qt.ItemDataRole.EditRole else NO_KEY),
                tag.description,
                self.uses.get(tag.id, 0),
            )[column]
        if role == Qt.ItemDataRole.DecorationRole and column == self.COLOUR:
            if tag.colour not in self._swatches:
                self._swatches[tag.colour] = swatch(tag.colour)
            return self._swatches[tag.colour]
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.USED:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == Qt.ItemDataRole.ToolTipRole:
            return {
                self.COLOUR: "Double-click or Enter: choose the colour of its underlines",
                self.KEY: "The digit key that applies this tag in the article panes",
                self.USED: f"{self.uses.get(tag.id, 0)} annotations use this tag",
            }.get(column, tag.description or None)
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        tag = self.tag(index.row()) if index.isValid() else None
        field = self._FIELDS.get(index.column())
        if tag is None or field is None or role != Qt.ItemDataRole.EditRole:
            return False
        if field == "name":
            value = " ".join(str(value).split())
            if not value:
                return False  # an emptied name cell means "never mind", not "no name"
        elif field == "description":
            value = str(value)
        if value == getattr(tag, field):
            return False
        self.edit_requested.emit(tag.id, field, value)
        return True


class KeyBox(QComboBox):
    """A list of keys that says ``picked`` when a key is chosen from its open list.

    Arrow keys on the closed box also "activate" an item, one per press;
    those wait for Enter (or leaving the cell), as any cell's edit does,
    rather than each becoming a change and an undo step.

    Signals:
        picked(): a key was chosen from the open list (a click, or Enter there).
    """

    picked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._listing = False
        self.activated.connect(self.on_activated)

    def showPopup(self) -> None:
        self._listing = True
        super().showPopup()

    def hidePopup(self) -> None:
        super().hidePopup()
        # The list closes just before it activates the item picked, if any.
        QTimer.singleShot(0, self._stop_listing)

    def _stop_listing(self) -> None:
        self._listing = False

    def on_activated(self, _index: int) -> None:
        if self._listing:
            self._listing = False
            self.picked.emit()


class HotkeyDelegate(QStyledItemDelegate):
    """Edits a tag's key with a list: none, or 1 to 9, each named by the tag that has it.

    Choosing a key another tag has moves it to this tag (the store's rule),
    so the list says whose it is now.
    """

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:
        box = KeyBox(parent)
        box.setObjectName("hotkeyBox")
        model = index.model()
        holders = (
            {t.hotkey: t.name for t in model.tags} if isinstance(model, VocabularyModel) else {}
        )
        box.addItem("none", None)
        for key in range(1, MAX_TAG_HOTKEYS + 1):
            holder = holders.get(key)
            box.addItem(f"{key}  ({holder})" if holder else str(key), key)
        box.picked.connect(lambda box=box: self._commit(box))
        return box

    def _commit(self, box: QComboBox) -> None:
        self.commitData.emit(box)
        self.closeEditor.emit(box)

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(self, editor: QWidget, model: Any, index: _Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class VocabularyTable(QTableView):
    """The vocabulary table; Enter on a colour asks for a colour, Delete for the tag's deletion.

    Signals:
        colour_requested(int): the row whose colour to choose.
        delete_requested(int): the row to delete.
    """

    colour_requested = Signal(int)
    delete_requested = Signal(int)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        index = self.currentIndex()
        if index.isValid() and self.state() != QAbstractItemView.State.EditingState:
            if event.key() == Qt.Key.Key_Delete:
                self.delete_requested.emit(index.row())
                event.accept()
                return
            if (
                event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and index.column() == VocabularyModel.COLOUR
            ):
                self.colour_requested.emit(index.row())
                event.accept()
                return
        super().keyPressEvent(event)


class VocabularyDialog(QDialog):
    """The tag vocabulary, editable: name, colour, key and description of each tag.

    ``confirm(title, text) -> bool`` and ``ask_colour(title, colour) -> str``
    ("#RRGGBB", or "" if cancelled) are attributes so tests can answer them.

    Signals:
        add_requested(str): a new tag, by name.
        edit_requested(int, str, object): a tag's id, field and new value
            ("colour" is "#RRGGBB").
        delete_requested(int): a tag's id (confirmed if annotations use it).
    """

    add_requested = Signal(str)
    edit_requested = Signal(int, str, object)
    delete_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("vocabularyDialog")
        self.setWindowTitle("Tag Vocabulary")
        self.confirm: Callable[[str, str], bool] = self._confirm
        self.ask_colour: Callable[[str, str], str] = self._ask_colour
        self._select_name = ""

        self.model = VocabularyModel(self)
        self.model.edit_requested.connect(self.edit_requested)
        self.table = VocabularyTable(self)
        self.table.setObjectName("vocabularyTable")
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(VocabularyModel.KEY, HotkeyDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for column, name in enumerate(VocabularyModel.HEADERS):
            if name in COLUMN_PX:
                self.table.setColumnWidth(column, COLUMN_PX[name])
        header.setSectionResizeMode(VocabularyModel.DESCRIPTION, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(self.on_table_double_clicked)
        self.table.selectionModel().currentChanged.connect(self.on_table_current_changed)
        self.table.colour_requested.connect(self.choose_colour)
        self.table.delete_requested.connect(self.delete_row)

        self.new_name = QLineEdit(self)
        self.new_name.setObjectName("newTagName")
        self.new_name.setPlaceholderText("New tag name")
        self.new_name.setClearButtonEnabled(True)
        self.new_name.returnPressed.connect(self.on_add_button_clicked)
        self.add_button = QPushButton("&Add Tag", self)
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.on_add_button_clicked)
        self.colour_button = QPushButton("&Colour…", self)
        self.colour_button.setAutoDefault(False)
        self.colour_button.clicked.connect(self.on_colour_button_clicked)
        self.delete_button = QPushButton("&Delete Tag…", self)
        self.delete_button.setAutoDefault(False)
        self.delete_button.clicked.connect(self.on_delete_button_clicked)
        self.hint = QLabel(
            "Double-click a cell, or type over it, to change it · every change is one "
            "step of Edit > Undo (Ctrl+Z)",
            self,
        )
        self.hint.setObjectName("vocabularyHint")
        self.hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)

        adding = QHBoxLayout()
        adding.addWidget(self.new_name, 1)
        adding.addWidget(self.add_button)
        adding.addSpacing(12)
        adding.addWidget(self.colour_button)
        adding.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(adding)
        layout.addWidget(self.hint)
        layout.addWidget(buttons)
        self.resize(*DIALOG_SIZE)
        self.set_vocabulary([], {})

    def set_vocabulary(self, tags: Sequence[Tag], uses: Mapping[int, int]) -> None:
        """Show the vocabulary as the tag file holds it; select a tag just added."""
        current = self.model.tag(self.table.currentIndex().row())
        column = max(0, self.table.currentIndex().column())
        self.model.set_vocabulary(tags, uses)
        wanted = self._select_name.casefold()
        added = next((t for t in tags if wanted and t.name.casefold() == wanted), None)
        if added is not None:
            self._select_name = ""
            self.select(added.id)
        elif current is not None and not self.table.currentIndex().isValid():
            self.select(current.id, column)
        self._update_buttons()

    def select(self, tag_id: int, column: int = VocabularyModel.NAME) -> bool:
        row = self.model.row_of(tag_id)
        if row is None:
            return False
        index = self.model.index(row, column)
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        self._update_buttons()
        return True

    def set_editable(self, editable: bool) -> None:
        """Off while no tag file is open: there is nothing to change."""
        self.table.setEnabled(editable)
        self.new_name.setEnabled(editable)
        self.add_button.setEnabled(editable)
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = self.table.isEnabled() and self._current_tag() is not None
        self.colour_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    def _current_tag(self) -> Tag | None:
        return self.model.tag(self.table.currentIndex().row())

    def on_add_button_clicked(self) -> None:
        name = " ".join(self.new_name.text().split())
        if not name:
            self.new_name.setFocus()
            return
        self._select_name = name
        self.new_name.clear()
        self.add_requested.emit(name)

    def on_colour_button_clicked(self) -> None:
        self.choose_colour(self.table.currentIndex().row())

    def on_delete_button_clicked(self) -> None:
        self.delete_row(self.table.currentIndex().row())

    def on_table_current_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self._update_buttons()

    def on_table_double_clicked(self, index: QModelIndex) -> None:
        if index.column() == VocabularyModel.COLOUR:
            self.choose_colour(index.row())

    def choose_colour(self, row: int) -> None:
        tag = self.model.tag(row)
        if tag is None:
            return
        colour = self.ask_colour(f"Colour of “{tag.name}”", tag.colour)
        if colour and colour.upper() != tag.colour.upper():
            self.edit_requested.emit(tag.id, "colour", colour.upper())

    def delete_row(self, row: int) -> None:
        tag = self.model.tag(row)
        if tag is None:
            return
        used = self.model.uses.get(tag.id, 0)
        if used and not self.confirm(
            "Delete the tag?",
            f"“{tag.name}”: {used} annotation{' uses' if used == 1 else 's use'} it.\n\n"
            f"Deleting the tag deletes {'it' if used == 1 else 'them'} too; "
            "Edit > Undo (Ctrl+Z) brings the tag and its annotations back.",
        ):
            return
        self.delete_requested.emit(tag.id)

    def _confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(
            self,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _ask_colour(self, title: str, colour: str) -> str:
        chosen = QColorDialog.getColor(QColor(colour), self, title)
        return chosen.name().upper() if chosen.isValid() else ""
