"""The main window: the articles side by side, their highlights, conflicts and tags.

The window builds the widgets and holds what every part draws from (the
corpus, its panes, the comparison, the tags as last read); what the analyst
does is in small controllers it composes, one per concern:

- ``analysis_run`` (``AnalysisRun``): the comparison in a worker, and drawing it;
- ``navigator`` (``Navigator``): the Go menu, partners, linked scrolling;
- ``finder`` (``Finder``): Edit > Find;
- ``view_commands`` (``ViewCommands``): the View menu, the panels, zoom;
- ``files`` (``FileCommands``): opening articles, recent corpora, each case's tag file;
- ``tag_file_commands`` (``TagFileCommands``): which tag file is open;
- ``tag_reader`` (``TagReader``): its tags read back and drawn;
- ``tagger`` (``TagCommands``) and ``claim_commands`` (``ClaimCommands``): tagging;
- ``source_commands``, ``vocabulary_commands``: the two editing dialogs;
- ``exchange`` (``ExchangeCommands``): export and import.

Each menu item's handler, ``on_<id>_triggered``, is looked up on the
controllers (see ``actions.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from nkdesk.corpus import Corpus
from nkdesk.store import Claim, Tag
from nkdesk.ui.actions import ACTIONS, MENUS, create_actions
from nkdesk.ui.analysis import Analysis
from nkdesk.ui.analysis_run import AnalysisRun
from nkdesk.ui.article_pane import ArticlePane
from nkdesk.ui.claim_commands import ClaimCommands
from nkdesk.ui.claim_matrix import ClaimMatrixTable
from nkdesk.ui.conflicts_panel import ConflictsTable
from nkdesk.ui.dialog_commands import SourceCommands, VocabularyCommands
from nkdesk.ui.exchange_commands import ExchangeCommands
from nkdesk.ui.file_commands import FileCommands
from nkdesk.ui.find_bar import FindBar
from nkdesk.ui.finding import Finder
from nkdesk.ui.legend import Legend
from nkdesk.ui.marks import Passages, describe
from nkdesk.ui.navigation import Navigator
from nkdesk.ui.pane_menu import fill_context_menu
from nkdesk.ui.quick_tag import ClaimPopup, QuickTagPopup
from nkdesk.ui.shortcuts_dialog import ShortcutsDialog
from nkdesk.ui.tag_commands import TagCommands
from nkdesk.ui.tag_file import TagFile
from nkdesk.ui.tag_file_commands import NO_TAG_FILE, TagFileCommands
from nkdesk.ui.tag_reading import TagReader
from nkdesk.ui.tag_rows import TagRows
from nkdesk.ui.tagging import describe_tags
from nkdesk.ui.tags_panel import TagsPanel
from nkdesk.ui.theme import Theme, style_sheet
from nkdesk.ui.timeline import TimelinePanel
from nkdesk.ui.view_commands import ViewCommands
from nkdesk.ui.window_settings import WindowSettings

if TYPE_CHECKING:
    from nkdesk.ui.head_start import HeadStart

DEFAULT_SIZE = (1400, 900)
PROGRESS_BAR_PX = 120
# The bottom panels show this many table rows at first (``window_settings``
# keeps them from showing fewer than five).
DOCK_ROWS = 8
# Floating is left out: a dock dragged by its title came loose over the panes
# and hid the text. Docks still move to another edge, tab and close.
DOCK_FEATURES = (
    QDockWidget.DockWidgetFeature.DockWidgetClosable
    | QDockWidget.DockWidgetFeature.DockWidgetMovable
)

ErrorReporter = Callable[[str, str], None]


class MainWindow(QMainWindow):
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

    def __init__(
        self,
        corpus: Corpus,
        settings: QSettings | None = None,
        head_start: HeadStart | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.controllers = QObject(self)  # first: see Controller
        self.settings = settings if settings is not None else QSettings()
        # Message boxes are attributes so tests (and embedders) can replace
        # them instead of meeting a modal box that waits for a click.
        self.report_error: ErrorReporter = self._message_box
        self.report_notice: ErrorReporter = self._notice_box

        self.theme = Theme(self.palette())
        self.corpus = corpus
        self.analysis: Analysis | None = None
        self.panes: list[ArticlePane] = []
        self.passages: dict[str, Passages] = {}
        self.current_pane = 0
        self.zoom = 0
        self.shortcuts_dialog: ShortcutsDialog | None = None
        # The tag file as last read: every controller draws from these.
        self.tag_rows = TagRows()
        self.vocabulary: list[Tag] = []
        self.claims: list[Claim] = []
        self.tag_file = TagFile(self)
        self.quick_tag = QuickTagPopup(self)
        self.claim_popup = ClaimPopup(self)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("panes")
        self.splitter.setChildrenCollapsible(False)
        self.find_bar = FindBar(self)
        central = QWidget(self)
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.setSpacing(0)
        central_layout.addWidget(self.splitter, 1)
        central_layout.addWidget(self.find_bar)
        self.setCentralWidget(central)

        self.conflicts_table = ConflictsTable(self)
        self.conflicts_dock = self._dock("Conflicts", "conflictsDock", self.conflicts_table)
        self.matrix_table = ClaimMatrixTable(self.theme, self)
        self.matrix_dock = self._dock("Claim Matrix", "matrixDock", self.matrix_table)
        self.tags_panel = TagsPanel(self)
        self.tags_dock = self._dock("Tags", "tagsDock", self.tags_panel)
        self.timeline_panel = TimelinePanel(self)
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
        self.stop_button.hide()
        self.legend = Legend(self.theme, self)
        self.tag_file_label = QLabel(NO_TAG_FILE, self)
        self.tag_file_label.setObjectName("tagFileLabel")

        self.analysis_run = AnalysisRun(self)
        self.navigator = Navigator(self)
        self.finder = Finder(self)
        self.view_commands = ViewCommands(self)
        self.files = FileCommands(self)
        self.tag_file_commands = TagFileCommands(self)
        self.tag_reader = TagReader(self)
        self.tagger = TagCommands(self)
        self.claim_commands = ClaimCommands(self)
        self.source_commands = SourceCommands(self)
        self.vocabulary_commands = VocabularyCommands(self)
        self.exchange = ExchangeCommands(self)
        self.window_settings = WindowSettings(self)
        self._connect_widgets()

        self.statusBar().addWidget(self.summary, 1)
        self.statusBar().addWidget(self.progress)
        self.statusBar().addWidget(self.stop_button)
        self.statusBar().addPermanentWidget(self.exchange.bar)
        self.statusBar().addPermanentWidget(self.tag_file_label)
        self.statusBar().addPermanentWidget(self.legend)

        self.actions_by_id = create_actions(self, self._handlers())
        self._build_menus()
        self.actions_by_id["file.open_recent"].setMenu(self.files.recent_menu)
        self.actions_by_id["view.stop"].setEnabled(False)
        self.tag_file_commands.on_tag_file_opened("")
        self.setStyleSheet(style_sheet())

        self.resize(*DEFAULT_SIZE)
        self.resizeDocks([self.matrix_dock], [self.dock_height(DOCK_ROWS)], Qt.Orientation.Vertical)
        self.window_settings.restore()
        self.analysis_run.head_start = head_start
        self.set_corpus(corpus)

    # -- building -------------------------------------------------------------

    def _handler_owners(self) -> tuple[QObject, ...]:
        return (
            self,
            self.analysis_run,
            self.navigator,
            self.finder,
            self.view_commands,
            self.files,
            self.tag_file_commands,
            self.tag_reader,
            self.tagger,
            self.claim_commands,
            self.source_commands,
            self.vocabulary_commands,
            self.exchange,
        )

    def _connect_widgets(self) -> None:
        self.conflicts_table.conflict_chosen.connect(
            self.navigator.on_conflicts_table_conflict_chosen
        )
        self.matrix_table.passage_chosen.connect(self.navigator.on_matrix_table_passage_chosen)
        self.matrix_table.claim_chosen.connect(self.navigator.on_matrix_table_claim_chosen)
        # A value picked in the timeline is shown as one picked in the matrix.
        self.timeline_panel.passage_chosen.connect(self.navigator.on_matrix_table_passage_chosen)
        self.tags_panel.annotation_chosen.connect(self.tagger.on_tags_panel_annotation_chosen)
        self.tags_panel.delete_requested.connect(self.tagger.on_tags_panel_delete_requested)
        self.stop_button.clicked.connect(self.analysis_run.on_view_stop_triggered)
        for _, dock, _ in self.view_commands.docks():
            dock.visibilityChanged.connect(self.view_commands.on_dock_visibility_changed)

    def _dock(self, title: str, name: str, widget: QWidget) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setFeatures(DOCK_FEATURES)
        dock.setWidget(widget)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
        return dock

    def dock_height(self, rows: int) -> int:
        """The height of a bottom dock whose table shows ``rows`` rows."""
        table = self.conflicts_table
        row = table.verticalHeader().defaultSectionSize()
        header = table.horizontalHeader().sizeHint().height()
        # The dock's title and tab bar, and the table's frame.
        chrome = 2 * self.fontMetrics().height() + 4 * table.frameWidth() + 16
        return rows * row + header + chrome

    def _handlers(self) -> dict[str, Callable[..., object]]:
        handlers: dict[str, Callable[..., object]] = {}
        owners = self._handler_owners()
        for item in ACTIONS:
            if item.submenu:
                continue
            if item.id.startswith("window.pane_"):
                number = int(item.id.rsplit("_", 1)[1])
                handlers[item.slot] = lambda _=False, n=number: self.focus_pane(n - 1)
            elif item.id.startswith("tags.apply_"):
                number = int(item.id.rsplit("_", 1)[1])
                handlers[item.slot] = lambda _=False, n=number: self.tagger.apply_hotkey(n)
            else:
                owner = next(o for o in owners if hasattr(o, item.slot))
                handlers[item.slot] = getattr(owner, item.slot)
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
        self.window_settings.save_splitter()
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
        self.navigator.label_pane_actions(corpus)
        titles = {d.id: d.title for d in corpus.documents}
        for index, document in enumerate(corpus.documents):
            pane = ArticlePane(document, index, self.theme, self.splitter)
            pane.view.tooltip_provider = self._tooltip_provider(document.id, titles)
            pane.view.menu_provider = partial(fill_context_menu, self, document.id)
            pane.view.zoomIn(self.zoom)
            pane.activated.connect(self.navigator.on_pane_activated)
            pane.focused.connect(self.on_pane_focused)
            pane.scrolled.connect(self.navigator.on_pane_scrolled)
            pane.mark_clicked.connect(self.tagger.on_pane_mark_clicked)
            pane.typing_ignored.connect(self.tagger.on_pane_typing_ignored)
            pane.source_details_requested.connect(self.source_commands.open_source_details)
            self.splitter.addWidget(pane)
            self.splitter.setStretchFactor(index, 1)
            self.panes.append(pane)
        self.window_settings.restore_splitter()
        self.view_commands.apply_layer_toggles()
        self.current_pane = 0
        if self.panes:
            # The keys (arrows, F8, Enter) act on a pane from the start.
            self.panes[0].view.setFocus(Qt.FocusReason.OtherFocusReason)
        self.setWindowTitle(f"{corpus.name} — nkdesk")
        if self.find_bar.isVisible():
            self.finder.search(self.find_bar.query)
        if self.tag_file.store is not None:
            self.tag_file_commands.store_documents()
        self.tag_reader.refresh_tags(everything=True)  # new panes: none has its tags yet
        self.corpus_shown.emit()
        self.analysis_run.start()

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

    # -- panes ----------------------------------------------------------------

    def first_paint_target(self) -> QWidget:
        """What paints first when the articles come on the screen (see FirstPaint):
        the first pane's text, or the window when it shows none."""
        return self.panes[0].view.viewport() if self.panes else self

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

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.theme = Theme(self.palette())
            self.legend.apply_theme(self.theme)
            self.matrix_table.claims.set_theme(self.theme)
            for pane in self.panes:
                pane.apply_theme(self.theme)

    # -- window-wide commands -------------------------------------------------

    def on_file_quit_triggered(self) -> None:
        self.close()

    def on_help_shortcuts_triggered(self) -> None:
        if self.shortcuts_dialog is None:
            self.shortcuts_dialog = ShortcutsDialog(self)
            self.shortcuts_dialog.addActions(self.files.file_keys())
        self.shortcuts_dialog.show()
        self.shortcuts_dialog.activateWindow()

    def _message_box(self, title: str, text: str) -> None:
        QMessageBox.warning(self, title, text)

    def _notice_box(self, title: str, text: str) -> None:
        # Not modal: news the analyst should read, not a question to answer.
        box = QMessageBox(QMessageBox.Icon.Information, title, text, parent=self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setModal(False)
        box.show()

    def save_settings(self) -> None:
        self.window_settings.save()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_settings()
        dialogs = (
            self.shortcuts_dialog,
            self.vocabulary_commands.dialog,
            self.source_commands.dialog,
        )
        for dialog in dialogs:
            if dialog is not None:
                dialog.close()
        # Every tag is already committed (one transaction per operation);
        # closing only lets go of the file.
        self.tag_file.close()
        self.exchange.stop()
        self.analysis_run.drop()
        super().closeEvent(event)
