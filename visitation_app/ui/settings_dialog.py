"""The chair's settings ("Indstillinger"): name, CPR numbers, idle lock, retention period.

Everything is read and written through `ui.preferences`, so the defaults and limits live
in one place. A name that cannot be used keeps the dialog open with the problem shown;
nothing is saved until OK. When the CPR setting changes, every list showing CPR numbers
is told at once (`ui.cpr_display`), so the window follows it without a restart.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from visitation_app.domain import validation
from visitation_app.domain.errors import ValidationError
from visitation_app.i18n import _
from visitation_app.ui import preferences
from visitation_app.ui.cpr_display import announce_cpr_display_changed
from visitation_app.ui.style import form_error_label, mark_invalid

NAME_MAX = 100  # a person's name; the audit trail repeats it on every change


def _hint(text: str) -> QLabel:
    """A short explanation under a setting, in the muted colour of the style sheet."""
    label = QLabel(text)
    label.setObjectName("sectionHint")
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class SettingsDialog(QDialog):
    """Shows the current settings; `accept` checks and saves them (and tells the window)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Settings"))

        self.name_edit = QLineEdit(preferences.chair_name())
        self.name_edit.setMaxLength(NAME_MAX)
        self.name_edit.setPlaceholderText(_("e.g. Birgitte Østergaard"))
        self.name_edit.textEdited.connect(lambda: mark_invalid(self.name_edit, None))

        self.full_cpr_box = QCheckBox(_("&Show full CPR numbers"))
        self.full_cpr_box.setChecked(preferences.show_full_cpr())

        self.idle_spin = QSpinBox()
        self.idle_spin.setRange(0, preferences.MAX_IDLE_LOCK_MINUTES)
        self.idle_spin.setSuffix(_(" minutes without use"))
        self.idle_spin.setSpecialValueText(_("never"))
        self.idle_spin.setValue(preferences.idle_lock_minutes())

        self.retention_spin = QSpinBox()
        self.retention_spin.setRange(
            preferences.MIN_RETENTION_YEARS, preferences.MAX_RETENTION_YEARS
        )
        self.retention_spin.setSuffix(_(" years"))
        self.retention_spin.setValue(preferences.retention_years())

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(_("The chair's &name:"), self.name_edit)
        form.addRow(
            "",
            _hint(
                _(
                    "Written in the audit trail beside every change you make in this window. "
                    "Left empty, your user name on this computer is written instead."
                )
            ),
        )
        form.addRow("", self.full_cpr_box)
        form.addRow(
            "",
            _hint(
                _(
                    "Unticked, lists, agendas and minutes show the date of birth only "
                    "(010190-xxxx). The decision letter always shows the full number, and "
                    "the citizen's screen never shows it."
                )
            ),
        )
        form.addRow(_("&Lock the window after:"), self.idle_spin)
        form.addRow(
            "",
            _hint(
                _(
                    "0 means never. While the window is locked nothing about the citizens "
                    "is shown; it opens again with the passphrase."
                )
            ),
        )
        form.addRow(_("&Retention period:"), self.retention_spin)
        form.addRow(
            "",
            _hint(
                _(
                    "This many years after the last activity in a citizen's cases, the "
                    "citizen's data may be deleted."
                )
            ),
        )

        self.error_label = form_error_label()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("OK"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)
        self.name_edit.setFocus()

    def chair_name(self) -> str:
        """The name typed, cleaned (ValidationError when it cannot be used)."""
        return validation.person_name(self.name_edit.text(), _("The chair's name"))

    def accept(self) -> None:
        """Save every setting; on a name that cannot be used keep the dialog open."""
        try:
            name = self.chair_name()
        except ValidationError as error:
            mark_invalid(self.name_edit, str(error))
            self.error_label.setText(str(error))
            self.error_label.show()
            self.name_edit.setFocus()
            return
        cpr_changed = self.full_cpr_box.isChecked() != preferences.show_full_cpr()
        preferences.set_chair_name(name)
        preferences.set_show_full_cpr(self.full_cpr_box.isChecked())
        preferences.set_idle_lock_minutes(self.idle_spin.value())
        preferences.set_retention_years(self.retention_spin.value())
        if cpr_changed:
            announce_cpr_display_changed()
        super().accept()


def open_settings(parent: QWidget | None) -> bool:
    """Show the settings; True when the chair pressed OK and they were saved."""
    dialog = SettingsDialog(parent)
    return dialog.exec() == QDialog.DialogCode.Accepted
