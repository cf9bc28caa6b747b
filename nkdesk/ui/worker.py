"""Running the comparison off the UI thread."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal

from nkdesk.analysis import Comparison, compare
from nkdesk.corpus import Document
from nkdesk.text.lexer import TokenType, claim_spans


@dataclass(frozen=True, slots=True)
class Analysis:
    """What the window draws once the worker is done."""

    comparison: Comparison
    claim_tokens: dict[str, list[tuple[int, int, TokenType]]]


def analyse(documents: tuple[Document, ...]) -> Analysis:
    """The comparison and each document's claim tokens (both pure Python)."""
    comparison = compare(documents)
    tokens = {d.id: claim_spans(d.text) for d in documents}
    return Analysis(comparison, tokens)


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
            result = analyse(self.documents)
        except Exception as error:  # any engine failure is reported, not fatal
            self.failed.emit(self.generation, f"{type(error).__name__}: {error}")
        else:
            self.analysed.emit(self.generation, result)


class Runner(QObject):
    """Starts AnalysisThreads and keeps each alive until it has ended.

    A thread must outlive the window that started it (destroying a running
    QThread aborts the process), yet the window must not wait for it: a
    window that froze for the rest of a comparison when the analyst closed
    it, or stopped it, would break "the UI never blocks". The application
    waits for what is still running only as it quits, its windows gone.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.running: set[AnalysisThread] = set()

    def start(self, thread: AnalysisThread) -> None:
        self.running.add(thread)
        # A slot of this main-thread object: queued, so it runs here, not
        # in the worker that emits ``finished``.
        thread.finished.connect(self.on_thread_finished)
        thread.start()

    def on_thread_finished(self) -> None:
        thread = self.sender()
        if isinstance(thread, AnalysisThread):
            thread.wait()  # ``finished`` comes just before run() returns
            self.running.discard(thread)

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
            app.aboutToQuit.connect(_runner.wait_all)
    return _runner
