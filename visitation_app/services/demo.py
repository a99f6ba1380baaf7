"""A demo database: three visitation meetings, one in each phase, to explore the app with.

* Ældre og Sundhed, about three weeks ago: held, decided and with approved minutes. Every
  decision holds what the law requires (Ældreloven for the elderly since 1 July 2025), but
  one, made final with the chair's reason for overriding (the processing time was exceeded).
  It was run with the clock: the time used per item (some over their time box, some under,
  a coffee break), citizens and relatives present for their own item only, a case worker
  who came late, and an economist who took no part in one item (inhabil).
* Voksen og Handicap, today: in progress, some cases decided and some not; one refusal still
  lacks consultation and a proper justification, as the checklist shows. The decided items
  have their time, and the clock runs on the case under way (see `services.demo_run` for
  how the meeting is placed when the demo is built at another time of day).
* Børn og Unge, in about two weeks: planned, some cases ready and some not yet.

The decisions carry tariffs and extents, so each has its cost; the areas have budget frames
for the year (the adult area goes over its frame with today's decisions), and the home care
units have delivered hours to set against the hours visitated to them.

The content is data, in resources/demo/demo_da.json (read by `services.demo_loader`); this
module builds it through the same services the window uses. The people are invented, the
CPR numbers fictitious, and the texts Danish on purpose: they are what a Danish committee
would write, not interface text, so they do not go through `_()`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from pathlib import Path
from zoneinfo import ZoneInfo

from visitation_app.atomic_files import fsync_folder, temporary_beside
from visitation_app.domain.errors import UserError
from visitation_app.domain.vocabulary import DEFAULT_CASE_MINUTES
from visitation_app.i18n import _
from visitation_app.services.actions import add_action, update_action
from visitation_app.services.agenda import add_case_item, add_standard_item, update_item
from visitation_app.services.cases import create_case
from visitation_app.services.decisions import finalise_decision, save_decision
from visitation_app.services.demo_budget import import_hours, set_frames
from visitation_app.services.demo_involvement import add_involvement
from visitation_app.services.demo_loader import (
    DemoAction,
    DemoItem,
    DemoMeeting,
    load_demo,
    shipped_catalog,
)
from visitation_app.services.demo_run import place, record_time
from visitation_app.services.legal import current_catalog, use_catalog
from visitation_app.services.meetings import DEFAULT_TIMEZONE, create_meeting, list_meetings
from visitation_app.services.minutes import approve_minutes
from visitation_app.services.participants import add_participant, update_participant
from visitation_app.store import cipher
from visitation_app.store.database import Database, open_database
from visitation_app.store.models import Meeting


class DemoTargetExistsError(UserError):
    """The file a demo database was to be written to exists, and replacing it was not asked."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            _("The file {path} already exists; choose another name or replace it.").format(
                path=path
            )
        )
        self.path = path


# --- building from the plan --------------------------------------------------------------


def _add_actions(
    db: Database, meeting_id: int, actions: tuple[DemoAction, ...], item_id: int | None = None
) -> None:
    for planned in actions:
        action = add_action(
            db,
            meeting_id,
            description=planned.description,
            owner=planned.owner,
            due_date=planned.due_date,
            agenda_item_id=item_id,
        )
        if planned.done:
            update_action(db, action.id, done=True)


def _add_item(db: Database, meeting_id: int, planned: DemoItem) -> int:
    """Put the item on the agenda (creating its case) with its notes, voice, decision, actions.

    A decision planned as final is marked so after it is saved, with the override reason
    when it still lacks something.
    """
    if planned.case is None:
        item = add_standard_item(db, meeting_id, planned.kind, time_box_minutes=planned.minutes)
    else:
        case = create_case(db, **planned.case)
        minutes = planned.minutes or DEFAULT_CASE_MINUTES
        item = add_case_item(db, meeting_id, case.id, minutes)
    changes = dict(planned.voice or {})
    if planned.notes:
        changes["notes"] = planned.notes
    if planned.invited_on is not None:
        changes["citizen_invited_on"] = planned.invited_on
    if changes:
        update_item(db, item.id, **changes)
    if planned.case is not None:
        add_involvement(db, item.id, planned.involvement)
    if planned.decision is not None:
        save_decision(db, item.id, **planned.decision)
        if planned.final:
            finalise_decision(db, item.id, override_reason=planned.override_reason)
    _add_actions(db, meeting_id, planned.actions, item.id)
    return item.id


def _build_meeting(db: Database, plan: DemoMeeting, now: dt.datetime | None) -> Meeting:
    """Create the meeting with its people, agenda and actions, then run it as far as the
    plan says (`services.demo_run`); approving the minutes waits (see `build_demo`)."""
    placement = place(plan, now)
    meeting = create_meeting(db, **placement.fields(plan.fields))
    participant_ids = []
    for person in plan.participants:
        participant = add_participant(
            db, meeting.id, name=person.name, role=person.role, organisation=person.organisation
        )
        if person.present is not None:
            update_participant(db, participant.id, present=person.present)
        participant_ids.append(participant.id)
    item_ids = [_add_item(db, meeting.id, item) for item in plan.items]
    _add_actions(db, meeting.id, plan.actions)
    for case in plan.referred:  # what the chair picks from when planning the next meeting
        create_case(db, **case)
    record_time(db, meeting.id, plan, placement, item_ids, participant_ids)
    return meeting


# --- public -------------------------------------------------------------------------------


def build_demo(db: Database, today: dt.date | None = None, now: dt.datetime | None = None) -> None:
    """Fill an empty database with the three demo meetings, dated around `today`, the
    budget frames and the delivered hours.

    `now` (aware) is the moment the demo is built, where the meeting in progress stands;
    without `today` it is the real moment and `today` its Danish date, and with `today` but
    no `now` the meeting in progress is shown at the moment the demo file gives.

    The demo is written against the shipped catalog; it is built (decisions checked and
    costed, the minutes approved) with that catalog in use, so a municipality's own
    processing deadlines or tariffs cannot stop or change it. The catalog in use before is
    restored afterwards. The minutes are approved last, when the frames are set, since
    approved minutes keep the budget figures of the moment of approval.
    """
    if list_meetings(db):
        raise UserError(
            _("The database already has meetings; demo data can only go into an empty one.")
        )
    if today is None:
        now = now or dt.datetime.now(dt.UTC)
        today = now.astimezone(ZoneInfo(DEFAULT_TIMEZONE)).date()
    catalog = shipped_catalog()
    plan = load_demo(today, catalog=catalog)
    in_use = current_catalog()
    use_catalog(catalog)
    db.actor = db.actor or _("Demo data")  # who the audit trail names for the demo's records
    try:
        built = [(_build_meeting(db, meeting, now), meeting) for meeting in plan.meetings]
        set_frames(db, plan.frames)
        if plan.hours is not None:
            import_hours(db, plan.hours, today=today)
        for meeting, planned in built:
            if planned.life.status == "approved":
                approve_minutes(db, meeting.id, by=planned.life.approved_by)
    finally:
        use_catalog(in_use)


def _remove_with_journal(path: Path) -> None:
    for companion in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
        with contextlib.suppress(FileNotFoundError):
            companion.unlink()


def create_demo_database(
    path: str | os.PathLike[str],
    *,
    force: bool = False,
    today: dt.date | None = None,
    now: dt.datetime | None = None,
) -> Path:
    """Write a new demo database to `path`, whole or not at all.

    The demo is built in a temporary file beside `path` and moved into place at the end,
    so an existing file is only replaced (with `force`) by a complete new one.
    """
    target = Path(path).expanduser().absolute()
    if target.is_dir():
        raise UserError(
            _("{path} is a folder; give the name of the database file to create.").format(
                path=target
            )
        )
    if target.exists() and not force:
        raise DemoTargetExistsError(target)
    temporary = temporary_beside(target, suffix=".new")
    try:
        db = open_database(temporary, create=True)
        try:
            build_demo(db, today, now)
        finally:
            db.close()
        # Fold the write-ahead log into the file, so the file alone holds everything.
        connection = cipher.connect(temporary)
        try:
            connection.execute("PRAGMA journal_mode = DELETE")
        finally:
            connection.close()
        # The old file's journal must not be applied to the new file.
        for stale in (Path(f"{target}-wal"), Path(f"{target}-shm")):
            with contextlib.suppress(FileNotFoundError):
                stale.unlink()
        os.replace(temporary, target)
        fsync_folder(target.parent)
    except BaseException:
        _remove_with_journal(temporary)
        raise
    return target
