"""The citizen's involvement in 'Under mødet', driven through its real widgets: the
conversation guide's answers, every kind of participation, the citizen's view of the
decision and the functional assessment are in the database as the chair makes them."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from lawful import decide_lawfully
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from visitation_app.domain.vocabulary import CitizenParticipation
from visitation_app.services import agenda as agenda_service
from visitation_app.services import cases as case_service
from visitation_app.services import meetings as meeting_service
from visitation_app.services import minutes as minutes_service
from visitation_app.services.dossier import load_dossier
from visitation_app.ui.during.during_view import DuringView

SAVED = 3000  # ms to wait for the autosave (its delay is 400 ms)
NOW = dt.datetime(2026, 12, 3, 9, 20, tzinfo=ZoneInfo("Europe/Copenhagen"))


def add_case(db, area: str = "elderly", case_type: str = "personal_care", name="Karen Jensen"):
    """A meeting of `area` with one case on its agenda: (meeting id, item id)."""
    meeting = meeting_service.create_meeting(
        db,
        title="Visitationsudvalget",
        area=area,
        meeting_date=NOW.date(),
        start_time=dt.time(9, 0),
        chair_name="Hanne Lykkegaard",
    )
    case = case_service.create_case(
        db,
        area=area,
        citizen_name=name,
        cpr="0101401234",
        applied_for="Personlig pleje morgen og aften",
        case_type=case_type,
    )
    return meeting.id, agenda_service.add_case_item(db, meeting.id, case.id).id


def stored(db, meeting_id: int, item_id: int):
    return next(item for item in load_dossier(db, meeting_id).items if item.id == item_id)


def answers(db, meeting_id: int, item_id: int) -> list[tuple[str, str, str]]:
    notes = stored(db, meeting_id, item_id).involvement_notes
    return [(note.phase, note.prompt, note.answer) for note in notes]


@pytest.fixture
def view(qtbot, db) -> DuringView:
    widget = DuringView(db, now=lambda: NOW)
    qtbot.addWidget(widget, before_close_func=DuringView.discard_unsaved)
    widget.resize(1100, 700)
    return widget


def show(view: DuringView, meeting_id: int, item_id: int):
    view.set_meeting(meeting_id)
    if view.current_item_id() != item_id:
        assert view.go_to_item(item_id)
    assert view.panel.item_id == item_id
    return view.panel


def choose(combo, code) -> None:
    combo.setCurrentIndex(combo.findData(code))


# --- the conversation guide ---------------------------------------------------------------


def test_answers_to_the_guide_are_saved_as_typed(qtbot, db, view):
    meeting_id, item_id = add_case(db)
    guide = show(view, meeting_id, item_id).guide
    assert guide.tabs.tabText(guide.tabs.currentIndex()) == "Under mødet (0/3)"
    answer = guide.answers[("during", "Hvad vil du gerne kunne selv igen?")]
    qtbot.keyClicks(answer, "»Gå ned til købmanden med rollatoren.«")
    expected = (
        "during",
        "Hvad vil du gerne kunne selv igen?",
        "»Gå ned til købmanden med rollatoren.«",
    )
    qtbot.waitUntil(lambda: answers(db, meeting_id, item_id) == [expected], timeout=SAVED)
    assert guide.tabs.tabText(guide.tabs.currentIndex()) == "Under mødet (1/3)"
    # The area's questions for after the meeting, since the case type has none of its own.
    guide.tabs.setCurrentIndex(2)
    after = guide.answers[("after", "Er der noget i afgørelsen, du gerne vil have forklaret?")]
    qtbot.keyClicks(after, "Hvorfor ikke hver uge?")
    qtbot.waitUntil(
        lambda: len(stored(db, meeting_id, item_id).involvement_notes) == 2, timeout=SAVED
    )
    # Emptying an answer removes it.
    answer.selectAll()
    qtbot.keyClick(answer, Qt.Key.Key_Delete)
    qtbot.waitUntil(
        lambda: [n.phase for n in stored(db, meeting_id, item_id).involvement_notes] == ["after"],
        timeout=SAVED,
    )
    other, _item = add_case(db, name="Jørgen Ølgaard")
    view.set_meeting(other)
    guide = show(view, meeting_id, item_id).guide
    assert guide.answers[("after", "Er der noget i afgørelsen, du gerne vil have forklaret?")]
    assert guide.tabs.tabText(2) == "Efter mødet (1/3)"
    assert guide.answers[("during", "Hvad vil du gerne kunne selv igen?")].toPlainText() == ""


def test_an_answer_to_a_question_no_longer_in_the_guide_is_still_shown(qtbot, db, view):
    from visitation_app.services import involvement

    meeting_id, item_id = add_case(db, "children", "placement")
    involvement.save_answer(db, item_id, "before", "Hvad laver du i fritiden?", "»Fodbold.«")
    guide = show(view, meeting_id, item_id).guide
    box = guide.answers[("before", "Hvad laver du i fritiden?")]
    assert box.toPlainText() == "»Fodbold.«"
    assert ("during", "Hvad tænker du om at bo et andet sted?") in guide.answers


# --- participation and the citizen's view ---------------------------------------------------


@pytest.mark.parametrize(
    "kind",
    [
        CitizenParticipation.PRESENT,
        CitizenParticipation.REMOTE,
        CitizenParticipation.REPRESENTED,
        CitizenParticipation.NOT_PRESENT,
    ],
)
def test_each_kind_of_participation_is_saved(qtbot, db, view, kind):
    meeting_id, item_id = add_case(db)
    voice = show(view, meeting_id, item_id).citizen_voice
    labels = [voice.participation.itemText(i) for i in range(voice.participation.count())]
    assert "Deltager via telefon eller video" in labels and "Ikke inddraget" in labels
    choose(voice.participation, kind)
    assert voice.represented_by.isEnabled() == (kind == CitizenParticipation.REPRESENTED)
    assert voice.absence_reason.isEnabled() == (kind == CitizenParticipation.NOT_PRESENT)
    qtbot.waitUntil(
        lambda: stored(db, meeting_id, item_id).citizen_participation == kind, timeout=SAVED
    )


def test_not_involved_is_saved_once_the_reason_is_written(qtbot, db, view):
    meeting_id, item_id = add_case(db)
    panel = show(view, meeting_id, item_id)
    voice = panel.citizen_voice
    with qtbot.waitActive(view):
        view.show()
        view.activateWindow()
    failures: list[str] = []
    panel.failed.connect(failures.append)
    choose(voice.participation, CitizenParticipation.NOT_INVOLVED)
    assert voice.absence_reason.isEnabled()
    assert voice.absence_reason.hasFocus()  # the chair goes straight on to the reason
    qtbot.waitUntil(lambda: bool(failures), timeout=SAVED)
    assert "Skriv, hvorfor borgeren ikke er inddraget" in failures[0]
    assert voice.participation.property("invalid")
    assert stored(db, meeting_id, item_id).citizen_participation is None
    qtbot.keyClicks(voice.absence_reason, "Indlagt med delir")
    qtbot.waitUntil(
        lambda: stored(db, meeting_id, item_id).citizen_participation == "not_involved",
        timeout=SAVED,
    )
    assert stored(db, meeting_id, item_id).citizen_absence_reason == "Indlagt med delir"
    assert not voice.participation.property("invalid")


def test_the_citizens_view_of_the_decision_is_saved(qtbot, db, view):
    meeting_id, item_id = add_case(db)
    form = show(view, meeting_id, item_id).citizen_view
    assert [form.view.itemText(i) for i in range(1, form.view.count())] == [
        "Enig",
        "Delvis enig",
        "Uenig",
    ]
    qtbot.keyClicks(form.view, "Uenig")
    qtbot.keyClicks(form.words, "»Jeg klager.«")
    qtbot.waitUntil(
        lambda: stored(db, meeting_id, item_id).citizen_view_words == "»Jeg klager.«",
        timeout=SAVED,
    )
    assert stored(db, meeting_id, item_id).citizen_view == "disagrees"


# --- the functional assessment ---------------------------------------------------------------


def test_fsiii_levels_are_chosen_in_the_compact_editor(qtbot, db, view):
    meeting_id, item_id = add_case(db)
    panel = show(view, meeting_id, item_id).assessment
    assert panel.summary.text() == "Ingen vurdering registreret."
    assert panel.stack.isHidden()
    qtbot.mouseClick(panel.edit_button, Qt.MouseButton.LeftButton)
    assert not panel.stack.isHidden()
    levels = panel.editor.levels
    assert list(levels) == [
        "self_care", "practical_tasks", "mobility", "mental_functions", "community_life",
    ]  # fmt: skip
    assert levels["self_care"].itemText(4) == "3 – Svære begrænsninger"
    qtbot.keyClicks(levels["self_care"], "3")
    qtbot.keyClicks(levels["community_life"], "9")
    qtbot.waitUntil(
        lambda: (
            {(a.domain_key, a.level) for a in stored(db, meeting_id, item_id).case.assessments}
            == {("self_care", 3), ("community_life", 9)}
        ),
        timeout=SAVED,
    )
    assert panel.summary.text() == "Egenomsorg 3 · Samfundsliv 9 – ikke relevant"
    assert not panel.editor.needs  # FSIII has no support need
    choose(levels["self_care"], None)
    qtbot.waitUntil(
        lambda: len(stored(db, meeting_id, item_id).case.assessments) == 1, timeout=SAVED
    )


def test_vum_themes_get_a_level_and_a_support_need(qtbot, db, view):
    meeting_id, item_id = add_case(db, "adult_disability", "socio_educational_support")
    panel = show(view, meeting_id, item_id).assessment
    assert panel.scheme_box.currentText() == "VUM 2.0"
    panel.edit_button.click()
    choose(panel.editor.levels["community_life"], 3)
    choose(panel.editor.needs["community_life"], "high")
    qtbot.waitUntil(
        lambda: (
            [
                (a.scheme, a.domain_key, a.level, a.support_need)
                for a in stored(db, meeting_id, item_id).case.assessments
            ]
            == [("vum", "community_life", 3, "high")]
        ),
        timeout=SAVED,
    )
    assert panel.summary.text() == "Samfundsliv 3, højt støttebehov"
    # Adults may be assessed with FSIII instead (help under Serviceloven § 83).
    choose(panel.scheme_box, "fsiii")
    assert panel.editor.scheme == "fsiii" and panel.summary.text() == "Ingen vurdering registreret."


def test_a_childs_case_has_the_guide_but_no_assessment(db, view):
    meeting_id, item_id = add_case(db, "children", "supportive_measures")
    panel = show(view, meeting_id, item_id)
    assert panel.assessment is None
    assert ("during", "Hvad ønsker du, skal være anderledes?") in panel.guide.answers


def test_approved_minutes_lock_the_involvement(db, view):
    meeting_id, item_id = add_case(db)
    decide_lawfully(db, item_id)
    minutes_service.approve_minutes(db, meeting_id, by="Hanne Lykkegaard")
    panel = show(view, meeting_id, item_id)
    assert not panel.citizen_voice.participation.isEnabled()
    assert panel.citizen_voice.absence_reason.isReadOnly()
    assert all(box.isReadOnly() for box in panel.guide.answers.values())
    assert not panel.citizen_view.view.isEnabled() and panel.citizen_view.words.isReadOnly()
    assert not any(box.isEnabled() for box in panel.assessment.editor.levels.values())


def test_the_item_fits_a_small_screen(qtbot, db, view):
    """At 1366×768 the panel needs no horizontal scrolling."""
    meeting_id, item_id = add_case(db, "adult_disability", "socio_educational_support")
    view.resize(1366 - 260, 768 - 120)  # beside the meeting list, under the menus
    panel = show(view, meeting_id, item_id)
    panel.assessment.edit_button.click()
    view.show()
    QApplication.processEvents()
    assert not view.scroll.horizontalScrollBar().isVisible()
    assert panel.assessment.width() <= view.scroll.viewport().width()
