"""Deleting data after the retention period from the window: tick, reason, confirm, report."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from sqlmodel import select

from visitation_app.services import agenda
from visitation_app.services import cases as case_service
from visitation_app.services import meetings as meeting_service
from visitation_app.store.models import Case
from visitation_app.ui import preferences, retention_dialog
from visitation_app.ui.retention_dialog import CITIZEN, CPR, RetentionDialog, open_retention

LATER = dt.date.today() + dt.timedelta(days=6 * 366)


@pytest.fixture
def citizens(db):
    db.actor = "Mette Skov"
    meeting = meeting_service.create_meeting(
        db, title="Møde", area="elderly", meeting_date=dt.date.today(), start_time=dt.time(9)
    )
    ids = []
    for name, cpr in (("Anna Ørsted", "010150-1234"), ("Bo Berg", "")):
        case = case_service.create_case(db, area="elderly", citizen_name=name, cpr=cpr)
        agenda.add_case_item(db, meeting.id, case.id)
        ids.append(case.id)
    return ids


@pytest.fixture
def dialog(qtbot, db, citizens) -> RetentionDialog:
    widget = RetentionDialog(db, today=LATER, years=5)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def remaining(db) -> list[str]:
    with db.session() as session:
        return sorted(case.citizen_name for case in session.exec(select(Case)).all())


def tick(dialog: RetentionDialog, name: str) -> None:
    row = next(r for r, c in enumerate(dialog.citizens) if c.citizen_name == name)
    dialog.table.item(row, CITIZEN).setCheckState(Qt.CheckState.Checked)


def test_the_citizens_due_are_listed_with_a_masked_cpr_number(dialog):
    rows = {
        dialog.table.item(r, CITIZEN).text(): dialog.table.item(r, CPR).text()
        for r in range(dialog.table.rowCount())
    }
    assert rows == {"Anna Ørsted": "010150-xxxx", "Bo Berg": ""}
    assert not dialog.delete_button.isEnabled()


def test_deleting_needs_a_tick_a_reason_and_a_confirmation(qtbot, db, dialog, monkeypatch):
    asked = []

    def confirm(_parent, _title, text):
        asked.append(text)
        return True

    monkeypatch.setattr(retention_dialog, "confirm", confirm)
    tick(dialog, "Anna Ørsted")
    assert not dialog.delete_button.isEnabled()  # no reason yet
    qtbot.keyClicks(dialog.reason, "Opbevaringsperioden er udløbet")
    assert dialog.delete_button.isEnabled()
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert "Alle data om 1 borger slettes endeligt" in asked[0]
    assert remaining(db) == ["Bo Berg"]
    assert dialog.pages.currentIndex() == 1
    report = dialog.report_view.toPlainText()
    assert "Data om 1 borger er slettet: 1 sag" in report
    assert "Der er taget en ny sikkerhedskopi" in report
    assert dialog.report is not None and dialog.report.citizens == 1


def test_saying_no_deletes_nothing(qtbot, db, dialog, monkeypatch):
    monkeypatch.setattr(retention_dialog, "confirm", lambda *args: False)
    tick(dialog, "Anna Ørsted")
    tick(dialog, "Bo Berg")
    qtbot.keyClicks(dialog.reason, "Udløbet")
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert remaining(db) == ["Anna Ørsted", "Bo Berg"]
    assert dialog.pages.currentIndex() == 0 and dialog.report is None


def test_a_reason_naming_the_citizen_is_refused_with_a_message(qtbot, db, dialog, monkeypatch):
    shown = []
    monkeypatch.setattr(retention_dialog, "confirm", lambda *args: True)
    monkeypatch.setattr(retention_dialog, "show_error", lambda _p, error, _t: shown.append(error))
    tick(dialog, "Anna Ørsted")
    qtbot.keyClicks(dialog.reason, "Anna Ørsted er flyttet")
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert "uden borgerens navn" in str(shown[0])
    assert remaining(db) == ["Anna Ørsted", "Bo Berg"] and dialog.pages.currentIndex() == 0


def test_the_retention_period_comes_from_the_settings(db, citizens, monkeypatch):
    preferences.set_retention_years(10)
    opened: list[RetentionDialog] = []
    monkeypatch.setattr(RetentionDialog, "exec", lambda self: opened.append(self) or 0)
    assert open_retention(None, db) is None
    [dialog] = opened
    assert dialog.years == 10 and dialog.citizens == []  # nobody is that old today
    assert dialog.empty.isVisibleTo(dialog)
