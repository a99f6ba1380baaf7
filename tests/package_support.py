"""Test helpers for meeting packages: a small meeting with one of everything, exporting to
bytes, importing, and counting the rows of every table."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from lawful import decide_lawfully
from sqlalchemy import inspect, text

from visitation_app.services import (
    actions,
    agenda,
    assessments,
    cases,
    conflicts,
    involvement,
    meetings,
    participants,
)
from visitation_app.services.meeting_package_export import export_meeting_package
from visitation_app.services.meeting_package_import import import_package
from visitation_app.store.database import Database, open_database

MEETING_DAY = dt.date(2026, 12, 3)


@dataclass
class Small:
    meeting_id: int
    case_id: int
    item_id: int
    other_item_id: int
    chair_id: int
    finance_id: int
    action_id: int


def small_meeting(db: Database) -> Small:
    """An elderly-care meeting: three participants, a case item with a lawful decision, an
    answer, an assessment and a conflict of interest, a standard item and two actions."""
    meeting = meetings.create_meeting(
        db,
        title="Visitationsudvalget Ældre",
        area="elderly",
        meeting_date=MEETING_DAY,
        start_time=dt.time(9),
        location="Rådhuset, mødelokale 2",
        chair_name="Birthe Holm",
    )
    chair = participants.add_participant(db, meeting.id, name="Birthe Holm", role="chair")
    participants.add_participant(db, meeting.id, name="Karim Nielsen", role="case_worker")
    finance = participants.add_participant(db, meeting.id, name="Lone Berg", role="finance")
    case = cases.create_case(
        db,
        area="elderly",
        citizen_name="Åse Ørum",
        cpr="010150-4321",
        applied_for="Praktisk hjælp til rengøring",
        summary="Åse bor alene og kan ikke længere gøre rent.",
        case_type="practical_help",
        received_on=dt.date(2026, 11, 20),
        expected_annual_cost_ore=1_234_550,
    )
    item = agenda.add_case_item(db, meeting.id, case.id)
    other = agenda.add_standard_item(db, meeting.id, "approve_agenda")
    decide_lawfully(db, item.id)
    involvement.save_answer(db, item.id, "before", "Hvad er vigtigst for dig?", "At klare mig selv")
    assessments.set_level(db, item.id, "fsiii", "mobility", 2)
    conflicts.declare_conflict(db, item.id, finance.id, "Nabo til borgeren")
    action = actions.add_action(
        db, meeting.id, description="Sende afgørelsen", owner="Karim", agenda_item_id=item.id
    )
    actions.add_action(db, meeting.id, description="Aftale næste møde", owner="Birthe")
    return Small(meeting.id, case.id, item.id, other.id, chair.id, finance.id, action.id)


def export_bytes(db: Database, meeting_id: int, folder: Path, passphrase=None) -> bytes:
    path = folder / f"package-{meeting_id}-{id(db)}.json"
    export_meeting_package(db, meeting_id, path, passphrase=passphrase)
    return path.read_bytes()


def document_of(data: bytes) -> dict:
    return json.loads(data)


def as_bytes(document: dict) -> bytes:
    return json.dumps(document, ensure_ascii=False).encode("utf-8")


def row_counts(db: Database) -> dict[str, int]:
    """The number of rows of every table (the audit trail's too)."""
    with db.engine.connect() as connection:
        names = inspect(connection).get_table_names()
        return {
            name: connection.execute(text(f'SELECT count(*) FROM "{name}"')).scalar()
            for name in names
        }


def new_database(folder: Path, name: str = "other.db") -> Database:
    return open_database(folder / name, create=True)


def import_bytes(db: Database, data: bytes, passphrase=None):
    return import_package(db, data, passphrase)
