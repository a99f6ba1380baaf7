"""The audit trail: every change to cases, the citizen's involvement, decisions, meetings and
minutes is recorded with who, when, field, before and after, and cannot be changed."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from lawful import decide_lawfully
from pypdf import PdfReader
from sqlalchemy import delete, text, update
from sqlmodel import col, select

from visitation_app.domain.errors import NotFoundError, ValidationError
from visitation_app.domain.vocabulary import MeetingEventKind
from visitation_app.services import agenda, assessments, audit, decisions, involvement
from visitation_app.services import cases as case_service
from visitation_app.services import meetings as meeting_service
from visitation_app.services import minutes as minutes_service
from visitation_app.store import cipher, migrate
from visitation_app.store.models import AuditEntry, Case

CPR = "010190-1234"


def entries(db, **where) -> list[AuditEntry]:
    with db.session() as session:
        query = select(AuditEntry).order_by(col(AuditEntry.id))
        for name, value in where.items():
            query = query.where(getattr(AuditEntry, name) == value)
        return list(session.exec(query).all())


@pytest.fixture
def chair_db(db):
    db.actor = "Mette Skov"
    return db


@pytest.fixture
def item(chair_db, meeting_day):
    meeting = meeting_service.create_meeting(
        chair_db, title="Visitationsudvalget", area="elderly", meeting_date=meeting_day,
        start_time=dt.time(9),
    )  # fmt: skip
    case = case_service.create_case(
        chair_db, area="elderly", citizen_name="Anna Ørsted", cpr=CPR, summary="Faldet hjemme"
    )
    return agenda.add_case_item(chair_db, meeting.id, case.id)


def test_a_change_to_a_case_is_recorded_with_who_when_before_and_after(chair_db, item):
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    case_service.update_case(chair_db, item.case_id, summary="Faldet to gange hjemme")
    [entry] = entries(chair_db, entity="case", action="changed")
    assert (entry.actor, entry.field) == ("Mette Skov", "summary")
    assert (entry.old_value, entry.new_value) == ("Faldet hjemme", "Faldet to gange hjemme")
    assert entry.case_id == item.case_id and entry.entity_id == item.case_id
    assert before <= entry.at <= dt.datetime.now(dt.UTC)


def test_creating_a_case_records_its_fields_but_not_the_bookkeeping(chair_db, item):
    created = entries(chair_db, entity="case", action="created")
    assert {e.field: e.new_value for e in created} == {
        "citizen_name": "Anna Ørsted",
        "cpr": CPR,
        "area": "elderly",
        "summary": "Faldet hjemme",
    }
    case_service.update_case(chair_db, item.case_id, summary="Faldet hjemme")  # the same text
    assert entries(chair_db, entity="case", action="changed") == []
    assert not [e for e in entries(chair_db) if e.field in ("updated_at", "created_at", "id")]


def test_a_refused_change_leaves_no_entry(chair_db, item):
    with pytest.raises(ValidationError):
        case_service.update_case(chair_db, item.case_id, area="children")  # on an agenda
    assert entries(chair_db, entity="case", action="changed") == []


def test_every_decision_field_is_recorded_on_the_case_and_the_meeting(chair_db, item):
    decisions.save_decision(chair_db, item.id, outcome="granted", justification="Behov for hjælp")
    decisions.save_decision(chair_db, item.id, outcome="refused", extent_quantity="2,5")
    changed = entries(chair_db, entity="decision", action="changed")
    assert {(e.field, e.old_value, e.new_value) for e in changed} == {
        ("outcome", "granted", "refused"),
        ("extent_quantity", None, "2.50"),
    }
    assert {(e.case_id, e.meeting_id) for e in changed} == {(item.case_id, item.meeting_id)}


def test_the_citizens_involvement_answers_and_assessment_are_recorded(chair_db, item):
    involvement.set_participation(chair_db, item.id, "represented", represented_by="Datteren")
    involvement.save_answer(chair_db, item.id, "during", "Hvad er vigtigt for dig?", "Haven")
    involvement.save_answer(chair_db, item.id, "during", "Hvad er vigtigt for dig?", "")
    assessments.set_level(chair_db, item.id, "fsiii", "mobility", 3)
    fields = {(e.entity, e.action, e.field, e.old_value, e.new_value) for e in entries(chair_db)}
    assert ("agenda_item", "changed", "citizen_participation", None, "represented") in fields
    assert ("agenda_item", "changed", "citizen_represented_by", "", "Datteren") in fields
    assert ("involvement_note", "created", "answer", None, "Haven") in fields
    assert ("involvement_note", "deleted", "answer", "Haven", None) in fields
    assert ("assessment", "created", "level", None, "3") in fields
    [level] = entries(chair_db, entity="assessment")
    assert (level.case_id, level.context) == (item.case_id, "fsiii:mobility")


def test_what_the_database_deletes_with_an_item_is_recorded_too(chair_db, item):
    """Removing the item deletes its decision and answers by ON DELETE CASCADE."""
    decisions.save_decision(chair_db, item.id, justification="Begrundelsen")
    involvement.save_answer(chair_db, item.id, "before", "Hvordan går det?", "Godt")
    agenda.remove_item(chair_db, item.id)
    deleted = {(e.entity, e.field, e.old_value) for e in entries(chair_db, action="deleted")}
    assert ("decision", "justification", "Begrundelsen") in deleted
    assert ("involvement_note", "answer", "Godt") in deleted
    assert ("agenda_item", "", None) in deleted


def test_bulk_statements_bypassing_the_flush_are_recorded(chair_db, item):
    with chair_db.session() as session:
        session.execute(
            update(Case).where(col(Case.id) == item.case_id).values(contact="Datter, 12345678")
        )
    with chair_db.session() as session:
        session.execute(update(Case), [{"id": item.case_id, "reference": "ÆS-1"}])
    agenda.remove_item(chair_db, item.id)
    with chair_db.session() as session:
        session.execute(delete(Case).where(col(Case.id) == item.case_id))
    changes = {(e.action, e.field, e.old_value, e.new_value) for e in entries(chair_db)}
    assert ("changed", "contact", "", "Datter, 12345678") in changes
    assert ("changed", "reference", "", "ÆS-1") in changes
    assert ("deleted", "citizen_name", "Anna Ørsted", None) in changes


def test_approval_and_reopening_of_the_minutes_are_recorded(chair_db, item):
    decide_lawfully(chair_db, item.id)
    minutes_service.approve_minutes(chair_db, item.meeting_id, by="Mette Skov")
    meeting_service.reopen_meeting(
        chair_db, item.meeting_id, by="Mette Skov", reason="Forkert dato i afgørelsen"
    )
    meeting = entries(chair_db, meeting_id=item.meeting_id)
    statuses = [(e.old_value, e.new_value) for e in meeting if e.field == "status"]
    assert statuses[-1] == ("approved", "held") and statuses[-2][1] == "approved"
    [pdf] = [e for e in meeting if e.entity == "approved_minutes" and e.field == "pdf"]
    assert pdf.new_value.startswith("sha256:") and pdf.new_value.endswith(" bytes)")
    assert ("reason", "Forkert dato i afgørelsen") in {
        (e.field, e.new_value) for e in meeting if e.entity == "meeting_event"
    }
    trail = audit.case_trail(chair_db, item.case_id)
    # The case's history tells that the minutes of its meeting were approved and reopened.
    what = [line.what for line in trail.lines]
    assert any(w.startswith("Godkendt referat oprettet · møde") for w in what)
    for kind in (MeetingEventKind.APPROVED, MeetingEventKind.REOPENED):
        assert any(w.startswith(f"{kind.label} · møde") for w in what)
    assert not any(w.startswith(MeetingEventKind.STARTED.label) for w in what)
    assert ("Begrundelse", "Forkert dato i afgørelsen") in {
        (line.field, line.after) for line in trail.lines
    }


def test_the_trail_refuses_to_be_changed_or_deleted(chair_db, item, db_path):
    """Append-only in the database itself, whatever program opens the file."""
    case_service.update_case(chair_db, item.case_id, summary="Ny")
    with chair_db.engine.connect() as connection:
        for statement in ("UPDATE audit_entry SET new_value = 'x'", "DELETE FROM audit_entry"):
            with pytest.raises(Exception, match="append-only"):
                connection.execute(text(statement))
            connection.rollback()
    raw = cipher.connect(db_path)
    try:
        with pytest.raises(cipher.DatabaseError, match="append-only"):
            raw.execute("DELETE FROM audit_entry WHERE case_id = ?", (item.case_id,))
        raw.execute(
            "INSERT INTO deletion_record (at, actor, reason, citizens, counts) "
            "VALUES ('2026-01-01 00:00:00', '', 'x', 1, '{}')"
        )
        for statement in ("UPDATE deletion_record SET reason = ''", "DELETE FROM deletion_record"):
            with pytest.raises(cipher.DatabaseError, match="record of deletions cannot be"):
                raw.execute(statement)
    finally:
        raw.close()
    assert len(entries(chair_db, entity="case", action="changed")) == 1


def test_the_trail_shows_labels_dates_and_a_masked_cpr_number(chair_db, item):
    case_service.update_case(chair_db, item.case_id, received_on=dt.date(2026, 11, 2))
    decisions.save_decision(chair_db, item.id, outcome="granted", annual_cost_ore=1_234_550)
    trail = audit.case_trail(chair_db, item.case_id)
    shown = {(line.field, line.before, line.after) for line in trail.lines}
    assert ("Modtaget", "", "2. november 2026") in shown
    assert ("Udfald", "", "Bevilget") in shown
    assert ("Årlig udgift", "", "12.345,50 kr.") in shown
    assert ("CPR-nummer", "", "010190-xxxx") in shown
    assert {line.actor for line in trail.lines} == {"Mette Skov"}
    what = [line.what for line in trail.lines]
    assert "Sag oprettet" in what and any(w.startswith("Afgørelse oprettet · møde") for w in what)
    # Stored exactly: the mask is only in what is shown.
    assert CPR in {e.new_value for e in entries(chair_db, field="cpr")}


def test_the_trail_prints_as_a_pdf_with_long_values_in_full(chair_db, item):
    long_text = "Borgeren fortæller om sin hverdag. " * 60
    case_service.update_case(chair_db, item.case_id, summary=long_text)
    reader = PdfReader(io.BytesIO(audit.case_trail_pdf(chair_db, item.case_id)))
    printed = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "Revisionsspor" in printed and "Anna Ørsted" in printed
    assert "Sagsresumé" in printed and "Mette Skov" in printed
    assert "010190-xxxx" in printed and CPR not in printed
    assert printed.count("Borgeren fortæller om sin hverdag.") >= 60  # the whole text, once


def test_a_deleted_case_has_no_trail_to_show(chair_db):
    with pytest.raises(NotFoundError, match="opbevaringsperiode"):
        audit.case_trail(chair_db, 999)


def test_migration_0006_adds_the_append_only_tables_and_takes_them_away_again(tmp_path):
    path = tmp_path / "m.db"
    migrate.upgrade(path, "0006")

    def names() -> set[str]:
        with cipher.connect(path) as connection:
            return {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}

    assert {"audit_entry", "deletion_record", "audit_deletion_permit"} <= names()
    assert {"audit_entry_no_update", "audit_entry_no_delete", "deletion_record_no_delete"} <= (
        names()
    )
    migrate.downgrade(path, "0005")
    assert not {"audit_entry", "deletion_record", "audit_entry_no_update"} & names()


def test_a_new_case_never_shows_the_history_of_a_deleted_case_with_the_same_id(chair_db):
    first = case_service.create_case(
        chair_db, area="elderly", citizen_name="Jens Hansen", cpr="010190-1234",
        summary="Jens' hemmelige oplysninger",
    )  # fmt: skip
    case_service.delete_case(chair_db, first.id)
    second = case_service.create_case(chair_db, area="elderly", citizen_name="Anna Berg")
    trail = audit.case_trail(chair_db, second.id)
    shown = " ".join(f"{line.what} {line.before} {line.after}" for line in trail.lines)
    assert "Anna Berg" in shown
    assert "Jens" not in shown and "010190" not in shown


def test_a_database_error_does_not_write_the_typed_values_into_the_log(chair_db, caplog):
    from visitation_app.store.database import StoreError

    case = case_service.create_case(chair_db, area="elderly", citizen_name="Jens Hansen")
    secret = "".join(("Hemmelig ", "Borgersen"))  # not in the traceback's source lines
    insert = text("INSERT INTO \"case\" (id, citizen_name, area) VALUES (:id, :name, 'x')")
    with pytest.raises(StoreError), chair_db.session() as session:
        session.execute(insert, {"id": case.id, "name": secret})  # the id is taken
    assert "database error" in caplog.text  # logged, with its traceback
    assert secret not in caplog.text
