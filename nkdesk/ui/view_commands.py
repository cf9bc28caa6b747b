"""The View menu and the Window menu's docks: layers, panels, legend, zoom."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QWidget

from nkdesk.ui.controller import Controller

if TYPE_CHECKING:
    pass

# Zoom steps (QTextEdit.zoomIn points) a restored setting may hold.
ZOOM_RANGE = (-8, 24)

_LAYER_ACTIONS: dict[str, tuple[str, ...]] = {
    "view.shared": ("shared",),
    "view.verbatim": ("verbatim",),
    "view.event": ("event",),
    "view.conflict": ("conflict",),
    "view.claims": ("claim_number", "claim_date"),
}


class ViewCommands(Controller):
    """What the panes show (each highlight layer, the tag marks, the zoom) and which
    bottom panels are open; the menu items' ticks follow the panels' state."""

    def docks(self) -> list[tuple[str, QDockWidget, QWidget]]:
        """Each bottom panel: its View item, its dock, and what takes the keys in it."""
        window = self.window
        return [
            ("view.conflicts_panel", window.conflicts_dock, window.conflicts_table),
            ("view.claim_matrix", window.matrix_dock, window.matrix_table),
            ("view.tags_panel", window.tags_dock, window.tags_panel.filter_edit),
            ("view.timeline", window.timeline_dock, window.timeline_panel.canvas),
        ]

    # -- highlight layers -------------------------------------------------------

    def apply_layer_toggles(self) -> None:
        """Show in every pane (new ones too) the layers the View menu has ticked."""
        actions = self.window.actions_by_id
        for action_id in _LAYER_ACTIONS:
            self._toggle_layers(action_id, actions[action_id].isChecked())
        self.on_view_tag_marks_triggered(actions["view.tag_marks"].isChecked())

    def _toggle_layers(self, action_id: str, visible: bool) -> None:
        for pane in self.window.panes:
            for layer in _LAYER_ACTIONS[action_id]:
                pane.set_layer_visible(layer, visible)

    def on_view_shared_triggered(self, checked: bool) -> None:
        self._toggle_layers("view.shared", checked)

    def on_view_verbatim_triggered(self, checked: bool) -> None:
        self._toggle_layers("view.verbatim", checked)

    def on_view_event_triggered(self, checked: bool) -> None:
        self._toggle_layers("view.event", checked)

    def on_view_conflict_triggered(self, checked: bool) -> None:
        self._toggle_layers("view.conflict", checked)

    def on_view_claims_triggered(self, checked: bool) -> None:
        self._toggle_layers("view.claims", checked)

    def on_view_tag_marks_triggered(self, checked: bool) -> None:
        for pane in self.window.panes:
            pane.view.set_tags_visible(checked)

    # -- panels ---------------------------------------------------------------

    def _go_to_dock(self, toggle: str) -> None:
        """Show a bottom panel (ticking its View item), bring its tab up, give it the keys."""
        dock, widget = next((d, w) for a, d, w in self.docks() if a == toggle)
        self.window.actions_by_id[toggle].setChecked(True)
        dock.raise_()
        widget.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def on_window_conflicts_triggered(self) -> None:
        self._go_to_dock("view.conflicts_panel")

    def on_window_claim_matrix_triggered(self) -> None:
        self._go_to_dock("view.claim_matrix")

    def on_window_tags_triggered(self) -> None:
        self._go_to_dock("view.tags_panel")

    def on_window_timeline_triggered(self) -> None:
        self._go_to_dock("view.timeline")

    def _show_dock(self, toggle: str, visible: bool) -> None:
        dock = next(d for a, d, _ in self.docks() if a == toggle)
        dock.setVisible(visible)
        if visible:
            dock.raise_()  # bring its tab to the front

    def on_view_tags_panel_triggered(self, checked: bool) -> None:
        self._show_dock("view.tags_panel", checked)

    def on_view_conflicts_panel_triggered(self, checked: bool) -> None:
        self._show_dock("view.conflicts_panel", checked)

    def on_view_claim_matrix_triggered(self, checked: bool) -> None:
        self._show_dock("view.claim_matrix", checked)

    def on_view_timeline_triggered(self, checked: bool) -> None:
        self._show_dock("view.timeline", checked)

    def on_dock_visibility_changed(self, _visible: bool) -> None:
        # Closing a dock by its title-bar button must untick its menu item.
        # Not `_visible`: a dock whose tab is behind another's reports False
        # without being closed, and a hidden main window hides its docks too.
        if self.window.isVisible():
            self.sync_dock_actions()

    def sync_dock_actions(self) -> None:
        for action_id, dock, _ in self.docks():
            self.window.actions_by_id[action_id].setChecked(not dock.isHidden())

    def on_view_legend_triggered(self, checked: bool) -> None:
        self.window.legend.setVisible(checked)

    # -- zoom -----------------------------------------------------------------

    def zoom_by(self, steps: int) -> None:
        window = self.window
        low, high = ZOOM_RANGE
        steps = max(low, min(high, window.zoom + steps)) - window.zoom
        window.zoom += steps
        for pane in window.panes:
            pane.view.zoomIn(steps)
        window.zoomed.emit(window.zoom)

    def on_view_zoom_in_triggered(self) -> None:
        self.zoom_by(1)

    def on_view_zoom_out_triggered(self) -> None:
        self.zoom_by(-1)

    def on_view_zoom_reset_triggered(self) -> None:
        self.zoom_by(-self.window.zoom)
