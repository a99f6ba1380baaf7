"""The fixed vocabularies of a meeting, stored by code and shown through `label()`."""

from __future__ import annotations

from enum import StrEnum

from visitation_app.i18n import N_, _


class Labelled(StrEnum):
    """An enum whose members have a translatable label."""

    @property
    def label(self) -> str:
        return _(_LABELS[self])

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        """(code, label) pairs in the order they are offered to the user."""
        return [(member.value, member.label) for member in cls]


class CommitteeArea(Labelled):
    ELDERLY = "elderly"
    ADULT_DISABILITY = "adult_disability"
    CHILDREN = "children"


class MeetingStatus(Labelled):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    HELD = "held"
    APPROVED = "approved"


class ParticipantRole(Labelled):
    CHAIR = "chair"
    CASE_WORKER = "case_worker"
    LEGAL_ADVISER = "legal_adviser"
    FINANCE = "finance"
    MANAGER = "manager"
    CITIZEN = "citizen"
    RELATIVE = "relative"
    ADVOCATE = "advocate"
    INTERPRETER = "interpreter"
    OTHER = "other"


class AgendaItemKind(Labelled):
    CASE = "case"
    APPROVE_AGENDA = "approve_agenda"
    FOLLOW_UP = "follow_up"
    ANY_OTHER_BUSINESS = "any_other_business"
    OTHER = "other"


class Outcome(Labelled):
    GRANTED = "granted"
    PARTLY_GRANTED = "partly_granted"
    REFUSED = "refused"
    POSTPONED = "postponed"
    REFERRED = "referred"
    STOPPED_OR_CHANGED = "stopped_or_changed"


class CitizenParticipation(Labelled):
    PRESENT = "present"  # in person
    REMOTE = "remote"  # by phone or video
    REPRESENTED = "represented"
    NOT_PRESENT = "not_present"  # involved before the meeting, not at it
    NOT_INVOLVED = "not_involved"  # with the reason why


class CitizenView(Labelled):
    """The citizen's own view of the decision."""

    AGREES = "agrees"
    PARTLY = "partly"
    DISAGREES = "disagrees"


class ConversationPhase(Labelled):
    """When a conversation prompt is asked: before, during or after the meeting."""

    BEFORE = "before"
    DURING = "during"
    AFTER = "after"


class AssessmentScheme(Labelled):
    """Functional assessment: Fælles Sprog III (elderly care) or VUM 2.0 (adults)."""

    FSIII = "fsiii"
    VUM = "vum"


class MeetingEventKind(Labelled):
    STARTED = "started"
    PAUSED = "paused"
    RESUMED = "resumed"
    ENDED = "ended"
    APPROVED = "approved"
    REOPENED = "reopened"


_LABELS: dict[StrEnum, str] = {
    CommitteeArea.ELDERLY: N_("Elderly care"),
    CommitteeArea.ADULT_DISABILITY: N_("Adults with disabilities"),
    CommitteeArea.CHILDREN: N_("Children and young people"),
    MeetingStatus.PLANNED: N_("Planned"),
    MeetingStatus.IN_PROGRESS: N_("In progress"),
    MeetingStatus.HELD: N_("Held"),
    MeetingStatus.APPROVED: N_("Minutes approved"),
    ParticipantRole.CHAIR: N_("Chair"),
    ParticipantRole.CASE_WORKER: N_("Case worker"),
    ParticipantRole.LEGAL_ADVISER: N_("Legal adviser"),
    ParticipantRole.FINANCE: N_("Finance"),
    ParticipantRole.MANAGER: N_("Manager"),
    ParticipantRole.CITIZEN: N_("Citizen"),
    ParticipantRole.RELATIVE: N_("Relative"),
    ParticipantRole.ADVOCATE: N_("Advocate (bisidder)"),
    ParticipantRole.INTERPRETER: N_("Interpreter"),
    ParticipantRole.OTHER: N_("Other"),
    AgendaItemKind.CASE: N_("Case"),
    AgendaItemKind.APPROVE_AGENDA: N_("Approval of the agenda"),
    AgendaItemKind.FOLLOW_UP: N_("Follow-up on the last meeting"),
    AgendaItemKind.ANY_OTHER_BUSINESS: N_("Any other business"),
    AgendaItemKind.OTHER: N_("Other item"),
    Outcome.GRANTED: N_("Granted"),
    Outcome.PARTLY_GRANTED: N_("Partly granted"),
    Outcome.REFUSED: N_("Refused"),
    Outcome.POSTPONED: N_("Postponed"),
    Outcome.REFERRED: N_("Referred elsewhere"),
    Outcome.STOPPED_OR_CHANGED: N_("Stopped or changed"),
    CitizenParticipation.PRESENT: N_("Present"),
    CitizenParticipation.REMOTE: N_("By phone or video"),
    CitizenParticipation.REPRESENTED: N_("Represented"),
    CitizenParticipation.NOT_PRESENT: N_("Not present"),
    CitizenParticipation.NOT_INVOLVED: N_("Not involved"),
    CitizenView.AGREES: N_("Agrees"),
    CitizenView.PARTLY: N_("Partly agrees"),
    CitizenView.DISAGREES: N_("Disagrees"),
    ConversationPhase.BEFORE: N_("Before the meeting"),
    ConversationPhase.DURING: N_("During the meeting"),
    ConversationPhase.AFTER: N_("After the meeting"),
    AssessmentScheme.FSIII: N_("Fælles Sprog III"),
    AssessmentScheme.VUM: N_("VUM 2.0"),
    MeetingEventKind.STARTED: N_("Meeting started"),
    MeetingEventKind.PAUSED: N_("Meeting paused"),
    MeetingEventKind.RESUMED: N_("Meeting resumed"),
    MeetingEventKind.ENDED: N_("Meeting ended"),
    MeetingEventKind.APPROVED: N_("Minutes approved"),
    MeetingEventKind.REOPENED: N_("Minutes reopened"),
}

# Standard agenda items and the time box they get when added.
STANDARD_ITEM_MINUTES: dict[AgendaItemKind, int] = {
    AgendaItemKind.APPROVE_AGENDA: 5,
    AgendaItemKind.FOLLOW_UP: 10,
    AgendaItemKind.ANY_OTHER_BUSINESS: 5,
    AgendaItemKind.OTHER: 10,
}
DEFAULT_CASE_MINUTES = 20
