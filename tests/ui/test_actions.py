"""The action registry: every shortcut parses, none collides, every action is wired."""

from __future__ import annotations

from collections import Counter

from PySide6.QtGui import QKeySequence

from nkdesk.ui.actions import ACTIONS, MENUS


def test_every_shortcut_parses_to_one_key() -> None:
    for action in ACTIONS:
        if action.shortcut:
            sequence = QKeySequence(action.shortcut)
            assert sequence.count() == 1, action.id
            assert not sequence.isEmpty(), action.id
            # Round-trips: a typo such as "Ctrl+Shfit+O" would not.
            assert QKeySequence(sequence.toString()) == sequence, action.id


def test_no_two_actions_share_a_shortcut() -> None:
    keys = Counter(QKeySequence(a.shortcut).toString() for a in ACTIONS if a.shortcut)
    assert [key for key, n in keys.items() if n > 1] == []


def test_ids_are_unique_and_menus_known() -> None:
    ids = [a.id for a in ACTIONS]
    assert len(ids) == len(set(ids))
    assert {a.menu for a in ACTIONS} <= set(MENUS)


def test_the_brief_keys_are_bound() -> None:
    bound = {a.shortcut for a in ACTIONS}
    expected = {
        "F8",
        "Shift+F8",
        "F9",
        "Shift+F9",
        "Ctrl+Tab",
        "Ctrl+Shift+Tab",
        "Ctrl++",
        "Ctrl+-",
        "Ctrl+Q",
        "Ctrl+O",
        "F1",
        "Return",
        # Tagging (the issue): quick-tag, hotkeys, edit, delete, link, accept, undo.
        "T",
        "E",
        "Delete",
        "L",
        "A",
        "Ctrl+Z",
        "Ctrl+Shift+Z",
    }
    expected |= {f"Ctrl+{n}" for n in range(1, 10)}
    expected |= {f"{n}" for n in range(1, 10)}
    assert expected <= bound


def test_bare_keys_act_only_in_the_panes() -> None:
    # A plain letter, digit or Delete must still type in the find bar, the
    # popups and the tags panel's filter box.
    typing = [a for a in ACTIONS if len(a.shortcut) == 1 or a.shortcut in ("Delete", "Return")]
    assert len(typing) >= 15
    for action in typing:
        assert action.scope == "panes", action.id


def test_every_action_is_in_a_menu_with_its_shortcut(make_window, synthetic_corpus) -> None:
    window = make_window(synthetic_corpus, wait=False)
    in_menus = {
        action.objectName(): action
        for menu_action in window.menuBar().actions()
        for action in menu_action.menu().actions()
    }
    for spec in ACTIONS:
        action = in_menus[spec.id]
        assert action.shortcut() == QKeySequence(spec.shortcut), spec.id


def test_shortcuts_dialog_lists_the_registry(make_window, synthetic_corpus, qtbot) -> None:
    window = make_window(synthetic_corpus, wait=False)
    window.actions_by_id["help.shortcuts"].trigger()
    dialog = window.shortcuts_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.table.rowCount() == sum(1 for a in ACTIONS if a.shortcut)
    keys = {dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())}
    native = QKeySequence.SequenceFormat.NativeText
    wanted = {QKeySequence(k).toString(native) for k in ("F8", "T", "1", "9", "Delete", "Ctrl+Z")}
    assert wanted <= keys
    actions = {dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())}
    assert {"Tag Selection…", "Accept Claim at Caret", "Undo"} <= actions
