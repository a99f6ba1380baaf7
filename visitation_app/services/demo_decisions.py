"""The demo's decisions: reading a case item's "decision" and the legal bases it rests on.

Read and checked with the rest of the demo file by `services.demo_loader`; the fields are
those of `services.decisions.save_decision`. A legal basis is a key of the shipped catalog
(resources/catalog/legal_bases.json) in force for the area on the meeting's date, so the
demo is legally right whatever day it is built. A decision's tariff and extent are read
by `services.demo_budget.economy`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from visitation_app.catalog import Catalog, LegalBasis
from visitation_app.domain.completeness import Consultation
from visitation_app.domain.vocabulary import Outcome
from visitation_app.services.demo_budget import ECONOMY_KEYS, economy
from visitation_app.services.demo_json import DemoDataError, JsonObject, relative_date

_DECISION_TEXTS = (
    "service", "extent", "legal_basis", "justification",
    "consultation_not_needed_reason", "missing_information",
)  # fmt: skip
_DECISION_DATES = ("valid_from", "review_date", "consulted_on", "missing_by")
_DECISION_KEYS = " ".join(
    (
        *_DECISION_TEXTS,
        *_DECISION_DATES,
        "outcome annual_cost_ore legal_basis_key consultation",
        ECONOMY_KEYS,
    ),
)
# A decision field that only makes sense with a certain other value: (field, key, values).
_DECISION_NEEDS = (
    ("consulted_on", "consultation", {Consultation.DONE}),
    ("consultation_not_needed_reason", "consultation", {Consultation.NOT_NEEDED}),
    ("missing_information", "outcome", {Outcome.POSTPONED}),
    ("missing_by", "outcome", {Outcome.POSTPONED}),
)


def legal_basis(node: JsonObject, day: dt.date, area: str, catalog: Catalog) -> LegalBasis:
    """The catalog's legal basis named by `legal_basis_key`, in force for `area` on `day`."""
    key = node.get("legal_basis_key", str)
    basis = catalog.basis(key)
    if basis is None:
        raise DemoDataError(
            f"{node.at('legal_basis_key')}: {key!r} is not a legal basis in the catalog "
            "(resources/catalog/legal_bases.json)"
        )
    if not basis.is_valid(area, day):
        raise DemoDataError(
            f"{node.at('legal_basis_key')}: {basis.citation} ({key!r}) does not apply "
            f"to the area {area!r} on {day.isoformat()}, the date of the meeting"
        )
    return basis


def decision(
    item: JsonObject, day: dt.date, area: str, today: dt.date, catalog: Catalog
) -> tuple[dict[str, Any], bool, str]:
    """The fields to save, and whether (and why) the decision is then made final.

    A decision may hold only the consultation status, and the tariff and extent the
    case worker proposes: that is how a case prepared for a planned meeting records
    them before the committee decides (a decision without an outcome costs nothing).
    """
    node = JsonObject(
        item.value["decision"],
        item.at("decision"),
        "",
        f"{_DECISION_KEYS} final override_reason",
    )
    fields: dict[str, Any] = {}
    if node.has("outcome"):
        fields["outcome"] = node.choice("outcome", Outcome)
    if node.has("legal_basis_key"):
        basis = legal_basis(node, day, area, catalog)
        fields["legal_basis_key"] = basis.key
        fields["legal_basis"] = node.get("legal_basis", str, basis.citation)
    if node.has("consultation"):
        fields["consultation"] = node.choice("consultation", Consultation)
    for key in _DECISION_TEXTS:
        if node.has(key):
            fields.setdefault(key, node.get(key, str))
    for key in _DECISION_DATES:
        if node.has(key):
            fields[key] = relative_date(node, key, day, today)
    if node.has("annual_cost_ore"):
        fields["annual_cost_ore"] = node.get("annual_cost_ore", int)
    fields.update(economy(node, area, fields.get("valid_from") or day, catalog))
    if "annual_cost_ore" in fields and "tariff_key" in fields:
        raise DemoDataError(
            f"{node.at('annual_cost_ore')}: not with a tariff, whose cost is computed; "
            "set an amount by hand with cost_override_ore and cost_override_reason"
        )
    if not fields:
        raise DemoDataError(f"{node.where}: empty; give at least an outcome or consultation")
    for key, needs, values in _DECISION_NEEDS:
        if node.has(key) and fields.get(needs) not in values:
            wanted = " or ".join(repr(str(value)) for value in values)
            raise DemoDataError(f"{node.at(key)}: only with {needs} {wanted}")
    final = node.get("final", bool, False)
    if final and "outcome" not in fields:
        raise DemoDataError(f"{node.at('final')}: a decision needs an outcome to be final")
    if node.has("override_reason") and not final:
        raise DemoDataError(f'{node.at("override_reason")}: only with "final": true')
    return fields, final, node.get("override_reason", str, "")
