"""The command line's arguments: the parser, its translated messages, and the checks of
ids, areas, years and languages as typed. Nothing here opens a database or imports Qt."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence

from visitation_app import __version__, argparse_i18n
from visitation_app.domain.errors import UserError
from visitation_app.domain.vocabulary import CommitteeArea
from visitation_app.i18n import SUPPORTED_LANGUAGES, _
from visitation_app.paths import default_database_path
from visitation_app.services.budget import MAX_YEAR, MIN_YEAR

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


def _item_or_case_id(text: str) -> int:
    """An agenda item's id, or (with --case) a case's id, as typed."""
    return _id_or_usage_error(text, _("The id must be a whole number such as 14, not '{value}'."))


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


def add_db_option(parser: argparse.ArgumentParser, help_text: str) -> None:
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
    options: str = "",
) -> argparse.ArgumentParser:
    """A command that saves one PDF: `name ID [options] --db PATH -o FILE.pdf`."""
    metavar = id_metavar or _("MEETING_ID")
    usage = "%(prog)s {id} {options}--db {path} -o {file}".format(
        id=metavar, options=f"{options} " if options else "", path=_("PATH"), file=_("FILE.pdf")
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
    add_db_option(parser, _("The database file to read."))
    parser.add_argument(
        "-o",
        "--output",
        metavar=_("FILE.pdf"),
        help=_("Where to save the PDF (an existing file is replaced)."),
    )
    return parser


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
    add_db_option(demo, _("The database file to create."))
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
    add_db_option(meetings, _("The database file to read."))
    meetings.add_argument(
        "--json", action="store_true", help=_("Print the list as JSON for other programs.")
    )

    for name, help_text in (
        ("agenda", _("Save a meeting's agenda as a PDF file.")),
        ("minutes", _("Save a meeting's minutes as a PDF file.")),
    ):
        export = _add_export(commands, name, help_text, options="[--full-cpr]")
        export.add_argument(
            "--full-cpr",
            action="store_true",
            help=_(
                "Print whole CPR numbers; without it only the date of birth is printed "
                "(010190-xxxx). Approved minutes are saved as they were approved."
            ),
        )

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
    add_db_option(decisions, _("The database file to read."))
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
    _add_invitation(commands)
    _add_safety(commands)
    for module in command_modules():
        module.add_parsers(commands)
    return parser


def command_modules() -> tuple:
    """The modules that bring commands of their own (imported late: they import this one)."""
    from visitation_app import cli_audit, cli_package, cli_security

    return (cli_audit, cli_package, cli_security)


def _add_safety(commands) -> None:
    """backup, restore and check: keeping the database file safe."""
    backup = commands.add_parser(
        "backup",
        prog=f"{PROG} backup",
        usage="%(prog)s --db {path} -o {file}".format(path=_("PATH"), file=_("FILE")),
        help=_("Save a checked copy of a database."),
        description=_(
            "Save a copy of the database that is complete and checked, even while the "
            "window is open. The copy is readable by you only; keep it as safe as the "
            "database itself."
        ),
    )
    add_db_option(backup, _("The database file to copy."))
    backup.add_argument(
        "-o",
        "--output",
        metavar=_("FILE"),
        help=_("Where to save the backup (an existing file is replaced)."),
    )

    restore = commands.add_parser(
        "restore",
        prog=f"{PROG} restore",
        usage="%(prog)s {file} --db {path}".format(path=_("PATH"), file=_("FILE")),
        help=_("Replace a database with a backup; the current file is kept aside."),
        description=_(
            "Replace the database with a backup. The backup is checked first; the current "
            "database is kept beside it as NAME.before-restore-TIME.bak."
        ),
    )
    restore.add_argument("backup", nargs="?", metavar=_("FILE"), help=_("The backup to restore."))
    add_db_option(restore, _("The database file to replace."))

    check = commands.add_parser(
        "check",
        prog=f"{PROG} check",
        usage="%(prog)s --db {path}".format(path=_("PATH")),
        help=_("Check a database for damage and broken references."),
        description=_(
            "Check the database's integrity and the references between its tables, and "
            "print a report. The exit status is 0 when all is well and 1 when not."
        ),
    )
    add_db_option(check, _("The database file to check."))


def _add_invitation(commands) -> None:
    invitation = _add_export(
        commands,
        "invitation",
        _("Save the invitation to the meeting for the citizen as a PDF file."),
        id_name="item_or_case_id",
        id_type=_item_or_case_id,
        id_metavar=_("ITEM_OR_CASE_ID"),
        id_help=_("The agenda item's id; with --case, the case's id."),
        options="[--case]",
    )
    invitation.description = _(
        "Save the invitation to the citizen whose case is on the agenda: the time and "
        "place, who takes part, the right to bring a bisidder, what to bring and how to "
        "prepare. Give the agenda item's id, or a case's id with --case to use the case's "
        "next coming meeting."
    )
    invitation.add_argument(
        "--case",
        action="store_true",
        help=_("The id is a case's id: invite to the case's next coming meeting."),
    )


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
    add_db_option(budget, _("The database file to read."))
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
