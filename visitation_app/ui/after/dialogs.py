"""Approving the minutes and reopening a meeting: who does it, and (for reopening) why.

`ask_approval` and `ask_reopen` are the entry points; tests replace them with monkeypatch.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from visitation_app.i18n import _


def _explanation(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


class ApproveDialog(QDialog):
    """Name of the approver and a deliberate 'Approve'."""

    def __init__(self, chair_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Approve minutes"))
        self.setMinimumWidth(460)
        self.name = QLineEdit(chair_name)
        self.name.setPlaceholderText(_("The name of the person approving"))

        layout = QVBoxLayout(self)
        layout.addWidget(
            _explanation(
                _(
                    "When the minutes are approved, the meeting is locked and the minutes are "
                    "kept exactly as they are now. A locked meeting can be reopened with a reason."
                )
            )
        )
        form = QFormLayout()
        form.addRow(_("Approved by:"), self.name)
        layout.addLayout(form)

        self.buttons = QDialogButtonBox()
        self.approve_button: QPushButton = self.buttons.addButton(
            _("Approve minutes"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.name.textChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        self.approve_button.setEnabled(bool(self.name.text().strip()))

    def approver(self) -> str:
        return self.name.text().strip()


class ReopenDialog(QDialog):
    """Who reopens the approved minutes and why (the reason is printed in the minutes)."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Reopen meeting"))
        self.setMinimumWidth(460)
        self.name = QLineEdit(name)
        self.reason = QPlainTextEdit()
        self.reason.setTabChangesFocus(True)
        self.reason.setPlaceholderText(_("e.g. a wrong amount in the decision on item 3"))
        self.reason.setMinimumHeight(80)

        layout = QVBoxLayout(self)
        layout.addWidget(
            _explanation(
                _(
                    "Reopening unlocks the meeting so it can be changed. The minutes must then "
                    "be approved again. The reason is kept and printed in the minutes."
                )
            )
        )
        form = QFormLayout()
        form.addRow(_("Reopened by:"), self.name)
        form.addRow(_("Reason:"), self.reason)
        layout.addLayout(form)
        self.buttons = QDialogButtonBox()
        self.reopen_button: QPushButton = self.buttons.addButton(
            _("Reopen meeting"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.name.textChanged.connect(self._update)
        self.reason.textChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        self.reopen_button.setEnabled(
            bool(self.name.text().strip()) and bool(self.reason.toPlainText().strip())
        )

    def values(self) -> tuple[str, str]:
        return self.name.text().strip(), self.reason.toPlainText().strip()


def ask_approval(parent: QWidget | None, chair_name: str) -> str | None:
    """The approver's name, or None if the chair cancelled."""
    dialog = ApproveDialog(chair_name, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.approver()


def ask_reopen(parent: QWidget | None, name: str) -> tuple[str, str] | None:
    """(name, reason), or None if the chair cancelled."""
    dialog = ReopenDialog(name, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.values()
