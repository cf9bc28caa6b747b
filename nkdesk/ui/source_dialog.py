"""Edit > Source Details…: an article's outlet, date, address, author and origin, editable."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from nkdesk import sources
from nkdesk.sources import Source

LABELS = {
    "outlet": "&Outlet:",
    "published": "&Published:",
    "url": "&Address (URL):",
    "author": "Au&thor:",
    "origin": "First published &by:",
}
FIELD_WIDTH_PX = 420


class SourceDialog(QDialog):
    """The source details of one article; ``details()`` is what the analyst set.

    Each field shows what the article says as its placeholder, so clearing a
    field and leaving it blank is visibly "unknown" and what was read is never
    out of sight. A date that is not one is refused before OK is possible.
    """

    def __init__(
        self,
        document_id: str,
        title: str,
        shown: Source,
        read: Source,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.document_id = document_id
        self.setWindowTitle("Source Details")
        heading = QLabel(title, self)
        heading.setWordWrap(True)
        heading.setObjectName("sourceDialogTitle")
        form = QFormLayout()
        self.fields: dict[str, QLineEdit] = {}
        for name in sources.FIELDS:
            edit = QLineEdit(getattr(shown, name) or "", self)
            edit.setObjectName(f"source_{name}")
            edit.setMinimumWidth(FIELD_WIDTH_PX)
            if read_value := getattr(read, name):
                edit.setPlaceholderText(f"{read_value} (as read)")
            edit.textChanged.connect(self.on_field_text_changed)
            label = QLabel(LABELS[name], self)
            label.setBuddy(edit)
            form.addRow(label, edit)
            self.fields[name] = edit
        self.fields["published"].setToolTip(
            "A date: 2024-12-27, 2024-12, 2024, or as written (27 December 2024)"
        )
        self.problem = QLabel("", self)
        self.problem.setObjectName("sourceDialogProblem")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.on_field_text_changed()

    def details(self) -> Source:
        """The details as the fields say them (dates made ISO, blanks unknown)."""
        return Source.from_mapping({n: e.text() for n, e in self.fields.items()})

    def on_field_text_changed(self, _text: str = "") -> None:
        published = self.fields["published"].text().strip()
        bad = bool(published) and not sources.iso_date(published)
        self.problem.setText(
            f"“{published}” is not a date (write 2024-12-27, 2024-12 or 2024)" if bad else ""
        )
        self.problem.setVisible(bad)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(not bad)
