"""Meeting packages from the window: the export dialog (encrypt, passphrase twice, the plain
warning), the import with its passphrase, the list of errors and the report."""

from __future__ import annotations

import json

import pytest
from package_support import export_bytes, new_database, row_counts, small_meeting
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialogButtonBox

from visitation_app.services import meetings
from visitation_app.services.meeting_package_import import import_package
from visitation_app.ui import package_actions
from visitation_app.ui.package_dialogs import ExportPackageDialog, ProblemsDialog, ReportDialog

PASSPHRASE = "kaffe og kringle 2026"


@pytest.fixture
def source(db):
    return small_meeting(db)


def ok_button(dialog):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def test_the_export_dialog_wants_a_good_passphrase_twice_or_no_encryption(qtbot):
    dialog = ExportPackageDialog(None, "Visitationsudvalget Ældre")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.encrypt.isChecked() and not ok_button(dialog).isEnabled()
    qtbot.keyClicks(dialog.passphrase, "kort")
    assert "mindst 8 tegn" in dialog.problem.text()
    qtbot.keyClicks(dialog.passphrase, " men nu længere")
    qtbot.keyClicks(dialog.repeat, "noget andet")
    assert "ikke ens" in dialog.problem.text() and not ok_button(dialog).isEnabled()
    dialog.repeat.clear()
    qtbot.keyClicks(dialog.repeat, "kort men nu længere")
    assert ok_button(dialog).isEnabled() and dialog.problem.isHidden()
    assert dialog.chosen_passphrase() == "kort men nu længere"
    assert dialog.warning.isHidden()
    qtbot.mouseClick(dialog.encrypt, Qt.MouseButton.LeftButton)
    assert not dialog.encrypt.isChecked()
    assert dialog.warning.isVisible() and "personoplysninger" in dialog.warning.text()
    assert ok_button(dialog).isEnabled() and dialog.chosen_passphrase() is None


def _fill(qtbot, passphrase: str | None):
    def run_dialog(dialog):
        qtbot.addWidget(dialog)
        if passphrase is None:
            dialog.encrypt.setChecked(False)
        else:
            qtbot.keyClicks(dialog.passphrase, passphrase)
            qtbot.keyClicks(dialog.repeat, passphrase)
        assert ok_button(dialog).isEnabled()
        return True

    return run_dialog


def test_export_encrypted_from_the_window(qtbot, db, source, tmp_path, monkeypatch):
    told = []
    target = tmp_path / "pakke.json"
    suggested = []
    monkeypatch.setattr(package_actions, "run_dialog", _fill(qtbot, PASSPHRASE))
    monkeypatch.setattr(
        package_actions, "ask_save_path", lambda parent, name: suggested.append(name) or target
    )
    monkeypatch.setattr(package_actions, "tell", lambda parent, title, text: told.append(text))
    assert package_actions.export_meeting_package(None, db, source.meeting_id) == target
    assert suggested == ["Mødepakke 2026-12-03 Visitationsudvalget Ældre.json"]
    assert json.loads(target.read_bytes())["format"] == "visitation-meeting-package-encrypted"
    assert "gemt krypteret" in told[0] and "personoplysninger" not in told[0]
    other = new_database(tmp_path)
    assert import_package(other, target.read_bytes(), PASSPHRASE).new_meeting
    other.close()


def test_export_unencrypted_warns_plainly(qtbot, db, source, tmp_path, monkeypatch):
    told = []
    monkeypatch.setattr(package_actions, "run_dialog", _fill(qtbot, None))
    monkeypatch.setattr(package_actions, "ask_save_path", lambda parent, name: tmp_path / "p")
    monkeypatch.setattr(package_actions, "tell", lambda parent, title, text: told.append(text))
    written = package_actions.export_meeting_package(None, db, source.meeting_id)
    assert written == tmp_path / "p" and json.loads(written.read_bytes())["version"] == 1
    assert "ikke krypteret" in told[0] and "personoplysninger" in told[0]


def test_import_asks_again_after_a_wrong_passphrase(qtbot, db, source, tmp_path, monkeypatch):
    path = tmp_path / "krypteret.json"
    path.write_bytes(export_bytes(db, source.meeting_id, tmp_path, passphrase=PASSPHRASE))
    target = new_database(tmp_path, "target.db")
    answers, asked, shown = iter(["forkert forkert", PASSPHRASE]), [], []
    monkeypatch.setattr(package_actions, "ask_open_path", lambda parent: path)
    monkeypatch.setattr(
        package_actions,
        "ask_passphrase",
        lambda parent, message: asked.append(message) or next(answers),
    )
    monkeypatch.setattr(package_actions, "run_dialog", lambda dialog: shown.append(dialog))
    meeting_id = package_actions.import_meeting_package(None, target)
    assert meetings.get_meeting(target, meeting_id).title == "Visitationsudvalget Ældre"
    assert "krypteret" in asked[0] and "ikke den, pakken blev krypteret med" in asked[1]
    [report] = shown
    assert isinstance(report, ReportDialog)
    qtbot.addWidget(report)
    assert "importeret som et nyt møde" in report.heading.text()
    assert report.conflicts.isHidden()
    target.close()


def test_a_refused_package_shows_every_error_copyable(qtbot, db, source, tmp_path, monkeypatch):
    document = json.loads(export_bytes(db, source.meeting_id, tmp_path))
    document["meeting"]["meeting_date"] = "2026-02-30"
    document["cases"][0]["cpr"] = "999999-9999"
    path = tmp_path / "dårlig.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    target = new_database(tmp_path, "target.db")
    before = row_counts(target)
    shown = []
    monkeypatch.setattr(package_actions, "ask_open_path", lambda parent: path)
    monkeypatch.setattr(package_actions, "run_dialog", lambda dialog: shown.append(dialog))
    assert package_actions.import_meeting_package(None, target) is None
    assert row_counts(target) == before
    [dialog] = shown
    assert isinstance(dialog, ProblemsDialog)
    qtbot.addWidget(dialog)
    lines = dialog.text.toPlainText().splitlines()
    assert [line.split(":")[0] for line in lines] == ["$.cases[0].cpr", "$.meeting.meeting_date"]
    assert dialog.text.isReadOnly() and "2 fejl" in dialog.heading.text()
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == dialog.text.toPlainText()
    target.close()


def test_conflicts_are_shown_in_the_report(qtbot, db, source, tmp_path, monkeypatch):
    other = new_database(tmp_path, "other.db")
    other_id = import_package(other, export_bytes(db, source.meeting_id, tmp_path)).meeting_id
    meetings.update_meeting(other, other_id, location="Lokale 7")
    meetings.update_meeting(db, source.meeting_id, location="Plejecentret")
    path = tmp_path / "retur.json"
    path.write_bytes(export_bytes(other, other_id, tmp_path))
    other.close()
    shown = []
    monkeypatch.setattr(package_actions, "ask_open_path", lambda parent: path)
    monkeypatch.setattr(package_actions, "run_dialog", lambda dialog: shown.append(dialog))
    assert package_actions.import_meeting_package(None, db) == source.meeting_id
    [report] = shown
    qtbot.addWidget(report)
    assert report.conflicts.rowCount() == 1
    cells = [report.conflicts.item(0, column).text() for column in range(5)]
    assert cells[:4] == ["Mødet", "Sted", '"Plejecentret"', '"Lokale 7"']
    assert "begge computere" in cells[4]
    assert meetings.get_meeting(db, source.meeting_id).location == "Plejecentret"


def test_cancelling_changes_nothing(qtbot, db, source, monkeypatch):
    monkeypatch.setattr(package_actions, "ask_open_path", lambda parent: None)
    assert package_actions.import_meeting_package(None, db) is None
    monkeypatch.setattr(package_actions, "run_dialog", lambda dialog: False)
    assert package_actions.export_meeting_package(None, db, source.meeting_id) is None
