"""The idle lock: after the set time without input (or Ctrl+L) nothing sensitive is visible,
nothing typed is lost, and only the passphrase opens the window again.

The lock's clock is a fake one moved by the test and the check is called directly: no
test waits in real time.
"""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QLineEdit, QMessageBox

from visitation_app.services import agenda as agenda_service
from visitation_app.services import cases as case_service
from visitation_app.services import meetings as meeting_service
from visitation_app.store.database import open_database
from visitation_app.ui import app as app_module
from visitation_app.ui import idle_lock as idle_lock_module
from visitation_app.ui import preferences
from visitation_app.ui.before.meeting_dialog import NewMeetingDialog
from visitation_app.ui.lock_page import LockPage

PASSPHRASE = "korrekt hest batteri"
WRONG = (
    "Adgangsfrasen passer ikke. Tjek store og små bogstaver, Caps Lock og tastaturlayoutet, "
    "og prøv igen."
)


class FakeClock:
    def __init__(self) -> None:
        self.seconds = 1000.0

    def __call__(self) -> float:
        return self.seconds

    def advance(self, seconds: float) -> None:
        self.seconds += seconds


@pytest.fixture(autouse=True)
def names():
    """The application's names first: the settings are stored under them."""
    app_module._set_names()


@pytest.fixture
def clock(monkeypatch) -> FakeClock:
    fake = FakeClock()
    monkeypatch.setattr(idle_lock_module, "idle_clock", fake)
    return fake


@pytest.fixture
def encrypted(tmp_path):
    db = open_database(tmp_path / "visitation.db", create=True, passphrase=PASSPHRASE)
    yield db
    db.close()


@pytest.fixture
def meeting(encrypted) -> tuple[int, int]:
    """A meeting with Karen Jensen's case on the agenda: (meeting id, case item id)."""
    meeting = meeting_service.create_meeting(
        encrypted, title="Visitationsudvalget", area="elderly",
        meeting_date=dt.date(2026, 12, 3), start_time=dt.time(9),
    )  # fmt: skip
    case = case_service.create_case(
        encrypted, area="elderly", citizen_name="Karen Jensen", applied_for="Personlig pleje"
    )
    item = agenda_service.add_case_item(encrypted, meeting.id, case.id, 20)
    return meeting.id, item.id


def make_window(qtbot, db):
    window = app_module.create_main_window(db)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    return window


@pytest.fixture
def window(qtbot, encrypted, meeting, clock):
    preferences.set_idle_lock_minutes(1)
    window = make_window(qtbot, encrypted)
    window.meeting_list.select_meeting(meeting[0])
    yield window
    window.during_view.meeting_mode.close()


def seen_texts(widget) -> list[str]:
    """The text of every label, field and button the chair can see in `widget`'s window."""
    found = []
    for child in widget.findChildren(QLabel) + widget.findChildren(QLineEdit):
        if child.isVisibleTo(widget) and child.text():
            found.append(child.text())
    return found


def lock_page(window) -> LockPage:
    page = window.pages.currentWidget()
    assert isinstance(page, LockPage)
    return page


def unlock_with(qtbot, page: LockPage, text: str) -> None:
    qtbot.keyClicks(page.edit, text)
    qtbot.keyClick(page.edit, Qt.Key.Key_Return)


# -- when it locks --------------------------------------------------------------------------------


def test_the_window_locks_after_the_set_idle_time_and_input_postpones_it(qtbot, window, clock):
    lock = window.idle_lock
    clock.advance(59)
    lock.check()
    assert not lock.is_locked()
    qtbot.keyClick(window.meeting_list.view, Qt.Key.Key_Down)  # the chair did something
    clock.advance(59)
    lock.check()
    assert not lock.is_locked()
    clock.advance(2)
    lock.check()
    assert lock.is_locked()


def test_a_mouse_move_also_counts_as_use(qtbot, window, clock):
    clock.advance(50)
    qtbot.mouseMove(window.meeting_list.view.viewport())
    clock.advance(50)
    window.idle_lock.check()
    assert not window.idle_lock.is_locked()


def test_zero_minutes_means_never(qtbot, window, clock):
    preferences.set_idle_lock_minutes(0)
    window.idle_lock.reload_settings()
    clock.advance(24 * 3600)
    window.idle_lock.check()
    assert not window.idle_lock.is_locked()


def test_a_changed_setting_counts_once_it_is_reloaded(qtbot, window, clock):
    assert window.idle_lock.minutes() == 1
    preferences.set_idle_lock_minutes(30)  # the settings dialog saved it…
    window.idle_lock.reload_settings()  # …and the window told the lock
    assert window.idle_lock.minutes() == 30
    clock.advance(29 * 60)
    window.idle_lock.check()
    assert not window.idle_lock.is_locked()
    clock.advance(61)
    window.idle_lock.check()
    assert window.idle_lock.is_locked()


def test_ctrl_l_and_the_security_menu_lock_at_once(qtbot, window):
    qtbot.keyClick(window.meeting_list.view, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.idle_lock.is_locked()
    assert window.idle_lock.lock_action in window.security_menu.actions()
    assert window.idle_lock.lock_action.text().replace("&", "") == "Lås nu"


# -- what a locked window shows -------------------------------------------------------------


def test_nothing_of_the_meeting_is_visible_while_locked(qtbot, window, meeting):
    window.show_phase(1)
    assert any("Karen Jensen" in text for text in seen_texts(window))
    window.idle_lock.lock()

    texts = seen_texts(window)
    assert "Låst" in texts and "Visitationsmøder" in texts
    assert not any("Karen Jensen" in text or "Visitationsudvalget" in text for text in texts)
    assert not window.menuBar().isVisible() and not window.statusBar().isVisible()
    assert lock_page(window).edit.hasFocus()
    assert lock_page(window).unlock_button.text() == "Lås op"


def test_no_shortcut_or_menu_works_while_locked(qtbot, window, monkeypatch):
    used = []
    monkeypatch.setattr(NewMeetingDialog, "exec", lambda dialog: used.append("Ctrl+N"))
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: used.append("Ctrl+O"))
    )
    window.idle_lock.lock()
    page = lock_page(window)
    for key in (Qt.Key.Key_N, Qt.Key.Key_O, Qt.Key.Key_2):
        qtbot.keyClick(page.edit, key, Qt.KeyboardModifier.ControlModifier)
    assert used == []
    assert window.tabs.currentIndex() == 0  # Ctrl+2 did not switch to "Under mødet"
    assert window.idle_lock.is_locked()


def test_what_is_typed_is_saved_before_the_lock_and_still_there_after(
    qtbot, window, encrypted, meeting
):
    window.show_phase(0)
    title = window.before_view.details.title_edit
    title.setFocus()
    qtbot.keyClick(title, Qt.Key.Key_End)
    qtbot.keyClicks(title, " i december")
    window.idle_lock.lock()  # before the autosave's own delay has passed
    assert meeting_service.get_meeting(encrypted, meeting[0]).title == (
        "Visitationsudvalget i december"
    )
    unlock_with(qtbot, lock_page(window), PASSPHRASE)
    assert title.text() == "Visitationsudvalget i december"
    assert title.hasFocus()


# -- unlocking --------------------------------------------------------------------------------


def test_a_wrong_passphrase_says_so_and_the_right_one_unlocks(qtbot, window):
    window.idle_lock.lock()
    page = lock_page(window)
    unlock_with(qtbot, page, "forkert frase")
    assert window.idle_lock.is_locked()
    assert page.problem_label.text() == WRONG and not page.problem_label.isHidden()
    assert page.edit.text() == ""  # ready for another try

    unlock_with(qtbot, page, PASSPHRASE)
    assert not window.idle_lock.is_locked()
    assert window.pages.currentWidget() is window.splitter
    assert window.menuBar().isVisible() and window.statusBar().isVisible()
    assert window.pages.count() == 1


def test_a_plain_database_unlocks_with_a_button_and_says_it_is_not_encrypted(qtbot, db, clock):
    window = make_window(qtbot, db)
    window.idle_lock.lock()
    page = lock_page(window)
    assert page.edit.isHidden()
    assert page.hint_label.text() == (
        "Databasen er ikke krypteret, så vinduet låses op uden adgangsfrase."
    )
    qtbot.mouseClick(page.unlock_button, Qt.MouseButton.LeftButton)
    assert not window.idle_lock.is_locked()


# -- the other windows ----------------------------------------------------------------------


def test_meeting_mode_is_hidden_while_locked_and_comes_back(qtbot, window):
    window.show_phase(1)
    mode = window.during_view.meeting_mode.open()
    assert mode is not None and mode.isVisible()
    mode.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is mode, timeout=2000)
    qtbot.keyClick(mode, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)  # from there too
    assert window.idle_lock.is_locked()
    assert not mode.isVisible()
    unlock_with(qtbot, lock_page(window), PASSPHRASE)
    assert mode.isVisible()


def test_the_citizen_screen_shows_the_neutral_page_while_locked(qtbot, window):
    window.show_phase(1)
    control = window.during_view.citizen_screen
    qtbot.mouseClick(control.button, Qt.MouseButton.LeftButton)
    screen = control.screen
    assert screen.isVisible() and "Karen Jensen" in screen.visible_texts()

    window.idle_lock.lock()
    assert screen.isVisible()  # a projector shows the neutral page, not the desktop
    assert not screen.content.personal
    assert not any("Karen" in text for text in screen.visible_texts())
    screen._tick()  # its own reload every ten seconds keeps it neutral
    assert not screen.content.personal

    unlock_with(qtbot, lock_page(window), PASSPHRASE)
    assert screen.content.personal and "Karen Jensen" in screen.visible_texts()


def test_an_open_dialog_is_covered_and_keeps_what_was_typed(qtbot, window, encrypted):
    dialog = NewMeetingDialog(encrypted, window)
    dialog.open()  # modal, as when the chair is in the middle of it
    qtbot.waitExposed(dialog)
    dialog.place_edit.setFocus()
    qtbot.keyClicks(dialog.place_edit, "Karen Jensens hjem")

    window.idle_lock.lock()
    cover = next(child for child in dialog.findChildren(LockPage))
    assert cover.isVisible() and cover.geometry() == dialog.rect()
    assert dialog.windowTitle() == "Låst"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)  # Esc must not end it
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # nor Enter accept it
    assert dialog.isVisible() and dialog.result() == 0

    unlock_with(qtbot, cover, "forkert frase")
    assert cover.problem_label.text() == WRONG
    assert dialog.place_edit.text() == "Karen Jensens hjem"  # nothing typed went there
    unlock_with(qtbot, cover, PASSPHRASE)

    assert not window.idle_lock.is_locked()
    assert dialog.isVisible() and dialog.windowTitle() == "Nyt møde"
    assert dialog.place_edit.text() == "Karen Jensens hjem"
    assert not cover.isVisible()
    dialog.reject()


def test_a_window_that_opens_while_locked_is_put_away_too(qtbot, window):
    window.idle_lock.lock()
    box = QMessageBox(QMessageBox.Icon.Warning, "Ikke gemt", "Karen Jensens notat", parent=window)
    box.setWindowModality(Qt.WindowModality.NonModal)
    box.show()
    qtbot.waitUntil(lambda: not box.isVisible(), timeout=2000)
    unlock_with(qtbot, lock_page(window), PASSPHRASE)
    assert box.isVisible()
    box.close()
