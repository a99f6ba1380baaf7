"""Ordered versus delivered hours, as the chair sees them in 'Bestilte og leverede timer':
a unit's CSV file imported through the real dialog, the table per unit, a refused file.

The expected figures are worked out here by hand (5 hours a week is 5 × 52 / 12 a month …),
not with the app's own arithmetic.
"""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from visitation_app.catalog import Catalog
from visitation_app.services import agenda, cases, decisions, meetings
from visitation_app.services import delivered_hours as hours_service
from visitation_app.services.delivered_hours import months_with_delivered_hours
from visitation_app.ui import delivered_hours_dialog as dialog_module
from visitation_app.ui.delivered_hours_dialog import (
    DELIVERED,
    GAP,
    GAP_PERCENT,
    SHORTFALL_COLOUR,
    DeliveredHoursDialog,
    open_delivered_hours,
)

TODAY = dt.date(2026, 11, 3)
OCTOBER = dt.date(2026, 10, 1)
LAERKEVEJ = "Bofællesskabet Lærkevej"
HEADER = "Enhed;Måned;Timer\n"


def decide(db, cpr: str, quantity: str, frequency: str, unit: str = LAERKEVEJ, **fields) -> None:
    """A granted decision on an hour tariff for adults, made through the services."""
    meeting = meetings.create_meeting(
        db,
        title="Visitationsudvalget",
        area="adult_disability",
        meeting_date=dt.date(2026, 9, 3),
        start_time=dt.time(9),
    )
    case = cases.create_case(db, area="adult_disability", citizen_name="Borger " + cpr, cpr=cpr)
    item = agenda.add_case_item(db, meeting.id, case.id)
    values = {
        "outcome": "granted",
        "tariff_key": "residence_support_hours",
        "extent_quantity": quantity,
        "extent_frequency": frequency,
        "provider_unit": unit,
        "valid_from": dt.date(2026, 9, 1),
    }
    decisions.save_decision(db, item.id, **(values | fields))


@pytest.fixture
def granted(db):
    decide(db, "010180-1111", "5", "per_week")  # 5 × 52 / 12 = 21,666… hours a month
    decide(db, "010180-2222", "10", "per_month", unit="bofællesskabet  lærkevej")
    decide(db, "010180-3333", "2", "per_week", unit="Birkely")  # 2 × 52 / 12 = 8,666…
    decide(db, "010180-4444", "3", "per_week", tariff_key="practical_help", outcome="refused")


@pytest.fixture
def dialog(qtbot, db) -> DeliveredHoursDialog:
    widget = DeliveredHoursDialog(db, today=TODAY)
    qtbot.addWidget(widget)
    widget.resize(1000, 600)
    widget.show()
    return widget


def choose(monkeypatch, path) -> list[int]:
    """The file dialog answers `path` (None: cancelled); returns a list counting the asks."""
    asked: list[int] = []

    def fake(parent):
        asked.append(1)
        return path

    monkeypatch.setattr(dialog_module, "choose_hours_file", fake)
    return asked


def write(tmp_path, text: str, name: str = "timer.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def table(dialog) -> list[list[str]]:
    grid = dialog.table
    return [
        [grid.item(row, column).text() for column in range(grid.columnCount())]
        for row in range(grid.rowCount())
    ]


def months(dialog) -> list[str]:
    return [dialog.month.itemText(index) for index in range(dialog.month.count())]


def click_import(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)


def test_importing_a_good_file_shows_each_units_gap_for_its_month(
    qtbot, granted, dialog, monkeypatch, tmp_path
):
    assert table(dialog)[0][:3] == ["Birkely", "8,67", "–"]  # the current month, nothing imported
    path = write(
        tmp_path,
        HEADER
        + "Bofællesskabet Lærkevej;2026-10;30\n"
        + "Skovly;2026-10;12,5\n"
        + "Bofællesskabet Lærkevej;2026-09;1.234,5\n",
    )
    asked = choose(monkeypatch, path)
    click_import(qtbot, dialog)

    assert asked == [1]
    assert dialog.result_label.isVisible()
    assert dialog.result_label.text().startswith(
        "3 rækker med leverede timer importeret fra timer.csv"
    )
    assert not dialog.problem_label.isVisible() and not dialog.problem_list.isVisible()
    # Newest first, and the current month too; the file's newest month is shown.
    assert months(dialog) == ["November 2026", "Oktober 2026", "September 2026"]
    assert dialog.month.currentText() == "Oktober 2026"
    # Lærkevej: 30 delivered against 5 × 52 / 12 + 10 = 31,666… visitated: 1,666… short,
    # which is 5,26 % of the visitated hours.
    assert table(dialog) == [
        ["Birkely", "8,67", "–", "–", "–"],
        ["Bofællesskabet Lærkevej", "31,67", "30,00", "-1,67", "-5,26"],
        ["Skovly", "0,00", "12,50", "+12,50", "–"],
    ]
    shortfall = dialog.table.item(1, GAP).foreground().color().name()
    assert shortfall == dialog.table.item(1, GAP_PERCENT).foreground().color().name()
    assert shortfall == SHORTFALL_COLOUR
    assert dialog.table.item(2, GAP).foreground().color().name() != SHORTFALL_COLOUR
    assert dialog.table.item(0, DELIVERED).toolTip() == (
        "Der er ikke importeret leverede timer for denne måned."
    )

    dialog.month.setCurrentIndex(dialog.month.findText("September 2026"))
    assert table(dialog)[1] == [
        "Bofællesskabet Lærkevej",
        "31,67",
        "1.234,50",
        "+1.202,83",
        "+3.798,42",
    ]


def test_a_file_with_a_bad_line_shows_the_line_and_imports_nothing(
    qtbot, db, granted, dialog, monkeypatch, tmp_path
):
    choose(monkeypatch, write(tmp_path, HEADER + "Bofællesskabet Lærkevej;2026-10;30\n"))
    click_import(qtbot, dialog)
    before = table(dialog)

    bad = write(
        tmp_path,
        HEADER + "Bofællesskabet Lærkevej;2026-10;40\nSkovly;2026-10;12\nBirkely;2026-10;otte\n",
        name="oktober rettet.csv",
    )
    choose(monkeypatch, bad)
    click_import(qtbot, dialog)

    assert dialog.problem_label.isVisible()
    assert dialog.problem_label.text() == (
        "oktober rettet.csv blev ikke importeret: der blev fundet 1 fejl. Intet er importeret; "
        "ret filen, og importér den igen."
    )
    assert dialog.problem_list.isVisible() and dialog.problem_list.isReadOnly()
    assert dialog.problem_list.toPlainText() == "Linje 4: 'otte' er ikke et antal timer."
    assert not dialog.result_label.isVisible()
    assert table(dialog) == before  # still 30 delivered, no Skovly
    assert months_with_delivered_hours(db) == [OCTOBER]

    # A corrected file clears the problems.
    choose(monkeypatch, write(tmp_path, HEADER + "Birkely;2026-10;8\n", name="rettet.csv"))
    click_import(qtbot, dialog)
    assert not dialog.problem_label.isVisible() and not dialog.problem_list.isVisible()
    assert table(dialog)[0] == ["Birkely", "8,67", "8,00", "-0,67", "-7,69"]


def test_many_problems_are_listed_by_line_in_a_box_that_scrolls(
    qtbot, db, dialog, monkeypatch, tmp_path
):
    rows = "".join(f"Enhed {n};2026-10;x\n" for n in range(60))
    choose(monkeypatch, write(tmp_path, HEADER + rows))
    click_import(qtbot, dialog)
    lines = dialog.problem_list.toPlainText().splitlines()
    assert lines[0] == "Linje 2: 'x' er ikke et antal timer."
    assert lines[-1] == "Linje 61: 'x' er ikke et antal timer."
    assert dialog.problem_list.verticalScrollBar().maximum() > 0
    assert dialog.problem_list.height() < dialog.height() / 2
    assert months_with_delivered_hours(db) == []


def test_a_file_that_is_not_there_is_explained_in_the_window(qtbot, dialog, monkeypatch, tmp_path):
    choose(monkeypatch, tmp_path / "findes-ikke.csv")
    click_import(qtbot, dialog)
    assert dialog.problem_label.isVisible()
    assert dialog.problem_label.text().startswith("Der er ingen fil")
    assert not dialog.problem_list.isVisible()


def test_cancelling_the_file_dialog_changes_nothing(qtbot, db, granted, dialog, monkeypatch):
    dialog.reload_months()
    before = (table(dialog), months(dialog), dialog.month.currentText())
    asked = choose(monkeypatch, None)
    click_import(qtbot, dialog)
    assert asked == [1]
    assert (table(dialog), months(dialog), dialog.month.currentText()) == before
    assert not dialog.result_label.isVisible() and not dialog.problem_label.isVisible()
    assert months_with_delivered_hours(db) == []


def test_an_empty_month_says_so(dialog):
    assert months(dialog) == ["November 2026"]
    assert dialog.table.rowCount() == 0
    assert dialog.empty_label.isVisible()
    assert "november 2026" in dialog.empty_label.text()


def test_the_window_fits_a_small_laptop_screen(granted, dialog):
    dialog.reload_months()
    hint = dialog.minimumSizeHint()
    assert hint.width() <= 1366 and hint.height() <= 768
    assert dialog.width() <= 1366 and dialog.height() <= 768


def test_the_main_window_opens_it_with_its_danish_title(qtbot, db, monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(
        DeliveredHoursDialog, "exec", lambda self: shown.append(self.windowTitle()) or 0
    )
    open_delivered_hours(None, db)
    assert shown == ["Bestilte og leverede timer"]


def test_decisions_on_a_tariff_the_catalog_no_longer_knows_are_marked_not_counted(
    granted, monkeypatch, qtbot, db
):
    monkeypatch.setattr(hours_service, "current_catalog", lambda: Catalog(tariffs={}))
    dialog = DeliveredHoursDialog(db, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    assert table(dialog)[0] == ["Birkely *", "0,00", "–", "–", "–"]
    assert dialog.unknown_label.isVisible()
    assert dialog.unknown_label.text().splitlines()[0] == (
        "* Birkely: afgørelser med takster, som kataloget ikke kender "
        "(residence_support_hours), er ikke talt med."
    )


def test_the_window_opens_from_the_menu(qtbot, db, monkeypatch):
    from visitation_app.ui import app as app_module
    from visitation_app.ui import main_window as main_window_module

    opened = []
    monkeypatch.setattr(
        main_window_module, "open_delivered_hours", lambda parent, db: opened.append(db)
    )
    window = app_module.create_main_window(db)
    qtbot.addWidget(window)
    assert window.delivered_hours_action.text() == "Bestilte og leverede &timer…"
    window.delivered_hours_action.trigger()
    assert opened == [db]
