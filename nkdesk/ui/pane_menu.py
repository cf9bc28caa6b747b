"""A pane's context menu: tagging entries on top of the standard Copy and Select All."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from nkdesk.ui.tagging import annotation_at, excerpt, menu_text
from nkdesk.ui.theme import swatch

if TYPE_CHECKING:
    from nkdesk.ui.main_window import MainWindow


def fill_context_menu(window: MainWindow, doc_id: str, menu: QMenu, position: int) -> None:
    """Add Tag as ▸ (each tag, New Tag…), Edit/Remove/Link the tag under the mouse,
    and Accept Claim for the shared passage there, to a pane's standard menu."""
    pane = window.pane(doc_id)
    if pane is None:
        return
    tagger, claims = window.tagger, window.claim_commands
    window.current_pane = window.panes.index(pane)
    first = menu.actions()[0] if menu.actions() else None
    on_selection = pane.view.selection() is not None
    passage = tagger.passage(pane, None if on_selection else position, explain=False)
    can_tag = window.tag_file.store is not None

    def tag_with(tag: int) -> None:
        if passage is not None:
            tagger.tag(pane, *passage, tag, value=tagger.value_in(doc_id, *passage))

    def quick_tag() -> None:
        if passage is not None:
            tagger.open_quick_tag(pane, *passage)

    tag_menu = QMenu("&Tag as", menu)
    tag_menu.setObjectName("tagAsMenu")
    for tag in window.vocabulary:
        key = f"\t{tag.hotkey}" if tag.hotkey else ""
        action = tag_menu.addAction(swatch(tag.colour), menu_text(tag.name) + key)
        action.setObjectName(f"tagAs:{tag.id}")
        action.triggered.connect(partial(tag_with, tag.id))
    tag_menu.addSeparator()
    new = tag_menu.addAction("&New Tag…")
    new.setObjectName("tagAsNew")
    new.triggered.connect(quick_tag)
    tag_menu.setEnabled(passage is not None and can_tag)
    menu.insertMenu(first, tag_menu)
    here = annotation_at([r.annotation for r in pane.view.tag_rows], position)
    if here is not None:
        name = next((r.tag_name for r in pane.view.tag_rows if r.annotation.id == here.id), "")
        for text, slot in (
            (f"&Edit Tag “{menu_text(name)}”…", partial(tagger.edit_annotation, here.id)),
            (f"&Remove Tag “{menu_text(name)}”", partial(tagger.remove_annotation, here.id)),
            ("&Link Tag to Claim…", partial(claims.link_annotation, here)),
        ):
            action = QAction(text, menu)
            action.triggered.connect(slot)
            menu.insertAction(first, action)
    cluster = claims.cluster_at(doc_id, position)
    if cluster is not None and can_tag:
        action = QAction(f"&Accept Claim “{excerpt(cluster.label, 40)}”", menu)
        action.triggered.connect(partial(claims.accept_cluster, pane, cluster, position))
        menu.insertAction(first, action)
    if first is not None:
        menu.insertSeparator(first)
