"""The main window: the articles side by side."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMainWindow, QPlainTextEdit, QSplitter, QVBoxLayout, QWidget

from nkdesk.corpus import Corpus, Document


class ArticlePane(QWidget):
    """One article: a header and its read-only, selectable text."""

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.header = QLabel(
            f"<b>{document.title}</b><br>{document.id} · {document.word_count} words"
        )
        self.header.setWordWrap(True)
        self.editor = QPlainTextEdit(document.text)
        self.editor.setReadOnly(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.editor)


class MainWindow(QMainWindow):
    """The articles of one corpus side by side in a splitter."""

    def __init__(self, corpus: Corpus) -> None:
        super().__init__()
        self.corpus = corpus
        self.setWindowTitle(f"nkdesk — {corpus.name}")
        self.splitter = QSplitter(self)
        self.panes = [ArticlePane(d) for d in corpus.documents]
        for pane in self.panes:
            self.splitter.addWidget(pane)
        self.setCentralWidget(self.splitter)
        self.resize(1400, 900)
