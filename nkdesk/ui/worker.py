"""Running slow work off the UI thread: the comparison, an export's writing, an import's reading."""

from __future__ import annotations

import gc
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal

from nkdesk.analysis.matrix import ClaimMatrix, claim_matrix
from nkdesk.analysis.timeline import Timeline, timeline
from nkdesk.corpus import Document
from nkdesk.text.tokens import TokenType
from nkdesk.ui.marks import Passages, Stretches, document_marks
from nkdesk.ui.overview import Stripe, overview_stripes

if TYPE_CHECKING:
    from nkdesk.analysis import Comparison


@dataclass(frozen=True, slots=True)
class Analysis:
    """What the window draws once the worker is done, all of it read off in the worker.

    Everything here is plain Python built from the comparison, so that the
    UI thread, when the analysis arrives, only hands it to the panes and
    docks: on five 200 KB articles the marks, lookups and matrix took
    seconds that would otherwise freeze the window.
    """

    comparison: Comparison
    claim_tokens: dict[str, list[tuple[int, int, TokenType]]]
    marks: dict[str, Stretches]
    passages: dict[str, Passages]
    matrix: ClaimMatrix
    # Each pane's overview bar: its shared passages and conflicts as stripes.
    overview: dict[str, tuple[Stripe, ...]] = field(default_factory=dict)
    # How many of the comparison's links are shared passages (the status bar's
    # count: 13 ms of counting on five 200 KB articles, done here).
    shared: int = 0
    # The quantity claims' values over time (the Timeline dock).
    timeline: Timeline = field(default_factory=lambda: Timeline((), ()))


def analyse(documents: tuple[Document, ...]) -> Analysis:
    """The comparison and what each pane and dock draws of it (all pure Python).

    The engine and the claim lexer are imported here, in the worker, on the
    first analysis: the window paints its articles without waiting for them.
    """
    from nkdesk.analysis import compare
    from nkdesk.text.lexer import claim_spans

    comparison = compare(documents)
    tokens = {d.id: claim_spans(d.text) for d in documents}
    marks = {d.id: Stretches(document_marks(comparison, d.id, tokens[d.id])) for d in documents}
    passages = {d.id: Passages(comparison, d.id) for d in documents}
    overview = {
        d.id: overview_stripes(
            (
                (m.start, m.end, "conflict", None)
                if m.layer == "conflict"
                else (m.start, m.end, "shared", m.cluster)
                for m in marks[d.id].items
                if m.layer in ("shared", "verbatim", "conflict")
            ),
            len(d.text),
        )
        for d in documents
    }
    matrix = claim_matrix(comparison)
    shared = len(comparison.shared_links)
    return Analysis(
        comparison, tokens, marks, passages, matrix, overview, shared, timeline(comparison)
    )


class AnalysisThread(QThread):
    """Runs ``analyse`` on one corpus in its own thread.

    ``compare`` cannot be interrupted midway; stopping (View > Stop, opening
    another corpus, closing the window) makes the window ignore this
    thread's result by its ``generation``, and the thread runs on to its end
    under the ``Runner``.

    Signals:
        analysed(int, object): the generation and the Analysis.
        failed(int, str): the generation and what went wrong.
    """

    analysed = Signal(int, object)
    failed = Signal(int, str)

    def __init__(
        self, documents: tuple[Document, ...], generation: int, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.documents = documents
        self.generation = generation

    def run(self) -> None:
        try:
            with sharing_the_interpreter():
                result = analyse(self.documents)
        except Exception as error:  # any engine failure is reported, not fatal
            self.failed.emit(self.generation, f"{type(error).__name__}: {error}")
        else:
            self.analysed.emit(self.generation, result)


_running = 0
_running_lock = threading.Lock()
# How often a thread running Python hands the interpreter lock over (Python's
# default is 5 ms). Every event the UI thread handles calls Python overrides,
# each of which waits for the lock: at 5 ms a repaint of five panes waited
# 100-250 ms behind a comparison; at 1 ms a frame of the window's first
# second (about a hundred overrides) still waited 100-400 ms; at 0.2 ms,
# 30-100 ms, and the comparison takes no longer (the worker hands over only
# when the UI thread asks).
SWITCH_INTERVAL_S = 0.0002


@contextmanager
def sharing_the_interpreter() -> Iterator[None]:
    """Run a comparison so that the UI thread keeps answering while it does.

    Two things make a pure-Python worker stall the UI thread. The
    interpreter lock is handed over every 5 ms, and a UI event waits for it
    at each Python override it calls: while a comparison runs, the switch
    interval is 1 ms. And a full garbage collection walks every object alive
    holding the lock: with the millions of records of five 200 KB articles,
    each took 150-400 ms. The comparison makes few cycles, so the collector
    is paused while any comparison runs, and when the last one ends
    everything then alive is frozen (``gc.freeze``): later collections skip
    it, though reference counting still frees it when the window drops it.
    The price is that a cycle made during a comparison is never collected.
    """
    global _running
    with _running_lock:
        _running += 1
        if _running == 1:
            _running_state.append((sys.getswitchinterval(), gc.isenabled()))
            sys.setswitchinterval(min(SWITCH_INTERVAL_S, sys.getswitchinterval()))
            gc.disable()
    try:
        yield
    finally:
        with _running_lock:
            _running -= 1
            if _running == 0:
                interval, collecting = _running_state.pop()
                gc.freeze()
                sys.setswitchinterval(interval)
                if collecting:
                    gc.enable()


_running_state: list[tuple[float, bool]] = []


# A busy bar appears only when the work takes longer than this: a short one
# ends before the eye would notice, and a bar that flashes for a tenth of a
# second reads as a glitch.
PROGRESS_DELAY_MS = 250

# What a Task runs: given progress(done, total) and cancelled(), returns its result.
Work = Callable[[Callable[[int, int], None], Callable[[], bool]], object]


class Task(QThread):
    """Runs one function in its own thread, with progress and a cancel flag.

    The function gets ``progress(done, total)``, which may be called from
    the thread as often as it likes (each call is one queued signal), and
    ``cancelled()``, which says True once ``cancel()`` was called; it is for
    the function to stop then (``nkdesk.export`` raises ``Cancelled``).

    Signals:
        progressed(int, int): done and total, as the function reported them.
        succeeded(object): what the function returned.
        failed(object): the exception it raised.
    """

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, work: Work, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._work = work
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        try:
            result = self._work(self.progressed.emit, self._cancel.is_set)
        except Exception as error:  # the window says what went wrong; the app carries on
            self.failed.emit(error)
        else:
            self.succeeded.emit(result)


class Runner(QObject):
    """Starts threads (AnalysisThread, Task) and keeps each alive until it has ended.

    A thread must outlive the window that started it (destroying a running
    QThread aborts the process), yet the window must not wait for it: a
    window that froze for the rest of a comparison when the analyst closed
    it, or stopped it, would break "the UI never blocks". The application
    waits for what is still running only as it quits, its windows gone.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.running: set[QThread] = set()
        # Whether quitting waits for them (embedders, tests); nkdesk's own
        # application ends its process instead (``nkdesk.ui.app.run``).
        self.wait_on_quit = True

    def start(self, thread: QThread) -> None:
        self.running.add(thread)
        # A slot of this main-thread object: queued, so it runs here, not
        # in the worker that emits ``finished``.
        thread.finished.connect(self.on_thread_finished)
        thread.start()

    def on_thread_finished(self) -> None:
        thread = self.sender()
        if isinstance(thread, QThread):
            thread.wait()  # ``finished`` comes just before run() returns
            self.running.discard(thread)

    def on_about_to_quit(self) -> None:
        if self.wait_on_quit:
            self.wait_all()

    def wait_all(self) -> None:
        for thread in list(self.running):
            thread.wait()
        self.running.clear()


_runner: Runner | None = None


def runner() -> Runner:
    """The application's one Runner, waited for when the application quits."""
    global _runner
    if _runner is None:
        _runner = Runner()
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(_runner.on_about_to_quit)
    return _runner
