"""The decision letter (afgørelsesbrev), read back from the PDF as the citizen and the chair
would read it, and the `letter` and `decisions` commands."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import subprocess
import sys

import pytest
from pypdf import PdfReader
from test_cli import assert_one_sentence, child_env
from test_documents import body_text, squeezed, text_of

from visitation_app.__main__ import main
from visitation_app.domain.deadlines import complaint_deadline
from visitation_app.domain.errors import NotFoundError, UserError
from visitation_app.i18n import set_language
from visitation_app.logging_setup import stop_logging
from visitation_app.services import agenda, cases, decisions, meetings
from visitation_app.services.letters import (
    decision_letter,
    decision_letter_pdf,
    export_decision_letter,
    list_decisions,
)

# A Friday: four weeks later is New Year's Day 2027 (a public holiday, a Friday), so the last
# day to complain moves past the holiday and the weekend to Monday 4 January 2027.
MEETING_DAY = dt.date(2026, 12, 4)
DEADLINE = "4. januar 2027"
FULL_CPR = "010190-1234"
JUSTIFICATION = (
    "Efter Serviceloven § 85 har udvalget lagt vægt på bostøttens faglige vurdering: "
    "tre timer om ugen dækker behovet for støtte til at strukturere hverdagen."
)


@pytest.fixture(autouse=True)
def _decisions_made_final_on_the_meeting_day(monkeypatch):
    """Decisions become final on the meeting day, whatever day the tests run."""
    moment = dt.datetime.combine(MEETING_DAY, dt.time(11), tzinfo=dt.UTC)
    monkeypatch.setattr(decisions, "utc_now", lambda: moment)


@pytest.fixture(autouse=True)
def _no_logging_left_behind():
    yield
    stop_logging()


def make_decision(
    db, *, area: str = "adult_disability", day: dt.date = MEETING_DAY, **fields
) -> tuple[int, int]:
    """A meeting with one case and a decision on it: (item id, decision id)."""
    meeting = meetings.create_meeting(
        db,
        title="Visitationsudvalget Voksen og Handicap, uge 49",
        area=area,
        meeting_date=day,
        start_time=dt.time(9, 0),
        chair_name="Anne-Marie Holm",
    )
    case = cases.create_case(
        db,
        area=area,
        citizen_name="Søren Æblegård-Øster",
        reference="2026-0142",
        cpr=FULL_CPR,
        applied_for="Socialpædagogisk bistand 6 timer om ugen",
        case_worker="José Müller",
        contact="tlf. 72 36 12 34",
        received_on=dt.date(2026, 11, 2),
    )
    item = agenda.add_case_item(db, meeting.id, case.id)
    decision = decisions.save_decision(db, item.id, **fields)
    return item.id, decision.id


def partly_granted(db, **changes) -> tuple[int, int]:
    fields = {
        "outcome": "partly_granted",
        "service": "Socialpædagogisk bistand",
        "extent": "3 timer om ugen",
        "legal_basis_key": "SEL-85",
        "justification": JUSTIFICATION,
        "valid_from": dt.date(2027, 1, 11),
        "review_date": dt.date(2027, 6, 30),
        "consultation": "done",
        "consulted_on": dt.date(2026, 11, 20),
    }
    return make_decision(db, **{**fields, **changes})


def squeezed_spaces(text: str) -> str:
    """Line breaks as spaces, to find a sentence the layout wrapped."""
    return re.sub(r"\s+", " ", text)


# --- what the letter says ---------------------------------------------------------------


def test_partly_granted_letter_says_what_the_law_requires(db):
    _item, decision_id = partly_granted(db)
    pdf = decision_letter_pdf(db, decision_id)
    text = squeezed_spaces(text_of(pdf))
    flat = squeezed(text)
    # Who it is to, in full: the letter is the one place the whole CPR number is printed.
    assert "Søren Æblegård-Øster" in text
    assert FULL_CPR in text and "xxxx" not in text
    assert "2026-0142" in text
    # What was applied for, and the decision in plain words.
    assert "Afgørelse om socialpædagogisk bistand 6 timer om ugen" in text
    assert "Du har søgt om" in text
    assert "Du får delvist bevilget" in text
    assert "3 timer om ugen" in text
    assert "11. januar 2027" in text and "30. juni 2027" in text
    # Reasons with the legal basis cited as the law is named.
    assert "Begrundelse" in text
    assert "Afgørelsen er truffet efter Serviceloven § 85." in text
    assert squeezed(JUSTIFICATION) in flat
    assert "20. november 2026" in text and "Forvaltningsloven § 19" in text
    # The complaint guidance, with the deadline moved past New Year's Day and the weekend.
    assert complaint_deadline(MEETING_DAY) == dt.date(2027, 1, 4)
    assert "Klagevejledning" in text
    assert f"Klagefrist: {DEADLINE}" in text
    assert not re.search(r"(?<!\d)1\. januar 2027", text)  # not New Year's Day
    assert "Klagen sendes til kommunen, som genvurderer afgørelsen" in text
    # Whom to ask, and who signs.
    assert "José Müller" in text and "tlf. 72 36 12 34" in text
    assert "Med venlig hilsen" in text
    assert "Side 1 af 1" in text


def test_a_decision_not_yet_final_is_a_draft_on_every_page(db):
    _item, decision_id = partly_granted(db, justification=JUSTIFICATION + "\n" + "Tekst. " * 1500)
    pdf = decision_letter_pdf(db, decision_id)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) > 1
    for page in reader.pages:
        assert "UDKAST" in page.extract_text()
    assert "Brevet må ikke sendes til borgeren" in squeezed_spaces(text_of(pdf))
    assert reader.metadata.title.startswith("UDKAST")


def test_a_final_decision_has_no_draft_mark_and_renders_the_same_twice(db):
    item_id, decision_id = partly_granted(db)
    decisions.finalise_decision(db, item_id)
    pdf = decision_letter_pdf(db, decision_id)
    text = text_of(pdf)
    assert "UDKAST" not in text
    title = PdfReader(io.BytesIO(pdf)).metadata.title
    assert "UDKAST" not in title
    assert title == "Afgørelse om socialpædagogisk bistand 6 timer om ugen – Søren Æblegård-Øster"
    assert decision_letter_pdf(db, decision_id) == pdf
    # Dated the day it became final, never before the meeting.
    letter = decision_letter(db, decision_id)
    assert letter.is_final
    assert letter.letter_date >= MEETING_DAY


def test_a_letter_sent_weeks_after_the_meeting_counts_the_complaint_period_from_its_date(db):
    from visitation_app.domain.deadlines import complaint_deadline
    from visitation_app.formatting import format_date_long

    earlier = dt.date.today() - dt.timedelta(days=40)
    item_id, decision_id = partly_granted(db, consulted_on=earlier - dt.timedelta(days=3))
    with db.session() as session:  # the meeting was held 40 days ago
        from visitation_app.store.models import AgendaItem, Meeting

        meeting = session.get(Meeting, session.get(AgendaItem, item_id).meeting_id)
        meeting.meeting_date = earlier
        session.add(meeting)
    decisions.finalise_decision(db, item_id)
    letter = decision_letter(db, decision_id)
    assert letter.letter_date > earlier
    expected = complaint_deadline(letter.letter_date)
    assert letter.guidance.deadline == expected
    assert letter.guidance.deadline > complaint_deadline(earlier)
    text = squeezed_spaces(text_of(decision_letter_pdf(db, decision_id)))
    assert f"Klagefrist: {format_date_long(expected)}" in text


def test_changing_a_final_decision_makes_the_letter_a_draft_again(db):
    item_id, decision_id = partly_granted(db)
    decisions.finalise_decision(db, item_id)
    decisions.save_decision(db, item_id, extent="4 timer om ugen")
    text = text_of(decision_letter_pdf(db, decision_id))
    assert "UDKAST" in text and "4 timer om ugen" in text


def test_a_granted_decision_has_no_complaint_guidance(db):
    _item, decision_id = make_decision(
        db,
        outcome="granted",
        service="Socialpædagogisk bistand",
        legal_basis_key="SEL-85",
        review_date=dt.date(2027, 6, 30),
    )
    text = text_of(decision_letter_pdf(db, decision_id))
    assert "Du får bevilget socialpædagogisk bistand." in text
    assert "Serviceloven § 85" in text
    assert "Klagevejledning" not in text
    assert "Klagefrist" not in text and DEADLINE not in text


def test_childrens_committee_letter_sends_complaints_to_ankestyrelsen_directly(db):
    _item, decision_id = make_decision(
        db,
        area="children",
        outcome="refused",
        legal_basis_key="BL-32-36",
        justification="Efter Barnets Lov § 32 er behovet dækket af den forebyggende indsats.",
    )
    text = squeezed_spaces(text_of(decision_letter_pdf(db, decision_id)))
    assert "Du får afslag på din ansøgning." in text
    assert "Barnets Lov §§ 32–36" in text
    assert f"Klagefrist: {DEADLINE}" in text
    assert "direkte til Ankestyrelsen" in text
    assert "genvurderer afgørelsen" not in text
    assert "Børne- og ungeudvalget behandlede din sag" in text


def test_a_postponed_case_says_what_is_missing_and_by_when(db):
    _item, decision_id = make_decision(
        db,
        outcome="postponed",
        missing_information="Lægeerklæring fra egen læge.",
        missing_by=dt.date(2027, 1, 15),
    )
    text = squeezed_spaces(text_of(decision_letter_pdf(db, decision_id)))
    assert "Udvalget har udsat afgørelsen af din sag." in text
    assert "Oplysninger, der mangler" in text
    assert "Lægeerklæring fra egen læge." in text
    assert "senest den 15. januar 2027" in text
    # A postponement decides nothing yet, so there is nothing to complain about.
    assert "Klagevejledning" not in text


def test_a_long_justification_flows_over_pages(db):
    sentence = "Udvalget har lagt vægt på bostøttens beskrivelse af hverdagen. "
    long_text = "BEGYNDELSE " + sentence * 160 + "SLUTNING"
    assert len(long_text) > 10_000
    item_id, decision_id = partly_granted(db, justification=f"Efter § 85: {long_text}")
    decisions.finalise_decision(db, item_id)
    pdf = decision_letter_pdf(db, decision_id)
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]
    assert len(pages) >= 3
    # Every word of it, in order, between the page headers and footers.
    assert squeezed(long_text) in squeezed(body_text(pdf))
    # Everything after the reasons still follows, and every page is numbered.
    assert f"Klagefrist: {DEADLINE}" in pages[-1]
    assert "Med venlig hilsen" in pages[-1]
    for number, page in enumerate(pages, start=1):
        assert f"Side {number} af {len(pages)}" in page


def test_markup_in_user_text_prints_as_typed(db):
    _item, decision_id = partly_granted(
        db, justification="Efter § 85 <b>ikke</b> mere end 3 timer & ikke <i>flere</i>."
    )
    text = text_of(decision_letter_pdf(db, decision_id))
    assert "<b>ikke</b> mere end 3 timer & ikke <i>flere</i>" in text


def test_the_letter_in_english(db):
    _item, decision_id = partly_granted(db)
    set_language("en")
    text = squeezed_spaces(text_of(decision_letter_pdf(db, decision_id)))
    assert "Decision on socialpædagogisk bistand 6 timer om ugen" in text
    assert "Last day to complain: 4 January 2027" in text
    assert "Yours sincerely" in text


# --- the services -----------------------------------------------------------------------


def test_unknown_decision_and_decision_without_outcome(db, tmp_path):
    with pytest.raises(NotFoundError, match="999"):
        decision_letter_pdf(db, 999)
    _item, decision_id = make_decision(db, service="Socialpædagogisk bistand")
    with pytest.raises(UserError, match="endnu ikke besluttet"):
        decision_letter_pdf(db, decision_id)
    target = tmp_path / "brev.pdf"
    with pytest.raises(UserError):
        export_decision_letter(db, decision_id, target)
    assert not target.exists()


def test_export_writes_the_whole_file(db, tmp_path):
    _item, decision_id = partly_granted(db)
    folder = tmp_path / "breve"
    folder.mkdir()
    target = folder / "brev.pdf"
    assert export_decision_letter(db, decision_id, target) == target
    assert FULL_CPR in text_of(target.read_bytes())
    assert [p.name for p in folder.iterdir()] == ["brev.pdf"]


def test_list_decisions(db):
    item_id, first = partly_granted(db)
    decisions.finalise_decision(db, item_id)
    _other_item, second = make_decision(db, day=dt.date(2026, 12, 11), outcome="refused")
    rows = list_decisions(db)
    # The newest meeting first.
    assert [row.decision_id for row in rows] == [second, first]
    newest, oldest = rows
    assert (oldest.outcome, oldest.final, oldest.complete) == ("partly_granted", True, True)
    assert (newest.outcome, newest.final, newest.complete) == ("refused", False, False)
    assert oldest.item_number == 1 and oldest.citizen_name == "Søren Æblegård-Øster"
    assert oldest.meeting_date == MEETING_DAY
    only = list_decisions(db, meeting_id=oldest.meeting_id)
    assert [row.decision_id for row in only] == [first]
    with pytest.raises(NotFoundError):
        list_decisions(db, meeting_id=999)


# --- the command line -------------------------------------------------------------------


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_letter_command_writes_the_letter(capsys, db, db_path, tmp_path):
    _item, decision_id = partly_granted(db)
    target = tmp_path / "afgoerelse.pdf"
    status, out, err = run(
        capsys, "letter", str(decision_id), "--db", str(db_path), "-o", str(target)
    )
    assert status == 0, err
    assert str(target) in out
    assert "udkast" in out.lower()  # the decision is not final: the user is told
    text = text_of(target.read_bytes())
    assert "Serviceloven § 85" in text and DEADLINE in text


def test_letter_command_in_a_real_process(db, db_path, tmp_path):
    item_id, decision_id = partly_granted(db)
    decisions.finalise_decision(db, item_id)
    target = tmp_path / "afgoerelse.pdf"
    result = subprocess.run(
        [sys.executable, "-m", "visitation_app", "letter", str(decision_id),
         "--db", str(db_path), "-o", str(target)],
        capture_output=True, text=True, env=child_env(tmp_path / "home"), timeout=120,
        stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "udkast" not in result.stdout.lower()
    text = text_of(target.read_bytes())
    assert "UDKAST" not in text and FULL_CPR in text


@pytest.mark.parametrize(
    ("argv", "code"),
    [
        (["letter", "999"], 1),  # no such decision
        (["letter", "abc"], 2),  # not an id
        (["letter", "0"], 2),
        (["letter"], 2),  # no id
    ],
)
def test_letter_command_errors_leave_no_file(capsys, db, db_path, tmp_path, argv, code):
    partly_granted(db)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    target = out_dir / "brev.pdf"
    status, _out, err = run(capsys, *argv, "--db", str(db_path), "-o", str(target))
    assert status == code
    assert_one_sentence(err)
    assert list(out_dir.iterdir()) == []


def test_letter_command_without_outcome_or_output(capsys, db, db_path, tmp_path):
    _item, decision_id = make_decision(db, extent="3 timer")
    target = tmp_path / "brev.pdf"
    status, _out, err = run(
        capsys, "letter", str(decision_id), "--db", str(db_path), "-o", str(target)
    )
    assert status == 1
    assert_one_sentence(err)
    assert "endnu ikke besluttet" in err
    assert not target.exists()
    status, _out, err = run(capsys, "letter", str(decision_id), "--db", str(db_path))
    assert status == 2
    assert "-o" in err


def test_decisions_command_lists_the_ids(capsys, db, db_path):
    item_id, first = partly_granted(db)
    decisions.finalise_decision(db, item_id)
    _item, second = make_decision(db, day=dt.date(2026, 12, 11), outcome="refused")
    status, out, err = run(capsys, "decisions", "--db", str(db_path), "--json")
    assert status == 0, err
    listed = json.loads(out)
    assert [row["id"] for row in listed] == [second, first]
    oldest = listed[1]
    assert oldest["outcome"] == "partly_granted"
    assert oldest["outcome_label"] == "Delvist bevilget"
    assert oldest["final"] is True and oldest["complete"] is True
    assert oldest["citizen"] == "Søren Æblegård-Øster"
    assert oldest["meeting_date"] == "2026-12-04"
    assert oldest["item"] == 1

    status, out, _err = run(capsys, "decisions", "--db", str(db_path))
    assert status == 0
    lines = out.splitlines()
    assert lines[0].split()[:3] == ["Id", "Møde", "Dato"]
    assert lines[2].split()[0] == str(second) and "Afslag" in lines[2]
    assert "Delvist bevilget" in lines[3] and "04.12.2026" in lines[3]

    meeting_id = oldest["meeting_id"]
    status, out, _err = run(
        capsys, "decisions", "--db", str(db_path), "--meeting", str(meeting_id), "--json"
    )
    assert [row["id"] for row in json.loads(out)] == [first]

    status, out, _err = run(capsys, "meetings", "--db", str(db_path), "--json")
    by_meeting = {m["id"]: m["decisions"] for m in json.loads(out)}
    assert by_meeting[meeting_id] == [first]


def test_decisions_command_unknown_meeting_and_empty_database(capsys, db, db_path):
    status, _out, err = run(capsys, "decisions", "--db", str(db_path), "--meeting", "999")
    assert status == 1
    assert_one_sentence(err)
    assert "999" in err
    status, out, _err = run(capsys, "decisions", "--db", str(db_path))
    assert status == 0
    assert "ingen afgørelser" in out
    status, out, _err = run(capsys, "decisions", "--db", str(db_path), "--json")
    assert json.loads(out) == []


@pytest.mark.parametrize("command", ["letter", "decisions"])
def test_the_new_commands_have_help(capsys, command):
    status, out, _err = run(capsys, command, "--help")
    assert status == 0
    assert f"visitation-app {command}" in out
    assert "--db" in out


def test_an_application_of_several_lines_is_quoted_under_its_own_heading(db):
    item_id, decision_id = partly_granted(db)
    letter = decision_letter(db, decision_id)
    cases.update_case(
        db, letter.case.id, applied_for="Bostøtte\nAnsøgning fra borgeren efter udflytning."
    )
    text = squeezed_spaces(text_of(decision_letter_pdf(db, decision_id)))
    # The heading names the service instead, and the application is quoted as written.
    assert "Afgørelse om socialpædagogisk bistand" in text
    assert "Du har søgt om Bostøtte Ansøgning fra borgeren efter udflytning." in text


def test_commands_warn_when_the_municipality_catalog_is_rejected(capsys, db, db_path, tmp_path):
    from visitation_app.catalog import load_catalog
    from visitation_app.services import legal

    (tmp_path / "processing_deadlines.json").write_text(
        '[{"key": "a", "name": "A", "area": "elderly", "days": 14, "colour": "red"}]',
        encoding="utf-8",
    )
    legal.use_catalog(load_catalog(tmp_path))
    try:
        code, out, err = run(capsys, "decisions", "--db", str(db_path))
    finally:
        legal.use_catalog(None)
    assert code == 0
    assert "kommunens katalogfil har fejl" in err
    assert "processing_deadlines.json" in err and 'Ukendt felt "colour"' in err


def test_a_service_stopped_at_review_says_so_with_complaint_guidance(db):
    item_id, decision_id = partly_granted(db, outcome="stopped_or_changed", service="")
    text = squeezed_spaces(text_of(decision_letter_pdf(db, decision_id)))
    assert "Din hjælp ophører." in text
    assert f"Klagefrist: {DEADLINE}" in text
    assert "Ophørt/ændret" in text
