"""Where a CPR number is printed: the agenda, the minutes, the budget report and the
invitation show the birth date only (010150-xxxx) unless whole is asked for; the decision
letter always shows the whole number; the command line prints none in its lists.

Read back from the PDF files as a reader sees them (pypdf), and from the command line's
output.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re

import pytest
from lawful import decide_lawfully
from pypdf import PdfReader
from reportlab.lib.units import mm
from test_documents import text_of

from visitation_app.__main__ import main
from visitation_app.logging_setup import stop_logging
from visitation_app.services import agenda, cases, meetings
from visitation_app.services import minutes as minutes_service
from visitation_app.services.budget_report import budget_report
from visitation_app.services.invitations import invitation_pdf
from visitation_app.services.letters import decision_letter_pdf, list_decisions

DAY = dt.date(2026, 12, 3)
FULL = "010150-1234"
MASKED = "010150-xxxx"
OTHER_FULL = "020260-4321"
OTHER_MASKED = "020260-xxxx"
ANY_SERIAL = re.compile(r"\d{6}-?\d{4}")  # a whole CPR number, with or without the dash


@pytest.fixture(autouse=True)
def _no_logging_left_behind():
    yield
    stop_logging()


@pytest.fixture
def meeting(db) -> dict[str, int]:
    """A meeting with two citizens' cases, each decided as the law requires."""
    meeting = meetings.create_meeting(
        db,
        title="Visitationsudvalget Ældre",
        area="elderly",
        meeting_date=DAY,
        start_time=dt.time(9, 0),
        chair_name="Birgitte Østergaard",
    )
    ids = {"meeting": meeting.id}
    for key, name, cpr in (("karen", "Karen Jensen", FULL), ("bo", "Bo Ærenlund", OTHER_FULL)):
        case = cases.create_case(
            db,
            area="elderly",
            citizen_name=name,
            cpr=cpr,
            reference=f"27.12.04-{key}",
            applied_for="Praktisk hjælp",
            case_worker="Søren Ærø",
        )
        item = agenda.add_case_item(db, meeting.id, case.id)
        decide_lawfully(db, item.id, extent_quantity="2.5", extent_frequency="per_week")
        ids[key] = item.id
    return ids


def flat(pdf: bytes) -> str:
    return " ".join(text_of(pdf).split())


# --- the agenda and the minutes -----------------------------------------------------------


def test_the_agenda_shows_the_birth_date_only_by_default(db, meeting):
    text = flat(minutes_service.agenda_pdf(db, meeting["meeting"]))
    assert MASKED in text and OTHER_MASKED in text
    assert not ANY_SERIAL.search(text)


def test_the_agenda_shows_whole_numbers_when_asked(db, meeting):
    text = flat(minutes_service.agenda_pdf(db, meeting["meeting"], full_cpr=True))
    assert FULL in text and OTHER_FULL in text
    assert "xxxx" not in text


def test_draft_minutes_show_the_birth_date_only_by_default(db, meeting):
    text = flat(minutes_service.minutes_pdf(db, meeting["meeting"]))
    assert "UDKAST" in text
    assert MASKED in text and OTHER_MASKED in text
    assert not ANY_SERIAL.search(text)


def test_draft_minutes_show_whole_numbers_when_asked(db, meeting):
    text = flat(minutes_service.minutes_pdf(db, meeting["meeting"], full_cpr=True))
    assert FULL in text and OTHER_FULL in text
    assert "xxxx" not in text


def test_exported_files_follow_the_choice(db, meeting, tmp_path):
    masked = minutes_service.export_minutes(db, meeting["meeting"], tmp_path / "masked.pdf")
    full = minutes_service.export_agenda(
        db, meeting["meeting"], tmp_path / "full.pdf", full_cpr=True
    )
    assert MASKED in flat(masked.read_bytes()) and FULL not in flat(masked.read_bytes())
    assert FULL in flat(full.read_bytes())


def test_approved_minutes_are_kept_masked_by_default(db, meeting):
    minutes_service.approve_minutes(db, meeting["meeting"], by="Birgitte Østergaard")
    # The approved minutes are printed as approved, whatever is asked for afterwards.
    for full_cpr in (False, True):
        text = flat(minutes_service.minutes_pdf(db, meeting["meeting"], full_cpr=full_cpr))
        assert "UDKAST" not in text
        assert MASKED in text and not ANY_SERIAL.search(text)


def test_minutes_approved_with_whole_numbers_keep_them(db, meeting):
    minutes_service.approve_minutes(db, meeting["meeting"], by="Birgitte Østergaard", full_cpr=True)
    text = flat(minutes_service.minutes_pdf(db, meeting["meeting"]))
    assert FULL in text and OTHER_FULL in text and "xxxx" not in text


# --- letters to the citizen -----------------------------------------------------------------


def test_the_decision_letter_shows_the_whole_number(db, meeting):
    decision = next(row for row in list_decisions(db) if row.item_id == meeting["karen"])
    text = flat(decision_letter_pdf(db, decision.decision_id))
    assert FULL in text and "xxxx" not in text
    assert OTHER_FULL not in text and OTHER_MASKED not in text  # nobody else's


def x_positions(pdf: bytes, text: str) -> list[float]:
    """Where (points from the left edge of the first page) each piece of `text` starts."""
    found: list[float] = []

    def visit(piece, cm, tm, _font, _size):
        if text in piece:  # the text matrix's origin, through the transformation matrix
            found.append(cm[0] * tm[4] + cm[2] * tm[5] + cm[4])

    PdfReader(io.BytesIO(pdf)).pages[0].extract_text(visitor_text=visit)
    return found


def test_the_decision_letter_keeps_the_number_out_of_the_envelope_window(db, meeting):
    """The address on the left (what a window envelope shows) has the name only; the
    number stands with the case's facts on the right half of the page."""
    decision = next(row for row in list_decisions(db) if row.item_id == meeting["karen"])
    pdf = decision_letter_pdf(db, decision.decision_id)
    assert x_positions(pdf, "Karen Jensen")[0] < 30 * mm
    assert x_positions(pdf, FULL) and all(x > 110 * mm for x in x_positions(pdf, FULL))


def test_the_invitation_shows_the_birth_date_only(db, meeting):
    """An invitation needs no whole number: the case number names the case, and the birth
    date is enough for the citizen (and the reception) to see it is theirs."""
    text = flat(invitation_pdf(db, meeting["karen"], today=DAY - dt.timedelta(days=14)))
    assert "Karen Jensen" in text and MASKED in text
    assert not ANY_SERIAL.search(text)
    assert OTHER_MASKED not in text and "Bo Ærenlund" not in text


# --- the budget report --------------------------------------------------------------------


def test_the_budget_report_shows_the_birth_date_only(db, meeting):
    from visitation_app.documents.budget_report import budget_report_csv, render_budget_report

    report = budget_report(db, "elderly", DAY.year)
    text = flat(render_budget_report(report))
    assert MASKED in text and not ANY_SERIAL.search(text)
    csv_text = budget_report_csv(report).decode("utf-8-sig")
    assert MASKED in csv_text and FULL not in csv_text and FULL.replace("-", "") not in csv_text


# --- the command line -----------------------------------------------------------------------


def run(capsys, *argv: str) -> tuple[int, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out + captured.err


def test_the_command_line_lists_print_no_cpr_number(capsys, db, meeting):
    path = str(db.path)
    for argv in (
        ("meetings", "--db", path),
        ("meetings", "--db", path, "--json"),
        ("decisions", "--db", path),
        ("decisions", "--db", path, "--json"),
    ):
        status, out = run(capsys, *argv)
        assert status == 0, out
        assert "Karen Jensen" in out or "Visitationsudvalget" in out
        assert not re.search(r"\d{6}-?(\d{4}|xxxx)", out), argv
    status, out = run(capsys, "decisions", "--db", path, "--json")
    assert all("cpr" not in row for row in json.loads(out))


def test_the_agenda_and_minutes_commands_mask_by_default(capsys, db, meeting, tmp_path):
    for command in ("agenda", "minutes"):
        target = tmp_path / f"{command}.pdf"
        status, out = run(
            capsys, command, str(meeting["meeting"]), "--db", str(db.path), "-o", str(target)
        )
        assert status == 0, out
        text = flat(target.read_bytes())
        assert MASKED in text and not ANY_SERIAL.search(text), command


@pytest.mark.parametrize("command", ["agenda", "minutes"])
def test_the_commands_mask_by_default_and_print_whole_numbers_on_request(
    db, meeting, tmp_path, command
):
    db_file = str(db.path)
    masked, full = tmp_path / "masked.pdf", tmp_path / "full.pdf"
    base = [command, str(meeting["meeting"]), "--db", db_file, "-o"]
    assert main([*base, str(masked)]) == 0
    assert main([*base, str(full), "--full-cpr"]) == 0
    assert MASKED in flat(masked.read_bytes()) and FULL not in flat(masked.read_bytes())
    assert FULL in flat(full.read_bytes()) and "xxxx" not in flat(full.read_bytes())
