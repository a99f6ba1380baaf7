"""The passphrase dialogs, driven through their own fields and buttons."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLineEdit

from visitation_app.ui import passphrase_dialogs
from visitation_app.ui.passphrase_dialogs import (
    NewPassphraseDialog,
    PassphrasePromptDialog,
    PlainDatabaseWarning,
    Purpose,
    ask_first_passphrase,
)
from visitation_app.ui.passphrase_fields import strength_hint


def shown(label) -> str | None:
    """A label's text when the chair can see it, else None."""
    return label.text() if label.isVisibleTo(label.window()) else None


def new_dialog(qtbot, purpose=Purpose.FIRST_START, **kwargs) -> NewPassphraseDialog:
    dialog = NewPassphraseDialog(purpose, **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_dialog_explains_in_two_sentences_why_and_what_is_at_stake(qtbot):
    dialog = new_dialog(qtbot)
    texts = " ".join(label.text() for label in dialog.findChildren(type(dialog.fields.hint_label)))
    assert "Adgangsfrasen kan ikke gendannes" in texts
    assert "borgernes oplysninger" in texts and "bærbare computer" in texts
    assert dialog.windowTitle() == "Vælg en adgangsfrase"


def test_the_passphrase_is_checked_as_it_is_typed(qtbot):
    dialog = new_dialog(qtbot)
    fields = dialog.fields
    assert not dialog.ok_button.isEnabled()
    assert shown(fields.problem_label) is None  # nothing typed is not yet an error

    qtbot.keyClicks(fields.new_edit, "kort")
    assert shown(fields.problem_label) == "Adgangsfrasen skal have mindst 8 tegn."
    assert not dialog.ok_button.isEnabled()

    qtbot.keyClicks(fields.new_edit, " men nu lang nok")
    assert shown(fields.problem_label) == "Skriv adgangsfrasen en gang til i det andet felt."
    qtbot.keyClicks(fields.repeat_edit, "kort men nu lang noK")
    assert shown(fields.problem_label) == "Adgangsfrasen og gentagelsen er ikke ens."
    assert not dialog.ok_button.isEnabled()

    fields.repeat_edit.clear()
    qtbot.keyClicks(fields.repeat_edit, "kort men nu lang nok")
    assert shown(fields.problem_label) is None
    assert shown(fields.hint_label) == "Stærk: svær at gætte."
    assert dialog.ok_button.isEnabled()
    dialog.ok_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.passphrase() == "kort men nu lang nok"


def test_show_the_passphrase_toggles_every_field(qtbot):
    dialog = new_dialog(qtbot, Purpose.CHANGE, check_current=lambda text: True)
    edits = [dialog.current_edit, dialog.fields.new_edit, dialog.fields.repeat_edit]
    assert {edit.echoMode() for edit in edits} == {QLineEdit.EchoMode.Password}
    dialog.fields.show_box.click()
    assert {edit.echoMode() for edit in edits} == {QLineEdit.EchoMode.Normal}
    dialog.fields.show_box.click()
    assert {edit.echoMode() for edit in edits} == {QLineEdit.EchoMode.Password}


def test_the_strength_hint():
    assert strength_hint("kort") == ""  # not usable at all: the problem line speaks instead
    assert strength_hint("adgangskode") == "Let at gætte. Vælg noget, som kun du ville finde på."
    assert strength_hint("aaaaaaaaaaaa") == "Let at gætte. Vælg noget, som kun du ville finde på."
    assert strength_hint("Hest2026!") == (
        "Kort. En sætning på tre-fire ord er meget sværere at gætte."
    )
    assert strength_hint("hestebatteri9") == "Rimelig. Et eller to ord mere gør den stærkere."
    assert strength_hint("korrekt hest batteri") == "Stærk: svær at gætte."


def test_no_encryption_only_after_the_warning_is_confirmed(qtbot, monkeypatch):
    warnings = []

    def answer(box: PlainDatabaseWarning, click: str) -> int:
        warnings.append(box.text())
        getattr(box, click).click()
        return 0

    dialog = new_dialog(qtbot)
    assert dialog.plain_button.text() == "&Uden kryptering (kun til afprøvning)"
    monkeypatch.setattr(PlainDatabaseWarning, "exec", lambda box: answer(box, "back_button"))
    dialog.plain_button.click()
    assert dialog.isVisible() and not dialog.chose_plain  # "Tilbage": still choosing

    monkeypatch.setattr(PlainDatabaseWarning, "exec", lambda box: answer(box, "plain_button"))
    dialog.plain_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.chose_plain and dialog.passphrase() is None
    assert warnings == ["En database uden kryptering er kun til at afprøve programmet."] * 2


def test_ask_first_passphrase_gives_the_choice_or_none_when_cancelled(qtbot, monkeypatch):
    def type_and_create(dialog: NewPassphraseDialog) -> int:
        qtbot.keyClicks(dialog.fields.new_edit, "korrekt hest batteri")
        qtbot.keyClicks(dialog.fields.repeat_edit, "korrekt hest batteri")
        dialog.ok_button.click()
        return dialog.result()

    monkeypatch.setattr(NewPassphraseDialog, "exec", type_and_create)
    assert ask_first_passphrase().passphrase == "korrekt hest batteri"

    def cancel(dialog: NewPassphraseDialog) -> int:
        dialog.cancel_button.click()
        return dialog.result()

    monkeypatch.setattr(NewPassphraseDialog, "exec", cancel)
    assert ask_first_passphrase() is None


def test_changing_needs_the_right_current_passphrase_and_a_new_one(qtbot):
    dialog = new_dialog(qtbot, Purpose.CHANGE, check_current=lambda text: text == "den gamle frase")
    qtbot.keyClicks(dialog.current_edit, "forkert gammel")
    qtbot.keyClicks(dialog.fields.new_edit, "den nye frase her")
    qtbot.keyClicks(dialog.fields.repeat_edit, "den nye frase her")
    dialog.ok_button.click()
    assert dialog.isVisible()
    assert shown(dialog.current_problem) == (
        "Det er ikke den nuværende adgangsfrase. Tjek den, og prøv igen."
    )

    dialog.current_edit.clear()
    assert shown(dialog.current_problem) is None
    qtbot.keyClicks(dialog.current_edit, "den gamle frase")
    dialog.ok_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert (dialog.current_passphrase(), dialog.passphrase()) == (
        "den gamle frase",
        "den nye frase her",
    )


def test_the_new_passphrase_must_differ_from_the_current(qtbot):
    dialog = new_dialog(qtbot, Purpose.CHANGE, check_current=lambda text: True)
    for edit in (dialog.current_edit, dialog.fields.new_edit, dialog.fields.repeat_edit):
        qtbot.keyClicks(edit, "samme frase igen")
    dialog.ok_button.click()
    assert dialog.isVisible()
    assert shown(dialog.fields.problem_label) == (
        "Den nye adgangsfrase er den samme som den nuværende."
    )


def test_the_prompt_shows_the_file_and_the_problem_and_needs_text(qtbot, tmp_path):
    path = tmp_path / "visitation.db"
    dialog = PassphrasePromptDialog(path, problem=passphrase_dialogs.wrong_passphrase_text())
    qtbot.addWidget(dialog)
    dialog.show()
    texts = [label.text() for label in dialog.findChildren(type(dialog.problem_label))]
    assert "Databasen visitation.db er krypteret. Skriv adgangsfrasen for at åbne den." in texts
    assert str(path) in texts
    assert shown(dialog.problem_label).startswith("Adgangsfrasen passer ikke.")
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.edit, "min frase")
    dialog.ok_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.passphrase() == "min frase"
