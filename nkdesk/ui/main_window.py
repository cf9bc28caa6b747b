"""The main window: the articles side by side, their highlights, conflicts and tags."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Literal

from PySide6.QtCore import QByteArray, QEvent, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

import nkdesk as nkdesk_package
from nkdesk.analysis.model import Conflict, Span
from nkdesk.bundle import seeds_dir
from nkdesk.corpus import Corpus, CorpusError, load_corpus
from nkdesk.store import Claim, StoreError, Tag, TagStore, default_path, open_store
from nkdesk.ui import case_files, recent
from nkdesk.ui.actions import ACTIONS, MAX_PANE_SHORTCUTS, MENUS, create_actions
from nkdesk.ui.article_pane import ArticlePane
from nkdesk.ui.capacity import MIN_ARTICLES, too_many
from nkdesk.ui.claim_matrix import ClaimMatrixTable
from nkdesk.ui.conflicts_panel import ConflictsTable
from nkdesk.ui.exchange_commands import ExchangeCommands
from nkdesk.ui.find_bar import FindBar
from nkdesk.ui.legend import Legend
from nkdesk.ui.marks import Passages, describe
from nkdesk.ui.quick_tag import ClaimPopup, QuickTagPopup
from nkdesk.ui.search import Matches
from nkdesk.ui.shortcuts_dialog import ShortcutsDialog
from nkdesk.ui.source_dialog import SourceDialog
from nkdesk.ui.tag_commands import NO_TAG_FILE, PopupTarget, TagCommands
from nkdesk.ui.tag_file import TagFile
from nkdesk.ui.tag_rows import TagRows
from nkdesk.ui.tagging import describe_tags
from nkdesk.ui.tags_panel import TagsPanel
from nkdesk.ui.theme import Theme, style_sheet
from nkdesk.ui.timeline import TimelinePanel
from nkdesk.ui.vocabulary import VocabularyDialog
from nkdesk.ui.worker import PROGRESS_DELAY_MS, Analysis, AnalysisThread, runner

DEFAULT_SIZE = (1400, 900)
STATUS_MESSAGE_MS = 4000
TAG_FILE_MESSAGE_MS = 8000
PROGRESS_BAR_PX = 120
BOTTOM_DOCK_PX = 190
# The bottom panels show this many table rows at first, and never fewer than
# the minimum: at 190 px the conflicts list showed four (issue 14).
DOCK_ROWS = 8
MIN_DOCK_ROWS = 5
# Floating is left out: a dock dragged by its title came loose over the panes
# and hid the text. Docks still move to another edge, tab and close.
DOCK_FEATURES = (
    QDockWidget.DockWidgetFeature.DockWidgetClosable
    | QDockWidget.DockWidgetFeature.DockWidgetMovable
)
# Splitter sizes before the window is laid out: only their ratio matters.
EQUAL_PANE_WIDTH = 1000
# Zoom steps (QTextEdit.zoomIn points) a restored setting may hold.
ZOOM_RANGE = (-8, 24)
PANE_TITLE_CHARS = 50

ErrorReporter = Callable[[str, str], None]


class MainWindow(TagCommands, ExchangeCommands, QMainWindow):
    """The articles of one corpus side by side, highlighted once analysed.

    Signals:
        analysed(): the comparison of the current corpus arrived and is drawn.
        analysis_failed(str): the engine raised; the message says what.
        analysis_stopped(): the analyst stopped the comparison; its result,
            when it comes, is dropped.
        corpus_shown(): the panes of a (new) corpus are in place.
        partners_shown(object): the partner passages just shown, {doc id: Span}.
        find_updated(str): the find summary changed ("3 matches in 2 articles",
            "not found", or "" when the find bar closed).
        zoomed(int): the panes' zoom changed; the steps from the default.
        tags_changed(): the tags were read again from the tag file and drawn
            (after a tag operation here, or another window's change).
        popup_toggled(): a tagging popup opened or closed.
        exported(str): an export was written; its path.
        imported(object): an import was merged; its ImportReport.
        exchange_finished(str): an export or import ended: "exported",
            "imported", "cancelled" or "failed" (a message box said why).
    """

    analysed = Signal()
    analysis_failed = Signal(str)
    analysis_stopped = Signal()
    corpus_shown = Signal()
    partners_shown = Signal(object)
    find_updated = Signal(str)
    zoomed = Signal(int)
    tags_changed = Signal()
    popup_toggled = Signal()
    exported = Signal(str)
    imported = Signal(object)
    exchange_finished = Signal(str)

    def __init__(self, corpus: Corpus, settings: QSettings | None = None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.settings = settings if settings is not None else QSettings()
        # Dialogs are attributes so tests (and embedders) can replace them
        # instead of meeting a modal box that waits for a click.
        self.report_error: ErrorReporter = self._message_box
        self.ask_files: Callable[[], list[str]] = self._ask_files
        self.ask_folder: Callable[[], str] = self._ask_folder
        # ask_tag_file(new) -> path, or "" if the analyst cancelled.
        self.ask_tag_file: Callable[[bool], str] = self._ask_tag_file
        self.report_notice: ErrorReporter = self._notice_box

        self.theme = Theme(self.palette())
        self.corpus = corpus
        self.analysis: Analysis | None = None
        self.panes: list[ArticlePane] = []
        self.passages: dict[str, Passages] = {}
        self.current_pane = 0
        self.zoom = 0
        self.comparing = False
        self._generation = 0
        self._threads: list[AnalysisThread] = []
        self._linking = False
        self.matches = Matches((), "")
        self.match_index: int | None = None
        self.recent: list[recent.Entry] = []
        self.current_entry: recent.Entry | None = None
        # The tag file of each corpus opened: {case_files.key(entry): path}.
        self.case_files: dict[str, str] = {}
        self.shortcuts_dialog: ShortcutsDialog | None = None
        self.vocabulary_dialog: VocabularyDialog | None = None
        self.source_dialog: SourceDialog | None = None
        # The tag file as last read: every window redraws from these.
        self.tag_rows = TagRows()
        self.tags_read_at = -1  # the revision they were read at; -1: read everything
        self.vocabulary: list[Tag] = []
        self.claims: list[Claim] = []
        self._popup_target: PopupTarget | None = None
        self.tag_file = TagFile(self)
        self.tag_file.changed.connect(self.on_tag_file_changed)
        self.tag_file.failed.connect(self.on_tag_file_failed)
        self.tag_file.opened.connect(self.on_tag_file_opened)
        self.quick_tag = QuickTagPopup(self)
        self.quick_tag.saved.connect(self.on_quick_tag_saved)
        self.quick_tag.deleted.connect(self.on_quick_tag_deleted)
        self.quick_tag.closed.connect(self.on_popup_closed)
        self.quick_tag.cancelled.connect(self.on_popup_cancelled)
        self.claim_popup = ClaimPopup(self)
        self.claim_popup.saved.connect(self.on_claim_popup_saved)
        self.claim_popup.unlinked.connect(self.on_claim_popup_unlinked)
        self.claim_popup.closed.connect(self.on_popup_closed)
        self.claim_popup.cancelled.connect(self.on_popup_cancelled)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("panes")
        self.splitter.setChildrenCollapsible(False)
        self.find_bar = FindBar(self)
        self.find_bar.query_changed.connect(self.on_find_bar_query_changed)
        self.find_bar.step_requested.connect(self.on_find_bar_step_requested)
        self.find_bar.closed.connect(self.on_find_bar_closed)
        central = QWidget(self)
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.setSpacing(0)
        central_layout.addWidget(self.splitter, 1)
        central_layout.addWidget(self.find_bar)
        self.setCentralWidget(central)

        self.conflicts_table = ConflictsTable(self)
        self.conflicts_table.conflict_chosen.connect(self.on_conflicts_table_conflict_chosen)
        self.conflicts_dock = self._dock("Conflicts", "conflictsDock", self.conflicts_table)
        self.matrix_table = ClaimMatrixTable(self.theme, self)
        self.matrix_table.passage_chosen.connect(self.on_matrix_table_passage_chosen)
        self.matrix_table.claim_chosen.connect(self.on_matrix_table_claim_chosen)
        self.matrix_dock = self._dock("Claim Matrix", "matrixDock", self.matrix_table)
        self.tags_panel = TagsPanel(self)
        self.tags_panel.annotation_chosen.connect(self.on_tags_panel_annotation_chosen)
        self.tags_panel.delete_requested.connect(self.on_tags_panel_delete_requested)
        self.tags_dock = self._dock("Tags", "tagsDock", self.tags_panel)
        # A value picked in the timeline is shown as one picked in the matrix.
        self.timeline_panel = TimelinePanel(self)
        self.timeline_panel.passage_chosen.connect(self.on_matrix_table_passage_chosen)
        self.timeline_dock = self._dock("Timeline", "timelineDock", self.timeline_panel)
        # Tabbed: all four want the full width, and the matrix is the overview.
        self.tabifyDockWidget(self.conflicts_dock, self.matrix_dock)
        self.tabifyDockWidget(self.matrix_dock, self.tags_dock)
        self.tabifyDockWidget(self.tags_dock, self.timeline_dock)
        self.matrix_dock.raise_()

        self.summary = QLabel(self)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)  # busy: compare() reports no steps
        self.progress.setMaximumWidth(PROGRESS_BAR_PX)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.stop_button = QToolButton(self)
        self.stop_button.setObjectName("stopButton")
        self.stop_button.setText("Stop")
        self.stop_button.setToolTip("Stop comparing (Esc); the articles stay, unmarked")
        self.stop_button.clicked.connect(self.on_view_stop_triggered)
        self.stop_button.hide()
        self._progress_timer = QTimer(self)
        self._progress_timer.setSingleShot(True)
        self._progress_timer.setInterval(PROGRESS_DELAY_MS)
        self._progress_timer.timeout.connect(self.on_progress_timer_timeout)
        self.legend = Legend(self.theme, self)
        self.tag_file_label = QLabel(NO_TAG_FILE, self)
        self.tag_file_label.setObjectName("tagFileLabel")
        self.statusBar().addWidget(self.summary, 1)
        self.statusBar().addWidget(self.progress)
        self.statusBar().addWidget(self.stop_button)
        self.statusBar().addPermanentWidget(self._build_exchange_bar())
        self.statusBar().addPermanentWidget(self.tag_file_label)
        self.statusBar().addPermanentWidget(self.legend)

        self.actions_by_id = create_actions(self, self._handlers())
        self._build_menus()
        self.recent_menu = QMenu(self)
        self.recent_menu.setObjectName("recentMenu")
        self.actions_by_id["file.open_recent"].setMenu(self.recent_menu)
        self.actions_by_id["view.stop"].setEnabled(False)
        self.on_tag_file_opened("")
        self.setStyleSheet(style_sheet())

        self.resize(*DEFAULT_SIZE)
        self.resizeDocks(
            [self.matrix_dock], [self._dock_height(DOCK_ROWS)], Qt.Orientation.Vertical
        )
        self._restore_settings()
        self.set_corpus(corpus)

    # -- building -------------------------------------------------------------

    def _dock(self, title: str, name: str, widget: QWidget) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setFeatures(DOCK_FEATURES)
        dock.setWidget(widget)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
        dock.visibilityChanged.connect(self.on_dock_visibility_changed)
        return dock

    def _dock_height(self, rows: int) -> int:
        """The height of a bottom dock whose table shows ``rows`` rows."""
        table = self.conflicts_table
        row = table.verticalHeader().defaultSectionSize()
        header = table.horizontalHeader().sizeHint().height()
        # The dock's title and tab bar, and the table's frame.
        chrome = 2 * self.fontMetrics().height() + 4 * table.frameWidth() + 16
        return rows * row + header + chrome

    def _handlers(self) -> dict[str, Callable[..., object]]:
        handlers: dict[str, Callable[..., object]] = {}
        for item in ACTIONS:
            if item.submenu:
                continue
            if item.id.startswith("window.pane_"):
                number = int(item.id.rsplit("_", 1)[1])
                handlers[item.slot] = lambda _=False, n=number: self.focus_pane(n - 1)
            elif item.id.startswith("tags.apply_"):
                number = int(item.id.rsplit("_", 1)[1])
                handlers[item.slot] = lambda _=False, n=number: self.apply_hotkey(n)
            else:
                handlers[item.slot] = getattr(self, item.slot)
        return handlers

    def _build_menus(self) -> None:
        menus = {title: self.menuBar().addMenu(title) for title in MENUS}
        for item in ACTIONS:
            action = self.actions_by_id[item.id]
            menus[item.menu].addAction(action)
            if item.scope == "panes":
                # The key works only with focus inside the panes (see actions.py).
                self.splitter.addAction(action)
            else:
                self.addAction(action)

    def set_corpus(self, corpus: Corpus) -> None:
        """Show a corpus: its text at once, its highlights when analysed."""
        self._save_splitter()
        self.corpus = corpus
        self.analysis = None
        self.passages = {}
        self.conflicts_table.conflicts.set_comparison(None)
        self.matrix_table.claims.set_comparison(None)
        self.timeline_panel.set_timeline(None)
        for pane in self.panes:
            pane.hide()
            pane.setParent(None)
            pane.deleteLater()
        self.panes = []
        self._label_pane_actions(corpus)
        titles = {d.id: d.title for d in corpus.documents}
        for index, document in enumerate(corpus.documents):
            pane = ArticlePane(document, index, self.theme, self.splitter)
            pane.view.tooltip_provider = self._tooltip_provider(document.id, titles)
            pane.view.menu_provider = partial(self._fill_context_menu, document.id)
            pane.view.zoomIn(self.zoom)
            pane.activated.connect(self.on_pane_activated)
            pane.focused.connect(self.on_pane_focused)
            pane.scrolled.connect(self.on_pane_scrolled)
            pane.mark_clicked.connect(self.on_pane_mark_clicked)
            pane.typing_ignored.connect(self.on_pane_typing_ignored)
            pane.source_details_requested.connect(self.open_source_details)
            self.splitter.addWidget(pane)
            self.splitter.setStretchFactor(index, 1)
            self.panes.append(pane)
        self._restore_splitter()
        self._apply_layer_toggles()
        self.current_pane = 0
        if self.panes:
            # The keys (arrows, F8, Enter) act on a pane from the start.
            self.panes[0].view.setFocus(Qt.FocusReason.OtherFocusReason)
        self.setWindowTitle(f"{corpus.name} — nkdesk")
        if self.find_bar.isVisible():
            self._search(self.find_bar.query)
        if self.tag_file.store is not None:
            self._store_documents()
        self.refresh_tags(everything=True)  # new panes: none has its tags yet
        self.corpus_shown.emit()
        self._start_analysis()

    def _label_pane_actions(self, corpus: Corpus) -> None:
        # The Window menu lists the panes there are, by article (it listed
        # Pane 6-9 with five open); a hidden action's key does nothing.
        for n in range(1, MAX_PANE_SHORTCUTS + 1):
            action = self.actions_by_id[f"window.pane_{n}"]
            shown = n <= len(corpus.documents)
            action.setVisible(shown)
            action.setEnabled(shown)
            if shown:
                title = corpus.documents[n - 1].title
                short = (
                    title if len(title) <= PANE_TITLE_CHARS else title[: PANE_TITLE_CHARS - 1] + "…"
                )
                action.setText(f"Pane &{n}: {short.replace('&', '&&')}")

    def _tooltip_provider(self, doc_id: str, titles: dict[str, str]) -> Callable[[int], str]:
        # Runs on every hover: a lookup in the Passages built when the
        # comparison arrived and the tags last read, never a wait.
        def provide(position: int) -> str:
            pane = self.pane(doc_id)
            tags = describe_tags(pane.view.tag_rows, position) if pane is not None else ""
            passages = self.passages.get(doc_id)
            found = describe(passages, position, titles) if passages else ""
            return "\n\n".join(part for part in (tags, found) if part)

        return provide

    # -- analysis -------------------------------------------------------------

    def _start_analysis(self) -> None:
        # Every result carries the generation it was started for; anything
        # but the latest (a corpus replaced since, a comparison stopped) is
        # dropped on arrival, never drawn.
        self._generation += 1
        if len(self.corpus.documents) < MIN_ARTICLES:
            self._set_comparing(False)
            self.summary.setText("Open at least two articles to compare them.")
            return
        thread = AnalysisThread(self.corpus.documents, self._generation)
        thread.analysed.connect(self.on_analysis_thread_analysed)
        thread.failed.connect(self.on_analysis_thread_failed)
        thread.finished.connect(self.on_analysis_thread_finished)
        self._threads.append(thread)
        self._set_comparing(True)
        self.summary.setText(f"Comparing {len(self.corpus.documents)} articles…")
        runner().start(thread)

    def _set_comparing(self, comparing: bool) -> None:
        self.comparing = comparing
        self.actions_by_id["view.stop"].setEnabled(comparing)
        if comparing:
            self._progress_timer.start()
        else:
            self._progress_timer.stop()
            self.progress.hide()
            self.stop_button.hide()

    def on_progress_timer_timeout(self) -> None:
        if self.comparing:
            self.progress.show()
            self.stop_button.show()

    def stop_analysis(self) -> bool:
        """Stop waiting for the running comparison: the text stays, unmarked.

        ``compare`` cannot be interrupted midway, so its thread runs on to
        the end; its result arrives with a stale generation and is dropped.
        """
        if not self.comparing:
            return False
        self._generation += 1
        self._set_comparing(False)
        self.summary.setText(
            "Comparison stopped: the articles are shown unmarked (F5 compares them again)."
        )
        self.analysis_stopped.emit()
        return True

    def on_view_stop_triggered(self) -> None:
        self.stop_analysis()

    def on_view_compare_again_triggered(self) -> None:
        if not self.comparing:
            self._start_analysis()

    def on_analysis_thread_finished(self) -> None:
        thread = self.sender()
        if thread in self._threads:
            self._threads.remove(thread)

    def on_analysis_thread_analysed(self, generation: int, analysis: Analysis) -> None:
        if generation != self._generation:
            return  # a corpus replaced or a comparison stopped since: stale
        self._set_comparing(False)
        self.analysis = analysis
        comparison = analysis.comparison
        for pane in self.panes:
            doc_id = pane.document.id
            self.passages[doc_id] = analysis.passages[doc_id]
            pane.set_marks(analysis.marks[doc_id])
            pane.set_overview(analysis.overview.get(doc_id, ()))
        self.conflicts_table.conflicts.source_colors = {
            pane.document.id: pane.source_color for pane in self.panes
        }
        self.conflicts_table.conflicts.set_comparison(comparison)
        self.conflicts_table.fit_columns()
        self.matrix_table.claims.set_source_colors(self.conflicts_table.conflicts.source_colors)
        self.matrix_table.claims.set_comparison(comparison, analysis.matrix)
        self.refresh_analyst_rows()
        self.matrix_table.fit_columns()
        self.timeline_panel.set_timeline(
            analysis.timeline,
            {d.id: d.title for d in comparison.documents},
            self.conflicts_table.conflicts.source_colors,
        )
        self.summary.setText(
            f"{len(comparison.shared_links)} shared passages in {len(comparison.clusters)} "
            f"claims · {len(comparison.conflicts)} conflicts"
        )
        self.analysed.emit()

    def on_analysis_thread_failed(self, generation: int, message: str) -> None:
        if generation != self._generation:
            return
        self._set_comparing(False)
        self.summary.setText("The comparison failed; the articles are shown unmarked.")
        self.analysis_failed.emit(message)
        self.report_error("Comparison failed", message)

    # -- panes and navigation -------------------------------------------------

    def pane(self, doc_id: str) -> ArticlePane | None:
        return next((p for p in self.panes if p.document.id == doc_id), None)

    def focus_pane(self, index: int) -> None:
        if 0 <= index < len(self.panes):
            self.current_pane = index
            self.panes[index].view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def on_pane_focused(self, doc_id: str) -> None:
        self.current_pane = next(
            (n for n, p in enumerate(self.panes) if p.document.id == doc_id), 0
        )

    def _step(self, kind: Literal["shared", "conflict"], forward: bool) -> None:
        if not self.panes:
            return
        pane = self.panes[self.current_pane]
        passages = self.passages.get(pane.document.id)
        if passages is None:
            self.statusBar().showMessage("Still comparing the articles…", STATUS_MESSAGE_MS)
            return
        span = passages.step(kind, pane.view.caret(), forward)
        if span is None:
            noun = "shared passages" if kind == "shared" else "conflicts"
            self.statusBar().showMessage(f"No {noun} in this article", STATUS_MESSAGE_MS)
            return
        pane.view.move_caret(span.start)
        pane.view.scroll_to(span.start)
        self._set_current({pane.document.id: span})
        pane.flash(span)
        spans = passages.stops if kind == "shared" else passages.conflicts
        noun = "shared passage" if kind == "shared" else "conflict"
        self.statusBar().showMessage(
            f"{noun.capitalize()} {spans.index(span) + 1} of {len(spans)} in this article",
            STATUS_MESSAGE_MS,
        )

    def _set_current(self, spans: dict[str, Span]) -> None:
        """Make these the current items, one per pane at most; the others have none."""
        for pane in self.panes:
            pane.set_current(spans.get(pane.document.id))

    def on_go_next_shared_triggered(self) -> None:
        self._step("shared", forward=True)

    def on_go_previous_shared_triggered(self) -> None:
        self._step("shared", forward=False)

    def on_go_next_conflict_triggered(self) -> None:
        self._step("conflict", forward=True)

    def on_go_previous_conflict_triggered(self) -> None:
        self._step("conflict", forward=False)

    def on_go_partners_triggered(self) -> None:
        if self.panes:
            pane = self.panes[self.current_pane]
            if pane.view.selection() is not None:
                # Enter on a selection tags it (as T does); at a bare caret it
                # still shows the partners.
                self.on_tags_quick_tag_triggered()
                return
            self.show_partners(pane.document.id, pane.view.caret())

    def on_pane_activated(self, doc_id: str, position: int) -> None:
        self.show_partners(doc_id, position)

    def show_partners(self, doc_id: str, position: int) -> dict[str, Span]:
        """Scroll every other pane to the passage matching ``position`` and flash it."""
        passages = self.passages.get(doc_id)
        partners = passages.partners(position) if passages else {}
        for other, span in partners.items():
            pane = self.pane(other)
            if pane is not None:
                pane.view.scroll_to(span.start)
                pane.flash(span)
        if partners:
            self.statusBar().showMessage(
                f"Shown in {len(partners)} other article{'s' if len(partners) > 1 else ''}",
                STATUS_MESSAGE_MS,
            )
        self.partners_shown.emit(partners)
        return partners

    def show_passage(self, span: Span) -> None:
        """Put a pane's caret on a passage, scroll it into view and flash it."""
        pane = self.pane(span.doc)
        if pane is not None:
            pane.view.move_caret(span.start)
            pane.view.scroll_to(span.start)
            pane.flash(span)

    def on_conflicts_table_conflict_chosen(self, conflict: Conflict) -> None:
        for fact in (conflict.a, conflict.b):
            self.show_passage(fact.span)
        self._set_current({fact.doc: fact.span for fact in (conflict.a, conflict.b)})
        conflicts = self.analysis.comparison.conflicts if self.analysis else ()
        if conflict in conflicts:
            self.statusBar().showMessage(
                f"Conflict {conflicts.index(conflict) + 1} of {len(conflicts)}: {conflict.why}",
                STATUS_MESSAGE_MS,
            )

    def on_matrix_table_passage_chosen(self, span: Span) -> None:
        self.show_passage(span)

    def on_matrix_table_claim_chosen(self, spans: list[Span]) -> None:
        for span in spans:
            self.show_passage(span)

    def on_pane_scrolled(self, doc_id: str) -> None:
        # Only the analyst's pane leads: the panes it moves must not lead in
        # turn (they would pull it back to their own partner passages).
        if self._linking or not self.actions_by_id["view.linked_scrolling"].isChecked():
            return
        if self.panes and self.panes[self.current_pane].document.id == doc_id:
            self.link_panes(doc_id)

    def link_panes(self, doc_id: str) -> dict[str, Span]:
        """Line the other panes up on the partners of the passage at the top of one.

        Each partner's first line lands level with the passage's own; panes
        with no partner stay where they are.
        """
        pane, passages = self.pane(doc_id), self.passages.get(doc_id)
        if pane is None or passages is None:
            return {}
        top, bottom = pane.view.visible_range()
        passage = passages.passage_at(top, bottom)
        if passage is None:
            return {}
        y = pane.view.y_of(passage.start)
        partners = passages.partners(passage.start)
        self._linking = True
        try:
            for other, span in partners.items():
                other_pane = self.pane(other)
                if other_pane is not None:
                    other_pane.view.scroll_to(span.start, y)
        finally:
            self._linking = False
        return partners

    def on_view_linked_scrolling_triggered(self, checked: bool) -> None:
        if checked and self.panes:
            self.link_panes(self.panes[self.current_pane].document.id)

    # -- find -----------------------------------------------------------------

    def on_edit_find_triggered(self) -> None:
        self.find_bar.open()
        self._search(self.find_bar.query)

    def on_edit_find_next_triggered(self) -> None:
        self._find_step(forward=True)

    def on_edit_find_previous_triggered(self) -> None:
        self._find_step(forward=False)

    def on_find_bar_query_changed(self, query: str) -> None:
        self._search(query)

    def on_find_bar_step_requested(self, forward: bool) -> None:
        self._find_step(forward)

    def _find_step(self, forward: bool) -> None:
        if not self.find_bar.isVisible():
            # As in browsers: F3 with the bar closed reopens it on the last
            # query and goes on from the caret.
            self.find_bar.open()
            self._search(self.find_bar.query, after_caret=forward)
            return
        self.match_index = self.matches.step(self.match_index, forward)
        self._show_matches()

    def _search(self, query: str, *, after_caret: bool = False) -> None:
        """Mark every match in every pane and go to the first from the caret on."""
        self.matches = Matches(self.corpus.documents, query, literal=self.find_bar.literal)
        self.match_index = None
        if self.panes:
            pane = self.panes[self.current_pane]
            start = pane.view.caret() + (1 if after_caret else 0)
            self.match_index = self.matches.first_from(pane.document.id, start)
        self._show_matches()

    def _show_matches(self) -> None:
        current = self.matches.spans[self.match_index] if self.match_index is not None else None
        for index, pane in enumerate(self.panes):
            pane.set_found(self.matches.in_document(pane.document.id), current)
            if current is not None and current.doc == pane.document.id:
                self.current_pane = index
                pane.view.move_caret(current.start)
                if not pane.view.is_visible(current.start):
                    pane.view.scroll_to(current.start)
        summary = self.matches.summary()
        position = f"{self.match_index + 1} of {len(self.matches)}" if current else ""
        self.find_bar.set_position(position)
        if summary:
            self.statusBar().showMessage(summary)
        else:
            self.statusBar().clearMessage()
        self.find_updated.emit(summary)

    def on_find_bar_closed(self) -> None:
        for pane in self.panes:
            pane.set_found([])
        self.statusBar().clearMessage()
        self.focus_pane(self.current_pane)
        self.find_updated.emit("")

    def _go_to_dock(self, toggle: str, dock: QDockWidget, widget: QWidget) -> None:
        """Show a bottom panel (ticking its View item), bring its tab up, give it the keys."""
        self.actions_by_id[toggle].setChecked(True)
        dock.raise_()
        widget.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def on_window_conflicts_triggered(self) -> None:
        self._go_to_dock("view.conflicts_panel", self.conflicts_dock, self.conflicts_table)

    def on_window_claim_matrix_triggered(self) -> None:
        self._go_to_dock("view.claim_matrix", self.matrix_dock, self.matrix_table)

    def on_window_timeline_triggered(self) -> None:
        self._go_to_dock("view.timeline", self.timeline_dock, self.timeline_panel.canvas)

    def on_window_tags_triggered(self) -> None:
        self._go_to_dock("view.tags_panel", self.tags_dock, self.tags_panel.filter_edit)

    def on_window_next_pane_triggered(self) -> None:
        if self.panes:
            self.focus_pane((self.current_pane + 1) % len(self.panes))

    def on_window_previous_pane_triggered(self) -> None:
        if self.panes:
            self.focus_pane((self.current_pane - 1) % len(self.panes))

    # -- view -----------------------------------------------------------------

    def _apply_layer_toggles(self) -> None:
        for action_id, layers in _LAYER_ACTIONS.items():
            visible = self.actions_by_id[action_id].isChecked()
            for pane in self.panes:
                for layer in layers:
                    pane.set_layer_visible(layer, visible)
        tags_visible = self.actions_by_id["view.tag_marks"].isChecked()
        for pane in self.panes:
            pane.view.set_tags_visible(tags_visible)

    def _toggle_layers(self, action_id: str, visible: bool) -> None:
        for pane in self.panes:
            for layer in _LAYER_ACTIONS[action_id]:
                pane.set_layer_visible(layer, visible)

    def on_view_shared_triggered(self, checked: bool) -> None:
        self._toggle_layers("view.shared", checked)

    def on_view_verbatim_triggered(self, checked: bool) -> None:
        self._toggle_layers("view.verbatim", checked)

    def on_view_event_triggered(self, checked: bool) -> None:
        self._toggle_layers("view.event", checked)

    def on_view_conflict_triggered(self, checked: bool) -> None:
        self._toggle_layers("view.conflict", checked)

    def on_view_claims_triggered(self, checked: bool) -> None:
        self._toggle_layers("view.claims", checked)

    def on_view_tag_marks_triggered(self, checked: bool) -> None:
        for pane in self.panes:
            pane.view.set_tags_visible(checked)

    def on_view_tags_panel_triggered(self, checked: bool) -> None:
        self._show_dock(self.tags_dock, checked)

    def on_view_conflicts_panel_triggered(self, checked: bool) -> None:
        self._show_dock(self.conflicts_dock, checked)

    def on_view_claim_matrix_triggered(self, checked: bool) -> None:
        self._show_dock(self.matrix_dock, checked)

    def on_view_timeline_triggered(self, checked: bool) -> None:
        self._show_dock(self.timeline_dock, checked)

    def _show_dock(self, dock: QDockWidget, visible: bool) -> None:
        dock.setVisible(visible)
        if visible:
            dock.raise_()  # bring its tab to the front

    def on_dock_visibility_changed(self, _visible: bool) -> None:
        # Closing a dock by its title-bar button must untick its menu item.
        # Not `_visible`: a dock whose tab is behind another's reports False
        # without being closed, and a hidden main window hides its docks too.
        if self.isVisible():
            self._sync_dock_actions()

    def _sync_dock_actions(self) -> None:
        for action_id, dock in (
            ("view.conflicts_panel", self.conflicts_dock),
            ("view.claim_matrix", self.matrix_dock),
            ("view.tags_panel", self.tags_dock),
            ("view.timeline", self.timeline_dock),
        ):
            self.actions_by_id[action_id].setChecked(not dock.isHidden())

    def on_view_legend_triggered(self, checked: bool) -> None:
        self.legend.setVisible(checked)

    def _zoom_by(self, steps: int) -> None:
        low, high = ZOOM_RANGE
        steps = max(low, min(high, self.zoom + steps)) - self.zoom
        self.zoom += steps
        for pane in self.panes:
            pane.view.zoomIn(steps)
        self.zoomed.emit(self.zoom)

    def on_view_zoom_in_triggered(self) -> None:
        self._zoom_by(1)

    def on_view_zoom_out_triggered(self) -> None:
        self._zoom_by(-1)

    def on_view_zoom_reset_triggered(self) -> None:
        self._zoom_by(-self.zoom)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.theme = Theme(self.palette())
            self.legend.apply_theme(self.theme)
            self.matrix_table.claims.set_theme(self.theme)
            for pane in self.panes:
                pane.apply_theme(self.theme)

    # -- files ----------------------------------------------------------------

    def open_paths(self, paths: Sequence[str | Path]) -> bool:
        """Load and show articles; on bad input say which file and why, keep the old."""
        try:
            corpus = load_corpus(paths)
        except CorpusError as error:
            self.report_error("Cannot open these articles", f"{error.path}\n\n{error.reason}")
            return False
        if len(corpus.documents) < MIN_ARTICLES:
            where = corpus.documents[0].path if corpus.documents else ", ".join(map(str, paths))
            self.report_error(
                "Only one article",
                f"{where}\n\nis the only article there; nkdesk compares two or more. "
                "Open a folder of articles or select several files.",
            )
            return False
        problem = too_many(paths, len(corpus.documents))
        if problem:
            self.report_error("Too many articles", problem)
            return False
        # Before the corpus is shown: its articles go into its own tag file,
        # never into the tag file of the case before (issue 14).
        in_use = self._switch_tag_file(recent.entry(paths), corpus)
        self.set_corpus(corpus)
        self.remember(paths)
        self.remember_tag_file()
        self.statusBar().showMessage("; ".join([in_use, *corpus.warnings]), TAG_FILE_MESSAGE_MS)
        return True

    def open_case_tag_file(self) -> bool:
        """Open the tag file of the corpus shown (at start, without ``--db``)."""
        entry = self.current_entry or recent.entry(d.path for d in self.corpus.documents if d.path)
        in_use = self._switch_tag_file(entry, self.corpus)
        if self.tag_file.store is None:
            return False
        self._store_documents()
        self.tag_file.poll()
        self.remember_tag_file()
        self.statusBar().showMessage(in_use, TAG_FILE_MESSAGE_MS)
        return True

    def choose_tag_file(self, entry: recent.Entry, corpus: Corpus) -> tuple[Path, str]:
        """The tag file a corpus's tags go to, and why (see ``case_files``)."""
        found = case_files.remembered(self.case_files, entry)
        if found is not None:
            return found, "the tag file used with these articles before"
        found = case_files.in_folder(entry)
        if found is not None:
            return found, "the folder's own tag file"
        for candidate in dict.fromkeys(p for p in (self.tag_file.path, str(default_path())) if p):
            if _holds_tags_on(candidate, corpus, self.tag_file.store):
                return Path(candidate), "it holds tags on these articles"
        bundled = [Path(nkdesk_package.__file__).parent, seeds_dir()]
        if not entry or all(case_files.inside(Path(p), bundled) for p in entry):
            return default_path(), "nkdesk's own tag file"
        return case_files.new_file(
            entry, default_path().parent
        ), "a new tag file for these articles"

    def _switch_tag_file(self, entry: recent.Entry, corpus: Corpus) -> str:
        """Open the corpus's tag file unless open already; the status message saying so."""
        path, why = self.choose_tag_file(entry, corpus)
        same = self.tag_file.path and Path(self.tag_file.path).resolve() == path.resolve()
        data_folder = default_path().parent
        if not same and data_folder in path.parents:
            # nkdesk's own folder (and its cases/) is made as the default file's is.
            # If it cannot be made, TagFile.open says what is wrong with the place.
            with contextlib.suppress(OSError):
                path.parent.mkdir(parents=True, exist_ok=True)
        if not same and not self.tag_file.open(path):
            # Said in a message box; the articles go on into the file open now.
            return f"Tags: still in {self.tag_file.path}" if self.tag_file.path else NO_TAG_FILE
        return f"Tags go to {self.tag_file.path} ({why})"

    def remember_tag_file(self) -> None:
        """Remember the tag file open now as the one of the corpus shown."""
        if self.current_entry is None or not self.tag_file.path:
            return
        self.case_files = case_files.remember(
            self.case_files, self.current_entry, self.tag_file.path
        )
        self.settings.setValue("tagfiles/corpora", case_files.dumps(self.case_files))

    def remember(self, paths: Sequence[str | Path]) -> None:
        """Put the paths of the corpus now shown first in File > Open Recent."""
        self.current_entry = recent.entry(paths)
        self.recent = recent.remembered(self.recent, self.current_entry)
        self.settings.setValue("recent/corpora", recent.dumps(self.recent))
        self._refresh_recent_menu()

    def remember_corpus(self, corpus: Corpus) -> None:
        """Remember a corpus opened from the command line, unless it is the seeds.

        The bundled seeds open whenever nkdesk starts without arguments;
        remembering them would push the analyst's own corpus out of
        File > Reopen Last Corpus at every plain start.
        """
        paths = [Path(d.path) for d in corpus.documents if d.path]
        seeds = seeds_dir().resolve()
        if paths and not all(p.resolve().parent == seeds for p in paths):
            self.remember(paths)

    def last_corpus(self) -> recent.Entry | None:
        """What File > Reopen Last Corpus opens: the latest one not shown now."""
        return next((e for e in self.recent if e != self.current_entry), None)

    def _refresh_recent_menu(self) -> None:
        self.recent_menu.clear()
        for number, item in enumerate(self.recent, start=1):
            action = self.recent_menu.addAction(f"&{number} {recent.label(item)}")
            action.setToolTip("\n".join(item))
            action.triggered.connect(partial(self.open_paths, list(item)))
        self.recent_menu.setToolTipsVisible(True)
        self.actions_by_id["file.open_recent"].setEnabled(bool(self.recent))
        last = self.last_corpus()
        reopen = self.actions_by_id["file.reopen_last"]
        reopen.setEnabled(last is not None)
        reopen.setStatusTip("\n".join(last) if last else "")

    def on_file_reopen_last_triggered(self) -> None:
        last = self.last_corpus()
        if last is not None:
            self.open_paths(list(last))

    def on_file_open_triggered(self) -> None:
        paths = self.ask_files()
        if paths:
            self.open_paths(paths)

    def on_file_open_folder_triggered(self) -> None:
        folder = self.ask_folder()
        if folder:
            self.open_paths([folder])

    def on_file_quit_triggered(self) -> None:
        self.close()

    def _corpus_folder(self) -> Path | None:
        """The folder the corpus shown was opened from (or, for the bundled seeds
        and files without a path, the last corpus the analyst opened), or None."""
        installed = Path(nkdesk_package.__file__).resolve().parent
        seeds = seeds_dir().resolve()
        candidates = [Path(d.path) for d in self.corpus.documents if d.path]
        candidates += [Path(p) for entry in self.recent for p in entry]
        for path in candidates:
            folder = path if path.is_dir() else path.parent
            resolved = folder.resolve()
            inside = (installed, seeds)
            if any(resolved == f or f in resolved.parents for f in inside):
                continue  # never start a dialog inside the installed package
            if folder.is_dir():
                return folder
        return None

    def _start_folder(self) -> str:
        folder = self._corpus_folder()
        return str(folder) if folder is not None else str(Path.home())

    def file_keys(self) -> list[QAction]:
        """The File menu's keyed actions, for nkdesk's own non-modal windows.

        A window's shortcuts act only while it is the active window: with the
        key list (F1) or the vocabulary open and active, Ctrl+Shift+O did
        nothing while the menu item worked (issue 14). These keys open, export
        and quit whichever nkdesk window is in front.
        """
        return [
            self.actions_by_id[item.id]
            for item in ACTIONS
            if item.menu == "&File" and item.shortcut and item.scope == "window"
        ]

    def _ask_files(self) -> list[str]:
        paths, _ = QFileDialog.getOpenFileNames(
            self,
            "Open Articles",
            self._start_folder(),
            "Articles (*.txt *.md *.html *.htm);;All files (*)",
        )
        return paths

    def _ask_folder(self) -> str:
        return QFileDialog.getExistingDirectory(self, "Open Folder", self._start_folder())

    def _message_box(self, title: str, text: str) -> None:
        QMessageBox.warning(self, title, text)

    def _notice_box(self, title: str, text: str) -> None:
        # Not modal: news the analyst should read, not a question to answer.
        box = QMessageBox(QMessageBox.Icon.Information, title, text, parent=self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setModal(False)
        box.show()

    # -- help -----------------------------------------------------------------

    def on_help_shortcuts_triggered(self) -> None:
        if self.shortcuts_dialog is None:
            self.shortcuts_dialog = ShortcutsDialog(self)
            self.shortcuts_dialog.addActions(self.file_keys())
        self.shortcuts_dialog.show()
        self.shortcuts_dialog.activateWindow()

    # -- settings -------------------------------------------------------------

    def _splitter_key(self) -> str:
        # Keyed by pane count: a state saved for five panes would squeeze three.
        return f"splitter/{len(self.panes)}"

    def _save_splitter(self) -> None:
        if self.panes:
            self.settings.setValue(self._splitter_key(), self.splitter.saveState())

    def _restore_splitter(self) -> None:
        state = self.settings.value(self._splitter_key())
        if isinstance(state, QByteArray) and self.splitter.restoreState(state):
            return
        self.splitter.setSizes([EQUAL_PANE_WIDTH] * len(self.panes))

    def _restore_settings(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        state = self.settings.value("window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        for dock in (self.conflicts_dock, self.matrix_dock, self.tags_dock, self.timeline_dock):
            dock.setMinimumHeight(self._dock_height(MIN_DOCK_ROWS))
            if dock.isFloating():  # saved by an nkdesk that let docks float
                dock.setFloating(False)
        self._sync_dock_actions()
        low, high = ZOOM_RANGE
        try:
            zoom = int(self.settings.value("view/zoom", 0))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            zoom = 0
        self.zoom = max(low, min(high, zoom))
        linked = str(self.settings.value("view/linked_scrolling", "false")).lower() == "true"
        self.actions_by_id["view.linked_scrolling"].setChecked(linked)
        self.recent = recent.loads(self.settings.value("recent/corpora"))
        self.case_files = case_files.loads(self.settings.value("tagfiles/corpora"))
        self._refresh_recent_menu()

    def save_settings(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.setValue("view/zoom", self.zoom)
        self.settings.setValue(
            "view/linked_scrolling", self.actions_by_id["view.linked_scrolling"].isChecked()
        )
        self._save_splitter()
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_settings()
        for dialog in (self.shortcuts_dialog, self.vocabulary_dialog, self.source_dialog):
            if dialog is not None:
                dialog.close()
        # Every tag is already committed (one transaction per operation);
        # closing only lets go of the file.
        self.tag_file.close()
        self._stop_exchange()
        # Whatever still arrives is dropped; the Runner sees the thread out.
        self._generation += 1
        self._set_comparing(False)
        super().closeEvent(event)


def _holds_tags_on(path: str, corpus: Corpus, open_now: TagStore | None) -> bool:
    """Whether a tag file holds tags on these very articles (same name and text)."""

    def holds(store: TagStore) -> bool:
        stored = {d.id: d.sha256 for d in store.documents()}
        return any(
            stored.get(d.id) == d.sha256 and store.annotations(d.id) for d in corpus.documents
        )

    try:
        if open_now is not None and open_now.path == path:
            return holds(open_now)
        if not Path(path).is_file():
            return False
        with open_store(path) as store:
            return holds(store)
    except (StoreError, sqlite3.Error):
        return False


_LAYER_ACTIONS: dict[str, tuple[str, ...]] = {
    "view.shared": ("shared",),
    "view.verbatim": ("verbatim",),
    "view.event": ("event",),
    "view.conflict": ("conflict",),
    "view.claims": ("claim_number", "claim_date"),
}
