"""What a decision costs, and the meeting against the area's budget frame, seen by the chair
through the real widgets of 'Under mødet' and the budget frames dialog.

The expected figures are worked out here by hand (2,5 hours × 444,00 kr. × 52 weeks …),
not with the app's own arithmetic.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest
from lawful import decide_lawfully
from PySide6.QtCore import QPoint, Qt

from visitation_app.services import agenda as agenda_service
from visitation_app.services import budget as budget_service
from visitation_app.services import cases as case_service
from visitation_app.services import decisions as decision_service
from visitation_app.services import meetings as meeting_service
from visitation_app.services import minutes as minutes_service
from visitation_app.services.dossier import load_dossier
from visitation_app.ui import app as app_module
from visitation_app.ui import budget_frames as frames_module
from visitation_app.ui import main_window as main_window_module
from visitation_app.ui.budget_frames import BudgetFramesDialog
from visitation_app.ui.during import budget_panel as budget_panel_module
from visitation_app.ui.during.during_view import DuringView

SAVED = 3000  # ms to wait for an autosave (its delay is 400 ms)
DAY = dt.date(2026, 7, 1)  # the meeting; 1 July to 31 December 2026 is 184 of 365 days
PRACTICAL_HELP_ORE = 44_400  # the shipped 2026 tariff: 444,00 kr. an hour


def kroner(ore: int) -> str:
    """'57.720,00 kr.' – written out here, independently of the app's formatting."""
    sign = "-" if ore < 0 else ""
    whole, rest = divmod(abs(ore), 100)
    return f"{sign}{whole:,}".replace(",", ".") + f",{rest:02d} kr."


def half_up(amount: Fraction) -> int:
    return int(amount + Fraction(1, 2)) if amount >= 0 else -int(-amount + Fraction(1, 2))


def this_year_of(full_year_ore: int) -> int:
    """From 1 July to 31 December 2026: 184 days of the year's 365."""
    return half_up(Fraction(full_year_ore * 184, 365))


def make_case_item(db, *, area="elderly", day=DAY, name="Åse Ørum", cpr="010150-1234"):
    meeting = meeting_service.create_meeting(
        db, title="Visitationsudvalget", area=area, meeting_date=day, start_time=dt.time(9)
    )
    case = case_service.create_case(db, area=area, citizen_name=name, cpr=cpr)
    item = agenda_service.add_case_item(db, meeting.id, case.id)
    return meeting.id, item.id


@pytest.fixture
def meeting(db):
    return make_case_item(db)


@pytest.fixture
def view(qtbot, db, meeting) -> DuringView:
    widget = DuringView(db)
    qtbot.addWidget(widget, before_close_func=DuringView.discard_unsaved)
    widget.resize(1366, 700)
    widget.show()
    widget.set_meeting(meeting[0])
    return widget


def stored(db, meeting_id: int, item_id: int):
    return next(i for i in load_dossier(db, meeting_id).items if i.id == item_id)


def figure(economy, key: str) -> str:
    return economy.figures.values[key].text()


def tick(qtbot, box) -> None:
    """Click a check box on its box (its row is wider than box and text)."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(6, box.height() // 2))


def grant_practical_help(qtbot, panel, hours: str) -> None:
    """Bevilget, the tariff 'Praktisk hjælp' chosen from the list, the hours typed."""
    qtbot.keyClicks(panel.decision.outcome, "Bevilget")
    qtbot.keyClicks(panel.economy.tariff, "Praktisk")
    qtbot.keyClicks(panel.economy.extent_quantity, hours)


# -- the economy group -------------------------------------------------------------------


def test_a_tariff_and_an_extent_show_the_full_year_and_this_year(qtbot, db, view, meeting):
    economy = view.panel.economy
    assert economy.tariff.currentText() == "– ingen takst –"
    grant_practical_help(qtbot, view.panel, "2,5")
    assert economy.tariff.currentText() == "Praktisk hjælp (hjemmehjælp) – 444,00 kr. pr. time"

    full_year = 25 * PRACTICAL_HELP_ORE * 52 // 10  # 2,5 h × 444 kr. × 52 = 57.720,00 kr.
    qtbot.waitUntil(lambda: figure(economy, "per_year") == kroner(full_year), timeout=SAVED)
    assert full_year == 5_772_000
    assert figure(economy, "per_week") == kroner(25 * PRACTICAL_HELP_ORE // 10)  # 1.110,00
    assert figure(economy, "per_month") == kroner(full_year // 12)  # 4.810,00
    assert figure(economy, "this_year") == kroner(this_year_of(full_year)) == "29.097,21 kr."
    assert economy.figures.names["this_year"].text() == "Budgetåret 2026"
    assert economy.figures.period.text() == "fra 1. juli 2026 til 31. december"
    # The frequency follows the hourly tariff; the unit is written after the number.
    assert economy.extent_frequency.currentText() == "om ugen"
    assert economy.unit_label.text() == "timer à 444,00 kr."
    assert economy.figures.citizen.text() == kroner(full_year)

    decision = stored(db, *meeting).decision
    assert decision.tariff_key == "practical_help"
    assert decision.extent_quantity == Decimal("2.5")
    assert decision.extent_frequency == "per_week"


def test_a_reduction_shows_a_negative_change(qtbot, db, view, meeting):
    economy = view.panel.economy
    grant_practical_help(qtbot, view.panel, "1")
    qtbot.keyClicks(economy.previous_quantity, "3")
    qtbot.keyClicks(economy.provider_unit, "Hjemmeplejen Nord")
    change = (1 - 3) * PRACTICAL_HELP_ORE * 52  # two hours a week less: −46.176,00 kr.
    qtbot.waitUntil(lambda: economy.figures.values["change"].isVisible(), timeout=SAVED)
    qtbot.waitUntil(lambda: figure(economy, "change") == kroner(change), timeout=SAVED)
    assert economy.previous_unit_label.text() == "timer om ugen"
    assert economy.figures.names["this_year"].text() == "Ændring i budgetåret 2026"
    assert figure(economy, "this_year") == kroner(this_year_of(change))
    assert stored(db, *meeting).decision.provider_unit == "Hjemmeplejen Nord"


def test_an_amount_set_by_hand_needs_a_reason(qtbot, db, view, meeting):
    economy = view.panel.economy
    grant_practical_help(qtbot, view.panel, "2")
    assert not economy.cost_override_ore.isVisible()
    tick(qtbot, economy.override_check)
    assert economy.cost_override_ore.isVisible() and economy.cost_override_reason.isVisible()
    qtbot.keyClicks(economy.cost_override_ore, "40.000")

    problems = economy.figures.problems
    reason_missing = "Angiv begrundelsen for at sætte beløbet manuelt."
    qtbot.waitUntil(lambda: reason_missing in problems.text(), timeout=SAVED)
    assert problems.isVisible()
    assert figure(economy, "per_year") == "40.000,00 kr."
    assert figure(economy, "computed") == kroner(2 * PRACTICAL_HELP_ORE * 52)  # 46.176,00

    qtbot.keyClicks(economy.cost_override_reason, "Aftalt pris med leverandøren.")
    qtbot.waitUntil(lambda: not problems.isVisible(), timeout=SAVED)
    decision = stored(db, *meeting).decision
    assert decision.cost_override_ore == 4_000_000
    assert decision.cost_override_reason == "Aftalt pris med leverandøren."

    # Unticking goes back to the tariff's amount.
    tick(qtbot, economy.override_check)
    qtbot.waitUntil(
        lambda: figure(economy, "per_year") == kroner(2 * PRACTICAL_HELP_ORE * 52), timeout=SAVED
    )
    assert stored(db, *meeting).decision.cost_override_ore is None


def test_letters_in_the_extent_are_marked_and_kept(qtbot, db, view, meeting):
    economy = view.panel.economy
    qtbot.keyClicks(economy.extent_quantity, "to timer")
    qtbot.waitUntil(lambda: economy.extent_quantity.property("invalid") is True, timeout=SAVED)
    assert economy.extent_quantity.text() == "to timer"  # kept for the chair to fix
    assert "'to timer' er ikke et tal" in view.save_status_text()
    decision = stored(db, *meeting).decision
    assert decision is None or decision.extent_quantity is None

    economy.extent_quantity.clear()
    qtbot.keyClicks(economy.extent_quantity, "2,5")
    qtbot.waitUntil(lambda: economy.extent_quantity.property("invalid") is False, timeout=SAVED)
    assert stored(db, *meeting).decision.extent_quantity == Decimal("2.5")


def test_without_a_tariff_the_annual_cost_is_typed_by_hand(qtbot, db, view, meeting):
    economy = view.panel.economy
    assert economy.annual_cost_ore.isVisible()
    qtbot.keyClicks(view.panel.decision.outcome, "Bevilget")
    qtbot.keyClicks(economy.annual_cost_ore, "52.000")
    qtbot.waitUntil(lambda: figure(economy, "per_year") == "52.000,00 kr.", timeout=SAVED)
    assert figure(economy, "per_week") == "1.000,00 kr."
    # With a tariff chosen the typed amount gives way to extent × tariff.
    qtbot.keyClicks(economy.tariff, "Praktisk")
    assert not economy.annual_cost_ore.isVisible()
    qtbot.waitUntil(
        lambda: "Vælg både takst og omfang" in economy.figures.problems.text(), timeout=SAVED
    )


def test_an_undecided_case_shows_the_tariff_price_without_counting_it(qtbot, db, view, meeting):
    economy = view.panel.economy
    qtbot.keyClicks(economy.tariff, "Praktisk")
    qtbot.keyClicks(economy.extent_quantity, "1")
    full_year = PRACTICAL_HELP_ORE * 52
    qtbot.waitUntil(lambda: figure(economy, "per_year") == kroner(full_year), timeout=SAVED)
    assert not economy.figures.values["this_year"].isVisible()  # nothing counts yet
    assert "Tæller først i budgettet" in economy.figures.note.text()
    assert view.budget.left.text() == "Ingen budgetramme sat for Ældre 2026"


def test_the_citizens_total_adds_up_the_decisions_in_force(qtbot, db):
    earlier, earlier_item = make_case_item(db, day=dt.date(2026, 3, 2))
    decision_service.save_decision(
        db, earlier_item, outcome="granted", annual_cost_ore=1_000_000, service="Madservice"
    )
    meeting_id, _item = make_case_item(db)
    view = DuringView(db)
    qtbot.addWidget(view, before_close_func=DuringView.discard_unsaved)
    view.set_meeting(meeting_id)
    economy = view.panel.economy
    assert economy.figures.citizen.text() == "10.000,00 kr."
    grant_practical_help(qtbot, view.panel, "1")
    total = 1_000_000 + PRACTICAL_HELP_ORE * 52
    qtbot.waitUntil(lambda: economy.figures.citizen.text() == kroner(total), timeout=SAVED)
    assert economy.figures.citizen_count.text() == "2 afgørelser i kraft"


def test_approved_minutes_leave_the_economy_read_only(qtbot, db, meeting):
    decide_lawfully(
        db,
        meeting[1],
        tariff_key="practical_help",
        extent_quantity="2",
        extent_frequency="per_week",
    )
    minutes_service.approve_minutes(db, meeting[0], by="Birgitte Østergaard")
    view = DuringView(db)
    qtbot.addWidget(view, before_close_func=DuringView.discard_unsaved)
    view.set_meeting(meeting[0])
    economy = view.panel.economy
    assert economy.extent_quantity.isReadOnly() and economy.provider_unit.isReadOnly()
    assert not economy.tariff.isEnabled() and not economy.override_check.isEnabled()
    # The figures are still there to read.
    assert figure(economy, "per_year") == kroner(2 * PRACTICAL_HELP_ORE * 52)


# -- the budget panel --------------------------------------------------------------------


def test_the_budget_panel_turns_red_when_a_decision_passes_the_frame(qtbot, db, meeting):
    budget_service.set_frame(db, "elderly", 2026, 2_000_000)  # 20.000,00 kr.
    view = DuringView(db)
    qtbot.addWidget(view, before_close_func=DuringView.discard_unsaved)
    view.resize(1366, 700)
    view.show()
    view.set_meeting(meeting[0])
    panel = view.budget
    assert panel.title.text() == "Budget Ældre 2026:"
    assert panel.left.text() == "Tilbage: 20.000,00 kr."
    assert not panel.is_over()

    grant_practical_help(qtbot, view.panel, "2,5")
    over = this_year_of(25 * PRACTICAL_HELP_ORE * 52 // 10) - 2_000_000  # 9.097,21 kr.
    qtbot.waitUntil(panel.is_over, timeout=SAVED)
    assert panel.left.text() == f"Over rammen med {kroner(over)}" == "Over rammen med 9.097,21 kr."
    assert "#b3261e" in panel.left.styleSheet()  # red
    assert panel.property("over") is True
    assert "Dette møde: 29.097,21 kr." in panel.figures.text().replace("&nbsp;", " ")

    # Less hours: back under the frame.
    view.panel.economy.extent_quantity.clear()
    qtbot.keyClicks(view.panel.economy.extent_quantity, "1")
    left = 2_000_000 - this_year_of(PRACTICAL_HELP_ORE * 52)
    qtbot.waitUntil(lambda: panel.left.text() == f"Tilbage: {kroner(left)}", timeout=SAVED)
    assert not panel.is_over()


def test_the_budget_counts_other_meetings_of_the_year(qtbot, db, meeting):
    earlier, earlier_item = make_case_item(db, day=dt.date(2026, 3, 2), cpr="020250-1234")
    decision_service.save_decision(db, earlier_item, outcome="granted", annual_cost_ore=365_000)
    budget_service.set_frame(db, "elderly", 2026, 1_000_000)
    view = DuringView(db)
    qtbot.addWidget(view, before_close_func=DuringView.discard_unsaved)
    view.set_meeting(meeting[0])
    # 3.650 kr. a year from 2 March: 305 of 365 days = 3.050,00 kr.
    figures = view.budget.figures.text().replace("&nbsp;", " ")
    assert "Dette møde: 0,00 kr." in figures
    assert "Disponeret i året: 3.050,00 kr." in figures
    assert "Ramme: 10.000,00 kr." in figures
    assert view.budget.left.text() == "Tilbage: 6.950,00 kr."


# -- budget frames -----------------------------------------------------------------------


@pytest.fixture
def dialog(qtbot, db):
    widget = BudgetFramesDialog(db, area="adult_disability", year=2027)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def table_rows(dialog) -> list[tuple[str, str, str]]:
    table = dialog.table
    return [
        tuple(table.item(row, column).text() for column in range(3))
        for row in range(table.rowCount())
    ]


def test_the_frames_dialog_saves_changes_and_removes_a_frame(qtbot, db, dialog, monkeypatch):
    assert dialog.empty_label.isVisible()
    assert dialog.area.currentText() == "Voksen-handicap" and dialog.year.value() == 2027
    qtbot.keyClicks(dialog.amount, "2.500.000,00")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert budget_service.list_frames(db) == [
        budget_service.FrameRow("adult_disability", 2027, 250_000_000)
    ]
    assert table_rows(dialog) == [("Voksen-handicap", "2027", "2.500.000,00 kr.")]
    assert dialog.changed and not dialog.empty_label.isVisible()

    dialog.amount.clear()
    qtbot.keyClicks(dialog.amount, "2.750.000")
    qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)  # Enter saves too
    assert table_rows(dialog) == [("Voksen-handicap", "2027", "2.750.000,00 kr.")]

    asked: list[str] = []
    monkeypatch.setattr(frames_module, "confirm", lambda _p, _t, text: asked.append(text) or True)
    dialog.table.selectRow(0)
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert asked == ["Fjern budgetrammen for Voksen-handicap 2027 (2.750.000,00 kr.)?"]
    assert budget_service.list_frames(db) == []
    assert table_rows(dialog) == []


def test_the_frames_dialog_refuses_a_bad_amount(qtbot, db, dialog):
    qtbot.keyClicks(dialog.amount, "mange penge")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.amount.property("invalid") is True
    assert dialog.amount.text() == "mange penge"
    assert "ikke et beløb" in dialog.error_label.text() and dialog.error_label.isVisible()
    assert budget_service.list_frames(db) == []

    dialog.amount.clear()
    qtbot.keyClicks(dialog.amount, "-5")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert budget_service.list_frames(db) == []
    assert dialog.error_label.isVisible()
    assert not dialog.changed


def test_the_edit_menu_sets_a_frame_and_the_meeting_shows_it(qtbot, db, meeting, monkeypatch):
    window = app_module.create_main_window(db)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.meeting_list.select_meeting(meeting[0])
    window.show_phase(1)
    panel = window.during_view.budget
    assert panel.left.text() == "Ingen budgetramme sat for Ældre 2026"

    class TypedFrame(BudgetFramesDialog):
        def exec(self) -> int:  # the chair types the frame and saves it
            self.area.setCurrentIndex(self.area.findData("elderly"))
            self.year.setValue(2026)
            qtbot.keyClicks(self.amount, "1.000.000")
            qtbot.mouseClick(self.save_button, Qt.MouseButton.LeftButton)
            return 0

    monkeypatch.setattr(main_window_module, "BudgetFramesDialog", TypedFrame)
    edit_menu = window.menuBar().actions()[1].menu()
    assert window.budget_frames_action in edit_menu.actions()
    assert window.budget_frames_action.text() == "&Budgetrammer…"
    window.budget_frames_action.trigger()
    assert panel.left.text() == "Tilbage: 1.000.000,00 kr."


def test_the_panels_frames_button_opens_the_dialog_at_the_meetings_area_and_year(
    qtbot, db, view, monkeypatch
):
    opened: list[tuple[str, int]] = []

    class TypedFrame(BudgetFramesDialog):
        def exec(self) -> int:
            opened.append((self.area.currentData(), self.year.value()))
            qtbot.keyClicks(self.amount, "50.000")
            qtbot.mouseClick(self.save_button, Qt.MouseButton.LeftButton)
            return 0

    monkeypatch.setattr(budget_panel_module, "BudgetFramesDialog", TypedFrame)
    qtbot.mouseClick(view.budget.frames_button, Qt.MouseButton.LeftButton)
    assert opened == [("elderly", 2026)]
    assert view.budget.left.text() == "Tilbage: 50.000,00 kr."


def test_the_meeting_fits_a_small_laptop_screen_with_the_budget_line(qtbot, db, meeting):
    window = app_module.create_main_window(db)
    qtbot.addWidget(window)
    window.meeting_list.select_meeting(meeting[0])
    window.show_phase(1)
    window.resize(1366, 768)
    window.show()
    assert window.minimumSizeHint().width() <= 1366
    assert window.minimumSizeHint().height() <= 768
    panel = window.during_view.budget
    assert panel.isVisible() and panel.height() < 60  # one line under the clock
