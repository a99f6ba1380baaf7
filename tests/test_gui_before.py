"""'Før mødet' driven through its real widgets: what the chair prepares ends up in the database."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QInputDialog,
    QLineEdit,
    QSpinBox,
)

from visitation_app.domain.vocabulary import MeetingStatus
from visitation_app.services import agenda as agenda_service
from visitation_app.services import cases as case_service
from visitation_app.services import decisions as decision_service
from visitation_app.services import meetings as meeting_service
from visitation_app.services import minutes as minutes_service
from visitation_app.services import participants as participant_service
from visitation_app.services.dossier import load_dossier
from visitation_app.ui.before import agenda_panel as agenda_panel_module
from visitation_app.ui.before.agenda_model import AgendaModel
from visitation_app.ui.before.before_view import BeforeView
from visitation_app.ui.before.case_dialog import NewCaseDialog
from visitation_app.ui.before.meeting_dialog import NewMeetingDialog, next_weekday
from visitation_app.ui.before.participants_panel import ParticipantsModel
from visitation_app.ui.meeting_list import MeetingListModel, MeetingListPanel

SAVED = 3000  # ms to wait for an autosave (its delay is 400 ms)


@pytest.fixture
def meeting(db):
    return meeting_service.create_meeting(
        db,
        title="Visitationsudvalget, ældreområdet",
        area="elderly",
        meeting_date=dt.date(2026, 12, 3),
        start_time=dt.time(9, 0),
        location="Rådhuset",
        chair_name="Birgitte Østergaard",
    )


@pytest.fixture
def view(qtbot, db, meeting):
    widget = BeforeView(db)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    widget.activateWindow()
    qtbot.waitActive(widget)
    widget.set_meeting(meeting.id)
    return widget


def agenda_titles(db, meeting_id: int) -> list[str]:
    return [item.title for item in load_dossier(db, meeting_id).items]


def shown_rows(view: BeforeView, column: int) -> list[str]:
    model = view.agenda.model
    return [model.index(row, column).data() for row in range(model.rowCount())]


def add_standard_items(db, meeting_id: int) -> None:
    for kind in ("approve_agenda", "follow_up", "any_other_business"):
        agenda_service.add_standard_item(db, meeting_id, kind)


def type_text(qtbot, widget, text: str) -> None:
    """Type like a person (QTest's keyClicks only knows ASCII; æøå, é and – come as text)."""
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
        else:
            QTest.sendKeyEvent(
                QTest.KeyAction.Click,
                widget,
                Qt.Key.Key_unknown,
                char,
                Qt.KeyboardModifier.NoModifier,
            )


def accept_with_ok(dialog: QDialog) -> None:
    box = dialog.findChild(QDialogButtonBox)
    box.button(QDialogButtonBox.StandardButton.Ok).click()


# -- the meeting itself ------------------------------------------------------------------------


def test_next_weekday_skips_the_weekend():
    assert next_weekday(dt.date(2026, 12, 3)) == dt.date(2026, 12, 4)  # Thursday -> Friday
    assert next_weekday(dt.date(2026, 12, 4)) == dt.date(2026, 12, 7)  # Friday -> Monday
    assert next_weekday(dt.date(2026, 12, 5)) == dt.date(2026, 12, 7)  # Saturday -> Monday


def test_new_meeting_dialog_keeps_what_was_typed_and_creates_the_meeting(qtbot, db, monkeypatch):
    panel = MeetingListPanel(db)
    qtbot.addWidget(panel)
    panel.load()
    seen = {}

    def fake_exec(dialog: NewMeetingDialog) -> int:
        assert dialog.time_edit.time().toString("HH:mm") == "09:00"
        assert dialog.date_edit.date().toPython().weekday() < 5
        dialog.title_edit.clear()
        type_text(qtbot, dialog.place_edit, "Sundhedshuset, lokale Ærø")
        accept_with_ok(dialog)  # no title: refused, the dialog stays
        seen["error"] = dialog.error_label.text()
        seen["open"] = dialog.result() != QDialog.DialogCode.Accepted
        seen["place"] = dialog.place_edit.text()
        seen["marked"] = dialog.title_edit.property("invalid")
        type_text(qtbot, dialog.title_edit, "Børne- og ungeudvalget")
        dialog.area_combo.setCurrentIndex(dialog.area_combo.findData("children"))
        accept_with_ok(dialog)
        return dialog.result()

    monkeypatch.setattr(NewMeetingDialog, "exec", fake_exec)
    new_id = panel.new_meeting()

    assert seen == {
        "error": "Titel skal udfyldes.",
        "open": True,
        "place": "Sundhedshuset, lokale Ærø",
        "marked": True,
    }
    stored = meeting_service.get_meeting(db, new_id)
    assert stored.title == "Børne- og ungeudvalget"
    assert stored.location == "Sundhedshuset, lokale Ærø"
    assert stored.area == "children"
    assert stored.start_time == dt.time(9, 0)
    assert panel.current_meeting_id() == new_id

    # The next new meeting starts in the area (and place) used last time.
    dialog = NewMeetingDialog(db)
    qtbot.addWidget(dialog)
    assert dialog.area_combo.currentData() == "children"
    assert dialog.place_edit.text() == "Sundhedshuset, lokale Ærø"


def test_new_meeting_dialog_refuses_nothing_for_an_absurd_year(qtbot, db):
    dialog = NewMeetingDialog(db)
    qtbot.addWidget(dialog)
    assert dialog.date_edit.maximumDate().year() == 2200
    dialog.date_edit.setDate(dialog.date_edit.date().addYears(1000))  # year ~3026
    assert dialog.date_edit.date().year() <= 2200


def test_meeting_list_shows_danish_date_area_and_status(qtbot, db, meeting):
    panel = MeetingListPanel(db)
    qtbot.addWidget(panel)
    panel.load()
    model = panel.model
    assert model.index(0, MeetingListModel.DATE).data() == "torsdag 3. december 2026 kl. 09:00"
    assert model.index(0, MeetingListModel.AREA).data() == "Ældre"
    assert model.index(0, MeetingListModel.STATUS).data() == "Planlagt"
    minutes_service.approve_minutes(db, meeting.id, by="Birgitte Østergaard")
    panel.reload()
    assert model.index(0, MeetingListModel.STATUS).data() == "Referat godkendt"


def test_details_are_saved_as_they_are_typed(qtbot, db, view, meeting):
    title = view.details.title_edit
    title.setFocus()
    title.end(False)
    type_text(qtbot, title, " – uge 49")
    qtbot.waitUntil(
        lambda: (
            meeting_service.get_meeting(db, meeting.id).title
            == "Visitationsudvalget, ældreområdet – uge 49"
        ),
        timeout=SAVED,
    )
    view.details.place_edit.end(False)
    type_text(qtbot, view.details.place_edit, ", mødelokale Æblehaven")
    qtbot.waitUntil(
        lambda: meeting_service.get_meeting(db, meeting.id).location.endswith("Æblehaven"),
        timeout=SAVED,
    )


def test_an_empty_title_is_marked_and_explained_but_not_saved(qtbot, db, view, meeting):
    title = view.details.title_edit
    title.selectAll()
    qtbot.keyClick(title, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: view.details.error_label.isVisible(), timeout=SAVED)
    assert view.details.error_label.text() == "Titel skal udfyldes."
    assert title.property("invalid") is True
    assert meeting_service.get_meeting(db, meeting.id).title == "Visitationsudvalget, ældreområdet"
    qtbot.keyClicks(title, "Nyt navn")
    qtbot.waitUntil(
        lambda: meeting_service.get_meeting(db, meeting.id).title == "Nyt navn", timeout=SAVED
    )
    assert not view.details.error_label.isVisible()


def test_a_later_start_time_moves_every_item(qtbot, db, view, meeting):
    add_standard_items(db, meeting.id)
    view.refresh()
    assert shown_rows(view, AgendaModel.TIME)[0] == "09:00–09:05"
    view.details.time_edit.setTime(view.details.time_edit.time().addSecs(3600))
    qtbot.waitUntil(lambda: shown_rows(view, AgendaModel.TIME)[0] == "10:00–10:05", timeout=SAVED)
    assert meeting_service.get_meeting(db, meeting.id).start_time == dt.time(10, 0)


# -- participants ------------------------------------------------------------------------------


def test_participants_are_added_edited_inline_and_removed(qtbot, db, view, meeting, monkeypatch):
    panel = view.participants
    type_text(qtbot, panel.name_edit, "Åse Ødegård-Müller")
    panel.role_combo.setCurrentIndex(panel.role_combo.findData("legal_adviser"))
    qtbot.keyClicks(panel.organisation_edit, "Jura & Udbud")
    qtbot.keyClick(panel.organisation_edit, Qt.Key.Key_Return)

    stored = participant_service.list_participants(db, meeting.id)
    assert [(p.name, p.role, p.organisation) for p in stored] == [
        ("Åse Ødegård-Müller", "legal_adviser", "Jura & Udbud")
    ]
    assert panel.name_edit.text() == ""
    assert panel.model.index(0, ParticipantsModel.ROLE).data() == "Juridisk konsulent"

    # An empty name is refused in the panel, with the reason, and nothing is added.
    panel.add_button.click()
    assert panel.error_label.text() == "Navn skal udfyldes."
    assert len(participant_service.list_participants(db, meeting.id)) == 1

    # Edit the organisation in the table: F2, type, Enter.
    table = panel.table
    table.setFocus()
    table.setCurrentIndex(panel.model.index(0, ParticipantsModel.ORGANISATION))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = table.viewport().findChild(QLineEdit)
    assert editor is QApplication.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, "Social- og Sundhedsforvaltningen")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits a moment later
    qtbot.waitUntil(
        lambda: (
            participant_service.list_participants(db, meeting.id)[0].organisation
            == "Social- og Sundhedsforvaltningen"
        )
    )

    # An emptied name is refused: the table keeps the name and says why.
    assert not panel.model.setData(panel.model.index(0, ParticipantsModel.NAME), "  ")
    assert panel.error_label.text() == "Navn skal udfyldes."
    assert panel.model.index(0, ParticipantsModel.NAME).data() == "Åse Ødegård-Müller"

    monkeypatch.setattr("visitation_app.ui.before.participants_panel.confirm", lambda *args: True)
    table.setCurrentIndex(panel.model.index(0, ParticipantsModel.NAME))
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert participant_service.list_participants(db, meeting.id) == []


# -- cases and the agenda ----------------------------------------------------------------------


def test_new_case_is_validated_in_the_dialog_and_put_on_the_agenda(
    qtbot, db, view, meeting, monkeypatch
):
    seen = {}

    def fake_exec(dialog: NewCaseDialog) -> int:
        fields = dialog.fields
        type_text(qtbot, fields.citizen_name, "Jørgen Ærbø-Céline")
        qtbot.keyClicks(fields.cpr, "3113401234")  # no 31st of November
        qtbot.keyClicks(fields.reference, "27.12.04-G01-7-26")
        fields.applied_for.setPlainText("Praktisk hjælp til rengøring\nhver anden uge")
        type_text(qtbot, fields.legal_basis.lineEdit(), "ÆL § 10")  # not a catalog entry
        fields.case_type.setCurrentIndex(fields.case_type.findData("practical_help"))
        type_text(qtbot, fields.expected_annual_cost_ore, "12.500,50")
        type_text(qtbot, fields.contact, "ida@kommune.dk")
        fields.summary.setPlainText("Jørgen er 91 år." * 625)  # 10,000 characters
        fields.citizen_goals.setPlainText("At klare sig selv så længe som muligt.")
        accept_with_ok(dialog)
        seen["error"] = dialog.error_label.text()
        seen["cpr marked"] = fields.cpr.property("invalid")
        fields.cpr.clear()
        qtbot.keyClicks(fields.cpr, "0101401234")
        dialog.agenda_check.setChecked(False)
        accept_with_ok(dialog)
        return dialog.result()

    monkeypatch.setattr(NewCaseDialog, "exec", fake_exec)
    view.cases.new_button.click()

    assert seen == {
        "error": "CPR-nummeret begynder ikke med en gyldig fødselsdato (DDMMÅÅ).",
        "cpr marked": True,
    }
    case = case_service.list_cases(db, "elderly")[0]
    assert case.citizen_name == "Jørgen Ærbø-Céline"
    assert case.cpr == "010140-1234"
    assert len(case.summary) == 10_000
    assert (case.legal_basis_key, case.legal_paragraph) == ("", "ÆL § 10")
    assert case.case_type == "practical_help"
    assert case.expected_annual_cost_ore == 1_250_050
    assert case.contact == "ida@kommune.dk"
    # In the list the CPR number is masked; the editor beside shows the new case.
    assert view.cases.model.index(0, 0).data() == "Jørgen Ærbø-Céline (010140-xxxx)"
    assert view.editor.case_id == case.id
    assert load_dossier(db, meeting.id).items == ()

    view.cases.table.setFocus()
    view.cases.select_case(case.id)
    qtbot.keyClick(view.cases.table, Qt.Key.Key_Return)

    items = load_dossier(db, meeting.id).items
    assert [(item.kind, item.case.id if item.case else None) for item in items] == [
        ("case", case.id)
    ]
    assert view.cases.model.rowCount() == 0  # it is on the agenda now
    assert shown_rows(view, AgendaModel.TITLE) == [
        "Jørgen Ærbø-Céline: Praktisk hjælp til rengøring"
    ]
    assert shown_rows(view, AgendaModel.TIME) == ["09:00–09:20"]


def test_enter_puts_case_after_case_on_the_agenda(qtbot, db, view, meeting):
    for name in ("Karen Jensen", "Jørgen Ølgaard", "Åse Lund"):
        case_service.create_case(db, area="elderly", citizen_name=name)
    view.refresh()
    table = view.cases.table
    table.setFocus()
    table.selectRow(0)
    for _ in range(3):
        qtbot.keyClick(table, Qt.Key.Key_Return)
    names = [item.case.citizen_name for item in load_dossier(db, meeting.id).items]
    assert sorted(names) == ["Jørgen Ølgaard", "Karen Jensen", "Åse Lund"]
    assert shown_rows(view, AgendaModel.TIME) == ["09:00–09:20", "09:20–09:40", "09:40–10:00"]
    assert view.agenda.total_label.text() == "Planlagt varighed 1 time · slut 10:00"


def test_the_case_is_prepared_from_the_agenda(qtbot, db, view, meeting):
    case = case_service.create_case(db, area="elderly", citizen_name="Karen Jensen")
    case_service.create_case(db, area="children", citizen_name="Not this area")
    view.refresh()
    assert view.cases.model.rowCount() == 1  # only the meeting's area
    view.cases.select_case(case.id)
    view.cases.add_button.click()
    view.agenda.select_item(load_dossier(db, meeting.id).items[0].id)
    assert view.editor.case_id == case.id
    assert view.editor.heading.text() == "Punkt 1: Karen Jensen"

    summary = view.editor.case_fields.summary
    summary.setFocus()
    type_text(qtbot, summary, "Karen er 86 år og bor alene.")
    qtbot.keyClicks(view.editor.case_fields.applied_for, "Madservice")
    qtbot.waitUntil(
        lambda: case_service.get_case(db, case.id).summary == "Karen er 86 år og bor alene.",
        timeout=SAVED,
    )
    qtbot.waitUntil(
        lambda: shown_rows(view, AgendaModel.TITLE) == ["Karen Jensen: Madservice"], timeout=SAVED
    )
    assert view.editor.case_fields.summary.toPlainText() == "Karen er 86 år og bor alene."


def test_standard_items_are_added_from_the_menu(qtbot, db, view, meeting, monkeypatch):
    actions = view.agenda.add_button.menu().actions()
    assert [a.text() for a in actions] == [
        "Godkendelse af dagsorden",
        "Opfølgning på sidste møde",
        "Eventuelt",
        "Andet punkt…",
    ]
    for action in actions[:3]:
        action.trigger()
    monkeypatch.setattr(
        QInputDialog, "getText", staticmethod(lambda *args, **kwargs: ("Budgetopfølgning", True))
    )
    actions[3].trigger()
    assert agenda_titles(db, meeting.id) == [
        "Godkendelse af dagsorden",
        "Opfølgning på sidste møde",
        "Eventuelt",
        "Budgetopfølgning",
    ]
    assert shown_rows(view, AgendaModel.TIME) == [
        "09:00–09:05",
        "09:05–09:15",
        "09:15–09:20",
        "09:20–09:30",
    ]
    assert view.agenda.total_label.text() == "Planlagt varighed 30 min. · slut 09:30"
    # The new item is selected, and its title can be changed beside the agenda.
    assert view.agenda.selected_item().title == "Budgetopfølgning"
    assert view.editor.title_edit.text() == "Budgetopfølgning"


def test_ctrl_down_moves_an_item_and_ctrl_z_undoes_it(qtbot, db, view, meeting):
    add_standard_items(db, meeting.id)
    view.refresh()
    table = view.agenda.table
    table.setFocus()
    view.agenda.select_item(load_dossier(db, meeting.id).items[0].id)

    qtbot.keyClick(table, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)

    assert agenda_titles(db, meeting.id) == [
        "Opfølgning på sidste møde",
        "Godkendelse af dagsorden",
        "Eventuelt",
    ]
    assert shown_rows(view, AgendaModel.TIME) == ["09:00–09:10", "09:10–09:15", "09:15–09:20"]
    assert shown_rows(view, AgendaModel.NUMBER) == ["1", "2", "3"]
    assert view.agenda.selected_item().title == "Godkendelse af dagsorden"  # it went along

    qtbot.keyClick(table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert agenda_titles(db, meeting.id)[0] == "Godkendelse af dagsorden"
    assert shown_rows(view, AgendaModel.TIME)[0] == "09:00–09:05"

    qtbot.keyClick(
        table,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert agenda_titles(db, meeting.id)[0] == "Opfølgning på sidste møde"

    # Ctrl+Up from the top and the "Flyt op" button agree: nothing moves above the first.
    view.agenda.select_item(load_dossier(db, meeting.id).items[0].id)
    assert not view.agenda.up_button.isEnabled()
    view.agenda.select_item(load_dossier(db, meeting.id).items[2].id)
    view.agenda.up_button.click()
    assert agenda_titles(db, meeting.id)[1] == "Eventuelt"


def test_an_item_is_moved_by_drag_and_drop(qtbot, db, view, meeting):
    add_standard_items(db, meeting.id)
    view.refresh()
    model = view.agenda.model
    # What a drag of row 0 that is dropped below the last row hands the model.
    data = model.mimeData([model.index(0, AgendaModel.TITLE)])
    assert model.canDropMimeData(data, Qt.DropAction.MoveAction, 3, 0, QModelIndex())
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, 3, 0, QModelIndex())

    assert agenda_titles(db, meeting.id) == [
        "Opfølgning på sidste møde",
        "Eventuelt",
        "Godkendelse af dagsorden",
    ]
    assert shown_rows(view, AgendaModel.TIME) == ["09:00–09:10", "09:10–09:15", "09:15–09:20"]

    # moveRows, as Qt's item views call it: put row 2 before row 0.
    assert model.moveRows(QModelIndex(), 2, 1, QModelIndex(), 0)
    assert agenda_titles(db, meeting.id)[0] == "Godkendelse af dagsorden"

    model.undo_stack.undo()
    model.undo_stack.undo()
    assert agenda_titles(db, meeting.id) == [
        "Godkendelse af dagsorden",
        "Opfølgning på sidste møde",
        "Eventuelt",
    ]


def test_a_new_time_box_recomputes_the_times_and_can_be_undone(qtbot, db, view, meeting):
    add_standard_items(db, meeting.id)
    view.refresh()
    table = view.agenda.table
    table.setFocus()
    view.agenda.select_item(load_dossier(db, meeting.id).items[0].id)
    qtbot.keyClick(table, Qt.Key.Key_F2)  # edits the time box, wherever the cursor is
    editor = table.viewport().findChild(QSpinBox)
    assert editor is QApplication.focusWidget()
    editor.setValue(30)
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits a moment later

    qtbot.waitUntil(lambda: load_dossier(db, meeting.id).items[0].time_box_minutes == 30)
    assert shown_rows(view, AgendaModel.TIME) == ["09:00–09:30", "09:30–09:40", "09:40–09:45"]
    assert view.agenda.total_label.text() == "Planlagt varighed 45 min. · slut 09:45"

    view.agenda.undo_stack().undo()
    assert load_dossier(db, meeting.id).items[0].time_box_minutes == 5
    assert view.agenda.total_label.text() == "Planlagt varighed 20 min. · slut 09:20"


def test_removing_an_item_with_a_decision_asks_first(qtbot, db, view, meeting, monkeypatch):
    case = case_service.create_case(db, area="elderly", citizen_name="Karen Jensen")
    item = agenda_service.add_case_item(db, meeting.id, case.id)
    agenda_service.add_standard_item(db, meeting.id, "any_other_business")
    decision_service.save_decision(db, item.id, outcome="granted")
    view.refresh()
    asked = []
    monkeypatch.setattr(agenda_panel_module, "confirm", lambda *args: asked.append(args) or False)
    view.agenda.table.setFocus()
    view.agenda.select_item(item.id)
    qtbot.keyClick(view.agenda.table, Qt.Key.Key_Delete)
    assert len(asked) == 1
    assert len(load_dossier(db, meeting.id).items) == 2  # the chair said no

    # An empty standard item goes without a question.
    view.agenda.select_item(load_dossier(db, meeting.id).items[1].id)
    qtbot.keyClick(view.agenda.table, Qt.Key.Key_Delete)
    assert len(asked) == 1
    assert agenda_titles(db, meeting.id) == ["Karen Jensen"]


def test_an_approved_meeting_is_shown_locked(qtbot, db, view, meeting):
    add_standard_items(db, meeting.id)
    minutes_service.approve_minutes(db, meeting.id, by="Birgitte Østergaard")
    view.refresh()

    assert view.banner.isVisible()
    assert view.banner.text().startswith("Referatet er godkendt – mødet er låst.")
    assert view.details.title_edit.isReadOnly()
    assert not view.details.area_combo.isEnabled()
    assert not view.participants.add_button.isEnabled()
    assert not view.cases.new_button.isEnabled()
    assert not view.agenda.add_button.isEnabled()
    model = view.agenda.model
    flags = model.flags(model.index(0, AgendaModel.MINUTES))
    assert not flags & Qt.ItemFlag.ItemIsEditable
    assert not flags & Qt.ItemFlag.ItemIsDragEnabled
    assert view.agenda.print_button.isEnabled()  # the agenda can still be printed

    # Neither keys nor drops change the approved agenda.
    view.agenda.table.setFocus()
    view.agenda.select_item(load_dossier(db, meeting.id).items[0].id)
    qtbot.keyClick(view.agenda.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    data = model.mimeData([model.index(0, AgendaModel.TITLE)])
    assert not model.dropMimeData(data, Qt.DropAction.MoveAction, 3, 0, QModelIndex())
    assert agenda_titles(db, meeting.id)[0] == "Godkendelse af dagsorden"
    assert meeting_service.get_meeting(db, meeting.id).status == MeetingStatus.APPROVED


def test_no_meeting_shows_the_empty_state(qtbot, db):
    view = BeforeView(db)
    qtbot.addWidget(view)
    view.show()
    view.set_meeting(None)
    assert view.pages.currentWidget() is view.empty
    assert view.empty.text() == "Vælg et møde i listen, eller opret et nyt (Ctrl+N)."


def test_the_agenda_is_printed_through_pdf_actions(qtbot, db, view, meeting, monkeypatch):
    calls = []
    monkeypatch.setattr(
        "visitation_app.ui.pdf_actions.export_agenda_pdf",
        lambda parent, database, meeting_id: calls.append(meeting_id),
    )
    view.agenda.print_button.click()
    assert calls == [meeting.id]


def test_labels_are_danish(qtbot, db, view):
    assert view.details.title() == "Mødeoplysninger"
    assert view.cases.title() == "Sager til behandling"
    assert view.agenda.title() == "Dagsorden"
    assert view.agenda.up_button.text() == "Flyt op"
    assert view.agenda.print_button.text() == "Udskriv dagsorden (PDF)…"
    assert view.cases.add_button.text() == "Sæt på dagsorden"
    headers = [view.agenda.model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)]
    assert headers == ["Nr.", "Tidspunkt", "Punkt", "Tidsramme"]
