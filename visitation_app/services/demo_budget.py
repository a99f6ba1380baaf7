"""The demo's economy: tariffs and extents on its decisions, budget frames, delivered hours.

Read and checked with the rest of the demo file by `services.demo_loader` (`economy` for
each decision, `plan_frames` and `plan_hours` for the file as a whole), then set through the
services the window uses (`set_frames`, `import_hours`, called by `services.demo`).

The frames and the delivered hours follow the day the demo is built, like its dates:
- A frame is a fixed `amount_ore`, or `percent_of_committed`: that share of what the demo's
  own decisions commit in the area and year (from their valid-from date to 31 December, as
  the budget panel counts), rounded to three significant digits like a budget figure. So
  an area set to 92 % is over its frame whatever the day, and one set to 140 % within it.
- The delivered hours are the shipped CSV file (resources/demo/leverede_timer.csv, one row
  per provider unit, in the format of docs/budget.md) moved to the month in which the
  units' visitated hours have begun: the hours importer refuses a month that has not
  begun, and a fixed month would soon be one without visitated hours.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import logging
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from visitation_app.catalog import TARIFFS_FILE, Catalog, Tariff, TariffUnit
from visitation_app.domain.costing import MAX_QUANTITY, Frequency
from visitation_app.domain.delivered_hours import first_of_month, unit_key
from visitation_app.domain.hours_csv import HoursRow, parse_hours_file
from visitation_app.domain.vocabulary import CommitteeArea, Outcome
from visitation_app.services.budget import committed_in_year, set_frame, year_dossiers
from visitation_app.services.delivered_hours import import_delivered_hours
from visitation_app.services.demo_json import DemoDataError, JsonObject
from visitation_app.store.database import Database

log = logging.getLogger(__name__)

ECONOMY_KEYS = (
    "tariff_key extent_quantity extent_frequency previous_quantity provider_unit "
    "cost_override_ore cost_override_reason"
)
_EXTENT_KEYS = ("tariff_key", "extent_quantity", "extent_frequency")
# Decisions whose hours count as visitated to their provider unit (services.delivered_hours).
_VISITATING = (Outcome.GRANTED, Outcome.PARTLY_GRANTED)
_CATALOG_FILE = f"resources/catalog/{TARIFFS_FILE}"


# --- a decision's tariff and extent ------------------------------------------------------


def economy(node: JsonObject, area: str, starts_on: dt.date, catalog: Catalog) -> dict[str, Any]:
    """The decision fields of the economy keys in `node` (a decision), checked.

    The tariff must be in the catalog, priced on `starts_on` (the day the decision takes
    effect) and used by `area`; the tariff, the quantity and the frequency go together.
    """
    fields: dict[str, Any] = {}
    given = [key for key in _EXTENT_KEYS if node.has(key)]
    if given and len(given) < len(_EXTENT_KEYS):
        missing = next(key for key in _EXTENT_KEYS if not node.has(key))
        raise DemoDataError(
            f"{node.at(missing)}: missing; tariff_key, extent_quantity and extent_frequency "
            "go together"
        )
    if given:
        tariff = _tariff(node, area, starts_on, catalog)
        frequency = node.choice("extent_frequency", Frequency)
        if (tariff.unit == TariffUnit.ONE_OFF) != (frequency == Frequency.ONCE):
            raise DemoDataError(
                f"{node.at('extent_frequency')}: {frequency!r} does not fit the tariff "
                f"{tariff.key!r}, priced per {tariff.unit.value}; a one_off tariff goes with "
                "'once', any other with per_week, per_month or per_year"
            )
        fields["tariff_key"] = tariff.key
        fields["extent_quantity"] = _quantity(node, "extent_quantity")
        fields["extent_frequency"] = frequency
    for key in ("previous_quantity", "provider_unit"):
        if node.has(key) and not given:
            raise DemoDataError(f"{node.at(key)}: only with a tariff_key and an extent")
    if node.has("previous_quantity"):
        fields["previous_quantity"] = _quantity(node, "previous_quantity")
    if node.has("provider_unit"):
        fields["provider_unit"] = _text(node, "provider_unit")
    if node.has("cost_override_ore") != node.has("cost_override_reason"):
        missing = "cost_override_reason" if node.has("cost_override_ore") else "cost_override_ore"
        raise DemoDataError(
            f"{node.at(missing)}: missing; an amount set by hand (cost_override_ore) needs "
            "its reason (cost_override_reason)"
        )
    if node.has("cost_override_ore"):
        amount = node.get("cost_override_ore", int)
        if amount < 0:
            raise DemoDataError(f"{node.at('cost_override_ore')}: an amount cannot be negative")
        fields["cost_override_ore"] = amount
        fields["cost_override_reason"] = _text(node, "cost_override_reason")
    return fields


def _tariff(node: JsonObject, area: str, on: dt.date, catalog: Catalog) -> Tariff:
    key = node.get("tariff_key", str)
    versions = catalog.tariffs.get(key, [])
    for_area = ", ".join(sorted(t.key for t in catalog.tariffs_for(area, on))) or "none"
    if not versions:
        raise DemoDataError(
            f"{node.at('tariff_key')}: {key!r} is not a tariff in the catalog "
            f"({_CATALOG_FILE}); for the area {area!r} use one of {for_area}"
        )
    tariff = catalog.tariff(key, on)
    if tariff is None:
        first = min(version.valid_from for version in versions)
        raise DemoDataError(
            f"{node.at('tariff_key')}: {key!r} has no price in force on {on.isoformat()}, "
            f"the day the decision takes effect (its first price is from {first.isoformat()})"
        )
    if area not in tariff.areas:
        raise DemoDataError(
            f"{node.at('tariff_key')}: {key!r} ({tariff.service}) is not a tariff for the "
            f"area {area!r}; use one of {for_area}"
        )
    return tariff


def _quantity(node: JsonObject, key: str) -> Decimal:
    """A number of the tariff's unit, written as a JSON number (2.5, not "2,5")."""
    value = node.value[key]
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise DemoDataError(f"{node.at(key)}: expected a number such as 2.5, got {value!r}")
    quantity = Decimal(str(value))
    if not quantity.is_finite() or not 0 <= quantity <= MAX_QUANTITY:
        raise DemoDataError(f"{node.at(key)}: expected a number from 0 to {MAX_QUANTITY}")
    if quantity != quantity.quantize(Decimal("0.01")):
        raise DemoDataError(f"{node.at(key)}: at most two decimals, got {value!r}")
    return quantity.quantize(Decimal("0.01"))


def _text(node: JsonObject, key: str) -> str:
    text = node.get(key, str).strip()
    if not text:
        raise DemoDataError(f"{node.at(key)}: empty")
    return text


# --- budget frames -----------------------------------------------------------------------


@dataclass(frozen=True)
class DemoFrame:
    """An area's frame for a year: a fixed amount, or a share of what the demo commits."""

    area: str
    year: int
    amount_ore: int | None = None
    percent_of_committed: int | None = None


def plan_frames(
    root: JsonObject, meeting_years: dict[str, int], today: dt.date
) -> tuple[DemoFrame, ...]:
    """The file's `budget_frames`; `meeting_years` gives each area's (first) meeting year."""
    frames: dict[tuple[str, int], str] = {}
    planned = []
    for node in root.items("budget_frames", "area year", "amount_ore percent_of_committed"):
        area = node.choice("area", CommitteeArea)
        year = _frame_year(node, area, meeting_years, today)
        if node.has("amount_ore") == node.has("percent_of_committed"):
            raise DemoDataError(
                f"{node.where}: give either amount_ore (a fixed frame) or "
                "percent_of_committed (a share of what the demo's decisions commit)"
            )
        amount = node.get("amount_ore", int, None)
        if amount is not None and amount < 0:
            raise DemoDataError(f"{node.at('amount_ore')}: a budget frame cannot be negative")
        percent = node.get("percent_of_committed", int, None)
        if percent is not None and not 1 <= percent <= 1000:
            raise DemoDataError(
                f"{node.at('percent_of_committed')}: expected a percentage from 1 to 1000"
            )
        if (area, year) in frames:
            raise DemoDataError(
                f"{node.where}: a second frame for {area!r} in {year}; the first is "
                f"{frames[(area, year)]}"
            )
        frames[(area, year)] = node.where
        planned.append(DemoFrame(area, year, amount, percent))
    return tuple(planned)


def _frame_year(node: JsonObject, area: str, meeting_years: dict[str, int], today: dt.date) -> int:
    """ "meeting": the year of the area's meeting; a number: years after the build year."""
    value = node.value["year"]
    if value == "meeting":
        if area not in meeting_years:
            raise DemoDataError(f"{node.at('year')}: the demo has no meeting for {area!r}")
        return meeting_years[area]
    if isinstance(value, int) and not isinstance(value, bool) and -50 <= value <= 50:
        return today.year + value
    raise DemoDataError(
        f'{node.at("year")}: expected "meeting" (the year of the area\'s meeting) or a '
        f"number of years after the year the demo is built (0: that year), got {value!r}"
    )


def budget_figure(ore: Decimal) -> int:
    """An amount rounded to three significant digits, half up, in whole kroner (as øre)."""
    kroner = ore / 100
    if kroner <= 0:
        return 0
    step = Decimal(10) ** max(kroner.adjusted() - 2, 0)
    return int((kroner / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step * 100)


def set_frames(db: Database, frames: Iterable[DemoFrame]) -> None:
    """Set the frames; one that is a share of nothing committed (yet) is left out."""
    for frame in frames:
        amount = frame.amount_ore
        if frame.percent_of_committed is not None:
            committed = committed_in_year(year_dossiers(db, frame.area, frame.year), frame.year)
            amount = budget_figure(Decimal(committed) * frame.percent_of_committed / 100)
            if amount <= 0:
                log.info("demo: no frame for %s in %s, nothing committed", frame.area, frame.year)
                continue
        set_frame(db, frame.area, frame.year, amount)


# --- delivered hours ---------------------------------------------------------------------


@dataclass(frozen=True)
class DemoHours:
    """The delivered hours to import: the file's rows, all in `month`."""

    file_name: str
    month: dt.date
    rows: tuple[HoursRow, ...]


def plan_hours(
    root: JsonObject,
    folder: Path,
    decisions: Iterable[tuple[dt.date, dict[str, Any]]],
    today: dt.date,
    catalog: Catalog,
) -> DemoHours | None:
    """The hours file the demo file names (in `folder`), moved to the month in which its
    units' hours have begun; None without one.

    `decisions` are (meeting date, decision fields) of the demo. Each unit in the file must
    be the provider unit of a granting decision on a tariff priced by the hour; the month is
    the latest in which such a decision of a unit in the file takes effect, no later than
    the month of `today`. Units whose hours begin after it are left out (None: all are).
    """
    if not root.has("delivered_hours"):
        return None
    name = root.get("delivered_hours", str)
    if not name or Path(name).name != name:
        raise DemoDataError(f"{root.at('delivered_hours')}: expected a file name, got {name!r}")
    path = folder / name
    try:
        data = path.read_bytes()
    except OSError as error:
        raise DemoDataError(f"{path}: cannot read the delivered hours: {error}") from error
    parsed = parse_hours_file(data)
    if not parsed.ok:
        raise DemoDataError(f"{path.name}: {parsed.report()}")
    starts = _hours_start(decisions, catalog)
    first_row: dict[str, int] = {}
    for row in parsed.rows:
        key = unit_key(row.unit)
        if key in first_row:
            raise DemoDataError(
                f"{path.name}, line {row.line}: {row.unit!r} is on line {first_row[key]} "
                "already; give one row per unit (the month is set when the demo is built)"
            )
        first_row[key] = row.line
        if key not in starts:
            raise DemoDataError(
                f"{path.name}, line {row.line}: {row.unit!r} is the provider_unit of no "
                "granted decision on a tariff priced by the hour"
            )
    this_month = first_of_month(today)
    begun = [starts[unit_key(row.unit)] for row in parsed.rows]
    begun = [month for month in begun if month <= this_month]
    if not begun:
        return None
    month = max(begun)
    rows = tuple(
        HoursRow(row.line, row.unit, month, row.hours)
        for row in parsed.rows
        if starts[unit_key(row.unit)] <= month
    )
    return DemoHours(path.name, month, rows)


def _hours_start(
    decisions: Iterable[tuple[dt.date, dict[str, Any]]], catalog: Catalog
) -> dict[str, dt.date]:
    """Per provider unit, the month in which the last of its hour decisions takes effect."""
    starts: dict[str, dt.date] = {}
    for meeting_day, fields in decisions:
        unit = fields.get("provider_unit", "")
        if not unit or fields.get("outcome") not in _VISITATING:
            continue
        begins = fields.get("valid_from") or meeting_day
        tariff = catalog.tariff(fields["tariff_key"], begins)
        if tariff is None or tariff.unit != TariffUnit.HOUR:
            continue
        key, month = unit_key(unit), first_of_month(begins)
        starts[key] = max(starts.get(key, month), month)
    return starts


def hours_csv(hours: DemoHours) -> bytes:
    """The rows as Danish Excel writes them: UTF-8 with BOM, ';', decimal comma, CRLF."""
    text = io.StringIO()
    writer = csv.writer(text, delimiter=";", lineterminator="\r\n")
    writer.writerow(["Enhed", "Måned", "Timer"])
    for row in hours.rows:
        writer.writerow([row.unit, f"{hours.month:%Y-%m}", f"{row.hours:.2f}".replace(".", ",")])
    return text.getvalue().encode("utf-8-sig")


def import_hours(db: Database, hours: DemoHours, *, today: dt.date) -> None:
    """Import the hours through the importer the window uses, from a file beside the
    database that is removed afterwards (the importer records the file's name)."""
    folder = Path(tempfile.mkdtemp(prefix=f".{db.path.name}.", dir=db.path.parent))
    try:
        source = folder / hours.file_name
        source.write_bytes(hours_csv(hours))
        import_delivered_hours(db, source, today=today)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
