"""Small editors the forms share: an optional date and an amount in kroner."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDateEdit, QLineEdit, QWidget

from visitation_app.domain.errors import ValidationError
from visitation_app.domain.money import parse_money
from visitation_app.formatting import format_amount
from visitation_app.i18n import _, current_language

_EMPTY = QDate(1900, 1, 1)


class OptionalDateEdit(QDateEdit):
    """A date field that may be left empty (shown blank); value() is a date or None."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("dd.MM.yyyy" if current_language() == "da" else "dd/MM/yyyy")
        self.setMinimumDate(_EMPTY)
        self.setMaximumDate(QDate(2200, 12, 31))
        self.setSpecialValueText(" ")
        self.setDate(_EMPTY)
        self.setToolTip(_("Leave empty, or pick a date. Delete clears it."))

    def value(self) -> dt.date | None:
        date = self.date()
        return None if date == _EMPTY else date.toPython()

    def set_value(self, value: dt.date | None) -> None:
        self.setDate(_EMPTY if value is None else QDate(value.year, value.month, value.day))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.isReadOnly():
            super().keyPressEvent(event)
            return
        if event.key() == Qt.Key.Key_Delete:
            self.set_value(None)
            return
        if self.value() is None and event.text().isdigit():
            self.setDate(QDate.currentDate())
        super().keyPressEvent(event)


class MoneyEdit(QLineEdit):
    """An amount in kroner as a Dane types it ('12.500,50'); value() is øre or None."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(_("e.g. 125.000,00"))
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def value(self) -> int | None:
        """Øre; raises ValidationError for text that is not an amount."""
        return parse_money(self.text(), decimal_comma=current_language() == "da")

    def is_valid(self) -> bool:
        try:
            self.value()
        except ValidationError:
            return False
        return True

    def set_value(self, ore: int | None) -> None:
        self.setText(format_amount(ore))
