"""The legal steps of each decision in the minutes, read back from the PDF.

The records are checked the way the app checks them (`services.legal.check_item`, with
the shipped catalog), so the minutes print what the chair saw beside the decision form.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io

from pypdf import PdfReader
from test_documents import body_text, font_names, squeezed

from visitation_app.documents.minutes import render_minutes
from visitation_app.domain.agenda import meeting_start, schedule
from visitation_app.domain.records import (
    AgendaItemRecord,
    CaseRecord,
    DecisionRecord,
    MeetingDossier,
    MeetingRecord,
)
from visitation_app.services import agenda, cases, decisions, meetings
from visitation_app.services.dossier import load_dossier
from visitation_app.services.legal import check_item

ZONE = "Europe/Copenhagen"
# A Thursday: four weeks later, 7 January 2027, is a working day.
DAY = dt.date(2026, 12, 10)
COMPLAINT_DEADLINE = "7. januar 2027"
JUSTIFICATION = (
    "Efter serviceloven § 85 kan der ydes socialpædagogisk bistand. Udvalget har lagt vægt "
    "på, at borgeren klarer sin hverdag med den nuværende støtte."
)
OVERRIDE_REASON = "Borgeren er orienteret skriftligt om den lange sagsbehandlingstid."
MISSING = "Lægeerklæring fra egen læge om borgerens funktionsevne"
NOT_NEEDED = "Afgørelsen bygger kun på borgerens egne oplysninger."


def _case(number: int, name: str, **fields: object) -> CaseRecord:
    fields = {"received_on": dt.date(2026, 11, 2), "case_type": "socio_educational_support",
              **fields}  # fmt: skip
    return CaseRecord(id=number, area="adult_disability", citizen_name=name, **fields)


def _decision(number: int, **fields: object) -> DecisionRecord:
    return DecisionRecord(id=number, **fields)


def make_dossier(*, status: str = "held", justification: str = JUSTIFICATION) -> MeetingDossier:
    """A meeting of the adult committee: a refusal, a partial grant made final despite gaps,
    a postponement and a grant to a citizen of pension age."""
    start = meeting_start(DAY, dt.time(9, 0), ZONE)
    slots = schedule(start, [20, 20, 20, 20])
    decided = {
        1: (
            _case(1, "Bo Refsgaard"),
            _decision(
                1, outcome="refused", legal_basis="SEL § 85", legal_basis_key="SEL-85",
                justification=justification, consultation="done",
                consulted_on=dt.date(2026, 11, 24),
            ),
        ),
        2: (
            # Received in August: far over the 56 days the municipality has published.
            _case(2, "Karin Ulstrup", received_on=dt.date(2026, 8, 3)),
            _decision(
                2, outcome="partly_granted", service="Socialpædagogisk bistand",
                extent="3 timer om ugen", legal_basis_key="SEL-85",
                justification=JUSTIFICATION, consultation="not_needed",
                consultation_not_needed_reason=NOT_NEEDED,
                review_date=dt.date(2027, 6, 1), override_reason=OVERRIDE_REASON,
                override_keys=("processing_time",),
                finalised_at=dt.datetime(2026, 12, 10, 10, 5, tzinfo=dt.UTC),
            ),
        ),
        3: (
            _case(3, "Mads Kjær"),
            _decision(3, outcome="postponed", missing_information=MISSING,
                      missing_by=dt.date(2027, 1, 15)),
        ),
        4: (
            # No CPR number: the check cannot tell whether Ældreloven applies and warns.
            _case(4, "Else Vang", cpr="", case_type=""),
            _decision(
                4, outcome="granted", service="Praktisk hjælp", legal_basis_key="SEL-83-1-2",
                review_date=dt.date(2027, 12, 1), annual_cost_ore=2_400_000,
            ),
        ),
    }  # fmt: skip
    meeting = MeetingRecord(
        id=1, title="Visitationsudvalget – voksne", area="adult_disability", meeting_date=DAY,
        start_time=dt.time(9, 0), timezone=ZONE, chair_name="Anne-Marie Holm", status=status,
    )  # fmt: skip
    items = []
    for number, (case, decision) in decided.items():
        item = AgendaItemRecord(
            number, number, "case", case.citizen_name, 20, slots[number - 1], case=case,
            decision=decision,
        )  # fmt: skip
        items.append(dataclasses.replace(item, check=check_item(item, meeting)))
    return MeetingDossier(
        meeting=meeting, starts_at=start, ends_at=slots[-1].ends_at, items=tuple(items)
    )


def only_item(dossier: MeetingDossier, number: int) -> MeetingDossier:
    return dataclasses.replace(dossier, items=(dossier.items[number - 1],))


def text_of(pdf: bytes) -> str:
    """The PDF's text with every run of whitespace one space (table cells wrap lines)."""
    pages = PdfReader(io.BytesIO(pdf)).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())


def test_the_legal_basis_is_cited_as_in_the_catalog_with_its_name():
    text = text_of(render_minutes(make_dossier()))
    assert "Lovgrundlag Serviceloven § 85 – Socialpædagogisk bistand" in text
    assert "SEL § 85" not in text  # what was typed is replaced by the citation


def test_a_basis_the_catalog_does_not_know_is_printed_as_typed():
    dossier = make_dossier()
    item = dossier.items[0]
    assert item.decision is not None
    odd = dataclasses.replace(item.decision, legal_basis="Lokal retningslinje 4.2",
                              legal_basis_key="")  # fmt: skip
    item = dataclasses.replace(item, decision=odd)
    item = dataclasses.replace(item, check=check_item(item, dossier.meeting))
    text = text_of(render_minutes(dataclasses.replace(dossier, items=(item,))))
    assert "Lovgrundlag Lokal retningslinje 4.2" in text
    # Without a legal check (an older record), the basis as typed.
    unchecked = dataclasses.replace(item, check=None)
    text = text_of(render_minutes(dataclasses.replace(dossier, items=(unchecked,))))
    assert "Lovgrundlag Lokal retningslinje 4.2" in text


def test_a_refusal_prints_justification_consultation_and_complaint_guidance():
    text = text_of(render_minutes(only_item(make_dossier(), 1)))
    assert "Afgørelse: Afslag" in text
    assert f"Begrundelse {JUSTIFICATION}" in text
    assert "Partshøring Gennemført 24. november 2026" in text
    assert f"Klagefrist {COMPLAINT_DEADLINE}" in text
    assert f"senest den {COMPLAINT_DEADLINE}. Klagen sendes til kommunen" in text
    assert "Ankestyrelsen" in text


def test_a_10000_character_justification_is_printed_in_full_over_pages():
    long_text = " ".join(
        f"Afsnit {n}: Udvalget har efter serviceloven § 85 lagt vægt på oplysningerne i sagen."
        for n in range(120)
    ) + " BEGRUNDELSENS SLUTNING"  # fmt: skip
    assert len(long_text) >= 10_000
    pdf = render_minutes(only_item(make_dossier(justification=long_text), 1))
    assert len(PdfReader(io.BytesIO(pdf)).pages) >= 3
    text = text_of(pdf)
    assert squeezed(long_text) in squeezed(body_text(pdf))  # nothing cut, in order
    # The frame says where it is, and the legal steps are still in the frame.
    assert "Begrundelse (se under afgørelsen)" in text
    assert f"Klagefrist {COMPLAINT_DEADLINE}" in text


def test_consultation_not_needed_prints_the_reason():
    text = text_of(render_minutes(only_item(make_dossier(), 2)))
    assert f"Partshøring Ikke nødvendig: {NOT_NEEDED}" in text


def test_missing_consultation_is_shown_only_where_the_law_asks_for_it():
    dossier = make_dossier()
    refusal, grant = dossier.items[0], dossier.items[3]
    assert refusal.decision is not None
    unrecorded = dataclasses.replace(refusal.decision, consultation="not_recorded",
                                     consulted_on=None)  # fmt: skip
    refusal = dataclasses.replace(refusal, decision=unrecorded)
    refusal = dataclasses.replace(refusal, check=check_item(refusal, dossier.meeting))
    text = text_of(render_minutes(dataclasses.replace(dossier, items=(refusal, grant))))
    assert "Partshøring Ikke registreret" in text
    assert "Krav ikke opfyldt Registrér partshøringen" in text
    assert text.count("Partshøring Ikke registreret") == 1  # not for the grant


def test_a_granted_decision_has_no_complaint_guidance_and_no_consultation_line():
    text = text_of(render_minutes(only_item(make_dossier(), 4)))
    assert "Afgørelse: Bevilget" in text
    assert "Serviceloven § 83, stk. 1, nr. 2 – Praktisk hjælp" in text
    assert "Klagefrist" not in text
    assert "Klagevejledning" not in text
    assert "klage" not in text.lower()
    assert "Partshøring" not in text


def test_a_postponed_case_says_what_is_missing_and_by_when():
    text = text_of(render_minutes(only_item(make_dossier(), 3)))
    assert "Afgørelse: Udsat" in text
    assert f"Mangler {MISSING}" in text
    assert "Frist 15. januar 2027" in text
    assert "Klagefrist" not in text  # not yet a decision on the application


def test_a_decision_made_final_despite_gaps_prints_what_was_missing_and_why():
    dossier = make_dossier(status="approved")
    check = dossier.items[1].check
    assert check is not None and check.overridden
    text = text_of(render_minutes(dossier))
    assert "Afgjort trods mangler" in text
    for requirement in check.missing:
        assert requirement.explanation in text
    # Received 3 August, decided 10 December: over the deadline, so the citizen is told.
    assert "Sagsbehandlingstiden på 129 dage overskrider fristen på 56 dage" in text
    assert f"Mødeleders begrundelse {OVERRIDE_REASON}" in text
    # Also marked in the list of the meeting's decisions.
    summary = text[text.index("Mødets afgørelser") :]
    assert "Afgjort trods mangler" in summary


def test_several_gaps_are_listed_one_by_one_in_the_documents_font():
    dossier = make_dossier(status="approved")
    item = dossier.items[0]
    assert item.decision is not None and item.case is not None
    gappy = dataclasses.replace(
        item.decision, justification="Udvalget finder ikke behov.", consultation="not_recorded",
        override_reason=OVERRIDE_REASON, finalised_at=dt.datetime(2026, 12, 10, 9, tzinfo=dt.UTC),
        override_keys=("justification", "consultation", "processing_time"),
    )  # fmt: skip
    late = dataclasses.replace(item.case, received_on=dt.date(2026, 8, 3))
    item = dataclasses.replace(item, decision=gappy, case=late)
    item = dataclasses.replace(item, check=check_item(item, dossier.meeting))
    assert item.check is not None and len(item.check.missing) == 3
    pdf = render_minutes(dataclasses.replace(dossier, items=(item,)))
    text = text_of(pdf)
    assert "Afgjort trods mangler – Begrundelsen skal henvise til reglen" in text
    for requirement in item.check.missing:
        assert f"– {requirement.explanation}" in text
    assert f"Mødeleders begrundelse {OVERRIDE_REASON}" in text
    # The dashes of the list, too, are printed in the embedded font.
    assert all("DejaVuSans" in name for name in font_names(pdf))


def test_an_unfinished_decision_in_a_draft_lists_what_it_lacks():
    dossier = make_dossier()
    item = dossier.items[1]
    assert item.decision is not None
    draft = dataclasses.replace(item.decision, finalised_at=None, override_reason="")
    item = dataclasses.replace(item, decision=draft)
    item = dataclasses.replace(item, check=check_item(item, dossier.meeting))
    text = text_of(render_minutes(dataclasses.replace(dossier, items=(item,))))
    assert "Afgjort trods mangler" not in text
    assert "Krav ikke opfyldt Sagsbehandlingstiden på 129 dage overskrider" in text


def test_warnings_of_the_legal_check_are_printed_in_drafts_only():
    dossier = make_dossier()
    warnings = dossier.items[3].check.warnings  # type: ignore[union-attr]
    assert any("Ældreloven" in warning for warning in warnings)
    draft = text_of(render_minutes(dossier))
    assert "Bemærk (udkast)" in draft
    for warning in warnings:
        assert squeezed(warning) in squeezed(draft)
    approved = text_of(render_minutes(make_dossier(status="approved")))
    assert "Bemærk (udkast)" not in approved
    assert "Ældreloven" not in approved


def test_minutes_from_the_database_print_the_override(db, monkeypatch):
    """The whole path: decision saved and made final despite a gap, dossier loaded, printed."""
    moment = dt.datetime.combine(DAY, dt.time(11), tzinfo=dt.UTC)
    monkeypatch.setattr(decisions, "utc_now", lambda: moment)  # final on the meeting day
    meeting = meetings.create_meeting(
        db, title="Visitationsudvalget – voksne", area="adult_disability", meeting_date=DAY,
        start_time=dt.time(9, 0), chair_name="Anne-Marie Holm",
    )  # fmt: skip
    case = cases.create_case(
        db, area="adult_disability", citizen_name="Bo Refsgaard", received_on=dt.date(2026, 11, 2),
        case_type="socio_educational_support", legal_basis_key="SEL-85",
    )  # fmt: skip
    item = agenda.add_case_item(db, meeting.id, case.id)
    decisions.save_decision(
        db, item.id, outcome="refused", legal_basis_key="SEL-85", justification=JUSTIFICATION
    )
    reason = "Partshøringen blev foretaget mundtligt på mødet med borgeren."
    check = decisions.finalise_decision(db, item.id, override_reason=reason)
    assert check.overridden
    text = text_of(render_minutes(load_dossier(db, meeting.id)))
    assert "Lovgrundlag Serviceloven § 85 – Socialpædagogisk bistand" in text
    assert f"Begrundelse {JUSTIFICATION}" in text
    assert "Partshøring Ikke registreret" in text
    assert "Afgjort trods mangler" in text
    assert f"Mødeleders begrundelse {reason}" in text
    assert f"Klagefrist {COMPLAINT_DEADLINE}" in text
