"""The history of a case in the window: reached from the case, long values readable, printed."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt

from visitation_app.services import agenda
from visitation_app.services import cases as case_service
from visitation_app.services import meetings as meeting_service
from visitation_app.ui import audit_dialog
from visitation_app.ui.audit_dialog import AFTER, BEFORE, AuditDialog
from visitation_app.ui.before.item_editor import ItemEditor

LONG = "Borgeren har brug for hjælp til at komme i bad. " * 20


@pytest.fixture
def case_id(db) -> int:
    db.actor = "Mette Skov"
    case = case_service.create_case(
        db, area="elderly", citizen_name="Anna Ørsted", cpr="010150-1234", summary="Kort"
    )
    case_service.update_case(db, case.id, summary=LONG)
    return case.id


@pytest.fixture
def dialog(qtbot, db, case_id) -> AuditDialog:
    widget = AuditDialog(db, case_id)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_the_history_lists_every_change_with_long_values_elided(dialog):
    table = dialog.table
    assert table.rowCount() == len(dialog.trail.lines) == 5  # 4 fields created, 1 changed
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert headers == ["Tidspunkt", "Hvem", "Hvad", "Felt", "Før", "Efter"]
    last = table.rowCount() - 1
    assert table.item(last, BEFORE).text() == "Kort"
    shown = table.item(last, AFTER)
    assert shown.text().endswith("…") and len(shown.text()) <= 80
    assert shown.toolTip() == LONG
    cpr_row = next(r for r in range(table.rowCount()) if table.item(r, 3).text() == "CPR-nummer")
    assert table.item(cpr_row, AFTER).text() == "010150-xxxx"


def test_selecting_a_change_shows_its_values_in_full(qtbot, dialog):
    table = dialog.table
    last = table.rowCount() - 1
    rect = table.visualItemRect(table.item(last, AFTER))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert LONG.strip() in dialog.detail.toPlainText()
    assert "Før: Kort" in dialog.detail.toPlainText()


def test_print_saves_the_history_as_a_pdf(qtbot, dialog, tmp_path, monkeypatch):
    target = tmp_path / "historik.pdf"
    offered = []
    monkeypatch.setattr(audit_dialog, "save_pdf_dialog", lambda parent, name: target)
    monkeypatch.setattr(audit_dialog, "offer_to_open", lambda *a, **k: offered.append(a[1]))
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    assert offered == [target]
    text = " ".join(PdfReader(io.BytesIO(target.read_bytes())).pages[0].extract_text().split())
    assert "Revisionsspor" in text and "Anna Ørsted" in text and "Mette Skov" in text


def test_the_case_editor_opens_the_history_with_what_was_just_typed(qtbot, db, monkeypatch):
    db.actor = "Mette Skov"
    meeting = meeting_service.create_meeting(
        db, title="Møde", area="elderly", meeting_date=dt.date(2026, 12, 3), start_time=dt.time(9)
    )
    case = case_service.create_case(db, area="elderly", citizen_name="Bo Berg")
    agenda.add_case_item(db, meeting.id, case.id)
    editor = ItemEditor(db)
    qtbot.addWidget(editor)
    editor.show()
    editor.show_case(case.id)
    assert editor.history_button.isVisible()
    shown: list[AuditDialog] = []
    monkeypatch.setattr(AuditDialog, "exec", lambda self: shown.append(self) or 0)
    summary = editor.case_fields.editor("summary")
    summary.setFocus()
    qtbot.keyClicks(summary, "Ønsker hjemmehjælp")
    qtbot.mouseClick(editor.history_button, Qt.MouseButton.LeftButton)
    [opened] = shown
    assert opened.trail.title == f"Historik for sag {case.id}: Bo Berg"
    assert ("Sagsresumé", "Ønsker hjemmehjælp") in {
        (line.field, line.after) for line in opened.trail.lines
    }
    editor.show_item(None)
    assert not editor.history_button.isVisible()
