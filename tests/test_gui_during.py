"""'Under mødet' driven through its real widgets: what the chair types is in the database."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import pytest
from lawful import decide_lawfully
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from visitation_app.domain.clock import ClockSignal, item_timing, signal_for
from visitation_app.domain.vocabulary import MeetingStatus
from visitation_app.services import actions as action_service
from visitation_app.services import agenda as agenda_service
from visitation_app.services import cases as case_service
from visitation_app.services import meetings as meeting_service
from visitation_app.services import minutes as minutes_service
from visitation_app.services import participants as participant_service
from visitation_app.services.dossier import load_dossier
from visitation_app.ui.clock import MeetingClock
from visitation_app.ui.during import during_view as during_module
from visitation_app.ui.during.during_view import DuringView

ZONE = ZoneInfo("Europe/Copenhagen")
SAVED = 3000  # ms to wait for the autosave (its delay is 400 ms)


@dataclass
class Meeting:
    id: int
    items: list[int]  # approve agenda, case 1, case 2, any other business
    participants: list[int]


def build_meeting(db, day: dt.date = dt.date(2026, 12, 3), title: str = "Visitationsudvalget"):
    """A meeting with four participants, two cases and two standard items."""
    meeting = meeting_service.create_meeting(
        db,
        title=title,
        area="elderly",
        meeting_date=day,
        start_time=dt.time(9, 0),
        location="Rådhuset, mødelokale 2",
        chair_name="Birgitte Østergaard",
    )
    people = [
        participant_service.add_participant(db, meeting.id, name=name, role=role).id
        for name, role in (
            ("Birgitte Østergaard", "chair"),
            ("Søren Ærø", "case_worker"),
            ("Åse Lund", "legal_adviser"),
            ("Karen Jensen", "citizen"),
        )
    ]
    first = agenda_service.add_standard_item(db, meeting.id, "approve_agenda")
    karen = case_service.create_case(
        db,
        area="elderly",
        citizen_name="Karen Jensen",
        cpr="0101401234",
        reference="27.12.04-G01-1-26",
        applied_for="Personlig pleje morgen og aften",
        legal_paragraph="ÆL § 10",
        case_worker="Søren Ærø",
        summary="Karen er 86 år og bor alene.",
        citizen_goals="At blive boende i eget hjem.",
    )
    jorgen = case_service.create_case(
        db, area="elderly", citizen_name="Jørgen Ølgaard", applied_for="El-kørestol"
    )
    case_1 = agenda_service.add_case_item(db, meeting.id, karen.id)
    case_2 = agenda_service.add_case_item(db, meeting.id, jorgen.id, 15)
    last = agenda_service.add_standard_item(db, meeting.id, "any_other_business")
    return Meeting(meeting.id, [first.id, case_1.id, case_2.id, last.id], people)


def stored_item(db, meeting_id: int, item_id: int):
    return next(i for i in load_dossier(db, meeting_id).items if i.id == item_id)


def stored_decision(db, meeting_id: int, item_id: int):
    return stored_item(db, meeting_id, item_id).decision


class FakeClock:
    """A clock the test moves by hand: no real waiting."""

    def __init__(self, start: dt.datetime) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


@pytest.fixture
def meeting(db) -> Meeting:
    return build_meeting(db)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(dt.datetime(2026, 12, 3, 9, 7, tzinfo=ZONE))


@pytest.fixture
def view(qtbot, db, meeting, clock) -> DuringView:
    widget = DuringView(db, now=clock)
    # What a test left unsaved must not reach another test's "save everything".
    qtbot.addWidget(widget, before_close_func=DuringView.discard_unsaved)
    widget.resize(1100, 650)
    widget.set_meeting(meeting.id)
    return widget


def show_case(view: DuringView, meeting: Meeting, index: int = 1):
    assert view.go_to_item(meeting.items[index])
    return view.panel


# -- autosave -----------------------------------------------------------------------------


def test_notes_are_saved_as_typed_and_survive_another_meeting(qtbot, db, view, meeting):
    panel = show_case(view, meeting)
    qtbot.keyClicks(panel.notes, "Datteren deltog. Ønsker hjælp før kl. 8.")
    qtbot.waitUntil(
        lambda: (
            stored_item(db, meeting.id, meeting.items[1]).notes
            == "Datteren deltog. Ønsker hjælp før kl. 8."
        ),
        timeout=SAVED,
    )
    assert view.save_status_text() == "Gemt 09:07:00"

    other = build_meeting(db, dt.date(2026, 12, 10), "Næste møde")
    view.set_meeting(other.id)
    assert view.panel.notes.toPlainText() == ""
    view.set_meeting(meeting.id)
    panel = show_case(view, meeting)
    assert panel.notes.toPlainText() == "Datteren deltog. Ønsker hjælp før kl. 8."


def test_citizen_voice_is_saved(qtbot, db, view, meeting):
    panel = show_case(view, meeting)
    voice = panel.citizen_voice
    assert not voice.represented_by.isEnabled()
    voice.participation.setCurrentIndex(voice.participation.findData("represented"))
    assert voice.represented_by.isEnabled()
    qtbot.keyClicks(voice.represented_by, "Datteren Åse")
    qtbot.keyClicks(voice.statement, "Jeg vil gerne blive i mit hus.")
    qtbot.waitUntil(
        lambda: (
            stored_item(db, meeting.id, meeting.items[1]).citizen_statement
            == "Jeg vil gerne blive i mit hus."
        ),
        timeout=SAVED,
    )
    item = stored_item(db, meeting.id, meeting.items[1])
    assert item.citizen_participation == "represented"
    assert item.citizen_represented_by == "Datteren Åse"

    other = build_meeting(db, dt.date(2026, 12, 10), "Næste møde")
    view.set_meeting(other.id)
    view.set_meeting(meeting.id)
    voice = show_case(view, meeting).citizen_voice
    assert voice.statement.toPlainText() == "Jeg vil gerne blive i mit hus."
    assert voice.represented_by.text() == "Datteren Åse"


def test_decision_fields_are_saved(qtbot, db, view, meeting):
    form = show_case(view, meeting).decision
    qtbot.keyClicks(form.outcome, "Bevilget")
    qtbot.keyClicks(form.service, "Personlig pleje")
    qtbot.keyClicks(form.extent, "2 besøg dagligt")
    qtbot.keyClicks(form.legal_basis, "ÆL § 10")
    qtbot.keyClicks(form.justification, "Borgeren kan ikke selv komme i bad.")
    form.valid_from.set_value(dt.date(2027, 1, 1))
    form.review_date.set_value(dt.date(2027, 7, 1))
    qtbot.keyClicks(view.panel.economy.annual_cost_ore, "12.500,50")
    qtbot.waitUntil(
        lambda: (
            (decision := stored_decision(db, meeting.id, meeting.items[1])) is not None
            and decision.annual_cost_ore == 1250050
            and decision.justification == "Borgeren kan ikke selv komme i bad."
        ),
        timeout=SAVED,
    )
    decision = stored_decision(db, meeting.id, meeting.items[1])
    assert decision.outcome == "granted"
    assert (decision.service, decision.extent, decision.legal_basis) == (
        "Personlig pleje",
        "2 besøg dagligt",
        "ÆL § 10",
    )
    assert (decision.valid_from, decision.review_date) == (dt.date(2027, 1, 1), dt.date(2027, 7, 1))
    assert "✔ Bevilget" in view.strip.item(1).text()

    other = build_meeting(db, dt.date(2026, 12, 10), "Næste møde")
    view.set_meeting(other.id)
    view.set_meeting(meeting.id)
    form = show_case(view, meeting).decision
    assert form.outcome.currentText() == "Bevilget"
    assert view.panel.economy.annual_cost_ore.text() == "12.500,50"
    assert form.valid_from.value() == dt.date(2027, 1, 1)


def test_switching_items_flushes_without_waiting(qtbot, db, view, meeting):
    panel = show_case(view, meeting)
    qtbot.keyClicks(panel.notes, "Skrevet lige før skift")
    qtbot.keyClicks(panel.decision.service, "Madservice")
    view.next_item()  # no wait: the switch itself must save
    assert view.current_item_id() == meeting.items[2]
    assert stored_item(db, meeting.id, meeting.items[1]).notes == "Skrevet lige før skift"
    assert stored_decision(db, meeting.id, meeting.items[1]).service == "Madservice"


def test_bad_amount_is_marked_and_not_saved_then_a_good_one_is(qtbot, db, view, meeting):
    form = show_case(view, meeting).economy
    qtbot.keyClicks(form.annual_cost_ore, "12,5,0")
    qtbot.waitUntil(lambda: form.annual_cost_ore.property("invalid") is True, timeout=SAVED)
    assert form.annual_cost_ore.text() == "12,5,0"  # kept, not lost
    assert "12,5,0" in view.save_status_text()  # the error sentence is shown
    decision = stored_decision(db, meeting.id, meeting.items[1])
    assert decision is None or decision.annual_cost_ore is None

    form.annual_cost_ore.clear()
    qtbot.keyClicks(form.annual_cost_ore, "12.500,50")
    qtbot.waitUntil(
        lambda: (
            (d := stored_decision(db, meeting.id, meeting.items[1])) is not None
            and d.annual_cost_ore == 1250050
        ),
        timeout=SAVED,
    )
    assert form.annual_cost_ore.property("invalid") is False
    assert view.save_status_text().startswith("Gemt")


def test_leaving_an_item_with_a_bad_field_asks_first(qtbot, db, view, meeting, monkeypatch):
    form = show_case(view, meeting).economy
    qtbot.keyClicks(form.annual_cost_ore, "mange penge")
    asked = []
    monkeypatch.setattr(during_module, "confirm", lambda *args: asked.append(args) or False)
    view.next_item()
    assert asked and view.current_item_id() == meeting.items[1]  # the chair stays to fix it
    monkeypatch.setattr(during_module, "confirm", lambda *args: True)
    view.next_item()
    assert view.current_item_id() == meeting.items[2]


def test_a_discarded_view_leaves_nothing_behind_to_save(qtbot, db, meeting):
    view = DuringView(db)
    view.set_meeting(meeting.id)
    panel = show_case(view, meeting)
    qtbot.keyClicks(panel.economy.annual_cost_ore, "12,5,0")
    saver = panel.autosaver
    assert not saver.flush() and saver.has_pending()  # the window would ask before closing
    view.deleteLater()  # e.g. the window opens another database
    qtbot.wait(10)
    assert not saver.has_pending()  # nothing left that reads the deleted editors
    assert saver.flush()


def test_negative_and_huge_amounts(qtbot, db, view, meeting):
    form = show_case(view, meeting).economy
    qtbot.keyClicks(form.annual_cost_ore, "-5.000")
    qtbot.waitUntil(
        lambda: (
            (d := stored_decision(db, meeting.id, meeting.items[1])) is not None
            and d.annual_cost_ore == -500000
        ),
        timeout=SAVED,
    )
    form.annual_cost_ore.clear()
    qtbot.keyClicks(form.annual_cost_ore, "99999999999999")
    qtbot.waitUntil(lambda: form.annual_cost_ore.property("invalid") is True, timeout=SAVED)
    assert stored_decision(db, meeting.id, meeting.items[1]).annual_cost_ore == -500000


def test_long_notes_with_danish_letters(qtbot, db, view, meeting):
    panel = show_case(view, meeting)
    text = ("Æbleø og Ålborg – " * 600)[:10_000]
    panel.notes.setPlainText(text)
    view.next_item()
    assert stored_item(db, meeting.id, meeting.items[1]).notes == text


def test_attendance_is_saved(qtbot, db, view, meeting):
    box = view.attendance.boxes[meeting.participants[1]]
    assert box.full_text == "Søren Ærø (Sagsbehandler)"
    box.click()
    qtbot.waitUntil(
        lambda: (
            next(
                p
                for p in load_dossier(db, meeting.id).participants
                if p.id == meeting.participants[1]
            ).present
            is True
        ),
        timeout=SAVED,
    )


def test_action_items_added_edited_removed(qtbot, db, view, meeting, monkeypatch):
    table = show_case(view, meeting).actions
    qtbot.mouseClick(table.add_button, Qt.MouseButton.LeftButton)
    row = table.rows[0]
    qtbot.keyClicks(row.description, "Bestil hjælpemiddel")
    qtbot.keyClicks(row.owner, "Søren Ærø")
    row.due_date.set_value(dt.date(2026, 12, 17))
    qtbot.waitUntil(
        lambda: (
            [
                (a.description, a.owner, a.due_date)
                for a in action_service.list_actions(db, meeting.id, meeting.items[1])
            ]
            == [("Bestil hjælpemiddel", "Søren Ærø", dt.date(2026, 12, 17))]
        ),
        timeout=SAVED,
    )
    monkeypatch.setattr("visitation_app.ui.during.action_table.confirm", lambda *args: True)
    qtbot.mouseClick(row.remove_button, Qt.MouseButton.LeftButton)
    assert action_service.list_actions(db, meeting.id, meeting.items[1]) == []
    assert table.rows == []


def test_standard_items_show_notes_and_actions_only(view, meeting):
    view.go_to_item(meeting.items[3])
    panel = view.panel
    assert panel.decision is None and panel.case_facts is None and panel.citizen_voice is None
    assert panel.notes.isVisibleTo(view) and panel.actions.isVisibleTo(view)


def test_case_facts_show_masked_cpr(view, meeting):
    facts = show_case(view, meeting).case_facts
    assert facts.values["cpr"].text() == "010140-xxxx"
    assert facts.values["citizen"].text() == "Karen Jensen"
    assert facts.values["legal_paragraph"].text() == "ÆL § 10"
    assert facts.values["summary"].text() == "Karen er 86 år og bor alene."


# -- navigation ---------------------------------------------------------------------------


def test_keyboard_moves_between_items(qtbot, view, meeting):
    with qtbot.waitActive(view):
        view.show()
        view.activateWindow()
    assert view.current_item_id() == meeting.items[0]
    view.panel.notes.setFocus()
    qtbot.keyClick(view.panel.notes, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert view.current_item_id() == meeting.items[1]
    assert view.panel.notes.hasFocus()  # writing can go on on the new item
    qtbot.keyClick(view.panel.notes, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert view.current_item_id() == meeting.items[2]
    qtbot.keyClick(view.panel.notes, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert view.current_item_id() == meeting.items[1]
    qtbot.keyClick(view.panel.notes, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert view.current_item_id() == meeting.items[0]
    assert not view.previous_button.isEnabled()
    assert view.position_label.text() == "Punkt 1 af 4"


def test_writing_goes_on_after_the_notes_already_there(qtbot, db, view, meeting):
    from visitation_app.services import agenda

    agenda.update_item(db, meeting.items[1], notes="Første linje.")
    view.refresh()
    with qtbot.waitActive(view):
        view.show()
        view.activateWindow()
    view.panel.notes.setFocus()
    qtbot.keyClick(view.panel.notes, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClicks(view.panel.notes, " Mere.")
    assert view.panel.notes.toPlainText() == "Første linje. Mere."


def test_buttons_and_agenda_strip_move_between_items(qtbot, view, meeting):
    qtbot.mouseClick(view.next_button, Qt.MouseButton.LeftButton)
    assert view.current_item_id() == meeting.items[1]
    view.strip.setCurrentRow(3)
    assert view.current_item_id() == meeting.items[3]
    assert not view.next_button.isEnabled()
    qtbot.mouseClick(view.previous_button, Qt.MouseButton.LeftButton)
    assert view.current_item_id() == meeting.items[2]


def test_shortcuts_for_the_overview(view):
    described = dict(view.shortcuts())
    assert any("Alt" in keys for keys in described)
    assert "Næste punkt på dagsordenen" in described.values()


# -- meeting status, clock and lock -------------------------------------------------------


def test_start_and_end_meeting_run_the_clock(qtbot, db, view, meeting, clock, monkeypatch):
    assert view.start_button.isVisibleTo(view) and not view.end_button.isVisibleTo(view)
    assert not view.clock.is_running()
    with qtbot.waitSignal(view.changed, timeout=1000):
        qtbot.mouseClick(view.start_button, Qt.MouseButton.LeftButton)
    assert meeting_service.get_meeting(db, meeting.id).status == MeetingStatus.IN_PROGRESS
    assert view.clock.is_running() and view.end_button.isVisibleTo(view)

    clock.advance(minutes=4, seconds=30)  # the first item has a 5-minute box: amber
    view.clock.tick()
    assert view.clock.signal == ClockSignal.AMBER
    assert view.clock.elapsed_label.text() == "04:30"
    view.next_item()  # switching restarts the item timer
    assert view.clock.elapsed_label.text() == "00:00"
    assert view.clock.signal == ClockSignal.NEUTRAL

    monkeypatch.setattr(during_module, "confirm", lambda *args: True)
    qtbot.mouseClick(view.end_button, Qt.MouseButton.LeftButton)
    assert meeting_service.get_meeting(db, meeting.id).status == MeetingStatus.HELD
    assert not view.clock.is_running()
    assert view.clock.box_label.text() == "Mødet er afsluttet"


def test_approved_meeting_is_read_only_until_reopened(qtbot, db, view, meeting):
    decide_lawfully(db, meeting.items[1])
    decide_lawfully(db, meeting.items[2], outcome="postponed")
    minutes_service.approve_minutes(db, meeting.id, by="Birgitte Østergaard")
    view.refresh()
    panel = show_case(view, meeting)
    assert view.banner.isVisibleTo(view)
    assert "låst" in view.banner.text()
    assert panel.notes.isReadOnly()
    assert panel.decision.service.isReadOnly()
    assert not panel.decision.outcome.isEnabled()
    assert not panel.actions.add_button.isEnabled()
    assert not view.attendance.boxes[meeting.participants[0]].isEnabled()

    meeting_service.reopen_meeting(db, meeting.id, by="Birgitte", reason="Forkert beløb")
    view.refresh()
    assert not view.banner.isVisibleTo(view)
    assert not view.panel.notes.isReadOnly()
    qtbot.keyClicks(view.panel.notes, "Rettet")
    qtbot.waitUntil(
        lambda: stored_item(db, meeting.id, meeting.items[1]).notes == "Rettet", timeout=SAVED
    )


def test_refresh_keeps_the_editor_being_typed_in(qtbot, db, view, meeting):
    panel = show_case(view, meeting)
    qtbot.keyClicks(panel.notes, "Halvt skrevet")
    agenda_service.update_item(db, meeting.items[0], time_box_minutes=10)
    view.refresh()
    assert view.panel is panel
    assert panel.notes.toPlainText() == "Halvt skrevet"
    assert "09:10" in panel.subtitle_label.text()  # the plan moved by five minutes
    assert view.clock.plan_label.text() == "Planlagt 09:10–09:30"


def test_empty_state_and_empty_agenda(qtbot, db, view):
    view.set_meeting(None)
    assert view.stack.currentWidget() is view.empty_label
    bare = meeting_service.create_meeting(
        db, title="Tomt", area="elderly", meeting_date=dt.date(2026, 12, 1), start_time=dt.time(9)
    )
    view.set_meeting(bare.id)
    assert view.panel is None
    assert view.scroll.widget() is view.no_items_label


# -- the clock's arithmetic ---------------------------------------------------------------


def _at(hour: int, minute: int, second: int = 0) -> dt.datetime:
    return dt.datetime(2026, 12, 3, hour, minute, second, tzinfo=ZONE)


@pytest.mark.parametrize(
    ("elapsed_seconds", "expected"),
    [
        (0, ClockSignal.NEUTRAL),
        (15 * 60 + 59, ClockSignal.NEUTRAL),
        (16 * 60, ClockSignal.AMBER),  # the last 20 % of a 20-minute box
        (20 * 60, ClockSignal.AMBER),
        (20 * 60 + 1, ClockSignal.RED),
    ],
)
def test_signal_thresholds(elapsed_seconds, expected):
    box = dt.timedelta(minutes=20)
    assert signal_for(dt.timedelta(seconds=elapsed_seconds), box) == expected


def test_behind_and_ahead_of_plan():
    late_start = item_timing(
        now=_at(10, 23),
        item_started_at=_at(10, 23),
        time_box_minutes=20,
        planned_start=_at(10, 20),
        planned_end=_at(10, 40),
    )
    assert late_start.plan_offset_minutes == 3
    early = item_timing(
        now=_at(10, 18, 10),
        item_started_at=_at(10, 18, 10),
        time_box_minutes=20,
        planned_start=_at(10, 20),
    )
    assert early.plan_offset_minutes == -2
    overrun = item_timing(
        now=_at(10, 45),
        item_started_at=_at(10, 20),
        time_box_minutes=20,
        planned_start=_at(10, 20),
        planned_end=_at(10, 40),
    )
    assert overrun.signal == ClockSignal.RED
    assert overrun.remaining == dt.timedelta(minutes=-5)
    assert overrun.plan_offset_minutes == 5
    other_day = item_timing(
        now=_at(10, 0) + dt.timedelta(days=3),
        item_started_at=_at(10, 0) + dt.timedelta(days=3),
        time_box_minutes=20,
        planned_start=_at(10, 0),
    )
    assert other_day.plan_offset_minutes is None


def test_clock_widget_with_injected_time(qtbot):
    fake = FakeClock(_at(10, 23))
    widget = MeetingClock(now=fake)
    qtbot.addWidget(widget)
    widget.begin_item(time_box_minutes=20, planned_start=_at(10, 20), planned_end=_at(10, 40))
    widget.set_running(True, "")
    assert "3 min. forsinket" in widget.plan_label.text()
    assert widget.signal == ClockSignal.NEUTRAL and widget.property("signal") == "neutral"
    fake.advance(minutes=16)
    widget.tick()
    assert widget.signal == ClockSignal.AMBER and widget.property("signal") == "amber"
    assert "04:00 tilbage" in widget.box_label.text()
    fake.advance(minutes=4, seconds=1)
    widget.tick()
    assert widget.signal == ClockSignal.RED
    assert "00:01 over tiden" in widget.box_label.text()

    fake.now = _at(10, 18)
    widget.begin_item(time_box_minutes=20, planned_start=_at(10, 20), planned_end=_at(10, 40))
    assert "2 min. foran" in widget.plan_label.text()


def test_alt_letters_move_to_the_main_fields(qtbot, view, meeting):
    panel = show_case(view, meeting)
    with qtbot.waitActive(view):
        view.show()
        view.activateWindow()
    view.strip.setFocus()
    for key, editor in (
        (Qt.Key.Key_N, panel.notes),
        (Qt.Key.Key_E, panel.citizen_voice.statement),
        (Qt.Key.Key_A, panel.decision.outcome),
        (Qt.Key.Key_U, panel.economy.annual_cost_ore),
    ):
        qtbot.keyClick(QApplication.focusWidget(), key, Qt.KeyboardModifier.AltModifier)
        assert editor.hasFocus(), key
    assert panel.notes_label.text() == "&Noter"
