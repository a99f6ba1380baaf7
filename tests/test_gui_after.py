"""'Efter mødet' through its real widgets: summary, approval that locks, reopening, PDFs."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from lawful import decide_lawfully
from pypdf import PdfReader
from PySide6.QtCore import Qt
from test_gui_during import build_meeting

from visitation_app.domain.vocabulary import MeetingStatus
from visitation_app.services import actions as action_service
from visitation_app.services import decisions as decision_service
from visitation_app.services import meetings as meeting_service
from visitation_app.ui import pdf_actions
from visitation_app.ui.after import after_view as after_module
from visitation_app.ui.after import dialogs
from visitation_app.ui.after.after_view import AfterView
from visitation_app.ui.during.during_view import DuringView


@pytest.fixture
def meeting(db):
    meeting = build_meeting(db)
    decision_service.save_decision(
        db,
        meeting.items[1],
        outcome="granted",
        service="Personlig pleje",
        legal_basis="ÆL § 10",
        annual_cost_ore=12500050,
    )
    action_service.add_action(
        db,
        meeting.id,
        description="Send afgørelsesbrev",
        owner="Søren Ærø",
        due_date=dt.date(2026, 12, 10),
        agenda_item_id=meeting.items[1],
    )
    return meeting


@pytest.fixture
def views(qtbot, db, meeting):
    """The after view and the during view, wired as the main window wires them."""
    after = AfterView(db)
    during = DuringView(db)
    qtbot.addWidget(after)
    qtbot.addWidget(during, before_close_func=DuringView.discard_unsaved)
    for widget in (after, during):
        widget.set_meeting(meeting.id)
    after.changed.connect(during.refresh)
    return after, during


@pytest.fixture
def no_pdf_viewer(monkeypatch):
    opened = []
    monkeypatch.setattr(
        pdf_actions, "offer_to_open", lambda parent, path, what, note=None: opened.append(path)
    )
    return opened


def test_summary_counts_decisions_cost_and_missing(views):
    after, _during = views
    summary = after.summary
    assert summary.status.text() == "Planlagt"
    assert summary.items.text() == "4 punkter, heraf 2 sager"
    assert summary.outcomes.text() == "Bevilget: 1"
    assert summary.total_cost.text() == "125.000,50 kr."
    assert "Punkt 3" in summary.undecided.text() and "Jørgen Ølgaard" in summary.undecided.text()
    table = after.actions.table
    assert table.rowCount() == 1
    assert [table.item(0, c).text() for c in range(5)] == [
        "2",
        "Send afgørelsesbrev",
        "Søren Ærø",
        "10.12.2026",
        "Nej",
    ]


def test_approve_locks_and_reopen_with_reason_unlocks(qtbot, db, views, meeting, monkeypatch):
    after, during = views
    asked = {}

    def approve(parent, chair):
        asked.update(chair=chair)
        return "Birgitte Østergaard"

    monkeypatch.setattr(dialogs, "ask_approval", approve)
    # Jørgen Ølgaard's case has no decision yet: approval is refused and says so.
    errors = []
    monkeypatch.setattr(after_module, "show_error", lambda parent, error: errors.append(error))
    qtbot.mouseClick(after.approve_button, Qt.MouseButton.LeftButton)
    assert not asked
    assert len(errors) == 1 and "Jørgen Ølgaard" in str(errors[0])
    assert "kan ikke godkendes" in str(errors[0])
    assert meeting_service.get_meeting(db, meeting.id).status == MeetingStatus.PLANNED

    decide_lawfully(db, meeting.items[1])
    decide_lawfully(db, meeting.items[2], outcome="postponed")
    after.refresh()
    with qtbot.waitSignal(after.changed, timeout=1000):
        qtbot.mouseClick(after.approve_button, Qt.MouseButton.LeftButton)
    assert asked["chair"] == "Birgitte Østergaard"
    assert meeting_service.get_meeting(db, meeting.id).status == MeetingStatus.APPROVED
    assert after.banner.isVisibleTo(after) and after.reopen_button.isVisibleTo(after)
    assert not after.approve_button.isVisibleTo(after)
    history = after.history
    assert re.fullmatch(
        r"\d{1,2}\. [a-zæøå]+ \d{4} kl\. \d\d:\d\d – Referat godkendt – Birgitte Østergaard",
        history.lines()[0],
    )

    # The during view is locked: editors read-only, banner shown.
    during.go_to_item(meeting.items[1])
    assert during.banner.isVisibleTo(during)
    assert during.panel.notes.isReadOnly()
    assert during.panel.decision.justification.isReadOnly()

    monkeypatch.setattr(dialogs, "ask_reopen", lambda parent, name: ("Birgitte", "Forkert beløb"))
    qtbot.mouseClick(after.reopen_button, Qt.MouseButton.LeftButton)
    assert meeting_service.get_meeting(db, meeting.id).status == MeetingStatus.HELD
    assert not during.panel.notes.isReadOnly()
    assert not after.banner.isVisibleTo(after)
    assert history.lines()[-1].endswith(
        " – Referat genåbnet – Birgitte\nBegrundelse: Forkert beløb"
    )


def test_cancelled_approval_changes_nothing(qtbot, db, views, meeting, monkeypatch):
    after, _during = views
    decide_lawfully(db, meeting.items[1])
    decide_lawfully(db, meeting.items[2], outcome="refused")
    monkeypatch.setattr(dialogs, "ask_approval", lambda *args: None)
    qtbot.mouseClick(after.approve_button, Qt.MouseButton.LeftButton)
    assert meeting_service.get_meeting(db, meeting.id).status == MeetingStatus.PLANNED


def test_approving_a_running_meeting_ends_it_first(qtbot, db, views, meeting, monkeypatch):
    after, _during = views
    meeting_service.start_meeting(db, meeting.id)
    decide_lawfully(db, meeting.items[1])
    decide_lawfully(db, meeting.items[2], outcome="referred")
    after.refresh()
    assert after.end_button.isVisibleTo(after)
    monkeypatch.setattr(dialogs, "ask_approval", lambda *args: "Birgitte Østergaard")
    qtbot.mouseClick(after.approve_button, Qt.MouseButton.LeftButton)
    kinds = [line.split(" – ")[1] for line in after.history.lines()]
    assert kinds == ["Mødet startet", "Mødet afsluttet", "Referat godkendt"]


def test_approve_dialog_prefills_chair_and_wants_a_name(qtbot):
    dialog = dialogs.ApproveDialog("Birgitte Østergaard")
    qtbot.addWidget(dialog)
    assert dialog.name.text() == "Birgitte Østergaard"
    assert dialog.approve_button.isEnabled()
    dialog.name.clear()
    assert not dialog.approve_button.isEnabled()
    qtbot.keyClicks(dialog.name, "Åse Lund")
    assert dialog.approve_button.isEnabled()
    assert dialog.approver() == "Åse Lund"


def test_reopen_dialog_requires_a_reason(qtbot):
    dialog = dialogs.ReopenDialog("Birgitte Østergaard")
    qtbot.addWidget(dialog)
    assert not dialog.reopen_button.isEnabled()
    qtbot.keyClicks(dialog.reason, "   ")
    assert not dialog.reopen_button.isEnabled()
    qtbot.keyClicks(dialog.reason, "Beløbet i punkt 2 var forkert")
    assert dialog.reopen_button.isEnabled()
    assert dialog.values() == ("Birgitte Østergaard", "Beløbet i punkt 2 var forkert")


def test_end_meeting_button(qtbot, db, views, meeting, monkeypatch):
    after, _during = views
    assert not after.end_button.isVisibleTo(after)
    meeting_service.start_meeting(db, meeting.id)
    after.refresh()
    monkeypatch.setattr(after_module, "confirm", lambda *args: True)
    qtbot.mouseClick(after.end_button, Qt.MouseButton.LeftButton)
    assert meeting_service.get_meeting(db, meeting.id).status == MeetingStatus.HELD
    assert not after.end_button.isVisibleTo(after)


def test_export_minutes_and_agenda(qtbot, tmp_path, views, meeting, monkeypatch, no_pdf_viewer):
    after, _during = views
    suggested = []

    def choose(parent, name):
        suggested.append(name)
        return tmp_path / name

    monkeypatch.setattr(pdf_actions, "save_pdf_dialog", choose)
    qtbot.mouseClick(after.minutes_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(after.agenda_button, Qt.MouseButton.LeftButton)
    assert suggested == [
        "Referat 2026-12-03 Visitationsudvalget.pdf",
        "Dagsorden 2026-12-03 Visitationsudvalget.pdf",
    ]
    assert no_pdf_viewer == [tmp_path / name for name in suggested]
    minutes = "".join(page.extract_text() for page in PdfReader(no_pdf_viewer[0]).pages)
    assert "Personlig pleje" in minutes and "125.000,50 kr." in minutes


def test_export_to_a_missing_folder_shows_the_error(tmp_path, views, monkeypatch, no_pdf_viewer):
    after, _during = views
    shown = []
    monkeypatch.setattr(pdf_actions, "save_pdf_dialog", lambda *a: tmp_path / "nix" / "r.pdf")
    monkeypatch.setattr(pdf_actions, "show_error", lambda parent, error: shown.append(str(error)))
    after.export_minutes()
    assert shown and "findes ikke" in shown[0]
    assert no_pdf_viewer == []


def test_safe_file_names():
    assert pdf_actions.safe_file_name('Møde: "Æblehaven" 3/12') == "Møde Æblehaven 3 12"
    assert pdf_actions.safe_file_name("...") == "dokument"


def test_empty_state(qtbot, db):
    view = AfterView(db)
    qtbot.addWidget(view)
    assert view.stack.currentWidget() is view.empty_label
