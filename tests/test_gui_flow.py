"""The whole meeting through the real main window: prepare, hold, decide, approve, export.

Only the modal dialogs are replaced: each replacement fills in the real dialog's widgets and
presses its OK button, as the chair would.
"""

from __future__ import annotations

import datetime as dt

from pypdf import PdfReader
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog

from visitation_app.domain.vocabulary import MeetingStatus
from visitation_app.services import meetings as meeting_service
from visitation_app.services.dossier import load_dossier
from visitation_app.ui import pdf_actions
from visitation_app.ui.after import dialogs
from visitation_app.ui.app import create_main_window
from visitation_app.ui.before.case_dialog import NewCaseDialog
from visitation_app.ui.before.meeting_dialog import NewMeetingDialog

JUSTIFICATION = "Borgeren kan ikke længere selv klare personlig hygiejne efter faldet."


def filled_in(qtbot, fill):
    """A replacement for QDialog.exec that fills the dialog and presses its OK button."""

    def exec_(dialog: QDialog) -> int:
        fill(qtbot, dialog)
        dialog.accept()
        return dialog.result()

    return exec_


def fill_meeting(qtbot, dialog: NewMeetingDialog) -> None:
    dialog.title_edit.clear()
    qtbot.keyClicks(dialog.title_edit, "Visitationsudvalget for ældre")
    dialog.date_edit.setDate(QDate(2026, 12, 3))
    dialog.chair_edit.clear()
    qtbot.keyClicks(dialog.chair_edit, "Birgitte Østergaard")


def fill_case(qtbot, dialog: NewCaseDialog) -> None:
    fields = dialog.fields
    qtbot.keyClicks(fields.citizen_name, "Karen Ågård Jensen")
    qtbot.keyClicks(fields.cpr, "010140-1234")
    qtbot.keyClicks(fields.applied_for, "Personlig pleje morgen og aften")
    qtbot.keyClicks(fields.legal_basis.lineEdit(), "ÆL § 10")
    qtbot.keyClicks(fields.case_worker, "Søren Ærø")
    dialog.agenda_check.setChecked(False)  # put on the agenda from the list, below


def test_whole_meeting_through_the_main_window(qtbot, db, tmp_path, monkeypatch):
    window = create_main_window(db)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()

    # Before: a new meeting, a participant, a case put on the agenda.
    monkeypatch.setattr(NewMeetingDialog, "exec", filled_in(qtbot, fill_meeting))
    qtbot.mouseClick(window.meeting_list.new_button, Qt.MouseButton.LeftButton)
    meeting_id = window.current_meeting_id()
    assert meeting_id is not None
    assert meeting_service.get_meeting(db, meeting_id).chair_name == "Birgitte Østergaard"

    before = window.before_view
    qtbot.keyClicks(before.participants.name_edit, "Søren Ærø")
    qtbot.mouseClick(before.participants.add_button, Qt.MouseButton.LeftButton)

    monkeypatch.setattr(NewCaseDialog, "exec", filled_in(qtbot, fill_case))
    qtbot.mouseClick(before.cases.new_button, Qt.MouseButton.LeftButton)
    assert before.cases.selected_case_id() is not None
    qtbot.mouseClick(before.cases.add_button, Qt.MouseButton.LeftButton)
    dossier = load_dossier(db, meeting_id)
    assert [p.name for p in dossier.participants] == ["Søren Ærø"]
    assert [item.title for item in dossier.items] == [
        "Karen Ågård Jensen: Personlig pleje morgen og aften"
    ]

    # During: start the meeting and record the decision.
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    during = window.during_view
    assert window.tabs.currentWidget() is during
    qtbot.mouseClick(during.start_button, Qt.MouseButton.LeftButton)
    assert meeting_service.get_meeting(db, meeting_id).status == MeetingStatus.IN_PROGRESS
    assert during.clock.is_running()
    during.attendance.boxes[dossier.participants[0].id].click()
    form = during.panel.decision
    qtbot.keyClicks(form.outcome, "Bevilget")
    qtbot.keyClicks(form.service, "Personlig pleje")
    qtbot.keyClicks(form.extent, "2 besøg dagligt, i alt 5 timer om ugen")
    qtbot.keyClicks(form.legal_basis, "Ældreloven § 10")
    qtbot.keyClicks(form.justification, JUSTIFICATION)
    form.valid_from.set_value(dt.date(2027, 1, 1))
    qtbot.keyClicks(during.panel.economy.annual_cost_ore, "125.000,50")
    qtbot.waitUntil(
        lambda: (
            (item := load_dossier(db, meeting_id).items[0]).decision is not None
            and item.decision.annual_cost_ore == 12500050
        ),
        timeout=3000,
    )
    assert during.save_status_text().startswith("Gemt")
    # An ongoing service needs a review date before the checklist is satisfied.
    assert form.checklist.status_label.text() == "Kladde: der mangler noget"
    form.review_date.set_value(dt.date(2027, 7, 1))
    qtbot.waitUntil(
        lambda: form.checklist.status_label.text().startswith("Kladde: komplet"), timeout=3000
    )
    qtbot.mouseClick(form.checklist.finalise_button, Qt.MouseButton.LeftButton)
    assert form.checklist.status_label.text() == "Endelig"

    # After: approve the minutes, then export them.
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    after = window.after_view
    assert window.tabs.currentWidget() is after
    assert after.summary.outcomes.text() == "Bevilget: 1"
    assert after.summary.total_cost.text() == "125.000,50 kr."
    monkeypatch.setattr(dialogs, "ask_approval", lambda parent, chair: chair)
    qtbot.mouseClick(after.approve_button, Qt.MouseButton.LeftButton)
    assert meeting_service.get_meeting(db, meeting_id).status == MeetingStatus.APPROVED
    assert after.banner.isVisible()

    target = tmp_path / "referat.pdf"
    monkeypatch.setattr(pdf_actions, "save_pdf_dialog", lambda parent, name: target)
    monkeypatch.setattr(pdf_actions, "offer_to_open", lambda parent, path, what, note=None: None)
    qtbot.mouseClick(after.minutes_button, Qt.MouseButton.LeftButton)
    text = "\n".join(page.extract_text() for page in PdfReader(target).pages)
    assert "Personlig pleje" in text
    assert "Ældreloven § 10" in text
    assert "ikke længere selv klare personlig hygiejne" in text
    assert "125.000,50 kr." in text
    assert "Side 1 af" in text

    # Back in "During the meeting" the approved meeting is locked.
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert during.banner.isVisible()
    assert during.panel.decision.service.isReadOnly()
    window.close()
