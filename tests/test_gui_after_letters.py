"""'Efter mødet' → 'Afgørelser og breve' through its real widgets: the list of decisions,
and saving each decision letter (a draft only after the chair agreed)."""

from __future__ import annotations

import datetime as dt

import pytest
from lawful import decide_lawfully
from pypdf import PdfReader
from PySide6.QtCore import Qt
from test_gui_during import build_meeting

from visitation_app.services import decisions as decision_service
from visitation_app.ui import pdf_actions
from visitation_app.ui.after.after_view import AfterView


@pytest.fixture
def meeting(db):
    """Karen Jensen granted and final; Jørgen Ølgaard refused, still a draft."""
    meeting = build_meeting(db)
    decide_lawfully(db, meeting.items[1])
    decision_service.finalise_decision(db, meeting.items[1])
    decide_lawfully(db, meeting.items[2], outcome="refused")
    return meeting


@pytest.fixture
def after(qtbot, db, meeting):
    view = AfterView(db)
    qtbot.addWidget(view)
    view.set_meeting(meeting.id)
    view.show()  # a double-click reaches only a table on screen
    qtbot.waitExposed(view)
    return view


@pytest.fixture
def saved(monkeypatch, tmp_path):
    """The file dialog answers with a file in tmp_path; the PDF viewer is not started."""
    record = {"suggested": [], "opened": []}

    def choose(parent, name):
        record["suggested"].append(name)
        return tmp_path / name

    monkeypatch.setattr(pdf_actions, "save_pdf_dialog", choose)
    monkeypatch.setattr(
        pdf_actions, "offer_to_open", lambda *args, **kwargs: record["opened"].append(args[1])
    )
    return record


def table_rows(view: AfterView) -> list[list[str]]:
    table = view.letters.table
    return [
        [table.item(row, column).text() for column in range(table.columnCount())]
        for row in range(table.rowCount())
    ]


def click_row(qtbot, view: AfterView, row: int, *, double: bool = False) -> None:
    table = view.letters.table
    position = table.visualItemRect(table.item(row, 1)).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=position)
    if double:  # QTest sends only the second click's events: the first is the click above
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=position)


def pdf_text(path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_table_lists_each_decision_with_status_and_complaint_deadline(qtbot, db, after, meeting):
    panel = after.letters
    assert panel.title() == "Afgørelser og breve"
    headers = [
        panel.table.horizontalHeaderItem(column).text()
        for column in range(panel.table.columnCount())
    ]
    assert headers == ["Punkt", "Borger", "Afgørelse", "Status", "Klagefrist"]
    # Only the two cases: the standard items have no decision. A full grant has no
    # complaint deadline; the refusal's four weeks from 3 December end on 31 December, when
    # offices are closed, then New Year's Day and a weekend: Monday 4 January.
    assert table_rows(after) == [
        ["2", "Karen Jensen", "Bevilget", "Endelig", ""],
        [
            "3",
            "Jørgen Ølgaard",
            "Afslag",
            "Kladde: komplet, kan markeres som endelig",
            "04.01.2027",
        ],
    ]
    assert not panel.save_button.isEnabled()
    click_row(qtbot, after, 1)
    assert panel.save_button.isEnabled()

    # Something missing, then final over it with a reason: the status follows each refresh,
    # and the selected decision stays selected.
    decision_service.save_decision(db, meeting.items[2], justification="")
    after.refresh()
    assert table_rows(after)[1][3] == "Kladde: der mangler noget"
    decision_service.finalise_decision(
        db, meeting.items[2], override_reason="Borgeren har fået begrundelsen mundtligt"
    )
    after.refresh()
    assert table_rows(after)[1][3] == "Endelig trods mangler"
    assert panel.selected().citizen_name == "Jørgen Ølgaard"
    assert panel.save_button.isEnabled()


def test_no_decisions_yet(qtbot, db):
    meeting = build_meeting(db)
    view = AfterView(db)
    qtbot.addWidget(view)
    view.set_meeting(meeting.id)
    panel = view.letters
    assert panel.empty.isVisibleTo(panel)
    assert not panel.table.isVisibleTo(panel) and not panel.save_button.isVisibleTo(panel)


def test_final_decision_letter_is_saved_with_the_deadline_the_table_shows(
    qtbot, db, meeting, saved, monkeypatch
):
    # The refusal becomes final a week after the meeting: the letter is dated that day and
    # the complaint period runs from it, and the table shows the same last day.
    finalised = dt.datetime(2026, 12, 10, 9, 0, tzinfo=dt.UTC)
    monkeypatch.setattr(decision_service, "utc_now", lambda: finalised)
    decide_lawfully(db, meeting.items[2], outcome="refused")
    decision_service.finalise_decision(db, meeting.items[2])
    view = AfterView(db)
    qtbot.addWidget(view)
    view.set_meeting(meeting.id)
    assert table_rows(view)[1] == ["3", "Jørgen Ølgaard", "Afslag", "Endelig", "07.01.2027"]

    click_row(qtbot, view, 1)
    # A final decision: no question is asked (an unexpected message box fails the test).
    qtbot.mouseClick(view.letters.save_button, Qt.MouseButton.LeftButton)
    assert saved["suggested"] == ["Afgørelsesbrev Jørgen Ølgaard.pdf"]
    assert len(saved["opened"]) == 1
    text = pdf_text(saved["opened"][0])
    assert "Jørgen Ølgaard" in text
    assert "Klagefrist: 7. januar 2027" in text
    assert "UDKAST" not in text


def test_draft_letter_is_asked_about_and_cancelling_writes_nothing(
    qtbot, after, saved, tmp_path, monkeypatch
):
    questions = []
    answer = {"yes": False}

    def confirm(parent, title, text):
        questions.append(text)
        return answer["yes"]

    monkeypatch.setattr(pdf_actions, "confirm", confirm)
    click_row(qtbot, after, 1, double=True)
    assert len(questions) == 1
    assert "punkt 3 (Jørgen Ølgaard) er ikke endelig" in questions[0]
    assert "UDKAST" in questions[0] and "må ikke sendes" in questions[0]
    assert saved["suggested"] == [] and list(tmp_path.glob("*.pdf")) == []

    answer["yes"] = True
    qtbot.mouseClick(after.letters.save_button, Qt.MouseButton.LeftButton)
    assert len(questions) == 2
    assert len(saved["opened"]) == 1
    text = pdf_text(saved["opened"][0])
    assert "Jørgen Ølgaard" in text and "UDKAST" in text


def test_double_click_on_a_final_decision_saves_its_letter(qtbot, after, saved):
    click_row(qtbot, after, 0, double=True)
    assert saved["suggested"] == ["Afgørelsesbrev Karen Jensen.pdf"]
    text = pdf_text(saved["opened"][0])
    assert "Karen Jensen" in text and "UDKAST" not in text
