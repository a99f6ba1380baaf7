"""Reads and validates the catalog files; a broken municipality file never stops the app.

Each file is {"description": ..., "entries": [...]} (a bare list of entries is accepted too).
The shipped files come from resources/catalog/; files of the same name in the user's config
folder replace shipped entries with the same key and add new ones. Tariffs are versioned:
an entry is identified by its key and valid_from, so a municipality's price for a year
replaces only the shipped price from the same date.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Callable, Hashable
from decimal import Decimal
from pathlib import Path
from typing import Any

from visitation_app.assets import get_asset
from visitation_app.catalog.legal import Catalog, CatalogProblem, LegalBasis, ProcessingDeadline
from visitation_app.catalog.tariffs import Tariff, TariffUnit
from visitation_app.domain.money import ORE_PER_KRONE, kroner_to_ore
from visitation_app.domain.vocabulary import CommitteeArea
from visitation_app.formatting import format_money
from visitation_app.i18n import _

log = logging.getLogger(__name__)

LEGAL_BASES_FILE = "legal_bases.json"
PROCESSING_DEADLINES_FILE = "processing_deadlines.json"
TARIFFS_FILE = "tariffs.json"

_AREAS = {area.value for area in CommitteeArea}
_BASIS_REQUIRED = {"key", "law", "law_name", "paragraph", "name", "areas"}
_BASIS_OPTIONAL = {
    "paragraph_to", "stk", "nr", "valid_from", "valid_to",
    "valid_to_by_area", "superseded_by", "confirmed", "ongoing",
}  # fmt: skip
_DEADLINE_REQUIRED = {"key", "name", "area", "days"}
_TARIFF_REQUIRED = {"key", "service", "unit", "price_ore", "valid_from", "areas"}


class _InvalidEntryError(Exception):
    """One wrong field: where it is and what is wrong."""

    def __init__(self, location: str, message: str) -> None:
        super().__init__(message)
        self.location = location
        self.message = message


def load_catalog(config_dir: Path | None = None) -> Catalog:
    """The shipped catalog, with the municipality's files from `config_dir` laid over it.

    `config_dir` defaults to the app's config folder. Every problem found lands in
    `catalog.problems`; a file with problems is ignored as a whole (the shipped entries stay).
    """
    if config_dir is None:
        from visitation_app.paths import config_dir as default_config_dir

        config_dir = default_config_dir()
    catalog = Catalog()
    tariff_versions: dict[tuple[str, dt.date], Tariff] = {}
    for name, target, parse in (
        (LEGAL_BASES_FILE, catalog.legal_bases, _parse_basis),
        (PROCESSING_DEADLINES_FILE, catalog.deadlines, _parse_deadline),
        (TARIFFS_FILE, tariff_versions, _parse_tariff),
    ):
        shipped = _read_entries(get_asset("catalog", name), parse, True, catalog.problems)
        target.update(shipped or {})
        override = config_dir / name
        if override.exists():
            entries = _read_entries(override, parse, False, catalog.problems)
            if entries is not None:
                target.update(entries)
    for version in sorted(tariff_versions.values(), key=lambda tariff: tariff.valid_from):
        catalog.tariffs.setdefault(version.key, []).append(version)
    catalog.problems.extend(_dangling_successors(catalog))
    for problem in catalog.problems:
        log.warning("catalog problem: %s", problem)
    return catalog


def _read_entries(
    path: Path, parse: Callable[..., Any], shipped: bool, problems: list[CatalogProblem]
) -> dict[Hashable, Any] | None:
    """The entries of one file by identity, or None (with problems added) if it is not usable.

    An entry's identity is its key, or (key, valid_from) for a versioned entry (a tariff).
    """
    found: list[CatalogProblem] = []
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        message = _("The file cannot be read: {error}.").format(error=error.strerror or error)
        problems.append(CatalogProblem(str(path), "-", message))
        return None
    except UnicodeDecodeError:
        problems.append(CatalogProblem(str(path), "-", _("The file is not saved as UTF-8.")))
        return None
    except json.JSONDecodeError as error:
        location = _("line {line}, column {column}").format(line=error.lineno, column=error.colno)
        problems.append(CatalogProblem(str(path), location, _("The file is not valid JSON.")))
        return None
    if isinstance(document, dict) and set(document) <= {"description", "entries"}:
        document = document.get("entries")
    if not isinstance(document, list):
        message = _('Expected a list of entries (or an object with "entries").')
        problems.append(CatalogProblem(str(path), "-", message))
        return None
    entries: dict[Hashable, Any] = {}
    for index, raw in enumerate(document):
        where = f"entries[{index}]"
        try:
            entry = parse(raw, where, shipped)
        except _InvalidEntryError as error:
            found.append(CatalogProblem(str(path), error.location, error.message))
            continue
        except (TypeError, ValueError, AttributeError) as error:
            # A value of a shape no check foresaw: reported, never a crash.
            log.warning("catalog entry %s of %s not understood: %r", where, path, error)
            message = _(
                "A value in this entry has the wrong type (a list, object or number "
                "where another kind is expected)."
            )
            found.append(CatalogProblem(str(path), where, message))
            continue
        identity = (entry.key, entry.valid_from) if isinstance(entry, Tariff) else entry.key
        if identity in entries:
            found.append(CatalogProblem(str(path), *_duplicate(entry, where)))
            continue
        entries[identity] = entry
    problems.extend(found)
    return None if found else entries


def _duplicate(entry: Any, where: str) -> tuple[str, str]:
    """Where and what to report for an entry whose identity came earlier in the file."""
    if isinstance(entry, Tariff):
        message = _('The key "{key}" already has a price valid from {date}.').format(
            key=entry.key, date=entry.valid_from.isoformat()
        )
        return f"{where}.valid_from", message
    return f"{where}.key", _('The key "{key}" is used twice.').format(key=entry.key)


def _check_fields(raw: Any, where: str, required: set[str], optional: set[str]) -> dict:
    if not isinstance(raw, dict):
        raise _InvalidEntryError(where, _("Each entry must be an object with named fields."))
    for name in sorted(set(raw) - required - optional):
        raise _InvalidEntryError(
            f"{where}.{name}", _('Unknown field "{field}".').format(field=name)
        )
    for name in sorted(required - set(raw)):
        raise _InvalidEntryError(
            f"{where}.{name}", _('The field "{field}" is missing.').format(field=name)
        )
    return raw


def _text(raw: dict, name: str, where: str, optional: bool = False) -> str | None:
    value = raw.get(name)
    if value is None and optional:
        return None
    if not isinstance(value, str) or not value.strip():
        raise _InvalidEntryError(f"{where}.{name}", _("Expected a text that is not empty."))
    return value.strip()


def _number(raw: dict, name: str, where: str, optional: bool = False) -> int | None:
    value = raw.get(name)
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise _InvalidEntryError(f"{where}.{name}", _("Expected a whole number of 1 or more."))
    return value


def _date(value: Any, location: str, required: bool = False) -> dt.date | None:
    if value is None and not required:
        return None
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        shown = "null" if value is None else value
        raise _InvalidEntryError(
            location, _('"{value}" is not a date written as YYYY-MM-DD.').format(value=shown)
        ) from None


def _area(value: Any, location: str) -> str:
    if not isinstance(value, str) or value not in _AREAS:
        message = _('Unknown area "{area}"; use one of: {areas}.').format(
            area=value, areas=", ".join(sorted(_AREAS))
        )
        raise _InvalidEntryError(location, message)
    return value


def _areas(raw: dict, where: str) -> tuple[str, ...]:
    areas = raw["areas"]
    if not isinstance(areas, list) or not areas:
        raise _InvalidEntryError(f"{where}.areas", _("Expected a list of at least one area."))
    return tuple(_area(code, f"{where}.areas[{i}]") for i, code in enumerate(areas))


def _unit(value: Any, location: str) -> TariffUnit:
    try:
        return TariffUnit(value)
    except ValueError:
        message = _('Unknown unit "{unit}"; use one of: {units}.').format(
            unit=value, units=", ".join(unit.value for unit in TariffUnit)
        )
        raise _InvalidEntryError(location, message) from None


def _price(value: Any, location: str) -> int:
    """A price in whole øre; a decimal number (kroner by mistake) is refused with a hint."""
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    if isinstance(value, float) and value >= 0:
        kroner = Decimal(repr(value))
        ore = kroner_to_ore(kroner)
        if kroner * ORE_PER_KRONE == ore:
            message = _("Amounts are written in whole øre, without decimals: {money} is {ore}.")
            raise _InvalidEntryError(location, message.format(money=format_money(ore), ore=ore))
    raise _InvalidEntryError(
        location, _("Expected the price as a whole number of øre, 0 or more (450 kr. is 45000).")
    )


def _parse_basis(raw: Any, where: str, shipped: bool) -> LegalBasis:
    raw = _check_fields(raw, where, _BASIS_REQUIRED, _BASIS_OPTIONAL)
    codes = _areas(raw, where)
    valid_from = _date(raw.get("valid_from"), f"{where}.valid_from")
    valid_to = _date(raw.get("valid_to"), f"{where}.valid_to")
    ends: list[tuple[str, dt.date]] = []
    by_area = raw.get("valid_to_by_area") or {}
    if not isinstance(by_area, dict):
        raise _InvalidEntryError(
            f"{where}.valid_to_by_area", _("Expected an object of area: date.")
        )
    for code, value in by_area.items():
        location = f"{where}.valid_to_by_area.{code}"
        if _area(code, location) not in codes:
            raise _InvalidEntryError(location, _("The area is not one of the entry's areas."))
        ends.append((code, _date(value, location)))
    for end, location in [(valid_to, f"{where}.valid_to")] + [
        (day, f"{where}.valid_to_by_area.{code}") for code, day in ends
    ]:
        if valid_from and end and end < valid_from:
            raise _InvalidEntryError(
                location, _("The end date is before the start date (valid_from).")
            )
    successors = raw.get("superseded_by") or []
    if not isinstance(successors, list) or not all(isinstance(k, str) for k in successors):
        raise _InvalidEntryError(f"{where}.superseded_by", _("Expected a list of keys."))
    confirmed, ongoing = raw.get("confirmed", True), raw.get("ongoing", True)
    for name, flag in (("confirmed", confirmed), ("ongoing", ongoing)):
        if not isinstance(flag, bool):
            raise _InvalidEntryError(f"{where}.{name}", _("Expected true or false."))
    return LegalBasis(
        key=_text(raw, "key", where),
        law=_text(raw, "law", where),
        law_name=_text(raw, "law_name", where),
        paragraph=_text(raw, "paragraph", where),
        name=_text(raw, "name", where),
        areas=codes,
        paragraph_to=_text(raw, "paragraph_to", where, optional=True),
        stk=_number(raw, "stk", where, optional=True),
        nr=_number(raw, "nr", where, optional=True),
        valid_from=valid_from,
        valid_to=valid_to,
        valid_to_by_area=tuple(ends),
        superseded_by=tuple(successors),
        confirmed=confirmed,
        ongoing=ongoing,
    )


def _parse_deadline(raw: Any, where: str, shipped: bool) -> ProcessingDeadline:
    raw = _check_fields(raw, where, _DEADLINE_REQUIRED, set())
    return ProcessingDeadline(
        key=_text(raw, "key", where),
        name=_text(raw, "name", where),
        area=_area(raw["area"], f"{where}.area"),
        days=_number(raw, "days", where),
        is_default=shipped,
    )


def _parse_tariff(raw: Any, where: str, shipped: bool) -> Tariff:
    raw = _check_fields(raw, where, _TARIFF_REQUIRED, set())
    return Tariff(
        key=_text(raw, "key", where),
        service=_text(raw, "service", where),
        unit=_unit(raw["unit"], f"{where}.unit"),
        price_ore=_price(raw["price_ore"], f"{where}.price_ore"),
        valid_from=_date(raw["valid_from"], f"{where}.valid_from", required=True),
        areas=_areas(raw, where),
        is_default=shipped,
    )


def _dangling_successors(catalog: Catalog) -> list[CatalogProblem]:
    """A superseded_by key that names no basis is reported (the basis itself still loads)."""
    problems = []
    for basis in catalog.legal_bases.values():
        for key in basis.superseded_by:
            if key not in catalog.legal_bases:
                message = _('"{key}" in superseded_by names no legal basis.').format(key=key)
                problems.append(CatalogProblem(LEGAL_BASES_FILE, basis.key, message))
    return problems
