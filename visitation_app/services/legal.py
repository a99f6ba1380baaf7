"""The legal steps of a decision, put together from the records and the reference catalog.

`check_item` is the one place that turns an agenda item into the completeness checker's
facts, so the checklist beside the form, the approval gate, the minutes and the decision
letter all judge a decision the same way.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from visitation_app.catalog import Catalog, LegalBasis, load_catalog
from visitation_app.domain import validation as v
from visitation_app.domain.completeness import (
    Consultation,
    DecisionCheck,
    DecisionFacts,
    check_decision,
    complaint_guidance,
)
from visitation_app.domain.extent_words import extent_phrase
from visitation_app.domain.pension import has_pension_age
from visitation_app.domain.readiness import ReadinessFacts, ReadinessPoint, check_readiness
from visitation_app.domain.records import (
    AgendaItemRecord,
    DecisionRecord,
    MeetingDossier,
    MeetingRecord,
)
from visitation_app.domain.vocabulary import Outcome
from visitation_app.i18n import _

ELDER_ACT_IN_FORCE = dt.date(2025, 7, 1)

_catalog: Catalog | None = None


def current_catalog() -> Catalog:
    """The catalog in use: shipped data with the municipality's files, read once per run."""
    global _catalog
    if _catalog is None:
        _catalog = load_catalog()
    return _catalog


def use_catalog(catalog: Catalog | None) -> None:
    """Use `catalog` from now on (None: read the files again on next use)."""
    global _catalog
    _catalog = catalog


def citation_of(catalog: Catalog, key: str, text: str) -> tuple[LegalBasis | None, str]:
    """The catalog entry chosen (by key or typed citation) and how it is cited."""
    basis = catalog.resolve(key, text)
    return basis, basis.citation if basis else text.strip()


def notification_date(meeting: MeetingRecord, decision: DecisionRecord | None) -> dt.date:
    """The day the decision goes to the citizen: the day it became final (on the meeting's
    clock), never before the meeting; the meeting day while it is a draft."""
    finalised = decision.finalised_at if decision else None
    if finalised is None:
        return meeting.meeting_date
    if finalised.tzinfo is None:
        finalised = finalised.replace(tzinfo=dt.UTC)
    with contextlib.suppress(ZoneInfoNotFoundError, ValueError):
        finalised = finalised.astimezone(ZoneInfo(meeting.timezone))
    return max(meeting.meeting_date, finalised.date())


def _pension_age(item: AgendaItemRecord, on: dt.date) -> bool | None:
    """Has the citizen reached state pension age on `on`? None when the CPR is not known."""
    born = v.birth_date_from_cpr(item.case.cpr) if item.case else None
    return None if born is None else has_pension_age(born, on)


def _elder_act_successors(basis: LegalBasis, catalog: Catalog) -> list[LegalBasis]:
    """The Ældreloven paragraphs that replace a Serviceloven basis for pension-age citizens."""
    successors = (catalog.basis(key) for key in basis.superseded_by)
    return [s for s in successors if s is not None and s.law == "AEL"]


def _age_problem(
    item: AgendaItemRecord, on: dt.date, basis: LegalBasis | None, catalog: Catalog
) -> str:
    """Why a Serviceloven basis does not apply to a citizen of pension age ('' if it may)."""
    if basis is None or on < ELDER_ACT_IN_FORCE or _pension_age(item, on) is not True:
        return ""
    successors = _elder_act_successors(basis, catalog)
    if not successors:
        return ""
    return _(
        "The citizen has reached state pension age: from 1 July 2025 Ældreloven "
        "applies ({successors}) instead of {basis}."
    ).format(successors=", ".join(s.citation for s in successors), basis=basis.citation)


def _structured_extent(decision: DecisionRecord, catalog: Catalog, on: dt.date) -> str:
    """'2,5 timer om ugen' from the tariff fields, when no extent was typed."""
    tariff = catalog.tariff(decision.tariff_key, on) if decision.tariff_key else None
    unit = tariff.unit.value if tariff else ""
    return extent_phrase(decision.extent_quantity, unit, decision.extent_frequency)


def _facts(item: AgendaItemRecord, meeting: MeetingRecord, catalog: Catalog) -> DecisionFacts:
    decision = item.decision or DecisionRecord(id=0)
    case = item.case
    area = case.area if case else meeting.area
    decided_on = meeting.meeting_date
    basis, citation = citation_of(catalog, decision.legal_basis_key, decision.legal_basis)
    deadline = catalog.deadline(case.case_type) if case and case.case_type else None
    age_problem = _age_problem(item, decided_on, basis, catalog)
    valid = basis.is_valid(area, decided_on) if basis else None
    return DecisionFacts(
        outcome=decision.outcome,
        service=decision.service,
        extent=decision.extent
        or _structured_extent(decision, catalog, decision.valid_from or decided_on),
        legal_basis=citation,
        legal_basis_valid=False if age_problem else valid,
        legal_basis_problem=age_problem,
        justification=decision.justification,
        consultation=Consultation(decision.consultation),
        consulted_on=decision.consulted_on,
        consultation_not_needed_reason=decision.consultation_not_needed_reason,
        decided_on=decided_on,
        notified_on=notification_date(meeting, item.decision),
        received_on=case.received_on if case else None,
        processing_deadline_days=deadline.days if deadline else None,
        delay_notified_on=decision.delay_notified_on,
        # The committee decides where a complaint goes (a børne- og ungeudvalg: Ankestyrelsen).
        area=meeting.area,
        # A basis typed by hand may be anything: a review date is then asked for.
        ongoing_service=basis.ongoing if basis else True,
        review_date=decision.review_date,
        missing_information=decision.missing_information,
        missing_by=decision.missing_by,
    )


def _warnings(
    item: AgendaItemRecord, meeting: MeetingRecord, basis: LegalBasis | None, catalog: Catalog
) -> list[str]:
    warnings: list[str] = []
    decision = item.decision
    if basis is None:
        outcome = decision.outcome if decision else None
        typed = decision.legal_basis.strip() if decision else ""
        if typed and outcome and outcome != Outcome.GRANTED and outcome != Outcome.POSTPONED:
            warnings.append(
                _(
                    "{basis} is not in the catalog: check that the complaint guidance "
                    "(Retssikkerhedsloven § 67) is right for the law the decision rests on."
                ).format(basis=typed)
            )
        return warnings
    area = item.case.area if item.case else meeting.area
    on = meeting.meeting_date
    successors = catalog.superseding(basis, area, on)
    if successors:
        warnings.append(
            _("{basis} no longer applies here; use {successors}.").format(
                basis=basis.citation, successors=", ".join(s.citation for s in successors)
            )
        )
    pension_age = _pension_age(item, on)
    if on >= ELDER_ACT_IN_FORCE and _elder_act_successors(basis, catalog) and pension_age is None:
        warnings.append(
            _(
                "The citizen's age is not known (no CPR number): if the citizen has reached "
                "state pension age, Ældreloven applies instead of {basis}."
            ).format(basis=basis.citation)
        )
    if basis.law == "AEL" and pension_age is False:
        warnings.append(
            _(
                "The citizen has not reached state pension age: Ældreloven covers younger "
                "citizens only when their needs are comparable; otherwise Serviceloven applies."
            )
        )
    if not basis.confirmed:
        warnings.append(
            _(
                "{basis}: the catalog entry is not yet confirmed against the text of the law."
            ).format(basis=basis.citation)
        )
    return warnings


def check_item(
    item: AgendaItemRecord, meeting: MeetingRecord, catalog: Catalog | None = None
) -> DecisionCheck:
    """The legal check of the decision on one case item (decided on the meeting date)."""
    catalog = catalog or current_catalog()
    facts = _facts(item, meeting, catalog)
    decision = item.decision
    basis, citation = (
        citation_of(catalog, decision.legal_basis_key, decision.legal_basis)
        if decision
        else (None, "")
    )
    starts = facts.complaint_period_starts
    guidance = (
        complaint_guidance(facts.area, starts) if facts.not_fully_granted and starts else None
    )
    return DecisionCheck(
        requirements=tuple(check_decision(facts)),
        warnings=tuple(_warnings(item, meeting, basis, catalog)),
        citation=citation,
        basis_name=basis.name if basis else "",
        guidance=guidance,
        final=bool(decision and decision.is_final),
        override_reason=decision.override_reason if decision else "",
        override_keys=decision.override_keys if decision else (),
    )


def unfinished_decisions(dossier: MeetingDossier, catalog: Catalog | None = None) -> list[str]:
    """Case items whose decision lacks something the law requires and was not overridden.

    One sentence per item; empty when the minutes can be approved.
    """
    catalog = catalog or current_catalog()
    problems = []
    for item in dossier.items:
        if not item.is_case:
            continue
        check = item.check or check_item(item, dossier.meeting, catalog)
        if check.complete or check.overridden:
            continue
        problems.append(
            _("Item {number}, {title}: {missing}").format(
                number=item.number,
                title=item.title,
                missing=" ".join(r.explanation for r in check.missing),
            )
        )
    return problems


def readiness_of(item: AgendaItemRecord, catalog: Catalog | None = None) -> list[ReadinessPoint]:
    """How far the case on `item` is prepared (empty for items that are not cases)."""
    if not item.is_case or item.case is None:
        return []
    catalog = catalog or current_catalog()
    case = item.case
    _basis, citation = citation_of(catalog, case.legal_basis_key, case.legal_paragraph)
    decision = item.decision
    return check_readiness(
        ReadinessFacts(
            summary=case.summary,
            legal_basis=citation,
            consultation=decision.consultation if decision else Consultation.NOT_RECORDED,
            consulted_on=decision.consulted_on if decision else None,
            consultation_not_needed_reason=(
                decision.consultation_not_needed_reason if decision else ""
            ),
            expected_annual_cost_ore=case.expected_annual_cost_ore,
            citizen_invited_on=item.citizen_invited_on,
        )
    )
