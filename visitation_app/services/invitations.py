"""Before the meeting: the invitation letter to the citizen whose case is on the agenda.

The window and the command line both make it here, from an agenda item, or from a case
(then its next coming agenda item).
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from sqlmodel import col, select

from visitation_app.atomic_files import write_atomically
from visitation_app.domain.errors import UserError
from visitation_app.domain.records import AgendaItemRecord, MeetingRecord, ParticipantRecord
from visitation_app.domain.vocabulary import MeetingStatus, ParticipantRole
from visitation_app.formatting import format_date_long
from visitation_app.i18n import N_, _
from visitation_app.services.common import load
from visitation_app.services.dossier import read_dossier
from visitation_app.services.involvement import guide_for
from visitation_app.store.database import Database
from visitation_app.store.models import AgendaItem, Case, Meeting

# Asked when the case type's conversation guide has no questions for before the meeting.
FALLBACK_PROMPTS = (
    N_("What matters most to you?"),
    N_("What works well today?"),
    N_("What is hard for you?"),
    N_("What would you like to be able to do yourself?"),
)
COMING = (MeetingStatus.PLANNED.value, MeetingStatus.IN_PROGRESS.value)
# Named in the invitation: the municipality's people. Never the citizens of other cases,
# their families, bisidders or interpreters, nor 'other' participants, whose role and
# organisation may name another citizen ("contact person for ...").
NAMED_ROLES = frozenset(
    {
        ParticipantRole.CHAIR,
        ParticipantRole.CASE_WORKER,
        ParticipantRole.LEGAL_ADVISER,
        ParticipantRole.FINANCE,
        ParticipantRole.MANAGER,
    }
)


@dataclass(frozen=True)
class Invitation:
    """What the invitation to the citizen of one case item says, and the day it is dated."""

    meeting: MeetingRecord
    item: AgendaItemRecord
    participants: tuple[ParticipantRecord, ...]
    """Those named as taking part: the municipality's people, not those disqualified."""
    prompts: tuple[str, ...]
    letter_date: dt.date

    @property
    def citizen_name(self) -> str:
        return self.item.case.citizen_name if self.item.case else ""


def invitation(db: Database, item_id: int, *, today: dt.date | None = None) -> Invitation:
    """The invitation to the citizen of agenda item `item_id`, dated `today`.

    Refused for an item that is not a case, and for a meeting already held.
    """
    with db.session() as session:
        row = load(session, AgendaItem, item_id, _("agenda item"))
        dossier = read_dossier(session, row.meeting_id)
    item = next(each for each in dossier.items if each.id == item_id)
    if item.case is None:
        raise UserError(
            _("Agenda item {id} ({title}) is not a case, so there is no citizen to invite.").format(
                id=item_id, title=item.title
            )
        )
    meeting = dossier.meeting
    if meeting.status not in COMING:
        raise UserError(
            _(
                "The meeting on {date} has already been held, so the citizen cannot be "
                "invited to it. Put the case on a coming meeting's agenda."
            ).format(date=format_date_long(meeting.meeting_date))
        )
    disqualified = {conflict.participant_id for conflict in item.conflicts}
    taking_part = tuple(
        person
        for person in dossier.participants
        if person.role in NAMED_ROLES and person.id not in disqualified
    )
    prompts = guide_for(item.case.case_type, item.case.area).before
    return Invitation(
        meeting=meeting,
        item=item,
        participants=taking_part,
        prompts=tuple(prompts) or tuple(_(prompt) for prompt in FALLBACK_PROMPTS),
        letter_date=today or dt.date.today(),
    )


def next_item_of_case(db: Database, case_id: int, *, today: dt.date | None = None) -> int:
    """The agenda item of the case's next coming meeting (from `today` on, not yet held)."""
    today = today or dt.date.today()
    with db.session() as session:
        case = load(session, Case, case_id, _("case"))
        item_id = session.exec(
            select(AgendaItem.id)
            .join(Meeting, col(Meeting.id) == col(AgendaItem.meeting_id))
            .where(
                AgendaItem.case_id == case_id,
                col(Meeting.status).in_(COMING),
                col(Meeting.meeting_date) >= today,
            )
            .order_by(
                col(Meeting.meeting_date),
                col(Meeting.start_time),
                col(AgendaItem.position),
                col(AgendaItem.id),
            )
        ).first()
        if item_id is None:
            raise UserError(
                _(
                    "Case {id} ({citizen}) is not on the agenda of any coming meeting. Put it "
                    "on a meeting's agenda first, then make the invitation."
                ).format(id=case_id, citizen=case.citizen_name)
            )
    return item_id


def invitation_pdf(db: Database, item_id: int, *, today: dt.date | None = None) -> bytes:
    """The invitation to the citizen of agenda item `item_id` as PDF bytes."""
    from visitation_app.documents.invitation import render_invitation

    letter = invitation(db, item_id, today=today)
    return render_invitation(
        letter.meeting,
        letter.item,
        letter.participants,
        letter_date=letter.letter_date,
        prompts=letter.prompts,
    )


def export_invitation(
    db: Database,
    item_or_case_id: int,
    path: str | os.PathLike[str],
    *,
    by_case: bool = False,
    today: dt.date | None = None,
) -> Path:
    """Save the invitation as a PDF file, whole or not at all.

    `item_or_case_id` is an agenda item's id; with `by_case`, a case's id, whose next
    coming agenda item is used.
    """
    item_id = next_item_of_case(db, item_or_case_id, today=today) if by_case else item_or_case_id
    return write_atomically(path, invitation_pdf(db, item_id, today=today))
