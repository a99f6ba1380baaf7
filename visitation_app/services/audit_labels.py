"""Audit entries in words: the record and what happened, the field's label, its values.

The stored values are exact (codes, ISO dates, øre, unmasked CPR numbers); here they
become what a chair reads: labels, Danish dates, amounts in kroner, masked CPR numbers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from babel.numbers import format_decimal

from visitation_app.domain.assessment import domain_label, level_label, support_need_label
from visitation_app.domain.completeness import Consultation
from visitation_app.domain.costing import Frequency
from visitation_app.domain.validation import mask_cpr
from visitation_app.domain.vocabulary import (
    AssessmentScheme,
    CitizenParticipation,
    CitizenView,
    CommitteeArea,
    ConversationPhase,
    MeetingEventKind,
    MeetingStatus,
    Outcome,
)
from visitation_app.formatting import format_date_long, format_money, format_timestamp
from visitation_app.i18n import N_, _, current_language
from visitation_app.services.legal import current_catalog
from visitation_app.services.retention_report import count_phrase

_ENTITIES = {
    "case": N_("Case"),
    "agenda_item": N_("Agenda item"),
    "decision": N_("Decision"),
    "involvement_note": N_("The citizen's answer"),
    "assessment": N_("Functional assessment"),
    "meeting": N_("Meeting"),
    "meeting_event": N_("Meeting event"),
    "approved_minutes": N_("Approved minutes"),
    "deletion_record": N_("Deletion after the retention period"),
}
_ACTIONS = {"created": N_("created"), "changed": N_("changed"), "deleted": N_("deleted")}

_FIELDS = {
    "citizen_name": N_("Citizen's name"),
    "cpr": N_("CPR number"),
    "reference": N_("Case number"),
    "area": N_("Committee area"),
    "applied_for": N_("Applied for"),
    "legal_paragraph": N_("Legal paragraph"),
    "case_worker": N_("Case worker"),
    "received_on": N_("Date received"),
    "summary": N_("Case summary"),
    "citizen_goals": N_("The citizen's wishes and goals"),
    "case_type": N_("Type of case"),
    "expected_annual_cost_ore": N_("Expected annual cost"),
    "contact": N_("Contact"),
    "notes": N_("Notes"),
    "citizen_participation": N_("The citizen's participation"),
    "citizen_represented_by": N_("Represented by"),
    "citizen_statement": N_("The citizen's own words"),
    "citizen_invited_on": N_("Citizen invited on"),
    "citizen_absence_reason": N_("Why the citizen is not involved"),
    "citizen_view": N_("The citizen's view of the decision"),
    "citizen_view_words": N_("The citizen's view in their own words"),
    "outcome": N_("Outcome of the decision"),
    "service": N_("Service"),
    "extent": N_("Extent"),
    "legal_basis": N_("Legal basis"),
    "legal_basis_key": N_("Legal basis"),
    "justification": N_("Justification"),
    "valid_from": N_("Valid from"),
    "review_date": N_("Review date"),
    "annual_cost_ore": N_("Annual cost"),
    "consultation": N_("Consultation (partshøring)"),
    "consulted_on": N_("Consulted on"),
    "consultation_not_needed_reason": N_("Why consultation is not needed"),
    "missing_information": N_("What is missing"),
    "missing_by": N_("Missing by"),
    "delay_notified_on": N_("Delay told to the citizen on"),
    "tariff_key": N_("Tariff"),
    "extent_quantity": N_("Extent (number)"),
    "extent_frequency": N_("Frequency"),
    "previous_quantity": N_("Previous extent"),
    "provider_unit": N_("Provider unit"),
    "cost_override_ore": N_("The amount set by hand"),
    "cost_override_reason": N_("Reason for the amount"),
    "finalised_at": N_("Marked final"),
    "override_reason": N_("Reason for overriding"),
    "override_keys": N_("Requirements overridden"),
    "phase": N_("Phase"),
    "prompt": N_("Question"),
    "answer": N_("Answer"),
    "level": N_("Level"),
    "support_need": N_("Support need"),
    "note": N_("Note on the assessment"),
    "title": N_("Title"),
    "meeting_date": N_("Meeting date"),
    "start_time": N_("Start time"),
    "timezone": N_("Time zone"),
    "location": N_("Place"),
    "chair_name": N_("Chair"),
    "status": N_("Status"),
    "kind": N_("Event"),
    "by_name": N_("Name"),
    "reason": N_("Reason"),
    "approved_by": N_("Approved by"),
    "pdf": N_("PDF document"),
    "citizens": N_("Citizens"),
    "counts": N_("Deleted"),
}

_ENUMS: dict[str, type[StrEnum]] = {
    "area": CommitteeArea,
    "status": MeetingStatus,
    "citizen_participation": CitizenParticipation,
    "citizen_view": CitizenView,
    "outcome": Outcome,
    "phase": ConversationPhase,
    "kind": MeetingEventKind,
    "consultation": Consultation,
    "extent_frequency": Frequency,
}
_DATES = {
    "received_on", "citizen_invited_on", "valid_from", "review_date", "consulted_on",
    "missing_by", "delay_notified_on", "meeting_date",
}  # fmt: skip
_MONEY = {"expected_annual_cost_ore", "annual_cost_ore", "cost_override_ore"}
_NUMBERS = {"extent_quantity", "previous_quantity"}


def what(entity: str, action: str, context: str) -> str:
    """'Afgørelse ændret' followed by what the record is, where that helps."""
    name = _(_ENTITIES[entity]) if entity in _ENTITIES else entity
    done = _(_ACTIONS[action]) if action in _ACTIONS else action
    text = _("{record} {action}").format(record=name, action=done)
    return f"{text} · {context}" if context else text


def field_label(field: str) -> str:
    return _(_FIELDS[field]) if field in _FIELDS else field


def assessment_context(context: str) -> str:
    """'fsiii:mobility' as 'Mobilitet (Fælles Sprog III)'."""
    scheme, _sep, key = context.partition(":")
    try:
        return f"{domain_label(scheme, key)} ({AssessmentScheme(scheme).label})"
    except ValueError:
        return context


def _enum(kind: type[StrEnum], code: str) -> str:
    try:
        return kind(code).label  # type: ignore[attr-defined]
    except ValueError:
        return code


def _catalog(field: str, key: str) -> str:
    catalog = current_catalog()
    if field == "legal_basis_key" and (basis := catalog.basis(key)):
        return f"{basis.citation} ({basis.name})"
    if field == "tariff_key" and catalog.tariffs.get(key):
        return catalog.tariffs[key][-1].service
    if field == "case_type" and (deadline := catalog.deadline(key)):
        return deadline.name
    return key


def _pdf(text: str) -> str:
    """'sha256:ab… (1234 bytes)' as '1.234 bytes, SHA-256 ab…'."""
    digest, _sep, size = text.removeprefix("sha256:").partition(" (")
    count = size.removesuffix(" bytes)")
    if not count.isdigit():
        return text
    amount = format_decimal(int(count), locale="da_DK" if current_language() == "da" else "en_GB")
    return _("{size} bytes, SHA-256 {digest}").format(size=amount, digest=digest)


def _counts(text: str) -> str:
    import json

    try:
        counts = json.loads(text)
    except ValueError:
        return text
    return ", ".join(count_phrase(str(kind), int(n)) for kind, n in counts.items())


_SPECIAL: dict[str, Callable[[str], str]] = {
    "cpr": mask_cpr,
    "pdf": _pdf,
    "counts": _counts,
    "support_need": support_need_label,
    "finalised_at": lambda text: format_timestamp(dt.datetime.fromisoformat(text)),
}


def value_text(entity: str, field: str, value: str | None, context: str = "") -> str:
    """A stored value as it reads on screen and on paper; '' for nothing."""
    if value is None or value == "":
        return ""
    try:
        if entity == "assessment" and field == "level":
            return level_label(context.partition(":")[0], int(value))
        if field in _SPECIAL:
            return _SPECIAL[field](value)
        if field in _ENUMS:
            return _enum(_ENUMS[field], value)
        if field in _DATES:
            return format_date_long(dt.date.fromisoformat(value))
        if field in _MONEY:
            return format_money(int(value))
        if field in _NUMBERS:
            locale = "da_DK" if current_language() == "da" else "en_GB"
            return format_decimal(Decimal(value), locale=locale)
        if field in ("legal_basis_key", "tariff_key", "case_type"):
            return _catalog(field, value)
    except (ValueError, InvalidOperation):
        return value
    return value
