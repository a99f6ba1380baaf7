"""The agenda and minutes PDFs, read back as text the way a reader would see them."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from visitation_app.documents.agenda import render_agenda
from visitation_app.documents.minutes import render_minutes
from visitation_app.documents.text import clean
from visitation_app.domain.agenda import meeting_start, schedule
from visitation_app.domain.records import (
    ActionRecord,
    AgendaItemRecord,
    CaseRecord,
    DecisionRecord,
    EventRecord,
    MeetingDossier,
    MeetingRecord,
    ParticipantRecord,
)
from visitation_app.i18n import set_language

ZONE = "Europe/Copenhagen"
DAY = dt.date(2026, 12, 3)
FULL_CPR = "010190-1234"
CHAIR = "Anne-Marie Holm"


def utc(hour: int, minute: int, day: int = 3) -> dt.datetime:
    return dt.datetime(2026, 12, day, hour, minute, tzinfo=dt.UTC)


def make_dossier(
    *,
    status: str = "held",
    events: tuple[EventRecord, ...] = (),
    notes: str = "Sagen blev drøftet.",
    justification: str = "Udvalget lægger vægt på ergoterapeutens vurdering.",
    action_text: str = "Afgørelsesbrev sendes",
    applied_for: str = "Praktisk hjælp til rengøring",
    extra_items: int = 0,
) -> MeetingDossier:
    """A held meeting: approval of the agenda, two cases, any other business."""
    start = meeting_start(DAY, dt.time(9, 0), ZONE)
    boxes = [5, 25, 20, 5] + [10] * extra_items
    slots = schedule(start, boxes)
    karen = CaseRecord(
        id=1, area="elderly", citizen_name="Søren Æblegård-Øster", reference="2026-0142",
        cpr=FULL_CPR, applied_for=applied_for, legal_paragraph="SEL § 83, stk. 1, nr. 2",
        case_worker="José Müller", received_on=dt.date(2026, 10, 12),
        summary="Borgeren bor alene på 2. sal uden elevator.\nHar KOL.",
        citizen_goals="Vil gerne blive boende i egen bolig.",
    )  # fmt: skip
    zoe = CaseRecord(
        id=2, area="elderly", citizen_name="Zoë Ångström", reference="2026-0150",
        cpr="150338-4321", applied_for="Rehabiliteringsforløb", case_worker="José Müller",
    )  # fmt: skip
    items = [
        AgendaItemRecord(1, 1, "approve_agenda", "Godkendelse af dagsorden", 5, slots[0],
                         notes="Godkendt."),
        AgendaItemRecord(
            2, 2, "case", "Søren Æblegård-Øster: Praktisk hjælp", 25, slots[1], case=karen,
            notes=notes, citizen_participation="represented",
            citizen_represented_by="Ib Jørgensen (søn)",
            citizen_statement="Jeg kan ikke bære støvsugeren op ad trapperne.",
            decision=DecisionRecord(
                id=1, outcome="partly_granted", service="Rengøring", extent="1 time hver 2. uge",
                legal_basis="Ældreloven § 10", justification=justification,
                valid_from=dt.date(2027, 1, 1), review_date=dt.date(2027, 6, 30),
                annual_cost_ore=1_250_000_00,
            ),
            actions=(ActionRecord(1, action_text, "José Müller", dt.date(2026, 12, 10),
                                  agenda_item_id=2),),
        ),
        AgendaItemRecord(
            3, 3, "case", "Zoë Ångström: Rehabiliteringsforløb", 20, slots[2], case=zoe,
            citizen_participation="present",
            decision=DecisionRecord(id=2, outcome="granted", annual_cost_ore=123450),
        ),
        AgendaItemRecord(4, 4, "any_other_business", "Eventuelt", 5, slots[3],
                         actions=(ActionRecord(2, "Budgetopfølgning", "Økonomi", None,
                                               agenda_item_id=4),)),
    ]  # fmt: skip
    for n in range(extra_items):
        items.append(
            AgendaItemRecord(10 + n, 5 + n, "other", f"Orientering {n + 1}", 10, slots[4 + n],
                             notes="Orientering om status. " * 40)
        )  # fmt: skip
    meeting = MeetingRecord(
        id=1, title="Visitationsudvalget – ældre", area="elderly", meeting_date=DAY,
        start_time=dt.time(9, 0), timezone=ZONE, location="Rådhuset, mødelokale 2",
        chair_name=CHAIR, status=status,
    )  # fmt: skip
    participants = (
        ParticipantRecord(1, CHAIR, "chair", "Sundhed og Omsorg", True),
        ParticipantRecord(2, "José Müller", "case_worker", "Visitationen", True),
        ParticipantRecord(3, "Zoë Ångström", "finance", "Økonomi", False),
        ParticipantRecord(4, "Søren Æblegård-Øster", "relative", "", None),
    )
    return MeetingDossier(
        meeting=meeting,
        starts_at=start,
        ends_at=slots[-1].ends_at,
        participants=participants,
        items=tuple(items),
        actions=tuple(action for item in items for action in item.actions),
        events=events,
    )


def pages(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def text_of(pdf: bytes) -> str:
    return "\n".join(pages(pdf))


def body_text(pdf: bytes) -> str:
    """The text of the pages without the header (two texts), footer note and page number.

    The page furniture is drawn before the body, the page number after it.
    """
    return "\n".join("\n".join(page.splitlines()[3:-1]) for page in pages(pdf))


def squeezed(text: str) -> str:
    """Text without any whitespace, to find a long string broken over lines."""
    return re.sub(r"\s+", "", text)


def font_names(pdf: bytes) -> set[str]:
    names = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for font in fonts.values():
            names.add(str(font.get_object()["/BaseFont"]))
    return names


APPROVED = EventRecord("approved", utc(13, 5), CHAIR)
REOPENED = EventRecord(
    "reopened", utc(8, 30, day=4), CHAIR, "Den årlige udgift i punkt 2 var tastet forkert."
)


# The agenda ------------------------------------------------------------------------------


def test_agenda_shows_meeting_items_times_and_preparation():
    text = text_of(render_agenda(make_dossier()))
    assert "Dagsorden" in text
    assert "torsdag 3. december 2026" in text
    assert "Rådhuset, mødelokale 2" in text
    assert CHAIR in text
    assert "09:05–09:30" in text  # the first case's slot
    assert "09:00–09:55" in text  # the whole meeting
    assert "2026-0142" in text
    assert "SEL § 83, stk. 1, nr. 2" in text
    assert "Mødeleder" in text and "Sagsbehandler" in text  # role labels
    # Preparation: the summary and the citizen's own goals, for reading beforehand.
    assert "Borgeren bor alene på 2. sal uden elevator." in text
    assert "Vil gerne blive boende i egen bolig." in text


def test_agenda_masks_the_cpr_number():
    pdf = render_agenda(make_dossier())
    text = text_of(pdf)
    assert "010190-xxxx" in text
    assert FULL_CPR not in text and "0101901234" not in squeezed(text)


def test_agenda_prints_a_long_application_in_full():
    long_text = ("Ansøgningen omfatter hjælp til rengøring, tøjvask og indkøb. " * 400) + "SLUT."
    pdf = render_agenda(make_dossier(applied_for=long_text))
    assert len(pages(pdf)) > 2
    assert "se forberedelsen til punkt 2" in text_of(pdf)  # the table points to it
    assert squeezed(long_text) in squeezed(body_text(pdf))


def test_agenda_application_of_a_few_lines_stays_in_the_table():
    text = "Hjælp til rengøring.\nHjælp til tøjvask hver anden uge.\nINDKØB"
    assert "INDKØB" in text_of(render_agenda(make_dossier(applied_for=text)))


# The minutes -----------------------------------------------------------------------------


def test_minutes_print_danish_dates_amounts_and_outcome():
    text = text_of(render_minutes(make_dossier()))
    assert "3. december 2026" in text
    assert "1.250.000,00 kr." in text
    assert "1.234,50 kr." in text
    assert "1.251.234,50 kr." in text  # the meeting's total
    assert "Delvist bevilget" in text
    assert "Bevilget" in text
    assert "30. juni 2027" in text  # review date


def test_minutes_print_attendance_and_the_citizens_voice():
    text = text_of(render_minutes(make_dossier()))
    assert "Til stede" in text
    assert "Fraværende" in text
    assert "ikke registreret" in text.lower()
    assert "Ib Jørgensen (søn)" in text
    assert "Jeg kan ikke bære støvsugeren op ad trapperne." in text
    assert "Afgørelsesbrev sendes" in text


def test_exotic_names_round_trip():
    text = text_of(render_minutes(make_dossier()))
    for name in ("Søren Æblegård-Øster", "José Müller", "Zoë Ångström", "Økonomi"):
        assert name in text


def test_minutes_of_a_held_meeting_are_a_marked_draft_on_every_page():
    pdf = render_minutes(make_dossier(status="held", extra_items=8))
    texts = pages(pdf)
    assert len(texts) >= 2
    assert all("UDKAST" in page for page in texts)
    assert "UDKAST" in PdfReader(io.BytesIO(pdf)).metadata.title


def test_approved_minutes_carry_no_draft_marker_and_say_who_approved():
    pdf = render_minutes(make_dossier(status="approved", events=(APPROVED,)))
    text = text_of(pdf)
    assert "UDKAST" not in text.upper()
    assert "UDKAST" not in PdfReader(io.BytesIO(pdf)).metadata.title
    # 13:05 UTC is 14:05 in Copenhagen in December.
    assert "Referatet er godkendt 3. december 2026 kl. 14:05 af Anne-Marie Holm" in text


def test_reopened_minutes_print_the_reopening_and_its_reason():
    pdf = render_minutes(make_dossier(status="held", events=(APPROVED, REOPENED)))
    text = " ".join(text_of(pdf).split())
    assert "UDKAST" in text
    assert "Referatet er godkendt 3. december 2026 kl. 14:05" in text
    assert "Mødet er genåbnet 4. december 2026 kl. 09:30 af Anne-Marie Holm" in text
    assert "Den årlige udgift i punkt 2 var tastet forkert." in text


def test_every_page_says_page_x_of_y():
    pdf = render_minutes(make_dossier(extra_items=10))
    texts = pages(pdf)
    total = len(texts)
    assert total >= 3
    for number, page in enumerate(texts, start=1):
        assert f"Side {number} af {total}" in page


def test_agenda_of_two_pages_is_numbered():
    pdf = render_agenda(make_dossier(applied_for="Hjælp. " * 700))
    texts = pages(pdf)
    assert len(texts) >= 2
    for number, page in enumerate(texts, start=1):
        assert f"Side {number} af {len(texts)}" in page


def test_minutes_mask_the_cpr_number():
    text = text_of(render_minutes(make_dossier()))
    assert "010190-xxxx" in text
    assert "150338-xxxx" in text
    assert FULL_CPR not in text and "150338-4321" not in text


def test_markup_characters_print_literally():
    note = "Brug <b>fed</b> & <script>alert(1)</script> samt 5 < 7 > 3 og &amp;"
    dossier = make_dossier(notes=note, action_text="A & B <i>C</i>")
    odd_person = dataclasses.replace(dossier.participants[1], organisation="<i>Team</i> & Co")
    dossier = dataclasses.replace(
        dossier,
        meeting=dataclasses.replace(dossier.meeting, title="Møde <b>nr. 7</b> & budget"),
        participants=(dossier.participants[0], odd_person),
    )
    for render in (render_agenda, render_minutes):
        text = text_of(render(dossier))
        assert "Møde <b>nr. 7</b> & budget" in text
        assert "<i>Team</i> & Co" in text
    text = text_of(render_minutes(dossier))
    assert "<b>fed</b>" in text
    assert "<script>alert(1)</script>" in text
    assert "5 < 7 > 3 og &amp;" in text
    assert "A & B <i>C</i>" in text


def test_a_20000_character_note_flows_over_pages():
    note = ("Borgeren fortalte om sin hverdag og sine ønsker. " * 410)[:20_000] + " NOTENS SLUTNING"
    assert len(note) > 20_000
    pdf = render_minutes(make_dossier(notes=note))
    assert len(pages(pdf)) >= 5
    assert "NOTENS SLUTNING" in text_of(pdf)
    assert squeezed(note) in squeezed(body_text(pdf))  # nothing is cut


def test_a_3000_character_word_is_broken_not_cut():
    word = "x" * 2993 + "ORDSLUT"
    pdf = render_minutes(make_dossier(notes=word, justification=word, action_text=word))
    body = squeezed(body_text(pdf)).replace("-xxxx", "")  # the masked CPR numbers
    # In the notes, the justification, the item's and the meeting's action lists;
    # a table row split over two pages interleaves its other cells, so count letters.
    assert body.count("ORDSLUT") == 4
    assert body.count("x") == 4 * 2993


def test_a_very_long_justification_still_flows():
    justification = "\n".join(f"Linje {n}: Udvalget har lagt vægt på oplysningerne." for n in
                              range(600)) + "\nBEGRUNDELSENS SLUTNING"  # fmt: skip
    pdf = render_minutes(make_dossier(justification=justification, action_text="x " * 6000))
    assert "BEGRUNDELSENS SLUTNING" in text_of(pdf)


def test_normalises_to_nfc_and_keeps_fractions():
    decomposed = "Jose\u0301 har ½ time og 2 m² ekstra"
    assert clean(decomposed) == "José har ½ time og 2 m² ekstra"
    text = text_of(render_minutes(make_dossier(notes=decomposed)))
    assert "José har ½ time og 2 m² ekstra" in text


def test_only_dejavu_fonts_are_embedded():
    for pdf in (render_agenda(make_dossier()), render_minutes(make_dossier())):
        names = font_names(pdf)
        assert names, "no fonts found"
        assert all("DejaVuSans" in name for name in names), names
        assert b"Helvetica" not in pdf


def test_metadata_and_reproducible_bytes():
    dossier = make_dossier(status="approved", events=(APPROVED,))
    pdf = render_minutes(dossier)
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.metadata.author == CHAIR
    assert "Visitationsudvalget – ældre" in reader.metadata.title
    assert reader.metadata.subject
    assert str(reader.trailer["/Root"]["/Lang"]) == "da-DK"
    assert reader.metadata.creation_date.date() == dt.date(2026, 12, 3)
    assert render_minutes(dossier) == pdf


def test_non_case_items_show_notes_and_actions_only():
    dossier = make_dossier()
    plain = dataclasses.replace(dossier, items=(dossier.items[0], dossier.items[3]))
    text = text_of(render_minutes(plain))
    assert "Godkendt." in text and "Budgetopfølgning" in text
    assert "Sagsoplysninger" not in text
    assert "Afgørelse:" not in text


def test_an_empty_meeting_renders():
    dossier = dataclasses.replace(make_dossier(), items=(), actions=(), participants=())
    assert "Side 1 af 1" in text_of(render_agenda(dossier))
    assert "Side 1 af 1" in text_of(render_minutes(dossier))


def test_english_documents():
    set_language("en")
    text = text_of(render_minutes(make_dossier()))
    assert "3 December 2026" in text
    assert "Page 1 of" in text
    assert "Partly granted" in text
    assert "DRAFT" in text


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400), st.text(max_size=60))
def test_any_text_renders(note: str, name: str):
    dossier = make_dossier(notes=note, action_text=name or "x")
    dossier = dataclasses.replace(
        dossier,
        participants=(ParticipantRecord(9, name, "other", name, None),),
        meeting=dataclasses.replace(dossier.meeting, title=name, chair_name=name),
    )
    assert render_minutes(dossier).startswith(b"%PDF")
    assert render_agenda(dossier).startswith(b"%PDF")


@pytest.mark.parametrize("render", [render_agenda, render_minutes])
def test_unknown_codes_do_not_crash(render):
    dossier = make_dossier()
    odd = dataclasses.replace(dossier.participants[0], role="mystery")
    meeting = dataclasses.replace(dossier.meeting, area="unknown")
    dossier = dataclasses.replace(dossier, participants=(odd,), meeting=meeting)
    assert render(dossier).startswith(b"%PDF")
