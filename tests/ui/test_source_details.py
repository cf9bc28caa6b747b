"""Source Details: shown in the pane header, edited in a dialog, kept in the tag file, undone."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from nkdesk.corpus import Corpus
from nkdesk.sources import Source
from nkdesk.store import open_store

CTRL = Qt.KeyboardModifier.ControlModifier
READ = Source(outlet="Valley Courier", published="2021-06-02", author="T. Ortega")


@pytest.fixture
def corpus(synthetic_corpus: Corpus) -> Corpus:
    first, *rest = synthetic_corpus.documents
    return Corpus((replace(first, source=READ), *rest))


def test_the_header_shows_outlet_and_date_and_the_tooltip_the_rest(make_window, corpus) -> None:
    window = make_window(corpus)
    pane = window.panes[0]
    assert pane.meta_label.full_text.startswith("Valley Courier · 2021-06-02 · ")
    assert "By T. Ortega" in pane.meta_label.toolTip()
    assert "Valley Courier · 2021-06-02" in pane.title_label.toolTip()
    # An article that says nothing of its source says so in the tooltip.
    assert "No source details known" in window.panes[1].meta_label.toolTip()


def test_dialog_edits_persist_in_the_tag_file_and_undo(
    make_window, corpus, qtbot, tag_path: Path
) -> None:
    window = make_window(corpus)
    pane = window.panes[0]
    with qtbot.waitSignal(pane.source_details_requested):
        qtbot.mouseClick(pane.source_button, Qt.MouseButton.LeftButton)
    dialog = window.source_commands.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.fields["outlet"].text() == "Valley Courier"
    dialog.fields["outlet"].clear()
    qtbot.keyClicks(dialog.fields["outlet"], "Harbour Post")
    dialog.fields["published"].setText("not a date")
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled() and "not a date" in dialog.problem.text()
    dialog.fields["published"].setText("3 March 2022")
    dialog.fields["origin"].setText("First Wire")
    assert ok.isEnabled()
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    assert pane.meta_label.full_text.startswith(
        "Harbour Post · 2022-03-03 · first published by First Wire · "
    )
    with open_store(tag_path) as other:
        assert other.document(pane.document.id).source == Source(
            "Harbour Post", "2022-03-03", author="T. Ortega", origin="First Wire"
        )

    view = pane.view
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: pane.meta_label.full_text.startswith("Valley Courier · 2021-06-02"))
    with open_store(tag_path) as other:
        assert other.document(pane.document.id).source == READ


def test_the_menu_action_opens_the_current_articles_details(make_window, corpus) -> None:
    window = make_window(corpus)
    window.focus_pane(1)
    window.actions_by_id["edit.source_details"].trigger()
    dialog = window.source_commands.dialog
    assert dialog is not None and dialog.document_id == window.panes[1].document.id
    dialog.reject()


def test_without_a_tag_file_there_is_nothing_to_keep_edits_in(make_window, corpus) -> None:
    window = make_window(corpus, tags=None)
    assert not window.actions_by_id["edit.source_details"].isEnabled()
    assert window.source_commands.open_source_details(window.panes[0].document.id) is None
    # What the article says still shows.
    assert window.panes[0].meta_label.full_text.startswith("Valley Courier · 2021-06-02")
