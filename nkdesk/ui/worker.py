"""Running slow work off the UI thread: the comparison, an export's writing, an import's reading."""

from __future__ import annotations

import gc
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal

from nkdesk.corpus import Document
from nkdesk.ui.analysis import analyse

if TYPE_CHECKING:
    from nkdesk.ui.head_start import HeadStart


class AnalysisThread(QThread):
    """Runs ``analyse`` on one corpus in its own thread.

    Given a ``HeadStart`` (the launch's comparison, begun in a child
    process), the thread waits for its result instead, and compares itself
    only if the child failed; once the window closed the head start (a
    stop, another corpus, the window closing) it ends without a result.

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
        self,
        documents: tuple[Document, ...],
        generation: int,
        parent: QObject | None = None,
        head_start: HeadStart | None = None,
    ) -> None:
        super().__init__(parent)
        self.documents = documents
        self.generation = generation
        self.head_start = head_start

    def run(self) -> None:
        try:
            with sharing_the_interpreter():
                result = self.head_start.result() if self.head_start is not None else None
                if result is None:
                    if self.head_start is not None and self.head_start.closed:
                        return  # stopped, replaced or closing: nothing to draw
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
