"""Reading the CSV file of delivered hours a provider unit's own system writes.

The file (documented for users in docs/budget.md): a header row naming the columns
`enhed`/`unit`, `måned`/`month` and `timer`/`hours` (any case, any order; other columns are
ignored), then one row per unit and month: the month as YYYY-MM, the hours with a decimal
comma or point and at most 2 decimals. The separator is `;` (what Danish Excel writes) or
`,`, found from the header. The text is UTF-8, with or without a byte order mark, or else
Windows-1252 (what older Windows programs write).

The parser never raises on what a file contains: it collects every problem with its line
number, so a user can correct the whole file at once. A file with any problem is imported
not at all. The month and the hours of a row are read in `domain/hours_values.py`; setting
the hours against the visitated ones is `domain/delivered_hours.py`.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from visitation_app.domain import validation as v
from visitation_app.domain.delivered_hours import unit_key, unit_name
from visitation_app.domain.hours_values import BadValueError, parse_hours, parse_month
from visitation_app.i18n import N_, _

MAX_LINES = 50_000
MAX_FILE_BYTES = 20_000_000
MAX_REPORTED = 200


class Column(StrEnum):
    UNIT = "unit"
    MONTH = "month"
    HOURS = "hours"


_HEADER_NAMES = {
    "enhed": Column.UNIT,
    "unit": Column.UNIT,
    "måned": Column.MONTH,
    "maaned": Column.MONTH,
    "month": Column.MONTH,
    "timer": Column.HOURS,
    "hours": Column.HOURS,
}
_DANISH_NAMES = {Column.UNIT: "enhed", Column.MONTH: "måned", Column.HOURS: "timer"}


class Encoding(StrEnum):
    """How the bytes of a file were read."""

    UTF8 = "utf-8"
    UTF8_BOM = "utf-8-sig"
    CP1252 = "cp1252"

    @property
    def label(self) -> str:
        return _(_ENCODING_LABELS[self])


_ENCODING_LABELS = {
    Encoding.UTF8: N_("UTF-8"),
    Encoding.UTF8_BOM: N_("UTF-8 with byte order mark"),
    Encoding.CP1252: N_("Windows-1252"),
}


@dataclass(frozen=True)
class HoursRow:
    """One unit's delivered hours in one month (`month` is the first day of the month)."""

    line: int
    unit: str
    month: dt.date
    hours: Decimal


@dataclass(frozen=True)
class HoursProblem:
    """What is wrong, and on which line (None: the file as a whole)."""

    line: int | None
    message: str

    def __str__(self) -> str:
        if self.line is None:
            return self.message
        return _("Line {line}: {message}").format(line=self.line, message=self.message)


@dataclass(frozen=True)
class HoursFile:
    """A parsed file: its rows (none if anything is wrong), and the problems found (the
    first MAX_REPORTED of `problem_count`)."""

    rows: tuple[HoursRow, ...] = ()
    problems: tuple[HoursProblem, ...] = ()
    problem_count: int = 0
    encoding: Encoding | None = None
    separator: str = ""

    @property
    def ok(self) -> bool:
        return self.problem_count == 0

    def report(self) -> str:
        """Every reported problem on a line of its own, and how many more there are."""
        lines = [str(problem) for problem in self.problems]
        rest = self.problem_count - len(self.problems)
        if rest > 0:
            lines.append(_("… and {count} more problems.").format(count=rest))
        return "\n".join(lines)


class _Problems:
    """Collects problems, keeping the first MAX_REPORTED and counting all."""

    def __init__(self) -> None:
        self.kept: list[HoursProblem] = []
        self.count = 0

    def add(self, line: int | None, message: str) -> None:
        self.count += 1
        if len(self.kept) < MAX_REPORTED:
            self.kept.append(HoursProblem(line, message))


# --- reading the bytes --------------------------------------------------------------------


class _UnreadableError(Exception):
    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.problem = HoursProblem(line, message)


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _decode(data: bytes) -> tuple[str, Encoding]:
    """The text of a file and the encoding it was read with; _UnreadableError if none fits."""
    if data.startswith(b"PK\x03\x04"):
        message = _(
            "This is an Excel workbook, not a CSV file. In Excel, choose Save As and the type "
            "CSV (semicolon-separated), then import that file."
        )
        raise _UnreadableError(message)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        message = _(
            "The file is saved as UTF-16 (Unicode text). Save it as CSV (UTF-8) or "
            "CSV (semicolon-separated) and import that file."
        )
        raise _UnreadableError(message)
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8) :].decode("utf-8"), Encoding.UTF8_BOM
        except UnicodeDecodeError as error:
            message = _(
                "The file is marked as UTF-8, but this line is not UTF-8 text. Save the file "
                "again as CSV (UTF-8)."
            )
            raise _UnreadableError(message, _line_of(data, error.start + 3)) from None
    try:
        return data.decode("utf-8"), Encoding.UTF8
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), Encoding.CP1252
    except UnicodeDecodeError as error:
        message = _(
            "This line is neither UTF-8 nor Windows-1252 text. Save the file as CSV (UTF-8) "
            "and import it again."
        )
        raise _UnreadableError(message, _line_of(data, error.start)) from None


def parse_hours_file(data: bytes, *, latest_month: dt.date | None = None) -> HoursFile:
    """Read the bytes of a CSV file of delivered hours (see the module docstring)."""
    try:
        if len(data) > MAX_FILE_BYTES:
            size = MAX_FILE_BYTES // 1_000_000
            message = _("The file is larger than {size} MB. Split it into smaller files.")
            raise _UnreadableError(message.format(size=size))
        text, encoding = _decode(data)
    except _UnreadableError as error:
        return HoursFile(problems=(error.problem,), problem_count=1)
    return parse_hours_text(text, encoding=encoding, latest_month=latest_month)


# --- parsing the text ---------------------------------------------------------------------


def _blank(fields: list[str]) -> bool:
    return all(not field.strip() for field in fields)


def _separator(header: str) -> str:
    """';' or ',', whichever the header uses more (';' on a tie)."""
    return "," if header.count(",") > header.count(";") else ";"


def _header_columns(fields: list[str], line: int, problems: _Problems) -> dict[Column, int] | None:
    """Where each column is; None (with the problems noted) when the header cannot be used."""
    found: dict[Column, int] = {}
    twice = set()
    for index, field in enumerate(fields):
        column = _HEADER_NAMES.get(unit_name(field).casefold())
        if column in found:
            twice.add(column)
            message = _("The column {column} is named twice in the header.")
            problems.add(line, message.format(column=_DANISH_NAMES[column]))
        elif column is not None:
            found[column] = index
    missing = [_DANISH_NAMES[column] for column in Column if column not in found]
    if missing:
        message = _(
            "The first line must name the columns enhed, måned and timer (or unit, month and "
            "hours), separated by ; or ,. Missing: {missing}. Found: {found}."
        )
        problems.add(line, message.format(missing=", ".join(missing), found=" | ".join(fields)))
    return None if missing or twice else found


def _row(
    fields: list[str], columns: dict[Column, int], line: int, latest: dt.date | None
) -> tuple[HoursRow | None, list[str]]:
    """The row on `line`, or None and what is wrong with each field."""
    values = {column: fields[i] if i < len(fields) else "" for column, i in columns.items()}
    wrong: list[str] = []
    unit = unit_name(values[Column.UNIT])
    if not unit:
        wrong.append(_("The unit is empty."))
    elif len(unit) > v.SHORT_TEXT_MAX:
        message = _("The unit's name is too long ({length} characters); at most {limit} fit.")
        wrong.append(message.format(length=len(unit), limit=v.SHORT_TEXT_MAX))
    month = hours = None
    try:
        month = parse_month(values[Column.MONTH], latest)
    except BadValueError as error:
        wrong.append(str(error))
    try:
        hours = parse_hours(values[Column.HOURS])
    except BadValueError as error:
        wrong.append(str(error))
    if wrong or month is None or hours is None:
        return None, wrong
    return HoursRow(line=line, unit=unit, month=month, hours=hours), []


def _records(lines: list[str], first: int, separator: str, problems: _Problems):
    """(line number, fields) of each record from line index `first` on, blank ones skipped.

    A record spanning several lines means a quotation mark left open: it is reported, not
    read, since no unit's name holds a line break.
    """
    reader = csv.reader(lines[first:], delimiter=separator, quotechar='"', strict=False)
    done = 0
    while True:
        start = first + done + 1
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            problems.add(start, _("The line cannot be read as CSV: {reason}").format(reason=error))
            return
        spanned, done = reader.line_num - done, reader.line_num
        if spanned > 1:
            message = _(
                "A quotation mark opened on this line is not closed (the row runs over {count} "
                "lines)."
            )
            problems.add(start, message.format(count=spanned))
        elif not _blank(fields):
            yield start, fields


def _too_wide(fields: list[str], width: int, separator: str) -> str:
    """What is wrong when a line has more (non-empty) fields than the header; '' if nothing."""
    if len(fields) <= width or _blank(fields[width:]):
        return ""
    message = _("The line has {found} fields, the header {expected}.").format(
        found=len(fields), expected=width
    )
    if separator == ",":
        hint = _("A number with a decimal comma must be in quotes when the separator is a comma.")
        message = f"{message} {hint}"
    return message


def parse_hours_text(
    text: str, *, encoding: Encoding | None = None, latest_month: dt.date | None = None
) -> HoursFile:
    """Parse the text of a CSV file of delivered hours; months after `latest_month` are refused.

    Never raises for what the text contains: problems are returned, each with its line.
    """
    problems = _Problems()
    rows: list[HoursRow] = []
    separator = ""
    text = text.removeprefix("\ufeff")
    lines = io.StringIO(text, newline="").readlines()
    header_index = next((i for i, line in enumerate(lines) if line.strip(" \t\r\n;,")), None)
    if "\x00" in text:
        message = _(
            "The file holds binary data, not text. Save it from the spreadsheet as CSV and "
            "import that file."
        )
        problems.add(None, message)
    elif len(lines) > MAX_LINES:
        message = _(
            "The file has {count} lines; at most {most} can be imported at once. Split it into "
            "smaller files."
        )
        problems.add(None, message.format(count=len(lines), most=MAX_LINES))
    elif header_index is None:
        problems.add(None, _("The file is empty."))
    else:
        separator = _separator(lines[header_index])
        rows = _rows(lines, header_index, separator, latest_month, problems)
    return HoursFile(
        rows=tuple(rows) if problems.count == 0 else (),
        problems=tuple(problems.kept),
        problem_count=problems.count,
        encoding=encoding,
        separator=separator,
    )


def _rows(
    lines: list[str], header_index: int, separator: str, latest: dt.date | None, problems: _Problems
) -> list[HoursRow]:
    """The good rows under the header; what is wrong with the others goes to `problems`."""
    records = _records(lines, header_index, separator, problems)
    before = problems.count
    header = next(records, None)
    if header is None:  # nothing but blank fields, or a header that could not be read
        if problems.count == before:
            problems.add(None, _("The file is empty."))
        return []
    columns = _header_columns(header[1], header[0], problems)
    if columns is None:
        return []
    rows: list[HoursRow] = []
    seen: dict[tuple[str, dt.date], int] = {}
    for line, fields in records:
        too_wide = _too_wide(fields, len(header[1]), separator)
        row, wrong = (None, [too_wide]) if too_wide else _row(fields, columns, line, latest)
        for message in wrong:
            problems.add(line, message)
        if row is None:
            continue
        key = (unit_key(row.unit), row.month)
        if key in seen:
            message = _(
                "{unit}, {month}: also on line {other}. Each unit and month may appear only once."
            )
            problems.add(
                line, message.format(unit=row.unit, month=f"{row.month:%Y-%m}", other=seen[key])
            )
            continue
        seen[key] = line
        rows.append(row)
    if not rows and problems.count == 0:
        problems.add(None, _("The file has a header but no rows of hours."))
    return rows
