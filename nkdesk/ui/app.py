"""Starting the Qt application on a loaded corpus."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

from nkdesk import __version__
from nkdesk.corpus import Corpus
from nkdesk.ui.main_window import MainWindow
from nkdesk.ui.worker import runner

if TYPE_CHECKING:
    from nkdesk.ui.head_start import HeadStart

# QSettings files are found by these names (e.g. ~/.config/nkdesk/nkdesk.conf).
ORGANIZATION = "nkdesk"
APPLICATION = "nkdesk"
# A file the window keeps a JSON snapshot of its state in, for the end-to-end
# tests and the launch benchmark (see nkdesk.ui.debug_state).
DEBUG_STATE_ENV = "NKDESK_DEBUG_STATE"


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication, created once, with the names QSettings files go by."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else None
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName(APPLICATION)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationVersion(__version__)
    return app


def run(
    corpus: Corpus,
    tag_file: str | os.PathLike[str] | None = None,
    head_start: HeadStart | None = None,
) -> int:
    """Open the main window on ``corpus`` and run until it is closed.

    Tags go to ``tag_file``, by default the one in the user's data folder
    (``nkdesk.store.default_path()``). ``head_start`` is the comparison of
    ``corpus`` the command began before it loaded Qt (``nkdesk.ui.head_start``).
    It is opened once the window has painted its articles, so that a file
    that cannot be used is reported over the window, which then works on
    without tagging.
    """
    app = make_application()
    window = MainWindow(corpus, head_start=head_start)
    window.files.remember_corpus(corpus)
    state_path = os.environ.get(DEBUG_STATE_ENV)
    if state_path:
        from nkdesk.ui.debug_state import DebugState

        DebugState(window, state_path)  # a child of the window: lives as long
    window.show()

    def open_tags() -> None:
        if tag_file:
            window.tag_file_commands.open_tag_file(tag_file)
        else:
            # The corpus's own tag file (nkdesk.ui.case_files), the seeds' the default one.
            window.files.open_case_tag_file()

    # After the articles' first paint: opening it imports sqlite-utils and
    # reads the file (0.2-0.3 s of the launch); after the head start's
    # highlights too, which would wait behind it. Anything that needs the
    # file before then (a tagging key) opens it at once (TagFile.defer).
    window.tag_file_commands.open_later(open_tags, after_analysis=head_start is not None)
    runner().wait_on_quit = False
    status = app.exec()
    if head_start is not None:
        head_start.close()  # (ended already, unless the window closed before it)
    if runner().running:
        # A comparison cannot be interrupted, and waiting for it kept the
        # process alive, its window gone, for the rest of it (15 s and more on
        # long articles). Everything is saved by now (each tag committed as it
        # was made, the settings synced, the tag file closed with the window),
        # so the process ends without it: a QThread destroyed while running
        # would abort, so not by returning.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)
    return status
