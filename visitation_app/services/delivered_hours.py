"""Delivered hours: a provider unit's CSV file imported whole or not at all, and each unit's
visitated hours set against what it delivered in a month.

Visitated hours of a unit in a month come from the decisions that name it as provider unit,
granted or partly granted, on a tariff priced by the hour, in force that month (valid from,
or else the meeting day, no later than the month's last day). A citizen's later decision on
the same tariff replaces the earlier one, as in the cost per citizen (the citizen is known by
CPR number, or else by the case): a reduction, a move to another unit or a refusal that stops
the service is not counted on top of the earlier grant.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import delete, insert, update
from sqlmodel import Session, col, select

from visitation_app.catalog import Catalog
from visitation_app.catalog.tariffs import TariffUnit
from visitation_app.domain.costing import Extent, Frequency
from visitation_app.domain.delivered_hours import (
    UnitComparison,
    first_of_month,
    hours_per_month,
    last_of_month,
    unit_key,
    unit_name,
)
from visitation_app.domain.errors import UserError, ValidationError
from visitation_app.domain.hours_csv import (
    MAX_FILE_BYTES,
    Encoding,
    HoursFile,
    HoursProblem,
    parse_hours_file,
)
from visitation_app.domain.vocabulary import Outcome
from visitation_app.i18n import _, ngettext
from visitation_app.services.legal import current_catalog
from visitation_app.store.database import Database
from visitation_app.store.models import AgendaItem, Case, Decision, DeliveredHours, Meeting
from visitation_app.store.types import utc_now

log = logging.getLogger(__name__)

# Outcomes that set the hours a unit delivers from then on (a change at review included).
GRANTING = (
    Outcome.GRANTED.value,
    Outcome.PARTLY_GRANTED.value,
    Outcome.STOPPED_OR_CHANGED.value,
)


class HoursFileError(UserError):
    """The file has problems; nothing of it was imported. `problems` lists them by line."""

    def __init__(self, path: Path, parsed: HoursFile) -> None:
        self.path = path
        self.problems: tuple[HoursProblem, ...] = parsed.problems
        self.problem_count = parsed.problem_count
        self.headline = ngettext(
            "{file} was not imported: {count} problem was found. Nothing was imported; "
            "correct the file and import it again.",
            "{file} was not imported: {count} problems were found. Nothing was imported; "
            "correct the file and import it again.",
            parsed.problem_count,
        ).format(file=path.name, count=parsed.problem_count)
        self.details = parsed.report()
        super().__init__(f"{self.headline}\n\n{self.details}")


@dataclass(frozen=True)
class ImportResult:
    """What an import did: rows read, of which new and of which replaced earlier figures."""

    path: Path
    encoding: Encoding
    rows: int
    new: int
    replaced: int
    months: tuple[dt.date, ...]

    def summary(self) -> str:
        rows = ngettext(
            "{count} row of delivered hours imported from {file}, read as {encoding}.",
            "{count} rows of delivered hours imported from {file}, read as {encoding}.",
            self.rows,
        ).format(count=self.rows, file=self.path.name, encoding=self.encoding.label)
        detail = _("New: {new}. Replaced: {replaced}.").format(new=self.new, replaced=self.replaced)
        return f"{rows} {detail}"


def read_hours_file(path: str | os.PathLike[str], *, today: dt.date | None = None) -> HoursFile:
    """The parsed file (its rows or its problems); UserError when it cannot be read at all.

    Months after the one `today` falls in (default: the computer's date) are refused.
    """
    path = Path(path).expanduser()
    if path.is_dir():
        raise UserError(_("{path} is a folder. Choose a CSV file.").format(path=path))
    if not path.exists():
        raise UserError(
            _("There is no file {path}. Check the name and the folder.").format(path=path)
        )
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            message = _("{path} is larger than {size} MB. Split it into smaller files.")
            raise UserError(message.format(path=path, size=MAX_FILE_BYTES // 1_000_000))
        data = path.read_bytes()
    except OSError as error:
        message = _("Cannot read {path}: {reason}")
        raise UserError(message.format(path=path, reason=error.strerror or error)) from error
    return parse_hours_file(data, latest_month=today or dt.date.today())


def import_delivered_hours(
    db: Database, path: str | os.PathLike[str], *, today: dt.date | None = None
) -> ImportResult:
    """Import the file's delivered hours in one transaction: every row, or none at all.

    A unit and month already in the database gets the file's figure (units are matched
    without regard to case or extra spaces); HoursFileError lists every problem by line.
    """
    path = Path(path).expanduser()
    parsed = read_hours_file(path, today=today)
    if not parsed.ok:
        raise HoursFileError(path, parsed)
    months = sorted({row.month for row in parsed.rows})
    now = utc_now()
    with db.session() as session:
        existing = session.exec(
            select(DeliveredHours.id, DeliveredHours.unit, DeliveredHours.month).where(
                col(DeliveredHours.month).in_(months)
            )
        ).all()
        by_key: dict[tuple[str, dt.date], list[int]] = defaultdict(list)
        for row_id, unit, month in existing:
            by_key[(unit_key(unit), month)].append(row_id)
        new: list[dict] = []
        replaced: list[dict] = []
        spelled_otherwise: list[int] = []
        for row in parsed.rows:
            values = {"unit": row.unit, "hours": row.hours, "source": path.name, "imported_at": now}
            matches = by_key.get((unit_key(row.unit), row.month))
            if matches:
                replaced.append({"id": matches[0], **values})
                spelled_otherwise.extend(matches[1:])
            else:
                new.append({"month": row.month, **values})
        # Rows of the same unit and month spelled otherwise go first: the unit + month pair
        # is unique, and the row kept takes the file's spelling.
        if spelled_otherwise:
            session.execute(
                delete(DeliveredHours).where(col(DeliveredHours.id).in_(spelled_otherwise))
            )
        if replaced:
            session.execute(update(DeliveredHours), replaced)
        if new:
            session.execute(insert(DeliveredHours), new)
    encoding = parsed.encoding or Encoding.UTF8
    return ImportResult(path, encoding, len(parsed.rows), len(new), len(replaced), tuple(months))


def months_with_delivered_hours(db: Database) -> list[dt.date]:
    """The months (first days) for which delivered hours are imported, newest first."""
    with db.session() as session:
        months = session.exec(select(DeliveredHours.month).distinct()).all()
    return sorted(months, reverse=True)


@dataclass
class _Unit:
    """What is gathered about one provider unit for the month."""

    name: str = ""
    extents: list[Extent] = field(default_factory=list)
    decisions: int = 0
    unknown: set[str] = field(default_factory=set)
    delivered: DeliveredHours | None = None


def _decisions_in_force(session: Session, last: dt.date) -> list[Decision]:
    """Per citizen and tariff, the latest decision in force by `last` that grants the
    service or stops it (a refusal of a continuation: see `domain/budget.py`)."""
    found = session.exec(
        select(Decision, Case.cpr, Case.id, Meeting.meeting_date)
        .join(AgendaItem, col(AgendaItem.id) == Decision.agenda_item_id)
        .join(Meeting, col(Meeting.id) == AgendaItem.meeting_id)
        .join(Case, col(Case.id) == AgendaItem.case_id)
        .where(Decision.tariff_key != "")
        .where(col(Decision.outcome).in_((*GRANTING, Outcome.REFUSED.value)))
    ).all()
    latest: dict[tuple[str, str], tuple[tuple, Decision]] = {}
    for decision, cpr, case_id, meeting_day in found:
        starts = decision.valid_from or meeting_day
        stops = decision.outcome == Outcome.REFUSED and decision.previous_quantity is not None
        if starts > last or (decision.outcome not in GRANTING and not stops):
            continue
        key = (cpr.replace("-", "") or f"case {case_id}", decision.tariff_key)
        order = (starts, meeting_day, decision.id)
        if key not in latest or latest[key][0] < order:
            latest[key] = (order, decision)
    return [
        decision
        for _order, decision in latest.values()
        if decision.outcome in GRANTING and decision.provider_unit.strip()
    ]


def ordered_versus_delivered(
    db: Database, month: dt.date, catalog: Catalog | None = None
) -> list[UnitComparison]:
    """Per provider unit, the hours visitated for `month` against the hours delivered in it.

    Units appear when they have a counted decision or imported hours, sorted by name.
    """
    catalog = catalog or current_catalog()
    first, last = first_of_month(month), last_of_month(month)
    units: dict[str, _Unit] = defaultdict(_Unit)
    with db.session() as session:
        decisions = _decisions_in_force(session, last)
        delivered = session.exec(select(DeliveredHours).where(DeliveredHours.month == first)).all()
    for row in delivered:
        units[unit_key(row.unit)].delivered = row
    for decision in decisions:
        tariff = catalog.tariff(decision.tariff_key, last)
        unit = units[unit_key(decision.provider_unit)]
        unit.name = unit.name or unit_name(decision.provider_unit)
        if tariff is None:
            unit.unknown.add(decision.tariff_key)
            continue
        frequency = _recurring(decision.extent_frequency)
        if tariff.unit != TariffUnit.HOUR or frequency is None:
            continue
        try:
            unit.extents.append(Extent(decision.extent_quantity, frequency))
        except ValidationError:  # no extent, or one the decision form would not accept
            log.warning("decision %s: extent %r not counted", decision.id, decision.extent_quantity)
            continue
        unit.decisions += 1
    comparisons = [
        UnitComparison(
            unit=unit.delivered.unit if unit.delivered else unit.name,
            month=first,
            visitated_hours=hours_per_month(unit.extents),
            delivered_hours=unit.delivered.hours if unit.delivered else None,
            decisions=unit.decisions,
            unknown_tariffs=tuple(sorted(unit.unknown)),
        )
        for unit in units.values()
        if unit.delivered or unit.decisions or unit.unknown
    ]
    return sorted(comparisons, key=lambda comparison: comparison.unit.casefold())


def _recurring(code: str) -> Frequency | None:
    """The decision's frequency when it recurs (per week, month or year); else None."""
    try:
        frequency = Frequency(code)
    except ValueError:
        return None
    return None if frequency == Frequency.ONCE else frequency
