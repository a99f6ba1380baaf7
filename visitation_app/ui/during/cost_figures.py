"""Beside the economy fields: what the decision costs, read-only, refreshed after each save.

Per week, per month and a full year; a one-off amount; the change from the previous extent;
what falls in the budget year (from the day the decision takes effect to 31 December); and
the citizen's total. Problems in the figures (a reason missing, a tariff without an extent)
are shown in amber.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from visitation_app.domain.budget import DecisionCost
from visitation_app.domain.costing import Cost, Frequency
from visitation_app.domain.records import PAYING_OUTCOMES, DecisionRecord
from visitation_app.formatting import format_date_long, format_money
from visitation_app.i18n import _, ngettext
from visitation_app.services.budget import CitizenCost
from visitation_app.ui.during.checklist import WARNING_COLOUR


def _bold(label: QLabel) -> QLabel:
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


class CostFigures(QFrame):
    """Beside the economy fields: the decision's cost, read-only, refreshed after each save."""

    ROWS = ("per_week", "per_month", "per_year", "one_off", "computed", "change", "this_year")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("costFigures")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        names = {
            "per_week": _("Per week"),
            "per_month": _("Per month"),
            "per_year": _("Full year"),
            "one_off": _("One-off amount"),
            "computed": _("By the tariff"),
            "change": _("Change a year"),
            "this_year": "",
        }
        self.names: dict[str, QLabel] = {}
        self.values: dict[str, QLabel] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(3)
        grid.setColumnStretch(0, 1)
        for row, key in enumerate(self.ROWS):
            name, value = QLabel(names[key]), QLabel()
            name.setWordWrap(True)
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            grid.addWidget(name, row, 0)
            grid.addWidget(value, row, 1)
            self.names[key], self.values[key] = name, value
        self.names["change"].setToolTip(_("The new extent's cost minus the previous extent's."))
        _bold(self.values["this_year"])
        _bold(self.names["this_year"])
        self.period = QLabel()
        self.period.setObjectName("sectionHint")
        self.note = QLabel()
        self.note.setObjectName("sectionHint")
        self.note.setWordWrap(True)
        self.problems = QLabel()
        self.problems.setObjectName("costProblems")
        self.problems.setWordWrap(True)
        self.problems.setTextFormat(Qt.TextFormat.PlainText)
        self.problems.setStyleSheet(f"color: {WARNING_COLOUR};")
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        self.citizen_name = QLabel(_("The citizen's total annual cost"))
        self.citizen_name.setWordWrap(True)
        self.citizen = QLabel()
        self.citizen.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.citizen_count = QLabel()
        self.citizen_count.setObjectName("sectionHint")
        citizen = QGridLayout()
        citizen.setColumnStretch(0, 1)
        citizen.setHorizontalSpacing(10)
        citizen.addWidget(self.citizen_name, 0, 0)
        citizen.addWidget(self.citizen, 0, 1)
        citizen.addWidget(self.citizen_count, 1, 0, 1, 2)

        layout = QVBoxLayout(self)
        layout.setSpacing(4)
        layout.addWidget(_bold(QLabel(_("What the decision costs"))))
        layout.addLayout(grid)
        layout.addWidget(self.period)
        layout.addWidget(self.note)
        layout.addWidget(self.problems)
        layout.addWidget(line)
        layout.addLayout(citizen)

    def _show_row(self, key: str, ore: int | None) -> None:
        self.names[key].setVisible(ore is not None)
        self.values[key].setVisible(ore is not None)
        self.values[key].setText(format_money(ore))

    def show_cost(self, cost: DecisionCost, decision: DecisionRecord | None) -> None:
        """The figures of `cost`. While the decision does not count in the budget (no outcome
        yet, a refusal, a postponement) the tariff's price is shown, with a note saying so."""
        decision = decision or DecisionRecord(id=0)
        counted = decision.outcome in PAYING_OUTCOMES or cost.change != Cost()
        entered = (
            cost.computed is not None
            or decision.annual_cost_ore is not None
            or decision.cost_override_ore is not None
            or cost.change != Cost()
        )
        shown = (cost.cost if counted else cost.computed) if entered else None
        once = decision.extent_frequency == Frequency.ONCE
        recurring = shown.full_year_ore if shown is not None and not once else None
        self._show_row("per_week", shown.per_week_ore if recurring is not None else None)
        self._show_row("per_month", shown.per_month_ore if recurring is not None else None)
        self._show_row("per_year", recurring)
        self._show_row("one_off", shown.one_off_ore if shown is not None and once else None)
        computed = cost.computed if cost.overridden and counted else None
        self._show_row(
            "computed",
            (computed.one_off_ore if once else computed.full_year_ore) if computed else None,
        )
        has_previous = decision.previous_quantity is not None
        changes = counted and entered and has_previous and not once
        self._show_row("change", cost.change.full_year_ore if changes else None)

        starts_on = cost.starts_on if counted and entered else None
        self._show_row("this_year", cost.this_year_ore if starts_on else None)
        if starts_on is not None:
            name = _("Change in budget year {year}") if has_previous else _("Budget year {year}")
            self.names["this_year"].setText(name.format(year=starts_on.year))
            self.period.setText(
                _("from {date} to 31 December").format(date=format_date_long(starts_on))
            )
        self.period.setVisible(starts_on is not None)

        if not entered:
            note = _("Choose a tariff and type the extent, or type the annual cost.")
        elif not counted:
            note = _("Counts in the budget once the decision grants, changes or stops a service.")
        else:
            note = ""
        self.note.setText(note)
        self.note.setVisible(bool(note))
        self.problems.setText("\n".join(f"⚠ {problem}" for problem in cost.problems))
        self.problems.setVisible(bool(cost.problems))

    def show_citizen(self, total: CitizenCost | None) -> None:
        self.citizen.setText(format_money(total.full_year_ore if total else 0))
        count = total.decisions if total else 0
        self.citizen_count.setText(
            ngettext("{n} decision in force", "{n} decisions in force", count).format(n=count)
        )
