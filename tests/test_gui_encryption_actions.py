"""Filer → Sikkerhed in the window: encrypting a plain database, changing the passphrase
(the backups along with it), what the chair is told, and the PDFs' note."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog

from visitation_app.domain.errors import UserError
from visitation_app.services import meetings as meeting_service
from visitation_app.store import cipher
from visitation_app.store.backup import check_database
from visitation_app.store.database import backup_before_migration, open_database
from visitation_app.store.rotating_backups import backup_at_start
from visitation_app.ui import app as app_module
from visitation_app.ui import encryption_actions, export_notice, pdf_actions, preferences
from visitation_app.ui import main_window as main_window_module
from visitation_app.ui.encryption_actions import RekeyReportBox
from visitation_app.ui.instance_lock import release_database
from visitation_app.ui.passphrase_dialogs import NewPassphraseDialog

OLD = "den gamle frase"
NEW = "korrekt hest batteri"


def make_meetings(path: Path, passphrase: str | None) -> list[int]:
    db = open_database(path, create=True, passphrase=passphrase)
    ids = [
        meeting_service.create_meeting(
            db, title=title, area="elderly", meeting_date=day, start_time=dt.time(9)
        ).id
        for title, day in (
            ("Oktobermødet", dt.date(2026, 10, 1)),
            ("Decembermødet", dt.date(2026, 12, 3)),
        )
    ]
    db.close()
    return ids


def opens_with(path: Path, passphrase: str | None) -> bool:
    try:
        return check_database(path, passphrase=passphrase).ok
    except cipher.PassphraseError:
        return False


@pytest.fixture
def new_passphrase(qtbot, monkeypatch):
    """Fill in the passphrase dialog: the current passphrases tried in turn, then `NEW`."""
    record = {"current": [], "problems": []}

    def fake_exec(dialog: NewPassphraseDialog) -> int:
        qtbot.keyClicks(dialog.fields.new_edit, NEW)
        qtbot.keyClicks(dialog.fields.repeat_edit, NEW)
        for current in record["current"] or [None]:
            if current is not None:
                dialog.current_edit.clear()
                qtbot.keyClicks(dialog.current_edit, current)
            dialog.ok_button.click()
            if dialog.result() != QDialog.DialogCode.Accepted:
                record["problems"].append(dialog.current_problem.text())
        if dialog.result() != QDialog.DialogCode.Accepted:
            dialog.cancel_button.click()
        return dialog.result()

    monkeypatch.setattr(NewPassphraseDialog, "exec", fake_exec)
    return record


def open_window(qtbot, path: Path, passphrase: str | None, meeting_id: int):
    app_module._set_names()
    db = open_database(path, passphrase=passphrase)
    window = app_module.create_main_window(db)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.meeting_list.select_meeting(meeting_id)
    window.show_phase(2)
    return window


@pytest.fixture
def cleanup():
    windows = []
    yield windows
    for window in windows:
        window.db.close()
        release_database(window.db.path)


def test_encrypting_from_the_status_bar_encrypts_the_file_and_its_copies(
    qtbot, tmp_path, new_passphrase, cleanup
):
    path = tmp_path / "visitation.db"
    october, december = make_meetings(path, None)
    copies = [backup_at_start(path), backup_before_migration(path, "0005")]
    window = open_window(qtbot, path, None, october)
    cleanup.append(window)
    actions = window.encryption
    assert actions.warning.isVisible()
    assert actions.warning.label.text() == "⚠ Databasen er ikke krypteret."
    assert not actions.change_action.isEnabled() and actions.encrypt_action.isEnabled()

    actions.warning.button.click()

    assert window.db.encrypted and window.db.passphrase_matches(NEW)
    assert cipher.is_encrypted(path) and not opens_with(path, None)
    for copy in copies:
        assert cipher.is_encrypted(copy) and opens_with(copy, NEW), copy
    assert not actions.warning.isVisible()
    assert actions.change_action.isEnabled() and not actions.encrypt_action.isEnabled()
    assert window.current_meeting_id() == october  # the same meeting, the same phase
    assert window.tabs.currentIndex() == 2
    assert window.during_view.meeting_id() == october
    assert window.statusBar().currentMessage() == (
        "Databasen er krypteret. Sikkerhedskopier krypteret med den nye adgangsfrase: 2."
    )
    assert [m.id for m in meeting_service.list_meetings(window.db)] == [december, october]


def test_changing_the_passphrase_needs_the_current_one(qtbot, tmp_path, new_passphrase, cleanup):
    path = tmp_path / "visitation.db"
    october, _december = make_meetings(path, OLD)
    backup = backup_at_start(path, passphrase=OLD)
    window = open_window(qtbot, path, OLD, october)
    cleanup.append(window)
    assert not window.encryption.warning.isVisible()

    new_passphrase["current"] = ["ikke den gamle", OLD]
    window.encryption.change_action.trigger()

    assert new_passphrase["problems"] == [
        "Det er ikke den nuværende adgangsfrase. Tjek den, og prøv igen."
    ]
    assert window.db.passphrase_matches(NEW) and not window.db.passphrase_matches(OLD)
    assert opens_with(path, NEW) and not opens_with(path, OLD)
    assert opens_with(backup, NEW) and not opens_with(backup, OLD)
    assert window.current_meeting_id() == october


def test_a_failure_leaves_the_file_as_it_was_and_the_window_working(
    qtbot, tmp_path, new_passphrase, cleanup, monkeypatch
):
    path = tmp_path / "visitation.db"
    october, december = make_meetings(path, OLD)
    window = open_window(qtbot, path, OLD, december)
    cleanup.append(window)
    before = path.read_bytes()
    shown = []

    def full_disk(*args):
        raise UserError("Disken er fuld.")

    monkeypatch.setattr(encryption_actions, "rekey_database_and_backups", full_disk)
    monkeypatch.setattr(
        encryption_actions, "show_error", lambda parent, error, title=None: shown.append(title)
    )
    new_passphrase["current"] = [OLD]
    assert not window.encryption.change_passphrase()

    assert shown == ["Databasen blev ikke ændret"]
    assert path.read_bytes() == before
    assert window.db.passphrase_matches(OLD)
    assert [m.id for m in meeting_service.list_meetings(window.db)] == [december, october]
    # The window works on a fresh, registered connection: this process never reads the
    # open file's header (which would drop SQLite's locks).
    assert cipher.is_open_here(path)
    assert window.current_meeting_id() == december


def test_a_copy_that_could_not_be_rekeyed_is_reported_plainly(
    qtbot, tmp_path, new_passphrase, cleanup, monkeypatch
):
    path = tmp_path / "visitation.db"
    october, _december = make_meetings(path, OLD)
    stray = backup_at_start(path, passphrase=OLD)
    cipher.rekey_file(stray, OLD, "en frase ingen kender")
    window = open_window(qtbot, path, OLD, october)
    cleanup.append(window)
    told = []
    monkeypatch.setattr(
        RekeyReportBox, "exec", lambda box: told.append((box.text(), box.informativeText()))
    )
    new_passphrase["current"] = [OLD]
    assert window.encryption.change_passphrase()

    assert not stray.exists()
    assert told == [
        (
            "Databasen er krypteret med den nye adgangsfrase, men ikke alle dens kopier:",
            f"Sikkerhedskopien {stray} kunne ikke krypteres med den nye adgangsfrase, "
            "så den blev slettet.",
        )
    ]


# -- the PDFs -------------------------------------------------------------------------------------


def test_the_first_pdf_of_an_encrypted_database_says_it_is_not_encrypted(
    qtbot, tmp_path, monkeypatch, cleanup
):
    monkeypatch.setattr(export_notice, "_told", False)
    path = tmp_path / "visitation.db"
    october, _december = make_meetings(path, OLD)
    window = open_window(qtbot, path, OLD, october)
    cleanup.append(window)
    notes = []
    targets = iter([tmp_path / "dagsorden.pdf", tmp_path / "referat.pdf"])
    monkeypatch.setattr(pdf_actions, "save_pdf_dialog", lambda parent, name: next(targets))
    monkeypatch.setattr(
        pdf_actions, "offer_to_open", lambda parent, path, what, note=None: notes.append(note)
    )
    window.agenda_action.trigger()
    window.minutes_action.trigger()

    assert notes == [
        "PDF-filen er ikke krypteret, og den indeholder personoplysninger. Gem den kun, hvor "
        "andre ikke kan læse den, og slet den, når den ikke skal bruges længere.",
        None,  # once per session
    ]
    assert (tmp_path / "referat.pdf").exists()


def test_a_plain_database_gives_no_pdf_note(qtbot, db, tmp_path, monkeypatch):
    monkeypatch.setattr(export_notice, "_told", False)
    assert export_notice.unencrypted_export_note(db) is None
    assert export_notice._told is False


# -- the settings ---------------------------------------------------------------------------------


def test_the_settings_reach_the_idle_lock_and_the_audit_name(qtbot, db, monkeypatch):
    app_module._set_names()
    window = app_module.create_main_window(db)
    qtbot.addWidget(window)

    def settings_saved(parent) -> bool:
        preferences.set_idle_lock_minutes(3)
        preferences.set_chair_name("Birgitte Østergaard")
        return True

    monkeypatch.setattr(main_window_module, "open_settings", settings_saved)
    assert window.settings_action.shortcut().toString() == "Ctrl+,"
    window.settings_action.trigger()
    assert window.idle_lock.minutes() == 3
    assert window.db.actor == "Birgitte Østergaard"
