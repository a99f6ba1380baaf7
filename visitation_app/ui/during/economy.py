"""'Økonomi' under the decision: tariff × extent, and what that costs this year and a full year.

The chair picks a tariff and types the extent; the figures beside the fields are read back
from the services after every save, so they are the very figures the budget panel, the
minutes and the budget report add up. Without a tariff the annual cost is typed by hand
(as before tariffs existed). The chair may also set the amount by hand, with a reason.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from visitation_app.catalog.tariffs import Tariff, TariffUnit
from visitation_app.domain.budget import NO_COST
from visitation_app.domain.costing import Frequency
from visitation_app.domain.records import AgendaItemRecord, DecisionRecord
from visitation_app.formatting import format_money
from visitation_app.i18n import N_, _, current_language
from visitation_app.services import budget as budget_service
from visitation_app.services import costs as cost_service
from visitation_app.services import decisions as decision_service
from visitation_app.services.legal import current_catalog
from visitation_app.store.database import Database
from visitation_app.ui.autosave import Autosaver
from visitation_app.ui.during.cost_figures import CostFigures
from visitation_app.ui.widgets import MoneyEdit

# Editors saved one field each (the tariff and "set the amount myself" are bound apart).
FIELDS = (
    "extent_quantity",
    "extent_frequency",
    "previous_quantity",
    "provider_unit",
    "annual_cost_ore",
    "cost_override_ore",
    "cost_override_reason",
)

# What a quantity of each unit is called after the number: "2,5 timer om ugen".
_UNIT_WORDS = {
    TariffUnit.HOUR: N_("hours"),
    TariffUnit.VISIT: N_("visits"),
    TariffUnit.DAY: N_("days"),
    TariffUnit.WEEK: N_("weeks"),
    TariffUnit.MONTH: N_("months"),
    TariffUnit.ONE_OFF: N_("pcs."),
}


def tariff_text(tariff: Tariff) -> str:
    """'Praktisk hjælp – 444,00 kr. pr. time' (or '… (engangsbeløb)')."""
    price = format_money(tariff.price_ore)
    if tariff.unit == TariffUnit.ONE_OFF:
        return _("{service} – {price} (one-off)").format(service=tariff.service, price=price)
    return _("{service} – {price} per {unit}").format(
        service=tariff.service, price=price, unit=TariffUnit(tariff.unit).label
    )


def select_data(combo: QComboBox, value: object) -> None:
    index = combo.findData(value)
    combo.setCurrentIndex(index if index >= 0 else 0)


class EconomyGroup(QGroupBox):
    """Tariff, extent, provider and the amount; the cost figures beside them."""

    decision_saved = Signal(str)
    """A field of the decision was saved; carries the outcome code ('' for none)."""

    def __init__(
        self,
        db: Database,
        item: AgendaItemRecord,
        autosaver: Autosaver,
        decided_on: dt.date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(_("Economy"), parent)
        self._db = db
        self._item_id = item.id
        self._case = item.case
        self._decided_on = decided_on
        self._tariffs_on: dt.date | None = None
        self._starts_on = item.cost.starts_on if item.cost else None
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(0)
        self._refresh_timer.timeout.connect(self.refresh)

        self.tariff = QComboBox()
        self.tariff.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.tariff.setMinimumContentsLength(24)
        self.extent_quantity = QLineEdit()
        self.extent_quantity.setMaximumWidth(90)
        self.extent_quantity.setPlaceholderText(_("e.g. 2,5"))
        self.unit_label = QLabel()
        self.extent_frequency = QComboBox()
        self.extent_frequency.addItem("–", "")
        for code, label in Frequency.choices():
            self.extent_frequency.addItem(label, code)
        self.previous_quantity = QLineEdit()
        self.previous_quantity.setMaximumWidth(90)
        self.previous_quantity.setToolTip(
            _("The extent this decision changes (same tariff). Empty for a new service.")
        )
        self.previous_unit_label = QLabel()
        self.provider_unit = QLineEdit()
        self.provider_unit.setPlaceholderText(_("e.g. Solgården nursing home, ward B"))
        self.annual_cost_ore = MoneyEdit()
        self.annual_cost_ore.setMaximumWidth(180)
        self.annual_cost_ore.setToolTip(_("Annual cost in kroner, e.g. 125.000,50"))
        self.override_check = QCheckBox(_("Set the amount myself"))
        self.override_check.setToolTip(
            _("Use another amount than the tariff gives; the reason is kept with the decision.")
        )
        self.cost_override_ore = MoneyEdit()
        self.cost_override_ore.setMaximumWidth(180)
        self.override_unit_label = QLabel()
        self.cost_override_reason = QLineEdit()
        self.cost_override_reason.setPlaceholderText(_("Why the amount differs from the tariff"))

        self._form = self._build_form()
        self.figures = CostFigures()
        self.figures.setMinimumWidth(260)
        self.figures.setMaximumWidth(360)
        beside = QHBoxLayout(self)
        beside.addWidget(self._form_widget, 1)
        beside.addWidget(self.figures, 0, Qt.AlignmentFlag.AlignTop)

        decision = item.decision or DecisionRecord(id=0)
        self._fill_tariffs(item.cost.starts_on if item.cost else None, decision.tariff_key)
        self.load(decision)
        autosaver.bind(self.tariff, self._save_tariff)
        for name in FIELDS:
            autosaver.bind(self.editor(name), self._saver(name))
        autosaver.bind(self.override_check, self._save_override_check)
        self._autosaver = autosaver
        self.tariff.currentIndexChanged.connect(self._show_units)
        self.extent_frequency.currentIndexChanged.connect(self._show_units)
        self.override_check.toggled.connect(self._show_override)
        self._show_units()
        self._show_override()
        self.figures.show_cost(item.cost or NO_COST, item.decision)
        self._show_citizen()

    def _build_form(self) -> QFormLayout:
        extent = QHBoxLayout()
        extent.addWidget(self.extent_quantity)
        extent.addWidget(self.unit_label)
        extent.addWidget(self.extent_frequency)
        extent.addStretch(1)
        self._previous_row = QHBoxLayout()
        self._previous_row.addWidget(self.previous_quantity)
        self._previous_row.addWidget(self.previous_unit_label)
        self._previous_row.addStretch(1)
        self._cost_row = QHBoxLayout()
        self._cost_row.addWidget(self.annual_cost_ore)
        self._cost_row.addWidget(QLabel(_("kr. a year")))
        self._cost_row.addStretch(1)
        self._override_row = QHBoxLayout()
        self._override_row.addWidget(self.cost_override_ore)
        self._override_row.addWidget(self.override_unit_label)
        self._override_row.addStretch(1)

        self._form_widget = QWidget()
        form = QFormLayout(self._form_widget)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        tariff_label = QLabel(_("&Tariff:"))
        tariff_label.setBuddy(self.tariff)
        form.addRow(tariff_label, self.tariff)
        form.addRow(QLabel(_("Extent:")), extent)
        form.addRow(QLabel(_("Previous extent:")), self._previous_row)
        form.addRow(QLabel(_("Provider/unit:")), self.provider_unit)
        cost_label = QLabel(_("Annual &cost:"))
        cost_label.setBuddy(self.annual_cost_ore)
        form.addRow(cost_label, self._cost_row)
        form.addRow("", self.override_check)
        form.addRow(QLabel(_("Amount:")), self._override_row)
        form.addRow(QLabel(_("Reason:")), self.cost_override_reason)
        return form

    def editor(self, name: str) -> QWidget:
        return getattr(self, name)

    # -- loading -----------------------------------------------------------------------

    def _fill_tariffs(self, on: dt.date | None, wanted: str | None = None) -> None:
        """The area's tariffs in force on `on`; the chosen one stays chosen (even if typed
        but not saved yet), and one that no longer applies is kept so it is not lost."""
        on = on or self._decided_on
        key = self.tariff.currentData() if wanted is None else wanted
        catalog = current_catalog()
        area = self._case.area if self._case else ""
        entries = [(tariff.key, tariff_text(tariff)) for tariff in catalog.tariffs_for(area, on)]
        if key and key not in {k for k, _text in entries}:
            tariff = catalog.tariff(key, on)
            text = tariff_text(tariff) if tariff else key
            entries.append((key, _("{tariff} (not for this area and date)").format(tariff=text)))
        entries.insert(0, ("", _("– no tariff –")))
        current = [
            (self.tariff.itemData(i), self.tariff.itemText(i)) for i in range(self.tariff.count())
        ]
        self._tariffs_on = on
        if entries == current:
            select_data(self.tariff, key or "")
            return
        blocker = self.tariff.blockSignals(True)
        self.tariff.clear()
        for data, text in entries:
            self.tariff.addItem(text, data)
            self.tariff.setItemData(self.tariff.count() - 1, text, Qt.ItemDataRole.ToolTipRole)
        select_data(self.tariff, key or "")
        self.tariff.blockSignals(blocker)
        self.tariff.setToolTip(self.tariff.currentText())

    def load(self, decision: DecisionRecord) -> None:
        """Fill the editors (once, when the item is shown; saves only refresh the figures)."""
        self.extent_quantity.setText(_number(decision.extent_quantity))
        select_data(self.extent_frequency, decision.extent_frequency)
        self.previous_quantity.setText(_number(decision.previous_quantity))
        self.provider_unit.setText(decision.provider_unit)
        self.annual_cost_ore.set_value(decision.annual_cost_ore)
        overridden = decision.cost_override_ore is not None or bool(decision.cost_override_reason)
        self.override_check.setChecked(overridden)
        self.cost_override_ore.set_value(decision.cost_override_ore)
        self.cost_override_reason.setText(decision.cost_override_reason)

    def _chosen_tariff(self) -> Tariff | None:
        key = self.tariff.currentData()
        return current_catalog().tariff(key, self._tariffs_on or self._decided_on) if key else None

    def _show_units(self) -> None:
        """'timer à 444,00 kr.' after the number (the price stays in sight however long the
        service's name), and the annual cost field only without a tariff."""
        tariff = self._chosen_tariff()
        unit = _(_UNIT_WORDS[TariffUnit(tariff.unit)]) if tariff else ""
        self.unit_label.setText(
            _("{unit} at {price}").format(unit=unit, price=format_money(tariff.price_ore))
            if tariff
            else ""
        )
        frequency = (
            self.extent_frequency.currentText() if self.extent_frequency.currentData() else ""
        )
        self.previous_unit_label.setText(" ".join(part for part in (unit, frequency) if part))
        self._form.setRowVisible(self._cost_row, not self.tariff.currentData())
        once = self.extent_frequency.currentData() == Frequency.ONCE
        # A one-off replaces nothing: the previous extent is asked for recurring services
        # (and stays in sight while one is filled in).
        self._form.setRowVisible(
            self._previous_row, not once or bool(self.previous_quantity.text().strip())
        )
        self.override_unit_label.setText(_("kr. in all") if once else _("kr. a year"))
        self.tariff.setToolTip(self.tariff.currentText())

    def _show_override(self) -> None:
        on = self.override_check.isChecked()
        self._form.setRowVisible(self._override_row, on)
        self._form.setRowVisible(self.cost_override_reason, on)

    # -- saving ------------------------------------------------------------------------

    def _saver(self, name: str) -> Callable[[object], None]:
        return lambda value: self._save(**{name: value})

    def _save_tariff(self, key: str | None) -> None:
        changes: dict[str, object] = {"tariff_key": key or ""}
        frequency = self._frequency_for(self._chosen_tariff())
        if frequency is not None:
            with self._autosaver.loading():
                select_data(self.extent_frequency, frequency)
            changes["extent_frequency"] = frequency
        self._save(**changes)

    def _frequency_for(self, tariff: Tariff | None) -> str | None:
        """The frequency a newly chosen tariff suggests (None: keep the chair's choice):
        'once' for a one-off price; per month for a monthly price, else per week."""
        if tariff is None:
            return None
        current = self.extent_frequency.currentData() or ""
        if tariff.unit == TariffUnit.ONE_OFF:
            return Frequency.ONCE.value if current != Frequency.ONCE else None
        if current and current != Frequency.ONCE:
            return None
        monthly = tariff.unit == TariffUnit.MONTH
        return (Frequency.PER_MONTH if monthly else Frequency.PER_WEEK).value

    def _save_override_check(self, checked: bool) -> None:
        """Ticking only shows the amount fields; unticking goes back to the tariff's amount."""
        if checked:
            return
        with self._autosaver.loading():
            self.cost_override_ore.clear()
            self.cost_override_reason.clear()
        self._save(cost_override_ore=None, cost_override_reason="")

    def _save(self, **changes: object) -> None:
        decision = decision_service.save_decision(self._db, self._item_id, **changes)
        self._refresh_timer.start()  # once, after every field of this flush is saved
        self.decision_saved.emit(decision.outcome or "")

    # -- figures -----------------------------------------------------------------------

    def schedule_refresh(self) -> None:
        """Refresh the figures once the current round of saving is over."""
        self._refresh_timer.start()

    def stop_refresh(self) -> None:
        """No refresh is due any more (the panel is going)."""
        self._refresh_timer.stop()

    def refresh(self) -> None:
        """Read the decision's cost back and show it (the editors are left as typed)."""
        cost = cost_service.cost_of_item(self._db, self._item_id)
        row = decision_service.get_decision(self._db, self._item_id)
        decision = (
            DecisionRecord(
                id=row.id,
                outcome=row.outcome,
                extent_frequency=row.extent_frequency,
                previous_quantity=row.previous_quantity,
                annual_cost_ore=row.annual_cost_ore,
                cost_override_ore=row.cost_override_ore,
            )
            if row is not None
            else None
        )
        if cost.starts_on != self._tariffs_on:
            with self._autosaver.loading():
                self._fill_tariffs(cost.starts_on)
            self._show_units()
        self._starts_on = cost.starts_on
        self.figures.show_cost(cost, decision)
        self._show_citizen()

    def _show_citizen(self) -> None:
        """The citizen's decisions in force once this one takes effect (it included)."""
        if self._case is None:
            self.figures.show_citizen(None)
            return
        on = max(self._starts_on or self._decided_on, self._decided_on)
        self.figures.show_citizen(budget_service.cost_per_citizen(self._db, self._case.id, on))

    def set_read_only(self, read_only: bool) -> None:
        for name in FIELDS:
            widget = self.editor(name)
            if isinstance(widget, QLineEdit):
                widget.setReadOnly(read_only)
            else:
                widget.setEnabled(not read_only)
        self.tariff.setEnabled(not read_only)
        self.override_check.setEnabled(not read_only)


def _number(value: Decimal | None) -> str:
    """A stored quantity as the chair types it: '2,5', '3' (no trailing zeros)."""
    if value is None:
        return ""
    text = format(value.normalize(), "f")
    return text.replace(".", ",") if current_language() == "da" else text
