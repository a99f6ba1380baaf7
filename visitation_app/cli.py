"""The command line: its arguments, and the commands that need no window.

    visitation-app [--db PATH] [--lang da|en]         open the window
    visitation-app demo --db PATH [--force]          create a demo database
    visitation-app meetings --db PATH [--json]       list the meetings
    visitation-app agenda MEETING_ID --db PATH -o FILE.pdf
    visitation-app minutes MEETING_ID --db PATH -o FILE.pdf
    visitation-app decisions --db PATH [--meeting ID] [--json]
    visitation-app letter DECISION_ID --db PATH -o FILE.pdf
    visitation-app budget --db PATH --area AREA --year YEAR -o FILE.pdf|FILE.csv

Every command calls the same services as the window. Nothing here imports Qt.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from visitation_app import __version__, argparse_i18n
from visitation_app.domain.errors import UserError
from visitation_app.domain.vocabulary import CommitteeArea, MeetingStatus, Outcome
from visitation_app.formatting import format_date_short, format_money, format_time
from visitation_app.i18n import SUPPORTED_LANGUAGES, _
from visitation_app.paths import default_database_path
from visitation_app.services.budget import MAX_YEAR, MIN_YEAR
from visitation_app.services.budget_report import export_budget_report, report_format
from visitation_app.services.demo import DemoTargetExistsError, create_demo_database
from visitation_app.services.legal import current_catalog
from visitation_app.services.letters import (
    DecisionRow,
    decision_ids_by_meeting,
    decision_letter,
    export_decision_letter,
    list_decisions,
)
from visitation_app.services.meetings import MeetingRow, get_meeting, list_meetings
from visitation_app.services.minutes import export_agenda, export_minutes
from visitation_app.store.database import Database, StoreError, open_database

PROG = "visitation-app"


class UsageError(UserError):
    """The command line itself is wrong; the exit status is 2, as argparse uses."""


class _Formatter(argparse.HelpFormatter):
    """argparse's layout with our translated 'usage:' heading."""

    def add_usage(self, usage, actions, groups, prefix=None) -> None:
        super().add_usage(usage, actions, groups, _("usage: ") if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose headings and errors speak the app's language.

    Errors are raised as UsageError (one sentence) instead of printing the usage block.
    """

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs["add_help"] = False
        kwargs["allow_abbrev"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = _("arguments")
        self._optionals.title = _("options")
        self.add_argument(
            "-h", "--help", action="help", default=argparse.SUPPRESS, help=_("Show this help.")
        )

    def error(self, message: str):  # type: ignore[override]
        raise UsageError(
            _("The command line is not understood ({detail}); see {command}.").format(
                detail=message, command=f'"{self.prog} --help"'
            )
        )


def _positive_id(text: str) -> int | None:
    """An id as typed (a whole number from 1), or None."""
    try:
        value = int(text.strip())
    except ValueError:
        return None
    return value if value >= 1 else None


def _id_or_usage_error(text: str, message: str) -> int:
    """An id as typed; else UsageError (raised so argparse does not rephrase it)."""
    value = _positive_id(text)
    if value is None:
        raise UsageError(message.format(value=text))
    return value


def _meeting_id(text: str) -> int:
    return _id_or_usage_error(
        text, _("The meeting id must be a whole number such as 12, not '{value}'.")
    )


def _decision_id(text: str) -> int:
    """A decision id as typed, as listed by the 'decisions' command."""
    return _id_or_usage_error(
        text, _("The decision id must be a whole number such as 7, not '{value}'.")
    )


def _area(text: str) -> str:
    """A committee area by its code (elderly, adult_disability, children) or its name."""
    wanted = " ".join(text.split()).casefold()
    for area in CommitteeArea:
        if wanted in (area.value, area.label.casefold()):
            return area.value
    choices = ", ".join(f"{area.value} ({area.label})" for area in CommitteeArea)
    raise UsageError(
        _("The area must be one of {choices}, not '{value}'.").format(choices=choices, value=text)
    )


def _budget_year(text: str) -> int:
    try:
        year = int(text.strip())
    except ValueError:
        year = None
    if year is None or not MIN_YEAR <= year <= MAX_YEAR:
        raise UsageError(
            _(
                "The year must be a year between {first} and {last}, such as 2026, not '{value}'."
            ).format(first=MIN_YEAR, last=MAX_YEAR, value=text)
        )
    return year


def _language(text: str) -> str:
    code = text.strip().lower()
    if code not in SUPPORTED_LANGUAGES:
        raise UsageError(
            _("The language must be da (Danish) or en (English), not '{value}'.").format(value=text)
        )
    return code


def language_in(argv: Sequence[str]) -> str | None:
    """The --lang value in `argv`, looked for before parsing so that --help is translated."""
    for index, argument in enumerate(argv):
        if argument == "--":
            break
        if argument == "--lang" and index + 1 < len(argv):
            value = argv[index + 1].lower()
            return value if value in SUPPORTED_LANGUAGES else None
        if argument.startswith("--lang="):
            value = argument.split("=", 1)[1].lower()
            return value if value in SUPPORTED_LANGUAGES else None
    return None


def _add_db(parser: argparse.ArgumentParser, help_text: str) -> None:
    # SUPPRESS keeps a --db given before the command from being overwritten by None.
    parser.add_argument("--db", metavar=_("PATH"), default=argparse.SUPPRESS, help=help_text)


def _add_export(
    commands,
    name: str,
    help_text: str,
    *,
    id_name: str = "meeting_id",
    id_type: Callable[[str], int] = _meeting_id,
    id_metavar: str | None = None,
    id_help: str | None = None,
) -> None:
    """A command that saves one PDF: `name ID --db PATH -o FILE.pdf`."""
    metavar = id_metavar or _("MEETING_ID")
    usage = "%(prog)s {id} --db {path} -o {file}".format(
        id=metavar, path=_("PATH"), file=_("FILE.pdf")
    )
    parser = commands.add_parser(
        name, prog=f"{PROG} {name}", help=help_text, description=help_text, usage=usage
    )
    parser.add_argument(
        id_name,
        nargs="?",
        type=id_type,
        metavar=metavar,
        help=id_help or _("The meeting's number, as shown by the 'meetings' command."),
    )
    _add_db(parser, _("The database file to read."))
    parser.add_argument(
        "-o",
        "--output",
        metavar=_("FILE.pdf"),
        help=_("Where to save the PDF (an existing file is replaced)."),
    )


def build_parser() -> argparse.ArgumentParser:
    """The whole command line; texts are translated into the language in use now."""
    argparse_i18n.install()
    parser = _Parser(
        prog=PROG,
        usage="%(prog)s [-h] [--db {path}] [--lang da|en] [-v] [--version] [{command} ...]".format(
            path=_("PATH"), command=_("COMMAND")
        ),
        description=_(
            "Plan, run and document visitation meetings. Without a command the window opens."
        ),
    )
    parser.add_argument(
        "--db",
        metavar=_("PATH"),
        default=None,
        help=_("The database file to open (default: {path}).").format(path=default_database_path()),
    )
    parser.add_argument(
        "--lang",
        type=_language,
        metavar="da|en",
        help=_("The language of the window, the documents and the messages (default: da)."),
    )
    parser.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help=_("Write more detail to the log file and show it on the screen."),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"{PROG} {__version__}",
        help=_("Show the version number."),
    )
    commands = parser.add_subparsers(dest="command", title=_("commands"), metavar=_("COMMAND"))

    demo = commands.add_parser(
        "demo",
        prog=f"{PROG} demo",
        usage="%(prog)s --db {path} [--force]".format(path=_("PATH")),
        help=_("Create a demo database with three example meetings."),
        description=_(
            "Create a database with invented example meetings from elderly care, adults "
            "with disabilities, and children and young people."
        ),
    )
    _add_db(demo, _("The database file to create."))
    demo.add_argument(
        "--force", action="store_true", help=_("Replace the file if it already exists.")
    )

    meetings = commands.add_parser(
        "meetings",
        prog=f"{PROG} meetings",
        usage="%(prog)s --db {path} [--json]".format(path=_("PATH")),
        help=_("List the meetings in a database."),
        description=_("List the meetings in a database, the newest first."),
    )
    _add_db(meetings, _("The database file to read."))
    meetings.add_argument(
        "--json", action="store_true", help=_("Print the list as JSON for other programs.")
    )

    _add_export(commands, "agenda", _("Save a meeting's agenda as a PDF file."))
    _add_export(commands, "minutes", _("Save a meeting's minutes as a PDF file."))

    decisions = commands.add_parser(
        "decisions",
        prog=f"{PROG} decisions",
        usage="%(prog)s --db {path} [--meeting {id}] [--json]".format(
            path=_("PATH"), id=_("MEETING_ID")
        ),
        help=_("List the decisions with their ids, for the 'letter' command."),
        description=_(
            "List the decisions recorded at the meetings, the newest meeting first, with "
            "the id to give the 'letter' command."
        ),
    )
    _add_db(decisions, _("The database file to read."))
    decisions.add_argument(
        "--meeting",
        type=_meeting_id,
        metavar=_("MEETING_ID"),
        help=_("Only the decisions of this meeting."),
    )
    decisions.add_argument(
        "--json", action="store_true", help=_("Print the list as JSON for other programs.")
    )
    _add_export(
        commands,
        "letter",
        _("Save the decision letter to the citizen as a PDF file."),
        id_name="decision_id",
        id_type=_decision_id,
        id_metavar=_("DECISION_ID"),
        id_help=_("The decision's number, as shown by the 'decisions' command."),
    )
    _add_budget(commands)
    return parser


def _add_budget(commands) -> None:
    help_text = _("Save the budget report of an area and year as a PDF or CSV file.")
    budget = commands.add_parser(
        "budget",
        prog=f"{PROG} budget",
        usage="%(prog)s --db {path} --area {area} --year {year} -o {file}".format(
            path=_("PATH"), area=_("AREA"), year=_("YEAR"), file=_("FILE.pdf|FILE.csv")
        ),
        help=help_text,
        description=_(
            "Save the budget report of an area and year: every decision of the area's "
            "meetings taking effect that year, with its change in the year and its full-year "
            "effect, the totals, the budget frame and what is left. A file name ending in "
            ".pdf gives a PDF, one ending in .csv a CSV file for a spreadsheet."
        ),
    )
    _add_db(budget, _("The database file to read."))
    budget.add_argument(
        "--area",
        type=_area,
        metavar=_("AREA"),
        help=_("The committee area: elderly, adult_disability or children (or its name)."),
    )
    budget.add_argument("--year", type=_budget_year, metavar=_("YEAR"), help=_("The budget year."))
    budget.add_argument(
        "-o",
        "--output",
        metavar=_("FILE.pdf|FILE.csv"),
        help=_("Where to save the report (an existing file is replaced)."),
    )


def parse_arguments(argv: Sequence[str]) -> argparse.Namespace:
    """Parse `argv`; UsageError (one sentence) for anything wrong, SystemExit for --help."""
    parser = build_parser()
    args, unknown = parser.parse_known_args(list(argv))
    if unknown:
        command = f"{PROG} {args.command}" if args.command else PROG
        raise UsageError(
            _("Unknown argument {arguments}; see {command}.").format(
                arguments=" ".join(unknown), command=f'"{command} --help"'
            )
        )
    return args


# --- the commands -----------------------------------------------------------------------


def _required_db(args: argparse.Namespace) -> Path:
    if not args.db:
        raise UsageError(
            _("Give the database file with --db PATH; see {command}.").format(
                command=f'"{PROG} {args.command} --help"'
            )
        )
    return Path(args.db).expanduser()


def open_existing(path: Path) -> Database:
    """Open a database that must already exist: a reading command never creates one."""
    if path.is_file() and path.stat().st_size == 0:
        raise StoreError(
            _("The file {path} is empty; it is not a visitation database.").format(path=path)
        )
    return open_database(path)


def run_demo(args: argparse.Namespace) -> int:
    path = _required_db(args)
    try:
        created = create_demo_database(path, force=args.force)
    except DemoTargetExistsError as error:
        raise UserError(
            _(
                "The file {path} already exists; add --force to replace it with a new "
                "demo database."
            ).format(path=error.path)
        ) from error
    print(_("Created the demo database {path}.").format(path=created))
    print(_("Open it with: {command}").format(command=f'{PROG} --db "{created}"'))
    return 0


def meeting_as_json(row: MeetingRow, decision_ids: Sequence[int] = ()) -> dict[str, object]:
    return {
        "id": row.id,
        "date": row.meeting_date.isoformat(),
        "start_time": row.start_time.strftime("%H:%M"),
        "title": row.title,
        "area": row.area,
        "area_label": CommitteeArea(row.area).label,
        "status": row.status,
        "status_label": MeetingStatus(row.status).label,
        "items": row.item_count,
        "decisions": list(decision_ids),
    }


def aligned_table(header: Sequence[str], lines: Sequence[Sequence[str]], numeric: set[int]) -> str:
    """Aligned columns under a header line and a rule; `numeric` columns right-aligned."""
    widths = [max(len(line[column]) for line in [header, *lines]) for column in range(len(header))]

    def render(cells: Sequence[str]) -> str:
        parts = [
            cell.rjust(widths[i]) if i in numeric else cell.ljust(widths[i])
            for i, cell in enumerate(cells)
        ]
        return "  ".join(parts).rstrip()

    rule = "  ".join("-" * width for width in widths)
    return "\n".join([render(header), rule, *(render(line) for line in lines)])


def meetings_table(rows: Sequence[MeetingRow]) -> str:
    """The meetings as aligned columns under a header line."""
    header = (_("Id"), _("Date"), _("Time"), _("Title"), _("Area"), _("Status"), _("Items"))
    lines = [
        (
            str(row.id),
            format_date_short(row.meeting_date),
            format_time(row.start_time),
            row.title,
            CommitteeArea(row.area).label,
            MeetingStatus(row.status).label,
            str(row.item_count),
        )
        for row in rows
    ]
    return aligned_table(header, lines, numeric={0, 6})


def run_meetings(args: argparse.Namespace) -> int:
    path = _required_db(args)
    db = open_existing(path)
    try:
        rows = list_meetings(db)
        decision_ids = decision_ids_by_meeting(db) if args.json else {}
    finally:
        db.close()
    if args.json:
        listed = [meeting_as_json(row, decision_ids.get(row.id, ())) for row in rows]
        print(json.dumps(listed, ensure_ascii=False, indent=2))
    elif rows:
        print(meetings_table(rows))
    else:
        print(_("There are no meetings in {path}.").format(path=path))
    return 0


def _export_paths(args: argparse.Namespace) -> tuple[Path, Path]:
    """The database to read and the PDF to write, both required."""
    path = _required_db(args)
    if not args.output:
        raise UsageError(
            _("Give the PDF file to write with -o FILE.pdf; see {command}.").format(
                command=f'"{PROG} {args.command} --help"'
            )
        )
    return path, Path(args.output).expanduser()


def _run_export(
    args: argparse.Namespace,
    export: Callable[[Database, int, str | os.PathLike[str]], Path],
    done: str,
) -> int:
    if args.meeting_id is None:
        raise UsageError(
            _("Give the meeting's id, for example: {example}").format(
                example=f"{PROG} {args.command} 12 --db visitation.db -o {args.command}.pdf"
            )
        )
    path, target = _export_paths(args)
    db = open_existing(path)
    try:
        written = export(db, args.meeting_id, target)
        status = get_meeting(db, args.meeting_id).status
    finally:
        db.close()
    print(done.format(id=args.meeting_id, path=written))
    if args.command == "minutes" and status != MeetingStatus.APPROVED:
        print(_("The minutes are not approved yet, so this is a draft."))
    return 0


def run_letter(args: argparse.Namespace) -> int:
    if args.decision_id is None:
        raise UsageError(
            _(
                "Give the decision's id (see the 'decisions' command), for example: {example}"
            ).format(example=f"{PROG} letter 7 --db visitation.db -o afgoerelse.pdf")
        )
    path, target = _export_paths(args)
    db = open_existing(path)
    try:
        written = export_decision_letter(db, args.decision_id, target)
        final = decision_letter(db, args.decision_id).is_final
    finally:
        db.close()
    print(
        _("The decision letter for decision {id} is saved as {path}.").format(
            id=args.decision_id, path=written
        )
    )
    if not final:
        print(_("The decision is not final, so the letter is marked as a draft: do not send it."))
    return 0


def decision_as_json(row: DecisionRow) -> dict[str, object]:
    return {
        "id": row.decision_id,
        "meeting_id": row.meeting_id,
        "meeting_date": row.meeting_date.isoformat(),
        "item_id": row.item_id,
        "item": row.item_number,
        "citizen": row.citizen_name,
        "outcome": row.outcome,
        "outcome_label": Outcome(row.outcome).label if row.outcome else "",
        "final": row.final,
        "complete": row.complete,
    }


def _yes_no(value: bool) -> str:
    return _("Yes") if value else _("No")


def decisions_table(rows: Sequence[DecisionRow]) -> str:
    """The decisions as aligned columns: the id first, as the 'letter' command wants it."""
    header = (
        _("Id"), _("Meeting"), _("Date"), _("Item"), _("Citizen"), _("Outcome"),
        _("Final"), _("Complete"),
    )  # fmt: skip
    lines = [
        (
            str(row.decision_id),
            str(row.meeting_id),
            format_date_short(row.meeting_date),
            str(row.item_number),
            row.citizen_name,
            Outcome(row.outcome).label if row.outcome else _("Nothing decided yet"),
            _yes_no(row.final),
            _yes_no(row.complete),
        )
        for row in rows
    ]
    return aligned_table(header, lines, numeric={0, 1, 3})


def run_decisions(args: argparse.Namespace) -> int:
    path = _required_db(args)
    db = open_existing(path)
    try:
        rows = list_decisions(db, args.meeting)
    finally:
        db.close()
    if args.json:
        print(json.dumps([decision_as_json(row) for row in rows], ensure_ascii=False, indent=2))
    elif rows:
        print(decisions_table(rows))
    elif args.meeting is not None:
        print(_("Meeting {id} has no decisions yet.").format(id=args.meeting))
    else:
        print(_("There are no decisions in {path}.").format(path=path))
    return 0


def run_budget(args: argparse.Namespace) -> int:
    example = f"{PROG} budget --db visitation.db --area elderly --year 2026 -o budget.pdf"
    if args.area is None or args.year is None:
        raise UsageError(
            _("Give the area and the year, for example: {example}").format(example=example)
        )
    path = _required_db(args)
    if not args.output:
        raise UsageError(
            _("Give the file to write with -o FILE.pdf or -o FILE.csv; see {command}.").format(
                command=f'"{PROG} budget --help"'
            )
        )
    target = Path(args.output).expanduser()
    try:
        report_format(target)
    except UserError as error:
        raise UsageError(str(error)) from error
    db = open_existing(path)
    try:
        written, report = export_budget_report(db, args.area, args.year, target)
    finally:
        db.close()
    area = CommitteeArea(args.area).label
    print(
        _("The budget report for {area} {year} is saved as {path}.").format(
            area=area, year=args.year, path=written
        )
    )
    committed = format_money(report.committed_ore)
    if report.frame_ore is None:
        print(
            _("Committed in {year}: {committed}; no budget frame is set.").format(
                year=args.year, committed=committed
            )
        )
    elif report.over:
        print(
            _("Committed in {year}: {committed} of {frame}: {over} OVER the frame.").format(
                year=args.year,
                committed=committed,
                frame=format_money(report.frame_ore),
                over=format_money(-(report.left_ore or 0)),
            )
        )
    else:
        print(
            _("Committed in {year}: {committed} of {frame}; {left} is left.").format(
                year=args.year,
                committed=committed,
                frame=format_money(report.frame_ore),
                left=format_money(report.left_ore),
            )
        )
    return 0


def report_catalog_problems() -> None:
    """Warn on stderr when the municipality's catalog file was rejected (shipped one used)."""
    problems = current_catalog().problems
    if problems:
        print(
            _(
                "Warning: the municipality's catalog file has errors, so the shipped entries "
                "of that file are used:"
            ),
            file=sys.stderr,
        )
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)


def run_command(args: argparse.Namespace) -> int:
    """Run the headless command named in `args` (not the window)."""
    if args.command in {"minutes", "decisions", "letter", "budget"}:
        report_catalog_problems()
    if args.command == "demo":
        return run_demo(args)
    if args.command == "meetings":
        return run_meetings(args)
    if args.command == "agenda":
        return _run_export(args, export_agenda, _("The agenda of meeting {id} is saved as {path}."))
    if args.command == "minutes":
        return _run_export(
            args, export_minutes, _("The minutes of meeting {id} are saved as {path}.")
        )
    if args.command == "decisions":
        return run_decisions(args)
    if args.command == "letter":
        return run_letter(args)
    if args.command == "budget":
        return run_budget(args)
    raise UsageError(_("Unknown command {command}.").format(command=args.command))
