"""The window's tag file: File > New/Open Tag File, and storing the articles in it."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFileDialog

from nkdesk.store import Reanchored
from nkdesk.ui.controller import Controller
from nkdesk.ui.first_paint import FirstPaint

if TYPE_CHECKING:
    from nkdesk.ui.main_window import MainWindow

TAG_FILE_FILTER = "nkdesk tag files (*.sqlite *.nkdesk *.db);;All files (*)"
NO_TAG_FILE = "No tag file: tagging is off"
OPENING_TAG_FILE = "Tags: opening…"
# How long a deferred tag file waits for a window that does not paint.
OPEN_LATER_MS = 1000
# How long it waits, after the first paint, for a comparison on its way, and
# then for the paint of its highlights (see TagFileCommands.open_later).
AFTER_ANALYSIS_MAX_MS = 1000
SETTLED_PAINT_MS = 250
TAG_MESSAGE_MS = 6000


class TagFileCommands(Controller):
    """Which tag file the window tags into. The articles shown are stored in it
    (their text, so the file stands alone); tagging is off while none is open."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        # ask_tag_file(new) -> path, or "" if the analyst cancelled; replaceable.
        self.ask_tag_file: Callable[[bool], str] = self._ask_tag_file
        window.tag_file.failed.connect(self.on_tag_file_failed)
        window.tag_file.opened.connect(self.on_tag_file_opened)

    def open_tag_file(self, path: str | os.PathLike[str] | None) -> bool:
        """Tag into another file (None: the default one); on failure say which file and
        why, and keep the one open before (or none).

        The articles shown are stored in it (their text, so the file stands
        alone); if one changed since it was tagged, its tags are placed again,
        and any that cannot be are reported and listed as orphaned.
        """
        window = self.window
        if not window.tag_file.open(path):
            return False
        if not self.store_documents():
            return False
        window.tag_file.poll()
        window.files.remember_tag_file()  # the tag file of this corpus from now on
        return True

    def open_later(self, opening: Callable[[], object], *, after_analysis: bool = False) -> None:
        """Open the tag file by ``opening()`` once the articles are painted, or
        the moment a tagging key needs it (``TagFile.defer``).

        With ``after_analysis`` (the launch's comparison is on its way from
        its own process, nkdesk.ui.head_start), once that comparison is drawn
        or has ended, at most ``AFTER_ANALYSIS_MAX_MS`` after the paint:
        opening imports sqlite-utils, 0.1-0.2 s of the UI thread, which the
        arriving highlights waited behind.
        """
        window = self.window
        window.tag_file.defer(opening)
        window.tag_file_label.setText(OPENING_TAG_FILE)
        then = self._open_after_analysis if after_analysis else window.tag_file.open_deferred
        FirstPaint(window.first_paint_target(), then, fallback_ms=OPEN_LATER_MS)

    def _open_after_analysis(self) -> None:
        window = self.window
        if not window.analysis_run.comparing:
            window.tag_file.open_deferred()
            return
        signals = (window.analysed, window.analysis_failed, window.analysis_stopped)
        cap = QTimer(self)
        cap.setSingleShot(True)

        def settled() -> None:
            for signal in signals:
                signal.disconnect(settled)
            cap.stop()
            cap.deleteLater()
            # After the highlights' paint, which is queued behind ``analysed``.
            FirstPaint(
                window.first_paint_target(),
                window.tag_file.open_deferred,
                fallback_ms=SETTLED_PAINT_MS,
            )

        for signal in signals:
            signal.connect(settled)
        cap.timeout.connect(settled)
        cap.start(AFTER_ANALYSIS_MAX_MS)

    def on_tag_file_opened(self, path: str) -> None:
        window = self.window
        window.tag_reader.read_at = -1  # another file: read it all
        window.exchange.enable()
        window.actions_by_id["edit.vocabulary"].setEnabled(bool(path))
        window.actions_by_id["edit.source_details"].setEnabled(bool(path))
        window.vocabulary_commands.set_editable(bool(path))
        label = window.tag_file_label
        if path:
            label.setText(f"Tags: {Path(path).name}")
            label.setToolTip(f"Tags are saved in {path}")
        else:
            label.setText(NO_TAG_FILE)
            label.setToolTip("File > Open Tag File… to tag passages")

    def on_tag_file_failed(self, title: str, text: str) -> None:
        self.window.report_error(title, text)

    def store_documents(self) -> bool:
        """Store the articles shown in the tag file; whether it could take them.

        When it cannot (it holds another article under one of these names, or
        the file failed), tagging these articles into it would put tags on the
        wrong text: the file is closed, the message says why, and tagging is
        off until another tag file is opened.
        """
        window = self.window
        documents = window.corpus.documents
        reports = window.tag_file.call(
            "Cannot store the articles in the tag file",
            lambda store: [store.add_document(d) for d in documents],
            refresh=False,
        )
        if reports is None:
            window.tag_file.close()
            return False
        if not reports:
            return True
        changed = [r for r in reports if r is not None]
        orphaned = [r for r in changed if r.orphaned]
        titles = {d.id: d.title for d in documents}
        if orphaned:
            window.report_notice("Some tags lost their place", _orphan_notice(orphaned, titles))
        moved = sum(r.moved for r in changed)
        if moved:
            window.statusBar().showMessage(
                f"{moved} tag{'s' if moved > 1 else ''} moved with the edited text", TAG_MESSAGE_MS
            )
        return True

    def on_file_new_tag_file_triggered(self) -> None:
        path = self.ask_tag_file(True)
        if not path:
            return
        if Path(path).exists():
            # Never by replacing a file: it may hold another analyst's tags.
            self.window.report_error(
                "The tag file exists",
                f"{path}\n\nalready exists; to tag into it, use File > Open Tag File.",
            )
            return
        self.open_tag_file(path)

    def on_file_open_tag_file_triggered(self) -> None:
        path = self.ask_tag_file(False)
        if path:
            self.open_tag_file(path)

    def _ask_tag_file(self, new: bool) -> str:
        window = self.window
        current = window.tag_file.path
        folder = str(Path(current).parent) if current else str(Path.home())
        if new:
            path, _ = QFileDialog.getSaveFileName(
                window,
                "New Tag File",
                os.path.join(folder, "tags.sqlite"),
                TAG_FILE_FILTER,
                options=QFileDialog.Option.DontConfirmOverwrite,
            )
        else:
            path, _ = QFileDialog.getOpenFileName(window, "Open Tag File", folder, TAG_FILE_FILTER)
        return path


def _orphan_notice(reports: Sequence[Reanchored], titles: dict[str, str]) -> str:
    lines = [
        f"• {titles.get(r.document, r.document)}: {r.orphaned} tag{'s' if r.orphaned > 1 else ''}"
        for r in reports
    ]
    return (
        "These articles changed since they were tagged, and some of their tags could "
        "not be placed on the new text:\n\n" + "\n".join(lines) + "\n\nNo tag is lost: "
        "each keeps its quote and is listed as orphaned in the Tags panel."
    )
