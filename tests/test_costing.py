"""The cost arithmetic of a decision: exact, rounded once, and the parts always add up."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from visitation_app.domain.costing import (
    Cost,
    Extent,
    Frequency,
    change_of,
    cost_in_year,
    cost_of,
    days_in_year,
    round_ore,
    split_at_year_end,
)
from visitation_app.domain.errors import ValidationError

quantities = st.decimals(min_value=0, max_value=1000, places=2, allow_nan=False)
prices = st.integers(min_value=0, max_value=10_000_000)  # up to 100.000 kr. a unit
recurring = st.sampled_from([Frequency.PER_WEEK, Frequency.PER_MONTH, Frequency.PER_YEAR])
days = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 12, 31))


@pytest.mark.parametrize(
    ("quantity", "frequency", "price_ore", "full_year", "one_off"),
    [
        ("2", Frequency.PER_WEEK, 45_000, 4_680_000, 0),  # 2 h × 450 kr. × 52 = 46.800 kr.
        ("1.5", Frequency.PER_WEEK, 45_050, 3_513_900, 0),
        ("1", Frequency.PER_MONTH, 1_234_567, 14_814_804, 0),
        ("7", Frequency.PER_WEEK, 180_000, 65_520_000, 0),  # a place, 7 days a week
        ("1", Frequency.ONCE, 1_250_050, 0, 1_250_050),  # an aid bought once
        ("0", Frequency.PER_WEEK, 45_000, 0, 0),
        ("0.33", Frequency.PER_WEEK, 1, 17, 0),  # 17.16 øre rounds to 17
        ("0.01", Frequency.PER_YEAR, 50, 1, 0),  # 0.5 øre rounds half up to 1
    ],
)
def test_cost_of_an_extent(quantity, frequency, price_ore, full_year, one_off):
    cost = cost_of(Extent(Decimal(quantity), frequency), price_ore)
    assert (cost.full_year_ore, cost.one_off_ore) == (full_year, one_off)


def test_per_week_and_per_month_are_read_from_the_year():
    cost = Cost(full_year_ore=4_680_000)
    assert cost.per_week_ore == 90_000 and cost.per_month_ore == 390_000


def test_a_reduction_and_a_stop_are_negative_changes():
    price = 45_000
    before = Extent(Decimal(3), Frequency.PER_WEEK)
    assert change_of(Extent(Decimal(2), Frequency.PER_WEEK), before, price).full_year_ore == (
        -2_340_000
    )
    assert change_of(Extent(Decimal(0), Frequency.PER_WEEK), before, price).full_year_ore == (
        -7_020_000
    )
    assert change_of(Extent(Decimal(2), Frequency.PER_WEEK), None, price).full_year_ore == (
        4_680_000
    )


@pytest.mark.parametrize("quantity", ["-1", "100001", "NaN", "Infinity"])
def test_impossible_extents_are_refused(quantity):
    with pytest.raises(ValidationError):
        Extent(Decimal(quantity), Frequency.PER_WEEK)


@pytest.mark.parametrize(
    ("valid_from", "this_year"),
    [
        (dt.date(2026, 1, 1), 3_650_000),  # the whole year
        (dt.date(2026, 12, 31), 10_000),  # one day of 365
        (dt.date(2026, 7, 1), 1_840_000),  # 184 days
        (dt.date(2024, 12, 31), 9_973),  # one day of a leap year's 366 (9972.67 -> 9973)
        (dt.date(2024, 2, 29), 3_061_612),  # 307 days of 366
    ],
)
def test_split_at_the_year_end(valid_from, this_year):
    split = split_at_year_end(3_650_000, valid_from)
    assert split.this_year_ore == this_year
    assert split.this_year_ore + split.next_year_ore == 3_650_000


@given(quantities, recurring, prices, days)
def test_parts_add_up_to_the_full_year(quantity, frequency, price, valid_from):
    cost = cost_of(Extent(quantity, frequency), price)
    split = split_at_year_end(cost.full_year_ore, valid_from)
    assert split.this_year_ore + split.next_year_ore == cost.full_year_ore
    assert 0 <= split.this_year_ore <= cost.full_year_ore


@given(quantities, recurring, prices, days)
def test_a_partial_year_never_exceeds_the_full_year(quantity, frequency, price, valid_from):
    cost = cost_of(Extent(quantity, frequency), price)
    for year in (valid_from.year - 1, valid_from.year, valid_from.year + 1):
        assert 0 <= cost_in_year(cost, valid_from, year) <= cost.full_year_ore


@given(st.sampled_from(list(Frequency)), prices, days)
def test_a_zero_extent_costs_nothing(frequency, price, valid_from):
    cost = cost_of(Extent(Decimal(0), frequency), price)
    assert cost == Cost()
    assert cost_in_year(cost, valid_from, valid_from.year) == 0


@given(quantities, prices, days)
def test_a_one_off_falls_in_its_own_year_only(quantity, price, valid_from):
    cost = cost_of(Extent(quantity, Frequency.ONCE), price)
    assert cost_in_year(cost, valid_from, valid_from.year) == cost.one_off_ore
    assert cost_in_year(cost, valid_from, valid_from.year + 1) == 0
    assert cost_in_year(cost, valid_from, valid_from.year - 1) == 0


@given(quantities, quantities, recurring, prices)
def test_a_change_is_the_difference_of_the_two_costs(new, old, frequency, price):
    change = change_of(Extent(new, frequency), Extent(old, frequency), price)
    assert change.full_year_ore == (
        cost_of(Extent(new, frequency), price).full_year_ore
        - cost_of(Extent(old, frequency), price).full_year_ore
    )


@given(st.integers(min_value=1900, max_value=2200))
def test_days_in_year_knows_leap_years(year):
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    assert days_in_year(year) == (366 if leap else 365)


def test_rounding_is_half_up():
    assert round_ore(Decimal("0.5")) == 1
    assert round_ore(Decimal("1.49")) == 1
    assert round_ore(Decimal("-0.5")) == -1
