"""The invitation to the citizen, read back from the PDF as the citizen would read it, and
the `invitation` command."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest
from test_cli import assert_one_sentence, child_env
from test_documents import text_of

from visitation_app.__main__ import main
from visitation_app.domain.errors import NotFoundError, UserError
from visitation_app.i18n import set_language
from visitation_app.logging_setup import stop_logging
from visitation_app.services import agenda, cases, conflicts, meetings, participants
from visitation_app.services.invitations import (
    export_invitation,
    invitation,
    invitation_pdf,
    next_item_of_case,
)

DAY = dt.date(2026, 12, 3)
BEFORE = dt.date(2026, 11, 20)  # the day the invitation is written
BISIDDER = (
    "Du har ret til at tage en bisidder med til mødet. En bisidder er en person, du selv "
    "vælger, for eksempel et familiemedlem eller en ven, som kan støtte dig og hjælpe dig med "
    "at huske, hvad der blev sagt (forvaltningslovens § 8)."
)


@pytest.fixture(autouse=True)
def _no_logging_left_behind():
    yield
    stop_logging()


def make_meeting(db, *, day: dt.date = DAY, area: str = "elderly", title: str = "") -> int:
    meeting = meetings.create_meeting(
        db,
        title=title or "Visitationsudvalget Ældre og Sundhed",
        area=area,
        meeting_date=day,
        start_time=dt.time(9, 0),
        location="Rådhuset, mødelokale 2",
        chair_name="Birgitte Østergaard",
    )
    return meeting.id


def make_case(db, name: str = "Karen Jensen", area: str = "elderly", **fields) -> int:
    defaults = {
        "cpr": "010140-1234",
        "reference": "27.12.04-G01-1-26",
        "applied_for": "Personlig pleje morgen og aften",
        "case_worker": "Søren Ærø",
        "contact": "tlf. 72 36 12 34",
        "case_type": "personal_care",
    }
    return cases.create_case(db, area=area, citizen_name=name, **{**defaults, **fields}).id


@pytest.fixture
def setting(db):
    """A meeting of two cases: approval of the agenda (5 min), Karen (20 min), Jørgen."""
    meeting_id = make_meeting(db)
    for name, role, organisation in (
        ("Birgitte Østergaard", "chair", "Visitationen"),
        ("Søren Ærø", "case_worker", "Myndighed Ældre"),
        ("Åse Lund", "legal_adviser", ""),
        ("Mads Holm", "finance", "Økonomi"),
        ("Jørgen Ølgaard", "citizen", ""),
        ("Ib Ølgaard", "relative", "Søn af Jørgen Ølgaard"),
        ("Nadia Berg", "advocate", "Bisidder for Jørgen Ølgaard"),
        ("Hanne Friis", "other", "Kontaktperson for Jørgen Ølgaard"),
    ):
        participants.add_participant(
            db, meeting_id, name=name, role=role, organisation=organisation
        )
    agenda.add_standard_item(db, meeting_id, "approve_agenda")
    karen = make_case(db)
    jorgen = make_case(db, "Jørgen Ølgaard", applied_for="El-kørestol", case_type="")
    item = agenda.add_case_item(db, meeting_id, karen).id
    other = agenda.add_case_item(db, meeting_id, jorgen).id
    return {"meeting": meeting_id, "karen": karen, "item": item, "other_item": other}


def flat(pdf: bytes) -> str:
    """The letter's text with line breaks as spaces (to find sentences the layout wrapped)."""
    return " ".join(text_of(pdf).split())


# --- what the invitation says ----------------------------------------------------------


def test_the_invitation_says_when_where_who_and_whom_to_call(db, setting):
    text = flat(invitation_pdf(db, setting["item"], today=BEFORE))
    assert "Invitation til møde om din sag" in text
    assert "Karen Jensen" in text and "010140-xxxx" in text  # birth date only
    assert "010140-1234" not in text
    assert "20. november 2026" in text  # the letter's date
    assert (
        "Visitationsudvalget behandler din ansøgning om personlig pleje morgen og aften på "
        "sit møde torsdag 3. december 2026."
    ) in text
    # Her item is the second: 09:05–09:25 after the approval of the agenda.
    assert "Dag torsdag 3. december 2026" in text
    assert "Tidspunkt kl. 09:05–09:25" in text
    assert "Sted Rådhuset, mødelokale 2" in text
    assert "deltage over telefon eller video" in text
    # Who will be there, in their roles.
    assert "Birgitte Østergaard Mødeleder, Visitationen" in text
    assert "Søren Ærø Sagsbehandler, Myndighed Ældre" in text
    assert "Åse Lund Juridisk konsulent" in text
    assert "Mads Holm Økonomi" in text
    assert BISIDDER in text
    assert "tolk" in text
    assert "Det skal du have med" in text and "Dette brev" in text
    assert (
        "Hvis du har spørgsmål, eller hvis du ikke kan komme, er du velkommen til at kontakte "
        "din sagsbehandler, Søren Ærø: tlf. 72 36 12 34."
    ) in text
    assert "Med venlig hilsen Søren Ærø Sagsbehandler" in text


def test_the_invitation_never_names_another_citizen_or_their_people(db, setting):
    text = flat(invitation_pdf(db, setting["item"], today=BEFORE))
    for name in ("Jørgen", "Ølgaard", "Ib ", "Nadia Berg", "Hanne Friis", "El-kørestol"):
        assert name not in text


def test_someone_disqualified_from_the_item_is_not_named(db, setting):
    aase = next(
        p.id for p in participants.list_participants(db, setting["meeting"]) if p.name == "Åse Lund"
    )
    conflicts.declare_conflict(db, setting["item"], aase, "Nabo til borgeren")
    text = flat(invitation_pdf(db, setting["item"], today=BEFORE))
    assert "Åse Lund" not in text
    assert "Nabo" not in text  # the reason is the committee's, not the letter's
    assert "Søren Ærø Sagsbehandler" in text


def test_the_questions_to_prepare_come_from_the_case_types_guide(db, setting):
    letter = invitation(db, setting["item"], today=BEFORE)
    assert letter.prompts  # the shipped guide for personal care has questions before
    text = flat(invitation_pdf(db, setting["item"], today=BEFORE))
    assert "Sådan kan du forberede dig" in text
    for prompt in letter.prompts:
        assert " ".join(prompt.split()) in text


def test_without_a_guide_a_short_fixed_list_of_questions(db, setting, monkeypatch):
    from visitation_app.catalog.guides import ConversationGuide
    from visitation_app.services import invitations

    monkeypatch.setattr(invitations, "guide_for", lambda *_args: ConversationGuide(key="x"))
    letter = invitation(db, setting["item"], today=BEFORE)
    assert letter.prompts == (
        "Hvad betyder mest for dig?",
        "Hvad fungerer godt i dag?",
        "Hvad er svært for dig?",
        "Hvad vil du gerne kunne selv?",
    )


def test_childrens_invitation_names_the_childs_own_bisidder(db):
    meeting_id = make_meeting(db, area="children", title="Børne- og ungeudvalget")
    case = make_case(
        db, "Liva Mortensen", area="children", applied_for="Familiebehandling", case_type=""
    )
    item = agenda.add_case_item(db, meeting_id, case).id
    text = flat(invitation_pdf(db, item, today=BEFORE))
    assert "Børne- og ungeudvalget behandler ansøgningen om familiebehandling" in text
    assert "(barnets lov § 6)" in text
    assert "(forvaltningslovens § 8)" in text
    assert "Vi giver dig besked om, hvem der deltager i mødet." in text  # none registered


def test_the_invitation_in_english(db, setting):
    set_language("en")
    text = flat(invitation_pdf(db, setting["item"], today=BEFORE))
    assert "Invitation to a meeting about your case" in text
    assert "You have the right to bring a bisidder" in text
    assert "at 09:05–09:25" in text


def test_markup_in_user_text_prints_as_typed(db, setting):
    cases.update_case(db, setting["karen"], contact="<b>mail</b> & tlf.")
    assert "<b>mail</b> & tlf." in flat(invitation_pdf(db, setting["item"], today=BEFORE))


# --- which item, and what is refused ---------------------------------------------------


def test_a_case_is_invited_to_its_next_coming_meeting(db, setting):
    karen = setting["karen"]
    later = make_meeting(db, day=dt.date(2027, 1, 14))
    later_item = agenda.add_case_item(db, later, karen).id
    assert next_item_of_case(db, karen, today=BEFORE) == setting["item"]
    assert next_item_of_case(db, karen, today=dt.date(2026, 12, 4)) == later_item
    meetings.start_meeting(db, setting["meeting"])
    meetings.end_meeting(db, setting["meeting"])  # held: no longer coming
    assert next_item_of_case(db, karen, today=BEFORE) == later_item


def test_a_case_on_no_coming_agenda_is_refused_plainly(db, setting):
    lonely = make_case(db, "Else Kristensen")
    with pytest.raises(UserError, match="Else Kristensen.*ikke på dagsordenen"):
        next_item_of_case(db, lonely, today=BEFORE)
    with pytest.raises(NotFoundError):
        next_item_of_case(db, 999, today=BEFORE)


def test_a_standard_item_or_a_held_meeting_has_no_one_to_invite(db, setting, tmp_path):
    standard = setting["item"] - 1
    with pytest.raises(UserError, match="ikke en sag"):
        invitation(db, standard)
    meetings.start_meeting(db, setting["meeting"])
    meetings.end_meeting(db, setting["meeting"])
    target = tmp_path / "invitation.pdf"
    with pytest.raises(UserError, match="allerede holdt"):
        export_invitation(db, setting["item"], target)
    assert not target.exists()


def test_export_by_case_writes_the_whole_file(db, setting, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    target = out / "invitation.pdf"
    written = export_invitation(db, setting["karen"], target, by_case=True, today=BEFORE)
    assert written == target
    assert "Karen Jensen" in flat(target.read_bytes())
    assert [p.name for p in out.iterdir()] == ["invitation.pdf"]  # no temporary file left


# --- the command line ------------------------------------------------------------------


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def future_setting(db) -> dict[str, int]:
    """A meeting far ahead, so the command (which uses today) finds it coming."""
    meeting_id = make_meeting(db, day=dt.date(2099, 3, 5))
    participants.add_participant(db, meeting_id, name="Birgitte Østergaard", role="chair")
    karen = make_case(db)
    item = agenda.add_case_item(db, meeting_id, karen).id
    return {"meeting": meeting_id, "karen": karen, "item": item}


def test_invitation_command_by_item_and_by_case(capsys, db, db_path, tmp_path):
    ids = future_setting(db)
    target = tmp_path / "invitation.pdf"
    status, out, err = run(
        capsys, "invitation", str(ids["item"]), "--db", str(db_path), "-o", str(target)
    )
    assert status == 0, err
    assert "Karen Jensen" in out and str(target) in out and "5. marts 2099" in out
    assert "Tidspunkt kl. 09:00–09:20" in flat(target.read_bytes())

    by_case = tmp_path / "by_case.pdf"
    status, out, err = run(
        capsys, "invitation", str(ids["karen"]), "--case", "--db", str(db_path),
        "-o", str(by_case),
    )  # fmt: skip
    assert status == 0, err
    assert flat(by_case.read_bytes()) == flat(target.read_bytes())


def test_invitation_command_in_a_real_process(db, db_path, tmp_path):
    ids = future_setting(db)
    target = tmp_path / "invitation.pdf"
    result = subprocess.run(
        [sys.executable, "-m", "visitation_app", "invitation", str(ids["karen"]), "--case",
         "--db", str(db_path), "-o", str(target)],
        capture_output=True, text=True, env=child_env(tmp_path / "home"), timeout=120,
        stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Karen Jensen" in result.stdout
    text = flat(target.read_bytes())
    assert "forvaltningslovens § 8" in text and "Birgitte Østergaard Mødeleder" in text


@pytest.mark.parametrize(
    ("argv", "code", "said"),
    [
        (["invitation", "999"], 1, "999"),  # no such item
        (["invitation", "999", "--case"], 1, "999"),  # no such case
        (["invitation", "STANDARD"], 1, "ikke en sag"),
        (["invitation", "KAREN", "--case"], 1, "ikke på dagsordenen"),  # meeting in the past
        (["invitation", "abc"], 2, "abc"),  # not an id
        (["invitation", "0"], 2, "0"),
        (["invitation"], 2, "--case"),  # no id: says how to give one
        (["invitation", "1", "--item"], 2, "--item"),  # unknown option
    ],
)
def test_invitation_command_errors_leave_no_file(capsys, db, db_path, tmp_path, argv, code, said):
    meeting_id = make_meeting(db, day=dt.date(2020, 1, 9))
    standard = agenda.add_standard_item(db, meeting_id, "approve_agenda").id
    karen = make_case(db)
    agenda.add_case_item(db, meeting_id, karen)
    argv = [
        {"STANDARD": str(standard), "KAREN": str(karen)}.get(argument, argument)
        for argument in argv
    ]
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    target = out_dir / "invitation.pdf"
    status, _out, err = run(capsys, *argv, "--db", str(db_path), "-o", str(target))
    assert status == code
    assert_one_sentence(err)
    assert said in err
    assert list(out_dir.iterdir()) == []


def test_invitation_command_needs_the_output_file_and_has_help(capsys, db, db_path):
    status, _out, err = run(capsys, "invitation", "1", "--db", str(db_path))
    assert status == 2 and "-o" in err
    status, out, _err = run(capsys, "invitation", "--help")
    assert status == 0
    assert "visitation-app invitation" in out and "--case" in out and "--db" in out
