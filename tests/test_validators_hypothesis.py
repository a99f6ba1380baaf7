"""Property-based tests of everything a user can type into a field, or bring in a file.

For any input, hostile or not (control characters, lone surrogates, bidi overrides, emoji,
100,000 characters, digits of other scripts, huge numbers), each validator or parser
either gives a value within its limits or raises its own error with a sentence for the
user (ValidationError; BadValueError for the values of an hours file; the hours file
parser collects problems and never raises). Values written the way the app itself writes
them are read back unchanged.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from visitation_app.domain import assessment
from visitation_app.domain import validation as v
from visitation_app.domain.agenda import MAX_TIME_BOX, MIN_TIME_BOX, validate_time_box
from visitation_app.domain.citizen_view import blank_cpr
from visitation_app.domain.costing import MAX_QUANTITY
from visitation_app.domain.errors import ValidationError
from visitation_app.domain.hours_csv import MAX_REPORTED, parse_hours_file, parse_hours_text
from visitation_app.domain.hours_values import MAX_HOURS, BadValueError, parse_hours, parse_month
from visitation_app.domain.money import MAX_ORE, parse_money
from visitation_app.domain.vocabulary import Outcome
from visitation_app.formatting import format_amount, format_money, format_time
from visitation_app.i18n import set_language
from visitation_app.services.common import choice, strict_bool
from visitation_app.services.participants import parse_clock_time

# Moderate counts: the whole suite must stay a few minutes on two cores.
FEW = settings(max_examples=60, deadline=None)
SOME = settings(max_examples=150, deadline=None)
# The `danish` fixture (conftest) sets the language once per test, not per example.
PER_TEST = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

# --- hostile text -------------------------------------------------------------------------

HOSTILE = (
    "\x00\x07\x08\x0b\x0c\x1b\x7f\x85\x9f"  # C0 and C1 controls
    "\r\n\t"  # line breaks and tabs
    "\u200b\u200d\u2028\u2029\ufeff"  # zero width, separators, byte order mark
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"  # bidi embeddings and isolates
    "\ue000\U000f0000"  # private use
    "\u0301\u0308"  # combining accents with nothing to sit on
    "😀👩‍👧\U0001f1e9\U0001f1f0"  # emoji, a ZWJ sequence and a flag
    "æøåÆØÅé"
    "\u0660\u0661\u0662\uff11\uff12"  # Arabic-Indic and full-width digits
    " \u00a0-–−.,:;'\"<>&"
)
surrogates = st.integers(0xD800, 0xDFFF).map(chr)
hostile_chars = st.one_of(st.characters(), st.sampled_from(HOSTILE), surrogates)
hostile_text = st.one_of(
    st.text(hostile_chars, max_size=80),
    st.text(st.sampled_from(HOSTILE + "0123456789"), max_size=40),
)
ANY_VALUE = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=True, allow_infinity=True),
    hostile_text,
    st.lists(st.integers(), max_size=3),
    st.dates(),
)
BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def is_control(character: str) -> bool:
    return unicodedata.category(character) in {"Cc", "Cs", "Co"} or character in BIDI


def assert_a_sentence(error: Exception) -> None:
    message = str(error)
    assert message and message.strip() == message and "Traceback" not in message
    assert len(message) < 600  # an echoed 100,000-character value would not be read


# --- texts ----------------------------------------------------------------------------------


@SOME
@given(hostile_text, st.booleans())
def test_cleaned_text_has_no_control_characters_but_line_breaks_and_tabs(text, multiline):
    cleaned = v.clean_text(text, multiline=multiline)
    allowed = {"\n", "\t"} if multiline else set()
    assert not [c for c in cleaned if is_control(c) and c not in allowed]
    assert "\r" not in cleaned
    assert unicodedata.is_normalized("NFC", cleaned)
    assert v.clean_text(cleaned, multiline=multiline) == cleaned  # cleaning twice changes nothing


@SOME
@given(st.text(st.characters(exclude_categories=("Cc", "Cs", "Co")), max_size=80))
def test_cleaning_keeps_every_letter_emoji_and_sign(text):
    text = "".join(c for c in text if c not in BIDI)
    assert v.clean_text(text, multiline=True) == unicodedata.normalize("NFC", text)


@SOME
@given(hostile_text, st.booleans())
def test_a_short_text_is_one_clean_line_within_the_limit(text, required):
    try:
        cleaned = v.short_text(text, "Titel", required=required)
    except ValidationError as error:
        assert_a_sentence(error)
        assert "Titel" in str(error)
        return
    assert cleaned == cleaned.strip() and len(cleaned) <= v.SHORT_TEXT_MAX
    assert not [c for c in cleaned if is_control(c)]
    assert not required or cleaned


@SOME
@given(hostile_text)
def test_a_long_text_keeps_its_lines(text):
    cleaned = v.long_text(text, "Noter")
    assert text.count("\n") + text.count("\r") - text.count("\r\n") == cleaned.count("\n")
    assert not [c for c in cleaned if is_control(c) and c not in "\n\t"]


@pytest.mark.parametrize("piece", ["æøå ", "😀", "👩‍👧", "a\u0301", "\u0661", "x\n"])
def test_a_100000_character_field(piece):
    text = (piece * (100_000 // len(piece) + 1))[:100_000]
    assert len(v.long_text(text, "Noter")) <= 100_000
    assert v.long_text(text, "Noter") == unicodedata.normalize("NFC", text)
    with pytest.raises(ValidationError, match="for lang") as caught:
        v.short_text(text, "Titel")
    assert_a_sentence(caught.value)
    with pytest.raises(ValidationError):
        v.long_text(piece * 200_001, "Noter")  # over the limit, however it is counted


@SOME
@given(hostile_text)
def test_a_persons_name_has_letters_and_single_spaces(text):
    try:
        name = v.person_name(text, "Mødeleders navn")
    except ValidationError as error:
        assert_a_sentence(error)
        return
    assert name == "" or any(c.isalpha() for c in name)
    assert "  " not in name and name == name.strip()
    assert not [c for c in name if is_control(c) or c in "\n\t"]


# --- CPR numbers ----------------------------------------------------------------------------


def century(year2: int, seventh: int) -> int | None:
    """The CPR office's table, written out independently of the code under test."""
    table = {
        0: (1900, 1900),
        1: (1900, 1900),
        2: (1900, 1900),
        3: (1900, 1900),
        4: (2000, 1900),
        9: (2000, 1900),
        5: (2000, 1800),
        6: (2000, 1800),
        7: (2000, 1800),
        8: (2000, 1800),
    }
    low_years = 36 if seventh in (4, 9) else 57
    if seventh <= 3:
        return 1900
    return table[seventh][0] if year2 <= low_years else table[seventh][1]


def real_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


ten_digits = st.tuples(
    st.integers(0, 39), st.integers(0, 19), st.integers(0, 99), st.integers(0, 9999)
).map(lambda t: (f"{t[0]:02d}{t[1]:02d}{t[2]:02d}", f"{t[3]:04d}"))


@PER_TEST
@given(ten_digits, st.sampled_from(["-", "", " ", "\u2013"]))
@example(("290200", "4000"), "-")  # 29 February 2000
@example(("290200", "0000"), "-")  # 29 February 1900: no such day
@example(("290258", "5000"), "-")  # 1858: no leap year
def test_a_cpr_number_is_accepted_exactly_when_it_begins_with_a_real_birth_date(digits, dash):
    birth, serial = digits
    day, month, year2 = int(birth[:2]), int(birth[2:4]), int(birth[4:])
    born = real_date(century(year2, int(serial[0])) + year2, month, day)
    typed = f"{birth}{dash}{serial}"
    if born is None:
        with pytest.raises(ValidationError) as caught:
            v.cpr_number(typed)
        assert caught.value.field == "cpr"
        assert_a_sentence(caught.value)
        return
    stored = v.cpr_number(typed)
    assert stored == f"{birth}-{serial}"
    assert v.cpr_number(stored) == stored  # stored → typed again → the same
    assert v.birth_date_from_cpr(stored) == born
    assert v.mask_cpr(stored) == f"{birth}-xxxx"
    assert v.display_cpr(stored, full=True) == stored


@SOME
@given(hostile_text)
def test_anything_typed_as_a_cpr_number_is_a_number_or_a_sentence(text):
    try:
        stored = v.cpr_number(text)
    except ValidationError as error:
        assert error.field == "cpr"
        assert_a_sentence(error)
        return
    assert stored == "" or re.fullmatch(r"[0-9]{6}-[0-9]{4}", stored)
    assert stored == "" or v.birth_date_from_cpr(stored) is not None


@SOME
@given(hostile_text)
def test_a_masked_cpr_number_never_shows_the_last_four_digits(text):
    masked = v.mask_cpr(text)
    assert masked == "" or re.fullmatch(r"([0-9]{6}|xxxxxx)-xxxx", masked)
    assert (masked == "") == ("".join(text.split()) == "")


@SOME
@given(
    ten_digits,
    st.sampled_from(["-", "", " ", "\u00a0", "\u2010", "\u2011", "\u2013", "\u2212"]),
    hostile_text,
    hostile_text,
)
def test_the_citizen_screen_blanks_every_cpr_number_written_in_free_text(
    digits, dash, before, after
):
    """However the case worker wrote the number (a dash the word processor made, or none),
    the text read on the citizen's screen has no whole CPR number in it."""
    birth, serial = digits
    # Digits right beside the number would make it part of a longer number, not a CPR.
    text = f"{before}x{birth}{dash}{serial}x{after}"
    assert f"{birth}{dash}{serial}" not in blank_cpr(text)


# --- dates and numbers ----------------------------------------------------------------------


@SOME
@given(st.one_of(st.none(), st.dates()), st.booleans())
def test_a_date_is_plausible_between_1900_and_2200(day, required):
    try:
        result = v.plausible_date(day, "Dato", required=required)
    except ValidationError as error:
        assert_a_sentence(error)
        assert (day is None and required) or not 1900 <= day.year <= 2200
        return
    assert result == day


@SOME
@given(ANY_VALUE)
def test_an_amount_in_ore_is_a_whole_number_within_the_limit(value):
    try:
        ore = v.amount_ore(value, "Beløb")
    except ValidationError as error:
        assert_a_sentence(error)
        return
    assert ore is None or (type(ore) is int and abs(ore) <= MAX_ORE)


@SOME
@given(ANY_VALUE)
@example("1.500")  # a thousand and five hundred, the Danish way: never 1,5
@example("-0")
@example("2_5")
def test_a_quantity_is_two_decimals_from_0_to_the_limit(value):
    try:
        number = v.quantity(value, "Omfang")
    except ValidationError as error:
        assert_a_sentence(error)
        return
    assert number is None or (
        isinstance(number, Decimal)
        and 0 <= number <= MAX_QUANTITY
        and number.as_tuple().exponent == -2
        and not number.is_signed()
    )
    if isinstance(value, str) and number is not None:
        assert re.fullmatch(r"\s*[+-]?[0-9]*([.,][0-9]{0,2})?\s*", value)


quantities = st.decimals(min_value=0, max_value=MAX_QUANTITY, places=2)


@SOME
@given(quantities)
def test_a_quantity_as_the_form_shows_it_is_read_back(number):
    shown = format(number.normalize(), "f")  # how the decision form writes it back
    for typed in (shown, shown.replace(".", ","), f"{number:f}", f" {number:f} "):
        assert v.quantity(typed, "Omfang") == number


@SOME
@given(st.integers(-(2**64), 2**64))
def test_a_time_box_is_whole_minutes_within_its_limits(minutes):
    try:
        assert validate_time_box(minutes) == minutes
    except ValidationError as error:
        assert_a_sentence(error)
        assert not MIN_TIME_BOX <= minutes <= MAX_TIME_BOX
    else:
        assert MIN_TIME_BOX <= minutes <= MAX_TIME_BOX


# --- money ----------------------------------------------------------------------------------

money_text = st.one_of(
    hostile_text,
    st.text(st.sampled_from("0123456789.,- kr\u00a0"), max_size=30),
    st.integers(-(10**40), 10**40).map(str),
    st.integers(1, 5000).map(lambda n: "9" * n),
)


@SOME
@given(money_text, st.booleans())
@example("1.234,50", True)
@example("-0", True)
@example("--5", True)
@example("\u0661\u0662", True)
@example("9" * 4300, True)
def test_a_typed_amount_is_ore_within_the_limit_or_a_sentence(text, decimal_comma):
    try:
        ore = parse_money(text, decimal_comma)
    except ValidationError as error:
        assert_a_sentence(error)
        return
    assert ore is None or (type(ore) is int and abs(ore) <= MAX_ORE)
    assert ore is not None or not text.strip() or text.strip().lower() in {"kr.", "kr", "dkk", ",-"}


def test_some_amounts_as_a_dane_types_them():
    assert parse_money("1.234,50") == 123_450
    assert parse_money("12 500 kr.") == 1_250_000
    assert parse_money("-0") == 0
    assert parse_money("\u0661\u0662") == 1200  # Arabic-Indic digits are still digits
    with pytest.raises(ValidationError):
        parse_money("--5")
    with pytest.raises(ValidationError, match="for stort"):
        parse_money("9" * 4300)


@PER_TEST
@given(st.integers(-MAX_ORE, MAX_ORE), st.sampled_from(["da", "en"]))
def test_an_amount_as_the_app_writes_it_is_read_back(ore, language):
    set_language(language)
    try:
        decimal_comma = language == "da"
        assert parse_money(format_amount(ore), decimal_comma) == ore
        assert parse_money(format_money(ore), decimal_comma) == ore
    finally:
        set_language("da")


# --- times of day (arrival and leaving) ----------------------------------------------------


@SOME
@given(hostile_text)
@example("nu")
@example("24:00")
@example("kl. 9")
def test_a_typed_time_of_day_is_a_time_or_a_sentence(text):
    try:
        moment = parse_clock_time(text)
    except ValidationError as error:
        assert_a_sentence(error)
        return
    assert moment is None or (isinstance(moment, dt.time) and moment.second == 0)
    assert (moment is None) == (not text.split())


@SOME
@given(st.times().map(lambda t: t.replace(second=0, microsecond=0)))
def test_a_time_of_day_as_the_app_writes_it_is_read_back(moment):
    shown = format_time(moment)  # '09:05'
    for typed in (shown, shown.replace(":", "."), shown.replace(":", ""), f"kl. {shown}"):
        assert parse_clock_time(typed) == moment


# --- the values of an hours file ------------------------------------------------------------


@SOME
@given(hostile_text, st.one_of(st.none(), st.dates()))
def test_a_month_is_a_first_of_month_or_a_sentence(text, latest):
    try:
        month = parse_month(text, latest)
    except BadValueError as error:
        assert_a_sentence(error)
        return
    assert month.day == 1 and 1900 <= month.year <= 2200
    assert latest is None or month <= latest


@SOME
@given(st.dates(dt.date(1900, 1, 1), dt.date(2200, 12, 31)))
def test_a_month_as_a_spreadsheet_writes_it_is_read_back(day):
    assert parse_month(f"{day:%Y-%m}") == day.replace(day=1)
    assert parse_month(f" {day:%Y-%m} ", latest=day) == day.replace(day=1)


@SOME
@given(st.one_of(hostile_text, st.text(st.sampled_from("0123456789.,- \u2212+"), max_size=25)))
def test_hours_are_a_number_within_the_limit_or_a_sentence(text):
    try:
        hours = parse_hours(text)
    except BadValueError as error:
        assert_a_sentence(error)
        return
    assert 0 <= hours <= MAX_HOURS and -hours.as_tuple().exponent <= 2


@SOME
@given(st.decimals(min_value=0, max_value=MAX_HOURS, places=2))
def test_hours_as_a_spreadsheet_writes_them_are_read_back(hours):
    plain = f"{hours:f}"
    whole, _, decimals = plain.partition(".")
    grouped = f"{int(whole):,}"
    for typed in (
        plain,
        plain.replace(".", ","),
        f"{grouped.replace(',', '.')},{decimals}" if decimals else grouped.replace(",", "."),
        f"{grouped}.{decimals}" if decimals else grouped,
    ):
        if typed.count(".") == 1 and "," not in typed and len(typed.partition(".")[2]) == 3:
            continue  # '1.234' alone is 1,234 hours (3 decimals: refused), not a thousand
        assert parse_hours(typed) == hours, typed


# --- the hours file -------------------------------------------------------------------------

HEADER = "enhed;måned;timer\n"


@FEW
@given(st.lists(hostile_text, min_size=1, max_size=5))
def test_an_hours_file_with_hostile_unit_names_never_raises(names):
    text = HEADER + "".join(f'"{name.replace(chr(34), "")}";2026-01;12,5\n' for name in names)
    parsed = parse_hours_text(text)
    assert len(parsed.problems) == min(parsed.problem_count, MAX_REPORTED)
    for row in parsed.rows:
        assert row.unit and len(row.unit) <= v.SHORT_TEXT_MAX
        assert not [c for c in row.unit if is_control(c) or c in "\n\t"]


def test_an_hours_file_with_a_100000_character_unit_is_refused_line_by_line():
    parsed = parse_hours_text(HEADER + "æ" * 100_000 + ";2026-01;12\nAfd. B;2026-01;3\n")
    assert not parsed.ok and parsed.problem_count == 1
    assert parsed.problems[0].line == 2 and "for langt" in parsed.problems[0].message


@FEW
@given(
    st.lists(
        st.tuples(
            st.text(st.sampled_from("abcæøåÆØÅé .-"), min_size=1, max_size=15),
            st.dates(dt.date(2000, 1, 1), dt.date(2026, 12, 31)),
            st.decimals(min_value=0, max_value=9999, places=2),
        ),
        min_size=1,
        max_size=10,
    ),
    st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
)
def test_an_hours_file_in_any_of_its_encodings_is_read_back(entries, encoding):
    wanted = {}
    for unit, day, hours in entries:
        name = " ".join(unit.split())
        if name:
            wanted.setdefault((name.casefold(), day.replace(day=1)), (name, hours))
    if not wanted:
        return
    lines = [HEADER.strip()]
    for (_key, month), (name, hours) in wanted.items():
        lines.append(f"{name};{month:%Y-%m};{f'{hours:f}'.replace('.', ',')}")
    parsed = parse_hours_file("\r\n".join(lines).encode(encoding))
    assert parsed.ok, parsed.report()
    assert parsed.encoding is not None and parsed.encoding.value == encoding
    got = {(row.unit.casefold(), row.month): (row.unit, row.hours) for row in parsed.rows}
    assert got == wanted


@FEW
@given(st.binary(max_size=300))
def test_an_hours_file_of_any_bytes_gives_rows_or_problems(data):
    parsed = parse_hours_file(data)
    assert parsed.ok or parsed.problems


# --- choices and switches -------------------------------------------------------------------


@SOME
@given(ANY_VALUE)
def test_a_choice_is_one_of_its_codes_or_a_sentence(value):
    check = choice(Outcome, "Afgørelse", optional=True)
    try:
        code = check(value)
    except ValidationError as error:
        assert_a_sentence(error)
        return
    assert code is None or code in {member.value for member in Outcome}


@SOME
@given(ANY_VALUE)
def test_yes_or_no_is_a_bool_or_a_sentence(value):
    try:
        assert strict_bool(value) is value
    except ValidationError as error:
        assert_a_sentence(error)
        assert not isinstance(value, bool)


@SOME
@given(ANY_VALUE, st.sampled_from(list(assessment.AssessmentScheme)))
def test_assessment_values_are_levels_and_codes_or_a_sentence(value, scheme):
    try:
        level = assessment.check_level(value)
        assert level is None or level in assessment.LEVELS
    except ValidationError as error:
        assert_a_sentence(error)
    try:
        need = assessment.check_support_need(scheme, value)
        assert need == "" or need in {str(grade.code) for grade in assessment.SUPPORT_NEEDS}
    except ValidationError as error:
        assert_a_sentence(error)
    try:
        assessment.check_scheme(value, "elderly")
    except ValidationError as error:
        assert_a_sentence(error)


# --- a whole form: saved completely or not at all ---------------------------------------------

CASE_FIELDS = ("citizen_name", "cpr", "reference", "applied_for", "summary", "contact")


def test_a_case_form_is_saved_whole_or_not_at_all(db):
    """What the case form sends, hostile in any field: either every field is stored as
    cleaned, or (a field refused) the case stays exactly as it was."""
    from visitation_app.services import cases

    case_id = cases.create_case(db, area="elderly", citizen_name="Karen Jensen").id

    def stored() -> dict[str, object]:
        case = cases.get_case(db, case_id)
        return {name: getattr(case, name) for name in (*CASE_FIELDS, "expected_annual_cost_ore")}

    @FEW
    @given(
        st.fixed_dictionaries({}, optional={name: hostile_text for name in CASE_FIELDS}),
        st.one_of(st.none(), st.integers(-(2**70), 2**70), st.text(max_size=5)),
    )
    def save(changes, cost):
        before = stored()
        changes = {**changes, "expected_annual_cost_ore": cost}
        try:
            cases.update_case(db, case_id, **changes)
        except ValidationError as error:
            assert_a_sentence(error)
            assert stored() == before
            return
        after = stored()
        for name, value in changes.items():
            assert not isinstance(after[name], str) or not [
                c for c in after[name] if is_control(c) and c not in "\n\t"
            ]
            if name in ("citizen_name", "reference", "contact"):
                assert after[name] == v.short_text(value, name)
        assert after["cpr"] == "" or re.fullmatch(r"[0-9]{6}-[0-9]{4}", after["cpr"])

    save()
