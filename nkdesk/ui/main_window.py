"""The main window: the articles side by side, their highlights and the conflicts."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Literal

from PySide6.QtCore import QByteArray, QEvent, QSettings, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QSplitter,
)

from nkdesk.analysis.model import Conflict, Span
from nkdesk.corpus import Corpus, CorpusError, load_corpus
from nkdesk.ui.actions import ACTIONS, MENUS, create_actions
from nkdesk.ui.article_pane import ArticlePane
from nkdesk.ui.conflicts_panel import ConflictsTable
from nkdesk.ui.legend import Legend
from nkdesk.ui.marks import Passages, describe, document_marks
from nkdesk.ui.shortcuts_dialog import ShortcutsDialog
from nkdesk.ui.theme import Theme, style_sheet
from nkdesk.ui.worker import Analysis, AnalysisThread

DEFAULT_SIZE = (1400, 900)
STATUS_MESSAGE_MS = 4000
PROGRESS_BAR_PX = 120
CONFLICTS_DOCK_PX = 160
MIN_ARTICLES = 2
# Splitter sizes before the window is laid out: only their ratio matters.
EQUAL_PANE_WIDTH = 1000

ErrorReporter = Callable[[str, str], None]


class MainWindow(QMainWindow):
    """The articles of one corpus side by side, highlighted once analysed.

    Signals:
        analysed(): the comparison of the current corpus arrived and is drawn.
        analysis_failed(str): the engine raised; the message says what.
    """

    analysed = Signal()
    analysis_failed = Signal(str)

    def __init__(self, corpus: Corpus, settings: QSettings | None = None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.settings = settings if settings is not None else QSettings()
        # Dialogs are attributes so tests (and embedders) can replace them
        # instead of meeting a modal box that waits for a click.
        self.report_error: ErrorReporter = self._message_box
        self.ask_files: Callable[[], list[str]] = self._ask_files
        self.ask_folder: Callable[[], str] = self._ask_folder

        self.theme = Theme(self.palette())
        self.corpus = corpus
        self.analysis: Analysis | None = None
        self.panes: list[ArticlePane] = []
        self.passages: dict[str, Passages] = {}
        self.current_pane = 0
        self.zoom = 0
        self._generation = 0
        self._threads: list[AnalysisThread] = []
        self.shortcuts_dialog: ShortcutsDialog | None = None

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("panes")
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)

        self.conflicts_table = ConflictsTable(self)
        self.conflicts_table.conflict_chosen.connect(self.on_conflicts_table_conflict_chosen)
        self.conflicts_dock = QDockWidget("Conflicts", self)
        self.conflicts_dock.setObjectName("conflictsDock")
        self.conflicts_dock.setWidget(self.conflicts_table)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.conflicts_dock)

        self.summary = QLabel(self)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)  # busy: compare() reports no steps
        self.progress.setMaximumWidth(PROGRESS_BAR_PX)
        self.progress.setTextVisible(False)
        self.legend = Legend(self.theme, self)
        self.statusBar().addWidget(self.summary, 1)
        self.statusBar().addWidget(self.progress)
        self.statusBar().addPermanentWidget(self.legend)

        self.actions_by_id = create_actions(self, self._handlers())
        self._build_menus()
        self.conflicts_dock.visibilityChanged.connect(self.on_conflicts_dock_visibility_changed)
        self.setStyleSheet(style_sheet())

        self.resize(*DEFAULT_SIZE)
        self.resizeDocks([self.conflicts_dock], [CONFLICTS_DOCK_PX], Qt.Orientation.Vertical)
        self._restore_settings()
        self.set_corpus(corpus)

    # -- building -------------------------------------------------------------

    def _handlers(self) -> dict[str, Callable[..., object]]:
        handlers: dict[str, Callable[..., object]] = {}
        for item in ACTIONS:
            if item.id.startswith("window.pane_"):
                number = int(item.id.rsplit("_", 1)[1])
                handlers[item.slot] = lambda _=False, n=number: self.focus_pane(n - 1)
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
        for pane in self.panes:
            pane.hide()
            pane.setParent(None)
            pane.deleteLater()
        self.panes = []
        titles = {d.id: d.title for d in corpus.documents}
        for index, document in enumerate(corpus.documents):
            pane = ArticlePane(document, index, self.theme, self.splitter)
            pane.view.tooltip_provider = self._tooltip_provider(document.id, titles)
            pane.view.zoomIn(self.zoom)
            pane.activated.connect(self.on_pane_activated)
            pane.focused.connect(self.on_pane_focused)
            self.splitter.addWidget(pane)
            self.splitter.setStretchFactor(index, 1)
            self.panes.append(pane)
        self._restore_splitter()
        self._apply_layer_toggles()
        self.current_pane = 0
        self.setWindowTitle(f"{corpus.name} — nkdesk")
        self._start_analysis()

    def _tooltip_provider(self, doc_id: str, titles: dict[str, str]) -> Callable[[int], str]:
        def provide(position: int) -> str:
            if self.analysis is None:
                return ""
            return describe(self.analysis.comparison, doc_id, position, titles)

        return provide

    # -- analysis -------------------------------------------------------------

    def _start_analysis(self) -> None:
        self._generation += 1
        if len(self.corpus.documents) < MIN_ARTICLES:
            self.progress.hide()
            self.summary.setText("Open at least two articles to compare them.")
            return
        thread = AnalysisThread(self.corpus.documents, self._generation, self)
        thread.analysed.connect(self.on_analysis_thread_analysed)
        thread.failed.connect(self.on_analysis_thread_failed)
        thread.finished.connect(lambda: self._forget(thread))
        self._threads.append(thread)
        self.progress.show()
        self.summary.setText(f"Comparing {len(self.corpus.documents)} articles…")
        thread.start()

    def _forget(self, thread: AnalysisThread) -> None:
        if thread in self._threads:
            self._threads.remove(thread)
        thread.deleteLater()

    def on_analysis_thread_analysed(self, generation: int, analysis: Analysis) -> None:
        if generation != self._generation:
            return  # a corpus replaced since: its result is stale
        self.analysis = analysis
        comparison = analysis.comparison
        for pane in self.panes:
            doc_id = pane.document.id
            self.passages[doc_id] = Passages(comparison, doc_id)
            pane.set_marks(
                document_marks(comparison, doc_id, analysis.claim_tokens.get(doc_id, ()))
            )
        self.conflicts_table.conflicts.source_colors = {
            pane.document.id: pane.source_color for pane in self.panes
        }
        self.conflicts_table.conflicts.set_comparison(comparison)
        self.conflicts_table.fit_columns()
        self.progress.hide()
        self.summary.setText(
            f"{len(comparison.shared_links)} shared passages in {len(comparison.clusters)} "
            f"claims · {len(comparison.conflicts)} conflicts"
        )
        self.analysed.emit()

    def on_analysis_thread_failed(self, generation: int, message: str) -> None:
        if generation != self._generation:
            return
        self.progress.hide()
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
        pane.flash(span)

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
        return partners

    def on_conflicts_table_conflict_chosen(self, conflict: Conflict) -> None:
        for fact in (conflict.a, conflict.b):
            pane = self.pane(fact.doc)
            if pane is not None:
                pane.view.move_caret(fact.start)
                pane.view.scroll_to(fact.start)
                pane.flash(fact.span)

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

    def _toggle_layers(self, action_id: str, visible: bool) -> None:
        for pane in self.panes:
            for layer in _LAYER_ACTIONS[action_id]:
                pane.set_layer_visible(layer, visible)

    def on_view_shared_triggered(self, checked: bool) -> None:
        self._toggle_layers("view.shared", checked)

    def on_view_verbatim_triggered(self, checked: bool) -> None:
        self._toggle_layers("view.verbatim", checked)

    def on_view_conflict_triggered(self, checked: bool) -> None:
        self._toggle_layers("view.conflict", checked)

    def on_view_claims_triggered(self, checked: bool) -> None:
        self._toggle_layers("view.claims", checked)

    def on_view_conflicts_panel_triggered(self, checked: bool) -> None:
        self.conflicts_dock.setVisible(checked)

    def on_conflicts_dock_visibility_changed(self, visible: bool) -> None:
        # Closing the dock by its title-bar button must untick the menu item;
        # a hidden main window also hides the dock, which is not the analyst's choice.
        if self.isVisible():
            self.actions_by_id["view.conflicts_panel"].setChecked(visible)

    def on_view_legend_triggered(self, checked: bool) -> None:
        self.legend.setVisible(checked)

    def _zoom_by(self, steps: int) -> None:
        self.zoom += steps
        for pane in self.panes:
            pane.view.zoomIn(steps)

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
        self.set_corpus(corpus)
        if corpus.warnings:
            self.statusBar().showMessage("; ".join(corpus.warnings), STATUS_MESSAGE_MS)
        return True

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

    def _start_folder(self) -> str:
        paths = [d.path for d in self.corpus.documents if d.path]
        return str(Path(paths[0]).parent) if paths else str(Path.home())

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

    # -- help -----------------------------------------------------------------

    def on_help_shortcuts_triggered(self) -> None:
        if self.shortcuts_dialog is None:
            self.shortcuts_dialog = ShortcutsDialog(self)
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
        self.actions_by_id["view.conflicts_panel"].setChecked(not self.conflicts_dock.isHidden())

    def save_settings(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self._save_splitter()
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_settings()
        if self.shortcuts_dialog is not None:
            self.shortcuts_dialog.close()
        for thread in list(self._threads):
            # compare() cannot be interrupted; its result will be dropped.
            self._generation += 1
            thread.wait()
        super().closeEvent(event)


_LAYER_ACTIONS: dict[str, tuple[str, ...]] = {
    "view.shared": ("shared",),
    "view.verbatim": ("verbatim",),
    "view.conflict": ("conflict",),
    "view.claims": ("claim_number", "claim_date"),
}
