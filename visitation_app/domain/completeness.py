"""Does a decision contain what the law requires? One requirement per rule, each met,
missing or not applicable, with a short explanation and the rule it comes from.

The checker is handed plain facts (`DecisionFacts`); whether the legal basis is valid
for the area on the decision date is looked up in the catalog by the caller and passed
in as a flag, so this module needs neither the catalog nor the database.

Which outcomes need what:
- "Not fully granted" means every outcome except Granted. A postponement is not yet a
  decision on the application, so justification, consultation and complaint guidance do
  not apply to it; instead it must say what is missing and by when.
- Referred elsewhere counts as not fully granted: the citizen does not get the help
  applied for from this committee.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from visitation_app.domain.deadlines import complaint_deadline, processing_days
from visitation_app.domain.vocabulary import CommitteeArea, Outcome
from visitation_app.formatting import format_date_long
from visitation_app.i18n import N_, _

# Legal citations are proper names and read the same in every language.
RULE_FVL_19 = "Forvaltningsloven § 19"
RULE_FVL_22_24 = "Forvaltningsloven §§ 22 og 24"
RULE_FVL_24 = "Forvaltningsloven § 24"
RULE_FVL_25_RSL_67 = "Forvaltningsloven § 25, Retssikkerhedsloven § 67"
RULE_RSL_3_1 = "Retssikkerhedsloven § 3, stk. 1"
RULE_RSL_3_2 = "Retssikkerhedsloven § 3, stk. 2"
RULE_FVL_22 = "Forvaltningsloven § 22"

# Outcomes that decide the application itself (a postponement does not).
_DECIDED_OUTCOMES = frozenset(
    {
        Outcome.GRANTED,
        Outcome.PARTLY_GRANTED,
        Outcome.REFUSED,
        Outcome.REFERRED,
        Outcome.STOPPED_OR_CHANGED,
    }
)
# Outcomes that give the citizen a service: the decision must say what and how much.
_GIVING_OUTCOMES = frozenset({Outcome.GRANTED, Outcome.PARTLY_GRANTED})
# Outcomes under which the citizen gets a service that may need a review.
_SERVICE_OUTCOMES = frozenset({Outcome.GRANTED, Outcome.PARTLY_GRANTED})


class RequirementStatus(StrEnum):
    MET = "met"
    MISSING = "missing"
    NOT_APPLICABLE = "not_applicable"


class Consultation(StrEnum):
    """The partshøring status recorded for a decision."""

    DONE = "done"
    NOT_NEEDED = "not_needed"
    NOT_RECORDED = "not_recorded"

    @property
    def label(self) -> str:
        return _(_CONSULTATION_LABELS[self])


_CONSULTATION_LABELS = {
    Consultation.DONE: N_("Consultation done"),
    Consultation.NOT_NEEDED: N_("Consultation not needed"),
    Consultation.NOT_RECORDED: N_("Consultation not recorded"),
}


@dataclass(frozen=True)
class DecisionFacts:
    """What the checker needs to know about one decision and its case."""

    outcome: str | None = None
    legal_basis: str = ""
    # From the catalog: is the basis valid for the area on `decided_on`? None = unknown.
    legal_basis_valid: bool | None = None
    # Why the basis does not apply, when the caller knows better than "not for this area".
    legal_basis_problem: str = ""
    service: str = ""
    extent: str = ""
    justification: str = ""
    consultation: Consultation = Consultation.NOT_RECORDED
    consulted_on: dt.date | None = None
    consultation_not_needed_reason: str = ""
    decided_on: dt.date | None = None
    # The day the decision is sent to the citizen, from which the complaint period runs
    # (digital post arrives that day); None: the decision date.
    notified_on: dt.date | None = None
    received_on: dt.date | None = None
    processing_deadline_days: int | None = None
    # The day the citizen was told in writing that the deadline could not be kept.
    delay_notified_on: dt.date | None = None
    area: str = CommitteeArea.ELDERLY
    ongoing_service: bool = False
    review_date: dt.date | None = None
    # For a postponed case: what is missing, and by when it must be in.
    missing_information: str = ""
    missing_by: dt.date | None = None

    @property
    def complaint_period_starts(self) -> dt.date | None:
        return self.notified_on or self.decided_on

    @property
    def fully_granted(self) -> bool:
        return self.outcome == Outcome.GRANTED

    @property
    def not_fully_granted(self) -> bool:
        """A decision on the application that does not give everything applied for."""
        return self.outcome in _DECIDED_OUTCOMES and not self.fully_granted


@dataclass(frozen=True)
class Requirement:
    key: str
    status: RequirementStatus
    explanation: str
    rule: str

    @property
    def is_missing(self) -> bool:
        return self.status == RequirementStatus.MISSING


@dataclass(frozen=True)
class ComplaintGuidance:
    deadline: dt.date
    to_whom: str
    re_assessment: bool
    text: str


@dataclass(frozen=True)
class DecisionCheck:
    """A decision judged against the law: each requirement, warnings, and what it cites."""

    requirements: tuple[Requirement, ...] = ()
    warnings: tuple[str, ...] = ()
    # The legal basis as cited ("Serviceloven § 85") and its short name from the catalog.
    citation: str = ""
    basis_name: str = ""
    # Set when the citizen does not get everything applied for.
    guidance: ComplaintGuidance | None = None
    final: bool = False
    override_reason: str = ""
    # The requirements that were missing when the chair overrode them.
    override_keys: tuple[str, ...] = ()

    @property
    def missing(self) -> tuple[Requirement, ...]:
        return tuple(r for r in self.requirements if r.is_missing)

    @property
    def complete(self) -> bool:
        return is_complete(self.requirements)

    @property
    def overridden(self) -> bool:
        """Made final although something was missing, with the chair's reason, and nothing
        is missing now that the chair did not see when overriding."""
        return (
            self.final
            and bool(self.override_reason)
            and not self.complete
            and {r.key for r in self.missing} <= set(self.override_keys)
        )

    @property
    def settled(self) -> bool:
        """Final, and either complete or consciously overridden: the letter may be sent."""
        return self.final and (self.complete or self.overridden)


def complaint_guidance(area: str, decided_on: dt.date) -> ComplaintGuidance:
    """Where and until when the citizen can complain (Retssikkerhedsloven § 67).

    Adults and elderly: to the municipality, which re-assesses the decision before the
    case goes to Ankestyrelsen. A børne- og ungeudvalg's decisions go straight to
    Ankestyrelsen without re-assessment. The deadline follows `deadlines.complaint_deadline`
    (4 weeks from the decision date, moved to a working day).
    """
    deadline = complaint_deadline(decided_on)
    day = format_date_long(deadline)
    if area == CommitteeArea.CHILDREN:
        return ComplaintGuidance(
            deadline=deadline,
            to_whom=_("Ankestyrelsen"),
            re_assessment=False,
            text=_(
                "You can complain about this decision within 4 weeks, at the latest on "
                "{deadline}. Decisions of the children and young people's committee are "
                "complained about directly to Ankestyrelsen, without a re-assessment by "
                "the municipality."
            ).format(deadline=day),
        )
    return ComplaintGuidance(
        deadline=deadline,
        to_whom=_("the municipality"),
        re_assessment=True,
        text=_(
            "You can complain about this decision within 4 weeks, at the latest on "
            "{deadline}. Send the complaint to the municipality, which will re-assess the "
            "decision. If the municipality maintains it, the complaint is sent on to "
            "Ankestyrelsen within 4 weeks."
        ).format(deadline=day),
    )


def check_decision(facts: DecisionFacts) -> list[Requirement]:
    """Every requirement for `facts`, in the order a chair works through a decision."""
    return [
        _outcome(facts),
        _what_is_granted(facts),
        _legal_basis(facts),
        _justification(facts),
        _consultation(facts),
        _complaint(facts),
        _review(facts),
        _postponement(facts),
        _processing_time(facts),
    ]


def is_complete(requirements: Iterable[Requirement]) -> bool:
    return not any(requirement.is_missing for requirement in requirements)


def _met(key: str, explanation: str, rule: str) -> Requirement:
    return Requirement(key, RequirementStatus.MET, explanation, rule)


def _missing(key: str, explanation: str, rule: str) -> Requirement:
    return Requirement(key, RequirementStatus.MISSING, explanation, rule)


def _not_applicable(key: str, explanation: str, rule: str) -> Requirement:
    return Requirement(key, RequirementStatus.NOT_APPLICABLE, explanation, rule)


def _outcome(facts: DecisionFacts) -> Requirement:
    rule = RULE_RSL_3_1
    if facts.outcome in set(Outcome):
        return _met(
            "outcome", _("Outcome: {outcome}.").format(outcome=Outcome(facts.outcome).label), rule
        )
    return _missing("outcome", _("Choose the outcome of the decision."), rule)


def _what_is_granted(facts: DecisionFacts) -> Requirement:
    key, rule = "what_is_granted", RULE_FVL_22
    if facts.outcome not in _GIVING_OUTCOMES:
        return _not_applicable(key, _("Only when the citizen is given a service."), rule)
    if not facts.service.strip() or not facts.extent.strip():
        return _missing(
            key, _("Write the service and its extent: what exactly the citizen gets."), rule
        )
    return _met(
        key,
        _("Granted: {service}, {extent}.").format(
            service=facts.service.strip(), extent=facts.extent.strip()
        ),
        rule,
    )


def _legal_basis(facts: DecisionFacts) -> Requirement:
    key, rule = "legal_basis", RULE_FVL_24
    if facts.outcome is not None and facts.outcome not in _DECIDED_OUTCOMES:
        return _not_applicable(key, _("A postponed case is not yet decided."), rule)
    basis = facts.legal_basis.strip()
    if not basis:
        return _missing(key, _("Choose the legal basis the decision rests on."), rule)
    if facts.legal_basis_valid is False and facts.legal_basis_problem:
        return _missing(key, facts.legal_basis_problem, rule)
    if facts.legal_basis_valid is False:
        return _missing(
            key,
            _(
                "{basis} does not apply to this area on the decision date; choose the "
                "legal basis in force then."
            ).format(basis=basis),
            rule,
        )
    if facts.legal_basis_valid is None:
        return _met(
            key,
            _("Legal basis: {basis} (not found in the catalog; check it yourself).").format(
                basis=basis
            ),
            rule,
        )
    return _met(key, _("Legal basis: {basis}.").format(basis=basis), rule)


def _justification(facts: DecisionFacts) -> Requirement:
    key, rule = "justification", RULE_FVL_22_24
    if not facts.not_fully_granted:
        return _not_applicable(key, _not_required_because(facts), rule)
    text = facts.justification.strip()
    if not text:
        return _missing(
            key,
            _("Write the justification: the citizen does not get everything applied for."),
            rule,
        )
    if not _cites_rule(text, facts.legal_basis):
        return _missing(
            key,
            _(
                "The justification must cite the legal rule (a § or the legal basis) and "
                "the main considerations behind the decision."
            ),
            rule,
        )
    return _met(key, _("The justification cites the legal rule."), rule)


def _not_required_because(facts: DecisionFacts) -> str:
    if facts.outcome == Outcome.POSTPONED:
        return _("Not required yet: a postponed case is not decided.")
    if facts.outcome is None:
        return _("Not required until the outcome is known.")
    return _("Not required when the citizen gets everything applied for.")


def _cites_rule(justification: str, legal_basis: str) -> bool:
    basis = legal_basis.strip().casefold()
    return "§" in justification or bool(basis and basis in justification.casefold())


def _consultation(facts: DecisionFacts) -> Requirement:
    key, rule = "consultation", RULE_FVL_19
    if not facts.not_fully_granted:
        return _not_applicable(key, _not_required_because(facts), rule)
    if facts.consultation == Consultation.DONE:
        if facts.consulted_on is None:
            return _missing(key, _("Enter the date of the consultation."), rule)
        if facts.decided_on is not None and facts.consulted_on > facts.decided_on:
            return _missing(key, _("The consultation must take place before the decision."), rule)
        return _met(
            key,
            _("Consultation done on {date}.").format(date=format_date_long(facts.consulted_on)),
            rule,
        )
    if facts.consultation == Consultation.NOT_NEEDED:
        reason = facts.consultation_not_needed_reason.strip()
        if not reason:
            return _missing(key, _("State why consultation is not needed."), rule)
        return _met(key, _("Consultation not needed: {reason}").format(reason=reason), rule)
    return _missing(
        key,
        _("Record the consultation: done on a date, or not needed and why."),
        rule,
    )


def _complaint(facts: DecisionFacts) -> Requirement:
    key, rule = "complaint_guidance", RULE_FVL_25_RSL_67
    if not facts.not_fully_granted:
        return _not_applicable(key, _not_required_because(facts), rule)
    if facts.decided_on is None:
        return _missing(
            key, _("Enter the decision date so the complaint deadline can be set."), rule
        )
    guidance = complaint_guidance(facts.area, facts.complaint_period_starts)
    return _met(
        key,
        _("Complaint guidance attached: complain to {to_whom} by {deadline}.").format(
            to_whom=guidance.to_whom, deadline=format_date_long(guidance.deadline)
        ),
        rule,
    )


def _review(facts: DecisionFacts) -> Requirement:
    key, rule = "review_date", _("Visitation concept: follow-up")
    if facts.outcome not in _SERVICE_OUTCOMES or not facts.ongoing_service:
        return _not_applicable(key, _("Only for ongoing services that are granted."), rule)
    if facts.review_date is None:
        return _missing(key, _("Set a date for reviewing the ongoing service."), rule)
    if facts.decided_on is not None and facts.review_date <= facts.decided_on:
        return _missing(key, _("The review date must be after the decision date."), rule)
    return _met(
        key,
        _("Review on {date}.").format(date=format_date_long(facts.review_date)),
        rule,
    )


def _postponement(facts: DecisionFacts) -> Requirement:
    key, rule = "postponement", RULE_RSL_3_1
    if facts.outcome != Outcome.POSTPONED:
        return _not_applicable(key, _("Only for postponed cases."), rule)
    if not facts.missing_information.strip():
        return _missing(key, _("State what is missing before the case can be decided."), rule)
    if facts.missing_by is None:
        return _missing(key, _("State by when the missing information must be in."), rule)
    if facts.decided_on is not None and facts.missing_by <= facts.decided_on:
        return _missing(key, _("The date for the missing information must be later."), rule)
    return _met(
        key,
        _("Missing: {what}, by {date}.").format(
            what=facts.missing_information.strip(), date=format_date_long(facts.missing_by)
        ),
        rule,
    )


def _processing_time(facts: DecisionFacts) -> Requirement:
    key, rule = "processing_time", RULE_RSL_3_2
    if facts.processing_deadline_days is None:
        return _not_applicable(
            key, _("No processing deadline is published for this type of case."), rule
        )
    if facts.received_on is None or facts.decided_on is None:
        return _not_applicable(
            key,
            _("Enter the dates received and decided to check the processing time."),
            rule,
        )
    days = processing_days(facts.received_on, facts.decided_on)
    deadline = facts.processing_deadline_days
    if days < 0:
        return _missing(
            key, _("The decision date is before the date the application was received."), rule
        )
    if days > deadline and facts.delay_notified_on is not None:
        return _met(
            key,
            _(
                "Processing time {days} days exceeds the deadline of {deadline} days; the "
                "citizen was told in writing on {date}."
            ).format(days=days, deadline=deadline, date=format_date_long(facts.delay_notified_on)),
            rule,
        )
    if days > deadline:
        return _missing(
            key,
            _(
                "Processing time {days} days exceeds the deadline of {deadline} days: the "
                "citizen must be told in writing."
            ).format(days=days, deadline=deadline),
            rule,
        )
    return _met(
        key,
        _("Processing time {days} days, within the deadline of {deadline} days.").format(
            days=days, deadline=deadline
        ),
        rule,
    )
