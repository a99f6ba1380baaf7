"""Catalog entries and the questions asked of them (pure data, no file access)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from visitation_app.catalog.tariffs import Tariff, tariff_on
from visitation_app.i18n import _


@dataclass(frozen=True)
class LegalBasis:
    """A paragraph (or range of paragraphs) a decision can be made under, with its validity."""

    key: str
    law: str
    law_name: str
    paragraph: str
    name: str
    areas: tuple[str, ...]
    paragraph_to: str | None = None
    stk: int | None = None
    nr: int | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    # An earlier end in one area only, e.g. SEL § 83 ends for elderly care on 2025-06-30.
    valid_to_by_area: tuple[tuple[str, dt.date], ...] = ()
    superseded_by: tuple[str, ...] = ()
    confirmed: bool = True
    # False for a one-off service (an aid, a housing adaptation): no review date is needed.
    ongoing: bool = True

    @property
    def citation(self) -> str:
        """How the basis is cited in minutes and letters: "Serviceloven § 83, stk. 1, nr. 2"."""
        # A Danish legal citation, the same whatever the language of the window.
        if self.paragraph_to:
            text = f"{self.law_name} §§ {self.paragraph}–{self.paragraph_to}"
        else:
            text = f"{self.law_name} § {self.paragraph}"
        if self.stk is not None:
            text += f", stk. {self.stk}"
        if self.nr is not None:
            text += f", nr. {self.nr}"
        return text

    def valid_to_for(self, area: str) -> dt.date | None:
        """The last day the basis may be used in `area` (None: no end date)."""
        ends = [end for code, end in self.valid_to_by_area if code == area]
        if self.valid_to is not None:
            ends.append(self.valid_to)
        return min(ends) if ends else None

    def is_valid(self, area: str, on: dt.date) -> bool:
        """True when a decision in `area` made on `on` can rest on this basis."""
        if area not in self.areas:
            return False
        if self.valid_from is not None and on < self.valid_from:
            return False
        end = self.valid_to_for(area)
        return end is None or on <= end


@dataclass(frozen=True)
class ProcessingDeadline:
    """A sagsbehandlingsfrist: days from received application to decision for a case type."""

    key: str
    name: str
    area: str
    days: int
    # False when the municipality's own file set it; True for the shipped example.
    is_default: bool = True


@dataclass(frozen=True)
class CatalogProblem:
    """Something wrong in a catalog file: which file, where in it, and what."""

    file: str
    location: str
    message: str

    def __str__(self) -> str:
        return _("{file}, {location}: {message}").format(
            file=self.file, location=self.location, message=self.message
        )


@dataclass
class Catalog:
    """All legal bases, processing deadlines and tariffs in use, plus the problems found."""

    legal_bases: dict[str, LegalBasis] = field(default_factory=dict)
    deadlines: dict[str, ProcessingDeadline] = field(default_factory=dict)
    # Every price version of a tariff by its key, oldest valid_from first.
    tariffs: dict[str, list[Tariff]] = field(default_factory=dict)
    problems: list[CatalogProblem] = field(default_factory=list)

    def basis(self, key: str) -> LegalBasis | None:
        return self.legal_bases.get(key)

    def resolve(self, key: str, text: str = "") -> LegalBasis | None:
        """The basis chosen by catalog key, or typed as its exact citation; else None."""
        if key and key in self.legal_bases:
            return self.legal_bases[key]
        return find_by_citation(self.legal_bases.values(), text)

    def deadline(self, key: str) -> ProcessingDeadline | None:
        return self.deadlines.get(key)

    def bases_for(self, area: str, on: dt.date) -> list[LegalBasis]:
        """The bases a decision in `area` made on `on` can rest on, in catalog order."""
        return [basis for basis in self.legal_bases.values() if basis.is_valid(area, on)]

    def deadlines_for(self, area: str) -> list[ProcessingDeadline]:
        return [deadline for deadline in self.deadlines.values() if deadline.area == area]

    def tariff(self, key: str, on: dt.date) -> Tariff | None:
        """The price of `key` in force on `on`; None for an unknown key or before its first."""
        return tariff_on(self.tariffs.get(key, []), on)

    def tariffs_for(self, area: str, on: dt.date) -> list[Tariff]:
        """The tariffs of `area` in force on `on`, one per service, sorted by service name."""
        in_force = (tariff_on(versions, on) for versions in self.tariffs.values())
        found = [tariff for tariff in in_force if tariff is not None and area in tariff.areas]
        return sorted(found, key=lambda tariff: (tariff.service.casefold(), tariff.key))

    def superseding(self, basis: LegalBasis, area: str, on: dt.date) -> list[LegalBasis]:
        """The bases that apply instead of `basis` in `area` on `on` (e.g. Ældreloven § 10).

        Empty when `basis` is still valid there or nothing has replaced it yet.
        """
        if basis.is_valid(area, on):
            return []
        successors = (self.legal_bases.get(key) for key in basis.superseded_by)
        return [s for s in successors if s is not None and s.is_valid(area, on)]


def _normalised(citation: str) -> str:
    """A citation compared without case, spacing or the dash style: "serviceloven§85"."""
    return "".join(citation.replace("–", "-").casefold().split())


def find_by_citation(bases: Iterable[LegalBasis], text: str) -> LegalBasis | None:
    """The basis whose citation (or key) is `text`, however it is spaced or capitalised."""
    wanted = _normalised(text)
    if not wanted:
        return None
    for basis in bases:
        if _normalised(basis.citation) == wanted or _normalised(basis.key) == wanted:
            return basis
    return None
