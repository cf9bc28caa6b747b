"""Every action of the window, declared once: its menu, text, shortcut and why.

The window builds its menus and binds its handlers from this table; the
Help > Keyboard shortcuts dialog lists it; a test checks that every shortcut
parses and that none collides. Handlers are named
``on_<id with dots as underscores>_triggered``: a method of the window or of
one of the controllers it composes (``MainWindow._handlers`` finds it there).

Esc appears once, for View > Stop Comparing, and is enabled only while a
comparison runs, so the rest of the time it reaches the focused widget. The
find bar's own Esc ("close the bar") is not an action: like a dialog's, it
belongs to the bar, which claims the key while its field has focus
(``FindBar``), so the two never compete; the tagging popups own their Esc and
Enter the same way.

Tagging keys are plain letters and digits (T, E, L, A, 1-9, Delete) scoped to
the panes: the panes are read-only and never take typed text, so a bare key
costs nothing there, while the same key in the find bar or a popup still types.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence

Scope = Literal["window", "panes"]
MAX_PANE_SHORTCUTS = 9


@dataclass(frozen=True, slots=True)
class ActionSpec:
    """One action: where it sits, what it says, its key and why that key."""

    id: str
    menu: str
    text: str
    shortcut: str = ""
    why: str = ""
    checkable: bool = False
    checked: bool = False
    # A submenu the window fills at run time (File > Open Recent): no handler.
    submenu: bool = False
    # "panes": the key only works while an article pane has focus, so a plain
    # key such as Return stays free for the table and dialogs.
    scope: Scope = "window"

    @property
    def slot(self) -> str:
        return f"on_{self.id.replace('.', '_')}_triggered"


MENUS: tuple[str, ...] = ("&File", "&Edit", "&View", "&Go", "&Tags", "&Window", "&Help")
MAX_TAG_HOTKEYS = 9

ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("file.open", "&File", "&Open Articles…", "Ctrl+O"),
    ActionSpec(
        "file.open_folder",
        "&File",
        "Open &Folder…",
        "Ctrl+Shift+O",
        why="a corpus is usually a folder of articles; Shift is the usual 'variant of Open'",
    ),
    ActionSpec("file.open_recent", "&File", "Open &Recent", submenu=True),
    ActionSpec("file.reopen_last", "&File", "Reopen &Last Corpus"),
    ActionSpec("file.new_tag_file", "&File", "&New Tag File…"),
    ActionSpec("file.open_tag_file", "&File", "Open &Tag File…"),
    ActionSpec(
        "file.export",
        "&File",
        "&Export Tags…",
        "Ctrl+E",
        why="E for export; the save dialog's file types choose the format",
    ),
    ActionSpec(
        "file.import",
        "&File",
        "&Import Tags…",
        why="no key: a rare step, merged into the tag file (Ctrl+Z takes it back whole)",
    ),
    ActionSpec("file.quit", "&File", "&Quit", "Ctrl+Q"),
    ActionSpec(
        "edit.undo",
        "&Edit",
        "&Undo",
        "Ctrl+Z",
        why="undoes this window's latest tag operation, also one made before a restart; "
        "never one of another window open on the same file",
    ),
    ActionSpec(
        "edit.redo",
        "&Edit",
        "&Redo",
        "Ctrl+Shift+Z",
        why="as in GNOME and KDE applications; Ctrl+Y stays free",
    ),
    ActionSpec("edit.vocabulary", "&Edit", "Tag &Vocabulary…"),
    ActionSpec(
        "edit.source_details",
        "&Edit",
        "&Source Details…",
        "Ctrl+I",
        why="I for information: the current article's outlet, date, address, author and "
        "origin (the panes are read-only, so no italic to clash with)",
    ),
    ActionSpec("edit.find", "&Edit", "&Find in All Articles…", "Ctrl+F"),
    ActionSpec(
        "edit.find_next",
        "&Edit",
        "Find &Next",
        "F3",
        why="F3 / Shift+F3 find next / previous in browsers and most editors",
    ),
    ActionSpec("edit.find_previous", "&Edit", "Find &Previous", "Shift+F3"),
    ActionSpec("view.shared", "&View", "&Shared Passages", checkable=True, checked=True),
    ActionSpec("view.verbatim", "&View", "Near-&Verbatim Copies", checkable=True, checked=True),
    # Off at first: in a story told by many sources most sentences report the
    # same event somewhere; the hover text and Return show them anyway.
    ActionSpec("view.event", "&View", "Same-&Event Sentences", checkable=True, checked=False),
    ActionSpec("view.conflict", "&View", "&Conflicting Values", checkable=True, checked=True),
    ActionSpec("view.claims", "&View", "Claim &Tokens", checkable=True, checked=True),
    ActionSpec(
        "view.tag_marks",
        "&View",
        "Tag Mar&ks",
        checkable=True,
        checked=True,
        why="the analyst's tags, underlined in their colours",
    ),
    ActionSpec("view.conflicts_panel", "&View", "Conflicts &Panel", checkable=True, checked=True),
    ActionSpec("view.claim_matrix", "&View", "Claim &Matrix", checkable=True, checked=True),
    ActionSpec("view.tags_panel", "&View", "Ta&gs Panel", checkable=True, checked=True),
    ActionSpec("view.timeline", "&View", "T&imeline", checkable=True, checked=True),
    ActionSpec("view.legend", "&View", "&Legend", checkable=True, checked=True),
    ActionSpec(
        "view.linked_scrolling",
        "&View",
        "&Linked Scrolling",
        checkable=True,
        why="off by default: it moves panes the analyst did not touch",
    ),
    ActionSpec("view.zoom_in", "&View", "Zoom &In", "Ctrl++"),
    ActionSpec("view.zoom_out", "&View", "Zoom &Out", "Ctrl+-"),
    ActionSpec("view.zoom_reset", "&View", "&Reset Zoom", "Ctrl+0"),
    ActionSpec(
        "view.stop",
        "&View",
        "&Stop Comparing",
        "Esc",
        why="Esc stops loading in browsers; enabled only while a comparison runs",
    ),
    ActionSpec(
        "view.compare_again",
        "&View",
        "Compare &Again",
        "F5",
        why="F5 reloads in browsers and file managers; after a Stop it brings the marks back",
    ),
    ActionSpec(
        "go.next_shared",
        "&Go",
        "&Next Shared Passage",
        "F8",
        why="F8 is 'next difference' in Visual Studio and several diff tools",
    ),
    ActionSpec("go.previous_shared", "&Go", "&Previous Shared Passage", "Shift+F8"),
    ActionSpec(
        "go.next_conflict",
        "&Go",
        "Next &Conflict",
        "F9",
        why="beside F8: passages and conflicts are walked the same way",
    ),
    ActionSpec("go.previous_conflict", "&Go", "Previous C&onflict", "Shift+F9"),
    ActionSpec(
        "go.partners",
        "&Go",
        "Show Partner &Passages",
        "Return",
        why="Enter at the caret does what a click does; only while a pane has focus. "
        "With a selection, Enter opens the quick-tag popup instead",
        scope="panes",
    ),
    ActionSpec(
        "tags.quick_tag",
        "&Tags",
        "&Tag Selection…",
        "T",
        why="T for tag: opens the quick-tag popup at the selection (or the word at the "
        "caret); Enter with a selection does the same",
        scope="panes",
    ),
    *(
        ActionSpec(
            f"tags.apply_{n}",
            "&Tags",
            f"Apply Tag &{n}",
            f"{n}",
            why="one key per tag, as in labelling tools (brat, INCEpTION); without a "
            "selection it tags the word at the caret"
            if n == 1
            else "",
            scope="panes",
        )
        for n in range(1, MAX_TAG_HOTKEYS + 1)
    ),
    ActionSpec(
        "tags.edit",
        "&Tags",
        "&Edit Tag at Caret…",
        "E",
        why="the keyboard's way to what a click on a tag's underline does",
        scope="panes",
    ),
    ActionSpec(
        "tags.remove",
        "&Tags",
        "&Remove Tag at Caret",
        "Delete",
        why="the innermost tag at the caret, the most recent of equals; Ctrl+Z brings it back",
        scope="panes",
    ),
    ActionSpec(
        "tags.link_claim",
        "&Tags",
        "&Link Tag to Claim…",
        "L",
        why="L for link: puts the tagged passage in a claim that gathers several sources",
        scope="panes",
    ),
    ActionSpec(
        "tags.accept_claim",
        "&Tags",
        "&Accept Claim at Caret",
        "A",
        why="A for accept: the automatic claim at the caret becomes the analyst's, its "
        "passages in every source tagged in one undoable step",
        scope="panes",
    ),
    ActionSpec(
        "window.next_pane",
        "&Window",
        "&Next Pane",
        "Ctrl+Tab",
        why="as between tabs in browsers and editors",
    ),
    ActionSpec("window.previous_pane", "&Window", "&Previous Pane", "Ctrl+Shift+Tab"),
    *(
        ActionSpec(
            f"window.pane_{n}",
            "&Window",
            f"Pane &{n}",
            f"Ctrl+{n}",
            why="as Ctrl+N picks tab N in browsers" if n == 1 else "",
        )
        for n in range(1, MAX_PANE_SHORTCUTS + 1)
    ),
    ActionSpec(
        "window.conflicts",
        "&Window",
        "Go to &Conflicts",
        "Alt+1",
        why="Alt+digit goes to a bottom panel, as Qt Creator's output panes",
    ),
    ActionSpec("window.claim_matrix", "&Window", "Go to Claim &Matrix", "Alt+2"),
    ActionSpec(
        "window.tags",
        "&Window",
        "Go to &Tags",
        "Alt+3",
        why="to the tags panel's filter box; Enter on a row goes back to its passage",
    ),
    ActionSpec(
        "window.timeline",
        "&Window",
        "Go to T&imeline",
        "Alt+4",
        why="to the plot of the chosen claim; arrows move between its values, Return shows one",
    ),
    ActionSpec("help.shortcuts", "&Help", "&Keyboard Shortcuts", "F1"),
)


def spec(action_id: str) -> ActionSpec:
    for item in ACTIONS:
        if item.id == action_id:
            return item
    raise KeyError(action_id)


def create_actions(
    parent: QObject, handlers: Mapping[str, Callable[..., object]]
) -> dict[str, QAction]:
    """A QAction per registry entry, connected to ``handlers[spec.slot]``."""
    actions: dict[str, QAction] = {}
    for item in ACTIONS:
        action = QAction(item.text, parent)
        action.setObjectName(item.id)
        if item.shortcut:
            action.setShortcut(QKeySequence(item.shortcut))
        if item.scope == "panes":
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        if item.submenu:
            pass
        elif item.checkable:
            action.setCheckable(True)
            action.setChecked(item.checked)
            action.toggled.connect(handlers[item.slot])
        else:
            action.triggered.connect(handlers[item.slot])
        actions[item.id] = action
    return actions
