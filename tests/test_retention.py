"""Deleting a citizen's data after the retention period: who is due, what goes, that the
bytes are gone from the database file, that it is recorded, and what becomes of backups."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from lawful import decide_lawfully
from pypdf import PdfReader
from sqlalchemy import text
from sqlmodel import col, select

from visitation_app.domain.errors import UserError
from visitation_app.services import agenda, assessments, involvement, participants, retention
from visitation_app.services import cases as case_service
from visitation_app.services import meetings as meeting_service
from visitation_app.services import minutes as minutes_service
from visitation_app.services.dossier import load_dossier
from visitation_app.store import rotating_backups
from visitation_app.store.models import (
    AgendaItem,
    AuditEntry,
    Case,
    DeletionRecord,
    PackageBase,
    Participant,
)

NOW = dt.date.today()
LATER = NOW + dt.timedelta(days=6 * 366)  # everything recorded today is then over 5 years old
ANNA_CPR, BO_CPR = "010150-1234", "020250-2345"
SECRETS = (
    "Anna Ørsted",
    ANNA_CPR,
    ANNA_CPR.replace("-", ""),
    "Mine roser i haven",
    "Faldt i badet i marts",
    "Datter til Anna Ørsted",
    "Karen Ørsted",
)


def file_bytes(db) -> bytes:
    """The database file and its write-ahead log as they lie on the disk."""
    wal = db.path.with_name(db.path.name + "-wal")
    return db.path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def meeting(db, day: dt.date, title: str = "Visitationsudvalget"):
    return meeting_service.create_meeting(
        db, title=title, area="elderly", meeting_date=day, start_time=dt.time(9)
    )


@pytest.fixture
def world(db):
    """Anna (two cases), Bo on the same approved meeting, Carl active later, Dora under review."""
    db.actor = "Mette Skov"
    held = meeting(db, NOW - dt.timedelta(days=30))
    never_held = meeting(db, NOW - dt.timedelta(days=40), "Aflyst møde")
    anna = case_service.create_case(
        db, area="elderly", citizen_name="Anna Ørsted", cpr=ANNA_CPR,
        summary="Faldt i badet i marts", contact="Datter Karen Ørsted",
    )  # fmt: skip
    anna_again = case_service.create_case(
        db, area="elderly", citizen_name="Anna Ørsted", cpr=ANNA_CPR, applied_for="Nødkald"
    )
    bo = case_service.create_case(
        db, area="elderly", citizen_name="Bo Berg", cpr=BO_CPR, summary="Bo vil klare sig selv"
    )
    item_anna = agenda.add_case_item(db, held.id, anna.id)
    item_bo = agenda.add_case_item(db, held.id, bo.id)
    planned_item = agenda.add_case_item(db, never_held.id, anna_again.id)
    involvement.save_answer(db, item_anna.id, "during", "Hvad er vigtigt?", "Mine roser i haven")
    assessments.set_level(db, item_anna.id, "fsiii", "mobility", 3)
    decide_lawfully(db, item_anna.id)
    decide_lawfully(db, item_bo.id)
    for name, role, organisation in (
        ("Anna Ørsted", "citizen", ""),
        ("Karen Ørsted", "relative", "Datter til Anna Ørsted"),
        ("Lise Berg", "relative", "Hustru til Bo Berg"),
        ("Farid Noori", "interpreter", "Tolkeservice Syd"),
        ("Hanne Lykke", "chair", "Visitationen"),
    ):
        participants.add_participant(db, held.id, name=name, role=role, organisation=organisation)
    meeting_service.start_meeting(db, held.id)
    meeting_service.end_meeting(db, held.id)
    minutes_service.approve_minutes(db, held.id, by="Mette Skov")

    later_meeting = meeting(db, NOW + dt.timedelta(days=3 * 365), "Senere møde")
    carl = case_service.create_case(db, area="elderly", citizen_name="Carl Holm")
    agenda.add_case_item(db, later_meeting.id, carl.id)
    dora = case_service.create_case(db, area="elderly", citizen_name="Dora Lund")
    other = meeting(db, NOW - dt.timedelta(days=20), "Andet møde")
    dora_item = agenda.add_case_item(db, other.id, dora.id)
    decide_lawfully(db, dora_item.id, review_date=LATER + dt.timedelta(days=100))
    return {
        "held": held, "never_held": never_held, "anna": anna, "anna_again": anna_again,
        "bo": bo, "carl": carl, "dora": dora, "item_anna": item_anna,
        "planned_item": planned_item,
    }  # fmt: skip


def names_of(citizens) -> list[str]:
    return [citizen.citizen_name for citizen in citizens]


def test_who_is_due_depends_on_the_last_activity_and_services_under_way(db, world):
    due = retention.citizens_due_for_deletion(db, LATER, 5)
    assert sorted(names_of(due)) == ["Anna Ørsted", "Bo Berg"]
    anna = next(c for c in due if c.citizen_name == "Anna Ørsted")
    assert anna.case_ids == tuple(sorted((world["anna"].id, world["anna_again"].id)))
    assert anna.last_activity == NOW  # the cases were created today
    assert retention.citizens_due_for_deletion(db, NOW, 5) == []
    assert retention.citizens_due_for_deletion(db, LATER, 10) == []
    everyone = {c.citizen_name: c for c in retention.citizens(db, LATER, 5)}
    assert everyone["Dora Lund"].review_pending == LATER + dt.timedelta(days=100)
    assert everyone["Carl Holm"].last_activity == NOW + dt.timedelta(days=3 * 365)


def test_a_citizen_not_yet_due_is_refused_with_the_day_they_become_due(db, world):
    carl = world["carl"].id
    with pytest.raises(UserError, match="må slettes fra den"):
        retention.delete_citizen_data(db, [carl], "Udløbet", LATER, years=5)
    with pytest.raises(UserError, match="revurderingen"):
        retention.delete_citizen_data(db, [world["dora"].id], "Udløbet", LATER, years=5)
    with db.session() as session:
        assert session.get(Case, carl) is not None


def test_the_reason_must_not_name_the_citizen(db, world):
    for reason in ("Anna Ørsteds periode er udløbet", f"CPR {ANNA_CPR.replace('-', '')}", " "):
        with pytest.raises(UserError):
            retention.delete_citizen_data(db, [world["anna"].id], reason, LATER, years=5)
    assert "Anna Ørsted".encode() in file_bytes(db)


def test_deleting_removes_the_citizen_from_the_database_file(db, world):
    stored = file_bytes(db)
    assert [s for s in SECRETS if s.encode() not in stored] == [ANNA_CPR.replace("-", "")]
    report = retention.delete_citizen_data(
        db, [world["anna"].id], "Opbevaringsperioden på 5 år er udløbet", LATER, years=5
    )
    data = file_bytes(db)
    for secret in SECRETS:
        assert secret.encode() not in data, secret
    assert b"Bo vil klare sig selv" in data  # the check can find what is there
    with db.engine.connect() as connection:
        assert connection.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        assert connection.execute(text("PRAGMA foreign_key_check")).fetchall() == []
    assert report.citizens == 1 and report.compacted
    assert report.counts["case"] == 2 and report.counts["involvement_note"] == 1
    assert report.counts["assessment"] == 1 and report.counts["decision"] == 1


def test_the_deletion_is_recorded_without_personal_data(db, world):
    report = retention.delete_citizen_data(
        db, [world["anna_again"].id], "Opbevaringsperioden er udløbet", LATER, years=5
    )
    with db.session() as session:
        [record] = session.exec(select(DeletionRecord)).all()
        trail = session.exec(select(AuditEntry).where(AuditEntry.entity == "deletion_record")).all()
        left = session.exec(
            select(AuditEntry).where(col(AuditEntry.case_id).in_(report_case_ids(world)))
        ).all()
    assert (record.id, record.actor, record.citizens) == (report.record_id, "Mette Skov", 1)
    assert json.loads(record.counts)["case"] == 2
    assert {(e.field, e.new_value) for e in trail} >= {("reason", "Opbevaringsperioden er udløbet")}
    assert left == []
    # The trail stays append-only once the deletion is over.
    with db.engine.connect() as connection, pytest.raises(Exception, match="append-only"):
        connection.execute(text("DELETE FROM audit_entry"))


def report_case_ids(world) -> list[int]:
    return [world["anna"].id, world["anna_again"].id]


def test_held_meetings_keep_the_item_and_approved_minutes_are_made_again(db, world):
    held, item_id = world["held"].id, world["item_anna"].id
    retention.delete_citizen_data(db, [world["anna"].id], "Udløbet", LATER, years=5)
    dossier = load_dossier(db, held)
    kept = next(item for item in dossier.items if item.id == item_id)
    assert kept.case is None and kept.decision is None and not kept.involvement_notes
    assert kept.title.startswith("Sag slettet efter opbevaringsperioden")
    assert [item.number for item in dossier.items] == [1, 2]
    with db.session() as session:
        assert session.get(AgendaItem, world["planned_item"].id) is None
        people = {p.name for p in session.exec(select(Participant)).all()}
    assert people == {"Lise Berg", "Farid Noori", "Hanne Lykke"}
    reader = PdfReader(io.BytesIO(minutes_service.minutes_pdf(db, held)))
    printed = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "Bo Berg" in printed and "Sag slettet efter opbevaringsperioden" in printed
    assert "Ørsted" not in printed and "010150" not in printed


def test_the_report_says_what_became_of_the_backups(db, world):
    old = rotating_backups.backup_at_start(db.path)
    assert old is not None and "Anna Ørsted".encode() in old.read_bytes()
    aside = db.path.with_name(db.path.name + ".before-migration-0005-x.bak")
    aside.write_bytes(b"copy")
    report = retention.delete_citizen_data(db, [world["anna"].id], "Udløbet", LATER, years=5)
    assert not old.exists() and report.backups_removed == (old,)
    assert report.fresh_backup is not None and report.fresh_backup.exists()
    assert "Anna Ørsted".encode() not in report.fresh_backup.read_bytes()
    assert b"Bo Berg" in report.fresh_backup.read_bytes()
    assert report.other_copies == (aside,)
    lines = "\n".join(report.lines())
    assert "1 automatisk sikkerhedskopi fra før sletningen" in lines
    assert str(aside) in lines and "slet dem selv" in lines
    assert "Data om 1 borger er slettet: 2 sager" in lines
    assert "1 person på en borgers side" in lines  # the interpreter: nobody's for sure


def test_a_year_after_29_february_is_28_february():
    assert retention.add_years(dt.date(2024, 2, 29), 5) == dt.date(2029, 2, 28)
    assert retention.add_years(dt.date(2024, 3, 1), 5) == dt.date(2029, 3, 1)


def test_a_package_exchanged_earlier_keeps_nothing_of_the_citizen(db, world, tmp_path):
    from visitation_app.services.meeting_package_export import export_meeting_package

    # Anna's first case is exported with the held meeting, then her planned item leaves the
    # agenda of the other meeting after that meeting's package was exchanged too.
    export_meeting_package(db, world["held"].id, tmp_path / "held.json")
    export_meeting_package(db, world["never_held"].id, tmp_path / "planned.json")
    agenda.remove_item(db, world["planned_item"].id)
    retention.delete_citizen_data(
        db, [world["anna"].id, world["anna_again"].id], "Udløbet", LATER, years=5
    )
    with db.session() as session:
        documents = [base.document for base in session.exec(select(PackageBase)).all()]
    assert not any("Anna Ørsted" in document for document in documents)
    assert not any(ANNA_CPR in document for document in documents)


def test_the_trail_of_a_deleted_case_is_deleted_after_the_retention_period_too(db):
    db.actor = "Mette Skov"
    case = case_service.create_case(
        db, area="elderly", citizen_name="Jens Glemt", cpr="030303-3333",
        summary="Oprettet ved en fejl",
    )  # fmt: skip
    case_service.delete_case(db, case.id)  # the trail keeps what the case held
    due = retention.citizens_due_for_deletion(db, LATER, 5)
    jens = next(citizen for citizen in due if citizen.citizen_name == "Jens Glemt")
    assert jens.cpr == "030303-3333" and jens.case_ids == (case.id,)
    retention.delete_citizen_data(db, [case.id], "Udløbet", LATER, years=5)
    raw = file_bytes(db)
    for secret in ("Jens Glemt", "030303-3333", "Oprettet ved en fejl"):
        assert secret.encode() not in raw
    with db.session() as session:
        assert session.exec(select(AuditEntry).where(AuditEntry.case_id == case.id)).all() == []
    assert retention.citizens(db, LATER, 5) == []


def test_a_package_cannot_bring_a_deleted_citizen_back(db, world, tmp_path):
    from visitation_app.domain.package_paths import PackageError
    from visitation_app.services.meeting_package_export import export_meeting_package
    from visitation_app.services.meeting_package_import import import_package_file

    package = export_meeting_package(db, world["held"].id, tmp_path / "held.json")
    retention.delete_citizen_data(
        db, [world["anna"].id, world["anna_again"].id], "Udløbet", LATER, years=5
    )
    with db.session() as session:
        cases_before = len(session.exec(select(Case)).all())
    with pytest.raises(PackageError) as refused:
        import_package_file(db, package)  # from a laptop that still has Anna
    assert any(
        problem.path.startswith("$.cases[") and "slettet" in problem.message
        for problem in refused.value.problems
    )
    with db.session() as session:
        assert len(session.exec(select(Case)).all()) == cases_before
        assert "Anna Ørsted" not in [c.citizen_name for c in session.exec(select(Case))]
