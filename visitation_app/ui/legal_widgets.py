"""Editors for the legal steps: the legal basis from the catalog, and the consultation."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from visitation_app.catalog import LegalBasis, ProcessingDeadline
from visitation_app.catalog.legal import find_by_citation
from visitation_app.domain.completeness import Consultation
from visitation_app.domain.validation import SHORT_TEXT_MAX
from visitation_app.i18n import _, ngettext
from visitation_app.ui.widgets import OptionalDateEdit


def basis_label(basis: LegalBasis) -> str:
    """'Serviceloven § 85 – Socialpædagogisk bistand', as listed in the combo box."""
    return _("{citation} – {name}").format(citation=basis.citation, name=basis.name)


class LegalBasisEdit(QComboBox):
    """Choose a legal basis from the catalog, or type one that is not in it.

    The value is (catalog key, citation): ("SEL-85", "Serviceloven § 85") for a catalog
    entry, ("", what was typed) otherwise.
    """

    autosave_changed = Signal()

    def __init__(self, bases: list[LegalBasis], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(24)
        self.lineEdit().setMaxLength(SHORT_TEXT_MAX)
        self.lineEdit().setPlaceholderText(_("Choose or type, e.g. Serviceloven § 85"))
        self._bases: dict[str, LegalBasis] = {}
        self.set_bases(bases)
        completer = QCompleter(self.model(), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        self.currentTextChanged.connect(lambda _text: self.autosave_changed.emit())

    def set_bases(self, bases: list[LegalBasis]) -> None:
        """The entries offered (those valid for the case's area on the decision date)."""
        key, text = self.autosave_value() if self.count() else ("", self.currentText())
        self.blockSignals(True)
        self.clear()
        self._bases = {basis.key: basis for basis in bases}
        for basis in bases:
            self.addItem(basis_label(basis), basis.key)
            self.setItemData(self.count() - 1, basis.name, Qt.ItemDataRole.ToolTipRole)
        self.blockSignals(False)
        self.set_value(key, text)

    def autosave_value(self) -> tuple[str, str]:
        text = self.currentText().strip()
        index = self.findText(text, Qt.MatchFlag.MatchFixedString)
        if text and index >= 0:
            key = self.itemData(index)
            return key, self._bases[key].citation
        typed = find_by_citation(self._bases.values(), text)  # "Ældreloven § 10" typed out
        return (typed.key, typed.citation) if typed else ("", text)

    def set_value(self, key: str, text: str) -> None:
        index = self.findData(key) if key else -1
        self.blockSignals(True)
        if index >= 0:
            self.setCurrentIndex(index)
        else:
            self.setCurrentIndex(-1)
            self.setEditText(text)
        self.blockSignals(False)
        self.lineEdit().setCursorPosition(0)

    def set_read_only(self, read_only: bool) -> None:
        self.lineEdit().setReadOnly(read_only)
        self.setEnabled(not read_only)

    def showPopup(self) -> None:
        """A list wide enough for "Serviceloven § 83, stk. 1, nr. 2 – Praktisk hjælp"."""
        view = self.view()
        wanted = view.sizeHintForColumn(0) + view.verticalScrollBar().sizeHint().width() + 8
        screen = self.screen().availableGeometry().width() if self.screen() else wanted
        view.setMinimumWidth(min(max(wanted, self.width()), screen - 20))
        super().showPopup()


def consultation_combo(parent: QWidget | None = None) -> QComboBox:
    combo = QComboBox(parent)
    for status in (Consultation.NOT_RECORDED, Consultation.DONE, Consultation.NOT_NEEDED):
        combo.addItem(status.label, status.value)
    return combo


class ConsultationEdit(QWidget):
    """Partshøring: not recorded, done on a date, or not needed with the reason why.

    Three editors, each saved on its own: `status`, `consulted_on` and `reason`.
    """

    def __init__(self, parent: QWidget | None = None, *, stacked: bool = False) -> None:
        """`stacked` puts the date or the reason under the status (for a narrow form)."""
        super().__init__(parent)
        self.status = consultation_combo()
        self.consulted_on = OptionalDateEdit()
        self.date_label = QLabel(_("on"))
        self.reason = QLineEdit()
        self.reason.setMaxLength(SHORT_TEXT_MAX)
        self.reason.setPlaceholderText(_("Why is consultation not needed?"))
        layout = QHBoxLayout()
        layout.setContentsMargins(0, 0, 0, 0)
        if stacked:
            outer = QVBoxLayout(self)
            outer.setContentsMargins(0, 0, 0, 0)
            outer.addWidget(self.status)
            outer.addLayout(layout)
        else:
            self.setLayout(layout)
            layout.addWidget(self.status)
        layout.addWidget(self.date_label)
        layout.addWidget(self.consulted_on)
        layout.addWidget(self.reason, 1)
        layout.addStretch(0)  # keeps "on" beside the date when the reason is hidden
        self.status.currentIndexChanged.connect(self._show_parts)
        self._show_parts()

    def editors(self) -> dict[str, QWidget]:
        """The editors keyed by the decision's field names."""
        return {
            "consultation": self.status,
            "consulted_on": self.consulted_on,
            "consultation_not_needed_reason": self.reason,
        }

    def set_values(self, status: str, consulted_on: dt.date | None, reason: str) -> None:
        index = self.status.findData(status)
        self.status.setCurrentIndex(max(index, 0))
        self.consulted_on.set_value(consulted_on)
        self.reason.setText(reason)
        self.reason.setCursorPosition(0)

    def _show_parts(self) -> None:
        status = self.status.currentData()
        done = status == Consultation.DONE
        self.date_label.setVisible(done)
        self.consulted_on.setVisible(done)
        self.reason.setVisible(status == Consultation.NOT_NEEDED)

    def set_read_only(self, read_only: bool) -> None:
        self.status.setEnabled(not read_only)
        self.consulted_on.setReadOnly(read_only)
        self.reason.setReadOnly(read_only)


def case_type_combo(
    deadlines: list[ProcessingDeadline], parent: QWidget | None = None
) -> QComboBox:
    """The case types of an area with their processing deadline: 'Praktisk hjælp (28 dage)'."""
    combo = QComboBox(parent)
    fill_case_types(combo, deadlines)
    return combo


def fill_case_types(combo: QComboBox, deadlines: list[ProcessingDeadline]) -> None:
    """(Re)fill a case type combo: "not chosen" first, then each type's deadline key."""
    combo.clear()
    combo.addItem(_("– not chosen –"), "")
    for deadline in deadlines:
        combo.addItem(
            ngettext("{name} ({days} day)", "{name} ({days} days)", deadline.days).format(
                name=deadline.name, days=deadline.days
            ),
            deadline.key,
        )
