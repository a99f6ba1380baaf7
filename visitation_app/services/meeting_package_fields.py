"""Every field of every record a meeting package carries: its name in the package, the
table column it comes from, and how its value is written and read back (the codecs in
services/meeting_package_codecs.py).

One table serves the export (column → JSON), the checks of an import and the import
itself. docs/meeting-package.md and resources/schema/meeting_package.schema.json describe
the same fields; a test keeps the three in step.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import SQLModel

from visitation_app.domain.completeness import Consultation
from visitation_app.domain.costing import Frequency
from visitation_app.domain.package_records import (
    ACTION,
    ASSESSMENT,
    CASE,
    CONFLICT,
    DECISION,
    EVENT,
    ITEM,
    MEETING,
    MINUTES,
    NOTE,
    PARTICIPANT,
    TIMING,
)
from visitation_app.domain.vocabulary import (
    AgendaItemKind,
    AssessmentScheme,
    CitizenParticipation,
    CitizenView,
    CommitteeArea,
    ConversationPhase,
    MeetingEventKind,
    MeetingStatus,
    Outcome,
    ParticipantRole,
)
from visitation_app.i18n import N_, _
from visitation_app.services.meeting_package_codecs import (
    Choice,
    Clock,
    Codec,
    Cpr,
    Day,
    Flag,
    Level,
    Moment,
    Ore,
    Pdf,
    Quantity,
    Ref,
    SupportNeed,
    Text,
    Whole,
    Zone,
)
from visitation_app.store.models import (
    ActionItem,
    AgendaItem,
    ApprovedMinutes,
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


@dataclass(frozen=True)
class FieldSpec:
    name: str
    codec: Codec
    column: str = ""
    label: str = ""  # for fields whose codec has none

    @property
    def attr(self) -> str:
        return self.column or self.name

    def shown_name(self) -> str:
        """The field's name for a person, in the language in use."""
        label = self.label or getattr(self.codec, "label", "")
        return _(label) if label else self.name


@dataclass(frozen=True)
class Kind:
    """A record kind: its table, the column naming its owner, and its fields in order."""

    model: type[SQLModel]
    owner_column: str | None
    fields: tuple[FieldSpec, ...]

    def field(self, name: str) -> FieldSpec:
        return next(spec for spec in self.fields if spec.name == name)


F = FieldSpec
_LONG = {"long": True}

KINDS: dict[str, Kind] = {
    MEETING: Kind(
        Meeting,
        None,
        (
            F("title", Text(N_("Title"), required=True)),
            F("area", Choice(CommitteeArea, N_("Committee area"))),
            F("meeting_date", Day(N_("Meeting date"), required=True)),
            F("start_time", Clock(N_("Start time"))),
            F("timezone", Zone(), label=N_("Time zone")),
            F("location", Text(N_("Place"))),
            F("chair_name", Text(N_("Chair"))),
            F("status", Choice(MeetingStatus, N_("Status"))),
        ),
    ),
    PARTICIPANT: Kind(
        Participant,
        "meeting_id",
        (
            F("name", Text(N_("Name"), required=True)),
            F("role", Choice(ParticipantRole, N_("Role"))),
            F("organisation", Text(N_("Organisation"))),
            F("present", Flag(optional=True), label=N_("Present")),
            F("position", Whole(), label=N_("Order")),
            F("arrived_at", Moment(N_("Arrived"))),
            F("left_at", Moment(N_("Left"))),
        ),
    ),
    CASE: Kind(
        Case,
        None,
        (
            F("area", Choice(CommitteeArea, N_("Committee area"))),
            F("reference", Text(N_("Case number"))),
            F("citizen_name", Text(N_("Citizen's name"), required=True)),
            F("cpr", Cpr(), label=N_("CPR number")),
            F("applied_for", Text(N_("Applied for"), **_LONG)),
            F("legal_paragraph", Text(N_("Legal paragraph"))),
            F("case_worker", Text(N_("Case worker"))),
            F("received_on", Day(N_("Date received"))),
            F("summary", Text(N_("Case summary"), **_LONG)),
            F("citizen_goals", Text(N_("The citizen's wishes and goals"), **_LONG)),
            F("case_type", Text(N_("Type of case"))),
            F("legal_basis_key", Text(N_("Legal basis"))),
            F("expected_annual_cost_ore", Ore(N_("The expected annual cost"))),
            F("contact", Text(N_("Contact"))),
        ),
    ),
    ASSESSMENT: Kind(
        Assessment,
        "case_id",
        (
            F("scheme", Choice(AssessmentScheme, N_("Assessment method"))),
            F("domain_key", Text(N_("Area"), required=True)),
            F("level", Level(), label=N_("Level")),
            F("support_need", SupportNeed(), label=N_("Support need")),
            F("note", Text(N_("Note on the assessment"))),
        ),
    ),
    ITEM: Kind(
        AgendaItem,
        "meeting_id",
        (
            F("position", Whole(), label=N_("Order")),
            F("kind", Choice(AgendaItemKind, N_("Item type"))),
            F("title", Text(N_("Title"))),
            F("case", Ref(CASE, optional=True), "case_id", N_("Case")),
            F("time_box_minutes", Whole(time_box=True), label=N_("Time box")),
            F("notes", Text(N_("Notes"), **_LONG)),
            F(
                "citizen_participation",
                Choice(CitizenParticipation, N_("The citizen's participation"), required=False),
            ),
            F("citizen_represented_by", Text(N_("Represented by"))),
            F("citizen_statement", Text(N_("The citizen's own words"), **_LONG)),
            F("citizen_invited_on", Day(N_("Citizen invited on"))),
            F("citizen_absence_reason", Text(N_("Why the citizen is not involved"), **_LONG)),
            F(
                "citizen_view",
                Choice(CitizenView, N_("The citizen's view of the decision"), "", required=False),
            ),
            F("citizen_view_words", Text(N_("The citizen's view in their own words"), **_LONG)),
        ),
    ),
    DECISION: Kind(
        Decision,
        "agenda_item_id",
        (
            F("outcome", Choice(Outcome, N_("Outcome"), required=False)),
            F("service", Text(N_("Service"))),
            F("extent", Text(N_("Extent"))),
            F("legal_basis", Text(N_("Legal basis"))),
            F("justification", Text(N_("Justification"), **_LONG)),
            F("valid_from", Day(N_("Valid from"))),
            F("review_date", Day(N_("Review date"))),
            F("annual_cost_ore", Ore(N_("The annual cost"))),
            F("legal_basis_key", Text(N_("Legal basis"))),
            F("consultation", Choice(Consultation, N_("Consultation (partshøring)"))),
            F("consulted_on", Day(N_("Consulted on"))),
            F(
                "consultation_not_needed_reason",
                Text(N_("Why consultation is not needed"), **_LONG),
            ),
            F("missing_information", Text(N_("What is missing"), **_LONG)),
            F("missing_by", Day(N_("Missing by"))),
            F("override_reason", Text(N_("Reason for overriding"), **_LONG)),
            F("override_keys", Text(N_("Requirements overridden"))),
            F("delay_notified_on", Day(N_("Delay told to the citizen on"))),
            F("tariff_key", Text(N_("Tariff"))),
            F("extent_quantity", Quantity(N_("Extent"))),
            F("extent_frequency", Choice(Frequency, N_("Frequency"), "", required=False)),
            F("previous_quantity", Quantity(N_("Previous extent"))),
            F("provider_unit", Text(N_("Provider unit"))),
            F("cost_override_ore", Ore(N_("The amount set by hand"))),
            F("cost_override_reason", Text(N_("Reason for the amount"), **_LONG)),
            F("finalised_at", Moment(N_("Marked final"))),
        ),
    ),
    NOTE: Kind(
        InvolvementNote,
        "agenda_item_id",
        (
            F("phase", Choice(ConversationPhase, N_("Phase"))),
            F("prompt", Text(N_("Question"), required=True)),
            F("answer", Text(N_("Answer"), **_LONG)),
            F("position", Whole(), label=N_("Order")),
        ),
    ),
    CONFLICT: Kind(
        Conflict,
        "agenda_item_id",
        (
            F("participant", Ref(PARTICIPANT), "participant_id", N_("Participant")),
            F("reason", Text(N_("Reason"))),
        ),
    ),
    TIMING: Kind(
        ItemTiming,
        "agenda_item_id",
        (
            F("started_at", Moment(N_("Started"), required=True)),
            F("ended_at", Moment(N_("Ended"))),
        ),
    ),
    ACTION: Kind(
        ActionItem,
        "meeting_id",
        (
            F("item", Ref(ITEM, optional=True), "agenda_item_id", N_("Agenda item")),
            F("description", Text(N_("What"), **_LONG)),
            F("owner", Text(N_("Owner"))),
            F("due_date", Day(N_("Due date"))),
            F("done", Flag(), label=N_("Done")),
            F("position", Whole(), label=N_("Order")),
        ),
    ),
    EVENT: Kind(
        MeetingEvent,
        "meeting_id",
        (
            F("kind", Choice(MeetingEventKind, N_("Event"))),
            F("at", Moment(N_("Time"), required=True)),
            F("by_name", Text(N_("Name"))),
            F("reason", Text(N_("Reason"), **_LONG)),
        ),
    ),
    MINUTES: Kind(
        ApprovedMinutes,
        "meeting_id",
        (
            F("approved_at", Moment(N_("Approved"), required=True)),
            F("approved_by", Text(N_("Name"))),
            F("pdf", Pdf(), label=N_("PDF file")),
        ),
    ),
}
