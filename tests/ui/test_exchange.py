"""File > Export… and File > Import…: off the UI thread, cancellable, never half-done.

The window's ``ask_export`` / ``ask_import`` are replaced by the answers a
person would give the file dialogs; everything after runs as in the app, the
worker thread included. A ``Hold`` stands in for a slow export or import
without sleeping: the worker waits at it until the test lets it go.
"""

from __future__ import annotations

import csv
import io
import json
import threading
import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

import nkdesk.export as exporting
from nkdesk.export import export, snapshot
from nkdesk.store import open_store
from nkdesk.ui.exchange_commands import EXPORT_CHOICES, ExportChoice, export_choice

CTRL = Qt.KeyboardModifier.ControlModifier
QUOTES = ("about 11,000", "Kursk region", "approximately 12,000")
HOLD_TIMEOUT_S = 30


@pytest.fixture
def window(make_window, synthetic_corpus, tag_words):
    """A window whose tag file holds three tags on the two articles."""
    window = make_window(synthetic_corpus)
    a, b = synthetic_corpus.documents
    tag_words(
        window,
        (
            (a, QUOTES[0], "troop numbers"),
            (a, QUOTES[1], "location"),
            (b, QUOTES[2], "troop numbers"),
        ),
    )
    return window


def choice(label_start: str) -> ExportChoice:
    return next(c for c in EXPORT_CHOICES if c.label.startswith(label_start))


def run_export(qtbot, window, path: Path, chosen: ExportChoice) -> str:
    with qtbot.waitSignal(window.exchange_finished, timeout=30_000) as finished:
        assert window.exchange.export_to(path, chosen)
    return finished.args[0]


class Hold:
    """Makes the worker wait where it is wrapped in, until ``release()``."""

    def __init__(self) -> None:
        self.reached = threading.Event()
        self._released = threading.Event()

    def wait(self) -> None:
        self.reached.set()
        self._released.wait(HOLD_TIMEOUT_S)

    def release(self) -> None:
        self._released.set()


@pytest.fixture
def hold(qtbot):
    """Set up after qtbot, so it is released before the windows close."""
    item = Hold()
    yield item
    item.release()


# -- export ---------------------------------------------------------------------


@pytest.mark.parametrize("chosen", EXPORT_CHOICES, ids=lambda c: c.label)
def test_every_format_is_written_and_parses(window, qtbot, tmp_path, chosen) -> None:
    path = tmp_path / f"out{chosen.suffix}"
    assert run_export(qtbot, window, path, chosen) == "exported"
    raw = path.read_bytes()
    if chosen.format == "csv":
        assert raw.startswith(b"\xef\xbb\xbf") is chosen.bom
        rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
        assert all(any(q in row for row in rows) for q in QUOTES)
    elif chosen.format in ("json", "jsonld"):
        text = json.dumps(json.loads(raw), ensure_ascii=False)
        assert all(q in text for q in QUOTES)
    elif chosen.format == "html":
        text = raw.decode("utf-8")
        assert text.lstrip().lower().startswith("<!doctype html") and QUOTES[1] in text
    else:
        with zipfile.ZipFile(path) as project:
            assert "project.qde" in project.namelist()
            assert QUOTES[1] in project.read("project.qde").decode("utf-8")
    assert str(path) in window.statusBar().currentMessage()
    assert window.report_error.calls == []


def test_ctrl_e_exports_what_the_dialog_chose_with_progress(window, qtbot, tmp_path) -> None:
    path = tmp_path / "tags.json"
    window.exchange.ask_export = lambda: (str(path), choice("JSON"))
    view = window.panes[0].view
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    with qtbot.waitSignal(window.exported, timeout=30_000) as exported:
        qtbot.keyClick(view, Qt.Key.Key_E, CTRL)
    assert exported.args == [str(path)]
    assert len(json.loads(path.read_text(encoding="utf-8"))["annotations"]) == 3
    # The analyst sees that it happened, how much and where (issue 14, item 9).
    assert window.statusBar().currentMessage() == f"Exported 3 tags to {path}"
    # The worker's last report: all done (the bar itself shows only when slow).
    progress = window.exchange.progress
    assert (progress.value(), progress.maximum()) == (3, 3)
    assert window.actions_by_id["file.export"].isEnabled()


def test_cancel_leaves_the_earlier_file_as_it_was(
    window, qtbot, tmp_path, monkeypatch, hold
) -> None:
    real = exporting.export

    def held(data, format, path, *, progress, cancelled, bom):
        def asked() -> bool:
            hold.wait()
            return cancelled()

        real(data, format, path, progress=progress, cancelled=asked, bom=bom)

    monkeypatch.setattr(exporting, "export", held)
    target = tmp_path / "report.html"
    target.write_text("last week's report", encoding="utf-8")
    assert window.exchange.export_to(target, choice("HTML"))
    # A slow export shows its bar and Cancel, and cannot be started twice.
    qtbot.waitUntil(window.exchange.bar.isVisible)
    qtbot.waitUntil(hold.reached.is_set)
    assert not window.actions_by_id["file.export"].isEnabled()
    assert window.exchange.export_to(tmp_path / "other.csv", choice("CSV")) is False
    qtbot.mouseClick(window.exchange.cancel_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(window.exchange_finished, timeout=30_000) as finished:
        hold.release()
    assert finished.args == ["cancelled"]
    assert target.read_text(encoding="utf-8") == "last week's report"
    assert sorted(p.name for p in tmp_path.iterdir() if "report" in p.name) == ["report.html"]
    assert "cancelled" in window.statusBar().currentMessage()
    assert not window.exchange.bar.isVisible()
    assert window.report_error.calls == []
    assert window.actions_by_id["file.export"].isEnabled()


def test_an_export_that_fails_names_the_file_and_the_problem(window, qtbot, tmp_path) -> None:
    target = tmp_path / "missing" / "tags.csv"
    assert run_export(qtbot, window, target, choice("CSV")) == "failed"
    [(title, text)] = window.report_error.calls
    assert title == "Cannot export the tags"
    assert str(target) in text and "folder does not exist" in text


def test_an_unexpected_error_in_the_worker_is_reported(
    window, qtbot, tmp_path, monkeypatch
) -> None:
    def broken(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(exporting, "export", broken)
    target = tmp_path / "tags.csv"
    assert run_export(qtbot, window, target, choice("CSV")) == "failed"
    [(_title, text)] = window.report_error.calls
    assert str(target) in text and "No space left on device" in text


def test_the_tag_file_itself_is_never_an_export_target(window) -> None:
    before = Path(window.tag_file.path).read_bytes()
    assert window.exchange.export_to(window.tag_file.path, choice("CSV")) is False
    [(_title, text)] = window.report_error.calls
    assert window.tag_file.path in text and "tag file itself" in text
    assert Path(window.tag_file.path).read_bytes() == before


def test_the_typed_suffix_wins_over_the_file_type(window) -> None:
    csv_filter = choice("CSV").name_filter
    assert export_choice(csv_filter, "/x/tags.csv") == choice("CSV")
    assert export_choice(csv_filter, "/x/tags.json").format == "json"
    assert export_choice(choice("CSV for Excel").name_filter, "/x/tags.csv").bom
    assert export_choice(csv_filter, "/x/tags.txt") == choice("CSV")


def test_the_export_dialog_offers_every_format(window, tmp_path) -> None:
    window.settings.setValue("export/type", "HTML report")
    dialog = window.exchange.export_dialog()
    try:
        assert dialog.nameFilters() == [c.name_filter for c in EXPORT_CHOICES]
        assert dialog.selectedNameFilter() == choice("HTML").name_filter
        assert dialog.defaultSuffix() == "html"
        dialog.filterSelected.emit(choice("REFI").name_filter)
        assert dialog.defaultSuffix() == "qdpx"
    finally:
        dialog.deleteLater()


def test_without_a_tag_file_export_and_import_are_off(make_window, synthetic_corpus) -> None:
    window = make_window(synthetic_corpus, wait=False, tags=None)
    for action in ("file.export", "file.import", "edit.vocabulary"):
        assert not window.actions_by_id[action].isEnabled(), action


# -- import ---------------------------------------------------------------------


@pytest.fixture
def colleague(tmp_path, synthetic_corpus) -> Path:
    """Another analyst's tag file: the same articles, two passages under a tag of its own."""
    path = tmp_path / "colleague.sqlite"
    a, b = synthetic_corpus.documents
    with open_store(path, author="kim") as store:
        for doc in (a, b):
            store.add_document(doc)
        morale = store.add_tag("morale", "#112233")
        start = a.text.index("support Russian forces")
        store.add_annotation("a", start, start + len("support Russian forces"), morale.id)
        start = b.text.index("Markets in Seoul")
        store.add_annotation("b", start, start + len("Markets in Seoul"), morale.id)
    return path


def colleague_file(colleague: Path, kind: str) -> Path:
    if kind == "sqlite":
        return colleague
    target = colleague.with_name(f"colleague.{kind}")
    with open_store(colleague) as store:
        export(snapshot(store), kind, target)
    return target


def run_import(qtbot, window, path: Path) -> str:
    with qtbot.waitSignal(window.exchange_finished, timeout=30_000) as finished:
        assert window.exchange.import_from(path)
    return finished.args[0]


@pytest.mark.parametrize("kind", ["json", "sqlite", "qdpx"])
def test_an_import_merges_refreshes_and_one_ctrl_z_takes_it_back(
    window, qtbot, colleague, kind
) -> None:
    source = colleague_file(colleague, kind)
    view = window.panes[0].view
    assert len(window.tag_rows) == 3
    window.exchange.ask_import = lambda: str(source)
    with qtbot.waitSignal(window.exchange_finished, timeout=30_000) as finished:
        window.actions_by_id["file.import"].trigger()
    assert finished.args == ["imported"]
    assert window.report_error.calls == []
    [(title, text)] = window.report_notice.calls
    assert title == f"Imported {source.name}"
    assert "2 annotations added" in text and "0 already present" in text
    assert "0 notes merged" in text
    # The window shows them at once: marks, tags dock, vocabulary.
    assert len(window.tag_rows) == 5
    assert window.tags_panel.tags_model.rowCount() == 5
    assert "morale" in {r.tag_name for r in view.tag_rows}
    assert "morale" in {t.name for t in window.vocabulary}
    assert window.actions_by_id["edit.undo"].text() == f"&Undo Import '{source.name}'"

    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert len(window.tag_rows) == 3
    assert "morale" not in {t.name for t in window.vocabulary}
    assert "morale" not in {r.tag_name for r in view.tag_rows}


def test_importing_twice_adds_nothing_the_second_time(window, qtbot, colleague) -> None:
    assert run_import(qtbot, window, colleague) == "imported"
    assert run_import(qtbot, window, colleague) == "imported"
    text = window.report_notice.calls[-1][1]
    assert "0 annotations added" in text and "2 already present" in text
    assert len(window.tag_rows) == 5


def test_a_bad_file_is_named_and_the_tag_file_untouched(window, qtbot, tmp_path) -> None:
    bad = tmp_path / "broken.json"
    bad.write_text('{"schema": "nkdesk.tags/1", "annotations": [', encoding="utf-8")
    revision = window.tag_file.store.revision()
    undo = window.actions_by_id["edit.undo"].text()
    assert run_import(qtbot, window, bad) == "failed"
    [(title, text)] = window.report_error.calls
    assert title == "Cannot import the tags"
    assert str(bad) in text and "tag file is unchanged" in text
    assert window.tag_file.store.revision() == revision
    assert window.actions_by_id["edit.undo"].text() == undo
    assert window.report_notice.calls == []


def test_a_cancelled_import_merges_nothing(window, qtbot, colleague, monkeypatch, hold) -> None:
    real = exporting.read

    def held(path):
        hold.wait()
        return real(path)

    monkeypatch.setattr(exporting, "read", held)
    revision = window.tag_file.store.revision()
    assert window.exchange.import_from(colleague)
    qtbot.waitUntil(window.exchange.bar.isVisible)
    qtbot.mouseClick(window.exchange.cancel_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(window.exchange_finished, timeout=30_000) as finished:
        hold.release()
    assert finished.args == ["cancelled"]
    assert window.tag_file.store.revision() == revision
    assert len(window.tag_rows) == 3


def test_an_import_read_while_the_tag_file_changed_is_not_merged(
    window, qtbot, colleague, monkeypatch, hold, tmp_path
) -> None:
    real = exporting.read

    def held(path):
        hold.wait()
        return real(path)

    monkeypatch.setattr(exporting, "read", held)
    assert window.exchange.import_from(colleague)
    qtbot.waitUntil(hold.reached.is_set)
    assert window.tag_file_commands.open_tag_file(tmp_path / "another.sqlite")
    with qtbot.waitSignal(window.exchange_finished, timeout=30_000) as finished:
        hold.release()
    assert finished.args == ["failed"]
    [(title, text)] = window.report_error.calls
    assert title == "The import was not merged" and str(colleague) in text
    assert window.tag_file.store.annotations() == []
