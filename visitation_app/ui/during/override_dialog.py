"""Marking a decision final although something the law requires is missing.

The chair must see what is missing and write why the decision is made anyway; the reason
is stored with the decision and printed in the minutes.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from visitation_app.i18n import _


class OverrideDialog(QDialog):
    def __init__(self, missing: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Mark final although something is missing"))
        intro = QLabel(_("The decision still lacks:"))
        self.listing = listing = QLabel("\n".join(f"• {text}" for text in missing))
        listing.setWordWrap(True)
        listing.setStyleSheet("color: #b3261e;")
        prompt = QLabel(
            _(
                "Write why the decision is made final anyway. The reason is kept with the "
                "decision and printed in the minutes."
            )
        )
        prompt.setWordWrap(True)
        self.reason = QPlainTextEdit()
        self.reason.setTabChangesFocus(True)
        self.reason.setPlaceholderText(
            _("e.g. The citizen was heard at the meeting and agreed to the decision.")
        )
        prompt.setBuddy(self.reason)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("Mark final"))
        self.ok_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reason.textChanged.connect(
            lambda: self.ok_button.setEnabled(bool(self.reason.toPlainText().strip()))
        )
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(listing)
        layout.addWidget(prompt)
        layout.addWidget(self.reason)
        layout.addWidget(self.buttons)
        self.resize(520, 360)

    def reason_text(self) -> str:
        return self.reason.toPlainText().strip()
