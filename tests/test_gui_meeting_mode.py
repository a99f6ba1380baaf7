"""Meeting mode driven by its keys and buttons, with a clock the test moves by hand."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlmodel import col, select

from visitation_app.domain.clock import ClockSignal
from visitation_app.domain.vocabulary import MeetingStatus
from visitation_app.services import agenda as agenda_service
from visitation_app.services import cases as case_service
from visitation_app.services import meetings as meeting_service
from visitation_app.services import participants as participant_service
from visitation_app.services import timing as timing_service
from visitation_app.services.dossier import load_dossier
from visitation_app.store.models import ItemTiming, Meeting, MeetingEvent
from visitation_app.ui.during import meeting_mode as mode_module
from visitation_app.ui.during.during_view import DuringView
from visitation_app.ui.during.meeting_mode import MeetingModeWindow
from visitation_app.ui.shortcuts import key_text

ZONE = ZoneInfo("Europe/Copenhagen")
START = dt.datetime(2026, 12, 3, 9, 0, tzinfo=ZONE)


class FakeClock:
    """A clock the test moves by hand: no real waiting."""

    def __init__(self, start: dt.datetime) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


def at(minutes: float) -> dt.datetime:
    return (START + dt.timedelta(minutes=minutes)).astimezone(dt.UTC)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


@pytest.fixture
def agenda(db) -> tuple[int, list[int]]:
    """Agenda approval (5 min), two cases (20 and 15 min), any other business (5 min)."""
    meeting = meeting_service.create_meeting(
        db,
        title="Visitationsudvalget",
        area="elderly",
        meeting_date=START.date(),
        start_time=dt.time(9),
        chair_name="Birgitte Østergaard",
    )
    participant_service.add_participant(db, meeting.id, name="Birgitte Østergaard", role="chair")
    first = agenda_service.add_standard_item(db, meeting.id, "approve_agenda", time_box_minutes=5)
    karen = case_service.create_case(
        db, area="elderly", citizen_name="Karen Jensen", applied_for="Personlig pleje"
    )
    jorgen = case_service.create_case(
        db, area="elderly", citizen_name="Jørgen Ølgaard", applied_for="El-kørestol"
    )
    case_1 = agenda_service.add_case_item(db, meeting.id, karen.id, 20)
    case_2 = agenda_service.add_case_item(db, meeting.id, jorgen.id, 15)
    last = agenda_service.add_standard_item(
        db, meeting.id, "any_other_business", time_box_minutes=5
    )
    return meeting.id, [first.id, case_1.id, case_2.id, last.id]


@pytest.fixture
def view(qtbot, db, agenda, clock) -> DuringView:
    widget = DuringView(db, now=clock)
    qtbot.addWidget(widget, before_close_func=DuringView.discard_unsaved)
    widget.resize(1100, 650)
    widget.set_meeting(agenda[0])
    return widget


@pytest.fixture
def mode(qtbot, view) -> MeetingModeWindow:
    """Meeting mode opened with F5 from 'Under mødet', active and ready for keys."""
    with qtbot.waitActive(view):
        view.show()
        view.activateWindow()
    qtbot.keyClick(view, Qt.Key.Key_F5)
    window = view.meeting_mode.window
    assert window is not None and window.isVisible()
    activate(qtbot, window)
    yield window
    if view.meeting_mode.is_open():
        window.close()


def activate(qtbot, window) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)


def press(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(window, key, modifier)


def stretches(db, item_id: int) -> list[tuple[dt.datetime, dt.datetime | None]]:
    with db.session() as session:
        rows = session.exec(
            select(ItemTiming)
            .where(ItemTiming.agenda_item_id == item_id)
            .order_by(col(ItemTiming.id))
        ).all()
        return [(row.started_at, row.ended_at) for row in rows]


def event_kinds(db, meeting_id: int) -> list[str]:
    with db.session() as session:
        return list(
            session.exec(
                select(MeetingEvent.kind)
                .where(MeetingEvent.meeting_id == meeting_id)
                .order_by(col(MeetingEvent.id))
            ).all()
        )


# -- opening --------------------------------------------------------------------------------


def test_f5_and_the_button_open_meeting_mode_on_the_current_item(qtbot, db, view, agenda, mode):
    assert mode.current_item_id() == agenda[1][0]
    assert "1. Godkendelse af dagsorden" in mode.title_label.text()
    assert mode.next_label.text() == "Næste: 2. Karen Jensen: Personlig pleje (20 min.)"
    assert mode.item_clock.time_label.text() == "05:00"  # the whole time box, not started
    assert "mellemrum" in mode.item_clock.detail_label.text()
    assert mode.meeting_clock.time_label.text() == "45:00"
    mode.close()
    qtbot.mouseClick(view.page.mode_button, Qt.MouseButton.LeftButton)
    assert view.meeting_mode.is_open()
    assert "F5" in view.page.mode_button.toolTip()
    assert (key_text("F5"), "Mødetilstand: det store ur til mødelederen") in view.shortcuts()


# -- the clock ------------------------------------------------------------------------------


def test_signal_colours_at_the_right_moments(qtbot, db, agenda, mode, clock):
    press(qtbot, mode, Qt.Key.Key_Space)  # start on the 5-minute agenda approval
    assert mode.item_signal == ClockSignal.NEUTRAL
    for elapsed, item_signal, text in (
        (dict(minutes=3, seconds=59), ClockSignal.NEUTRAL, "01:01"),
        (dict(seconds=1), ClockSignal.AMBER, "01:00"),  # 4:00: the last fifth begins
        (dict(minutes=1), ClockSignal.AMBER, "00:00"),  # 5:00: exactly the time box
        (dict(seconds=1), ClockSignal.RED, "+00:01"),  # exceeded
    ):
        clock.advance(**elapsed)
        mode.tick()
        assert mode.item_signal == item_signal
        assert mode.item_clock.time_label.text() == text
        assert mode.item_clock.property("signal") == item_signal.value
    assert mode.item_clock.caption_label.text() == "Over punktets tidsramme"
    assert mode.meeting_signal == ClockSignal.NEUTRAL  # 5 of the meeting's 45 minutes
    assert mode.meeting_clock.time_label.text() == "39:59"

    clock.advance(minutes=31)  # 36:01 used of 45: the meeting's last fifth
    mode.tick()
    assert mode.meeting_signal == ClockSignal.AMBER
    clock.advance(minutes=9)
    mode.tick()
    assert mode.meeting_signal == ClockSignal.RED
    assert mode.meeting_clock.caption_label.text() == "Mødet er over tiden"


def test_the_timer_ticks_by_itself(qtbot, db, view, agenda, clock):
    window = MeetingModeWindow(db, agenda[0], now=clock, tick_ms=10)
    qtbot.addWidget(window)
    window.toggle_run()
    clock.advance(minutes=4, seconds=30)
    qtbot.waitUntil(lambda: window.item_signal == ClockSignal.AMBER, timeout=2000)
    assert window.item_clock.time_label.text() == "00:30"


def test_pause_freezes_the_clock_and_resume_continues(qtbot, db, view, agenda, mode, clock):
    meeting_id, items = agenda
    press(qtbot, mode, Qt.Key.Key_Right)
    press(qtbot, mode, Qt.Key.Key_Space)  # start on Karen's case (20 min)
    clock.advance(minutes=2)
    press(qtbot, mode, Qt.Key.Key_Space)  # pause
    assert event_kinds(db, meeting_id) == ["started", "paused"]
    assert mode.toggle_button.text().endswith("Fortsæt")
    clock.advance(minutes=10)
    mode.tick()
    assert mode.item_clock.time_label.text() == "18:00"  # frozen during the pause
    assert mode.state_label.text() == "PAUSE 10:00"
    assert not view.clock.is_running()
    assert view.clock.box_label.text() == "Mødet holder pause"

    press(qtbot, mode, Qt.Key.Key_Space)  # resume
    clock.advance(minutes=1)
    mode.tick()
    assert mode.item_clock.time_label.text() == "17:00"
    assert mode.state_label.text() == "Mødet er i gang"
    assert stretches(db, items[1]) == [(at(0), at(2)), (at(12), None)]
    view.clock.tick()
    assert view.clock.elapsed_label.text() == "03:00"  # the view counts the recorded time too


# -- keys -----------------------------------------------------------------------------------


def test_every_action_has_a_key_in_its_tooltip_and_in_the_overview(qtbot, mode):
    buttons = {
        mode.toggle_button: key_text("Space"),
        mode.next_button: key_text("Right"),
        mode.previous_button: key_text("Left"),
        mode.end_button: key_text("Ctrl+End"),
        mode.full_screen_button: "F11",
        mode.overview_button: "F1",
        mode.close_button: key_text("Esc"),
    }
    for button, key in buttons.items():
        assert key in button.toolTip(), button.toolTip()
    press(qtbot, mode, Qt.Key.Key_F1)
    overview = mode.overview
    assert overview is not None and overview.isVisible()
    rows = dict(overview.rows())
    # Seven buttons with their keys, and the citizen screen's two keys.
    assert len(rows) == len(mode.shortcuts()) == 9
    tooltips = {b.toolTip() for b in buttons}
    for keys, text in mode.shortcuts():
        assert rows[keys] == text
        assert f"{text} ({keys})" in tooltips or "borgerskærm" in text.lower()
    assert "PgDown" in key_text("PgDown") and key_text("PgDown") in next(
        keys for keys, text in rows.items() if text == "Næste punkt"
    )
    overview.close()
    qtbot.waitUntil(lambda: mode.overview is None, timeout=1000)
    activate(qtbot, mode)
    qtbot.keyClicks(mode, "?")
    assert mode.overview is not None and mode.overview.isVisible()
    mode.overview.close()


def test_keys_start_move_pause_and_end_the_meeting(
    qtbot, db, view, agenda, mode, clock, monkeypatch
):
    meeting_id, items = agenda
    press(qtbot, mode, Qt.Key.Key_Space)
    assert meeting_service.get_meeting(db, meeting_id).status == MeetingStatus.IN_PROGRESS
    assert view.end_button.isVisibleTo(view)  # the view learnt that the meeting started
    clock.advance(minutes=3)
    press(qtbot, mode, Qt.Key.Key_Right)
    assert mode.current_item_id() == items[1]
    assert view.current_item_id() == items[1]  # the during view moved along
    assert stretches(db, items[0]) == [(at(0), at(3))]
    assert stretches(db, items[1]) == [(at(3), None)]
    clock.advance(minutes=10)
    press(qtbot, mode, Qt.Key.Key_PageDown)  # a presenter's clicker
    assert mode.current_item_id() == items[2]
    clock.advance(minutes=1)
    press(qtbot, mode, Qt.Key.Key_Left)
    assert mode.current_item_id() == items[1] == view.current_item_id()
    assert stretches(db, items[2]) == [(at(13), at(14))]
    assert stretches(db, items[1]) == [(at(3), at(13)), (at(14), None)]
    clock.advance(minutes=2)
    press(qtbot, mode, Qt.Key.Key_PageUp)
    assert mode.current_item_id() == items[0]
    assert not mode.previous_action.isEnabled()  # the first item: nothing before it

    asked = []
    monkeypatch.setattr(mode_module, "confirm", lambda *args: asked.append(args) or True)
    clock.advance(minutes=1)
    press(qtbot, mode, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert asked
    assert meeting_service.get_meeting(db, meeting_id).status == MeetingStatus.HELD
    assert stretches(db, items[0]) == [(at(0), at(3)), (at(16), at(17))]
    assert not mode.toggle_action.isEnabled() and not mode.end_action.isEnabled()
    assert mode.item_clock.caption_label.text() == "Brugt på punktet"
    assert mode.meeting_clock.time_label.text() == "17:00"
    assert not view.clock.is_running()


def test_full_screen_with_f11_and_esc_then_esc_closes(qtbot, view, mode):
    press(qtbot, mode, Qt.Key.Key_F11)
    qtbot.waitUntil(mode.isFullScreen, timeout=2000)
    press(qtbot, mode, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not mode.isFullScreen(), timeout=2000)
    assert mode.isVisible()
    press(qtbot, mode, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not view.meeting_mode.is_open(), timeout=2000)


# -- in step with 'Under mødet' -------------------------------------------------------------


def test_moving_in_the_during_view_moves_meeting_mode_and_the_clock(
    qtbot, db, view, agenda, mode, clock
):
    meeting_id, items = agenda
    press(qtbot, mode, Qt.Key.Key_Space)
    clock.advance(minutes=4)
    view.next_item()  # Alt+→ in 'Under mødet'
    assert mode.current_item_id() == items[1]
    assert stretches(db, items[1]) == [(at(4), None)]
    assert "2. Karen Jensen" in mode.title_label.text()
    # While paused, browsing records nothing; resuming continues on the item on screen.
    press(qtbot, mode, Qt.Key.Key_Space)
    view.next_item()
    assert mode.current_item_id() == items[2]
    assert stretches(db, items[2]) == []
    clock.advance(minutes=5)
    press(qtbot, mode, Qt.Key.Key_Space)
    assert stretches(db, items[2]) == [(at(9), None)]
    assert event_kinds(db, meeting_id) == ["started", "paused", "resumed"]


def test_an_approved_meeting_is_shown_but_never_timed(qtbot, db, view, agenda, mode, clock):
    meeting_id, items = agenda
    with db.session() as session:
        row = session.get(Meeting, meeting_id)
        row.status = MeetingStatus.APPROVED.value
        session.add(row)
    mode.reload()
    assert not mode.toggle_action.isEnabled()
    press(qtbot, mode, Qt.Key.Key_Space)
    press(qtbot, mode, Qt.Key.Key_Right)  # browsing still works
    assert mode.current_item_id() == items[1]
    assert all(not item.timings for item in load_dossier(db, meeting_id).items)
    assert mode.state_label.text() == "Referatet er godkendt"
    assert mode.item_clock.caption_label.text() == "Der er ikke registreret tid på punktet"


def test_choosing_another_meeting_closes_meeting_mode(qtbot, view, mode):
    view.set_meeting(None)
    qtbot.waitUntil(lambda: not view.meeting_mode.is_open(), timeout=2000)


def test_a_paused_meeting_opens_on_the_item_it_paused_on(qtbot, db, agenda, clock):
    meeting_id, items = agenda
    timing_service.start_item(db, items[2], at(0))
    timing_service.pause_meeting(db, meeting_id, at(3))
    clock.advance(minutes=5)
    view = DuringView(db, now=clock)
    qtbot.addWidget(view, before_close_func=DuringView.discard_unsaved)
    view.set_meeting(meeting_id)
    assert view.current_item_id() == items[2]  # not the first item: where the meeting stands
    assert view.clock.box_label.text() == "Mødet holder pause"
    window = MeetingModeWindow(db, meeting_id, now=clock, during=view)
    qtbot.addWidget(window)
    assert window.current_item_id() == items[2]
    assert window.item_clock.time_label.text() == "12:00"  # 3 of Jørgen's 15 minutes used
    assert window.item_clock.detail_label.text() == (
        "Pause i 02:00 – tryk på mellemrum for at fortsætte"
    )
    assert window.toggle_button.text().endswith("Fortsæt")


def test_the_citizen_screen_keys_work_in_meeting_mode(qtbot, view, mode):
    press(qtbot, mode, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert view.citizen_screen.is_open()
    activate(qtbot, mode)
    press(qtbot, mode, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert not view.citizen_screen.is_open()
