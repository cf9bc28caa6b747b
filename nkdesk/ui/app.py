"""Starting the Qt application on a loaded corpus."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from nkdesk import __version__
from nkdesk.corpus import Corpus
from nkdesk.ui.main_window import MainWindow


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("nkdesk")
    app.setOrganizationName("nkdesk")
    app.setApplicationVersion(__version__)
    return app


def run(corpus: Corpus) -> int:
    """Open the main window on ``corpus`` and run until it is closed."""
    app = make_application()
    window = MainWindow(corpus)
    window.show()
    return app.exec()
