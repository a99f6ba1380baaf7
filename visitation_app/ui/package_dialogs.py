"""The dialogs of meeting packages: the choice to encrypt (with the passphrase typed twice),
the list of what is wrong in a package that was refused, and the report of an import."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from visitation_app.domain.package_paths import PackageProblem
from visitation_app.domain.package_report import ImportReport, reason_text
from visitation_app.i18n import _, ngettext
from visitation_app.services.package_crypto import passphrase_problem
from visitation_app.ui.style import form_error_label


def unencrypted_warning() -> str:
    return _(
        "The package holds personal data about citizens and will not be encrypted. Keep "
        "the file as safe as the database, and do not send it by e-mail or leave it on a "
        "shared drive."
    )


class ExportPackageDialog(QDialog):
    """Encrypt or not; with encryption, the passphrase twice. OK only when it can be used."""

    def __init__(self, parent: QWidget | None, meeting_title: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Export meeting package"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            _(
                "The meeting “{title}” is saved as a meeting package, which another computer "
                "can import."
            ).format(title=meeting_title)
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.encrypt = QCheckBox(_("Encrypt the package with a passphrase"))
        self.encrypt.setChecked(True)
        layout.addWidget(self.encrypt)
        form = QFormLayout()
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(_("Passphrase"), self.passphrase)
        form.addRow(_("The passphrase again"), self.repeat)
        layout.addLayout(form)
        self.problem = form_error_label()
        layout.addWidget(self.problem)
        self.warning = QLabel(unencrypted_warning())
        self.warning.setWordWrap(True)
        layout.addWidget(self.warning)
        hint = QLabel(
            _("Tell the receiver the passphrase another way than the file (by phone, say).")
        )
        hint.setWordWrap(True)
        self.hint = hint
        layout.addWidget(hint)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Export…"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        for signal in (
            self.encrypt.toggled,
            self.passphrase.textChanged,
            self.repeat.textChanged,
        ):
            signal.connect(self._update)
        self._update()

    def chosen_passphrase(self) -> str | None:
        """The passphrase to encrypt with, or None to save the package unencrypted."""
        return self.passphrase.text() if self.encrypt.isChecked() else None

    def _trouble(self) -> str:
        if not self.encrypt.isChecked():
            return ""
        typed = self.passphrase.text()
        if not typed:
            return _("Type a passphrase, or choose not to encrypt.")
        problem = passphrase_problem(typed)
        if problem:
            return problem
        if self.repeat.text() != typed:
            return _("The two passphrases are not the same.")
        return ""

    def _update(self) -> None:
        encrypted = self.encrypt.isChecked()
        for widget in (self.passphrase, self.repeat, self.hint):
            widget.setEnabled(encrypted)
        self.warning.setVisible(not encrypted)
        trouble = self._trouble()
        self.problem.setText(trouble)
        self.problem.setVisible(bool(trouble))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not trouble)


class _CopyableDialog(QDialog):
    """A dialog with a text that can be scrolled, selected and copied."""

    def __init__(self, parent: QWidget | None, title: str, heading: str, text: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(760, 460)
        self.layout_ = QVBoxLayout(self)
        self.heading = QLabel(heading)
        self.heading.setWordWrap(True)
        self.layout_.addWidget(self.heading)
        self.text = QPlainTextEdit(text)
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.layout_.addWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        self.copy_button = QPushButton(_("Copy"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        self.buttons = buttons
        self.layout_.addWidget(buttons)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text.toPlainText())


class ProblemsDialog(_CopyableDialog):
    """Why a package was refused: every problem with its place in the file."""

    def __init__(self, parent: QWidget | None, problems: list[PackageProblem]) -> None:
        heading = ngettext(
            "The meeting package was not imported; nothing was changed. There is {count} "
            "error in it:",
            "The meeting package was not imported; nothing was changed. There are {count} "
            "errors in it:",
            len(problems),
        ).format(count=len(problems))
        text = "\n".join(str(problem) for problem in problems)
        super().__init__(parent, _("Meeting package not imported"), heading, text)


class ReportDialog(_CopyableDialog):
    """What an import did: the counts, and each conflict in a table."""

    def __init__(self, parent: QWidget | None, report: ImportReport) -> None:
        heading = "\n".join([report.headline(), report.counts(), report.conflict_heading()])
        super().__init__(parent, _("Meeting package imported"), heading, "\n".join(report.lines()))
        self.text.setVisible(False)
        self.conflicts = QTableWidget(len(report.conflicts), 5)
        self.conflicts.setHorizontalHeaderLabels(
            [_("Record"), _("Field"), _("Here (kept)"), _("In the package"), _("Why")]
        )
        self.conflicts.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.conflicts.verticalHeader().setVisible(False)
        self.conflicts.setWordWrap(True)
        header = self.conflicts.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for row, conflict in enumerate(report.conflicts):
            cells = (
                conflict.record,
                conflict.field,
                conflict.local if conflict.field else "",
                conflict.incoming if conflict.field else "",
                reason_text(conflict.reason),
            )
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                self.conflicts.setItem(row, column, cell)
        self.conflicts.resizeRowsToContents()
        self.conflicts.setVisible(bool(report.conflicts))
        self.layout_.insertWidget(1, self.conflicts)
        if report.drafts:
            drafts = QLabel("\n".join(report.drafts))
            drafts.setWordWrap(True)
            self.layout_.insertWidget(2, drafts)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # Long texts wrap: the rows fit them once the columns have their width.
        self.conflicts.resizeRowsToContents()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.conflicts.resizeRowsToContents()
