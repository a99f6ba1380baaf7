"""Delivered hours: the CSV file read line by line, imported whole or not at all, and set
against the hours visitated to each provider unit."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlmodel import select

from visitation_app.catalog import Catalog
from visitation_app.catalog.tariffs import Tariff, TariffUnit
from visitation_app.domain.costing import Extent, Frequency
from visitation_app.domain.delivered_hours import for_display, hours_per_month
from visitation_app.domain.errors import UserError
from visitation_app.domain.hours_csv import (
    MAX_LINES,
    MAX_REPORTED,
    Encoding,
    HoursRow,
    parse_hours_file,
    parse_hours_text,
)
from visitation_app.i18n import set_language
from visitation_app.services import agenda, cases, decisions, meetings
from visitation_app.services.delivered_hours import (
    HoursFileError,
    import_delivered_hours,
    months_with_delivered_hours,
    ordered_versus_delivered,
)
from visitation_app.store.models import DeliveredHours

TODAY = dt.date(2026, 12, 3)
JAN = dt.date(2026, 1, 1)
HEADER = "enhed;måned;timer\n"


@pytest.fixture
def english():
    set_language("en")


def rows_of(parsed) -> list[tuple[str, dt.date, Decimal]]:
    return [(row.unit, row.month, row.hours) for row in parsed.rows]


def problems_of(parsed) -> list[tuple[int | None, str]]:
    return [(problem.line, problem.message) for problem in parsed.problems]


# --- the parser: what is refused, and where ------------------------------------------------

REJECTED = [
    ("missing column", "enhed;timer\nA;5\n", 1, "Missing: måned"),
    ("no header at all", "Solgården;2026-01;5\n", 1, "Missing: enhed, måned, timer"),
    ("column twice", "enhed;unit;måned;timer\nA;A;2026-01;5\n", 1, "enhed is named twice"),
    ("empty unit", HEADER + "A;2026-01;5\n  ;2026-02;5\n", 3, "The unit is empty."),
    ("month out of range", HEADER + "A;2026-13;5\n", 2, "'2026-13' is not a month"),
    ("month as a date", HEADER + "A;01-01-2026;5\n", 2, "'01-01-2026' is not a month"),
    ("month as Excel shows it", HEADER + "A;jan-26;5\n", 2, "format the column as text"),
    ("month without zero", HEADER + "A;2026-1;5\n", 2, "'2026-1' is not a month"),
    ("month missing", HEADER + "A;;5\n", 2, "The month is missing"),
    ("month in the future", HEADER + "A;2027-01;5\n", 2, "2027-01 has not begun yet"),
    ("negative hours", HEADER + "A;2026-01;-2,5\n", 2, "cannot be negative (-2,5)"),
    ("hours in words", HEADER + "A;2026-01;fem\n", 2, "'fem' is not a number of hours"),
    ("hours with a unit", HEADER + "A;2026-01;12 t\n", 2, "'12 t' is not a number"),
    ("two decimal commas", HEADER + "A;2026-01;1,2,3\n", 2, "'1,2,3' is not a number"),
    ("hours missing", HEADER + "A;2026-01;\n", 2, "The hours are missing."),
    ("three decimals", HEADER + "A;2026-01;12,345\n", 2, "'12,345' has more than 2 decimals"),
    ("thousand as decimals", HEADER + "A;2026-01;1.234\n", 2, "'1.234' has more than 2"),
    ("absurd hours", HEADER + "A;2026-01;3105501234\n", 2, "cannot be right"),
    (
        "unit and month twice",
        HEADER + "Solgården;2026-01;5\nB;2026-01;1\n solgården ;2026-01;7\n",
        4,
        "solgården, 2026-01: also on line 2",
    ),
    (
        "decimal comma unquoted",
        "unit,month,hours\nA,2026-01,12,5\n",
        2,
        "4 fields, the header 3. A number with a decimal comma must be in quotes",
    ),
    (
        "quotation mark left open",
        HEADER + '"Solgården;2026-01;5\nB;2026-01;4\n',
        2,
        "not closed (the row runs over 2 lines)",
    ),
    ("empty file", "", None, "The file is empty."),
    ("only blank lines", "\n  \n;;\n", None, "The file is empty."),
    ("header only", HEADER, None, "a header but no rows"),
    ("binary", "enhed;måned;timer\x00\n", None, "binary data"),
]


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [case[1:] for case in REJECTED],
    ids=[case[0] for case in REJECTED],
)
def test_a_wrong_file_is_refused_with_the_line_and_what_is_wrong(english, text, line, message):
    parsed = parse_hours_text(text, latest_month=TODAY)
    assert not parsed.ok and parsed.rows == ()
    assert parsed.problem_count == 1, parsed.report()
    assert parsed.problems[0].line == line
    assert message in parsed.problems[0].message


def test_every_problem_is_reported_not_only_the_first(english):
    text = (
        "\n"  # blank lines count in the line numbers
        "Enhed;Måned;Timer\n"
        "Solgården;2026-01;12,5\n"
        "\n"
        ";2026-13;-1\n"
        "Lærkevej;2026-02;abc\n"
        "Lærkevej;2026-02;3\n"
    )
    parsed = parse_hours_text(text, latest_month=TODAY)
    assert [line for line, _message in problems_of(parsed)] == [5, 5, 5, 6]
    assert parsed.problem_count == 4
    assert "Line 5: The unit is empty." in parsed.report()
    assert "Line 6: 'abc' is not a number of hours." in parsed.report()


def test_at_most_200_problems_are_listed_and_the_rest_counted(english):
    text = HEADER + "".join(f"Enhed {n};2026-01;x\n" for n in range(250))
    parsed = parse_hours_text(text)
    assert parsed.problem_count == 250
    assert len(parsed.problems) == MAX_REPORTED == 200
    assert parsed.problems[-1].line == 201
    assert parsed.report().endswith("… and 50 more problems.")


def test_a_file_over_50000_lines_is_refused_whole(english):
    text = HEADER + "".join(f"E{n};2026-01;1\n" for n in range(MAX_LINES))
    parsed = parse_hours_text(text)
    assert problems_of(parsed) == [
        (
            None,
            "The file has 50001 lines; at most 50000 can be imported at once. "
            "Split it into smaller files.",
        )
    ]
    assert parse_hours_text(text.removesuffix("E49999;2026-01;1\n")).ok  # 50000 lines


def test_problems_are_in_danish_for_a_danish_user():
    parsed = parse_hours_text(HEADER + "A;2026-01;-3\n")
    assert str(parsed.problems[0]) == "Linje 2: Timetallet kan ikke være negativt (-3)."


# --- the parser: what is accepted ---------------------------------------------------------

ACCEPTED = [
    ("semicolon, decimal comma", HEADER + "Solgården;2026-01;1.234,5\nB;2026-02;7,25\n", ";"),
    ("comma, decimal point", "unit,month,hours\nSolgården,2026-01,1234.5\nB,2026-02,7.25\n", ","),
    (
        "comma, quoted comma",
        'Unit,Month,Hours\nSolgården,2026-01,"1.234,5"\nB,2026-02,"7,25"\n',
        ",",
    ),
    ("English thousands", 'unit,month,hours\nSolgården,2026-01,"1,234.50"\nB,2026-02,7.25\n', ","),
    (
        "order, case, extra columns, CRLF, blank lines",
        "Timer;Note;ENHED;Måned\r\n1234,50;ok;Solgården;2026-01\r\n\r\n;;;\r\n7,25;;B;2026-02\r\n",
        ";",
    ),
]


@pytest.mark.parametrize(
    ("text", "separator"), [case[1:] for case in ACCEPTED], ids=[case[0] for case in ACCEPTED]
)
def test_both_separators_and_both_decimal_marks_are_read(text, separator):
    parsed = parse_hours_text(text, latest_month=TODAY)
    assert parsed.ok, parsed.report()
    assert parsed.separator == separator
    assert rows_of(parsed) == [
        ("Solgården", JAN, Decimal("1234.5")),
        ("B", dt.date(2026, 2, 1), Decimal("7.25")),
    ]


@pytest.mark.parametrize(
    ("value", "hours"),
    [
        ("12", "12"),
        ("0", "0"),
        ("0,5", "0.5"),
        (",5", "0.5"),
        ("12.50", "12.50"),
        ("1 234,5", "1234.5"),
        ("+3", "3"),
        ("-0", "0"),
        ("007", "7"),
        ("123.456,78", "123456.78"),
    ],
)
def test_numbers_are_read_exactly(value, hours):
    parsed = parse_hours_text(f"{HEADER}A;2026-01;{value}\n")
    assert parsed.ok, parsed.report()
    assert parsed.rows[0].hours == Decimal(hours)


def test_a_quoted_unit_may_hold_the_separator_and_is_tidied():
    parsed = parse_hours_text(HEADER + '"Plejecenter  Solgården; afd. B ";2026-01;5\n')
    assert rows_of(parsed) == [("Plejecenter Solgården; afd. B", JAN, Decimal(5))]
    assert parsed.rows[0] == HoursRow(
        line=2, unit="Plejecenter Solgården; afd. B", month=JAN, hours=Decimal(5)
    )


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ("enhed;måned;timer\nSølvgården;2026-01;5\n".encode(), Encoding.UTF8),
        ("\ufeffenhed;måned;timer\nSølvgården;2026-01;5\n".encode(), Encoding.UTF8_BOM),
        ("enhed;måned;timer\nSølvgården;2026-01;5\n".encode("cp1252"), Encoding.CP1252),
        ("enhed;måned;timer\r\nSølvgården;2026-01;5\r\n".encode("cp1252"), Encoding.CP1252),
    ],
)
def test_utf8_with_or_without_bom_and_windows_1252_are_read(data, encoding):
    parsed = parse_hours_file(data)
    assert parsed.ok, parsed.report()
    assert parsed.encoding == encoding
    assert rows_of(parsed) == [("Sølvgården", JAN, Decimal(5))]


def test_the_bom_may_also_come_in_the_text():
    assert parse_hours_text("\ufeff" + HEADER + "A;2026-01;5\n").ok


@pytest.mark.parametrize(
    ("data", "line", "message"),
    [
        (
            b"enhed;m\xc3\xa5ned;timer\nA;2026-01;5\n\x81\x8d;2026-02;1\n",
            3,
            "neither UTF-8 nor Windows-1252",
        ),
        (b"\xef\xbb\xbfenhed;maaned;timer\nA\xe6;2026-01;5\n", 2, "marked as UTF-8"),
        (b"PK\x03\x04\x14\x00\x06\x00", None, "Excel workbook"),
        ("enhed;måned;timer\n".encode("utf-16"), None, "UTF-16"),
    ],
)
def test_a_file_that_is_not_text_says_why(english, data, line, message):
    parsed = parse_hours_file(data)
    assert parsed.problem_count == 1
    assert parsed.problems[0].line == line
    assert message in parsed.problems[0].message


# --- the parser never fails, whatever it is given ------------------------------------------

csv_like = st.text(alphabet=st.sampled_from(list('enhdmåtir;,"\n\r -.0123456789\x00\ufeffæ')))


@given(st.one_of(st.text(), csv_like, csv_like.map(lambda body: HEADER + body)))
def test_the_parser_returns_problems_for_any_text_and_never_raises(text):
    parsed = parse_hours_text(text)
    assert parsed.ok == (parsed.problem_count == 0) == bool(parsed.rows)
    assert len(parsed.problems) == min(parsed.problem_count, MAX_REPORTED)
    lines = text.count("\n") + text.count("\r") + 1
    assert all(p.line is None or 1 <= p.line <= lines for p in parsed.problems)
    assert all(row.hours >= 0 and row.month.day == 1 and row.unit for row in parsed.rows)


@given(st.binary())
def test_any_bytes_give_rows_or_problems(data):
    parsed = parse_hours_file(data)
    assert parsed.ok or parsed.problems


units = st.text(alphabet=st.sampled_from(list("abcæøå ÆØÅ.,;-'B1")), min_size=1, max_size=20)
months = st.dates(dt.date(2000, 1, 1), dt.date(2026, 12, 31)).map(lambda d: d.replace(day=1))
hours = st.decimals(min_value=0, max_value=999_999, places=2)


@given(
    st.lists(st.tuples(units, months, hours), min_size=1, max_size=20),
    st.sampled_from([";", ","]),
)
def test_what_a_spreadsheet_writes_is_read_back_exactly(entries, separator):
    wanted = {}
    for unit, month, amount in entries:
        name = " ".join(unit.split())
        if name:
            wanted.setdefault((name.casefold(), month), (name, month, amount))
    if not wanted:
        return
    lines = ["enhed;måned;timer".replace(";", separator)]
    for name, month, amount in wanted.values():
        number = f"{amount:f}".replace(".", ",")
        lines.append(separator.join(f'"{x}"' for x in (name, f"{month:%Y-%m}", number)))
    parsed = parse_hours_text("\n".join(lines))
    assert parsed.ok, parsed.report()
    assert rows_of(parsed) == list(wanted.values())


# --- importing: all or nothing --------------------------------------------------------------


def write(tmp_path, text: str, name: str = "timer.csv", encoding: str = "utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def stored(db) -> list[tuple[str, dt.date, Decimal, str]]:
    with db.session() as session:
        rows = session.exec(select(DeliveredHours)).all()
        return sorted((row.unit, row.month, row.hours, row.source) for row in rows)


def test_a_file_is_imported_and_the_result_says_what_happened(db, tmp_path):
    path = write(
        tmp_path, HEADER + "Solgården;2026-01;1.234,5\nLærkevej;2026-01;80\n", encoding="cp1252"
    )
    result = import_delivered_hours(db, path, today=TODAY)
    assert (result.rows, result.new, result.replaced) == (2, 2, 0)
    assert result.encoding == Encoding.CP1252 and result.months == (JAN,)
    assert result.summary() == (
        "2 rækker med leverede timer importeret fra timer.csv, læst som Windows-1252. "
        "Nye: 2. Erstattet: 0."
    )
    assert stored(db) == [
        ("Lærkevej", JAN, Decimal(80), "timer.csv"),
        ("Solgården", JAN, Decimal("1234.5"), "timer.csv"),
    ]
    assert months_with_delivered_hours(db) == [JAN]


def test_a_file_with_one_bad_line_imports_nothing(db, tmp_path):
    import_delivered_hours(db, write(tmp_path, HEADER + "Solgården;2026-01;100\n"), today=TODAY)
    before = stored(db)
    bad = write(
        tmp_path,
        HEADER + "Solgården;2026-01;120\nLærkevej;2026-01;80\nBirkely;2026-01;otte\n",
        name="februar.csv",
    )
    with pytest.raises(HoursFileError) as raised:
        import_delivered_hours(db, bad, today=TODAY)
    assert stored(db) == before
    error = raised.value
    assert error.problem_count == 1 and error.problems[0].line == 4
    assert str(error).startswith(
        "februar.csv blev ikke importeret: der blev fundet 1 fejl. Intet er importeret; "
        "ret filen, og importér den igen."
    )
    assert "Linje 4: 'otte' er ikke et antal timer." in str(error)
    assert isinstance(error, UserError)


def test_a_new_import_replaces_the_units_month_and_adds_the_rest(db, tmp_path):
    first = write(tmp_path, HEADER + "Solgården;2026-01;100\nLærkevej;2026-01;80\n", "jan.csv")
    import_delivered_hours(db, first, today=TODAY)
    again = write(
        tmp_path, HEADER + "SOLGÅRDEN ;2026-01;110,25\nSolgården;2026-02;90\n", "rettet.csv"
    )
    result = import_delivered_hours(db, again, today=TODAY)
    assert (result.rows, result.new, result.replaced) == (2, 1, 1)
    assert stored(db) == [
        ("Lærkevej", JAN, Decimal(80), "jan.csv"),
        ("SOLGÅRDEN", JAN, Decimal("110.25"), "rettet.csv"),
        ("Solgården", dt.date(2026, 2, 1), Decimal(90), "rettet.csv"),
    ]
    assert months_with_delivered_hours(db) == [dt.date(2026, 2, 1), JAN]


@pytest.mark.parametrize(
    ("name", "message"), [("findes-ikke.csv", "Der er ingen fil"), ("", "er en mappe")]
)
def test_a_missing_file_or_a_folder_is_a_clear_error(db, tmp_path, name, message):
    with pytest.raises(UserError, match=message):
        import_delivered_hours(db, tmp_path / name)
    assert stored(db) == []


# --- ordered versus delivered -----------------------------------------------------------------

UNIT = "Bofællesskabet Lærkevej"
HOURLY = "residence_support_hours"  # a shipped tariff priced by the hour (adults)


def decide(db, meeting_day: dt.date, cpr: str, **fields):
    meeting = meetings.create_meeting(
        db,
        title="Visitationsudvalget",
        area="adult_disability",
        meeting_date=meeting_day,
        start_time=dt.time(9),
    )
    case = cases.create_case(db, area="adult_disability", citizen_name="Borger " + cpr, cpr=cpr)
    item = agenda.add_case_item(db, meeting.id, case.id)
    defaults = {"outcome": "granted", "tariff_key": HOURLY, "provider_unit": UNIT}
    return decisions.save_decision(db, item.id, **(defaults | fields))


def hours(quantity: str, frequency: str, valid_from: dt.date | None = JAN) -> dict:
    return {"extent_quantity": quantity, "extent_frequency": frequency, "valid_from": valid_from}


def test_visitated_hours_per_unit_against_delivered_hours(db, tmp_path):
    day = dt.date(2025, 12, 4)
    decide(db, day, "010180-1111", **hours("5", "per_week"))  # 5 × 52 / 12 = 21,67 a month
    decide(db, day, "010180-2222", **hours("10", "per_month"))
    decide(
        db, day, "010180-3333", **hours("24", "per_year"), provider_unit=" bofællesskabet  lærkevej"
    )
    # Not counted: a refusal, a postponement, a later start, a day tariff, a one-off.
    decide(db, day, "010180-4444", **hours("8", "per_week"), outcome="refused")
    decide(db, day, "010180-5555", **hours("8", "per_week"), outcome="postponed")
    decide(db, day, "010180-6666", **hours("8", "per_week", dt.date(2026, 2, 1)))
    decide(db, day, "010180-7777", **hours("7", "per_week"), tariff_key="meal_service")
    decide(db, day, "010180-8888", **hours("3", "once"))
    # Another unit, without delivered hours; and a unit that delivered without decisions.
    decide(db, day, "010180-9999", **hours("2", "per_week"), provider_unit="Birkely")
    path = write(tmp_path, HEADER + "Bofællesskabet Lærkevej;2026-01;30\nSkovly;2026-01;12\n")
    import_delivered_hours(db, path, today=TODAY)

    birkely, laerkevej, skovly = ordered_versus_delivered(db, dt.date(2026, 1, 17))
    visitated = Decimal(5 * 52 + 10 * 12 + 24) / 12
    assert laerkevej.unit == UNIT and laerkevej.month == JAN and laerkevej.decisions == 3
    assert laerkevej.visitated_hours == visitated
    assert laerkevej.delivered_hours == Decimal(30)
    assert laerkevej.gap == Decimal(30) - visitated
    assert for_display(laerkevej.visitated_hours) == Decimal("33.67")
    assert for_display(laerkevej.gap) == Decimal("-3.67")
    assert for_display(laerkevej.gap_percent) == Decimal("-10.89")  # -3,667 / 33,667

    assert (birkely.unit, birkely.delivered_hours, birkely.gap) == ("Birkely", None, None)
    assert for_display(birkely.visitated_hours) == Decimal("8.67")
    assert (skovly.visitated_hours, skovly.delivered_hours) == (0, Decimal(12))
    assert skovly.gap == Decimal(12) and skovly.gap_percent is None

    february = {c.unit: c for c in ordered_versus_delivered(db, dt.date(2026, 2, 1))}
    assert february[UNIT].visitated_hours == Decimal(5 * 52 + 10 * 12 + 24 + 8 * 52) / 12
    assert february[UNIT].delivered_hours is None


def test_a_citizens_later_decision_replaces_the_earlier_one(db):
    cpr = "020280-1234"
    decide(db, dt.date(2025, 12, 4), cpr, **hours("6", "per_week"))
    march = dt.date(2026, 3, 1)
    decide(db, dt.date(2026, 2, 5), cpr, **hours("3", "per_week", march), previous_quantity="6")
    june = dt.date(2026, 6, 1)
    decide(
        db,
        dt.date(2026, 5, 7),
        cpr,
        **hours("0", "per_week", june),
        previous_quantity="3",
        outcome="refused",
    )
    # A decision without a valid-from date takes effect on the meeting day.
    decide(db, dt.date(2026, 4, 16), "030380-1234", **hours("12", "per_month", None))

    def visitated(month: dt.date) -> Decimal:
        found = ordered_versus_delivered(db, month)
        return found[0].visitated_hours if found else Decimal(0)

    assert visitated(dt.date(2026, 2, 1)) == Decimal(6 * 52) / 12
    assert visitated(march) == Decimal(3 * 52) / 12
    assert visitated(dt.date(2026, 4, 1)) == Decimal(3 * 52) / 12 + 12
    assert visitated(june) == Decimal(12)  # the refusal stopped the 3 hours a week


def test_the_tariff_decides_what_counts_as_hours(db):
    decide(db, dt.date(2025, 12, 4), "010180-1111", **hours("5", "per_week"))
    decide(
        db,
        dt.date(2025, 12, 4),
        "010180-2222",
        **hours("2", "per_week"),
        tariff_key="practical_help",
    )
    # A catalog built by hand: one key now priced per visit, the other unknown.
    catalog = Catalog(
        tariffs={
            "practical_help": [
                Tariff("practical_help", "Praktisk hjælp", TariffUnit.HOUR, 44_400, JAN),
                Tariff(
                    "practical_help",
                    "Praktisk hjælp",
                    TariffUnit.VISIT,
                    20_000,
                    dt.date(2026, 3, 1),
                ),
            ]
        }
    )
    (january,) = ordered_versus_delivered(db, JAN, catalog)
    assert january.visitated_hours == Decimal(2 * 52) / 12
    assert january.unknown_tariffs == (HOURLY,) and january.decisions == 1
    (march,) = ordered_versus_delivered(db, dt.date(2026, 3, 31), catalog)
    assert march.visitated_hours == 0 and march.decisions == 0
    assert march.unknown_tariffs == (HOURLY,)


def test_hours_a_month_from_extents_are_exact():
    extents = [
        Extent(Decimal("2.5"), Frequency.PER_WEEK),
        Extent(Decimal(6), Frequency.PER_YEAR),
        Extent(Decimal(4), Frequency.PER_MONTH),
        Extent(Decimal(9), Frequency.ONCE),
    ]
    assert hours_per_month(extents) == Decimal("15.33333333333333333333333333")
    assert hours_per_month([]) == 0
    assert for_display(Decimal("2.345")) == Decimal("2.35")
    assert for_display(Decimal("-2.345")) == Decimal("-2.35")


def test_rows_spelled_otherwise_for_the_same_unit_and_month_become_one(db, tmp_path):
    with db.session() as session:  # as an older import or another program may have left them
        session.add(DeliveredHours(unit="Solgården", month=JAN, hours=Decimal(1)))
        session.add(DeliveredHours(unit="SOLGÅRDEN", month=JAN, hours=Decimal(2)))
    result = import_delivered_hours(
        db, write(tmp_path, HEADER + "solgården;2026-01;5\n"), today=TODAY
    )
    assert (result.new, result.replaced) == (0, 1)
    assert stored(db) == [("solgården", JAN, Decimal(5), "timer.csv")]


def test_the_example_files_in_the_documentation_are_read():
    from pathlib import Path

    docs = (Path(__file__).parent.parent / "docs" / "budget.md").read_text(encoding="utf-8")
    section = docs[docs.index("## Delivered hours (CSV)") :]
    examples = section.split("```\n")[1::2]
    assert len(examples) == 2
    for example in examples:
        parsed = parse_hours_text(example, latest_month=TODAY)
        assert parsed.ok, parsed.report()
        assert [row.hours for row in parsed.rows] == [
            Decimal("1234.50"),
            Decimal("1198.25"),
            Decimal(812),
        ]
