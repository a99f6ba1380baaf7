"""The tables. Codes from domain.vocabulary are stored as their string values."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from sqlalchemy import Column, ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from visitation_app.store.types import DecimalText, UtcDateTime, utc_now


def _fk(target: str, *, ondelete: str, nullable: bool = False, index: bool = True) -> Column:
    return Column(Integer, ForeignKey(target, ondelete=ondelete), nullable=nullable, index=index)


def _stamp() -> Column:
    return Column(UtcDateTime(), nullable=False, default=utc_now)


def new_uid() -> str:
    """A record's identity across databases (meeting packages): a random UUID4 as text."""
    return str(uuid.uuid4())


def _uid() -> Column:
    return Column(String(), nullable=False, unique=True, index=True)


class Meeting(SQLModel, table=True):
    __tablename__ = "meeting"

    id: int | None = Field(default=None, primary_key=True)
    uid: str = Field(default_factory=new_uid, sa_column=_uid())
    title: str
    area: str
    meeting_date: dt.date
    start_time: dt.time
    timezone: str = "Europe/Copenhagen"
    location: str = ""
    chair_name: str = ""
    status: str = "planned"
    created_at: dt.datetime = Field(default_factory=utc_now, sa_column=_stamp())
    updated_at: dt.datetime = Field(default_factory=utc_now, sa_column=_stamp())


class Participant(SQLModel, table=True):
    __tablename__ = "participant"

    id: int | None = Field(default=None, primary_key=True)
    uid: str = Field(default_factory=new_uid, sa_column=_uid())
    meeting_id: int = Field(sa_column=_fk("meeting.id", ondelete="CASCADE"))
    name: str
    role: str
    organisation: str = ""
    present: bool | None = None
    position: int = 0
    # When the person arrived and left (issue 5); None: for the whole meeting.
    arrived_at: dt.datetime | None = Field(default=None, sa_column=Column(UtcDateTime()))
    left_at: dt.datetime | None = Field(default=None, sa_column=Column(UtcDateTime()))


class Case(SQLModel, table=True):
    """A citizen's application, referred to the committee; it may sit on several agendas."""

    __tablename__ = "case"

    id: int | None = Field(default=None, primary_key=True)
    uid: str = Field(default_factory=new_uid, sa_column=_uid())
    area: str
    reference: str = ""
    citizen_name: str
    cpr: str = ""
    applied_for: str = ""
    legal_paragraph: str = ""
    case_worker: str = ""
    received_on: dt.date | None = None
    summary: str = ""
    citizen_goals: str = ""
    # Preparation for the legal steps (issue 3): the kind of case (a processing-deadline key),
    # the legal basis the case worker proposes, the expected annual cost, and who to contact.
    case_type: str = Field(default="", sa_column_kwargs={"server_default": ""})
    legal_basis_key: str = Field(default="", sa_column_kwargs={"server_default": ""})
    expected_annual_cost_ore: int | None = None
    contact: str = Field(default="", sa_column_kwargs={"server_default": ""})
    created_at: dt.datetime = Field(default_factory=utc_now, sa_column=_stamp())
    updated_at: dt.datetime = Field(default_factory=utc_now, sa_column=_stamp())


class AgendaItem(SQLModel, table=True):
    __tablename__ = "agenda_item"

    id: int | None = Field(default=None, primary_key=True)
    uid: str = Field(default_factory=new_uid, sa_column=_uid())
    meeting_id: int = Field(sa_column=_fk("meeting.id", ondelete="CASCADE"))
    position: int = 0
    kind: str
    title: str = ""
    case_id: int | None = Field(
        default=None, sa_column=_fk("case.id", ondelete="RESTRICT", nullable=True)
    )
    time_box_minutes: int = 20
    notes: str = ""
    citizen_participation: str | None = None
    citizen_represented_by: str = ""
    citizen_statement: str = ""
    citizen_invited_on: dt.date | None = None
    # The citizen's involvement (issue 5): why not involved, and their view of the decision.
    citizen_absence_reason: str = Field(default="", sa_column_kwargs={"server_default": ""})
    citizen_view: str = Field(default="", sa_column_kwargs={"server_default": ""})
    citizen_view_words: str = Field(default="", sa_column_kwargs={"server_default": ""})


class Decision(SQLModel, table=True):
    __tablename__ = "decision"
    __table_args__ = (UniqueConstraint("agenda_item_id", name="uq_decision_agenda_item"),)

    id: int | None = Field(default=None, primary_key=True)
    uid: str = Field(default_factory=new_uid, sa_column=_uid())
    agenda_item_id: int = Field(sa_column=_fk("agenda_item.id", ondelete="CASCADE"))
    outcome: str | None = None
    service: str = ""
    extent: str = ""
    legal_basis: str = ""
    justification: str = ""
    valid_from: dt.date | None = None
    review_date: dt.date | None = None
    annual_cost_ore: int | None = None
    # The legal steps (issue 3): catalog key of the basis, partshøring, what a postponed case
    # lacks, and the chair's reason when a decision is made final with something missing.
    legal_basis_key: str = Field(default="", sa_column_kwargs={"server_default": ""})
    consultation: str = Field(
        default="not_recorded", sa_column_kwargs={"server_default": "not_recorded"}
    )
    consulted_on: dt.date | None = None
    consultation_not_needed_reason: str = Field(default="", sa_column_kwargs={"server_default": ""})
    missing_information: str = Field(default="", sa_column_kwargs={"server_default": ""})
    missing_by: dt.date | None = None
    override_reason: str = Field(default="", sa_column_kwargs={"server_default": ""})
    # The requirements the chair saw missing when overriding (comma-separated keys): a gap
    # that appears later is not covered by that override.
    override_keys: str = Field(default="", sa_column_kwargs={"server_default": ""})
    # The day the citizen was told in writing that the processing deadline is exceeded.
    delay_notified_on: dt.date | None = None
    # The budget steps (issue 4): the tariff, the extent as a number of the tariff's units
    # recurring per week/month/year or once, the extent it replaces, the provider unit, and
    # an amount the chair set instead of the computed one, with the reason.
    tariff_key: str = Field(default="", sa_column_kwargs={"server_default": ""})
    extent_quantity: Decimal | None = Field(default=None, sa_column=Column(DecimalText()))
    extent_frequency: str = Field(default="", sa_column_kwargs={"server_default": ""})
    previous_quantity: Decimal | None = Field(default=None, sa_column=Column(DecimalText()))
    provider_unit: str = Field(default="", sa_column_kwargs={"server_default": ""})
    cost_override_ore: int | None = None
    cost_override_reason: str = Field(default="", sa_column_kwargs={"server_default": ""})
    finalised_at: dt.datetime | None = Field(
        default=None, sa_column=Column(UtcDateTime(), nullable=True)
    )
    updated_at: dt.datetime = Field(default_factory=utc_now, sa_column=_stamp())


class ActionItem(SQLModel, table=True):
    __tablename__ = "action_item"

    id: int | None = Field(default=None, primary_key=True)
    uid: str = Field(default_factory=new_uid, sa_column=_uid())
    meeting_id: int = Field(sa_column=_fk("meeting.id", ondelete="CASCADE"))
    agenda_item_id: int | None = Field(
        default=None, sa_column=_fk("agenda_item.id", ondelete="CASCADE", nullable=True)
    )
    description: str
    owner: str = ""
    due_date: dt.date | None = None
    done: bool = False
    position: int = 0


class MeetingEvent(SQLModel, table=True):
    """What happened to a meeting and when: started, ended, approved, reopened (with why)."""

    __tablename__ = "meeting_event"

    id: int | None = Field(default=None, primary_key=True)
    uid: str = Field(default_factory=new_uid, sa_column=_uid())
    meeting_id: int = Field(sa_column=_fk("meeting.id", ondelete="CASCADE"))
    kind: str
    at: dt.datetime = Field(default_factory=utc_now, sa_column=_stamp())
    by_name: str = ""
    reason: str = ""


class ItemTiming(SQLModel, table=True):
    """A stretch of time the meeting spent on an agenda item (an item may be taken up again)."""

    __tablename__ = "item_timing"

    id: int | None = Field(default=None, primary_key=True)
    uid: str = Field(default_factory=new_uid, sa_column=_uid())
    agenda_item_id: int = Field(sa_column=_fk("agenda_item.id", ondelete="CASCADE"))
    started_at: dt.datetime = Field(sa_column=Column(UtcDateTime(), nullable=False))
    ended_at: dt.datetime | None = Field(default=None, sa_column=Column(UtcDateTime()))


class Conflict(SQLModel, table=True):
    """A participant who does not take part in an item (inhabilitet), with the reason."""

    __tablename__ = "conflict"
    __table_args__ = (
        UniqueConstraint("agenda_item_id", "participant_id", name="uq_conflict_item_participant"),
    )

    id: int | None = Field(default=None, primary_key=True)
    uid: str = Field(default_factory=new_uid, sa_column=_uid())
    agenda_item_id: int = Field(sa_column=_fk("agenda_item.id", ondelete="CASCADE"))
    participant_id: int = Field(sa_column=_fk("participant.id", ondelete="CASCADE"))
    reason: str = ""


class InvolvementNote(SQLModel, table=True):
    """The citizen's answer to a conversation prompt, in their own words."""

    __tablename__ = "involvement_note"

    id: int | None = Field(default=None, primary_key=True)
    uid: str = Field(default_factory=new_uid, sa_column=_uid())
    agenda_item_id: int = Field(sa_column=_fk("agenda_item.id", ondelete="CASCADE"))
    phase: str
    prompt: str
    answer: str = ""
    position: int = 0


class Assessment(SQLModel, table=True):
    """A functional assessment of a case: a level (and support need) per area or theme."""

    __tablename__ = "assessment"
    __table_args__ = (
        UniqueConstraint("case_id", "scheme", "domain_key", name="uq_assessment_case_domain"),
    )

    id: int | None = Field(default=None, primary_key=True)
    uid: str = Field(default_factory=new_uid, sa_column=_uid())
    case_id: int = Field(sa_column=_fk("case.id", ondelete="CASCADE"))
    scheme: str
    domain_key: str
    level: int | None = None
    support_need: str = ""
    note: str = ""


class BudgetFrame(SQLModel, table=True):
    """The money an area may commit in a budget year."""

    __tablename__ = "budget_frame"
    __table_args__ = (UniqueConstraint("area", "year", name="uq_budget_frame_area_year"),)

    id: int | None = Field(default=None, primary_key=True)
    area: str
    year: int
    amount_ore: int


class DeliveredHours(SQLModel, table=True):
    """Hours a provider unit delivered in a month, imported from its own system (CSV)."""

    __tablename__ = "delivered_hours"
    __table_args__ = (UniqueConstraint("unit", "month", name="uq_delivered_hours_unit_month"),)

    id: int | None = Field(default=None, primary_key=True)
    unit: str
    month: dt.date  # the first day of the month
    hours: Decimal = Field(sa_column=Column(DecimalText(), nullable=False))
    source: str = ""
    imported_at: dt.datetime = Field(default_factory=utc_now, sa_column=_stamp())


class ApprovedMinutes(SQLModel, table=True):
    """The minutes exactly as approved: later edits to a case never change a signed document."""

    __tablename__ = "approved_minutes"

    id: int | None = Field(default=None, primary_key=True)
    uid: str = Field(default_factory=new_uid, sa_column=_uid())
    meeting_id: int = Field(sa_column=_fk("meeting.id", ondelete="RESTRICT"))
    approved_at: dt.datetime = Field(default_factory=utc_now, sa_column=_stamp())
    approved_by: str = ""
    pdf: bytes = Field(sa_column=Column(LargeBinary, nullable=False))


class AuditEntry(SQLModel, table=True):
    """One change to a case, a citizen's involvement, a decision, a meeting or its minutes.

    Append-only: triggers (migration 0006) refuse every UPDATE, and every DELETE except of
    the entries of cases being deleted after the retention period (see `AuditDeletionPermit`).
    Values are stored as text exactly as they were (CPR numbers unmasked); enum codes,
    ISO dates and decimal strings are turned into labels only when shown.
    """

    __tablename__ = "audit_entry"

    id: int | None = Field(default=None, primary_key=True)
    at: dt.datetime = Field(default_factory=utc_now, sa_column=_stamp())
    actor: str = ""
    entity: str  # the table's name: case, agenda_item, decision, …
    entity_id: int
    # Not foreign keys: the trail outlives the rows it tells about.
    case_id: int | None = Field(default=None, index=True)
    meeting_id: int | None = Field(default=None, index=True)
    context: str = ""  # which record, when the id alone does not say (an assessment's area)
    action: str  # created, changed, deleted
    field: str = ""
    old_value: str | None = None
    new_value: str | None = None


class AuditDeletionPermit(SQLModel, table=True):
    """The cases whose audit entries may be deleted, filled and emptied again inside the one
    transaction that deletes a citizen's data after the retention period."""

    __tablename__ = "audit_deletion_permit"

    case_id: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})


class DeletionRecord(SQLModel, table=True):
    """That a citizen's data was deleted after the retention period: when, by whom, why and
    how many records of which kinds. No personal data; refused UPDATE and DELETE."""

    __tablename__ = "deletion_record"

    id: int | None = Field(default=None, primary_key=True)
    at: dt.datetime = Field(default_factory=utc_now, sa_column=_stamp())
    actor: str = ""
    reason: str
    citizens: int
    counts: str = ""  # JSON: {"case": 2, "decision": 3, …}


class DeletedUid(SQLModel, table=True):
    """The uid of a case deleted after the retention period: an import that brings it back
    is refused. A random UUID4, no personal data."""

    __tablename__ = "deleted_uid"

    uid: str = Field(primary_key=True)


class PackageBase(SQLModel, table=True):
    """The last meeting package exchanged (exported or imported) for a meeting: the common
    ancestor a later import is compared with, field by field (see services.meeting_package_merge).
    """

    __tablename__ = "package_base"

    meeting_id: int = Field(
        sa_column=Column(Integer, ForeignKey("meeting.id", ondelete="CASCADE"), primary_key=True)
    )
    document: str = Field(sa_column=Column(Text(), nullable=False))
    exchanged_at: dt.datetime = Field(default_factory=utc_now, sa_column=_stamp())
