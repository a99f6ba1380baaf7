"""CPR numbers in the real window: masked (010150-xxxx) in the case list and the meeting's
case facts, whole once the chair ticks 'Vis fulde CPR-numre' in the settings (at once, no
restart), the PDFs saved from the window following the setting, and the citizen's screen
never showing a CPR number at all."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from lawful import decide_lawfully
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtWidgets import QLabel, QWidget
from test_documents import text_of

from visitation_app.services import agenda as agenda_service
from visitation_app.services import cases as case_service
from visitation_app.services import meetings as meeting_service
from visitation_app.services import minutes as minutes_service
from visitation_app.ui import app as app_module
from visitation_app.ui import pdf_actions, preferences
from visitation_app.ui.after import dialogs
from visitation_app.ui.before.cases_panel import AvailableCasesModel
from visitation_app.ui.settings_dialog import SettingsDialog

DAY = dt.date(2026, 12, 3)
FULL = "010150-1234"
MASKED = "010150-xxxx"
WAITING_FULL = "020260-4321"
WAITING_MASKED = "020260-xxxx"
WHOLE_NUMBER = re.compile(r"\d{6}-?\d{4}")


@pytest.fixture(autouse=True)
def fresh_settings():
    app_module._set_names()
    QSettings().clear()
    yield
    QSettings().clear()


@pytest.fixture
def meeting(db) -> dict[str, int]:
    """Karen's case on the agenda (decided), Bo's case waiting in the list of cases."""
    meeting = meeting_service.create_meeting(
        db,
        title="Visitationsudvalget Ældre",
        area="elderly",
        meeting_date=DAY,
        start_time=dt.time(9, 0),
        chair_name="Birgitte Østergaard",
    )
    karen = case_service.create_case(
        db, area="elderly", citizen_name="Karen Jensen", cpr=FULL, applied_for="Praktisk hjælp"
    )
    case_service.create_case(
        db, area="elderly", citizen_name="Bo Ærenlund", cpr=WAITING_FULL, applied_for="Rollator"
    )
    item = agenda_service.add_case_item(db, meeting.id, karen.id)
    decide_lawfully(db, item.id)
    return {"meeting": meeting.id, "item": item.id}


@pytest.fixture
def window(qtbot, db, meeting):
    win = app_module.create_main_window(db)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    win.meeting_list.select_meeting(meeting["meeting"])
    return win


def case_list_texts(window) -> list[str]:
    """The citizen column of the case list, as the table shows it."""
    model = window.tabs.widget(0).cases.table.model()
    return [model.index(row, AvailableCasesModel.CITIZEN).data() for row in range(model.rowCount())]


def case_facts(window, qtbot, item_id: int):
    window.show_phase(1)
    during = window.tabs.widget(1)
    if during.current_item_id() != item_id:
        assert during.go_to_item(item_id)
    return during.panel.case_facts


def on_the_box(box) -> QPoint:
    """Where the check box's box is (the widget is as wide as the form)."""
    return QPoint(8, box.height() // 2)


def change_cpr_setting(qtbot, parent: QWidget, *, full: bool) -> None:
    """Tick or untick 'Vis fulde CPR-numre' in the real settings dialog and press OK."""
    dialog = SettingsDialog(parent)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    if dialog.full_cpr_box.isChecked() != full:
        qtbot.mouseClick(
            dialog.full_cpr_box, Qt.MouseButton.LeftButton, pos=on_the_box(dialog.full_cpr_box)
        )
    assert dialog.full_cpr_box.isChecked() == full
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert preferences.show_full_cpr() == full


def label_texts(widget: QWidget) -> str:
    return "\n".join(label.text() for label in widget.findChildren(QLabel))


def test_the_case_list_shows_the_birth_date_only_until_the_setting_says_whole(qtbot, window):
    assert case_list_texts(window) == [f"Bo Ærenlund ({WAITING_MASKED})"]
    change_cpr_setting(qtbot, window, full=True)
    assert case_list_texts(window) == [f"Bo Ærenlund ({WAITING_FULL})"]
    change_cpr_setting(qtbot, window, full=False)
    assert case_list_texts(window) == [f"Bo Ærenlund ({WAITING_MASKED})"]


def test_the_case_list_finds_a_citizen_by_the_whole_number_even_masked(qtbot, window):
    search = window.tabs.widget(0).cases.search
    qtbot.keyClicks(search, "0202604321")
    assert case_list_texts(window) == [f"Bo Ærenlund ({WAITING_MASKED})"]
    search.clear()
    qtbot.keyClicks(search, "999999")
    assert case_list_texts(window) == []


def test_the_case_facts_in_the_meeting_follow_the_setting_at_once(qtbot, window, meeting):
    facts = case_facts(window, qtbot, meeting["item"])
    assert facts.values["cpr"].text() == MASKED
    assert FULL not in label_texts(window)
    change_cpr_setting(qtbot, window, full=True)
    # The same panel (nothing rebuilt, nothing typed lost) now shows the whole number.
    assert window.tabs.widget(1).panel.case_facts is facts
    assert facts.values["cpr"].text() == FULL


def test_cancel_changes_nothing(qtbot, window, meeting):
    facts = case_facts(window, qtbot, meeting["item"])
    dialog = SettingsDialog(window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.mouseClick(
        dialog.full_cpr_box, Qt.MouseButton.LeftButton, pos=on_the_box(dialog.full_cpr_box)
    )
    dialog.reject()
    assert not preferences.show_full_cpr()
    assert facts.values["cpr"].text() == MASKED
    assert case_list_texts(window) == [f"Bo Ærenlund ({WAITING_MASKED})"]


def save_from_window(monkeypatch, tmp_path, export, window, meeting_id: int) -> str:
    target = tmp_path / "saved.pdf"
    monkeypatch.setattr(pdf_actions, "save_pdf_dialog", lambda parent, name: target)
    monkeypatch.setattr(pdf_actions, "offer_to_open", lambda parent, path, what, note=None: None)
    assert export(window, window.db, meeting_id) == target
    return " ".join(text_of(target.read_bytes()).split())


@pytest.mark.parametrize("export", [pdf_actions.export_agenda_pdf, pdf_actions.export_minutes_pdf])
def test_documents_saved_from_the_window_follow_the_setting(
    qtbot, monkeypatch, tmp_path, window, meeting, export
):
    text = save_from_window(monkeypatch, tmp_path, export, window, meeting["meeting"])
    assert MASKED in text and not WHOLE_NUMBER.search(text)
    change_cpr_setting(qtbot, window, full=True)
    text = save_from_window(monkeypatch, tmp_path, export, window, meeting["meeting"])
    assert FULL in text and "xxxx" not in text


def test_minutes_approved_in_the_window_keep_the_setting(qtbot, monkeypatch, db, window, meeting):
    change_cpr_setting(qtbot, window, full=True)
    window.show_phase(2)
    after = window.tabs.widget(2)
    monkeypatch.setattr(dialogs, "ask_approval", lambda parent, chair: "Birgitte Østergaard")
    qtbot.mouseClick(after.approve_button, Qt.MouseButton.LeftButton)
    change_cpr_setting(qtbot, window, full=False)
    # Approved minutes are printed exactly as approved: with the whole number.
    text = " ".join(text_of(minutes_service.minutes_pdf(db, meeting["meeting"])).split())
    assert "UDKAST" not in text and FULL in text


def test_the_citizen_screen_never_shows_a_cpr_number_even_with_the_setting(qtbot, window, meeting):
    change_cpr_setting(qtbot, window, full=True)
    case_facts(window, qtbot, meeting["item"])
    during = window.tabs.widget(1)
    qtbot.mouseClick(during.citizen_screen.button, Qt.MouseButton.LeftButton)
    screen = during.citizen_screen.screen
    assert screen is not None and screen.isVisible()
    try:
        text = label_texts(screen)
        assert "Karen Jensen" in text  # the screen shows her own part of the meeting
        assert FULL not in text and MASKED not in text and not re.search(r"\d{6}", text)
    finally:
        screen.close()
