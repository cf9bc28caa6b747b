"""Small things of the window an analyst trips over (issue 14, item 10): the Window
menu, every shortcut unique and working, where Open Folder starts, docks that stay
docked and show enough rows."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QDockWidget

import nkdesk
from nkdesk.bundle import seeds_dir

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def pane_items(window) -> list[str]:
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Window")
    return [
        a.text()
        for a in menu.actions()
        if a.isVisible() and a.objectName().startswith("window.pane_")
    ]


def test_the_window_menu_lists_only_the_open_panes_by_article(make_window, seed_corpus) -> None:
    window = make_window(seed_corpus, wait=False, size=(1400, 900))
    items = pane_items(window)
    assert len(items) == 5
    for n, (item, document) in enumerate(zip(items, seed_corpus.documents, strict=True), 1):
        assert item.startswith(f"Pane &{n}: ")
        assert document.title.startswith(item.removeprefix(f"Pane &{n}: ").rstrip("…"))
    assert not window.actions_by_id["window.pane_6"].isEnabled()


def test_the_window_menu_follows_a_smaller_corpus(
    make_window, seed_corpus, synthetic_corpus
) -> None:
    window = make_window(seed_corpus, wait=False)
    window.set_corpus(synthetic_corpus)
    assert [i.split(":")[0] for i in pane_items(window)] == ["Pane &1", "Pane &2"]


def window_shortcuts(window) -> dict[str, set[object]]:
    """Every key bound in the window (actions and QShortcuts, all their keys) -> owners."""
    owners: dict[str, set[object]] = defaultdict(set)
    for action in window.findChildren(QAction):
        for key in action.shortcuts():
            owners[key.toString()].add(action)
    for shortcut in window.findChildren(QShortcut):
        for key in shortcut.keys():  # noqa: SIM118 (QShortcut.keys, not a dict)
            owners[key.toString()].add(shortcut)
    return owners


def test_every_shortcut_in_the_window_is_unique(make_window, synthetic_corpus) -> None:
    # Two owners of one key make Qt call it ambiguous and do neither: the
    # registry test cannot see a QShortcut or QAction a widget adds itself.
    window = make_window(synthetic_corpus, wait=False)
    window.on_help_shortcuts_triggered()
    window.vocabulary_commands.on_edit_vocabulary_triggered()
    owners = window_shortcuts(window)
    assert QKeySequence("Ctrl+Shift+O").toString() in owners
    assert {k: o for k, o in owners.items() if len(o) > 1} == {}


def test_ctrl_shift_o_opens_a_folder_wherever_the_focus_is(make_window, synthetic_corpus, qtbot):
    window = make_window(synthetic_corpus, wait=False)
    asked: list[str] = []
    window.files.ask_folder = lambda: asked.append("asked") or ""
    window.find_bar.open()
    places = {
        "pane": window.panes[1].view,
        "find bar": window.find_bar.field,
        "tags filter": window.tags_panel.filter_edit,
        "conflicts": window.conflicts_table,
        "matrix": window.matrix_table,
    }
    for place, widget in places.items():
        widget.setFocus()
        qtbot.waitUntil(widget.hasFocus)
        asked.clear()
        qtbot.keyClick(widget, Qt.Key.Key_O, CTRL_SHIFT)
        assert asked == ["asked"], place
    # Also with the key list (F1) in front: a window's keys act only while it is active.
    window.on_help_shortcuts_triggered()
    dialog = window.shortcuts_dialog
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    asked.clear()
    qtbot.keyClick(dialog.table, Qt.Key.Key_O, CTRL_SHIFT)
    assert asked == ["asked"]


def inside_the_package(folder: str) -> bool:
    installed = Path(nkdesk.__file__).resolve().parent
    resolved = Path(folder).resolve()
    return any(f == resolved or f in resolved.parents for f in (installed, seeds_dir().resolve()))


def test_open_folder_starts_at_home_not_in_the_installed_seeds(make_window, seed_corpus) -> None:
    window = make_window(seed_corpus, wait=False)
    assert window.files.start_folder() == str(Path.home())
    assert not inside_the_package(window.files.start_folder())


def test_open_folder_starts_in_the_current_corpus_folder(make_window, seed_corpus, tmp_path, texts):
    window = make_window(seed_corpus, wait=False)
    case = tmp_path / "case"
    case.mkdir()
    for name, text in list(texts.items())[:2]:
        (case / f"{name}.txt").write_text(text, encoding="utf-8")
    assert window.files.open_paths([case])
    assert window.files.start_folder() == str(case)
    # Back on the seeds, it starts where the analyst's own corpus was.
    window.set_corpus(seed_corpus)
    assert window.files.start_folder() == str(case)


@pytest.fixture
def texts(seed_corpus) -> dict[str, str]:
    return {d.id: d.text for d in seed_corpus.documents}


def test_docks_do_not_float_when_their_title_is_dragged(make_window, synthetic_corpus) -> None:
    window = make_window(synthetic_corpus, wait=False)
    for dock in (window.conflicts_dock, window.matrix_dock, window.tags_dock):
        features = dock.features()
        assert not features & QDockWidget.DockWidgetFeature.DockWidgetFloatable
        assert features & QDockWidget.DockWidgetFeature.DockWidgetClosable
        assert features & QDockWidget.DockWidgetFeature.DockWidgetMovable


def test_a_dock_saved_floating_comes_back_docked(make_window, synthetic_corpus, qtbot) -> None:
    from nkdesk.ui.main_window import MainWindow

    window = make_window(synthetic_corpus, wait=False)
    window.conflicts_dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetFloatable)
    window.conflicts_dock.setFloating(True)
    window.save_settings()
    assert isinstance(window.settings.value("window/state"), QByteArray)
    again = MainWindow(synthetic_corpus)
    qtbot.addWidget(again)
    assert not again.conflicts_dock.isFloating()


def test_the_conflicts_dock_shows_more_than_four_rows(make_window, seed_corpus, qtbot) -> None:
    window = make_window(seed_corpus, size=(1400, 900))
    window.view_commands.on_window_conflicts_triggered()
    table = window.conflicts_table
    qtbot.waitUntil(table.isVisible)
    assert table.model().rowCount() > 5
    rows = table.viewport().height() // table.verticalHeader().defaultSectionSize()
    assert rows >= 6
    assert window.conflicts_dock.minimumHeight() >= window.dock_height(5)
