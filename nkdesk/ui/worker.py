"""Running the comparison off the UI thread."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, QThread, Signal

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

    ``compare`` cannot be interrupted midway; cancelling (opening another
    corpus) makes the window ignore this thread's result by its ``generation``.

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
