"""Decisions' costs and the area's frame, through the services on a real database."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from visitation_app.domain.errors import ValidationError
from visitation_app.services import agenda, budget, cases, decisions, meetings
from visitation_app.services.dossier import load_dossier

DAY = dt.date(2026, 7, 1)  # 184 days left of 2026 (of 365)


def meeting_on(db, day=DAY, area="elderly"):
    return meetings.create_meeting(
        db, title="Visitationsudvalget", area=area, meeting_date=day, start_time=dt.time(9)
    )


def decide(db, meeting, name="Åse Ørum", cpr="010150-1234", **fields):
    case = cases.create_case(db, area=meeting.area, citizen_name=name, cpr=cpr)
    item = agenda.add_case_item(db, meeting.id, case.id)
    decisions.save_decision(db, item.id, **fields)
    return item, case


def practical_help(hours: str, **extra):
    # 2026 tariff: 444,00 kr. an hour.
    return {
        "outcome": "granted",
        "tariff_key": "practical_help",
        "extent_quantity": hours,
        "extent_frequency": "per_week",
        **extra,
    }


def test_a_decision_costs_extent_times_tariff_and_the_rest_of_the_year(db):
    meeting = meeting_on(db)
    decide(db, meeting, **practical_help("2,5", valid_from=DAY))
    cost = load_dossier(db, meeting.id).items[0].cost
    assert cost.cost.full_year_ore == 5_772_000  # 2,5 h × 444 kr. × 52 = 57.720 kr.
    assert cost.cost.per_week_ore == 111_000
    assert cost.this_year_ore == 2_909_721  # 57.720 kr. × 184/365 = 29.097,205 -> ,21
    assert cost.change.full_year_ore == 5_772_000


def test_a_reduction_is_a_negative_change_and_a_stop_takes_the_whole_previous_cost(db):
    meeting = meeting_on(db)
    decide(db, meeting, **practical_help("1", previous_quantity="3", valid_from=DAY))
    decide(
        db,
        meeting,
        name="Bo Ærenlund",
        cpr="020250-1234",
        outcome="refused",
        tariff_key="practical_help",
        extent_quantity="0",
        extent_frequency="per_week",
        previous_quantity="2",
        valid_from=DAY,
    )
    reduced, stopped = (item.cost for item in load_dossier(db, meeting.id).items)
    assert reduced.change.full_year_ore == -4_617_600  # (1 − 3) h × 444 kr. × 52
    assert stopped.change.full_year_ore == -4_617_600  # 2 h × 444 kr. × 52, stopped
    assert stopped.cost.full_year_ore == 0


def test_the_chair_may_set_the_amount_with_a_reason(db):
    meeting = meeting_on(db)
    item, _case = decide(db, meeting, **practical_help("2", cost_override_ore=4_000_000))
    cost = load_dossier(db, meeting.id).items[0].cost
    assert cost.overridden and cost.cost.full_year_ore == 4_000_000
    assert cost.computed.full_year_ore == 4_617_600
    assert cost.problems  # no reason yet
    decisions.save_decision(db, item.id, cost_override_reason="Aftalt pris med leverandøren.")
    assert not load_dossier(db, meeting.id).items[0].cost.problems


def test_the_meeting_is_set_against_the_frame_with_the_years_other_meetings(db):
    earlier = meeting_on(db, dt.date(2026, 3, 2))
    decide(db, earlier, **practical_help("1", valid_from=dt.date(2026, 3, 2)))
    meeting = meeting_on(db)
    decide(db, meeting, name="Bo Ærenlund", cpr="", **practical_help("2", valid_from=DAY))
    decide(db, meeting_on(db, area="children"), name="Liva Holm", cpr="",
           outcome="granted", tariff_key="foster_family", extent_quantity="1",
           extent_frequency="per_month", valid_from=DAY)  # fmt: skip
    status = budget.meeting_budget(db, meeting.id)
    assert status.frame_ore is None and status.left_ore is None and not status.over
    this_meeting = round(4_617_600 * 184 / 365)
    earlier_part = round(2_308_800 * 305 / 365)  # 2 March to 31 December: 305 days
    assert status.this_meeting_ore == this_meeting
    assert status.committed_ore == this_meeting + earlier_part

    budget.set_frame(db, "elderly", 2026, 4_000_000)
    status = budget.meeting_budget(db, meeting.id)
    assert status.left_ore == 4_000_000 - status.committed_ore
    assert status.over
    budget.set_frame(db, "elderly", 2026, 100_000_000)
    assert not budget.meeting_budget(db, meeting.id).over
    assert budget.list_frames(db) == [budget.FrameRow("elderly", 2026, 100_000_000)]
    budget.set_frame(db, "elderly", 2026, None)
    assert budget.list_frames(db) == []


@pytest.mark.parametrize(
    ("area", "year", "amount"),
    [("mars", 2026, 1), ("elderly", 1899, 1), ("elderly", 2026, -5), ("elderly", 2026, 1.5)],
)
def test_impossible_frames_are_refused(db, area, year, amount):
    with pytest.raises(ValidationError):
        budget.set_frame(db, area, year, amount)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("tariff_key", "no_such_tariff", "ingen takst"),
        ("extent_quantity", "to", "ikke et tal"),
        ("extent_quantity", "-1", "mellem 0 og"),
        ("extent_quantity", "1,234", "to decimaler"),
        ("extent_frequency", "daily", "ikke en af valgmulighederne"),
    ],
)
def test_bad_budget_fields_are_refused(db, field, value, message):
    item, _case = decide(db, meeting_on(db))
    with pytest.raises(ValidationError, match=message):
        decisions.save_decision(db, item.id, **{field: value})


def test_cost_per_citizen_counts_the_latest_decision_per_tariff(db):
    first = meeting_on(db, dt.date(2026, 3, 2))
    decide(db, first, **practical_help("1", valid_from=dt.date(2026, 3, 2)))
    later = meeting_on(db, dt.date(2026, 6, 1))
    _item, case = decide(db, later, **practical_help("3", previous_quantity="1",
                                                      valid_from=dt.date(2026, 6, 1)))  # fmt: skip
    decide(db, later, outcome="granted", tariff_key="meal_service", extent_quantity="7",
           extent_frequency="per_week", valid_from=dt.date(2026, 6, 1))  # fmt: skip
    on_may = budget.cost_per_citizen(db, case.id, dt.date(2026, 5, 1))
    on_july = budget.cost_per_citizen(db, case.id, dt.date(2026, 7, 1))
    assert on_may.full_year_ore == 2_308_800 and on_may.decisions == 1
    assert on_july.full_year_ore == 3 * 2_308_800 + 7 * 9_950 * 52
    assert on_july.decisions == 2 and on_july.citizen_name == "Åse Ørum"
    assert Decimal(on_july.full_year_ore) > 0


def test_a_december_meeting_whose_decisions_start_in_january_counts_in_the_new_year(db):
    meeting = meeting_on(db, dt.date(2026, 12, 21))
    decide(db, meeting, **practical_help("1", valid_from=dt.date(2027, 1, 4)))
    budget.set_frame(db, "elderly", 2027, 10_000_000)
    status = budget.meeting_budget(db, meeting.id)
    assert status.year == 2027 and status.frame_ore == 10_000_000
    assert status.this_meeting_ore == round(2_308_800 * 362 / 365)  # 4 January to 31 December
