"""Tagging: the digit keys, the quick-tag popup, editing and removing tags, undo.

Every change goes through ``TagFile.call``: one store operation, then the
tags are read back and drawn (``TagReader``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from PySide6.QtCore import QRect

from nkdesk.analysis.model import Cluster, Span
from nkdesk.store import Annotation, Stance, Tag
from nkdesk.ui.actions import MAX_TAG_HOTKEYS
from nkdesk.ui.article_pane import ArticlePane
from nkdesk.ui.controller import Controller
from nkdesk.ui.quick_tag import TagChoice
from nkdesk.ui.tagging import annotation_at, excerpt, speaker_in, value_in, word_at
from nkdesk.ui.theme import tag_colours

if TYPE_CHECKING:
    from nkdesk.store import TagStore
    from nkdesk.ui.main_window import MainWindow

TAG_MESSAGE_MS = 6000
# How the quick-tag popup was opened, so that its answer goes to the right place.
PopupMode = Literal["tag", "edit", "accept", "link"]
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class PopupTarget:
    """What an open tagging popup acts on: a stretch, a tag, or a claim cluster."""

    mode: PopupMode
    doc: str
    start: int
    end: int
    annotation: int | None = None
    cluster: Cluster | None = None


class TagCommands(Controller):
    """The Tags menu's tagging items, the quick-tag popup's answers, Edit > Undo/Redo."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.popup_target: PopupTarget | None = None
        popup = window.quick_tag
        popup.saved.connect(self.on_quick_tag_saved)
        popup.deleted.connect(self.on_quick_tag_deleted)
        popup.closed.connect(self.on_popup_closed)
        popup.cancelled.connect(self.on_popup_cancelled)

    def say(self, text: str) -> None:
        self.window.statusBar().showMessage(text, TAG_MESSAGE_MS)

    def tagging_pane(self) -> ArticlePane | None:
        """The pane the tagging keys act on, or None (saying why) if they cannot act."""
        window = self.window
        if window.tag_file.store is None:
            self.say("No tag file is open: File > Open Tag File… to tag passages")
            return None
        if not window.panes:
            return None
        return window.panes[window.current_pane]

    def passage(
        self, pane: ArticlePane, position: int | None = None, *, explain: bool = True
    ) -> tuple[int, int] | None:
        """What a tagging key or menu tags: the selection less the spaces at its ends,
        else the word at the caret (or at ``position``); None (saying why, if
        ``explain``) when there is neither."""
        text = pane.document.text
        selected = pane.view.selection()
        found: tuple[int, int] | None
        if selected is not None and position is None:
            start, end = selected
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            found = (start, end) if end > start else None
        else:
            found = word_at(text, pane.view.caret() if position is None else position)
        if found is None and explain:
            self.say(
                "Select a passage (Shift+arrows or a drag), or put the caret on a word, to tag it"
            )
        return found

    def value_in(self, doc_id: str, start: int, end: int) -> str:
        analysis = self.window.analysis
        return value_in(analysis.comparison.facts, doc_id, start, end) if analysis else ""

    def _speaker_in(self, doc_id: str, start: int, end: int) -> str:
        analysis = self.window.analysis
        return speaker_in(analysis.comparison.facts, doc_id, start, end) if analysis else ""

    def anchor_rect(self, pane: ArticlePane, start: int, end: int) -> QRect:
        """The passage's last line, in global pixels: where a popup opens below."""
        view = pane.view
        rect = view.cursorRect(view.cursor_for(end)).united(view.cursorRect(view.cursor_for(start)))
        if rect.height() > view.fontMetrics().height() * 2:
            rect = view.cursorRect(view.cursor_for(end))
        rect = rect.intersected(view.viewport().rect())
        if rect.isEmpty():  # scrolled out of sight: open at the top of the text
            rect = QRect(0, 0, view.viewport().width(), 1)
        return QRect(view.viewport().mapToGlobal(rect.topLeft()), rect.size())

    def ask_tag(self, target: PopupTarget, anchor: QRect, text: str, **fields: Any) -> None:
        """Open the quick-tag popup on ``text``; its answer goes to ``target``."""
        self.popup_target = target
        self.window.quick_tag.open_for(anchor, text, self.window.vocabulary, **fields)
        self.window.popup_toggled.emit()

    # -- tagging --------------------------------------------------------------

    def apply_hotkey(self, number: int) -> Annotation | None:
        """Tag the selection, or the word at the caret, with the tag of this digit key."""
        pane = self.tagging_pane()
        if pane is None:
            return None
        tag = next((t for t in self.window.vocabulary if t.hotkey == number), None)
        if tag is None:
            self.say(f"No tag has the key {number}; T tags with any tag")
            return None
        passage = self.passage(pane)
        if passage is None:
            return None
        return self.tag(pane, *passage, tag.id, value=self.value_in(pane.document.id, *passage))

    def tag(
        self,
        pane: ArticlePane,
        start: int,
        end: int,
        tag: int | TagChoice,
        *,
        stance: Stance | None = None,
        value: str = "",
        speaker: str = "",
        note: str = "",
    ) -> Annotation | None:
        """Tag a passage with a tag (its id), or with the popup's choice, made first if new."""
        doc_id = pane.document.id
        annotation = self.window.tag_file.call(
            "Cannot tag the passage",
            lambda store: self.with_tag(
                store,
                tag,
                lambda name: f"Tag '{name}' (new tag)",
                lambda tag_id: store.add_annotation(
                    doc_id,
                    start,
                    end,
                    tag_id,
                    stance=stance,
                    value=value,
                    speaker=speaker,
                    note=note,
                ),
            ),
        )
        if annotation is not None:
            # The selection is done with; the caret waits after the passage,
            # where Delete or Ctrl+Z still reach the tag just made.
            pane.view.move_caret(end)
            name = next((t.name for t in self.window.vocabulary if t.id == annotation.tag), "")
            self.say(f"Tagged “{excerpt(annotation.quote)}” as {name}")
        return annotation

    def on_tags_quick_tag_triggered(self) -> None:
        pane = self.tagging_pane()
        passage = self.passage(pane) if pane is not None else None
        if pane is None or passage is None:
            return
        self.open_quick_tag(pane, *passage)

    def open_quick_tag(self, pane: ArticlePane, start: int, end: int) -> None:
        """The quick-tag popup for a stretch of a pane, opened just below it."""
        doc_id = pane.document.id
        pane.view.select(start, end)
        pane.view.ensureCursorVisible()
        self.ask_tag(
            PopupTarget("tag", doc_id, start, end),
            self.anchor_rect(pane, start, end),
            pane.document.text[start:end],
            value=self.value_in(doc_id, start, end),
            speaker=self._speaker_in(doc_id, start, end),
        )

    def edit_annotation(self, annotation_id: int, anchor: QRect | None = None) -> bool:
        """The quick-tag popup on an existing tag, to change or delete it."""
        row = self.window.tag_rows.get(annotation_id)
        pane = self.window.pane(row.annotation.document) if row is not None else None
        if row is None or pane is None:
            return False
        a = row.annotation
        self.ask_tag(
            PopupTarget("edit", a.document, a.start, a.end, a.id),
            anchor or self.anchor_rect(pane, a.start, a.end),
            a.quote,
            tag=a.tag,
            stance=a.stance,
            value=a.value,
            speaker=a.speaker,
            note=a.note,
            editing=True,
        )
        return True

    def on_pane_mark_clicked(self, doc_id: str, annotation_id: int, rect: QRect) -> None:
        window = self.window
        window.current_pane = next(
            (n for n, p in enumerate(window.panes) if p.document.id == doc_id),
            window.current_pane,
        )
        self.edit_annotation(annotation_id, rect)

    def on_popup_closed(self) -> None:
        self.window.popup_toggled.emit()

    def on_popup_cancelled(self) -> None:
        # Said aloud: a popup that vanished (Esc, a click outside, focus taken)
        # must not leave the analyst believing the typing was saved (issue 14).
        self.popup_target = None
        self.say("Tagging cancelled: nothing saved")
        window = self.window
        if window.panes:
            # What is typed next was likely meant for the popup: not a command.
            window.panes[window.current_pane].view.guard_typing()

    def on_pane_typing_ignored(self, _text: str) -> None:
        self.say(
            "Typing ignored: the articles are read-only (tagging keys act again after a pause)"
        )

    def with_tag(
        self,
        store: TagStore,
        choice: int | TagChoice,
        label: Callable[[str], str],
        use: Callable[[int], T],
    ) -> T:
        """``use(tag id)`` with the chosen tag. A tag the analyst named anew is made
        first, in one undo step with its first use (named ``label(its name)``), so
        that Ctrl+Z does not leave an unused tag behind."""
        if isinstance(choice, int):
            return use(choice)
        if choice.tag is not None:
            return use(choice.tag)
        with store.operation(label(" ".join(choice.name.split()))):
            return use(_tag_id(store, choice))

    def on_quick_tag_saved(self, choice: TagChoice) -> None:
        target, self.popup_target = self.popup_target, None
        pane = self.window.pane(target.doc) if target is not None else None
        if target is None or pane is None:
            return
        if target.mode == "accept" and target.cluster is not None:
            self.window.claim_commands.accept(target.cluster, choice)
            return
        if target.mode == "edit" and target.annotation is not None:
            annotation_id = target.annotation
            self.window.tag_file.call(
                "Cannot change the tag",
                lambda store: self.with_tag(
                    store,
                    choice,
                    lambda name: f"Edit annotation (new tag '{name}')",
                    lambda tag_id: store.update_annotation(
                        annotation_id,
                        tag=tag_id,
                        stance=choice.stance,
                        value=choice.value,
                        speaker=choice.speaker,
                        note=choice.note,
                    ),
                ),
            )
        else:
            self.tag(
                pane,
                target.start,
                target.end,
                choice,
                stance=choice.stance,
                value=choice.value,
                speaker=choice.speaker,
                note=choice.note,
            )

    def on_quick_tag_deleted(self) -> None:
        target, self.popup_target = self.popup_target, None
        if target is not None and target.annotation is not None:
            self.remove_annotation(target.annotation)

    def remove_annotation(self, annotation_id: int) -> bool:
        done = self.window.tag_file.call(
            "Cannot remove the tag", lambda store: store.delete_annotation(annotation_id) or True
        )
        if done:
            self.say("Tag removed (Ctrl+Z brings it back)")
        return bool(done)

    def annotation_at_caret(self, pane: ArticlePane) -> Annotation | None:
        annotations = [r.annotation for r in pane.view.tag_rows]
        selected = pane.view.selection()
        if selected is not None:
            exact = [a for a in annotations if (a.start, a.end) == selected]
            if exact:
                return max(exact, key=lambda a: a.id)
        found = annotation_at(annotations, selected[0] if selected else pane.view.caret())
        if found is None:
            self.say("No tag at the caret")
        return found

    def on_tags_remove_triggered(self) -> None:
        pane = self.tagging_pane()
        found = self.annotation_at_caret(pane) if pane is not None else None
        if found is not None:
            self.remove_annotation(found.id)

    def on_tags_edit_triggered(self) -> None:
        pane = self.tagging_pane()
        found = self.annotation_at_caret(pane) if pane is not None else None
        if found is not None:
            self.edit_annotation(found.id)

    def on_edit_undo_triggered(self) -> None:
        label = self.window.tag_file.call("Cannot undo", lambda store: store.undo())
        if label:
            self.say(f"Undone: {label}")

    def on_edit_redo_triggered(self) -> None:
        label = self.window.tag_file.call("Cannot redo", lambda store: store.redo())
        if label:
            self.say(f"Redone: {label}")

    # -- the tags panel -------------------------------------------------------

    def on_tags_panel_annotation_chosen(self, annotation: Annotation) -> None:
        window = self.window
        if annotation.orphaned:
            self.say("This tag is orphaned: its article changed and its quote was not found again")
            return
        pane = window.pane(annotation.document)
        if pane is None:
            self.say("That article is not among those open")
            return
        window.navigator.show_passage(Span(annotation.document, annotation.start, annotation.end))
        window.focus_pane(window.panes.index(pane))

    def on_tags_panel_delete_requested(self, annotation: Annotation) -> None:
        self.remove_annotation(annotation.id)


def _tag_id(store: TagStore, choice: TagChoice) -> int:
    """The chosen tag's id, making the tag first if its name is new."""
    if choice.tag is not None:
        return choice.tag
    existing = {t.name.casefold(): t.id for t in store.tags()}
    name = " ".join(choice.name.split())
    if name.casefold() in existing:  # made meanwhile, in another window
        return existing[name.casefold()]
    return store.add_tag(name, new_colour(store.tags()), hotkey=free_hotkey(store.tags())).id


def new_colour(tags: Sequence[Tag]) -> str:
    """The colour a new tag gets: the first palette colour no tag has, else the least used."""
    used = Counter(t.colour.upper() for t in tags)
    palette = [c.upper() for c in tag_colours()]
    return min(palette, key=lambda c: (used[c], palette.index(c)))


def free_hotkey(tags: Sequence[Tag]) -> int | None:
    """The first digit key no tag has, or None."""
    taken = {t.hotkey for t in tags}
    return next((n for n in range(1, MAX_TAG_HOTKEYS + 1) if n not in taken), None)
