"""The audit and retention commands, run as a user would: what is printed, the exit status."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from visitation_app import cli_audit
from visitation_app.__main__ import main
from visitation_app.logging_setup import stop_logging
from visitation_app.services import agenda
from visitation_app.services import cases as case_service
from visitation_app.services import meetings as meeting_service

LATER = dt.date.today() + dt.timedelta(days=6 * 366)


@pytest.fixture(autouse=True)
def _no_logging_left_behind():
    yield
    stop_logging()


@pytest.fixture
def case_id(db) -> int:
    db.actor = "Mette Skov"
    meeting = meeting_service.create_meeting(
        db, title="Møde", area="elderly", meeting_date=dt.date.today(), start_time=dt.time(9)
    )
    case = case_service.create_case(
        db, area="elderly", citizen_name="Anna Ørsted", cpr="010150-1234", summary="Første"
    )
    agenda.add_case_item(db, meeting.id, case.id)
    case_service.update_case(db, case.id, summary="Anden udgave af resuméet")
    return case.id


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_audit_prints_the_trail_as_a_table(capsys, db_path, case_id):
    status, out, err = run(capsys, "audit", str(case_id), "--db", str(db_path))
    assert status == 0, err
    assert out.startswith(f"Historik for sag {case_id}: Anna Ørsted")
    assert "Tidspunkt" in out and "Før" in out and "Efter" in out
    assert "Sagsresumé" in out and "Anden udgave af resuméet" in out and "Første" in out
    assert "010150-xxxx" in out and "010150-1234" not in out
    assert "Mette Skov" in out


def test_audit_saves_the_trail_as_a_pdf(capsys, db_path, tmp_path, case_id):
    target = tmp_path / "historik.pdf"
    status, out, err = run(capsys, "audit", str(case_id), "--db", str(db_path), "-o", str(target))
    assert status == 0, err
    assert str(target) in out
    reader = PdfReader(io.BytesIO(target.read_bytes()))
    assert "Revisionsspor" in reader.pages[0].extract_text()


def test_audit_of_an_unknown_case_is_one_sentence(capsys, db_path, db):
    status, out, err = run(capsys, "audit", "77", "--db", str(db_path))
    assert status == 1
    assert "Der er ingen sag med id 77" in err and "Traceback" not in err


def test_retention_lists_who_is_due(capsys, db_path, case_id, monkeypatch):
    status, out, _err = run(capsys, "retention", "--db", str(db_path))
    assert status == 0 and "Ingen borgeres data skal slettes i dag" in out
    monkeypatch.setattr(cli_audit, "today", lambda: LATER)
    status, out, _err = run(capsys, "retention", "--db", str(db_path), "--years", "5")
    assert status == 0
    assert "Anna Ørsted" in out and "010150-xxxx" in out and "delete-citizen" in out
    status, out, _err = run(capsys, "retention", "--db", str(db_path), "--years", "10")
    assert "Ingen borgeres data" in out


def test_delete_citizen_refuses_a_case_not_yet_due(capsys, db_path, case_id):
    status, out, err = run(
        capsys, "delete-citizen", str(case_id), "--db", str(db_path), "--reason", "Udløbet"
    )
    assert status == 1
    due = dt.date.today() + dt.timedelta(days=1)
    assert "kan ikke slettes endnu" in err and str(due.year + 5) in err


def test_delete_citizen_deletes_and_reports(capsys, db_path, case_id, monkeypatch):
    monkeypatch.setattr(cli_audit, "today", lambda: LATER)
    status, out, err = run(
        capsys, "delete-citizen", str(case_id), "--db", str(db_path), "--reason", "Udløbet"
    )
    assert status == 0, err
    assert "Data om 1 borger er slettet: 1 sag" in out
    assert "Sletningen er registreret som nummer 1" in out
    status, out, err = run(capsys, "audit", str(case_id), "--db", str(db_path))
    assert status == 1 and "opbevaringsperioden" in err


def test_delete_citizen_needs_a_reason(capsys, db_path, case_id):
    status, _out, err = run(capsys, "delete-citizen", str(case_id), "--db", str(db_path))
    assert status == 2 and "--reason" in err


@pytest.mark.parametrize("command", ["audit", "retention", "delete-citizen"])
def test_the_commands_have_help(capsys, command):
    status, out, _err = run(capsys, command, "--help")
    assert status == 0 and f"visitation-app {command}" in out and "--db" in out
