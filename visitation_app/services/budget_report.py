"""The budget report of an area and year (PDF or CSV), and the tariffs behind each decision.

The report lists the decisions of the area's meetings that take effect in the year, with
the figures `services/budget.py` adds up for the budget panel and the minutes, so they
agree to the øre.
"""

from __future__ import annotations

import os
from pathlib import Path

from visitation_app.atomic_files import write_atomically
from visitation_app.catalog import Catalog, Tariff
from visitation_app.domain.budget_report import BudgetLine, BudgetReport, full_year_effect
from visitation_app.domain.errors import ValidationError
from visitation_app.domain.records import AgendaItemRecord, MeetingDossier
from visitation_app.domain.validation import mask_cpr
from visitation_app.domain.vocabulary import CommitteeArea
from visitation_app.i18n import _
from visitation_app.services import budget
from visitation_app.services.common import choice
from visitation_app.services.legal import current_catalog
from visitation_app.store.database import Database
from visitation_app.store.types import utc_now

REPORT_FORMATS = (".pdf", ".csv")


def tariffs_of(dossier: MeetingDossier, catalog: Catalog | None = None) -> dict[int, Tariff]:
    """The tariff that priced each decision of the meeting, by agenda item id.

    The price in force on the day the decision takes effect, the day `services.costs`
    costs it on.
    """
    catalog = catalog or current_catalog()
    found: dict[int, Tariff] = {}
    for item in dossier.items:
        decision, cost = item.decision, item.cost
        if decision is None or not decision.tariff_key or cost is None or cost.starts_on is None:
            continue
        tariff = catalog.tariff(decision.tariff_key, cost.starts_on)
        if tariff is not None:
            found[item.id] = tariff
    return found


def _line(
    dossier: MeetingDossier, item: AgendaItemRecord, tariff: Tariff | None, year: int
) -> BudgetLine:
    decision, cost, case = item.decision, item.cost, item.case
    assert decision is not None and cost is not None
    return BudgetLine(
        meeting_id=dossier.meeting.id,
        meeting_date=dossier.meeting.meeting_date,
        item_number=item.number,
        decision_id=decision.id,
        citizen_name=case.citizen_name if case else item.title,
        cpr_masked=mask_cpr(case.cpr) if case else "",
        outcome=decision.outcome,
        service=tariff.service if tariff else decision.service,
        tariff_key=decision.tariff_key,
        unit=tariff.unit.value if tariff else "",
        price_ore=tariff.price_ore if tariff else None,
        quantity=decision.extent_quantity,
        frequency=decision.extent_frequency,
        previous_quantity=decision.previous_quantity,
        extent_text=decision.extent,
        provider_unit=decision.provider_unit,
        takes_effect=cost.starts_on,
        this_year_ore=cost.in_year(year),
        full_year_ore=full_year_effect(cost),
        overridden=cost.overridden,
        override_reason=decision.cost_override_reason,
    )


def budget_report(db: Database, area: str, year: int) -> BudgetReport:
    """Every decision of `area`'s meetings taking effect in `year`, against the year's frame.

    A decision is listed when it has an outcome (a refusal or postponement with nothing to
    pay shows 0,00) or changes something; the order is meeting date, then item number.
    """
    area = choice(CommitteeArea, _("Committee area"))(area)
    year = budget._year(year)  # the same check as for a frame
    dossiers = budget.year_dossiers(db, area, year)
    catalog = current_catalog()
    lines = []
    for dossier in dossiers:
        tariffs = tariffs_of(dossier, catalog)
        for item in dossier.items:
            cost = item.cost
            if item.decision is None or cost is None or cost.budget_year != year:
                continue
            if not item.decision.outcome and not cost.in_year(year):
                continue
            lines.append(_line(dossier, item, tariffs.get(item.id), year))
    return BudgetReport(
        area=area,
        year=year,
        lines=tuple(lines),
        frame_ore=budget.frame_of(db, area, year),
        committed_ore=budget.committed_in_year(dossiers, year),
        made_at=utc_now(),
    )


def report_format(path: str | os.PathLike[str]) -> str:
    """'.pdf' or '.csv' from the file name; ValidationError for any other name."""
    suffix = Path(path).suffix.lower()
    if suffix not in REPORT_FORMATS:
        raise ValidationError(
            _(
                "The budget report is saved as PDF or CSV: give a file name ending in .pdf "
                "or .csv, not '{name}'."
            ).format(name=Path(path).name)
        )
    return suffix


def export_budget_report(
    db: Database, area: str, year: int, path: str | os.PathLike[str]
) -> tuple[Path, BudgetReport]:
    """Save the budget report as PDF or CSV (by the file name), whole or not at all."""
    from visitation_app.documents.budget_report import budget_report_csv, render_budget_report

    suffix = report_format(path)
    report = budget_report(db, area, year)
    data = render_budget_report(report) if suffix == ".pdf" else budget_report_csv(report)
    return write_atomically(path, data), report
