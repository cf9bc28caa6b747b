"""The window's two editing dialogs: an article's Source Details, and the tag vocabulary."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from nkdesk.ui.controller import Controller
from nkdesk.ui.source_dialog import SourceDialog
from nkdesk.ui.tag_commands import free_hotkey, new_colour
from nkdesk.ui.vocabulary import VocabularyDialog

if TYPE_CHECKING:
    from nkdesk.ui.main_window import MainWindow


class SourceCommands(Controller):
    """Edit > Source Details… (Ctrl+I, or a pane header's button): one article's
    outlet, date, URL, author and origin, stored as one undo step."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.dialog: SourceDialog | None = None

    def on_edit_source_details_triggered(self) -> None:
        window = self.window
        if window.panes:
            self.open_source_details(window.panes[window.current_pane].document.id)

    def open_source_details(self, doc_id: str) -> SourceDialog | None:
        """Show the Source Details dialog of an article; OK stores the edit (one undo step)."""
        window = self.window
        if window.tag_file.store is None:
            window.tagger.say(
                "Open or create a tag file to keep source details (File > Open Tag File…)"
            )
            return None
        found = window.tag_file.call(
            "Cannot read the source details",
            lambda store: (store.document(doc_id), store.read_source(doc_id)),
            refresh=False,
        )
        if found is None:
            return None
        document, read = found
        dialog = SourceDialog(doc_id, document.title, document.source, read, window)
        dialog.accepted.connect(partial(self.on_source_dialog_accepted, dialog))
        dialog.finished.connect(partial(self.on_source_dialog_finished, dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def on_source_dialog_finished(self, dialog: SourceDialog, _result: int) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def on_source_dialog_accepted(self, dialog: SourceDialog) -> None:
        details = dialog.details()
        self.window.tag_file.call(
            "Cannot change the source details",
            lambda store: store.edit_source(dialog.document_id, details),
        )


class VocabularyCommands(Controller):
    """Edit > Tag Vocabulary…: the tags, their colours and keys, each change one undo step."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.dialog: VocabularyDialog | None = None

    def on_edit_vocabulary_triggered(self) -> None:
        window = self.window
        dialog = self.dialog
        if dialog is None:
            dialog = self.dialog = VocabularyDialog(window)
            dialog.add_requested.connect(self.on_vocabulary_dialog_add_requested)
            dialog.edit_requested.connect(self.on_vocabulary_dialog_edit_requested)
            dialog.delete_requested.connect(self.on_vocabulary_dialog_delete_requested)
            # Ctrl+Z and Ctrl+Shift+Z work in the dialog too: each change is a step.
            dialog.addActions(
                [window.actions_by_id["edit.undo"], window.actions_by_id["edit.redo"]]
            )
            dialog.addActions(window.files.file_keys())
            dialog.set_editable(window.tag_file.store is not None)
            self.show_vocabulary()
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    def set_editable(self, editable: bool) -> None:
        if self.dialog is not None:
            self.dialog.set_editable(editable)

    def show_vocabulary(self) -> None:
        """Show the tags as last read in the dialog, if open."""
        if self.dialog is not None:
            self.dialog.set_vocabulary(self.window.vocabulary, self.window.tag_reader.tag_counts())

    def on_vocabulary_dialog_add_requested(self, name: str) -> None:
        self.window.tag_file.call(
            "Cannot add the tag",
            lambda store: store.add_tag(
                name, new_colour(store.tags()), hotkey=free_hotkey(store.tags())
            ),
        )

    def on_vocabulary_dialog_edit_requested(self, tag_id: int, field: str, value: object) -> None:
        self.window.tag_file.call(
            "Cannot change the tag", lambda store: store.update_tag(tag_id, **{field: value})
        )

    def on_vocabulary_dialog_delete_requested(self, tag_id: int) -> None:
        window = self.window
        name = next((t.name for t in window.vocabulary if t.id == tag_id), "")
        removed = window.tag_file.call(
            "Cannot delete the tag", lambda store: store.delete_tag(tag_id)
        )
        if removed is not None:
            annotations = f" and its {removed} annotation{'s' if removed != 1 else ''}"
            window.tagger.say(
                f"Deleted the tag “{name}”{annotations if removed else ''} (Ctrl+Z brings it back)"
            )
