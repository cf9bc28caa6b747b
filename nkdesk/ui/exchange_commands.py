"""The window's File > Export… and File > Import…, their slow halves off the UI thread.

A controller of ``MainWindow``, as ``TagCommands`` is. A store belongs to the thread
that opened it, so the store is only ever touched on the UI thread, and the
slow parts run in a ``Task``:

- an export opens ``reading(store)`` here (a read transaction of its own:
  the file as it is now, whatever is tagged meanwhile; the vocabulary and
  articles, not the annotations), then reads, formats and writes the
  annotations one at a time in the task, so that memory does not grow with
  the tags, with a progress bar
  and Cancel in the status bar; ``nkdesk.export`` writes beside the target and
  renames, so a cancel or a failure leaves any earlier file as it was;
- an import reads and checks the file in the task (the untrusted, slow part)
  and merges it here, in one transaction and one undo step.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QToolButton,
    QWidget,
)

from nkdesk.ui.controller import Controller
from nkdesk.ui.worker import PROGRESS_DELAY_MS, Task, runner

# The writers and readers (``nkdesk.export``, which opens tag files through
# sqlite-utils) are imported when an export or import starts, not with the
# window: they are not needed to paint it.
if TYPE_CHECKING:
    from nkdesk.export import ImportReport
    from nkdesk.export import TagFile as TagData
    from nkdesk.store import TagStore
    from nkdesk.ui.main_window import MainWindow

EXCHANGE_MESSAGE_MS = 8000
EXCHANGE_BAR_PX = 120
IMPORT_FILTER = (
    "Exports and tag files (*.json *.qdpx *.sqlite *.nkdesk *.db);;"
    "nkdesk JSON exports (*.json);;REFI-QDA projects (*.qdpx);;"
    "nkdesk tag files (*.sqlite *.nkdesk *.db);;All files (*)"
)
ExchangeKind = Literal["export", "import"]


@dataclass(frozen=True, slots=True)
class ExportChoice:
    """One file type of the export dialog: the format it writes, and for CSV Excel's BOM."""

    label: str
    format: str
    bom: bool = False

    @property
    def suffix(self) -> str:
        from nkdesk.export import FORMATS

        return FORMATS[self.format][0]

    @property
    def name_filter(self) -> str:
        return f"{self.label} (*{self.suffix})"


EXPORT_CHOICES: tuple[ExportChoice, ...] = (
    ExportChoice("CSV", "csv"),
    # Excel opens a CSV as the system's 8-bit code page unless it starts with a BOM.
    ExportChoice("CSV for Excel (BOM)", "csv", bom=True),
    ExportChoice("JSON, the whole tag file", "json"),
    ExportChoice("W3C Web Annotation JSON-LD", "jsonld"),
    ExportChoice("HTML report", "html"),
    ExportChoice("REFI-QDA project for ATLAS.ti, NVivo, MAXQDA", "qdpx"),
)


def export_choice(name_filter: str, path: str) -> ExportChoice:
    """What to write to ``path``: the file type picked, unless the name typed asks for
    another format by its suffix ("tags.json" typed under CSV writes JSON)."""
    from nkdesk.export import format_for

    picked = next((c for c in EXPORT_CHOICES if c.name_filter == name_filter), EXPORT_CHOICES[0])
    named = format_for(path)
    if named is None or named == picked.format:
        return picked
    return next(c for c in EXPORT_CHOICES if c.format == named)


class ExchangeCommands(Controller):
    """Export and import, for ``MainWindow``: its handlers and the status-bar progress
    (``bar``, which the window puts in its status bar)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._exchange: Task | None = None
        self._exchange_kind: ExchangeKind = "export"
        self._exchange_path = ""
        self._exchange_count = 0
        self._import_into = ""
        # ask_export() -> (path, choice), ask_import() -> path: replaceable, as ask_files is.
        self.ask_export: Callable[[], tuple[str, ExportChoice] | None] = self._ask_export
        self.ask_import: Callable[[], str] = self._ask_import
        bar = QWidget(window)
        bar.setObjectName("exchangeBar")
        self.label = QLabel(bar)
        self.progress = QProgressBar(bar)
        self.progress.setObjectName("exchangeProgress")
        self.progress.setMaximumWidth(EXCHANGE_BAR_PX)
        self.progress.setTextVisible(False)
        self.cancel_button = QToolButton(bar)
        self.cancel_button.setObjectName("exchangeCancel")
        self.cancel_button.setText("Cancel")
        self.cancel_button.clicked.connect(self.on_exchange_cancel_clicked)
        layout = QHBoxLayout(bar)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.progress)
        layout.addWidget(self.cancel_button)
        bar.hide()
        self.bar = bar
        self._exchange_timer = QTimer(self)
        self._exchange_timer.setSingleShot(True)
        self._exchange_timer.setInterval(PROGRESS_DELAY_MS)
        self._exchange_timer.timeout.connect(self.on_exchange_timer_timeout)

    def enable(self) -> None:
        """Export and import need a tag file, and one task at a time."""
        can = self.window.tag_file.store is not None and self._exchange is None
        self.window.actions_by_id["file.export"].setEnabled(can)
        self.window.actions_by_id["file.import"].setEnabled(can)

    # -- export ---------------------------------------------------------------

    def on_file_export_triggered(self) -> None:
        request = self.ask_export()
        if request is not None:
            self.export_to(*request)

    def export_to(self, path: str | os.PathLike[str], choice: ExportChoice) -> bool:
        """Start writing the tag file to ``path``; False (saying why) if it cannot start.

        How it ends is said when it does: a status message, or a message box
        naming the file and the problem; ``exchange_finished`` says which.
        """
        from nkdesk.export import ExchangeError, export, reading

        if self.window.tag_file.store is None or self._exchange is not None:
            return False
        path = os.fspath(path)
        if _same_file(path, self.window.tag_file.path):
            self.window.report_error(
                "Cannot export the tags",
                f"{path}\n\nis the tag file itself; choose another name to export to.",
            )
            return False
        # Entered here, closed by the task when it ends: the read transaction
        # spans the whole export, on a connection the task may use.
        held = ExitStack()
        try:
            data = self.window.tag_file.call(
                "Cannot read the tag file",
                lambda store: held.enter_context(reading(store)),
                refresh=False,
            )
            if data is None:
                held.close()
                return False
            self._exchange_count = len(data.annotations)
        except ExchangeError as error:
            held.close()
            self.window.report_error("Cannot export the tags", f"{error.path}\n\n{error.reason}")
            return False
        format, bom = choice.format, choice.bom

        def work(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> str:
            with held:
                export(data, format, path, progress=progress, cancelled=cancelled, bom=bom)
            return path

        self._start_exchange(Task(work), "export", path, f"Exporting {Path(path).name}…")
        return True

    def _ask_export(self) -> tuple[str, ExportChoice] | None:
        dialog = self.export_dialog()
        if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.selectedFiles():
            return None
        path = dialog.selectedFiles()[0]
        choice = export_choice(dialog.selectedNameFilter(), path)
        self.window.settings.setValue("export/folder", str(Path(path).parent))
        self.window.settings.setValue("export/type", choice.label)
        return path, choice

    def export_dialog(self) -> QFileDialog:
        """The save dialog of File > Export…, its file types the formats, on the last one used."""
        last = str(self.window.settings.value("export/type", ""))
        choice = next((c for c in EXPORT_CHOICES if c.label == last), EXPORT_CHOICES[0])
        folder = str(self.window.settings.value("export/folder", "")) or self._tag_folder()
        stem = Path(self.window.tag_file.path).stem if self.window.tag_file.path else "tags"
        dialog = QFileDialog(self.window, "Export Tags", os.path.join(folder, stem + choice.suffix))
        dialog.setObjectName("exportDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        dialog.setNameFilters([c.name_filter for c in EXPORT_CHOICES])
        dialog.selectNameFilter(choice.name_filter)
        dialog.setDefaultSuffix(choice.suffix.lstrip("."))

        def on_filter_selected(name_filter: str) -> None:
            picked = next((c for c in EXPORT_CHOICES if c.name_filter == name_filter), choice)
            dialog.setDefaultSuffix(picked.suffix.lstrip("."))

        dialog.filterSelected.connect(on_filter_selected)
        return dialog

    def _tag_folder(self) -> str:
        return (
            str(Path(self.window.tag_file.path).parent)
            if self.window.tag_file.path
            else str(Path.home())
        )

    # -- import ---------------------------------------------------------------

    def on_file_import_triggered(self) -> None:
        path = self.ask_import()
        if path:
            self.import_from(path)

    def import_from(self, path: str | os.PathLike[str]) -> bool:
        """Start reading ``path`` to merge it into the tag file; False if it cannot start."""
        from nkdesk.export import read

        if self.window.tag_file.store is None or self._exchange is not None:
            return False
        path = os.fspath(path)
        self._import_into = self.window.tag_file.path

        def work(_progress: Callable[[int, int], None], _cancelled: Callable[[], bool]) -> TagData:
            return read(path)

        self._start_exchange(Task(work), "import", path, f"Reading {Path(path).name}…")
        # read() reports no steps: the bar is a busy one.
        self.progress.setRange(0, 0)
        return True

    def _ask_import(self) -> str:
        folder = str(self.window.settings.value("import/folder", "")) or self._tag_folder()
        path, _ = QFileDialog.getOpenFileName(self.window, "Import Tags", folder, IMPORT_FILTER)
        if path:
            self.window.settings.setValue("import/folder", str(Path(path).parent))
        return path

    def _merge(self, data: TagData) -> None:
        from nkdesk.export import ExchangeError, merge

        path, name = self._exchange_path, Path(self._exchange_path).name
        if self.window.tag_file.path != self._import_into:
            # Another tag file was opened while this one was read: merging into
            # it would put the tags somewhere the analyst did not choose.
            self.window.report_error(
                "The import was not merged",
                f"{path}\n\nThe tag file changed while the import was read; "
                "import it again into the one open now.",
            )
            self._end_exchange("failed")
            return

        def merged(store: TagStore) -> ImportReport:
            return merge(store, data, label=f"Import '{name}'")

        try:
            report = self.window.tag_file.call(f"Cannot import {name}", merged)
        except ExchangeError as error:
            self.window.report_error("Cannot import the tags", f"{error.path}\n\n{error.reason}")
            report = None
        if report is None:
            self._end_exchange("failed")
            return
        self.window.statusBar().showMessage(
            f"Imported {name}: {report.annotations_added} annotations added "
            "(Ctrl+Z takes the import back)",
            EXCHANGE_MESSAGE_MS,
        )
        self.window.report_notice(f"Imported {name}", _import_summary(report))
        self.window.imported.emit(report)
        self._end_exchange("imported")

    # -- the task -------------------------------------------------------------

    def _start_exchange(self, task: Task, kind: ExchangeKind, path: str, text: str) -> None:
        self._exchange, self._exchange_kind, self._exchange_path = task, kind, path
        task.progressed.connect(self.on_exchange_task_progressed)
        task.succeeded.connect(self.on_exchange_task_succeeded)
        task.failed.connect(self.on_exchange_task_failed)
        self.label.setText(text)
        self.label.setToolTip(path)
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.cancel_button.setEnabled(True)
        self.cancel_button.setToolTip(
            f"Stop the export; {Path(path).name} stays as it was"
            if kind == "export"
            else "Do not import this file; the tag file stays as it is"
        )
        self.enable()
        self._exchange_timer.start()
        runner().start(task)

    def _end_exchange(self, outcome: str) -> None:
        self._exchange = None
        self._exchange_timer.stop()
        self.bar.hide()
        self.enable()
        self.window.exchange_finished.emit(outcome)

    def cancel_exchange(self) -> bool:
        """Ask the running export to stop, or drop the import being read; whether one ran."""
        if self._exchange is None:
            return False
        self._exchange.cancel()
        self.label.setText("Cancelling…")
        self.cancel_button.setEnabled(False)
        return True

    def on_exchange_cancel_clicked(self) -> None:
        self.cancel_exchange()

    def on_exchange_timer_timeout(self) -> None:
        if self._exchange is not None:
            self.bar.show()

    def on_exchange_task_progressed(self, done: int, total: int) -> None:
        if self.sender() is self._exchange:
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    def on_exchange_task_succeeded(self, result: object) -> None:
        task = self.sender()
        if task is not self._exchange or not isinstance(task, Task):
            return  # the window closed meanwhile
        name = Path(self._exchange_path).name
        # Reading cannot stop midway: what it read is dropped here. (An export
        # that completed before it saw the cancel did write its file: said so.)
        if task.is_cancelled() and self._exchange_kind == "import":
            self.window.statusBar().showMessage(
                f"Import of {name} cancelled; the tag file is unchanged", EXCHANGE_MESSAGE_MS
            )
            self._end_exchange("cancelled")
            return
        if self._exchange_kind == "import":
            from nkdesk.export import TagFile as TagData

            assert isinstance(result, TagData)
            self._merge(result)
            return
        count = self._exchange_count
        self.window.statusBar().showMessage(
            f"Exported {count} tag{'' if count == 1 else 's'} to {self._exchange_path}",
            EXCHANGE_MESSAGE_MS,
        )
        self.window.exported.emit(self._exchange_path)
        self._end_exchange("exported")

    def on_exchange_task_failed(self, error: Exception) -> None:
        from nkdesk.export import Cancelled, ExchangeError

        if self.sender() is not self._exchange:
            return
        path, verb = self._exchange_path, self._exchange_kind
        if isinstance(error, Cancelled):
            self.window.statusBar().showMessage(
                f"Export cancelled; {Path(path).name} was left as it was", EXCHANGE_MESSAGE_MS
            )
            self._end_exchange("cancelled")
            return
        if isinstance(error, ExchangeError):
            text = f"{error.path}\n\n{error.reason}"
        elif isinstance(error, OSError):
            text = f"{error.filename or path}\n\n{error.strerror or error}"
        else:  # a bug in a writer or reader: said, not fatal
            text = f"{path}\n\n{type(error).__name__}: {error}"
        if verb == "import":
            text += "\n\nNothing was imported; the tag file is unchanged."
        self.window.report_error(f"Cannot {verb} the tags", text)
        self._end_exchange("failed")

    def stop(self) -> None:
        """On close: stop an export (its target stays as it was), drop an import's reading."""
        if self._exchange is not None:
            self._exchange.cancel()
            self._exchange = None
        self._exchange_timer.stop()


def _same_file(path: str, other: str) -> bool:
    if not other:
        return False
    try:
        return Path(path).resolve() == Path(other).resolve()
    except OSError:
        return False


def _import_summary(report: ImportReport) -> str:
    def count(n: int, noun: str) -> str:
        return f"{n} {noun}{'' if n == 1 else 's'}"

    lines = [
        f"{count(report.annotations_added, 'annotation')} added",
        f"{report.annotations_present} already present",
        f"{count(report.notes_merged, 'note')} merged",
        "",
        f"{count(report.documents_added, 'new document')} "
        f"({report.documents_matched} matched by their text), "
        f"{count(report.tags_added, 'new tag')}, {count(report.claims_added, 'new claim')}",
    ]
    if report.vocabulary_replaced:
        lines.append("The tag file was new: its vocabulary is the import's.")
    lines += [f"Warning: {w}" for w in report.warnings]
    lines += ["", "Edit > Undo (Ctrl+Z) takes the whole import back."]
    return "\n".join(lines)
