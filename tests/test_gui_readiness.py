"""'Før mødet': the case preparation fields and the readiness shown on each agenda line."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt

from visitation_app.services import agenda as agenda_service
from visitation_app.services import cases as case_service
from visitation_app.services import decisions as decision_service
from visitation_app.services import meetings as meeting_service
from visitation_app.services.dossier import load_dossier
from visitation_app.ui.before.agenda_model import READINESS_ROLE, READY_ROLE, AgendaModel
from visitation_app.ui.before.before_view import BeforeView

SAVED = 3000  # ms to wait for an autosave (its delay is 400 ms)

NOTHING_READY = "Mangler: resumé, hjemmel, partshøring, udgift, invitation"
TO_DO = [
    "Skriv sagsresuméet.",
    "Vælg den hjemmel, sagen skal afgøres efter.",
    "Registrér partshøringen: gennemført på en dato, eller ikke nødvendig og hvorfor.",
    "Skøn den forventede årlige udgift.",
    "Invitér borgeren, og angiv datoen for invitationen.",
]


def make_meeting(db, on: dt.date):
    return meeting_service.create_meeting(
        db,
        title="Visitationsudvalget, ældreområdet",
        area="elderly",
        meeting_date=on,
        start_time=dt.time(9, 0),
    )


@pytest.fixture
def meeting(db):
    return make_meeting(db, dt.date(2026, 12, 3))


def open_view(qtbot, db, meeting_id: int) -> BeforeView:
    view = BeforeView(db)
    qtbot.addWidget(view)
    view.resize(1100, 700)
    view.show()
    view.activateWindow()
    qtbot.waitActive(view)
    view.set_meeting(meeting_id)
    return view


@pytest.fixture
def case_item(db, meeting):
    """A case on the agenda after a standard item, with nothing prepared yet."""
    agenda_service.add_standard_item(db, meeting.id, "approve_agenda")
    case = case_service.create_case(
        db, area="elderly", citizen_name="Karen Jensen", applied_for="Praktisk hjælp"
    )
    return agenda_service.add_case_item(db, meeting.id, case.id)


@pytest.fixture
def view(qtbot, db, meeting, case_item):
    widget = open_view(qtbot, db, meeting.id)
    widget.agenda.select_item(case_item.id)
    return widget


def line(view: BeforeView, item_id: int, role: int):
    """What the agenda line of item `item_id` shows in the given role (item column)."""
    model = view.agenda.model
    return model.index(model.row_of(item_id), AgendaModel.TITLE).data(role)


def status(view: BeforeView, item_id: int) -> str | None:
    return line(view, item_id, READINESS_ROLE)


# -- the agenda line -------------------------------------------------------------------------


def test_a_case_line_shows_what_is_missing_and_a_standard_item_nothing(view, case_item):
    model = view.agenda.model
    standard = model.item(0)
    assert status(view, standard.id) is None
    assert line(view, standard.id, READY_ROLE) is None
    assert status(view, case_item.id) == NOTHING_READY
    assert line(view, case_item.id, READY_ROLE) is False

    tooltip = line(view, case_item.id, Qt.ItemDataRole.ToolTipRole)
    assert tooltip.splitlines()[0] == "Karen Jensen: Praktisk hjælp"
    for point in TO_DO:
        assert "✗ " + point in tooltip
    # The whole line explains itself, not only the item column.
    time_cell = model.index(model.row_of(case_item.id), AgendaModel.TIME)
    assert time_cell.data(Qt.ItemDataRole.ToolTipRole) == tooltip
    # A case line is drawn two lines high (title and status); a standard item one.
    table = view.agenda.table
    assert table.rowHeight(1) > table.rowHeight(0) * 1.5


def test_preparing_the_case_turns_its_line_from_missing_to_ready(qtbot, db, view, case_item):
    editor = view.editor
    fields = editor.case_fields
    assert editor.item_id == case_item.id

    fields.summary.setFocus()
    qtbot.keyClicks(fields.summary, "Karen er 86 og bor alene.")
    qtbot.waitUntil(
        lambda: status(view, case_item.id) == "Mangler: hjemmel, partshøring, udgift, invitation",
        timeout=SAVED,
    )

    fields.legal_basis.setFocus()
    fields.legal_basis.setCurrentIndex(fields.legal_basis.findData("AEL-10"))
    fields.expected_annual_cost_ore.setFocus()
    qtbot.keyClicks(fields.expected_annual_cost_ore, "45600")
    qtbot.waitUntil(
        lambda: status(view, case_item.id) == "Mangler: partshøring, invitation", timeout=SAVED
    )

    editor.invited_on.setFocus()
    editor.invited_on.setDate(QDate(2026, 11, 20))
    consultation = editor.consultation
    consultation.status.setFocus()
    consultation.status.setCurrentIndex(consultation.status.findData("done"))
    assert consultation.consulted_on.isVisibleTo(editor)  # the date is asked for now
    consultation.consulted_on.setDate(QDate(2026, 11, 15))
    qtbot.waitUntil(lambda: status(view, case_item.id) == "Klar", timeout=SAVED)

    assert line(view, case_item.id, READY_ROLE) is True
    tooltip = line(view, case_item.id, Qt.ItemDataRole.ToolTipRole)
    assert "✗" not in tooltip
    assert "✓ Sagsresumé er skrevet." in tooltip
    assert "✓ Borgeren er inviteret." in tooltip
    item = next(i for i in load_dossier(db, case_item.meeting_id).items if i.id == case_item.id)
    assert item.citizen_invited_on == dt.date(2026, 11, 20)
    assert item.decision.consultation == "done"
    assert item.decision.consulted_on == dt.date(2026, 11, 15)
    assert item.case.expected_annual_cost_ore == 4_560_000
    assert (item.case.legal_basis_key, item.case.legal_paragraph) == (
        "AEL-10",
        "Ældreloven § 10",
    )


def test_consultation_not_needed_keeps_its_reason(qtbot, db, view, case_item):
    consultation = view.editor.consultation
    consultation.status.setFocus()
    consultation.status.setCurrentIndex(consultation.status.findData("not_needed"))
    assert consultation.reason.isVisibleTo(view.editor)
    assert not consultation.consulted_on.isVisibleTo(view.editor)
    consultation.reason.setFocus()
    qtbot.keyClicks(consultation.reason, "Borgeren faar alt, der er soegt om")

    def reason() -> str | None:
        decision = decision_service.get_decision(db, case_item.id)
        return decision.consultation_not_needed_reason if decision else None

    qtbot.waitUntil(lambda: reason() == "Borgeren faar alt, der er soegt om", timeout=SAVED)
    assert decision_service.get_decision(db, case_item.id).consultation == "not_needed"
    assert "partshøring" not in status(view, case_item.id)


def test_readiness_moves_with_its_line(qtbot, db, view, case_item):
    view.agenda.table.setFocus()
    view.agenda.select_item(case_item.id)
    qtbot.keyClick(view.agenda.table, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    model = view.agenda.model
    assert model.row_of(case_item.id) == 0
    assert model.index(0, AgendaModel.TITLE).data(READINESS_ROLE) == NOTHING_READY
    assert model.index(1, AgendaModel.TITLE).data(READINESS_ROLE) is None
    model.undo_stack.undo()
    assert model.index(1, AgendaModel.TITLE).data(READINESS_ROLE) == NOTHING_READY


def test_a_change_made_elsewhere_shows_on_refresh(db, view, case_item):
    case_service.update_case(db, case_item.case_id, summary="Skrevet i et andet vindue.")
    agenda_service.update_item(db, case_item.id, citizen_invited_on=dt.date(2026, 11, 1))
    view.refresh()
    assert status(view, case_item.id) == "Mangler: hjemmel, partshøring, udgift"
    assert view.editor.invited_on.value() == dt.date(2026, 11, 1)
    assert view.editor.case_fields.summary.toPlainText() == "Skrevet i et andet vindue."


# -- the legal basis -------------------------------------------------------------------------


def test_a_catalog_basis_stores_its_key_and_citation(qtbot, db, view, case_item):
    basis = view.editor.case_fields.legal_basis
    offered = [basis.itemData(i) for i in range(basis.count())]
    assert "AEL-10" in offered
    assert "SEL-85" not in offered  # socialpædagogisk bistand belongs to the adult area
    assert basis.itemText(basis.findData("AEL-14")) == "Ældreloven § 14 – Madservice"
    basis.setFocus()
    basis.setCurrentIndex(basis.findData("AEL-14"))
    qtbot.waitUntil(
        lambda: case_service.get_case(db, case_item.case_id).legal_basis_key == "AEL-14",
        timeout=SAVED,
    )
    assert case_service.get_case(db, case_item.case_id).legal_paragraph == "Ældreloven § 14"
    assert "hjemmel" not in status(view, case_item.id)


def test_a_typed_basis_stores_no_key_and_the_text(qtbot, db, view, case_item):
    basis = view.editor.case_fields.legal_basis
    basis.setFocus()
    qtbot.keyClicks(basis.lineEdit(), "Retssikkerhedsloven § 10")
    qtbot.keyClick(basis.lineEdit(), Qt.Key.Key_Tab)
    qtbot.waitUntil(
        lambda: (
            case_service.get_case(db, case_item.case_id).legal_paragraph
            == "Retssikkerhedsloven § 10"
        ),
        timeout=SAVED,
    )
    assert case_service.get_case(db, case_item.case_id).legal_basis_key == ""
    assert "hjemmel" not in status(view, case_item.id)


def test_the_bases_offered_are_those_valid_on_the_meeting_date(qtbot, db):
    before_elder_act = make_meeting(db, dt.date(2025, 3, 4))
    case = case_service.create_case(
        db,
        area="elderly",
        citizen_name="Åse Lund",
        legal_basis_key="SEL-83-1-2",
        legal_paragraph="Serviceloven § 83, stk. 1, nr. 2",
    )
    item = agenda_service.add_case_item(db, before_elder_act.id, case.id)
    view = open_view(qtbot, db, before_elder_act.id)
    view.agenda.select_item(item.id)
    basis = view.editor.case_fields.legal_basis
    assert basis.findData("SEL-83-1-2") >= 0
    assert basis.findData("AEL-10") < 0
    assert basis.autosave_value() == ("SEL-83-1-2", "Serviceloven § 83, stk. 1, nr. 2")

    # On a meeting after 1 July 2025 Ældreloven is offered beside Serviceloven (the citizen's
    # age decides which applies); a key the catalog does not offer is shown as its text.
    later = make_meeting(db, dt.date(2026, 12, 3))
    agenda_service.remove_item(db, item.id)
    case_service.update_case(
        db, case.id, legal_basis_key="SEL-85", legal_paragraph="Serviceloven § 85"
    )
    later_item = agenda_service.add_case_item(db, later.id, case.id)
    view.set_meeting(later.id)
    view.agenda.select_item(later_item.id)
    assert basis.findData("AEL-10") >= 0 and basis.findData("SEL-83-1-2") >= 0
    assert basis.findData("SEL-85") < 0
    assert basis.currentText() == "Serviceloven § 85"
    assert basis.currentIndex() == -1


# -- case type, cost, contact ----------------------------------------------------------------


def test_case_type_cost_and_contact_are_saved(qtbot, db, view, case_item):
    fields = view.editor.case_fields
    case_type = fields.case_type
    assert case_type.itemText(0) == "– ikke valgt –"
    index = case_type.findData("practical_help")
    assert case_type.itemText(index) == "Praktisk hjælp (28 dage)"
    case_type.setFocus()
    case_type.setCurrentIndex(index)

    cost = fields.expected_annual_cost_ore
    cost.setFocus()
    qtbot.keyClicks(cost, "45600,5")
    fields.contact.setFocus()  # leaving the amount shows it the Danish way
    assert cost.text() == "45.600,50"
    qtbot.keyClicks(fields.contact, "lars.holm@kommune.dk")

    def stored():
        case = case_service.get_case(db, case_item.case_id)
        return case.case_type, case.expected_annual_cost_ore, case.contact

    qtbot.waitUntil(
        lambda: stored() == ("practical_help", 4_560_050, "lars.holm@kommune.dk"), timeout=SAVED
    )


def test_a_cost_that_is_not_an_amount_is_explained_and_not_saved(qtbot, db, view, case_item):
    cost = view.editor.case_fields.expected_annual_cost_ore
    cost.setFocus()
    qtbot.keyClicks(cost, "ca. 40000")
    qtbot.waitUntil(lambda: view.editor.error_label.isVisible(), timeout=SAVED)
    assert "er ikke et beløb" in view.editor.error_label.text()
    assert cost.property("invalid")
    assert case_service.get_case(db, case_item.case_id).expected_annual_cost_ore is None
    assert cost.text() == "ca. 40000"  # what was typed stays, to be corrected


def test_an_unknown_case_type_is_still_shown(qtbot, db, meeting):
    case = case_service.create_case(
        db, area="elderly", citizen_name="Kim Sørensen", case_type="old_type"
    )
    item = agenda_service.add_case_item(db, meeting.id, case.id)
    view = open_view(qtbot, db, meeting.id)
    view.agenda.select_item(item.id)
    combo = view.editor.case_fields.case_type
    assert combo.currentData() == "old_type"
    assert combo.currentText() == "old_type (findes ikke i kataloget)"


# -- what belongs to the agenda item ---------------------------------------------------------


def test_invitation_and_consultation_only_for_a_case_on_the_agenda(qtbot, db, view, meeting):
    waiting = case_service.create_case(db, area="elderly", citizen_name="Jørgen Ølgaard")
    view.refresh()
    view.cases.select_case(waiting.id)
    view.cases.table.setFocus()
    qtbot.mouseClick(
        view.cases.table.viewport(),
        Qt.MouseButton.LeftButton,
        pos=view.cases.table.visualRect(view.cases.proxy.index(0, 0)).center(),
    )
    editor = view.editor
    assert editor.case_id == waiting.id
    form = editor.case_fields.form
    assert not form.isRowVisible(editor.invited_row)
    assert not form.isRowVisible(editor.consultation)
    assert form.isRowVisible(editor.not_on_agenda)

    # Put on the agenda, the same case gets them.
    view.cases.add_button.click()
    assert editor.case_id == waiting.id
    assert editor.item_id is not None
    assert form.isRowVisible(editor.invited_row)
    assert form.isRowVisible(editor.consultation)
    assert not form.isRowVisible(editor.not_on_agenda)

    # A standard item has only its title.
    view.agenda.select_item(view.agenda.model.item(0).id)
    assert editor.case_id is None
    assert editor.pages.currentIndex() == editor.ITEM
