"""The window's tagging commands: the tag file, the tagging keys, popups and menus.

Mixed into ``MainWindow`` (which builds the widgets named below and owns the
signals), so that the window's file reads as panes, analysis and navigation,
and this one as what the analyst does to tag. Every change goes through
``TagFile.call``: one store operation, then the tags are read back and drawn.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Literal, TypeVar

from PySide6.QtCore import QRect, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu

from nkdesk.analysis.model import Cluster, Span
from nkdesk.store import Annotation, Changes, Claim, Reanchored, Stance, Tag, TagStore
from nkdesk.ui.actions import MAX_TAG_HOTKEYS
from nkdesk.ui.article_pane import ArticlePane
from nkdesk.ui.quick_tag import ClaimChoice, TagChoice
from nkdesk.ui.source_dialog import SourceDialog
from nkdesk.ui.tag_listing import READ_AT_ONCE, ListingReader, PaneTags, TagsRead, pane_tags
from nkdesk.ui.tag_rows import Applied, TagRows
from nkdesk.ui.tagging import analyst_rows, annotation_at, speaker_in, value_in, word_at
from nkdesk.ui.theme import swatch, tag_colours
from nkdesk.ui.vocabulary import VocabularyDialog

TAG_FILE_FILTER = "nkdesk tag files (*.sqlite *.nkdesk *.db);;All files (*)"
NO_TAG_FILE = "No tag file: tagging is off"
TAG_MESSAGE_MS = 6000
# Beyond this many annotations changed at once (a big import or its undo), the
# window reads every tag again rather than each of them by id.
INCREMENTAL_ROWS = 500
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


class TagCommands:
    """Tagging, for ``MainWindow``: its handlers (``on_tags_*``, ``on_edit_undo``, ...)
    and what they share. The window provides ``tag_file``, ``quick_tag``,
    ``claim_popup``, ``tags_panel`` and the rest; ``self`` is always a MainWindow.
    """

    tag_rows: TagRows
    tags_read_at: int
    tag_listing: ListingReader
    _tags_wanted: Literal["changes", "everything"] | None  # refreshes a whole read took
    _panes_to_draw: list[tuple[ArticlePane, PaneTags | None]]  # after a whole read
    vocabulary: list[Tag]
    claims: list[Claim]
    _popup_target: PopupTarget | None
    vocabulary_dialog: VocabularyDialog | None
    source_dialog: SourceDialog | None

    # -- the tag file ---------------------------------------------------------

    def open_tag_file(self, path: str | os.PathLike[str] | None) -> bool:
        """Tag into another file (None: the default one); on failure say which file and
        why, and keep the one open before (or none).

        The articles shown are stored in it (their text, so the file stands
        alone); if one changed since it was tagged, its tags are placed again,
        and any that cannot be are reported and listed as orphaned.
        """
        if not self.tag_file.open(path):
            return False
        if not self._store_documents():
            return False
        self.tag_file.poll()
        self.remember_tag_file()  # the tag file of this corpus from now on
        return True

    def on_tag_file_opened(self, path: str) -> None:
        self.tags_read_at = -1  # another file: read it all
        self._enable_exchange()
        self.actions_by_id["edit.vocabulary"].setEnabled(bool(path))
        self.actions_by_id["edit.source_details"].setEnabled(bool(path))
        if self.vocabulary_dialog is not None:
            self.vocabulary_dialog.set_editable(bool(path))
        if path:
            self.tag_file_label.setText(f"Tags: {Path(path).name}")
            self.tag_file_label.setToolTip(f"Tags are saved in {path}")
        else:
            self.tag_file_label.setText(NO_TAG_FILE)
            self.tag_file_label.setToolTip("File > Open Tag File… to tag passages")

    def on_tag_file_failed(self, title: str, text: str) -> None:
        self.report_error(title, text)

    def on_tag_file_changed(self) -> None:
        # Undoing an import takes the documents it added, which may be the
        # articles shown here (stored by the import before this window opened).
        missing = self.tag_file.call(
            "Cannot read the tag file",
            lambda store: store.missing_documents([d.id for d in self.corpus.documents]),
            refresh=False,
        )
        if missing and not self._store_documents():
            return
        self.refresh_tags()

    def _store_documents(self) -> bool:
        """Store the articles shown in the tag file; whether it could take them.

        When it cannot (it holds another article under one of these names, or
        the file failed), tagging these articles into it would put tags on the
        wrong text: the file is closed, the message says why, and tagging is
        off until another tag file is opened.
        """
        documents = self.corpus.documents
        reports = self.tag_file.call(
            "Cannot store the articles in the tag file",
            lambda store: [store.add_document(d) for d in documents],
            refresh=False,
        )
        if reports is None:
            self.tag_file.close()
            return False
        if not reports:
            return True
        changed = [r for r in reports if r is not None]
        orphaned = [r for r in changed if r.orphaned]
        titles = {d.id: d.title for d in documents}
        if orphaned:
            self.report_notice("Some tags lost their place", _orphan_notice(orphaned, titles))
        moved = sum(r.moved for r in changed)
        if moved:
            self.statusBar().showMessage(
                f"{moved} tag{'s' if moved > 1 else ''} moved with the edited text", TAG_MESSAGE_MS
            )
        return True

    def refresh_tags(self, *, everything: bool = False) -> None:
        """Read the tags again and redraw them: underlines, tags panel, matrix, menus.

        After a tag operation (here or in another window) only the rows it
        changed are read and redrawn, from the file's change log, with the
        rows that name a tag or claim it renamed or recoloured; anything else
        (``everything``, another file, an article re-anchored or its source
        edited, a big import) reads and redraws everything.
        """
        if self._defer_refresh(everything):
            return
        changes = None
        if not everything and self.tags_read_at >= 0 and self.tag_file.store is not None:
            since = self.tags_read_at
            changes = self.tag_file.call(
                "Cannot read the tag file", lambda store: store.changes_since(since), refresh=False
            )
        ids = self._rows_to_read(changes) if changes is not None else None
        if changes is not None and ids is not None:
            self._refresh_changes(changes, ids)
        else:
            self._refresh_everything()

    def _rows_to_read(self, changes: Changes) -> frozenset[int] | None:
        """The annotations to read again after ``changes``; None: read everything."""
        if changes.documents:
            return None
        ids = set(changes.annotations)
        known_tags = {t.id for t in self.vocabulary} & changes.tags  # a new tag names no row
        known_claims = {c.id for c in self.claims} & changes.claims
        if known_tags or known_claims:
            ids.update(
                r.annotation.id
                for r in self.tag_rows
                if r.annotation.tag in known_tags or r.annotation.claim in known_claims
            )
        return frozenset(ids) if len(ids) <= INCREMENTAL_ROWS else None

    def _defer_refresh(self, everything: bool) -> bool:
        """Whether a whole read on its way (``nkdesk.ui.tag_listing``) takes this refresh.

        What changed while it is read or listed is read after it, from the
        change log: a tag made meanwhile is listed once, never lost. A read
        for other articles (``everything``) or another file starts again; a
        tag file merely changed by another window does not, or a window that
        tags every second would keep a big file from ever being listed.
        """
        store = self.tag_file.store
        if self.tag_listing.busy and (
            everything or store is None or store.path != self.tag_listing.path
        ):
            self.tag_listing.cancel()
            return False
        if not (self.tag_listing.busy or self.tags_panel.loading):
            return False
        self._tags_wanted = "everything" if everything else self._tags_wanted or "changes"
        return True

    def _refresh_everything(self) -> None:
        if self._read_in_worker():
            return
        read = self.tag_file.call(
            "Cannot read the tag file",
            lambda store: (
                store.revision(),  # first: a change made while reading is read again next time
                store.annotation_rows(),
                store.tags(),
                store.claims(),
                store.undo_label(),
                store.redo_label(),
                store.sources(),
            ),
            refresh=False,
        )
        if read is None and self.tag_file.store is not None:
            return  # the file could not be read just now: keep showing what was read last
        revision, rows, tags, claims, undo_label, redo_label, details = read or (
            -1,
            [],
            [],
            [],
            None,
            None,
            {},
        )
        self.tags_read_at = revision if self.tag_file.store is not None else -1
        self.tag_rows.replace(rows)
        self.vocabulary, self.claims = tags, claims
        for pane in self.panes:
            rows_here = self.tag_rows.of_document(pane.document.id)
            if rows_here != pane.view.tag_rows:  # repaint only the panes that changed
                pane.view.set_tags(rows_here)
                pane.set_tag_overview(rows_here)
            # The analyst's edits of the source details, or what the article says.
            source = details.get(pane.document.id, pane.document.source)
            if source != pane.source:
                pane.set_source(source)
        documents = self._tag_documents()
        self.tags_panel.set_rows(self.tag_rows, tags, documents)
        self._refresh_analyst_rows(documents)
        self._label_hotkeys()
        self._after_refresh(undo_label, redo_label)

    def _read_in_worker(self) -> bool:
        """Start reading a big tag file's tags in the worker; whether it is that big.

        Its vocabulary and claims are read at once (a few rows), so that the
        tagging keys work while the tags are on their way.
        """
        store = self.tag_file.store
        read = self.tag_file.call(
            "Cannot read the tag file",
            lambda store: (
                store.path != ":memory:" and store.counts()["annotations"] > READ_AT_ONCE,
                store.tags(),
                store.claims(),
                store.undo_label(),
                store.redo_label(),
            ),
            refresh=False,
        )
        if store is None or read is None or not read[0]:
            return False
        _big, self.vocabulary, self.claims, undo_label, redo_label = read
        model = self.tags_panel.tags_model
        self.tag_listing.start(
            store.path,
            [(d.id, len(d.text)) for d in self.corpus.documents],
            (model.sort_column, model.sort_order),
        )
        self._label_hotkeys()
        self._label_history("edit.undo", "&Undo", undo_label)
        self._label_history("edit.redo", "&Redo", redo_label)
        return True

    def on_tag_reading_read(self, read: TagsRead) -> None:
        """A big tag file read in the worker: draw its tags, and list them a slice at a time."""
        store = self.tag_file.store
        if store is None or store.path != read.path:
            self.refresh_tags(everything=True)  # another file opened meanwhile
            return
        listing = read.listing
        self.tags_read_at = listing.revision
        self.tag_rows.take(read.rows)
        self.vocabulary, self.claims = listing.tags, listing.claims
        for pane in self.panes:
            source = listing.sources.get(pane.document.id, pane.document.source)
            if source != pane.source:
                pane.set_source(source)
        # One pane a turn of the event loop: a pane dense with tags takes
        # tens of milliseconds to paint, and all of them in one turn stalled.
        self._panes_to_draw = [(p, read.panes.get(p.document.id)) for p in self.panes]
        QTimer.singleShot(0, self._draw_pane_tags)
        self.tags_panel.load(
            read.table, read.texts, read.counts, read.sort, listing.tags, self._tag_documents()
        )
        self._label_hotkeys()

    def _draw_pane_tags(self, *, every: bool = False) -> None:
        """Draw the tags of the next pane waiting for them after a whole read (``every``: all)."""
        while self._panes_to_draw:
            pane, here = self._panes_to_draw.pop(0)
            if pane not in self.panes:
                continue  # another corpus shown meanwhile
            if here is None:  # an article shown since the read began
                here = pane_tags(self.tag_rows, pane.document.id, len(pane.document.text))
            pane.view.set_tags(here.rows, here.marks)
            pane.set_tag_overview(here.rows, here.stripes)
            if not every:
                break
        if self._panes_to_draw:
            QTimer.singleShot(0, self._draw_pane_tags)

    def on_tags_panel_loaded(self) -> None:
        """The tags dock listed a whole read: read what changed meanwhile, or say it is done."""
        self._draw_pane_tags(every=True)  # before any change read since is drawn over them
        self._refresh_analyst_rows(self._tag_documents())
        wanted, self._tags_wanted = self._tags_wanted, None
        labels = self.tag_file.call(
            "Cannot read the tag file",
            lambda store: (store.revision(), store.undo_label(), store.redo_label()),
            refresh=False,
        )
        if wanted == "everything" or (labels is not None and labels[0] != self.tags_read_at):
            self.refresh_tags(everything=wanted == "everything")
            return
        _revision, undo_label, redo_label = labels or (-1, None, None)
        self._after_refresh(undo_label, redo_label)

    def _refresh_changes(self, changes: Changes, ids: frozenset[int]) -> None:
        """Read again and redraw only the annotations of ``ids`` (added, changed or gone),
        and the vocabulary and claims if ``changes`` touched them."""
        read = self.tag_file.call(
            "Cannot read the tag file",
            lambda store: (
                store.annotation_rows(ids),
                store.tags() if changes.tags else None,
                store.claims() if changes.claims else None,
                store.sources() if changes.sources else None,
                store.undo_label(),
                store.redo_label(),
            ),
            refresh=False,
        )
        if read is None:
            return  # keep what was read last; the next poll tries again
        rows, tags, claims, details, undo_label, redo_label = read
        self.tags_read_at = changes.revision
        applied: Applied = self.tag_rows.apply(ids, rows)
        for pane in self.panes:
            if pane.document.id in applied.documents:
                pane.view.set_tags(self.tag_rows.of_document(pane.document.id))
                pane.set_tag_overview(pane.view.tag_rows)
            if details is not None and pane.document.id in changes.sources:
                pane.set_source(details.get(pane.document.id, pane.document.source))
        if tags is not None:
            self.vocabulary = tags
            self.tags_panel.set_filters(tags, self._tag_documents())
            self._label_hotkeys()
        if claims is not None:
            self.claims = claims
        self.tags_panel.apply(applied.rows, applied.removed)
        if applied.claims or claims is not None:
            self._refresh_analyst_rows(self._tag_documents())
        self._after_refresh(undo_label, redo_label)

    def _label_hotkeys(self) -> None:
        by_hotkey = {t.hotkey: t for t in self.vocabulary if t.hotkey}
        for number in range(1, MAX_TAG_HOTKEYS + 1):
            tag = by_hotkey.get(number)
            action = self.actions_by_id[f"tags.apply_{number}"]
            action.setText(
                f"Apply Tag &{number}: {_menu_text(tag.name)}"
                if tag
                else f"Apply Tag &{number} (no tag has this key)"
            )

    def _tag_documents(self) -> list[tuple[str, str]]:
        """The articles shown, then those of the file's tags that are not open (another
        corpus in the same file: the tags panel shows the whole file), as (id, title)."""
        documents = [(d.id, d.title) for d in self.corpus.documents]
        shown = {doc for doc, _ in documents}
        others = self.tag_rows.documents()
        return documents + sorted((d, t) for d, t in others.items() if d not in shown)

    def refresh_analyst_rows(self) -> None:
        """The analyst's claims in the matrix, coloured by the engine's conflicts
        once a comparison is there (the same ones the conflicts dock lists)."""
        self._refresh_analyst_rows(self._tag_documents())

    def _refresh_analyst_rows(self, documents: list[tuple[str, str]]) -> None:
        sources = tuple(d.id for d in self.corpus.documents)
        conflicts = self.analysis.comparison.conflicts if self.analysis is not None else ()
        self.matrix_table.claims.set_analyst_rows(
            analyst_rows(self.claims, self.tag_rows, sources, conflicts), sources, dict(documents)
        )

    def _after_refresh(self, undo_label: str | None, redo_label: str | None) -> None:
        self._label_history("edit.undo", "&Undo", undo_label)
        self._label_history("edit.redo", "&Redo", redo_label)
        if self.vocabulary_dialog is not None:
            self.vocabulary_dialog.set_vocabulary(
                self.vocabulary, Counter(r.annotation.tag for r in self.tag_rows)
            )
        self.tags_changed.emit()

    def _label_history(self, action_id: str, verb: str, label: str | None) -> None:
        action = self.actions_by_id[action_id]
        action.setText(f"{verb} {_menu_text(label)}" if label else verb)
        action.setEnabled(label is not None)

    def on_file_new_tag_file_triggered(self) -> None:
        path = self.ask_tag_file(True)
        if not path:
            return
        if Path(path).exists():
            # Never by replacing a file: it may hold another analyst's tags.
            self.report_error(
                "The tag file exists",
                f"{path}\n\nalready exists; to tag into it, use File > Open Tag File.",
            )
            return
        self.open_tag_file(path)

    def on_file_open_tag_file_triggered(self) -> None:
        path = self.ask_tag_file(False)
        if path:
            self.open_tag_file(path)

    def _ask_tag_file(self, new: bool) -> str:
        folder = str(Path(self.tag_file.path).parent) if self.tag_file.path else str(Path.home())
        if new:
            path, _ = QFileDialog.getSaveFileName(
                self,
                "New Tag File",
                os.path.join(folder, "tags.sqlite"),
                TAG_FILE_FILTER,
                options=QFileDialog.Option.DontConfirmOverwrite,
            )
        else:
            path, _ = QFileDialog.getOpenFileName(self, "Open Tag File", folder, TAG_FILE_FILTER)
        return path

    # -- tagging --------------------------------------------------------------

    def _tagging_pane(self) -> ArticlePane | None:
        """The pane the tagging keys act on, or None (saying why) if they cannot act."""
        if self.tag_file.store is None:
            self.statusBar().showMessage(
                "No tag file is open: File > Open Tag File… to tag passages", TAG_MESSAGE_MS
            )
            return None
        if not self.panes:
            return None
        return self.panes[self.current_pane]

    def _passage(
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
            self.statusBar().showMessage(
                "Select a passage (Shift+arrows or a drag), or put the caret on a word, to tag it",
                TAG_MESSAGE_MS,
            )
        return found

    def _value_in(self, doc_id: str, start: int, end: int) -> str:
        if self.analysis is None:
            return ""
        return value_in(self.analysis.comparison.facts, doc_id, start, end)

    def _speaker_in(self, doc_id: str, start: int, end: int) -> str:
        if self.analysis is None:
            return ""
        return speaker_in(self.analysis.comparison.facts, doc_id, start, end)

    def _anchor_rect(self, pane: ArticlePane, start: int, end: int) -> QRect:
        """The passage's last line, in global pixels: where a popup opens below."""
        view = pane.view
        rect = view.cursorRect(view.cursor_for(end)).united(view.cursorRect(view.cursor_for(start)))
        if rect.height() > view.fontMetrics().height() * 2:
            rect = view.cursorRect(view.cursor_for(end))
        rect = rect.intersected(view.viewport().rect())
        if rect.isEmpty():  # scrolled out of sight: open at the top of the text
            rect = QRect(0, 0, view.viewport().width(), 1)
        return QRect(view.viewport().mapToGlobal(rect.topLeft()), rect.size())

    def apply_hotkey(self, number: int) -> Annotation | None:
        """Tag the selection, or the word at the caret, with the tag of this digit key."""
        pane = self._tagging_pane()
        if pane is None:
            return None
        tag = next((t for t in self.vocabulary if t.hotkey == number), None)
        if tag is None:
            self.statusBar().showMessage(
                f"No tag has the key {number}; T tags with any tag", TAG_MESSAGE_MS
            )
            return None
        passage = self._passage(pane)
        if passage is None:
            return None
        doc_id = pane.document.id
        return self._tag(pane, *passage, tag.id, value=self._value_in(doc_id, *passage))

    def _tag(
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
        annotation = self.tag_file.call(
            "Cannot tag the passage",
            lambda store: self._with_tag(
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
            name = next((t.name for t in self.vocabulary if t.id == annotation.tag), "")
            self.statusBar().showMessage(
                f"Tagged “{_excerpt(annotation.quote)}” as {name}", TAG_MESSAGE_MS
            )
        return annotation

    def on_tags_quick_tag_triggered(self) -> None:
        pane = self._tagging_pane()
        passage = self._passage(pane) if pane is not None else None
        if pane is None or passage is None:
            return
        self.open_quick_tag(pane, *passage)

    def open_quick_tag(self, pane: ArticlePane, start: int, end: int) -> None:
        """The quick-tag popup for a stretch of a pane, opened just below it."""
        doc_id = pane.document.id
        pane.view.select(start, end)
        pane.view.ensureCursorVisible()
        self._popup_target = PopupTarget("tag", doc_id, start, end)
        self.quick_tag.open_for(
            self._anchor_rect(pane, start, end),
            pane.document.text[start:end],
            self.vocabulary,
            value=self._value_in(doc_id, start, end),
            speaker=self._speaker_in(doc_id, start, end),
        )
        self.popup_toggled.emit()

    def edit_annotation(self, annotation_id: int, anchor: QRect | None = None) -> bool:
        """The quick-tag popup on an existing tag, to change or delete it."""
        row = self.tag_rows.get(annotation_id)
        pane = self.pane(row.annotation.document) if row is not None else None
        if row is None or pane is None:
            return False
        a = row.annotation
        self._popup_target = PopupTarget("edit", a.document, a.start, a.end, a.id)
        self.quick_tag.open_for(
            anchor or self._anchor_rect(pane, a.start, a.end),
            a.quote,
            self.vocabulary,
            tag=a.tag,
            stance=a.stance,
            value=a.value,
            speaker=a.speaker,
            note=a.note,
            editing=True,
        )
        self.popup_toggled.emit()
        return True

    def on_pane_mark_clicked(self, doc_id: str, annotation_id: int, rect: QRect) -> None:
        self.current_pane = next(
            (n for n, p in enumerate(self.panes) if p.document.id == doc_id), self.current_pane
        )
        self.edit_annotation(annotation_id, rect)

    def on_popup_closed(self) -> None:
        self.popup_toggled.emit()

    def on_popup_cancelled(self) -> None:
        # Said aloud: a popup that vanished (Esc, a click outside, focus taken)
        # must not leave the analyst believing the typing was saved (issue 14).
        self._popup_target = None
        self.statusBar().showMessage("Tagging cancelled: nothing saved", TAG_MESSAGE_MS)
        if self.panes:
            # What is typed next was likely meant for the popup: not a command.
            self.panes[self.current_pane].view.guard_typing()

    def on_pane_typing_ignored(self, _text: str) -> None:
        self.statusBar().showMessage(
            "Typing ignored: the articles are read-only (tagging keys act again after a pause)",
            TAG_MESSAGE_MS,
        )

    def _tag_id(self, store: TagStore, choice: TagChoice) -> int:
        """The chosen tag's id, making the tag first if its name is new."""
        if choice.tag is not None:
            return choice.tag
        existing = {t.name.casefold(): t.id for t in store.tags()}
        name = " ".join(choice.name.split())
        if name.casefold() in existing:  # made meanwhile, in another window
            return existing[name.casefold()]
        return store.add_tag(name, _new_colour(store.tags()), hotkey=_free_hotkey(store.tags())).id

    def _with_tag(
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
            return use(self._tag_id(store, choice))

    def on_quick_tag_saved(self, choice: TagChoice) -> None:
        target, self._popup_target = self._popup_target, None
        pane = self.pane(target.doc) if target is not None else None
        if target is None or pane is None:
            return
        if target.mode == "accept" and target.cluster is not None:
            self._accept(target.cluster, choice)
            return
        if target.mode == "edit" and target.annotation is not None:
            annotation_id = target.annotation
            self.tag_file.call(
                "Cannot change the tag",
                lambda store: self._with_tag(
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
            self._tag(
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
        target, self._popup_target = self._popup_target, None
        if target is not None and target.annotation is not None:
            self.remove_annotation(target.annotation)

    def remove_annotation(self, annotation_id: int) -> bool:
        done = self.tag_file.call(
            "Cannot remove the tag", lambda store: store.delete_annotation(annotation_id) or True
        )
        if done:
            self.statusBar().showMessage("Tag removed (Ctrl+Z brings it back)", TAG_MESSAGE_MS)
        return bool(done)

    def _annotation_at_caret(self, pane: ArticlePane) -> Annotation | None:
        annotations = [r.annotation for r in pane.view.tag_rows]
        selected = pane.view.selection()
        if selected is not None:
            exact = [a for a in annotations if (a.start, a.end) == selected]
            if exact:
                return max(exact, key=lambda a: a.id)
        found = annotation_at(annotations, selected[0] if selected else pane.view.caret())
        if found is None:
            self.statusBar().showMessage("No tag at the caret", TAG_MESSAGE_MS)
        return found

    def on_tags_remove_triggered(self) -> None:
        pane = self._tagging_pane()
        found = self._annotation_at_caret(pane) if pane is not None else None
        if found is not None:
            self.remove_annotation(found.id)

    def on_tags_edit_triggered(self) -> None:
        pane = self._tagging_pane()
        found = self._annotation_at_caret(pane) if pane is not None else None
        if found is not None:
            self.edit_annotation(found.id)

    def on_tags_link_claim_triggered(self) -> None:
        pane = self._tagging_pane()
        found = self._annotation_at_caret(pane) if pane is not None else None
        if pane is None or found is None:
            if pane is not None:
                self.statusBar().showMessage(
                    "No tag at the caret: tag the passage first (T), then link it (L)",
                    TAG_MESSAGE_MS,
                )
            return
        self.link_annotation(found)

    def link_annotation(self, annotation: Annotation) -> None:
        """The link popup for a tagged passage: pick or name its claim, and a stance."""
        pane = self.pane(annotation.document)
        if pane is None:
            return
        self._popup_target = PopupTarget(
            "link", annotation.document, annotation.start, annotation.end, annotation.id
        )
        self.claim_popup.open_for(
            self._anchor_rect(pane, annotation.start, annotation.end),
            annotation.quote,
            self.claims,
            claim=annotation.claim,
            stance=annotation.stance or "supports",
        )
        self.popup_toggled.emit()

    def on_claim_popup_saved(self, choice: ClaimChoice) -> None:
        target, self._popup_target = self._popup_target, None
        if target is None or target.annotation is None:
            return
        annotation_id = target.annotation

        def link(store: TagStore) -> Annotation:
            if choice.claim is not None:
                return store.link_annotation(annotation_id, choice.claim, choice.stance)
            label = " ".join(choice.label.split())
            # A new claim and its first link undo as one step, as a new tag does.
            with store.operation(f"Link to the new claim '{label}'"):
                labels = {c.label.casefold(): c.id for c in store.claims()}
                claim = labels.get(label.casefold()) or store.add_claim(label).id
                return store.link_annotation(annotation_id, claim, choice.stance)

        if self.tag_file.call("Cannot link the tag to the claim", link) is not None:
            self.statusBar().showMessage(f"Linked to the claim “{choice.label}”", TAG_MESSAGE_MS)

    def on_claim_popup_unlinked(self) -> None:
        target, self._popup_target = self._popup_target, None
        if target is not None and target.annotation is not None:
            annotation_id = target.annotation
            self.tag_file.call(
                "Cannot unlink the tag",
                lambda store: store.link_annotation(annotation_id, None, None),
            )

    def cluster_at(self, doc_id: str, position: int) -> Cluster | None:
        """The automatic claim (cluster) of the narrowest shared passage at a position."""
        passages = self.passages.get(doc_id)
        if passages is None or self.analysis is None:
            return None
        clusters = self.analysis.comparison.clusters
        for link in passages.links_at(position):
            if link.kind == "shared" and link.cluster is not None and link.cluster < len(clusters):
                return clusters[link.cluster]
        return None

    def on_tags_accept_claim_triggered(self) -> None:
        pane = self._tagging_pane()
        if pane is None:
            return
        if self.analysis is None:
            self.statusBar().showMessage("Still comparing the articles…", TAG_MESSAGE_MS)
            return
        caret = pane.view.caret()
        cluster = self.cluster_at(pane.document.id, caret)
        if cluster is None:
            self.statusBar().showMessage(
                "No automatic claim at the caret: F8 goes to the next shared passage",
                TAG_MESSAGE_MS,
            )
            return
        self.accept_cluster(pane, cluster, caret)

    def accept_cluster(self, pane: ArticlePane, cluster: Cluster, position: int) -> None:
        """Make a cluster the analyst's claim, tagging its passages in every pane.

        With the caret on a tag, its tag is used at once; otherwise a popup asks
        which tag (Enter takes the one typed or picked).
        """
        if any(c.label.casefold() == cluster.label.casefold() for c in self.claims):
            self.statusBar().showMessage(
                f"The claim “{_excerpt(cluster.label)}” is already accepted", TAG_MESSAGE_MS
            )
            return
        here = annotation_at([r.annotation for r in pane.view.tag_rows], position)
        if here is not None:
            self._accept(cluster, here.tag)
            return
        member = next((m for m in cluster.members if m.doc == pane.document.id), None)
        start, end = (member.start, member.end) if member else (position, position)
        self._popup_target = PopupTarget("accept", pane.document.id, start, end, cluster=cluster)
        self.quick_tag.open_for(
            self._anchor_rect(pane, start, end),
            cluster.label,
            self.vocabulary,
            fields=False,
            title=f"Accept the claim “{_excerpt(cluster.label)}”: tag its "
            f"{len(cluster.members)} passages as",
        )
        self.popup_toggled.emit()

    def accept_cluster_as(self, cluster: Cluster, tag: int) -> None:
        """Make a cluster the analyst's claim, its passages tagged with ``tag``."""
        self._accept(cluster, tag)

    def _accept(self, cluster: Cluster, tag: int | TagChoice) -> None:
        claim = self.tag_file.call(
            "Cannot accept the claim",
            lambda store: self._with_tag(
                store,
                tag,
                lambda name: f"Accept claim '{cluster.label}' (new tag '{name}')",
                lambda tag_id: store.accept_cluster(cluster.label, cluster.members, tag_id),
            ),
        )
        if claim is not None:
            sources = len(cluster.docs)
            self.statusBar().showMessage(
                f"Accepted “{_excerpt(cluster.label)}”: {len(cluster.members)} passages in "
                f"{sources} sources tagged (Ctrl+Z takes it back)",
                TAG_MESSAGE_MS,
            )

    def _fill_context_menu(self, doc_id: str, menu: QMenu, position: int) -> None:
        """Tagging entries on top of a pane's standard menu (Copy, Select All)."""
        pane = self.pane(doc_id)
        if pane is None:
            return
        self.current_pane = self.panes.index(pane)
        first = menu.actions()[0] if menu.actions() else None
        on_selection = pane.view.selection() is not None
        passage = self._passage(pane, None if on_selection else position, explain=False)
        tag_menu = QMenu("&Tag as", menu)
        tag_menu.setObjectName("tagAsMenu")
        for tag in self.vocabulary:
            key = f"\t{tag.hotkey}" if tag.hotkey else ""
            action = tag_menu.addAction(swatch(tag.colour), _menu_text(tag.name) + key)
            action.setObjectName(f"tagAs:{tag.id}")
            if passage is not None:
                action.triggered.connect(partial(self._tag_from_menu, doc_id, passage, tag.id))
        tag_menu.addSeparator()
        new = tag_menu.addAction("&New Tag…")
        new.setObjectName("tagAsNew")
        if passage is not None:
            new.triggered.connect(partial(self._quick_tag_from_menu, doc_id, passage))
        tag_menu.setEnabled(passage is not None and self.tag_file.store is not None)
        menu.insertMenu(first, tag_menu)
        annotations = [r.annotation for r in pane.view.tag_rows]
        here = annotation_at(annotations, position)
        if here is not None:
            name = next((r.tag_name for r in pane.view.tag_rows if r.annotation.id == here.id), "")
            for text, slot in (
                (f"&Edit Tag “{_menu_text(name)}”…", partial(self.edit_annotation, here.id)),
                (f"&Remove Tag “{_menu_text(name)}”", partial(self.remove_annotation, here.id)),
                ("&Link Tag to Claim…", partial(self.link_annotation, here)),
            ):
                action = QAction(text, menu)
                action.triggered.connect(slot)
                menu.insertAction(first, action)
        cluster = self.cluster_at(doc_id, position)
        if cluster is not None and self.tag_file.store is not None:
            action = QAction(f"&Accept Claim “{_excerpt(cluster.label, 40)}”", menu)
            action.triggered.connect(partial(self.accept_cluster, pane, cluster, position))
            menu.insertAction(first, action)
        if first is not None:
            menu.insertSeparator(first)

    def _tag_from_menu(self, doc_id: str, passage: tuple[int, int], tag: int) -> None:
        pane = self.pane(doc_id)
        if pane is not None:
            self._tag(pane, *passage, tag, value=self._value_in(doc_id, *passage))

    def _quick_tag_from_menu(self, doc_id: str, passage: tuple[int, int]) -> None:
        pane = self.pane(doc_id)
        if pane is not None:
            self.open_quick_tag(pane, *passage)

    def on_edit_undo_triggered(self) -> None:
        label = self.tag_file.call("Cannot undo", lambda store: store.undo())
        if label:
            self.statusBar().showMessage(f"Undone: {label}", TAG_MESSAGE_MS)

    def on_edit_redo_triggered(self) -> None:
        label = self.tag_file.call("Cannot redo", lambda store: store.redo())
        if label:
            self.statusBar().showMessage(f"Redone: {label}", TAG_MESSAGE_MS)

    # -- source details -------------------------------------------------------

    def on_edit_source_details_triggered(self) -> None:
        if self.panes:
            self.open_source_details(self.panes[self.current_pane].document.id)

    def open_source_details(self, doc_id: str) -> SourceDialog | None:
        """Show the Source Details dialog of an article; OK stores the edit (one undo step)."""
        if self.tag_file.store is None:
            self.statusBar().showMessage(
                "Open or create a tag file to keep source details (File > Open Tag File…)",
                TAG_MESSAGE_MS,
            )
            return None
        found = self.tag_file.call(
            "Cannot read the source details",
            lambda store: (store.document(doc_id), store.read_source(doc_id)),
            refresh=False,
        )
        if found is None:
            return None
        document, read = found
        dialog = SourceDialog(doc_id, document.title, document.source, read, self)
        dialog.accepted.connect(partial(self.on_source_dialog_accepted, dialog))
        dialog.finished.connect(partial(self.on_source_dialog_finished, dialog))
        self.source_dialog = dialog
        dialog.open()
        return dialog

    def on_source_dialog_finished(self, dialog: SourceDialog, _result: int) -> None:
        if self.source_dialog is dialog:
            self.source_dialog = None
        dialog.deleteLater()

    def on_source_dialog_accepted(self, dialog: SourceDialog) -> None:
        details = dialog.details()
        self.tag_file.call(
            "Cannot change the source details",
            lambda store: store.edit_source(dialog.document_id, details),
        )

    # -- the vocabulary -------------------------------------------------------

    def on_edit_vocabulary_triggered(self) -> None:
        dialog = self.vocabulary_dialog
        if dialog is None:
            dialog = self.vocabulary_dialog = VocabularyDialog(self)
            dialog.add_requested.connect(self.on_vocabulary_dialog_add_requested)
            dialog.edit_requested.connect(self.on_vocabulary_dialog_edit_requested)
            dialog.delete_requested.connect(self.on_vocabulary_dialog_delete_requested)
            # Ctrl+Z and Ctrl+Shift+Z work in the dialog too: each change is a step.
            dialog.addActions([self.actions_by_id["edit.undo"], self.actions_by_id["edit.redo"]])
            dialog.addActions(self.file_keys())
            dialog.set_editable(self.tag_file.store is not None)
            dialog.set_vocabulary(self.vocabulary, Counter(r.annotation.tag for r in self.tag_rows))
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    def on_vocabulary_dialog_add_requested(self, name: str) -> None:
        self.tag_file.call(
            "Cannot add the tag",
            lambda store: store.add_tag(
                name, _new_colour(store.tags()), hotkey=_free_hotkey(store.tags())
            ),
        )

    def on_vocabulary_dialog_edit_requested(self, tag_id: int, field: str, value: object) -> None:
        self.tag_file.call(
            "Cannot change the tag", lambda store: store.update_tag(tag_id, **{field: value})
        )

    def on_vocabulary_dialog_delete_requested(self, tag_id: int) -> None:
        name = next((t.name for t in self.vocabulary if t.id == tag_id), "")
        removed = self.tag_file.call(
            "Cannot delete the tag", lambda store: store.delete_tag(tag_id)
        )
        if removed is not None:
            annotations = f" and its {removed} annotation{'s' if removed != 1 else ''}"
            self.statusBar().showMessage(
                f"Deleted the tag “{name}”{annotations if removed else ''} (Ctrl+Z brings it back)",
                TAG_MESSAGE_MS,
            )

    def on_tags_panel_annotation_chosen(self, annotation: Annotation) -> None:
        if annotation.orphaned:
            self.statusBar().showMessage(
                "This tag is orphaned: its article changed and its quote was not found again",
                TAG_MESSAGE_MS,
            )
            return
        pane = self.pane(annotation.document)
        if pane is None:
            self.statusBar().showMessage("That article is not among those open", TAG_MESSAGE_MS)
            return
        self.show_passage(Span(annotation.document, annotation.start, annotation.end))
        self.focus_pane(self.panes.index(pane))

    def on_tags_panel_delete_requested(self, annotation: Annotation) -> None:
        self.remove_annotation(annotation.id)


def _menu_text(text: str) -> str:
    """Text for a menu item: an "&" in a tag's name is a letter, not a mnemonic."""
    return text.replace("&", "&&")


def _excerpt(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _new_colour(tags: Sequence[Tag]) -> str:
    """The colour a new tag gets: the first palette colour no tag has, else the least used."""
    used = Counter(t.colour.upper() for t in tags)
    palette = [c.upper() for c in tag_colours()]
    return min(palette, key=lambda c: (used[c], palette.index(c)))


def _free_hotkey(tags: Sequence[Tag]) -> int | None:
    taken = {t.hotkey for t in tags}
    return next((n for n in range(1, MAX_TAG_HOTKEYS + 1) if n not in taken), None)


def _orphan_notice(reports: Sequence[Reanchored], titles: dict[str, str]) -> str:
    lines = [
        f"• {titles.get(r.document, r.document)}: {r.orphaned} tag{'s' if r.orphaned > 1 else ''}"
        for r in reports
    ]
    return (
        "These articles changed since they were tagged, and some of their tags could "
        "not be placed on the new text:\n\n" + "\n".join(lines) + "\n\nNo tag is lost: "
        "each keeps its quote and is listed as orphaned in the Tags panel."
    )
