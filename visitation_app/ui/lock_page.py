"""The page shown while the window is locked: the program's name, "Låst", and the way back in.

For an encrypted database the passphrase is typed here; for a plain one a button unlocks,
with a line saying that the database is not encrypted. The page takes every key typed on
it, so nothing reaches the window or dialog it covers (Enter, Esc, shortcuts).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from visitation_app.i18n import _
from visitation_app.ui.passphrase_fields import passphrase_edit
from visitation_app.ui.style import form_error_label

FIELD_WIDTH = 320


def _label(text: str = "", *, scale: float = 1.0, bold: bool = False) -> QLabel:
    label = QLabel(text)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if scale != 1.0 or bold:
        font = QFont(label.font())
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * scale)
        font.setBold(bold)
        label.setFont(font)
    return label


class LockPage(QFrame):
    """Covers a window while the program is locked; `unlock_requested` carries what was
    typed ('' for a database without encryption)."""

    unlock_requested = Signal(str)

    def __init__(
        self, parent: QWidget | None = None, *, encrypted: bool, compact: bool = False
    ) -> None:
        super().__init__(parent)
        self.setObjectName("lockPage")
        self.setAutoFillBackground(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.encrypted = encrypted
        scale = 1.0 if compact else 1.6
        self.name_label = _label(_("Visitation meetings"), scale=scale)
        self.locked_label = _label(_("Locked"), scale=scale * 1.3, bold=True)
        if encrypted:
            hint = _("Type the passphrase to unlock.")
        else:
            hint = _(
                "The database is not encrypted, so the window is unlocked without a passphrase."
            )
        self.hint_label = _label(hint)
        self.edit = passphrase_edit(_("The passphrase"))
        self.edit.setVisible(encrypted)
        self.edit.setMaximumWidth(FIELD_WIDTH)
        self.edit.returnPressed.connect(self._request)
        self.problem_label = form_error_label()
        self.problem_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.unlock_button = QPushButton(_("Unlock"))
        self.unlock_button.setAutoDefault(False)
        self.unlock_button.clicked.connect(self._request)

        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.edit, 3)
        row.addWidget(self.unlock_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        for widget in (self.name_label, self.locked_label, self.hint_label):
            layout.addWidget(widget)
        layout.addSpacing(6 if compact else 18)
        layout.addLayout(row)
        layout.addWidget(self.problem_label)
        layout.addStretch(1)

    def _request(self) -> None:
        self.unlock_requested.emit(self.edit.text() if self.encrypted else "")

    def show_problem(self, text: str) -> None:
        """Say what went wrong (a wrong passphrase) and make the field ready for another try."""
        self.problem_label.setText(text)
        self.problem_label.show()
        self.edit.clear()
        self.take_focus()

    def take_focus(self) -> None:
        (self.edit if self.encrypted else self.unlock_button).setFocus(
            Qt.FocusReason.OtherFocusReason
        )

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter unlocks; every other key stops here (Esc must not close a covered dialog)."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not self.encrypted:
            self._request()
        event.accept()

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        event.accept()
