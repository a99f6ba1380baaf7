"""Reading a whole meeting at once into the plain records that documents and views use."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from sqlmodel import Session, col, select

from visitation_app.domain.agenda import item_title, meeting_start, schedule
from visitation_app.domain.records import (
    ActionRecord,
    AgendaItemRecord,
    AssessmentRecord,
    CaseRecord,
    ConflictRecord,
    DecisionRecord,
    EventRecord,
    InvolvementNoteRecord,
    MeetingDossier,
    MeetingRecord,
    ParticipantRecord,
    TimingRecord,
)
from visitation_app.i18n import _
from visitation_app.services.common import load
from visitation_app.services.costs import cost_item
from visitation_app.services.legal import check_item, current_catalog
from visitation_app.store.database import Database
from visitation_app.store.models import (
    ActionItem,
    AgendaItem,
    Assessment,
    Case,
    Conflict,
    Decision,
    InvolvementNote,
    ItemTiming,
    Meeting,
    MeetingEvent,
    Participant,
)


def _case(row: Case, assessments: tuple[AssessmentRecord, ...] = ()) -> CaseRecord:
    return CaseRecord(
        id=row.id, area=row.area, citizen_name=row.citizen_name, reference=row.reference,
        cpr=row.cpr, applied_for=row.applied_for, legal_paragraph=row.legal_paragraph,
        case_worker=row.case_worker, received_on=row.received_on, summary=row.summary,
        citizen_goals=row.citizen_goals, case_type=row.case_type,
        legal_basis_key=row.legal_basis_key,
        expected_annual_cost_ore=row.expected_annual_cost_ore, contact=row.contact,
        assessments=assessments,
    )  # fmt: skip


def _decision(row: Decision) -> DecisionRecord:
    return DecisionRecord(
        id=row.id, outcome=row.outcome, service=row.service, extent=row.extent,
        legal_basis=row.legal_basis, justification=row.justification, valid_from=row.valid_from,
        review_date=row.review_date, annual_cost_ore=row.annual_cost_ore,
        legal_basis_key=row.legal_basis_key, consultation=row.consultation,
        consulted_on=row.consulted_on,
        consultation_not_needed_reason=row.consultation_not_needed_reason,
        missing_information=row.missing_information, missing_by=row.missing_by,
        override_reason=row.override_reason, finalised_at=row.finalised_at,
        override_keys=tuple(key for key in row.override_keys.split(",") if key),
        delay_notified_on=row.delay_notified_on,
        tariff_key=row.tariff_key, extent_quantity=row.extent_quantity,
        extent_frequency=row.extent_frequency, previous_quantity=row.previous_quantity,
        provider_unit=row.provider_unit, cost_override_ore=row.cost_override_ore,
        cost_override_reason=row.cost_override_reason,
    )  # fmt: skip


def _action(row: ActionItem) -> ActionRecord:
    return ActionRecord(
        id=row.id, description=row.description, owner=row.owner, due_date=row.due_date,
        done=row.done, agenda_item_id=row.agenda_item_id,
    )  # fmt: skip


def _meeting(row: Meeting) -> MeetingRecord:
    return MeetingRecord(
        id=row.id, title=row.title, area=row.area, meeting_date=row.meeting_date,
        start_time=row.start_time, timezone=row.timezone, location=row.location,
        chair_name=row.chair_name, status=row.status,
    )  # fmt: skip


def read_dossier(session: Session, meeting_id: int) -> MeetingDossier:
    meeting = load(session, Meeting, meeting_id, _("meeting"))
    items = session.exec(
        select(AgendaItem)
        .where(AgendaItem.meeting_id == meeting_id)
        .order_by(col(AgendaItem.position), col(AgendaItem.id))
    ).all()
    item_ids = [item.id for item in items]
    case_ids = {item.case_id for item in items if item.case_id is not None}
    cases = {c.id: c for c in session.exec(select(Case).where(col(Case.id).in_(case_ids))).all()}
    decisions = {
        d.agenda_item_id: d
        for d in session.exec(select(Decision).where(col(Decision.agenda_item_id).in_(item_ids)))
    }
    assessments: dict[int, list[AssessmentRecord]] = defaultdict(list)
    for row in session.exec(
        select(Assessment)
        .where(col(Assessment.case_id).in_(case_ids))
        .order_by(col(Assessment.scheme), col(Assessment.id))
    ):
        assessments[row.case_id].append(
            AssessmentRecord(row.scheme, row.domain_key, row.level, row.support_need, row.note)
        )
    timings: dict[int, list[TimingRecord]] = defaultdict(list)
    for row in session.exec(
        select(ItemTiming)
        .where(col(ItemTiming.agenda_item_id).in_(item_ids))
        .order_by(col(ItemTiming.started_at), col(ItemTiming.id))
    ):
        timings[row.agenda_item_id].append(TimingRecord(row.started_at, row.ended_at))
    conflicts: dict[int, list[ConflictRecord]] = defaultdict(list)
    for row in session.exec(
        select(Conflict)
        .where(col(Conflict.agenda_item_id).in_(item_ids))
        .order_by(col(Conflict.id))
    ):
        conflicts[row.agenda_item_id].append(ConflictRecord(row.participant_id, row.reason))
    notes: dict[int, list[InvolvementNoteRecord]] = defaultdict(list)
    for row in session.exec(
        select(InvolvementNote)
        .where(col(InvolvementNote.agenda_item_id).in_(item_ids))
        .order_by(col(InvolvementNote.position), col(InvolvementNote.id))
    ):
        notes[row.agenda_item_id].append(
            InvolvementNoteRecord(row.id, row.phase, row.prompt, row.answer)
        )
    actions = session.exec(
        select(ActionItem)
        .where(ActionItem.meeting_id == meeting_id)
        .order_by(col(ActionItem.position), col(ActionItem.id))
    ).all()
    actions_by_item: dict[int | None, list[ActionRecord]] = defaultdict(list)
    # An action item still without a description is a draft row, not an action: leave it out.
    actions = [action for action in actions if action.description.strip()]
    for action in actions:
        actions_by_item[action.agenda_item_id].append(_action(action))
    participants = session.exec(
        select(Participant)
        .where(Participant.meeting_id == meeting_id)
        .order_by(col(Participant.position), col(Participant.id))
    ).all()
    events = session.exec(
        select(MeetingEvent)
        .where(MeetingEvent.meeting_id == meeting_id)
        .order_by(col(MeetingEvent.at), col(MeetingEvent.id))
    ).all()

    meeting_record = _meeting(meeting)
    catalog = current_catalog()
    start = meeting_start(meeting.meeting_date, meeting.start_time, meeting.timezone)
    slots = schedule(start, [item.time_box_minutes for item in items])
    records = []
    for number, (item, slot) in enumerate(zip(items, slots, strict=True), start=1):
        case = cases.get(item.case_id) if item.case_id else None
        decision = decisions.get(item.id)
        record = AgendaItemRecord(
            id=item.id,
            number=number,
            kind=item.kind,
            title=item_title(
                item.kind,
                item.title,
                case.citizen_name if case else None,
                case.applied_for if case else "",
            ),
            time_box_minutes=item.time_box_minutes,
            slot=slot,
            case=_case(case, tuple(assessments.get(case.id, ()))) if case else None,
            notes=item.notes,
            citizen_participation=item.citizen_participation,
            citizen_represented_by=item.citizen_represented_by,
            citizen_statement=item.citizen_statement,
            citizen_invited_on=item.citizen_invited_on,
            citizen_absence_reason=item.citizen_absence_reason,
            citizen_view=item.citizen_view,
            citizen_view_words=item.citizen_view_words,
            involvement_notes=tuple(notes.get(item.id, ())),
            timings=tuple(timings.get(item.id, ())),
            conflicts=tuple(conflicts.get(item.id, ())),
            decision=_decision(decision) if decision else None,
            actions=tuple(actions_by_item.get(item.id, ())),
        )
        if record.is_case:
            record = replace(
                record,
                check=check_item(record, meeting_record, catalog),
                cost=cost_item(record, meeting_record, catalog),
            )
        records.append(record)
    return MeetingDossier(
        meeting=meeting_record,
        starts_at=start,
        ends_at=slots[-1].ends_at if slots else start,
        participants=tuple(
            ParticipantRecord(
                p.id, p.name, p.role, p.organisation, p.present, p.arrived_at, p.left_at
            )
            for p in participants
        ),
        items=tuple(records),
        actions=tuple(_action(a) for a in actions),
        events=tuple(EventRecord(e.kind, e.at, e.by_name, e.reason) for e in events),
    )


def load_dossier(db: Database, meeting_id: int) -> MeetingDossier:
    """The meeting with its participants, agenda (with computed times), decisions and actions."""
    with db.session() as session:
        return read_dossier(session, meeting_id)
