"""Who took part, driven through the real widgets: arrival and leaving times beside each
person, 'Ankommer nu'/'Går nu' on an injected clock, the conflicts of interest of an item,
and the invitation to the citizen from the item editor 'Før mødet'."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from lawful import decide_lawfully
from PySide6.QtCore import Qt
from test_documents import text_of
from test_gui_during import SAVED, FakeClock, Meeting, build_meeting, show_case

from visitation_app.services import conflicts as conflict_service
from visitation_app.services import meetings as meeting_service
from visitation_app.services import minutes as minutes_service
from visitation_app.services.dossier import load_dossier
from visitation_app.ui import pdf_actions
from visitation_app.ui.before import item_editor as item_editor_module
from visitation_app.ui.before.before_view import BeforeView
from visitation_app.ui.during import attendance as attendance_module
from visitation_app.ui.during.during_view import DuringView

ZONE = ZoneInfo("Europe/Copenhagen")
SOREN, AASE, KAREN = 1, 2, 3  # indexes in Meeting.participants (Birgitte is 0)


@pytest.fixture
def meeting(db) -> Meeting:
    return build_meeting(db)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(dt.datetime(2026, 12, 3, 9, 7, tzinfo=ZONE))


@pytest.fixture
def view(qtbot, db, meeting, clock) -> DuringView:
    widget = DuringView(db, now=clock)
    qtbot.addWidget(widget, before_close_func=DuringView.discard_unsaved)
    widget.attendance.now = clock
    widget.resize(1100, 650)
    widget.show()  # focus moves with Tab only in a shown window
    qtbot.waitExposed(widget)
    widget.set_meeting(meeting.id)
    return widget


def stored(db, meeting: Meeting, index: int):
    pid = meeting.participants[index]
    return next(p for p in load_dossier(db, meeting.id).participants if p.id == pid)


def wall(moment: dt.datetime | None) -> str | None:
    return None if moment is None else moment.astimezone(ZONE).strftime("%H:%M")


# --- arrival and leaving -----------------------------------------------------------------


def test_typed_arrival_is_saved_ticks_present_and_is_tidied(qtbot, db, view, meeting):
    row = view.attendance.rows[meeting.participants[SOREN]]
    assert not row.box.isChecked()
    row.arrival.setFocus()
    qtbot.keyClicks(row.arrival, "920")
    qtbot.waitUntil(lambda: wall(stored(db, meeting, SOREN).arrived_at) == "09:20", timeout=SAVED)
    assert stored(db, meeting, SOREN).present is True
    assert row.box.isChecked()  # came at 09:20: so present
    qtbot.keyClick(row.arrival, Qt.Key.Key_Tab)  # leaving the field writes it the usual way
    assert row.arrival.text() == "09:20"
    assert row.leaving.hasFocus()  # and Tab goes on to 'gik'


def test_arrives_now_and_leaves_now_read_the_injected_clock(qtbot, db, view, meeting, clock):
    row = view.attendance.rows[meeting.participants[AASE]]
    clock.now = dt.datetime(2026, 12, 3, 9, 41, 50, tzinfo=ZONE)
    assert row.arrival.now_action.toolTip() == "Ankommer nu"
    row.arrival.now_action.trigger()
    assert row.arrival.text() == "09:41"
    assert wall(stored(db, meeting, AASE).arrived_at) == "09:41"  # saved at once
    clock.advance(minutes=44)
    assert row.leaving.now_action.toolTip() == "Går nu"
    row.leaving.now_action.trigger()
    after = stored(db, meeting, AASE)
    assert (wall(after.arrived_at), wall(after.left_at), after.present) == ("09:41", "10:25", True)


def test_leaving_before_arriving_is_refused_and_said(qtbot, db, view, meeting, clock, monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(
        attendance_module, "show_error", lambda parent, error: shown.append(str(error))
    )
    row = view.attendance.rows[meeting.participants[SOREN]]
    row.arrival.setFocus()
    qtbot.keyClicks(row.arrival, "10:00")
    qtbot.waitUntil(lambda: wall(stored(db, meeting, SOREN).arrived_at) == "10:00", timeout=SAVED)
    clock.now = dt.datetime(2026, 12, 3, 9, 30, tzinfo=ZONE)
    row.leaving.now_action.trigger()
    assert len(shown) == 1 and "Ret et af tidspunkterne" in shown[0]
    assert stored(db, meeting, SOREN).left_at is None
    assert row.leaving.property("invalid") is True
    assert "Søren Ærø kan ikke gå kl. 09:30" in view.save_status_text()


def test_a_time_that_is_not_a_time_is_marked_not_saved(qtbot, db, view, meeting):
    row = view.attendance.rows[meeting.participants[SOREN]]
    row.leaving.setFocus()
    qtbot.keyClicks(row.leaving, "25:70")
    qtbot.waitUntil(lambda: row.leaving.property("invalid") is True, timeout=SAVED)
    assert "TT:MM" in view.save_status_text()
    assert stored(db, meeting, SOREN).left_at is None
    row.leaving.selectAll()
    qtbot.keyClicks(row.leaving, "11:05")
    qtbot.waitUntil(lambda: wall(stored(db, meeting, SOREN).left_at) == "11:05", timeout=SAVED)
    assert not row.leaving.property("invalid")


def test_unticking_present_clears_the_times(qtbot, db, view, meeting):
    row = view.attendance.rows[meeting.participants[SOREN]]
    row.arrival.setFocus()
    qtbot.keyClicks(row.arrival, "09:20")
    qtbot.waitUntil(lambda: stored(db, meeting, SOREN).present is True, timeout=SAVED)
    row.box.setFocus()
    row.box.click()
    qtbot.waitUntil(lambda: stored(db, meeting, SOREN).present is False, timeout=SAVED)
    assert stored(db, meeting, SOREN).arrived_at is None
    assert row.arrival.text() == ""


def test_times_recorded_elsewhere_are_shown_in_the_meetings_zone(qtbot, db, view, meeting):
    from visitation_app.services import participants as participant_service

    participant_service.set_leaving(db, meeting.participants[AASE], "10:05")
    view.refresh()
    assert view.attendance.rows[meeting.participants[AASE]].leaving.text() == "10:05"
    assert view.attendance.boxes[meeting.participants[AASE]].isChecked()


def test_the_attendance_column_fits_at_1366_by_768(qtbot, db, meeting, clock):
    from visitation_app.ui.app import create_main_window

    window = create_main_window(db)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    view = window.during_view
    window.tabs.setCurrentWidget(view)
    view.set_meeting(meeting.id)
    qtbot.wait(10)
    shown_area = view.attendance.parentWidget()  # the scroll area's viewport
    assert view.attendance.rows
    for row in view.attendance.rows.values():
        right = row.leaving.mapTo(shown_area, row.leaving.rect().topRight()).x()
        assert right <= shown_area.width(), "the 'gik' field runs out of the column"


def test_approved_minutes_lock_the_times(qtbot, db, view, meeting):
    approve(db, meeting)
    view.refresh()
    row = view.attendance.rows[meeting.participants[SOREN]]
    assert row.arrival.isReadOnly() and row.leaving.isReadOnly()
    assert not row.arrival.now_action.isVisible()
    row.arrival.now_action.trigger()
    assert stored(db, meeting, SOREN).arrived_at is None


# --- conflicts of interest ---------------------------------------------------------------


def test_marking_a_conflict_records_who_does_not_take_part(qtbot, db, view, meeting):
    panel = show_case(view, meeting)
    conflicts = panel.conflicts
    assert conflicts.summary.text() == "Alle deltager i behandlingen af punktet."
    offered = [row.name for row in conflicts.rows.values()]
    assert offered == ["Birgitte Østergaard", "Søren Ærø", "Åse Lund"]  # not the citizen
    assert not conflicts.rows[meeting.participants[SOREN]].box.isVisible()  # closed
    conflicts.toggle.click()
    row = conflicts.rows[meeting.participants[SOREN]]
    assert row.box.isVisible() and not row.reason.isVisible()
    row.box.click()
    assert row.reason.isEnabled() and row.reason.hasFocus()
    qtbot.keyClicks(row.reason, "Nabo til borgeren")
    qtbot.waitUntil(
        lambda: (
            [
                (c.participant_id, c.reason)
                for c in conflict_service.item_conflicts(db, meeting.items[1])
            ]
            == [(meeting.participants[SOREN], "Nabo til borgeren")]
        ),
        timeout=SAVED,
    )
    assert conflicts.summary.text() == "Deltager ikke: Søren Ærø"
    # Closed again, the person stays listed with the reason; the others do not.
    conflicts.toggle.click()
    assert row.box.isVisible() and row.reason.text() == "Nabo til borgeren"
    assert not conflicts.rows[meeting.participants[AASE]].box.isVisible()


def test_conflicts_by_keyboard_alone(qtbot, db, view, meeting):
    panel = show_case(view, meeting)
    view.activateWindow()
    qtbot.waitActive(view)
    panel.notes.setFocus()
    qtbot.keyClick(panel.notes, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    conflicts = panel.conflicts
    assert conflicts.toggle.isChecked()
    assert "Ctrl+I" in conflicts.toggle.toolTip()
    first = conflicts.rows[meeting.participants[0]]
    assert first.box.hasFocus()
    qtbot.keyClick(first.box, Qt.Key.Key_Space)  # marked: the reason is next to type
    assert first.box.isChecked() and first.reason.hasFocus()
    qtbot.keyClicks(first.reason, "Søster til borgeren")
    qtbot.waitUntil(
        lambda: (
            conflict_service.item_conflicts(db, meeting.items[1])
            and conflict_service.item_conflicts(db, meeting.items[1])[0].reason
            == "Søster til borgeren"
        ),
        timeout=SAVED,
    )
    qtbot.keyClick(first.reason, Qt.Key.Key_Tab)  # on to the next person
    assert conflicts.rows[meeting.participants[SOREN]].box.hasFocus()


def test_the_conflict_belongs_to_its_item_only_and_can_be_withdrawn(qtbot, db, view, meeting):
    conflict_service.declare_conflict(
        db, meeting.items[1], meeting.participants[AASE], "Har rådgivet borgeren"
    )
    panel = show_case(view, meeting, 2)
    assert panel.conflicts.disqualified() == []
    panel = show_case(view, meeting, 1)
    row = panel.conflicts.rows[meeting.participants[AASE]]
    assert row.box.isChecked() and row.box.isVisible()
    assert panel.conflicts.summary.text() == "Deltager ikke: Åse Lund"
    row.box.click()
    view.next_item()  # saves on the way
    assert conflict_service.item_conflicts(db, meeting.items[1]) == []
    minutes = minutes_service.minutes_pdf(db, meeting.id)
    assert b"inhabil" not in minutes  # nothing said about a withdrawn conflict


def approve(db, meeting: Meeting) -> None:
    decide_lawfully(db, meeting.items[1])
    decide_lawfully(db, meeting.items[2], outcome="postponed")
    minutes_service.approve_minutes(db, meeting.id, by="Birgitte Østergaard")


def test_standard_items_have_no_conflicts_control_and_approved_is_read_only(
    qtbot, db, view, meeting
):
    assert view.panel.conflicts is None  # the approval of the agenda
    conflict_service.declare_conflict(db, meeting.items[1], meeting.participants[SOREN], "Nabo")
    approve(db, meeting)
    view.refresh()
    conflicts = show_case(view, meeting).conflicts
    row = conflicts.rows[meeting.participants[SOREN]]
    assert not row.box.isEnabled() and row.reason.isReadOnly()
    conflicts.toggle.click()  # still opens, to see the list
    assert not conflicts.rows[meeting.participants[AASE]].box.isEnabled()


# --- the invitation from 'Før mødet' -----------------------------------------------------


@pytest.fixture
def before(qtbot, db, meeting) -> BeforeView:
    widget = BeforeView(db)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    widget.set_meeting(meeting.id)
    return widget


@pytest.fixture
def saving(monkeypatch, tmp_path):
    """The save dialog answers with a file in tmp_path; the 'open it?' box is recorded."""
    record: dict[str, list] = {"names": [], "opened": [], "asked": []}

    def choose(parent, suggested):
        record["names"].append(suggested)
        return tmp_path / "invitation.pdf"

    monkeypatch.setattr(pdf_actions, "save_pdf_dialog", choose)
    monkeypatch.setattr(
        pdf_actions, "offer_to_open", lambda *args, **kwargs: record["opened"].append(args[1])
    )
    return record


def select_item(before: BeforeView, item_id: int) -> None:
    before.agenda.select_item(item_id)
    assert before.editor.item_id == item_id


def test_the_invitation_is_saved_and_the_day_noted_when_the_chair_says_yes(
    qtbot, db, before, meeting, saving, monkeypatch, tmp_path
):
    select_item(before, meeting.items[1])
    editor = before.editor
    editor.today = lambda: dt.date(2026, 11, 20)
    asked: list[str] = []
    monkeypatch.setattr(
        item_editor_module, "confirm", lambda parent, title, text: asked.append(text) or True
    )
    assert editor.invitation_button.isVisibleTo(editor)
    assert "visitation-app invitation" in editor.invitation_button.toolTip()
    editor.invitation_button.click()
    target = tmp_path / "invitation.pdf"
    assert saving["opened"] == [target]
    assert saving["names"] == ["Invitation Karen Jensen 2026-12-03.pdf"]
    text = " ".join(text_of(target.read_bytes()).split())
    assert "Invitation til møde om din sag" in text and "Karen Jensen" in text
    assert asked == [
        "Skal 20. november 2026 noteres som den dag, borgeren blev inviteret til mødet?"
    ]
    item = next(i for i in load_dossier(db, meeting.id).items if i.id == meeting.items[1])
    assert item.citizen_invited_on == dt.date(2026, 11, 20)
    assert editor.invited_on.value() == dt.date(2026, 11, 20)


def test_saying_no_leaves_the_invited_day_alone(qtbot, db, before, meeting, saving, monkeypatch):
    select_item(before, meeting.items[1])
    monkeypatch.setattr(item_editor_module, "confirm", lambda parent, title, text: False)
    before.editor.invitation_button.click()
    assert len(saving["opened"]) == 1
    item = next(i for i in load_dossier(db, meeting.id).items if i.id == meeting.items[1])
    assert item.citizen_invited_on is None


def test_a_refused_invitation_is_said_and_nothing_is_saved(
    qtbot, db, before, meeting, saving, monkeypatch
):
    meeting_service.start_meeting(db, meeting.id)
    meeting_service.end_meeting(db, meeting.id)
    before.refresh()
    select_item(before, meeting.items[1])
    shown: list[str] = []
    monkeypatch.setattr(pdf_actions, "show_error", lambda parent, error: shown.append(str(error)))
    before.editor.invitation_button.click()
    assert len(shown) == 1 and "allerede holdt" in shown[0]
    assert saving["names"] == [] and saving["opened"] == []


def test_standard_items_offer_no_invitation(qtbot, before, meeting):
    select_item(before, meeting.items[0])
    assert not before.editor.invitation_button.isVisibleTo(before.editor)
