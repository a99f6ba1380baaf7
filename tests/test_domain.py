"""Rules of the meeting, without a database or a window."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from visitation_app.domain import validation as v
from visitation_app.domain.agenda import (
    item_title,
    meeting_start,
    moved,
    planned_end,
    schedule,
    validate_time_box,
)
from visitation_app.domain.errors import MeetingLockedError, ValidationError
from visitation_app.domain.meeting import (
    ensure_editable,
    status_after_approval,
    status_after_reopen,
)
from visitation_app.domain.money import kroner_to_ore, parse_money
from visitation_app.domain.vocabulary import AgendaItemKind, MeetingStatus, Outcome


def test_each_item_starts_where_the_one_before_ends():
    start = meeting_start(dt.date(2026, 12, 3), dt.time(9, 0), "Europe/Copenhagen")
    slots = schedule(start, [5, 20, 25])
    assert [(s.starts_at.strftime("%H:%M"), s.ends_at.strftime("%H:%M")) for s in slots] == [
        ("09:00", "09:05"),
        ("09:05", "09:25"),
        ("09:25", "09:50"),
    ]
    assert planned_end(start, [5, 20, 25]).strftime("%H:%M") == "09:50"


def test_schedule_across_the_autumn_clock_change_keeps_every_minute():
    # 25 October 2026: clocks in Denmark go back from 03:00 to 02:00.
    start = meeting_start(dt.date(2026, 10, 25), dt.time(1, 30), "Europe/Copenhagen")
    slots = schedule(start, [60, 60])
    assert [s.minutes for s in slots] == [60, 60]
    assert slots[1].ends_at.astimezone(dt.UTC) - slots[0].starts_at.astimezone(dt.UTC) == (
        dt.timedelta(hours=2)
    )
    assert slots[0].starts_at.utcoffset() == dt.timedelta(hours=2)
    assert slots[1].ends_at.utcoffset() == dt.timedelta(hours=1)


def test_schedule_of_an_empty_agenda_is_empty():
    start = meeting_start(dt.date(2026, 12, 3), dt.time(9, 0), "Europe/Copenhagen")
    assert schedule(start, []) == []
    assert planned_end(start, []) == start


@pytest.mark.parametrize("minutes", [0, -5, 481])
def test_time_box_outside_one_minute_to_eight_hours_is_refused(minutes):
    with pytest.raises(ValidationError, match="minutter"):
        validate_time_box(minutes)


@given(st.lists(st.integers(), min_size=1, max_size=12, unique=True), st.data())
def test_moving_an_item_keeps_every_item_once(order, data):
    source = data.draw(st.integers(0, len(order) - 1))
    target = data.draw(st.integers(-3, len(order) + 3))
    result = moved(order, source, target)
    assert sorted(result) == sorted(order)
    assert result[max(0, min(target, len(order) - 1))] == order[source]


def test_case_item_title_names_citizen_and_application():
    assert item_title("case", "", "Åse Ørum", "Praktisk hjælp\nrengøring") == (
        "Åse Ørum: Praktisk hjælp"
    )
    assert item_title("approve_agenda", "", None) == "Godkendelse af dagsorden"
    assert item_title("other", "Budgetopfølgning", None) == "Budgetopfølgning"


def test_approved_meeting_is_locked_and_reopening_needs_a_reason():
    ensure_editable(MeetingStatus.HELD)
    with pytest.raises(MeetingLockedError, match="Genåbn"):
        ensure_editable(MeetingStatus.APPROVED)
    assert status_after_approval(MeetingStatus.HELD) == MeetingStatus.APPROVED
    with pytest.raises(MeetingLockedError):
        status_after_approval(MeetingStatus.APPROVED)
    with pytest.raises(ValidationError, match="hvorfor"):
        status_after_reopen(MeetingStatus.APPROVED, "  ")
    assert status_after_reopen(MeetingStatus.APPROVED, "Fejl i beløb") == MeetingStatus.HELD
    with pytest.raises(ValidationError):
        status_after_reopen(MeetingStatus.HELD, "reason")


@pytest.mark.parametrize(
    ("typed", "ore"),
    [
        ("1.234,50", 123450),
        ("1234,5", 123450),
        ("12 500 kr.", 1250000),
        ("125.000,50 kr", 12500050),
        ("0", 0),
        ("-2.000", -200000),
        ("", None),
        ("   ", None),
    ],
)
def test_danish_amounts_are_read_as_ore(typed, ore):
    assert parse_money(typed) == ore


@pytest.mark.parametrize("typed", ["12,5,0", "abc", "1.23,45", "1,234.50", "12,345"])
def test_what_is_not_an_amount_is_refused_with_a_sentence(typed):
    with pytest.raises(ValidationError, match="beløb"):
        parse_money(typed)


def test_english_amounts_use_the_decimal_point():
    assert parse_money("1,234.50", decimal_comma=False) == 123450


def test_absurd_amount_is_refused():
    with pytest.raises(ValidationError):
        parse_money("99999999999999")


def test_rounding_is_half_up_to_whole_ore():
    from decimal import Decimal

    assert kroner_to_ore(Decimal("0.005")) == 1
    assert kroner_to_ore(Decimal("0.004")) == 0


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("010190-1234", "010190-1234"),
        ("0101901234", "010190-1234"),
        ("", ""),
        ("290200-4000", "290200-4000"),
    ],  # 29 Feb 2000 (7th digit 4, year 00 -> 2000)
)
def test_cpr_numbers_are_checked_for_format_and_birth_date(typed, stored):
    assert v.cpr_number(typed) == stored


@pytest.mark.parametrize("typed", ["320190-1234", "12345", "290201-1234", "01019O-1234"])
def test_impossible_cpr_numbers_are_refused(typed):
    with pytest.raises(ValidationError, match="CPR"):
        v.cpr_number(typed)


def test_cpr_is_masked_to_the_birth_date():
    assert v.mask_cpr("010190-1234") == "010190-xxxx"
    assert v.mask_cpr("") == ""


def test_texts_keep_line_breaks_but_lose_control_characters():
    assert v.long_text("a\r\nb\x00c\x07", "Noter") == "a\nbc"
    assert v.short_text("  Zoë\tÅngström ", "Navn") == "ZoëÅngström"


def test_required_short_text_must_be_filled_in():
    with pytest.raises(ValidationError, match="Titel skal udfyldes"):
        v.short_text("   ", "Titel", required=True)


def test_ten_thousand_character_notes_are_fine_and_too_long_texts_are_refused():
    assert len(v.long_text("æ" * 10_000, "Noter")) == 10_000
    with pytest.raises(ValidationError, match="for lang"):
        v.long_text("x" * (v.LONG_TEXT_MAX + 1), "Noter")


def test_year_3000_is_not_a_plausible_date():
    with pytest.raises(ValidationError, match="3000"):
        v.plausible_date(dt.date(3000, 1, 1), "Mødedato")


def test_every_code_has_a_danish_label():
    for enum in (Outcome, MeetingStatus, AgendaItemKind):
        for member in enum:
            assert member.label and member.label != member.value
    assert Outcome.PARTLY_GRANTED.label == "Delvist bevilget"
