"""Starting the window: the first start sets a passphrase, an encrypted database asks for
it (again, with a clear message, after a wrong one), and Ctrl+O does the same."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QFileDialog

from visitation_app.services import meetings as meeting_service
from visitation_app.store import cipher
from visitation_app.store.database import open_database
from visitation_app.ui import app as app_module
from visitation_app.ui import preferences
from visitation_app.ui.instance_lock import release_database
from visitation_app.ui.passphrase_dialogs import (
    NewPassphraseDialog,
    PassphrasePromptDialog,
    PlainDatabaseWarning,
)

PASSPHRASE = "korrekt hest batteri"


@pytest.fixture(autouse=True)
def names():
    app_module._set_names()


@pytest.fixture
def first_choice(qtbot, monkeypatch):
    """Answer the first start's passphrase dialog: a passphrase, 'plain', or 'cancel'."""
    answer = {"value": PASSPHRASE, "asked": 0}

    def fake_exec(dialog: NewPassphraseDialog) -> int:
        answer["asked"] += 1
        if answer["value"] == "cancel":
            dialog.cancel_button.click()
        elif answer["value"] == "plain":
            monkeypatch.setattr(PlainDatabaseWarning, "exec", lambda box: box.plain_button.click())
            dialog.plain_button.click()
        else:
            qtbot.keyClicks(dialog.fields.new_edit, answer["value"])
            qtbot.keyClicks(dialog.fields.repeat_edit, answer["value"])
            dialog.ok_button.click()
        return dialog.result()

    monkeypatch.setattr(NewPassphraseDialog, "exec", fake_exec)
    return answer


@pytest.fixture
def prompt(qtbot, monkeypatch):
    """Type the given passphrases into the real prompt one by one (None: cancel); the
    problem the prompt showed each time is recorded."""
    record = {"answers": [], "problems": [], "texts": []}

    def fake_exec(dialog: PassphrasePromptDialog) -> int:
        label = dialog.problem_label
        record["problems"].append(label.text() if not label.isHidden() else None)
        record["texts"].append([text.text() for text in dialog.findChildren(type(label))])
        answer = record["answers"].pop(0)
        if answer is None:
            dialog.cancel_button.click()
        else:
            qtbot.keyClicks(dialog.edit, answer)
            dialog.ok_button.click()
        return dialog.result()

    monkeypatch.setattr(PassphrasePromptDialog, "exec", fake_exec)
    return record


@pytest.fixture
def opened():
    """Databases a test opened; closed and their window locks let go afterwards."""
    databases = []
    yield databases
    for db in databases:
        if db is not None:
            db.close()
            release_database(db.path)


def encrypted_database(path, passphrase=PASSPHRASE, title="Visitationsudvalget"):
    db = open_database(path, create=True, passphrase=passphrase)
    meeting_service.create_meeting(
        db, title=title, area="elderly", meeting_date=dt.date(2026, 12, 3),
        start_time=dt.time(9),
    )  # fmt: skip
    db.close()
    return path


# -- the first start ---------------------------------------------------------------------------


def test_first_start_with_the_demo_encrypts_it_with_the_chosen_passphrase(
    qtbot, tmp_path, monkeypatch, first_choice, opened
):
    monkeypatch.setattr(app_module, "ask_for_demo", lambda parent=None: True)
    preferences.set_chair_name("Birgitte Østergaard")
    path = tmp_path / "visitation.db"
    db = app_module.open_first_database(path, is_default_path=True)
    opened.append(db)

    assert db.encrypted and db.passphrase_matches(PASSPHRASE)
    assert len(meeting_service.list_meetings(db)) == 3
    assert cipher.is_encrypted(path)
    assert not path.read_bytes().startswith(cipher.SQLITE_HEADER)
    assert db.actor == "Birgitte Østergaard"
    with pytest.raises(cipher.PassphraseRequiredError):
        open_database(path)


def test_first_start_with_an_empty_encrypted_database(
    qtbot, tmp_path, monkeypatch, first_choice, opened
):
    monkeypatch.setattr(app_module, "ask_for_demo", lambda parent=None: False)
    path = tmp_path / "visitation.db"
    db = app_module.open_first_database(path, is_default_path=True)
    opened.append(db)
    assert db.encrypted and meeting_service.list_meetings(db) == []
    assert cipher.is_encrypted(path)


def test_first_start_without_encryption_only_after_the_warning(
    qtbot, tmp_path, monkeypatch, first_choice, opened
):
    monkeypatch.setattr(app_module, "ask_for_demo", lambda parent=None: True)
    first_choice["value"] = "plain"
    path = tmp_path / "visitation.db"
    db = app_module.open_first_database(path, is_default_path=True)
    opened.append(db)
    assert not db.encrypted and len(meeting_service.list_meetings(db)) == 3
    assert path.read_bytes().startswith(cipher.SQLITE_HEADER)


def test_cancelling_the_first_passphrase_makes_nothing_and_quits(
    qtbot, tmp_path, monkeypatch, first_choice
):
    monkeypatch.setattr(app_module, "ask_for_demo", lambda parent=None: True)
    first_choice["value"] = "cancel"
    path = tmp_path / "visitation.db"
    assert app_module.open_first_database(path, is_default_path=True) is None
    assert not path.exists()


def test_a_new_file_named_on_the_command_line_asks_for_a_passphrase_but_offers_no_demo(
    qtbot, tmp_path, monkeypatch, first_choice, opened
):
    def no_demo_question(parent=None):
        raise AssertionError("the demo is offered at the default place only")

    monkeypatch.setattr(app_module, "ask_for_demo", no_demo_question)
    db = app_module.open_first_database(tmp_path / "andet.db", is_default_path=False)
    opened.append(db)
    assert db.encrypted and first_choice["asked"] == 1


# -- an encrypted database at start ------------------------------------------------------------


def test_a_wrong_passphrase_asks_again_with_a_clear_message(qtbot, tmp_path, prompt, opened):
    path = encrypted_database(tmp_path / "visitation.db")
    prompt["answers"] = ["forkert frase", "også forkert", PASSPHRASE]
    db = app_module.open_first_database(path, is_default_path=True)
    opened.append(db)

    assert db.encrypted and [m.title for m in meeting_service.list_meetings(db)] == [
        "Visitationsudvalget"
    ]
    wrong = (
        "Adgangsfrasen passer ikke. Tjek store og små bogstaver, Caps Lock og "
        "tastaturlayoutet, og prøv igen."
    )
    assert prompt["problems"] == [None, wrong, wrong]
    assert (
        "Databasen visitation.db er krypteret. Skriv adgangsfrasen for at åbne den."
        in (prompt["texts"][0])
    )


def test_cancelling_the_passphrase_offers_another_file_or_quitting(
    qtbot, tmp_path, monkeypatch, prompt
):
    path = encrypted_database(tmp_path / "visitation.db")
    prompt["answers"] = [None]
    offered = []

    def choose(error, failed_path):
        offered.append(str(error))
        return None  # "Afslut"

    monkeypatch.setattr(app_module, "choose_after_failure", choose)
    assert app_module.open_first_database(path, is_default_path=True) is None
    assert offered == [
        f"Databasen {path} er krypteret, og den blev ikke åbnet uden sin adgangsfrase."
    ]


def test_a_plain_database_opens_without_any_question(qtbot, db_path, opened):
    plain = open_database(db_path, create=True)
    plain.close()
    db = app_module.open_first_database(db_path, is_default_path=False)
    opened.append(db)
    assert not db.encrypted


# -- Ctrl+O --------------------------------------------------------------------------------------


@pytest.fixture
def window(qtbot, db):
    win = app_module.create_main_window(db)
    qtbot.addWidget(win)
    win.show()
    yield win
    win.db.close()


def test_opening_an_encrypted_file_from_the_window_asks_for_its_passphrase(
    qtbot, window, tmp_path, monkeypatch, prompt
):
    other = encrypted_database(tmp_path / "andet.db", title="Møde i den krypterede database")
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(other), ""))
    )
    assert window.encryption.warning.isVisible()  # the test's own database is plain

    prompt["answers"] = [None]
    window.open_action.trigger()
    assert window.db.path != other.resolve()  # cancelled: the window stays where it was

    prompt["answers"] = ["forkert frase", PASSPHRASE]
    window.open_action.trigger()
    assert window.db.path == other.resolve() and window.db.encrypted
    assert window.meeting_list.current_meeting_id() is not None
    assert prompt["problems"][-1].startswith("Adgangsfrasen passer ikke.")
    assert not window.encryption.warning.isVisible()
    assert window.encryption.change_action.isEnabled()
    assert not window.encryption.encrypt_action.isEnabled()


def test_opening_the_file_already_open_changes_nothing(qtbot, window, monkeypatch):
    views = window.views()
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(window.db.path), ""))
    )
    window.open_action.trigger()
    assert window.views() == views  # nothing rebuilt, nothing read again
    assert window.statusBar().currentMessage() == "Databasen er allerede åben."
