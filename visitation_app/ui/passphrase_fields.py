"""Typing a new passphrase: twice, hidden or shown, checked as it is typed, with a hint of
how hard it is to guess. Used by the first start, "Kryptér databasen…" and "Skift
adgangsfrase…"."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from visitation_app.i18n import _
from visitation_app.store import cipher
from visitation_app.ui.style import form_error_label

# Below this many characters a passphrase is allowed (from cipher's minimum) but short.
FAIR_LENGTH = 12
# From this many characters, or three words or more of a fair length, it is strong.
STRONG_LENGTH = 20
_COMMON = {"password", "passw0rd", "adgangskode", "kodeord", "qwertyui", "12345678"}


def strength_hint(passphrase: str) -> str:
    """A short hint of how hard the passphrase is to guess ('' while it cannot be used)."""
    if cipher.passphrase_problem(passphrase):
        return ""
    text = passphrase.strip()
    if text.lower() in _COMMON or len(set(text)) <= 3:
        return _("Easy to guess. Choose something only you would think of.")
    words = len(text.split())
    if len(text) < FAIR_LENGTH:
        return _("Short. A sentence of three or four words is much harder to guess.")
    if len(text) < STRONG_LENGTH and words < 3:
        return _("Fair. One or two more words make it stronger.")
    return _("Strong: hard to guess.")


def passphrase_edit(placeholder: str = "") -> QLineEdit:
    """A line edit for a passphrase: hidden, no undo history to read back, no completion."""
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setPlaceholderText(placeholder)
    edit.setInputMethodHints(
        Qt.InputMethodHint.ImhHiddenText
        | Qt.InputMethodHint.ImhSensitiveData
        | Qt.InputMethodHint.ImhNoPredictiveText
    )
    edit.setMaxLength(1024)
    return edit


class ShowPassphraseBox(QCheckBox):
    """'Vis adgangsfrasen': shows or hides the text of every field it is given."""

    def __init__(self, fields: list[QLineEdit], parent: QWidget | None = None) -> None:
        super().__init__(_("S&how the passphrase"), parent)
        self._fields = fields
        self.toggled.connect(self._apply)

    def _apply(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        for field in self._fields:
            field.setEchoMode(mode)


class NewPassphraseFields(QWidget):
    """The new passphrase typed twice; `passphrase()` is it once it can be used.

    What is wrong (too short, the two differ) is said under the fields as the chair types,
    so the dialog's OK button can follow `validity_changed`.
    """

    validity_changed = Signal(bool)
    lines_changed = Signal()
    """A line appeared or went (the dialog fits itself to it)."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        first_rows: list[tuple[str, QWidget]] | None = None,
    ) -> None:
        """`first_rows` (label, field) come above the new passphrase in the same form, so
        the fields line up (the current passphrase when changing it)."""
        super().__init__(parent)
        self.new_edit = passphrase_edit()
        self.repeat_edit = passphrase_edit()
        rows = first_rows or []
        extra = [field for _label, field in rows if isinstance(field, QLineEdit)]
        self.show_box = ShowPassphraseBox([*extra, self.new_edit, self.repeat_edit])
        self.hint_label = QLabel()
        self.hint_label.setObjectName("sectionHint")
        self.hint_label.setWordWrap(True)
        self.problem_label = form_error_label()
        self._valid = False

        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        for label, field in rows:
            form.addRow(label, field)
        form.addRow(_("&New passphrase:"), self.new_edit)
        form.addRow(_("&Repeat it:"), self.repeat_edit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.show_box)
        layout.addWidget(self.hint_label)
        layout.addWidget(self.problem_label)
        self.new_edit.textChanged.connect(self._check)
        self.repeat_edit.textChanged.connect(self._check)
        self._check()

    def problem(self) -> str | None:
        """Why the typed passphrase cannot be used yet (a sentence), or None."""
        new, repeat = self.new_edit.text(), self.repeat_edit.text()
        if not new:
            return _("Type the new passphrase twice.")
        problem = cipher.passphrase_problem(new)
        if problem:
            return problem
        if repeat != new:
            return (
                _("Type the passphrase once more in the second field.")
                if not repeat
                else _("The passphrase and its repetition are not the same.")
            )
        return None

    def _check(self) -> None:
        problem = self.problem()
        new = self.new_edit.text()
        before = (self.hint_label.isHidden(), self.problem_label.isHidden())
        self.hint_label.setText(strength_hint(new))
        self.hint_label.setVisible(bool(self.hint_label.text()))
        # Nothing typed yet is not an error: the line stays empty until the chair types.
        shown = problem if new else None
        self.problem_label.setText(shown or "")
        self.problem_label.setVisible(bool(shown))
        if (self.hint_label.isHidden(), self.problem_label.isHidden()) != before:
            self.lines_changed.emit()
        valid = problem is None
        if valid != self._valid:
            self._valid = valid
            self.validity_changed.emit(valid)

    def is_valid(self) -> bool:
        return self._valid

    def passphrase(self) -> str | None:
        return self.new_edit.text() if self._valid else None
