"""The settings dialog ("Indstillinger"), driven through its real widgets: what the chair
chooses is saved on OK and only then, a name that cannot be used keeps the dialog open,
and the limits of each setting hold."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtWidgets import QDialog, QLabel

from visitation_app.ui import app as app_module
from visitation_app.ui import preferences
from visitation_app.ui import settings_dialog as settings_module
from visitation_app.ui.cpr_display import cpr_display_changed
from visitation_app.ui.settings_dialog import SettingsDialog, open_settings


@pytest.fixture(autouse=True)
def fresh_settings():
    app_module._set_names()
    QSettings().clear()
    yield
    QSettings().clear()


@pytest.fixture
def dialog(qtbot) -> SettingsDialog:
    widget = SettingsDialog()
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def retype(qtbot, editor, text: str) -> None:
    """Select what the field holds and type `text` over it, as the chair would."""
    editor.setFocus()
    editor.selectAll()
    qtbot.keyClicks(editor, text)


def tick(qtbot, box) -> None:
    """Click the check box on its box (the widget is as wide as the form)."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def press_ok(qtbot, dialog: SettingsDialog) -> None:
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


def texts(dialog: SettingsDialog) -> str:
    return "\n".join(label.text() for label in dialog.findChildren(QLabel))


def test_the_dialog_speaks_danish_and_explains_each_setting(dialog):
    assert dialog.windowTitle() == "Indstillinger"
    shown = texts(dialog)
    assert "Mødeleders &navn:" in shown
    assert "ændringsloggen" in shown  # why the name is asked for
    assert dialog.full_cpr_box.text() == "&Vis fulde CPR-numre"
    assert "Afgørelsesbrevet viser altid" in shown and "010190-xxxx" in shown
    assert "&Lås vinduet efter:" in shown and "0 betyder aldrig" in shown
    assert "&Opbevaringsperiode:" in shown


def test_the_defaults_are_shown_the_first_time(dialog):
    assert dialog.name_edit.text() == ""
    assert not dialog.full_cpr_box.isChecked()
    assert dialog.idle_spin.value() == preferences.DEFAULT_IDLE_LOCK_MINUTES == 10
    assert dialog.idle_spin.text() == "10 minutters inaktivitet"
    assert dialog.retention_spin.value() == preferences.DEFAULT_RETENTION_YEARS == 5
    assert dialog.retention_spin.text() == "5 år"


def test_what_the_chair_chooses_is_saved_on_ok(qtbot, dialog):
    qtbot.keyClicks(dialog.name_edit, "Birgitte Østergaard")
    tick(qtbot, dialog.full_cpr_box)
    retype(qtbot, dialog.idle_spin, "25")
    retype(qtbot, dialog.retention_spin, "10")
    assert preferences.chair_name() == ""  # nothing is saved before OK
    press_ok(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert preferences.chair_name() == "Birgitte Østergaard"
    assert preferences.show_full_cpr()
    assert preferences.idle_lock_minutes() == 25
    assert preferences.retention_years() == 10


def test_the_dialog_shows_what_was_saved(qtbot):
    preferences.set_chair_name("Anne-Marie Holm")
    preferences.set_show_full_cpr(True)
    preferences.set_idle_lock_minutes(0)
    preferences.set_retention_years(30)
    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    assert dialog.name_edit.text() == "Anne-Marie Holm"
    assert dialog.full_cpr_box.isChecked()
    assert dialog.idle_spin.value() == 0 and dialog.idle_spin.text() == "aldrig"
    assert dialog.retention_spin.value() == 30


def test_cancel_saves_nothing(qtbot, dialog):
    qtbot.keyClicks(dialog.name_edit, "Birgitte")
    tick(qtbot, dialog.full_cpr_box)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert preferences.chair_name() == "" and not preferences.show_full_cpr()


def test_the_name_is_cleaned_before_it_is_saved(qtbot, dialog):
    # Pasted with a tab, a bidi override and doubled spaces: the audit trail gets it clean.
    dialog.name_edit.setText("  Birgitte\u202e   Østergaard\x07 ")
    press_ok(qtbot, dialog)
    assert preferences.chair_name() == "Birgitte Østergaard"


def test_a_name_without_letters_keeps_the_dialog_open_and_says_why(qtbot, dialog):
    qtbot.keyClicks(dialog.name_edit, "1234")
    tick(qtbot, dialog.full_cpr_box)
    press_ok(qtbot, dialog)
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.error_label.isVisible()
    assert dialog.error_label.text() == "Mødeleders navn skal være et navn skrevet med bogstaver."
    assert dialog.name_edit.property("invalid") is True
    assert preferences.chair_name() == "" and not preferences.show_full_cpr()  # nothing saved
    # Corrected, it is saved with the rest of what was chosen.
    retype(qtbot, dialog.name_edit, "Birgitte")
    assert dialog.name_edit.property("invalid") is False
    press_ok(qtbot, dialog)
    assert preferences.chair_name() == "Birgitte" and preferences.show_full_cpr()


def test_an_empty_name_is_allowed(qtbot, dialog):
    preferences.set_chair_name("Birgitte")
    dialog.name_edit.setText("")
    press_ok(qtbot, dialog)
    assert preferences.chair_name() == ""


def test_the_idle_lock_is_0_to_240_minutes(qtbot, dialog):
    assert (dialog.idle_spin.minimum(), dialog.idle_spin.maximum()) == (0, 240)
    retype(qtbot, dialog.idle_spin, "999")
    assert dialog.idle_spin.value() <= 240
    retype(qtbot, dialog.idle_spin, "0")
    qtbot.keyClick(dialog.idle_spin, Qt.Key.Key_Tab)  # leaving the field shows what 0 means
    assert dialog.idle_spin.value() == 0 and dialog.idle_spin.text() == "aldrig"
    press_ok(qtbot, dialog)
    assert preferences.idle_lock_minutes() == 0


def test_the_retention_period_is_1_to_30_years(qtbot, dialog):
    assert (dialog.retention_spin.minimum(), dialog.retention_spin.maximum()) == (1, 30)
    dialog.retention_spin.setFocus()
    for _step in range(40):
        qtbot.keyClick(dialog.retention_spin, Qt.Key.Key_Up)
    assert dialog.retention_spin.value() == 30
    for _step in range(40):
        qtbot.keyClick(dialog.retention_spin, Qt.Key.Key_Down)
    assert dialog.retention_spin.value() == 1
    press_ok(qtbot, dialog)
    assert preferences.retention_years() == 1


def test_a_setting_out_of_range_in_the_file_is_shown_within_the_limits(qtbot):
    QSettings().setValue(preferences.IDLE_LOCK_MINUTES_KEY, 100_000)
    QSettings().setValue(preferences.RETENTION_YEARS_KEY, "nonsense")
    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    assert dialog.idle_spin.value() == 240
    assert dialog.retention_spin.value() == preferences.DEFAULT_RETENTION_YEARS


def test_the_window_is_told_only_when_the_cpr_setting_changes(qtbot, dialog):
    told = []

    def tell() -> None:
        told.append(True)

    cpr_display_changed().connect(tell)
    try:
        qtbot.keyClicks(dialog.name_edit, "Birgitte")
        press_ok(qtbot, dialog)
        assert told == []
        again = SettingsDialog()
        qtbot.addWidget(again)
        again.full_cpr_box.setChecked(True)
        again.accept()
        assert told == [True]
    finally:
        cpr_display_changed().disconnect(tell)


def test_open_settings_says_whether_the_chair_pressed_ok(qtbot, monkeypatch):
    def press(button):
        def run(dialog):
            qtbot.addWidget(dialog)
            dialog.show()
            if button == "ok":
                dialog.name_edit.setText("Birgitte")
                dialog.accept()
            else:
                dialog.reject()
            return dialog.result()

        return run

    monkeypatch.setattr(settings_module.SettingsDialog, "exec", press("cancel"))
    assert open_settings(None) is False
    assert preferences.chair_name() == ""
    monkeypatch.setattr(settings_module.SettingsDialog, "exec", press("ok"))
    assert open_settings(None) is True
    assert preferences.chair_name() == "Birgitte"
