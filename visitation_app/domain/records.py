"""Plain, read-only pictures of a meeting, handed to the documents and the views.

Services build them from the store; renderers and widgets read them and never query.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from visitation_app.domain.agenda import Slot
from visitation_app.domain.budget import DecisionCost
from visitation_app.domain.completeness import DecisionCheck
from visitation_app.domain.vocabulary import AgendaItemKind, Outcome

# Outcomes under which the municipality pays: only these count in the cost totals.
PAYING_OUTCOMES = frozenset({Outcome.GRANTED, Outcome.PARTLY_GRANTED, Outcome.STOPPED_OR_CHANGED})


@dataclass(frozen=True)
class ParticipantRecord:
    id: int
    name: str
    role: str
    organisation: str = ""
    present: bool | None = None
    arrived_at: dt.datetime | None = None
    left_at: dt.datetime | None = None


@dataclass(frozen=True)
class AssessmentRecord:
    """One area (FSIII) or theme (VUM) of a functional assessment."""

    scheme: str
    domain_key: str
    level: int | None = None
    support_need: str = ""
    note: str = ""


@dataclass(frozen=True)
class TimingRecord:
    """A stretch of time spent on an item; `ended_at` None while it is going on."""

    started_at: dt.datetime
    ended_at: dt.datetime | None = None


@dataclass(frozen=True)
class ConflictRecord:
    """A participant who takes no part in an item (inhabilitet)."""

    participant_id: int
    reason: str = ""


@dataclass(frozen=True)
class InvolvementNoteRecord:
    """The citizen's answer to a conversation prompt."""

    id: int
    phase: str
    prompt: str
    answer: str = ""


@dataclass(frozen=True)
class CaseRecord:
    id: int
    area: str
    citizen_name: str
    reference: str = ""
    cpr: str = ""
    applied_for: str = ""
    legal_paragraph: str = ""
    case_worker: str = ""
    received_on: dt.date | None = None
    summary: str = ""
    citizen_goals: str = ""
    case_type: str = ""
    legal_basis_key: str = ""
    expected_annual_cost_ore: int | None = None
    contact: str = ""
    assessments: tuple[AssessmentRecord, ...] = ()


@dataclass(frozen=True)
class DecisionRecord:
    id: int
    outcome: str | None = None
    service: str = ""
    extent: str = ""
    legal_basis: str = ""
    justification: str = ""
    valid_from: dt.date | None = None
    review_date: dt.date | None = None
    annual_cost_ore: int | None = None
    legal_basis_key: str = ""
    consultation: str = "not_recorded"
    consulted_on: dt.date | None = None
    consultation_not_needed_reason: str = ""
    missing_information: str = ""
    missing_by: dt.date | None = None
    override_reason: str = ""
    override_keys: tuple[str, ...] = ()
    delay_notified_on: dt.date | None = None
    finalised_at: dt.datetime | None = None
    tariff_key: str = ""
    extent_quantity: Decimal | None = None
    extent_frequency: str = ""
    previous_quantity: Decimal | None = None
    provider_unit: str = ""
    cost_override_ore: int | None = None
    cost_override_reason: str = ""

    @property
    def is_final(self) -> bool:
        return self.finalised_at is not None

    @property
    def is_empty(self) -> bool:
        return not any(
            (
                self.outcome,
                self.service,
                self.extent,
                self.legal_basis,
                self.justification,
                self.valid_from,
                self.review_date,
                self.annual_cost_ore is not None,
            )
        )

    @property
    def holds_anything(self) -> bool:
        """Anything recorded at all, the preparation (partshøring) included: removing the
        item would lose it."""
        return not self.is_empty or any(
            (
                self.consultation != "not_recorded",
                self.consulted_on,
                self.consultation_not_needed_reason,
                self.missing_information,
                self.missing_by,
                self.tariff_key,
                self.extent_quantity is not None,
            )
        )


@dataclass(frozen=True)
class ActionRecord:
    id: int
    description: str
    owner: str = ""
    due_date: dt.date | None = None
    done: bool = False
    agenda_item_id: int | None = None


@dataclass(frozen=True)
class AgendaItemRecord:
    id: int
    number: int
    kind: str
    title: str
    time_box_minutes: int
    slot: Slot
    case: CaseRecord | None = None
    notes: str = ""
    citizen_participation: str | None = None
    citizen_represented_by: str = ""
    citizen_statement: str = ""
    citizen_invited_on: dt.date | None = None
    citizen_absence_reason: str = ""
    citizen_view: str = ""
    citizen_view_words: str = ""
    involvement_notes: tuple[InvolvementNoteRecord, ...] = ()
    timings: tuple[TimingRecord, ...] = ()
    conflicts: tuple[ConflictRecord, ...] = ()
    decision: DecisionRecord | None = None
    actions: tuple[ActionRecord, ...] = ()
    # The legal check of the decision (case items only), made when the dossier is read.
    check: DecisionCheck | None = None
    # What the decision costs and changes (case items only), made when the dossier is read.
    cost: DecisionCost | None = None

    @property
    def is_case(self) -> bool:
        return self.kind == AgendaItemKind.CASE

    @property
    def outcome(self) -> Outcome | None:
        if self.decision and self.decision.outcome:
            return Outcome(self.decision.outcome)
        return None


@dataclass(frozen=True)
class EventRecord:
    kind: str
    at: dt.datetime
    by_name: str = ""
    reason: str = ""


@dataclass(frozen=True)
class MeetingRecord:
    id: int
    title: str
    area: str
    meeting_date: dt.date
    start_time: dt.time
    timezone: str
    location: str = ""
    chair_name: str = ""
    status: str = "planned"


@dataclass(frozen=True)
class MeetingDossier:
    """Everything the agenda and the minutes of one meeting print."""

    meeting: MeetingRecord
    starts_at: dt.datetime
    ends_at: dt.datetime
    participants: tuple[ParticipantRecord, ...] = ()
    items: tuple[AgendaItemRecord, ...] = ()
    actions: tuple[ActionRecord, ...] = field(default=())
    events: tuple[EventRecord, ...] = ()

    @property
    def decided_items(self) -> tuple[AgendaItemRecord, ...]:
        return tuple(item for item in self.items if item.decision and not item.decision.is_empty)

    @property
    def total_annual_cost_ore(self) -> int:
        """The full-year cost of what the meeting granted (from the tariffs, or typed by
        hand); refusals and postponements cost nothing."""
        return sum(
            item.cost.cost.full_year_ore
            if item.cost is not None
            else (item.decision.annual_cost_ore or 0)
            for item in self.decided_items
            if item.decision and item.decision.outcome in PAYING_OUTCOMES
        )

    @property
    def planned_minutes(self) -> int:
        return sum(item.time_box_minutes for item in self.items)
