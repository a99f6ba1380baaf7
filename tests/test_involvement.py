"""The citizen's involvement: conversation guides as data, answers, participation, the
citizen's view of the decision, functional assessments, and what the minutes print."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from lawful import decide_lawfully
from pypdf import PdfReader

from visitation_app.catalog.guides import GUIDES_FILE, load_guides
from visitation_app.domain.assessment import FSIII_AREAS, VUM_THEMES
from visitation_app.domain.errors import MeetingLockedError, ValidationError
from visitation_app.domain.vocabulary import CommitteeArea, ConversationPhase
from visitation_app.services import agenda as agenda_service
from visitation_app.services import assessments, involvement
from visitation_app.services import cases as case_service
from visitation_app.services import meetings as meeting_service
from visitation_app.services import minutes as minutes_service
from visitation_app.services.assessments import list_assessments
from visitation_app.services.dossier import load_dossier
from visitation_app.services.legal import current_catalog

SHIPPED_CASE_TYPES = {key: d.area for key, d in current_catalog().deadlines.items()}


def pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def write_guides(folder, entries) -> None:
    text = entries if isinstance(entries, str) else json.dumps({"entries": entries})
    (folder / GUIDES_FILE).write_text(text, encoding="utf-8")


# --- the guides as data -------------------------------------------------------------------


def test_shipped_guides_ask_before_during_and_after_for_every_case_type(tmp_path):
    guides = load_guides(tmp_path, SHIPPED_CASE_TYPES)
    assert guides.problems == []
    assert set(SHIPPED_CASE_TYPES) | {area.value for area in CommitteeArea} == set(guides.guides)
    for key, area in SHIPPED_CASE_TYPES.items():
        guide = guides.for_case(key, area)
        for phase in ConversationPhase:
            assert guide.prompts(phase.value), (key, phase)
    elderly = guides.for_case("", "elderly")
    assert {"Hvad betyder mest for dig?", "Hvad er svært?"} <= set(elderly.before)
    assert "Hvad vil du gerne kunne?" in elderly.during


def test_a_case_type_without_questions_for_a_phase_uses_the_areas(tmp_path):
    guides = load_guides(tmp_path, SHIPPED_CASE_TYPES)
    care = guides.for_case("personal_care", "elderly")
    assert care.during[0] == "Hvad vil du gerne kunne selv igen?"
    assert care.after == guides.guides["elderly"].after


def test_the_municipalitys_file_replaces_and_adds_guides(tmp_path):
    case_types = {**SHIPPED_CASE_TYPES, "night_care": "elderly"}  # the municipality's own type
    write_guides(
        tmp_path,
        [
            {"key": "personal_care", "during": ["Hvad skal hjælperne vide om dig?"]},
            {"key": "night_care", "before": ["Hvordan sover du?"], "after": ["Ring, hvis …"]},
        ],
    )
    guides = load_guides(tmp_path, case_types)
    assert guides.problems == []
    care = guides.for_case("personal_care", "elderly")
    assert care.during == ("Hvad skal hjælperne vide om dig?",)
    assert care.before == guides.guides["elderly"].before  # the replaced guide had none
    assert not guides.guides["personal_care"].is_default
    assert guides.for_case("night_care", "elderly").before == ("Hvordan sover du?",)
    assert guides.guides["practical_help"].is_default


def test_every_error_in_the_file_is_reported_with_its_place_and_the_shipped_guides_stay(
    tmp_path,
):
    shipped = load_guides(tmp_path, SHIPPED_CASE_TYPES).guides
    write_guides(
        tmp_path,
        [
            {"key": "home_care", "during": ["Hvad er svært?"]},
            {"key": "personal_care", "during": ["Hvad er svært?", ""]},
            {"key": "practical_help", "before": "Hvad er svært?"},
            {"key": "meal_service", "durring": ["Hvad spiser du?"]},
            {"during": ["Hvad spiser du?"]},
            {"key": "respite"},
            {"key": "training", "after": ["Hvem ringer?", "Hvem  ringer?"]},
            {"key": "elderly", "before": ["Hvad er svært?"]},
            {"key": "elderly", "before": ["Hvad er let?"]},
            "Hvad er svært?",
        ],
    )
    guides = load_guides(tmp_path, SHIPPED_CASE_TYPES)
    assert guides.guides == shipped
    where = {problem.location: problem.message for problem in guides.problems}
    file = str(tmp_path / GUIDES_FILE)
    assert all(problem.file == file for problem in guides.problems)
    assert 'Ukendt sagstype eller område "home_care"' in where["entries[0].key"]
    assert where["entries[1].during[1]"] == "Her skal stå en tekst, der ikke er tom."
    assert where["entries[2].before"] == "Forventede en liste af spørgsmål."
    assert where["entries[3].durring"] == 'Ukendt felt "durring".'
    assert where["entries[4].key"] == 'Feltet "key" mangler.'
    assert "mindst ét spørgsmål" in where["entries[5]"]
    assert where["entries[6].after[1]"] == "Spørgsmålet står allerede i denne fase."
    assert where["entries[8].key"] == 'Nøglen "elderly" bruges to gange.'
    assert "objekt med navngivne felter" in where["entries[9]"]
    assert len(guides.problems) == 9


def test_a_file_that_is_not_json_is_reported_with_line_and_column(tmp_path):
    write_guides(tmp_path, '{"entries": [\n  {"key": "elderly", "before": ["Hvad?",]}\n]}')
    guides = load_guides(tmp_path, SHIPPED_CASE_TYPES)
    (problem,) = guides.problems
    assert problem.location == "linje 2, kolonne 41"
    assert problem.message == "Filen er ikke gyldig JSON."
    assert guides.guides["elderly"].is_default


def test_the_app_uses_the_municipalitys_guides_after_a_reload(tmp_path):
    write_guides(tmp_path, [{"key": "children", "during": ["Hvad tænker du?"]}])
    try:
        involvement.reload_guides(tmp_path)
        assert involvement.guide_for("", "children").during == ("Hvad tænker du?",)
        # A guide replaces the shipped guide of the same key as a whole.
        assert involvement.guide_for("", "children").before == ()
        assert not involvement.guide_for("", "children").is_default
    finally:
        involvement.use_guides(None)


# --- services -----------------------------------------------------------------------------


def make_item(db, area: str = "elderly", case_type: str = "personal_care"):
    meeting = meeting_service.create_meeting(
        db,
        title="Visitationsudvalget",
        area=area,
        meeting_date=dt.date(2026, 12, 3),
        start_time=dt.time(9, 0),
        chair_name="Hanne Lykkegaard",
    )
    case = case_service.create_case(
        db,
        area=area,
        citizen_name="Karen Jensen",
        cpr="0101401234",
        applied_for="Personlig pleje",
        case_type=case_type,
    )
    return agenda_service.add_case_item(db, meeting.id, case.id)


def stored(db, item):
    return next(i for i in load_dossier(db, item.meeting_id).items if i.id == item.id)


def approve(db, item) -> None:
    decide_lawfully(db, item.id)
    meeting_service.start_meeting(db, item.meeting_id, by="Hanne")
    meeting_service.end_meeting(db, item.meeting_id, by="Hanne")
    minutes_service.approve_minutes(db, item.meeting_id, by="Hanne")


def test_an_answer_is_recorded_changed_and_removed_as_it_is_typed(db):
    item = make_item(db)
    first = involvement.save_answer(db, item.id, "before", "Hvad er svært?", "Trappen", 2)
    involvement.save_answer(db, item.id, "before", "Hvad betyder mest for dig?", "Haven", 0)
    again = involvement.save_answer(db, item.id, "before", "Hvad er svært?", "Trappen og badet")
    assert again.id == first.id
    notes = stored(db, item).involvement_notes
    assert [(n.prompt, n.answer) for n in notes] == [
        ("Hvad betyder mest for dig?", "Haven"),
        ("Hvad er svært?", "Trappen og badet"),
    ]
    assert involvement.save_answer(db, item.id, "before", "Hvad er svært?", "  ") is None
    assert [n.prompt for n in involvement.list_notes(db, item.id)] == ["Hvad betyder mest for dig?"]


def test_notes_can_be_added_changed_and_removed_one_by_one(db):
    item = make_item(db)
    note = involvement.add_note(db, item.id, "after", "Hvordan vil du have besked?", "Brev")
    involvement.update_note(db, note.id, answer="»Ring til min datter.«")
    assert stored(db, item).involvement_notes[0].answer == "»Ring til min datter.«"
    with pytest.raises(ValidationError):
        involvement.add_note(db, item.id, "later", "Hvad så?", "Ja")
    with pytest.raises(ValidationError):
        involvement.add_note(db, item.id, "before", "  ", "Ja")
    involvement.remove_note(db, note.id)
    assert involvement.list_notes(db, item.id) == []


def test_answers_belong_to_a_case_item(db):
    item = make_item(db)
    other = agenda_service.add_standard_item(db, item.meeting_id, "any_other_business")
    with pytest.raises(ValidationError):
        involvement.save_answer(db, other.id, "during", "Hvad er svært?", "Intet")


def test_not_involved_is_refused_without_the_reason(db):
    item = make_item(db)
    involvement.set_participation(db, item.id, "present")
    with pytest.raises(ValidationError) as refused:
        involvement.set_participation(db, item.id, "not_involved", absence_reason="  ")
    assert refused.value.field == "citizen_absence_reason"
    with pytest.raises(ValidationError):
        agenda_service.update_item(db, item.id, citizen_participation="not_involved")
    assert stored(db, item).citizen_participation == "present"  # nothing half-saved
    involvement.set_participation(
        db, item.id, "not_involved", absence_reason="Indlagt og kan ikke kontaktes."
    )
    saved = stored(db, item)
    assert saved.citizen_participation == "not_involved"
    assert saved.citizen_absence_reason == "Indlagt og kan ikke kontaktes."
    # The reason cannot then be emptied while the citizen stays "not involved".
    with pytest.raises(ValidationError):
        agenda_service.update_item(db, item.id, citizen_absence_reason="")


@pytest.mark.parametrize("kind", ["present", "remote", "represented", "not_present", None])
def test_every_other_kind_of_participation_needs_no_reason(db, kind):
    item = make_item(db)
    involvement.set_participation(db, item.id, kind, represented_by="Datteren Åse")
    assert stored(db, item).citizen_participation == kind


def test_an_unknown_kind_of_participation_is_refused(db):
    item = make_item(db)
    with pytest.raises(ValidationError):
        involvement.set_participation(db, item.id, "by_letter")


def test_the_citizens_view_of_the_decision(db):
    item = make_item(db)
    involvement.set_citizen_view(db, item.id, "partly", "»Jeg ville gerne have haft mere.«")
    saved = stored(db, item)
    assert (saved.citizen_view, saved.citizen_view_words) == (
        "partly",
        "»Jeg ville gerne have haft mere.«",
    )
    with pytest.raises(ValidationError):
        involvement.set_citizen_view(db, item.id, "maybe")
    involvement.set_citizen_view(db, item.id, None)
    assert stored(db, item).citizen_view == ""


def test_fsiii_levels_are_set_and_cleared_per_area(db):
    item = make_item(db)
    assessments.set_level(db, item.id, "fsiii", "self_care", 3)
    assessments.set_level(db, item.id, "fsiii", "community_life", 9)  # not relevant
    assessments.set_assessment(db, item.id, "fsiii", "mental_functions", note="Afventer udredning")
    case_id = stored(db, item).case.id
    recorded = {(r.domain_key, r.level, r.note) for r in list_assessments(db, case_id)}
    assert recorded == {
        ("self_care", 3, ""),
        ("community_life", 9, ""),
        ("mental_functions", None, "Afventer udredning"),
    }
    assessments.set_level(db, item.id, "fsiii", "self_care", None)
    assessments.clear_assessment(db, item.id, "fsiii", "mental_functions")
    assert [(r.domain_key, r.level) for r in stored(db, item).case.assessments] == [
        ("community_life", 9)
    ]


@pytest.mark.parametrize("level", [5, -1, 8, 10, True, "3", 2.0])
def test_levels_outside_0_to_4_and_9_are_refused(db, level):
    item = make_item(db)
    with pytest.raises(ValidationError, match="0, 1, 2, 3 eller 4"):
        assessments.set_level(db, item.id, "fsiii", "mobility", level)
    assert stored(db, item).case.assessments == ()


def test_vum_themes_have_a_level_and_a_support_need(db):
    item = make_item(db, "adult_disability", "socio_educational_support")
    assessments.set_level(db, item.id, "vum", "community_life", 3)
    assessments.set_support_need(db, item.id, "community_life", "high")
    assessments.set_support_need(db, item.id, "relations", "not_assessed")
    records = {r.domain_key: r for r in stored(db, item).case.assessments}
    assert (records["community_life"].level, records["community_life"].support_need) == (3, "high")
    assert records["relations"].level is None
    with pytest.raises(ValidationError):
        assessments.set_support_need(db, item.id, "community_life", "some")
    with pytest.raises(ValidationError):
        assessments.set_level(db, item.id, "vum", "self_cleaning", 1)
    # Adults may be assessed with FSIII too (help under Serviceloven § 83), without a need.
    assessments.set_level(db, item.id, "fsiii", "practical_tasks", 2)
    with pytest.raises(ValidationError):
        assessments.set_assessment(db, item.id, "fsiii", "practical_tasks", support_need="high")


def test_each_area_uses_its_own_scheme(db):
    elderly = make_item(db)
    with pytest.raises(ValidationError):
        assessments.set_level(db, elderly.id, "vum", "community_life", 2)
    with pytest.raises(ValidationError):
        assessments.set_level(db, elderly.id, "ics", "community_life", 2)
    child = make_item(db, "children", "supportive_measures")
    with pytest.raises(ValidationError):
        assessments.set_level(db, child.id, "fsiii", "self_care", 1)


def test_an_approved_meeting_refuses_every_change(db):
    item = make_item(db)
    note = involvement.save_answer(db, item.id, "during", "Hvad er svært?", "Badet")
    assessments.set_level(db, item.id, "fsiii", "self_care", 2)
    approve(db, item)
    attempts = [
        lambda: involvement.save_answer(db, item.id, "during", "Hvad er svært?", "Intet"),
        lambda: involvement.add_note(db, item.id, "after", "Hvad nu?", "Brev"),
        lambda: involvement.update_note(db, note.id, answer="Intet"),
        lambda: involvement.remove_note(db, note.id),
        lambda: involvement.set_participation(db, item.id, "remote"),
        lambda: involvement.set_citizen_view(db, item.id, "agrees"),
        lambda: assessments.set_level(db, item.id, "fsiii", "self_care", 4),
        lambda: assessments.clear_assessment(db, item.id, "fsiii", "self_care"),
    ]
    for attempt in attempts:
        with pytest.raises(MeetingLockedError):
            attempt()
    saved = stored(db, item)
    assert saved.involvement_notes[0].answer == "Badet"
    assert saved.case.assessments[0].level == 2


def test_the_vocabulary_has_the_five_fsiii_areas_and_eleven_vum_themes():
    assert [area.label for area in FSIII_AREAS] == [
        "Egenomsorg", "Praktiske opgaver", "Mobilitet", "Mentale funktioner", "Samfundsliv",
    ]  # fmt: skip
    assert len(VUM_THEMES) == 11
    assert {theme.label for theme in VUM_THEMES} >= {"Omgivelser", "Relationer", "Kommunikation"}


# --- the minutes ----------------------------------------------------------------------------


def test_the_minutes_print_involvement_answers_view_and_assessment(db):
    item = make_item(db)
    involvement.set_participation(
        db, item.id, "not_involved", absence_reason="Borgeren er i delir efter indlæggelsen."
    )
    involvement.save_answer(db, item.id, "before", "Hvad er svært?", "»Trappen til kælderen.«")
    involvement.save_answer(
        db, item.id, "during", "Hvad vil du gerne kunne selv igen?", "»Gå til købmanden.«"
    )
    involvement.set_citizen_view(db, item.id, "disagrees", "»Det er for lidt.«")
    assessments.set_level(db, item.id, "fsiii", "self_care", 3)
    assessments.set_assessment(db, item.id, "fsiii", "mobility", level=9, note="Kørestol")
    text = pdf_text(minutes_service.minutes_pdf(db, item.meeting_id))
    for expected in (
        "Deltagelse Ikke inddraget",
        "Hvorfor ikke inddraget Borgeren er i delir efter indlæggelsen.",
        "Samtale med borgeren",
        "Før mødet Hvad er svært? »Trappen til kælderen.«",
        "Under mødet Hvad vil du gerne kunne selv igen? »Gå til købmanden.«",
        "Funktionsvurdering Fælles Sprog III",
        "Egenomsorg Mobilitet 3 Svære begrænsninger 9 Ikke relevant Kørestol",
        "Borgerens syn på afgørelsen Borgerens holdning Uenig",
        "»Det er for lidt.«",
    ):
        assert expected in text, expected
    assert text.index("Samtale med borgeren") < text.index("Afgørelse:")
    assert text.index("Afgørelse:") < text.index("Borgerens syn på afgørelsen")


def test_the_minutes_print_who_represented_the_citizen_and_the_vum_themes(db):
    item = make_item(db, "adult_disability", "socio_educational_support")
    involvement.set_participation(db, item.id, "represented", represented_by="Lene (mor og værge)")
    assessments.set_level(db, item.id, "vum", "community_life", 4)
    assessments.set_support_need(db, item.id, "community_life", "complete")
    text = pdf_text(minutes_service.minutes_pdf(db, item.meeting_id))
    assert "Deltagelse Repræsenteret Repræsenteret ved Lene (mor og værge)" in text
    assert "VUM 2.0 Tema Funktionsniveau Støttebehov" in text
    assert "Samfundsliv 4 – Fuldstændigt nedsat Fuldstændigt støttebehov" in text
    assert "Samtale med borgeren" not in text  # nothing answered, nothing printed


def test_a_case_by_phone_or_video_says_so_and_nothing_more(db):
    item = make_item(db)
    involvement.set_participation(db, item.id, "remote", absence_reason="gammel tekst")
    text = pdf_text(minutes_service.minutes_pdf(db, item.meeting_id))
    assert "Deltagelse Deltager via telefon eller video" in text
    assert "gammel tekst" not in text and "Funktionsvurdering" not in text


def test_a_broken_guide_file_is_reported_by_the_commands_and_the_window(
    qtbot, capsys, tmp_path, db_path, db, monkeypatch
):
    from PySide6.QtWidgets import QMessageBox, QWidget

    from visitation_app.__main__ import main
    from visitation_app.catalog.guides import load_guides
    from visitation_app.services import involvement
    from visitation_app.ui import app as app_module

    (tmp_path / "conversation_guides.json").write_text("{ not json", encoding="utf-8")
    involvement.use_guides(load_guides(tmp_path))
    try:
        assert main(["decisions", "--db", str(db_path)]) == 0
        err = capsys.readouterr().err
        assert "conversation_guides.json" in err and "linje 1" in err
        shown = []
        monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
        parent = QWidget()
        qtbot.addWidget(parent)
        app_module.report_catalog_problems(parent)
        assert len(shown) == 1 and "conversation_guides.json" in shown[0]
    finally:
        involvement.use_guides(None)
