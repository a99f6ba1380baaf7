"""The main window: meeting list, phases, menus, shortcuts, status bar, start-up and files."""

from __future__ import annotations

import datetime as dt
import sys

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from visitation_app.domain.errors import UserError
from visitation_app.services import agenda as agenda_service
from visitation_app.services import cases as case_service
from visitation_app.services import meetings as meeting_service
from visitation_app.services import minutes as minutes_service
from visitation_app.services.dossier import load_dossier
from visitation_app.store.database import open_database
from visitation_app.ui import app as app_module
from visitation_app.ui import main_window as main_window_module
from visitation_app.ui import meeting_list as meeting_list_module
from visitation_app.ui.after.after_view import AfterView
from visitation_app.ui.before.before_view import BeforeView
from visitation_app.ui.before.meeting_dialog import NewMeetingDialog
from visitation_app.ui.during.during_view import DuringView
from visitation_app.ui.meeting_list import MeetingListModel
from visitation_app.ui.passphrase_dialogs import FirstChoice
from visitation_app.ui.shortcuts import ShortcutsDialog

SAVED = 3000  # ms to wait for an autosave (its delay is 400 ms)


def make_meeting(db, title: str, day: dt.date, area: str = "elderly") -> int:
    return meeting_service.create_meeting(
        db, title=title, area=area, meeting_date=day, start_time=dt.time(9, 0)
    ).id


@pytest.fixture(autouse=True)
def fresh_settings():
    """QSettings live in the test session's temporary home; each test starts without them."""
    app_module._set_names()
    QSettings().clear()
    yield
    QSettings().clear()


@pytest.fixture(autouse=True)
def unsaved_questions(monkeypatch):
    """Closing asks when something typed cannot be saved; answer "close anyway" and count.

    (Autosavers of earlier tests' views may still be alive in the process; without this a
    forgotten invalid field there would leave a question open and the test hanging.)
    """
    asked: list[str] = []

    def answer(parent, title, text, *args):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", staticmethod(answer))
    return asked


@pytest.fixture
def window(qtbot, db):
    win = app_module.create_main_window(db)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    win.activateWindow()
    qtbot.waitActive(win)
    return win


def test_the_window_is_built_from_the_three_real_phase_views(window, db):
    assert window.windowTitle() == f"Visitationsmøder – {db.path.name}"
    assert [window.tabs.tabText(i) for i in range(3)] == ["Før mødet", "Under mødet", "Efter mødet"]
    assert isinstance(window.tabs.widget(0), BeforeView)
    assert isinstance(window.tabs.widget(1), DuringView)
    assert isinstance(window.tabs.widget(2), AfterView)
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus == ["&Filer", "&Rediger", "&Vis", "&Hjælp"]
    assert window.meeting_list.empty_hint.isVisible()


def test_the_window_fits_a_small_laptop_screen(window):
    assert window.minimumSizeHint().width() <= 1366
    assert window.minimumSizeHint().height() <= 768


def test_selecting_a_meeting_shows_it_in_every_phase(qtbot, db):
    older = make_meeting(db, "Ældreudvalget oktober", dt.date(2026, 10, 1))
    newer = make_meeting(db, "Ældreudvalget december", dt.date(2026, 12, 3))
    minutes_service.approve_minutes(db, older, by="Birgitte")
    win = app_module.create_main_window(db)
    qtbot.addWidget(win)

    model = win.meeting_list.model
    assert [model.index(r, MeetingListModel.TITLE).data() for r in range(2)] == [
        "Ældreudvalget december",
        "Ældreudvalget oktober",
    ]
    assert model.index(1, MeetingListModel.STATUS).data() == "Referat godkendt"
    assert model.index(0, MeetingListModel.STATUS).data() == "Planlagt"
    assert win.current_meeting_id() == newer  # the newest, the first time
    assert win.before_view.meeting_id == newer

    win.meeting_list.select_meeting(older)
    assert win.before_view.meeting_id == older
    assert win.before_view.banner.isVisibleTo(win.before_view)


def test_the_last_selected_meeting_is_selected_again_next_time(qtbot, db):
    first = make_meeting(db, "Første", dt.date(2026, 10, 1))
    make_meeting(db, "Andet", dt.date(2026, 12, 3))
    win = app_module.create_main_window(db)
    qtbot.addWidget(win)
    win.meeting_list.select_meeting(first)
    win.close()

    again = app_module.create_main_window(db)
    qtbot.addWidget(again)
    assert again.current_meeting_id() == first


def test_ctrl_n_creates_a_meeting_and_opens_it_before_the_meeting(qtbot, window, db, monkeypatch):
    window.show_phase(2)

    def fake_exec(dialog: NewMeetingDialog) -> int:
        dialog.title_edit.clear()
        qtbot.keyClicks(dialog.title_edit, "Visitationsudvalget uge 2")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(NewMeetingDialog, "exec", fake_exec)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)

    rows = meeting_service.list_meetings(db)
    assert [row.title for row in rows] == ["Visitationsudvalget uge 2"]
    assert window.current_meeting_id() == rows[0].id
    assert window.tabs.currentIndex() == 0
    assert window.before_view.details.title_edit.text() == "Visitationsudvalget uge 2"
    assert not window.meeting_list.empty_hint.isVisible()


def test_ctrl_1_2_3_switch_phases(qtbot, window):
    for key, index in ((Qt.Key.Key_2, 1), (Qt.Key.Key_3, 2), (Qt.Key.Key_1, 0)):
        qtbot.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)
        assert window.tabs.currentIndex() == index
        assert window.phase_actions[index].isChecked()


def test_the_status_bar_says_saved_after_an_autosave(qtbot, db, monkeypatch):
    meeting = make_meeting(db, "Visitationsudvalget", dt.date(2026, 12, 3))
    win = app_module.create_main_window(db)
    qtbot.addWidget(win)
    win.show()
    title = win.before_view.details.title_edit
    title.end(False)
    qtbot.keyClicks(title, " uge 49")
    qtbot.waitUntil(lambda: win.statusBar().currentMessage() == "Gemt", timeout=SAVED)
    assert meeting_service.get_meeting(db, meeting).title == "Visitationsudvalget uge 49"
    # ... and the list on the left follows the new title.
    assert win.meeting_list.model.index(0, MeetingListModel.TITLE).data().endswith("uge 49")

    title.clear()
    qtbot.keyClicks(title, " ")
    qtbot.waitUntil(
        lambda: win.statusBar().currentMessage() == "Ikke gemt: Titel skal udfyldes.",
        timeout=SAVED,
    )
    qtbot.keyClicks(title, "Visitationsudvalget")  # valid again: nothing left to ask about
    qtbot.waitUntil(lambda: win.statusBar().currentMessage() == "Gemt", timeout=SAVED)


def test_closing_with_something_unsaveable_asks_first(qtbot, window, db, unsaved_questions):
    make_meeting(db, "Visitationsudvalget", dt.date(2026, 12, 3))
    window.meeting_list.load()
    title = window.before_view.details.title_edit
    title.selectAll()
    qtbot.keyClick(title, Qt.Key.Key_Delete)
    window.close()
    assert len(unsaved_questions) == 1
    assert "markeret med rødt" in unsaved_questions[0]


def test_f1_lists_the_shortcuts_of_every_part(qtbot, window, monkeypatch):
    shown = {}

    def fake_exec(dialog: ShortcutsDialog) -> int:
        shown["rows"] = dialog.rows()
        shown["groups"] = [
            dialog.tree.topLevelItem(i).text(0) for i in range(dialog.tree.topLevelItemCount())
        ]
        return 0

    monkeypatch.setattr(ShortcutsDialog, "exec", fake_exec)
    qtbot.keyClick(window, Qt.Key.Key_F1)

    assert shown["groups"] == ["Overalt", "Før mødet", "Under mødet"]
    rows = dict(shown["rows"])
    assert rows["Ctrl+N"] == "Nyt møde"
    assert rows["Ctrl+O"] == "Åbn database"
    assert rows["Ctrl+E"] == "Eksportér referat som PDF"
    assert rows["Ctrl+Q"] == "Afslut"
    assert rows["Ctrl+1"] == "Før mødet"
    assert rows["F1"] == "Tastaturgenveje"
    texts = [text for _keys, text in shown["rows"]]
    assert "Flyt det valgte dagsordenspunkt ned" in texts
    for keys, text in window.during_view.shortcuts():  # the other phase's own keys
        assert (keys, text) in shown["rows"]


def _move_first_agenda_item_down(qtbot, window, db):
    """A meeting with two items, the first moved down with Ctrl+Down in the agenda."""
    meeting = make_meeting(db, "Visitationsudvalget", dt.date(2026, 12, 3))
    for kind in ("approve_agenda", "follow_up"):
        agenda_service.add_standard_item(db, meeting, kind)
    window.meeting_list.reload()
    window.meeting_list.select_meeting(meeting)
    agenda = window.before_view.agenda
    first = load_dossier(db, meeting).items[0]
    agenda.select_item(first.id)
    agenda.table.setFocus()
    qtbot.keyClick(agenda.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    return meeting, first


def test_edit_undo_acts_on_the_agenda_when_it_has_focus(qtbot, window, db):
    meeting, first = _move_first_agenda_item_down(qtbot, window, db)
    assert load_dossier(db, meeting).items[1].id == first.id

    window.undo_action.trigger()  # the menu item, as when chosen with the mouse
    assert load_dossier(db, meeting).items[0].id == first.id
    window.redo_action.trigger()
    assert load_dossier(db, meeting).items[1].id == first.id


def test_delete_asks_and_an_approved_meeting_is_refused(qtbot, window, db, monkeypatch):
    keep = make_meeting(db, "Godkendt møde", dt.date(2026, 10, 1))
    minutes_service.approve_minutes(db, keep, by="Birgitte")
    remove = make_meeting(db, "Planlagt møde", dt.date(2026, 12, 3))
    window.meeting_list.reload()
    errors = []
    monkeypatch.setattr(meeting_list_module, "confirm", lambda *args: True)
    monkeypatch.setattr(
        meeting_list_module, "show_error", lambda parent, error, title=None: errors.append(error)
    )
    view = window.meeting_list.view

    window.meeting_list.select_meeting(remove)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert [row.id for row in meeting_service.list_meetings(db)] == [keep]
    assert window.current_meeting_id() == keep

    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert [str(e) for e in errors] == [
        "Referatet af dette møde er godkendt. Genåbn mødet for at ændre det."
    ]
    assert [row.id for row in meeting_service.list_meetings(db)] == [keep]


def test_open_database_reloads_everything(qtbot, window, db, tmp_path, monkeypatch):
    other_path = tmp_path / "andet.db"
    other = open_database(other_path, create=True)
    make_meeting(other, "Møde i den anden database", dt.date(2027, 1, 5))
    other.close()
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(other_path), ""))
    )
    window.open_action.trigger()

    assert window.windowTitle() == "Visitationsmøder – andet.db"
    assert window.db.path == other_path.resolve()
    assert window.meeting_list.model.index(0, MeetingListModel.TITLE).data() == (
        "Møde i den anden database"
    )
    assert window.before_view.meeting_id == window.current_meeting_id()
    assert isinstance(window.tabs.widget(1), DuringView)


def test_a_file_that_is_no_database_is_refused_with_a_sentence(window, tmp_path, monkeypatch):
    junk = tmp_path / "noter.db"
    junk.write_text("Dette er ikke en database.", encoding="utf-8")
    errors = []
    monkeypatch.setattr(
        main_window_module, "show_error", lambda parent, error, title=None: errors.append(error)
    )
    assert not window.open_database_file(junk)
    assert len(errors) == 1 and isinstance(errors[0], UserError)
    assert "ikke en visitationsdatabase" in str(errors[0])
    assert window.windowTitle().endswith("visitation.db")


# -- start-up ----------------------------------------------------------------------------------


def test_qt_speaks_danish(qtbot):
    assert app_module.install_qt_translation(QApplication.instance())
    assert QApplication.translate("QPlatformTheme", "Cancel") == "Annuller"


def test_first_start_offers_the_demo_database(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(app_module, "ask_first_passphrase", lambda parent=None: FirstChoice(None))
    monkeypatch.setattr(app_module, "ask_for_demo", lambda parent=None: True)
    path = tmp_path / "visitation.db"
    db = app_module.open_first_database(path, is_default_path=True)
    try:
        assert len(meeting_service.list_meetings(db)) == 3
    finally:
        db.close()


def test_first_start_with_an_empty_database(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(app_module, "ask_first_passphrase", lambda parent=None: FirstChoice(None))
    monkeypatch.setattr(app_module, "ask_for_demo", lambda parent=None: False)
    db = app_module.open_first_database(tmp_path / "visitation.db", is_default_path=True)
    try:
        assert meeting_service.list_meetings(db) == []
    finally:
        db.close()


def test_a_broken_database_offers_another_file_or_quitting(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(app_module, "ask_first_passphrase", lambda parent=None: FirstChoice(None))
    junk = tmp_path / "ødelagt.db"
    junk.write_bytes(b"\x00" * 64)
    good = tmp_path / "god.db"
    offered = []
    answers = [good, None]  # first "choose another file…", then "quit"

    def choose(error, path):
        offered.append(str(error))
        return answers.pop(0)

    monkeypatch.setattr(app_module, "choose_after_failure", choose)
    db = app_module.open_first_database(junk, is_default_path=False)
    try:
        assert db.path == good.resolve()
        assert "ikke en visitationsdatabase" in offered[0]
    finally:
        db.close()

    assert app_module.open_first_database(junk, is_default_path=False) is None
    assert len(offered) == 2


def test_an_uncaught_error_is_shown_as_a_sentence(qtbot, monkeypatch):
    shown = []
    monkeypatch.setattr(app_module, "show_error", lambda parent, error: shown.append(error))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    app_module.install_excepthook()
    try:
        raise UserError("Mødet findes ikke længere.")
    except UserError as error:
        sys.excepthook(type(error), error, error.__traceback__)
    assert [str(e) for e in shown] == ["Mødet findes ikke længere."]


def test_switching_meeting_with_an_unsaveable_field_asks_and_no_stays(
    qtbot, window, db, monkeypatch
):
    other = make_meeting(db, "Andet møde", dt.date(2026, 10, 1))
    meeting = make_meeting(db, "Visitationsudvalget", dt.date(2026, 12, 3))
    case = case_service.create_case(db, area="elderly", citizen_name="Karen Jensen")
    item = agenda_service.add_case_item(db, meeting, case.id).id
    window.meeting_list.reload()
    window.meeting_list.select_meeting(meeting)
    window.show_phase(1)
    during = window.during_view
    assert during.current_item_id() == item  # the only item, shown first
    cost = during.panel.economy.annual_cost_ore
    qtbot.keyClicks(cost, "12,5,0")
    asked: list[str] = []
    monkeypatch.setattr(main_window_module, "confirm", lambda _p, _t, text: asked.append(text))

    view = window.meeting_list.view
    row = window.meeting_list.model.row_of(other)
    rect = view.visualRect(window.meeting_list.model.index(row, MeetingListModel.TITLE))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())

    assert len(asked) == 1 and "markeret med rødt" in asked[0]
    assert window.current_meeting_id() == meeting
    assert view.currentIndex().row() == window.meeting_list.model.row_of(meeting)
    assert during.panel.economy.annual_cost_ore is cost
    assert cost.text() == "12,5,0"  # the chair's typing is still there to fix
    during.discard_unsaved()  # nothing of it may reach a later test's "save everything"


def test_a_new_participant_name_is_added_when_switching_meeting(qtbot, window, db):
    other = make_meeting(db, "Andet møde", dt.date(2026, 10, 1))
    meeting = make_meeting(db, "Visitationsudvalget", dt.date(2026, 12, 3))
    window.meeting_list.reload()
    window.meeting_list.select_meeting(meeting)
    panel = window.before_view.participants
    qtbot.keyClicks(panel.name_edit, "Søren Ærø")
    window.meeting_list.select_meeting(other)
    assert window.current_meeting_id() == other
    assert [p.name for p in load_dossier(db, meeting).participants] == ["Søren Ærø"]
    assert panel.name_edit.text() == ""


def test_an_approved_meeting_cannot_be_deleted_from_the_button_or_menu(qtbot, window, db):
    approved = make_meeting(db, "Godkendt møde", dt.date(2026, 10, 1))
    minutes_service.approve_minutes(db, approved, by="Birgitte")
    planned = make_meeting(db, "Planlagt møde", dt.date(2026, 12, 3))
    window.meeting_list.reload()
    window.meeting_list.select_meeting(approved)
    assert not window.meeting_list.delete_button.isEnabled()
    assert not window.delete_action.isEnabled()
    window.meeting_list.select_meeting(planned)
    assert window.meeting_list.delete_button.isEnabled()
    assert window.delete_action.isEnabled()


def test_edit_undo_leaves_the_agenda_alone_when_it_does_not_have_focus(qtbot, window, db):
    meeting, first = _move_first_agenda_item_down(qtbot, window, db)
    window.meeting_list.view.setFocus()  # somewhere else: no agenda history there
    window.undo_action.trigger()
    assert load_dossier(db, meeting).items[1].id == first.id
