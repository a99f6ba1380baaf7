"""The legal checklist beside the decision form, and marking a decision final, through the
real widgets of 'Under mødet'."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from test_gui_during import SAVED, build_meeting, show_case, stored_decision

from visitation_app.services import decisions as decision_service
from visitation_app.ui.during.during_view import DuringView
from visitation_app.ui.during.override_dialog import OverrideDialog


@pytest.fixture
def meeting(db):
    return build_meeting(db)


@pytest.fixture
def view(qtbot, db, meeting) -> DuringView:
    widget = DuringView(db)
    qtbot.addWidget(widget, before_close_func=DuringView.discard_unsaved)
    widget.resize(1300, 700)
    widget.set_meeting(meeting.id)
    return widget


def choose(combo, code: str) -> None:
    """Pick the entry with `code` from a combo box, as from its drop-down list."""
    combo.setCurrentIndex(combo.findData(code))
    assert combo.currentData() == code


def statuses(form) -> dict[str, str]:
    return {key: status for key, status, _text in form.checklist.rows()}


def texts(form) -> str:
    return "\n".join(text for _key, _status, text in form.checklist.rows())


def refuse_without_reasons(qtbot, db, form, meeting) -> None:
    """A refusal under Ældreloven § 10 with no justification and no consultation recorded."""
    qtbot.keyClicks(form.outcome, "Afslag")
    qtbot.keyClicks(form.legal_basis, "Ældreloven § 10")
    qtbot.waitUntil(
        lambda: (
            (d := stored_decision(db, meeting.id, meeting.items[1])) is not None
            and d.legal_basis_key == "AEL-10"
        ),
        timeout=SAVED,
    )
    qtbot.waitUntil(lambda: statuses(form).get("justification") == "missing", timeout=SAVED)


def test_the_checklist_follows_the_typing(qtbot, db, view, meeting):
    form = show_case(view, meeting).decision
    assert statuses(form) == {"outcome": "missing", "legal_basis": "missing"}
    assert form.checklist.status_label.text() == "Kladde: der mangler noget"

    refuse_without_reasons(qtbot, db, form, meeting)
    assert statuses(form)["consultation"] == "missing"
    # Complaint guidance comes by itself, with the last day to complain: meeting day
    # 3 December 2026 + 4 weeks = 31 December 2026, when offices are closed.
    assert statuses(form)["complaint_guidance"] == "met"
    assert "4. januar 2027" in texts(form)  # past 31 Dec (offices closed), New Year, weekend
    # Each row names the rule it comes from.
    assert any("Forvaltningsloven § 19" in label.toolTip() for label in _row_labels(form))

    qtbot.keyClicks(form.justification, "Efter Ældreloven § 10 er behovet dækket af rengøring.")
    qtbot.waitUntil(lambda: statuses(form)["justification"] == "met", timeout=SAVED)
    choose(form.consultation.status, "done")
    form.consultation.consulted_on.set_value(dt.date(2026, 11, 20))
    qtbot.waitUntil(lambda: statuses(form)["consultation"] == "met", timeout=SAVED)
    assert "20. november 2026" in texts(form)
    assert form.checklist.status_label.text() == "Kladde: komplet, kan markeres som endelig"


def _row_labels(form):
    layout = form.checklist.rows_box
    return [layout.itemAt(i).widget() for i in range(layout.count())]


def test_marking_final_with_gaps_needs_a_reason_that_is_kept(qtbot, db, view, meeting, monkeypatch):
    form = show_case(view, meeting).decision
    refuse_without_reasons(qtbot, db, form, meeting)
    shown = {}

    def cancel(dialog: OverrideDialog) -> int:
        shown["missing"] = dialog.listing.text()
        assert not dialog.ok_button.isEnabled()  # no reason, no override
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(OverrideDialog, "exec", cancel)
    qtbot.mouseClick(form.checklist.finalise_button, Qt.MouseButton.LeftButton)
    assert "begrundelse" in shown["missing"].lower() and "partshøring" in shown["missing"].lower()
    assert stored_decision(db, meeting.id, meeting.items[1]).finalised_at is None

    def give_reason(dialog: OverrideDialog) -> int:
        qtbot.keyClicks(dialog.reason, "Borgeren blev hørt på mødet og var enig.")
        assert dialog.ok_button.isEnabled()
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(OverrideDialog, "exec", give_reason)
    qtbot.mouseClick(form.checklist.finalise_button, Qt.MouseButton.LeftButton)
    decision = stored_decision(db, meeting.id, meeting.items[1])
    assert decision.finalised_at is not None
    assert decision.override_reason == "Borgeren blev hørt på mødet og var enig."
    assert form.checklist.status_label.text() == "Endelig trods mangler"
    assert form.checklist.override_label.isVisibleTo(form)
    assert "Borgeren blev hørt på mødet" in form.checklist.override_label.text()
    assert form.checklist.draft_button.isVisibleTo(form)
    assert not form.checklist.finalise_button.isVisibleTo(form)

    # Changing the decision afterwards makes it a draft again: the override goes with it.
    qtbot.keyClicks(form.extent, "Ingen")
    qtbot.waitUntil(
        lambda: stored_decision(db, meeting.id, meeting.items[1]).finalised_at is None,
        timeout=SAVED,
    )
    assert stored_decision(db, meeting.id, meeting.items[1]).override_reason == ""
    assert form.checklist.status_label.text() == "Kladde: der mangler noget"


def test_a_complete_decision_is_made_final_without_questions(qtbot, db, view, meeting, monkeypatch):
    form = show_case(view, meeting).decision
    refuse_without_reasons(qtbot, db, form, meeting)
    qtbot.keyClicks(form.justification, "Efter Ældreloven § 10 er behovet dækket.")
    choose(form.consultation.status, "not_needed")
    qtbot.keyClicks(form.consultation.reason, "Borgeren deltog og fremlagde selv oplysningerne.")
    qtbot.waitUntil(lambda: statuses(form)["consultation"] == "met", timeout=SAVED)

    def no_dialog(dialog):
        raise AssertionError("a complete decision needs no override")

    monkeypatch.setattr(OverrideDialog, "exec", no_dialog)
    qtbot.mouseClick(form.checklist.finalise_button, Qt.MouseButton.LeftButton)
    assert form.checklist.status_label.text() == "Endelig"
    check = decision_service.check_decision_on(db, meeting.items[1])
    assert check.final and not check.overridden

    qtbot.mouseClick(form.checklist.draft_button, Qt.MouseButton.LeftButton)
    assert not decision_service.check_decision_on(db, meeting.items[1]).final


def test_postponement_asks_what_is_missing_and_by_when(qtbot, db, view, meeting):
    form = show_case(view, meeting).decision
    assert not form.missing_information.isVisibleTo(form)
    qtbot.keyClicks(form.outcome, "Udsat")
    assert form.missing_information.isVisibleTo(form)
    qtbot.waitUntil(lambda: statuses(form).get("postponement") == "missing", timeout=SAVED)
    qtbot.keyClicks(form.missing_information, "Udtalelse fra egen læge")
    form.missing_by.set_value(dt.date(2027, 1, 15))
    qtbot.waitUntil(lambda: statuses(form).get("postponement") == "met", timeout=SAVED)
    assert "15. januar 2027" in texts(form)
    # A postponement is no decision on the application: no complaint guidance yet.
    assert "complaint_guidance" not in statuses(form)


def test_serviceloven_for_a_citizen_of_pension_age_names_aeldreloven(qtbot, db, view, meeting):
    form = show_case(view, meeting).decision  # Karen Jensen, born 1940
    qtbot.keyClicks(form.outcome, "Bevilget")
    qtbot.keyClicks(form.legal_basis, "Serviceloven § 83, stk. 1, nr. 2")
    qtbot.waitUntil(
        lambda: "folkepensionsalderen" in texts(form) and statuses(form)["outcome"] == "met",
        timeout=SAVED,
    )
    assert statuses(form)["legal_basis"] == "missing"
    assert "Ældreloven § 10" in texts(form)  # what applies instead


def test_the_letter_of_a_draft_decision_is_saved_only_after_asking(
    qtbot, db, view, meeting, monkeypatch, tmp_path
):
    from visitation_app.ui import pdf_actions

    form = show_case(view, meeting).decision
    refuse_without_reasons(qtbot, db, form, meeting)
    asked, saved = [], []
    monkeypatch.setattr(pdf_actions, "confirm", lambda parent, title, text: asked.append(text))
    monkeypatch.setattr(
        pdf_actions, "save_pdf_dialog", lambda parent, name: saved.append(name) or tmp_path / name
    )
    monkeypatch.setattr(pdf_actions, "offer_to_open", lambda parent, path, what, note=None: None)
    qtbot.mouseClick(form.checklist.letter_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 1 and "ikke endelig" in asked[0]
    assert saved == [] and list(tmp_path.glob("*.pdf")) == []
