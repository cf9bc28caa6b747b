"""The window's copy of the tag file's tags: read back after every change, and drawn.

Every change goes through ``TagFile.call``: one store operation, then
``TagFile.changed`` and ``TagReader.refresh_tags``, which reads back only what
the file's change log says changed and redraws only that. The tags as last
read live on the window (``tag_rows``, ``vocabulary``, ``claims``): every
controller draws from them.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import QTimer

from nkdesk.store import Changes
from nkdesk.ui.actions import MAX_TAG_HOTKEYS
from nkdesk.ui.controller import Controller
from nkdesk.ui.tag_listing import READ_AT_ONCE, ListingReader, PaneTags, TagsRead, pane_tags
from nkdesk.ui.tag_rows import Applied
from nkdesk.ui.tagging import analyst_rows, menu_text

if TYPE_CHECKING:
    from nkdesk.ui.article_pane import ArticlePane
    from nkdesk.ui.main_window import MainWindow

TAG_MESSAGE_MS = 6000
# Beyond this many annotations changed at once (a big import or its undo), the
# window reads every tag again rather than each of them by id.
INCREMENTAL_ROWS = 500


class TagReader(Controller):
    """The window's copy of the open tag file's tags, kept up to date (``TagFileCommands``
    opens the file)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.read_at = -1  # the revision the tags were read at; -1: read everything
        tag_file = window.tag_file
        tag_file.changed.connect(self.on_tag_file_changed)
        # A big tag file's tags are read in a worker and listed in slices (tag_listing).
        self.listing = ListingReader(self)
        self.listing.read.connect(self.on_listing_read)
        self.listing.failed.connect(lambda title, text: self.window.report_error(title, text))
        window.tags_panel.loaded.connect(self.on_tags_panel_loaded)
        # What was asked for while a whole read was on its way: read after it.
        self._wanted: Literal["changes", "everything"] | None = None
        self._panes_to_draw: list[tuple[ArticlePane, PaneTags | None]] = []

    # -- the tag file ---------------------------------------------------------

    def on_tag_file_changed(self) -> None:
        # Undoing an import takes the documents it added, which may be the
        # articles shown here (stored by the import before this window opened).
        ids = [d.id for d in self.window.corpus.documents]
        missing = self.window.tag_file.call(
            "Cannot read the tag file",
            lambda store: store.missing_documents(ids),
            refresh=False,
        )
        if missing and not self.window.tag_file_commands.store_documents():
            return
        self.refresh_tags()

    # -- reading the tags back ------------------------------------------------

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
        tag_file = self.window.tag_file
        changes = None
        if not everything and self.read_at >= 0 and tag_file.store is not None:
            since = self.read_at
            changes = tag_file.call(
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
        window = self.window
        ids = set(changes.annotations)
        known_tags = {t.id for t in window.vocabulary} & changes.tags  # a new tag names no row
        known_claims = {c.id for c in window.claims} & changes.claims
        if known_tags or known_claims:
            ids.update(
                r.annotation.id
                for r in window.tag_rows
                if r.annotation.tag in known_tags or r.annotation.claim in known_claims
            )
        return frozenset(ids) if len(ids) <= INCREMENTAL_ROWS else None

    @property
    def reading(self) -> bool:
        """Whether a whole read is on its way from the worker or being listed."""
        return self.listing.busy or self.window.tags_panel.loading

    def _defer_refresh(self, everything: bool) -> bool:
        """Whether a whole read on its way (``nkdesk.ui.tag_listing``) takes this refresh.

        What changed while it is read or listed is read after it, from the
        change log: a tag made meanwhile is listed once, never lost. A read
        for other articles (``everything``) or another file starts again; a
        tag file merely changed by another window does not, or a window that
        tags every second would keep a big file from ever being listed.
        """
        store = self.window.tag_file.store
        if self.listing.busy and (everything or store is None or store.path != self.listing.path):
            self.listing.cancel()
            return False
        if not self.reading:
            return False
        self._wanted = "everything" if everything else self._wanted or "changes"
        return True

    def _refresh_everything(self) -> None:
        if self._read_in_worker():
            return
        window = self.window
        read = window.tag_file.call(
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
        if read is None and window.tag_file.store is not None:
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
        self.read_at = revision if window.tag_file.store is not None else -1
        window.tag_rows.replace(rows)
        window.vocabulary, window.claims = tags, claims
        for pane in window.panes:
            rows_here = window.tag_rows.of_document(pane.document.id)
            if rows_here != pane.view.tag_rows:  # repaint only the panes that changed
                pane.view.set_tags(rows_here)
                pane.set_tag_overview(rows_here)
            # The analyst's edits of the source details, or what the article says.
            source = details.get(pane.document.id, pane.document.source)
            if source != pane.source:
                pane.set_source(source)
        documents = self.tag_documents()
        window.tags_panel.set_rows(window.tag_rows, tags, documents)
        self._refresh_analyst_rows(documents)
        self._label_hotkeys()
        self._after_refresh(undo_label, redo_label)

    def _read_in_worker(self) -> bool:
        """Start reading a big tag file's tags in the worker; whether it is that big.

        Its vocabulary and claims are read at once (a few rows), so that the
        tagging keys work while the tags are on their way.
        """
        window = self.window
        store = window.tag_file.store
        read = window.tag_file.call(
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
        _big, window.vocabulary, window.claims, undo_label, redo_label = read
        model = window.tags_panel.tags_model
        self.listing.start(
            store.path,
            [(d.id, len(d.text)) for d in window.corpus.documents],
            (model.sort_column, model.sort_order),
        )
        self._label_hotkeys()
        self._label_history("edit.undo", "&Undo", undo_label)
        self._label_history("edit.redo", "&Redo", redo_label)
        return True

    def on_listing_read(self, read: TagsRead) -> None:
        """A big tag file read in the worker: draw its tags, and list them a slice at a time."""
        window = self.window
        store = window.tag_file.store
        if store is None or store.path != read.path:
            self.refresh_tags(everything=True)  # another file opened meanwhile
            return
        listing = read.listing
        self.read_at = listing.revision
        window.tag_rows.take(read.rows)
        window.vocabulary, window.claims = listing.tags, listing.claims
        for pane in window.panes:
            source = listing.sources.get(pane.document.id, pane.document.source)
            if source != pane.source:
                pane.set_source(source)
        # One pane a turn of the event loop: a pane dense with tags takes
        # tens of milliseconds to paint, and all of them in one turn stalled.
        self._panes_to_draw = [(p, read.panes.get(p.document.id)) for p in window.panes]
        QTimer.singleShot(0, self._draw_pane_tags)
        window.tags_panel.load(
            read.table, read.texts, read.counts, read.sort, listing.tags, self.tag_documents()
        )
        self._label_hotkeys()

    def _draw_pane_tags(self, *, every: bool = False) -> None:
        """Draw the tags of the next pane waiting for them after a whole read (``every``: all)."""
        window = self.window
        while self._panes_to_draw:
            pane, here = self._panes_to_draw.pop(0)
            if pane not in window.panes:
                continue  # another corpus shown meanwhile
            if here is None:  # an article shown since the read began
                here = pane_tags(window.tag_rows, pane.document.id, len(pane.document.text))
            pane.view.set_tags(here.rows, here.marks)
            pane.set_tag_overview(here.rows, here.stripes)
            if not every:
                break
        if self._panes_to_draw:
            QTimer.singleShot(0, self._draw_pane_tags)

    def on_tags_panel_loaded(self) -> None:
        """The tags dock listed a whole read: read what changed meanwhile, or say it is done."""
        self._draw_pane_tags(every=True)  # before any change read since is drawn over them
        self._refresh_analyst_rows(self.tag_documents())
        wanted, self._wanted = self._wanted, None
        labels = self.window.tag_file.call(
            "Cannot read the tag file",
            lambda store: (store.revision(), store.undo_label(), store.redo_label()),
            refresh=False,
        )
        if wanted == "everything" or (labels is not None and labels[0] != self.read_at):
            self.refresh_tags(everything=wanted == "everything")
            return
        _revision, undo_label, redo_label = labels or (-1, None, None)
        self._after_refresh(undo_label, redo_label)

    def _refresh_changes(self, changes: Changes, ids: frozenset[int]) -> None:
        """Read again and redraw only the annotations of ``ids`` (added, changed or gone),
        and the vocabulary and claims if ``changes`` touched them."""
        window = self.window
        read = window.tag_file.call(
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
        self.read_at = changes.revision
        applied: Applied = window.tag_rows.apply(ids, rows)
        for pane in window.panes:
            if pane.document.id in applied.documents:
                pane.view.set_tags(window.tag_rows.of_document(pane.document.id))
                pane.set_tag_overview(pane.view.tag_rows)
            if details is not None and pane.document.id in changes.sources:
                pane.set_source(details.get(pane.document.id, pane.document.source))
        if tags is not None:
            window.vocabulary = tags
            window.tags_panel.set_filters(tags, self.tag_documents())
            self._label_hotkeys()
        if claims is not None:
            window.claims = claims
        window.tags_panel.apply(applied.rows, applied.removed)
        if applied.claims or claims is not None:
            self._refresh_analyst_rows(self.tag_documents())
        self._after_refresh(undo_label, redo_label)

    def _label_hotkeys(self) -> None:
        window = self.window
        by_hotkey = {t.hotkey: t for t in window.vocabulary if t.hotkey}
        for number in range(1, MAX_TAG_HOTKEYS + 1):
            tag = by_hotkey.get(number)
            window.actions_by_id[f"tags.apply_{number}"].setText(
                f"Apply Tag &{number}: {menu_text(tag.name)}"
                if tag
                else f"Apply Tag &{number} (no tag has this key)"
            )

    def tag_documents(self) -> list[tuple[str, str]]:
        """The articles shown, then those of the file's tags that are not open (another
        corpus in the same file: the tags panel shows the whole file), as (id, title)."""
        window = self.window
        documents = [(d.id, d.title) for d in window.corpus.documents]
        shown = {doc for doc, _ in documents}
        others = window.tag_rows.documents()
        return documents + sorted((d, t) for d, t in others.items() if d not in shown)

    def refresh_analyst_rows(self) -> None:
        """The analyst's claims in the matrix, coloured by the engine's conflicts
        once a comparison is there (the same ones the conflicts dock lists)."""
        self._refresh_analyst_rows(self.tag_documents())

    def _refresh_analyst_rows(self, documents: list[tuple[str, str]]) -> None:
        window = self.window
        sources = tuple(d.id for d in window.corpus.documents)
        conflicts = window.analysis.comparison.conflicts if window.analysis is not None else ()
        window.matrix_table.claims.set_analyst_rows(
            analyst_rows(window.claims, window.tag_rows, sources, conflicts),
            sources,
            dict(documents),
        )

    def tag_counts(self) -> Counter[int]:
        """How many annotations each tag has, by tag id."""
        return Counter(r.annotation.tag for r in self.window.tag_rows)

    def _after_refresh(self, undo_label: str | None, redo_label: str | None) -> None:
        window = self.window
        self._label_history("edit.undo", "&Undo", undo_label)
        self._label_history("edit.redo", "&Redo", redo_label)
        window.vocabulary_commands.show_vocabulary()
        window.tags_changed.emit()

    def _label_history(self, action_id: str, verb: str, label: str | None) -> None:
        action = self.window.actions_by_id[action_id]
        action.setText(f"{verb} {menu_text(label)}" if label else verb)
        action.setEnabled(label is not None)
