"""The window's comparison: started in a worker, stopped, and drawn when it arrives."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, QTimer

from nkdesk.ui.analysis import Analysis
from nkdesk.ui.article_pane import ArticlePane
from nkdesk.ui.capacity import MIN_ARTICLES
from nkdesk.ui.controller import Controller
from nkdesk.ui.first_paint import FirstPaint
from nkdesk.ui.worker import PROGRESS_DELAY_MS, AnalysisThread, runner

# How long the first comparison waits for the window's first paint, and from
# how much text on it waits at all (see AnalysisRun.start).
FIRST_PAINT_WAIT_MS = 250
WAIT_FOR_PAINT_CHARS = 100_000

if TYPE_CHECKING:
    from nkdesk.ui.head_start import HeadStart
    from nkdesk.ui.main_window import MainWindow


class AnalysisRun(Controller):
    """One comparison of the window's corpus at a time, in an ``AnalysisThread``.

    Every result carries the generation it was started for; anything but the
    latest (a corpus replaced since, a comparison stopped) is dropped on
    arrival, never drawn. The progress bar and Stop show only once a
    comparison has run for ``PROGRESS_DELAY_MS``.
    """

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.comparing = False
        self.generation = 0
        self.threads: list[AnalysisThread] = []
        self._progress_timer = QTimer(self)
        self._progress_timer.setSingleShot(True)
        self._progress_timer.setInterval(PROGRESS_DELAY_MS)
        self._progress_timer.timeout.connect(self.on_progress_timer_timeout)
        # Drawing a comparison that arrived, a slice per timeout (see below).
        self._drawing = -1
        self._steps: deque[Callable[[], None]] = deque()
        self._step_timer = QTimer(self)
        self._step_timer.setInterval(0)
        self._step_timer.timeout.connect(self.on_step_timer_timeout)
        # The first comparison waits for the window's first paint (see start).
        self._painted = False
        self._waiting: AnalysisThread | None = None
        self._first_paint: FirstPaint | None = None
        # The panes whose text is still going in, after that paint.
        self._loading: set[QObject] = set()
        # The launch's comparison, begun before the window (nkdesk.ui.head_start):
        # the first comparison takes it if it is for the same articles, and
        # it is ended if that comparison is stopped or replaced before it answers.
        self.head_start: HeadStart | None = None

    def start(self) -> None:
        """Compare the corpus shown; what an earlier run still sends is dropped."""
        window = self.window
        self.generation += 1
        self._end_head_start()
        documents = window.corpus.documents
        head_start, self.head_start = self.head_start, None
        if head_start is not None and not head_start.serves(documents):
            head_start.close()
            head_start = None
        if len(documents) < MIN_ARTICLES:
            self._set_comparing(False)
            window.summary.setText("Open at least two articles to compare them.")
            return
        thread = AnalysisThread(documents, self.generation, head_start=head_start)
        thread.analysed.connect(self.on_analysis_thread_analysed)
        thread.failed.connect(self.on_analysis_thread_failed)
        thread.finished.connect(self.on_analysis_thread_finished)
        self.threads.append(thread)
        self._set_comparing(True)
        window.summary.setText(f"Comparing {len(documents)} articles…")
        size = sum(len(d.text) for d in documents)
        if self._painted or not window.panes or size < WAIT_FOR_PAINT_CHARS:
            runner().start(thread)
            return
        # The window's first frames call hundreds of Python overrides (events,
        # paints, header texts), each waiting its turn for the interpreter
        # lock while a worker runs Python: started with the window, a long
        # comparison stretched them by 300-400 ms, and the pieces of the
        # long articles' text (PassageView.loaded) from 3 ms to 20-45 ms
        # each. It starts once the articles are on the screen and all their
        # text is in, or after FIRST_PAINT_WAIT_MS if the window is not
        # shown. A short one starts at once: waiting made the seeds'
        # highlights 0.3 s later, for a contention of a few frames.
        if self._waiting is not None:  # a corpus replaced before the first paint
            self.threads.remove(self._waiting)
        if self._first_paint is not None and shiboken6.isValid(self._first_paint):
            self._first_paint.cancel()  # (gone with the panes it waited on, else)
        self._waiting = thread
        self._first_paint = FirstPaint(
            window.first_paint_target(), self._wait_for_text, fallback_ms=FIRST_PAINT_WAIT_MS
        )

    def _wait_for_text(self) -> None:
        """Start the comparison waiting once every pane holds its whole text."""
        views = [pane.view for pane in self.window.panes if not pane.view.fully_loaded]
        self._loading = set(views)
        if not views:
            self._start_waiting()
            return
        for view in views:
            view.text_loaded.connect(self.on_view_text_loaded)
            view.start_loading()

    def on_view_text_loaded(self) -> None:
        if self.sender() in self._loading:
            self._loading.discard(self.sender())
            if not self._loading:
                self._start_waiting()

    def _start_waiting(self) -> None:
        self._painted = True
        self._first_paint = None
        thread, self._waiting = self._waiting, None
        if thread is None:
            return
        if thread.generation != self.generation:
            self.threads.remove(thread)  # stopped or replaced before it began
            return
        runner().start(thread)

    def stop(self) -> bool:
        """Stop waiting for the running comparison: the text stays, unmarked.

        ``compare`` cannot be interrupted midway, so its thread runs on to
        the end; its result arrives with a stale generation and is dropped.
        """
        if not self.comparing:
            return False
        self.generation += 1
        self._end_head_start()
        self._set_comparing(False)
        self.window.summary.setText(
            "Comparison stopped: the articles are shown unmarked (F5 compares them again)."
        )
        self.window.analysis_stopped.emit()
        return True

    def drop(self) -> None:
        """On close: whatever still arrives is dropped; the Runner sees the thread out."""
        self.generation += 1
        self._end_head_start()
        self._set_comparing(False)

    def _end_head_start(self) -> None:
        """A head start taken is no longer wanted: its child has a core to give back
        (closing one that has answered does nothing)."""
        for thread in self.threads:
            if thread.head_start is not None:
                thread.head_start.close()

    def _set_comparing(self, comparing: bool) -> None:
        window = self.window
        self.comparing = comparing
        window.actions_by_id["view.stop"].setEnabled(comparing)
        if comparing:
            self._progress_timer.start()
        else:
            self._progress_timer.stop()
            window.progress.hide()
            window.stop_button.hide()

    def on_progress_timer_timeout(self) -> None:
        if self.comparing:
            self.window.progress.show()
            self.window.stop_button.show()

    def on_view_stop_triggered(self) -> None:
        self.stop()

    def on_view_compare_again_triggered(self) -> None:
        if not self.comparing:
            self.start()

    def on_analysis_thread_finished(self) -> None:
        thread = self.sender()
        if thread in self.threads:
            self.threads.remove(thread)

    def on_analysis_thread_analysed(self, generation: int, analysis: Analysis) -> None:
        if generation != self.generation:
            return  # a corpus replaced or a comparison stopped since: stale
        self._set_comparing(False)
        window = self.window
        # What navigation and tagging read is in place at once; what is drawn
        # comes in slices, one per turn of the event loop (the pane with the
        # keys first, then the others, then the docks), so that no key waits
        # for all of it: each pane's marks are ~10 ms on five 200 KB articles,
        # all of it at once was ~150 ms.
        window.analysis = analysis
        for pane in window.panes:
            window.passages[pane.document.id] = analysis.passages[pane.document.id]
        current = window.panes[window.current_pane] if window.panes else None
        panes = [current, *(p for p in window.panes if p is not current)] if current else []
        self._drawing = generation
        self._steps = deque(
            [
                *(partial(self._draw_pane, pane, analysis) for pane in panes),
                partial(self._fill_conflicts, analysis),
                partial(self._fill_matrix, analysis),
                partial(self._fill_timeline, analysis),
                partial(self._finish, analysis),
            ]
        )
        self._step_timer.start()

    def on_step_timer_timeout(self) -> None:
        if self._drawing != self.generation:
            self._steps.clear()  # another corpus, a stop, or the window closing
        if self._steps:
            self._steps.popleft()()
        if not self._steps:
            self._step_timer.stop()

    def _draw_pane(self, pane: ArticlePane, analysis: Analysis) -> None:
        doc_id = pane.document.id
        pane.set_marks(analysis.marks[doc_id])
        pane.set_overview(analysis.overview.get(doc_id, ()))

    def _fill_conflicts(self, analysis: Analysis) -> None:
        window = self.window
        colours = {pane.document.id: pane.source_color for pane in window.panes}
        window.conflicts_table.conflicts.source_colors = colours
        window.conflicts_table.conflicts.set_comparison(analysis.comparison)
        window.conflicts_table.fit_columns()

    def _fill_matrix(self, analysis: Analysis) -> None:
        window = self.window
        window.matrix_table.claims.set_source_colors(window.conflicts_table.conflicts.source_colors)
        window.matrix_table.claims.set_comparison(analysis.comparison, analysis.matrix)
        window.tag_reader.refresh_analyst_rows()
        window.matrix_table.fit_columns()

    def _fill_timeline(self, analysis: Analysis) -> None:
        window = self.window
        titles = {d.id: d.title for d in analysis.comparison.documents}
        colours = window.conflicts_table.conflicts.source_colors
        window.timeline_panel.set_timeline(analysis.timeline, titles, colours)

    def _finish(self, analysis: Analysis) -> None:
        comparison = analysis.comparison
        self.window.summary.setText(
            f"{analysis.shared} shared passages in {len(comparison.clusters)} "
            f"claims · {len(comparison.conflicts)} conflicts"
        )
        self.window.analysed.emit()

    def on_analysis_thread_failed(self, generation: int, message: str) -> None:
        if generation != self.generation:
            return
        self._set_comparing(False)
        window = self.window
        window.summary.setText("The comparison failed; the articles are shown unmarked.")
        window.analysis_failed.emit(message)
        window.report_error("Comparison failed", message)
