"""The budget in the minutes, the budget report (PDF and CSV) and the `budget` command.

The data are made through the services, as the chair makes them; the figures are read
back from the documents as a reader sees them and must agree to the øre with the budget
panel's `meeting_budget`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader

from visitation_app.__main__ import main
from visitation_app.documents.budget_report import budget_report_csv, render_budget_report
from visitation_app.domain.errors import ValidationError
from visitation_app.domain.extent_words import extent_phrase
from visitation_app.formatting import format_money
from visitation_app.i18n import set_language
from visitation_app.logging_setup import stop_logging
from visitation_app.services import agenda, budget, cases, decisions, meetings
from visitation_app.services.budget_report import budget_report, export_budget_report
from visitation_app.services.dossier import load_dossier
from visitation_app.services.minutes import approve_minutes, minutes_pdf

ROOT = Path(__file__).resolve().parent.parent
DAY = dt.date(2026, 7, 1)  # 184 days of 365 left of 2026
# Practical help costs 444,00 kr. an hour in 2026; meal service 99,50 kr. a day; a
# rollator 1.435,00 kr. once.
BO_THIS_YEAR = 2_909_721  # 2,5 h × 444 kr. × 52 = 57.720 kr.; × 184/365 = 29.097,205 -> ,21


@pytest.fixture(autouse=True)
def _no_logging_left_behind():
    yield
    stop_logging()


def meeting_on(db, day: dt.date, area: str = "elderly"):
    return meetings.create_meeting(
        db, title="Visitationsudvalget – ældre", area=area, meeting_date=day,
        start_time=dt.time(9),
    )  # fmt: skip


def decide(db, meeting, name: str, cpr: str, **fields):
    case = cases.create_case(
        db, area=meeting.area, citizen_name=name, cpr=cpr, applied_for="Praktisk hjælp"
    )
    item = agenda.add_case_item(db, meeting.id, case.id)
    decisions.save_decision(db, item.id, **fields)
    return item


def help_hours(hours: str, **extra):
    return {
        "outcome": "granted", "tariff_key": "practical_help", "extent_quantity": hours,
        "extent_frequency": "per_week", "valid_from": DAY, **extra,
    }  # fmt: skip


@pytest.fixture
def year(db):
    """An earlier meeting in March and the meeting of 1 July 2026 with six decisions."""
    earlier = meeting_on(db, dt.date(2026, 3, 2))
    decide(db, earlier, "Åse Ørum", "010150-1234",
           **help_hours("1", valid_from=dt.date(2026, 3, 2)))  # fmt: skip
    meeting = meeting_on(db, DAY)
    decide(db, meeting, "Bo Ærenlund", "020250-1234",
           **help_hours("2,5", provider_unit="Hjemmeplejen Nord"))  # fmt: skip
    decide(db, meeting, "Carl Holm", "030350-1234", **help_hours("1", previous_quantity="3"))
    decide(db, meeting, "Dorte Berg", "040450-1234", outcome="granted",
           tariff_key="meal_service", extent_quantity="7", extent_frequency="per_week",
           valid_from=DAY, cost_override_ore=3_000_000,
           cost_override_reason="=Aftalt pris med leverandøren.")  # fmt: skip
    decide(db, meeting, "Erik Lund", "050550-1234", outcome="granted",
           tariff_key="aid_rollator", extent_quantity="1", extent_frequency="once",
           valid_from=DAY)  # fmt: skip
    decide(db, meeting, "Frida Kjær", "060650-1234", outcome="refused",
           tariff_key="practical_help", extent_quantity="0", extent_frequency="per_week",
           previous_quantity="2", valid_from=DAY)  # fmt: skip
    decide(db, meeting, "Gert Nygaard", "070750-1234",
           **help_hours("1", valid_from=dt.date(2027, 1, 1)))  # fmt: skip
    return meeting


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def csv_rows(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM, for Excel
    return list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline=""), delimiter=";"))


def kroner(text: str) -> int:
    """Øre from a CSV amount: '29097,21' (no thousands separator, decimal comma)."""
    assert "." not in text and " " not in text, text
    return int(Decimal(text.replace(",", ".")) * 100)


# --- the figures agree everywhere ---------------------------------------------------------


def test_panel_minutes_report_and_csv_agree_to_the_ore(db, year):
    budget.set_frame(db, "elderly", 2026, 10_000_000)
    status = budget.meeting_budget(db, year.id)
    report = budget_report(db, "elderly", 2026)
    items = load_dossier(db, year.id).items

    # The report adds up what the panel adds up.
    assert report.committed_ore == status.committed_ore == report.this_year_ore
    assert report.left_ore == status.left_ore == 10_000_000 - status.committed_ore
    this_meeting = [line for line in report.lines if line.meeting_id == year.id]
    assert sum(line.this_year_ore for line in this_meeting) == status.this_meeting_ore
    # Gert's decision takes effect in 2027: it is not in the 2026 report.
    names = "Åse Ørum, Bo Ærenlund, Carl Holm, Dorte Berg, Erik Lund, Frida Kjær"
    assert [line.citizen_name for line in report.lines] == names.split(", ")
    assert report.lines[1].this_year_ore == BO_THIS_YEAR == items[0].cost.this_year_ore

    minutes = pdf_text(minutes_pdf(db, year.id))
    for ore in (status.this_meeting_ore, status.committed_ore, status.left_ore, 10_000_000):
        assert format_money(ore) in minutes
    for item in items[:-1]:  # every decision's part of 2026, as the minutes print it
        assert format_money(item.cost.this_year_ore) in minutes
    assert "Budget 2026" in minutes and "Mødets afgørelser i 2026" in minutes

    report_pdf = pdf_text(render_budget_report(report))
    for line in report.lines:
        assert format_money(line.this_year_ore) in report_pdf
        assert format_money(line.full_year_ore) in report_pdf
    assert format_money(status.committed_ore) in report_pdf
    assert format_money(status.left_ore) in report_pdf

    rows = csv_rows(budget_report_csv(report))
    header, lines = rows[0], rows[1:]
    this_year = [kroner(row[header.index("Ændring i 2026 (kr.)")]) for row in lines]
    full_year = [kroner(row[header.index("Helårsvirkning (kr.)")]) for row in lines]
    assert this_year == [line.this_year_ore for line in report.lines]
    assert sum(this_year) == status.committed_ore
    assert full_year == [line.full_year_ore for line in report.lines]


def test_minutes_print_each_decisions_economy(db, year):
    text = pdf_text(minutes_pdf(db, year.id))
    assert "Praktisk hjælp (hjemmehjælp), 444,00 kr. pr. time" in text
    assert "2,5 timer om ugen" in text
    assert "Hjemmeplejen Nord" in text
    assert "57.720,00 kr. (1.110,00 kr. om ugen)" in text  # Bo's full-year effect
    assert "29.097,21 kr. fra 1. juli 2026" in text
    # Carl: from 3 to 1 hour a week, a negative change.
    assert "Tidligere omfang" in text and "3 timer om ugen" in text
    assert "-46.176,00 kr. (ændring i forhold til tidligere omfang)" in text
    # Dorte: an amount set by hand, beside what the tariff gives, with the reason.
    assert "30.000,00 kr. (576,92 kr. om ugen) – fastsat manuelt" in text
    assert "36.218,00 kr." in text  # 7 × 99,50 kr. × 52
    assert "=Aftalt pris med leverandøren." in text
    assert "1.435,00 kr." in text  # the rollator, once
    # Gert's decision counts in 2027, not in this meeting's 2026.
    assert "tæller i 2027" in text
    assert "Afgørelser med virkning i 2027 tæller i det års budget" in text


def test_approved_minutes_keep_the_budget_of_the_approval(db, year):
    budget.set_frame(db, "elderly", 2026, 10_000_000)
    status = budget.meeting_budget(db, year.id)
    for item in load_dossier(db, year.id).items:
        decisions.finalise_decision(db, item.id, override_reason="Afgjort på mødet.")
    approve_minutes(db, year.id, by="Anne-Marie Holm")
    approved = minutes_pdf(db, year.id)
    text = pdf_text(approved)
    assert "Referat – UDKAST" not in text
    assert format_money(status.committed_ore) in text
    # A later meeting's decisions do not change what was approved.
    decide(db, meeting_on(db, dt.date(2026, 9, 1)), "Hans Ravn", "", **help_hours("4"))
    assert minutes_pdf(db, year.id) == approved
    assert budget.meeting_budget(db, year.id).committed_ore > status.committed_ore


# --- the frame ------------------------------------------------------------------------------


def test_going_over_the_frame_is_marked_and_staying_under_is_not(db, year):
    budget.set_frame(db, "elderly", 2026, 1_000_000)
    status = budget.meeting_budget(db, year.id)
    over_by = format_money(status.committed_ore - 1_000_000)
    minutes = pdf_text(minutes_pdf(db, year.id))
    report = pdf_text(render_budget_report(budget_report(db, "elderly", 2026)))
    for text in (minutes, report):
        assert f"OVER RAMMEN med {over_by}" in text
        assert "– over rammen" in text

    budget.set_frame(db, "elderly", 2026, 100_000_000)
    for text in (
        pdf_text(minutes_pdf(db, year.id)),
        pdf_text(render_budget_report(budget_report(db, "elderly", 2026))),
    ):
        assert "OVER RAMMEN" not in text and "over rammen" not in text
        assert format_money(100_000_000 - status.committed_ore) in text


def test_without_a_frame_the_documents_say_so(db, year):
    minutes = pdf_text(minutes_pdf(db, year.id))
    report = pdf_text(render_budget_report(budget_report(db, "elderly", 2026)))
    for text in (minutes, report):
        assert "Ingen ramme sat" in text
        assert "Tilbage af rammen" not in text


# --- the report -----------------------------------------------------------------------------


def test_the_report_is_landscape_and_a_later_year_has_its_own_decisions(db, year):
    pdf = render_budget_report(budget_report(db, "elderly", 2026))
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    assert page.mediabox.width > page.mediabox.height
    text = pdf_text(pdf)
    assert "Budgetrapport" in text and "Ældre – budgetår 2026" in text
    assert "010150-xxxx" in text and "010150-1234" not in text
    later = budget_report(db, "elderly", 2027)
    assert [line.citizen_name for line in later.lines] == ["Gert Nygaard"]
    assert later.committed_ore == later.lines[0].this_year_ore == 2_308_800  # a whole year


def test_an_area_without_decisions_gives_an_empty_report(db, year):
    report = budget_report(db, "children", 2026)
    assert report.lines == () and report.committed_ore == 0
    assert "Ingen afgørelser fra områdets møder har virkning i 2026." in pdf_text(
        render_budget_report(report)
    )
    assert len(csv_rows(budget_report_csv(report))) == 1  # the header row alone


def test_the_csv_is_for_danish_excel(db, year):
    data = budget_report_csv(budget_report(db, "elderly", 2026))
    assert b"\r\n" in data
    header, *lines = csv_rows(data)
    assert header[:6] == ["Mødedato", "Punkt", "Afgørelses-id", "Borger", "CPR-nr.", "Ydelse"]
    bo = dict(zip(header, lines[1], strict=True))
    assert bo["Mødedato"] == "2026-07-01" and bo["Virkning fra"] == "2026-07-01"
    assert bo["CPR-nr."] == "020250-xxxx"
    assert bo["Pris (kr.)"] == "444,00"
    assert bo["Antal"] == "2,5" and bo["Hyppighed"] == "om ugen"
    assert bo["Omfang"] == "2,5 timer om ugen"
    assert bo["Ændring i 2026 (kr.)"] == "29097,21"
    assert bo["Helårsvirkning (kr.)"] == "57720,00"
    carl = dict(zip(header, lines[2], strict=True))
    assert carl["Tidligere antal"] == "3" and carl["Helårsvirkning (kr.)"] == "-46176,00"
    dorte = dict(zip(header, lines[3], strict=True))
    assert dorte["Fastsat manuelt"] == "Ja"
    # A text that a spreadsheet would run as a formula is kept as text.
    assert dorte["Begrundelse for beløbet"] == "'=Aftalt pris med leverandøren."


def test_export_chooses_the_format_by_the_file_name(db, year, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    written, _report = export_budget_report(db, "elderly", 2026, folder / "b.PDF")
    assert written.read_bytes().startswith(b"%PDF")
    written, _report = export_budget_report(db, "elderly", 2026, folder / "b.csv")
    assert written.read_bytes().startswith(b"\xef\xbb\xbf")
    with pytest.raises(ValidationError, match=r"\.pdf eller \.csv"):
        export_budget_report(db, "elderly", 2026, folder / "b.xlsx")
    with pytest.raises(ValidationError):
        export_budget_report(db, "mars", 2026, folder / "c.csv")
    with pytest.raises(ValidationError):
        export_budget_report(db, "elderly", 1899, folder / "d.csv")
    assert sorted(path.name for path in folder.iterdir()) == ["b.PDF", "b.csv"]


def test_extents_read_as_said():
    assert extent_phrase(Decimal("2.5"), "hour", "per_week") == "2,5 timer om ugen"
    assert extent_phrase(Decimal("1"), "hour", "per_week") == "1 time om ugen"
    assert extent_phrase(Decimal("7"), "day", "per_week") == "7 dage om ugen"
    assert extent_phrase(Decimal("1"), "month", "per_month") == "hver måned"
    assert extent_phrase(Decimal("1"), "one_off", "once") == "1 stk."
    assert extent_phrase(None, "hour", "per_week") == ""
    set_language("en")
    assert extent_phrase(Decimal("2.5"), "hour", "per_week") == "2.5 hours a week"


# --- the command line -----------------------------------------------------------------------


@pytest.fixture
def framed(db, db_path, year):
    budget.set_frame(db, "elderly", 2026, 1_000_000)
    return db_path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_budget_command_writes_pdf_and_csv(capsys, db, framed, tmp_path):
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    status = budget.meeting_budget(db, budget.year_dossiers(db, "elderly", 2026)[-1].meeting.id)
    code, out, err = run(capsys, "budget", "--db", str(framed), "--area", "elderly",
                         "--year", "2026", "-o", str(out_dir / "budget.pdf"))  # fmt: skip
    assert code == 0, err
    assert "budget.pdf" in out and "OVER rammen" in out
    assert format_money(status.committed_ore) in out
    assert format_money(status.committed_ore) in pdf_text((out_dir / "budget.pdf").read_bytes())
    code, out, err = run(capsys, "budget", "--db", str(framed), "--area", "Ældre",
                         "--year", "2026", "-o", str(out_dir / "budget.csv"))  # fmt: skip
    assert code == 0, err
    rows = csv_rows((out_dir / "budget.csv").read_bytes())
    assert sum(kroner(row[16]) for row in rows[1:]) == status.committed_ore
    assert sorted(path.name for path in out_dir.iterdir()) == ["budget.csv", "budget.pdf"]


@pytest.mark.parametrize(
    ("arguments", "said"),
    [
        (["--area", "mars", "--year", "2026", "-o", "b.pdf"], "mars"),
        (["--area", "elderly", "--year", "tyve", "-o", "b.pdf"], "tyve"),
        (["--area", "elderly", "--year", "1999", "-o", "b.pdf"], "1999"),
        (["--area", "elderly", "--year", "2026", "-o", "b.xlsx"], "b.xlsx"),
        (["--area", "elderly", "--year", "2026"], "-o"),
        (["--area", "elderly", "-o", "b.pdf"], "--area"),
    ],
)
def test_budget_command_mistakes_leave_no_file(capsys, framed, tmp_path, arguments, said):
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    arguments = [str(out_dir / a) if a.startswith("b.") else a for a in arguments]
    code, out, err = run(capsys, "budget", "--db", str(framed), *arguments)
    assert code == 2
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in err, err
    assert said in err
    assert list(out_dir.iterdir()) == []


def test_budget_command_on_a_missing_database_writes_nothing(capsys, tmp_path):
    code, _out, err = run(capsys, "budget", "--db", str(tmp_path / "none.db"), "--area",
                          "elderly", "--year", "2026", "-o", str(tmp_path / "b.pdf"))  # fmt: skip
    assert code == 1 and "none.db" in err
    assert list(tmp_path.iterdir()) == []


def test_budget_command_has_help(capsys):
    code, out, _err = run(capsys, "budget", "--help")
    assert code == 0
    for option in ("--db", "--area", "--year", "-o"):
        assert option in out


def test_budget_command_in_a_real_process(framed, tmp_path, isolated_user_folders):
    target = tmp_path / "rapport.csv"
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(isolated_user_folders),
        "XDG_CONFIG_HOME": str(isolated_user_folders / "config"),
        "XDG_STATE_HOME": str(isolated_user_folders / "state"),
        "XDG_DATA_HOME": str(isolated_user_folders / "data"),
        "XDG_CACHE_HOME": str(isolated_user_folders / "cache"),
        "PYTHONPATH": str(ROOT),
        "VISITATION_APP_LANG": "da",
    }
    result = subprocess.run(
        [sys.executable, "-m", "visitation_app", "budget", "--db", str(framed),
         "--area", "elderly", "--year", "2026", "-o", str(target)],
        capture_output=True, text=True, env=env, timeout=120, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "rapport.csv" in result.stdout
    rows = csv_rows(target.read_bytes())
    assert [row[3] for row in rows[1:3]] == ["Åse Ørum", "Bo Ærenlund"]
