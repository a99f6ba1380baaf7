"""The passphrase dialogs: choosing one (first start, encrypting, changing it) and typing it
to open an encrypted database.

Each dialog is a class of its own with real widgets (tests type into them and replace only
`exec`); the `ask_*` functions are what the rest of the window calls.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from visitation_app.i18n import _
from visitation_app.ui.passphrase_fields import (
    NewPassphraseFields,
    ShowPassphraseBox,
    passphrase_edit,
)
from visitation_app.ui.style import form_error_label

DIALOG_WIDTH = 520


def why_a_passphrase() -> str:
    """The two sentences every chair reads before choosing a passphrase."""
    return _(
        "The passphrase cannot be recovered: if it is forgotten, nobody can open the "
        "database, not even the program's suppliers. It protects the citizens' data if "
        "the laptop is lost or stolen."
    )


def _text(text: str, name: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if name:
        label.setObjectName(name)
    return label


def fit_later(dialog: QWidget) -> None:
    """Let the dialog take the height its wrapped lines need once a line came or went
    (Qt does not grow a window for the height of word-wrapped labels by itself)."""
    QTimer.singleShot(0, lambda: dialog.adjustSize() if isValid(dialog) else None)


class Purpose(enum.Enum):
    """Why a new passphrase is chosen; decides the texts and buttons of the dialog."""

    FIRST_START = "first"
    ENCRYPT = "encrypt"
    CHANGE = "change"


class NewPassphraseDialog(QDialog):
    """Choose a new passphrase (typed twice); when changing it, the current one first.

    At the first start a secondary button leads to an unencrypted database, after a
    warning the chair must confirm (`confirm_without_encryption`); `chose_plain` says so.
    """

    def __init__(
        self,
        purpose: Purpose,
        parent: QWidget | None = None,
        *,
        check_current: Callable[[str], bool] | None = None,
    ) -> None:
        super().__init__(parent)
        self.purpose = purpose
        self.chose_plain = False
        self._check_current = check_current
        titles = {
            Purpose.FIRST_START: _("Choose a passphrase"),
            Purpose.ENCRYPT: _("Encrypt the database"),
            Purpose.CHANGE: _("Change the passphrase"),
        }
        self.setWindowTitle(titles[purpose])

        layout = QVBoxLayout(self)
        introduction = _text(self._introduction())
        introduction.setMinimumWidth(DIALOG_WIDTH)
        layout.addWidget(introduction)
        layout.addWidget(_text(why_a_passphrase()))

        self.current_edit = passphrase_edit()
        self.current_problem = form_error_label()
        rows: list[tuple[str, QWidget]] = []
        if purpose is Purpose.CHANGE:
            rows = [(_("&Current passphrase:"), self.current_edit), ("", self.current_problem)]
            self.current_edit.textChanged.connect(lambda: self._show_current_problem(None))
        self.fields = NewPassphraseFields(first_rows=rows)
        self.fields.lines_changed.connect(lambda: fit_later(self))
        layout.addWidget(self.fields)

        self.buttons = QDialogButtonBox()
        accept_texts = {
            Purpose.FIRST_START: _("Create encrypted database"),
            Purpose.ENCRYPT: _("Encrypt"),
            Purpose.CHANGE: _("Change passphrase"),
        }
        self.ok_button = self.buttons.addButton(
            accept_texts[purpose], QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.plain_button: QPushButton | None = None
        if purpose is Purpose.FIRST_START:
            self.plain_button = self.buttons.addButton(
                _("&Without encryption (for trying out only)"),
                QDialogButtonBox.ButtonRole.ResetRole,
            )
            self.plain_button.setAutoDefault(False)
            self.plain_button.clicked.connect(self._choose_plain)
        self.ok_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.fields.validity_changed.connect(lambda _valid: self._update_ok())
        self.current_edit.textChanged.connect(lambda: self._update_ok())
        self._update_ok()
        (self.current_edit if purpose is Purpose.CHANGE else self.fields.new_edit).setFocus()

    def _introduction(self) -> str:
        if self.purpose is Purpose.FIRST_START:
            return _(
                "The database is encrypted with a passphrase that you choose now. You type "
                "it each time the program starts and when it has been locked."
            )
        if self.purpose is Purpose.ENCRYPT:
            return _(
                "The database and its backup copies are encrypted with a passphrase that "
                "you choose now. The encrypted copy is checked before it replaces the file. "
                "From now on you type the passphrase each time the program starts."
            )
        return _(
            "The database and its backup copies get the new passphrase. Type the current "
            "passphrase first."
        )

    def _update_ok(self) -> None:
        ready = self.fields.is_valid()
        if self.purpose is Purpose.CHANGE:
            ready = ready and bool(self.current_edit.text())
        self.ok_button.setEnabled(ready)

    def _show_current_problem(self, problem: str | None) -> None:
        if problem is None and self.current_problem.isHidden():
            return
        self.current_problem.setText(problem or "")
        self.current_problem.setVisible(problem is not None)
        fit_later(self)

    def _choose_plain(self) -> None:
        if confirm_without_encryption(self):
            self.chose_plain = True
            super().accept()

    def accept(self) -> None:
        if not self.fields.is_valid():
            return
        if self.purpose is Purpose.CHANGE:
            current = self.current_edit.text()
            if self._check_current is not None and not self._check_current(current):
                self._show_current_problem(
                    _("That is not the current passphrase. Check it and try again.")
                )
                self.current_edit.selectAll()
                self.current_edit.setFocus()
                return
            if current == self.fields.new_edit.text():
                self.fields.problem_label.setText(
                    _("The new passphrase is the same as the current one.")
                )
                self.fields.problem_label.show()
                fit_later(self)
                return
        super().accept()

    def passphrase(self) -> str | None:
        """The new passphrase (None when the chair chose no encryption)."""
        return None if self.chose_plain else self.fields.passphrase()

    def current_passphrase(self) -> str:
        return self.current_edit.text()


class PlainDatabaseWarning(QMessageBox):
    """The warning before a database is made without encryption (the chair confirms)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(_("Without encryption?"))
        self.setText(_("A database without encryption is for trying the program out only."))
        self.setInformativeText(
            _(
                "Anyone who gets hold of the laptop or the file can read everything in it. "
                "Do not write real citizens' data in it. You can encrypt it later under "
                "File → Security."
            )
        )
        self.plain_button = self.addButton(
            _("Continue without encryption"), QMessageBox.ButtonRole.DestructiveRole
        )
        self.back_button = self.addButton(_("Back"), QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.back_button)
        self.setEscapeButton(self.back_button)

    def confirmed(self) -> bool:
        return self.clickedButton() is self.plain_button


def confirm_without_encryption(parent: QWidget | None) -> bool:
    box = PlainDatabaseWarning(parent)
    box.exec()
    return box.confirmed()


class PassphrasePromptDialog(QDialog):
    """Type the passphrase of an encrypted database to open it (or unlock the window)."""

    def __init__(
        self, path: Path, parent: QWidget | None = None, *, problem: str | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Open encrypted database"))
        self.edit = passphrase_edit()
        self.show_box = ShowPassphraseBox([self.edit])
        self.problem_label = form_error_label()
        if problem:
            self.problem_label.setText(problem)
            self.problem_label.show()
        layout = QVBoxLayout(self)
        introduction = _text(
            _("The database {name} is encrypted. Type its passphrase to open it.").format(
                name=Path(path).name
            )
        )
        introduction.setMinimumWidth(DIALOG_WIDTH)
        layout.addWidget(introduction)
        where = _text(str(path), "sectionHint")
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(where)
        form = QFormLayout()
        form.addRow(_("&Passphrase:"), self.edit)
        layout.addLayout(form)
        layout.addWidget(self.show_box)
        layout.addWidget(self.problem_label)
        self.buttons = QDialogButtonBox()
        self.ok_button = self.buttons.addButton(_("Open"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.edit.textChanged.connect(lambda text: self.ok_button.setEnabled(bool(text)))
        self.ok_button.setEnabled(False)
        self.edit.setFocus()

    def accept(self) -> None:
        if self.edit.text():
            super().accept()

    def passphrase(self) -> str:
        return self.edit.text()


@dataclass(frozen=True)
class FirstChoice:
    """What the chair chose at the first start: a passphrase, or None for no encryption."""

    passphrase: str | None


def ask_first_passphrase(parent: QWidget | None = None) -> FirstChoice | None:
    """The passphrase of the new database; None when the chair cancelled (nothing is made)."""
    dialog = NewPassphraseDialog(Purpose.FIRST_START, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return FirstChoice(dialog.passphrase())


def ask_passphrase(parent: QWidget | None, path: Path, problem: str | None = None) -> str | None:
    """The passphrase typed to open `path`; None when the chair cancelled."""
    dialog = PassphrasePromptDialog(path, parent, problem=problem)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.passphrase()


def wrong_passphrase_text() -> str:
    return _(
        "The passphrase does not fit. Check capital letters, Caps Lock and the keyboard "
        "layout, and try again."
    )
