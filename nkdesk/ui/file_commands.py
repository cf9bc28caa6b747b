"""Opening articles: File > Open, Open Folder, Open Recent, and the tag file of each case."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu

import nkdesk as nkdesk_package
from nkdesk.bundle import seeds_dir
from nkdesk.corpus import Corpus, CorpusError, load_corpus
from nkdesk.store import StoreError, default_path
from nkdesk.ui import case_files, recent
from nkdesk.ui.actions import ACTIONS
from nkdesk.ui.capacity import MIN_ARTICLES, too_many
from nkdesk.ui.controller import Controller
from nkdesk.ui.tag_file_commands import NO_TAG_FILE

if TYPE_CHECKING:
    from nkdesk.store import TagStore
    from nkdesk.ui.main_window import MainWindow

TAG_FILE_MESSAGE_MS = 8000


class FileCommands(Controller):
    """Which articles are shown and which tag file their tags go to.

    Remembers the corpora opened (File > Open Recent, Reopen Last Corpus) and
    the tag file used with each (``case_files``), in the window's settings.
    """

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        # Dialogs are attributes so tests (and embedders) can replace them
        # instead of meeting a modal box that waits for a click.
        self.ask_files: Callable[[], list[str]] = self._ask_files
        self.ask_folder: Callable[[], str] = self._ask_folder
        self.recent: list[recent.Entry] = []
        self.current_entry: recent.Entry | None = None
        # The tag file of each corpus opened: {case_files.key(entry): path}.
        self.case_files: dict[str, str] = {}
        self.recent_menu = QMenu(window)
        self.recent_menu.setObjectName("recentMenu")  # File > Open Recent's, set by the window

    def restore(self) -> None:
        settings = self.window.settings
        self.recent = recent.loads(settings.value("recent/corpora"))
        self.case_files = case_files.loads(settings.value("tagfiles/corpora"))
        self._refresh_recent_menu()

    def open_paths(self, paths: Sequence[str | Path]) -> bool:
        """Load and show articles; on bad input say which file and why, keep the old."""
        window = self.window
        try:
            corpus = load_corpus(paths)
        except CorpusError as error:
            window.report_error("Cannot open these articles", f"{error.path}\n\n{error.reason}")
            return False
        if len(corpus.documents) < MIN_ARTICLES:
            where = corpus.documents[0].path if corpus.documents else ", ".join(map(str, paths))
            window.report_error(
                "Only one article",
                f"{where}\n\nis the only article there; nkdesk compares two or more. "
                "Open a folder of articles or select several files.",
            )
            return False
        problem = too_many(paths, len(corpus.documents))
        if problem:
            window.report_error("Too many articles", problem)
            return False
        # Before the corpus is shown: its articles go into its own tag file,
        # never into the tag file of the case before (issue 14).
        in_use = self._switch_tag_file(recent.entry(paths), corpus)
        window.set_corpus(corpus)
        self.remember(paths)
        self.remember_tag_file()
        window.statusBar().showMessage("; ".join([in_use, *corpus.warnings]), TAG_FILE_MESSAGE_MS)
        return True

    def open_case_tag_file(self) -> bool:
        """Open the tag file of the corpus shown (at start, without ``--db``)."""
        window = self.window
        entry = self.current_entry or recent.entry(
            d.path for d in window.corpus.documents if d.path
        )
        in_use = self._switch_tag_file(entry, window.corpus)
        if window.tag_file.store is None:
            return False
        window.tag_file_commands.store_documents()
        window.tag_file.poll()
        self.remember_tag_file()
        window.statusBar().showMessage(in_use, TAG_FILE_MESSAGE_MS)
        return True

    def choose_tag_file(self, entry: recent.Entry, corpus: Corpus) -> tuple[Path, str]:
        """The tag file a corpus's tags go to, and why (see ``case_files``)."""
        found = case_files.remembered(self.case_files, entry)
        if found is not None:
            return found, "the tag file used with these articles before"
        found = case_files.in_folder(entry)
        if found is not None:
            return found, "the folder's own tag file"
        tag_file = self.window.tag_file
        for candidate in dict.fromkeys(p for p in (tag_file.path, str(default_path())) if p):
            if _holds_tags_on(candidate, corpus, tag_file.store):
                return Path(candidate), "it holds tags on these articles"
        bundled = [Path(nkdesk_package.__file__).parent, seeds_dir()]
        if not entry or all(case_files.inside(Path(p), bundled) for p in entry):
            return default_path(), "nkdesk's own tag file"
        return case_files.new_file(
            entry, default_path().parent
        ), "a new tag file for these articles"

    def _switch_tag_file(self, entry: recent.Entry, corpus: Corpus) -> str:
        """Open the corpus's tag file unless open already; the status message saying so."""
        tag_file = self.window.tag_file
        path, why = self.choose_tag_file(entry, corpus)
        same = tag_file.path and Path(tag_file.path).resolve() == path.resolve()
        data_folder = default_path().parent
        if not same and data_folder in path.parents:
            # nkdesk's own folder (and its cases/) is made as the default file's is.
            # If it cannot be made, TagFile.open says what is wrong with the place.
            with contextlib.suppress(OSError):
                path.parent.mkdir(parents=True, exist_ok=True)
        if not same and not tag_file.open(path):
            # Said in a message box; the articles go on into the file open now.
            return f"Tags: still in {tag_file.path}" if tag_file.path else NO_TAG_FILE
        return f"Tags go to {tag_file.path} ({why})"

    def remember_tag_file(self) -> None:
        """Remember the tag file open now as the one of the corpus shown."""
        path = self.window.tag_file.path
        if self.current_entry is None or not path:
            return
        self.case_files = case_files.remember(self.case_files, self.current_entry, path)
        self.window.settings.setValue("tagfiles/corpora", case_files.dumps(self.case_files))

    def remember(self, paths: Sequence[str | Path]) -> None:
        """Put the paths of the corpus now shown first in File > Open Recent."""
        self.current_entry = recent.entry(paths)
        self.recent = recent.remembered(self.recent, self.current_entry)
        self.window.settings.setValue("recent/corpora", recent.dumps(self.recent))
        self._refresh_recent_menu()

    def remember_corpus(self, corpus: Corpus) -> None:
        """Remember a corpus opened from the command line, unless it is the seeds.

        The bundled seeds open whenever nkdesk starts without arguments;
        remembering them would push the analyst's own corpus out of
        File > Reopen Last Corpus at every plain start.
        """
        paths = [Path(d.path) for d in corpus.documents if d.path]
        seeds = seeds_dir().resolve()
        if paths and not all(p.resolve().parent == seeds for p in paths):
            self.remember(paths)

    def last_corpus(self) -> recent.Entry | None:
        """What File > Reopen Last Corpus opens: the latest one not shown now."""
        return next((e for e in self.recent if e != self.current_entry), None)

    def _refresh_recent_menu(self) -> None:
        actions = self.window.actions_by_id
        self.recent_menu.clear()
        for number, item in enumerate(self.recent, start=1):
            action = self.recent_menu.addAction(f"&{number} {recent.label(item)}")
            action.setToolTip("\n".join(item))
            action.triggered.connect(partial(self.open_paths, list(item)))
        self.recent_menu.setToolTipsVisible(True)
        actions["file.open_recent"].setEnabled(bool(self.recent))
        last = self.last_corpus()
        reopen = actions["file.reopen_last"]
        reopen.setEnabled(last is not None)
        reopen.setStatusTip("\n".join(last) if last else "")

    def on_file_reopen_last_triggered(self) -> None:
        last = self.last_corpus()
        if last is not None:
            self.open_paths(list(last))

    def on_file_open_triggered(self) -> None:
        paths = self.ask_files()
        if paths:
            self.open_paths(paths)

    def on_file_open_folder_triggered(self) -> None:
        folder = self.ask_folder()
        if folder:
            self.open_paths([folder])

    def corpus_folder(self) -> Path | None:
        """The folder the corpus shown was opened from (or, for the bundled seeds
        and files without a path, the last corpus the analyst opened), or None."""
        installed = Path(nkdesk_package.__file__).resolve().parent
        seeds = seeds_dir().resolve()
        candidates = [Path(d.path) for d in self.window.corpus.documents if d.path]
        candidates += [Path(p) for entry in self.recent for p in entry]
        for path in candidates:
            folder = path if path.is_dir() else path.parent
            resolved = folder.resolve()
            inside = (installed, seeds)
            if any(resolved == f or f in resolved.parents for f in inside):
                continue  # never start a dialog inside the installed package
            if folder.is_dir():
                return folder
        return None

    def start_folder(self) -> str:
        folder = self.corpus_folder()
        return str(folder) if folder is not None else str(Path.home())

    def file_keys(self) -> list[QAction]:
        """The File menu's keyed actions, for nkdesk's own non-modal windows.

        A window's shortcuts act only while it is the active window: with the
        key list (F1) or the vocabulary open and active, Ctrl+Shift+O did
        nothing while the menu item worked (issue 14). These keys open, export
        and quit whichever nkdesk window is in front.
        """
        return [
            self.window.actions_by_id[item.id]
            for item in ACTIONS
            if item.menu == "&File" and item.shortcut and item.scope == "window"
        ]

    def _ask_files(self) -> list[str]:
        paths, _ = QFileDialog.getOpenFileNames(
            self.window,
            "Open Articles",
            self.start_folder(),
            "Articles (*.txt *.md *.html *.htm);;All files (*)",
        )
        return paths

    def _ask_folder(self) -> str:
        return QFileDialog.getExistingDirectory(self.window, "Open Folder", self.start_folder())


def _holds_tags_on(path: str, corpus: Corpus, open_now: TagStore | None) -> bool:
    """Whether a tag file holds tags on these very articles (same name and text)."""
    from nkdesk.store import open_store

    def holds(store: TagStore) -> bool:
        stored = {d.id: d.sha256 for d in store.documents()}
        return any(
            stored.get(d.id) == d.sha256 and store.annotations(d.id) for d in corpus.documents
        )

    try:
        if open_now is not None and open_now.path == path:
            return holds(open_now)
        if not Path(path).is_file():
            return False
        with open_store(path) as store:
            return holds(store)
    except (StoreError, sqlite3.Error):
        return False
