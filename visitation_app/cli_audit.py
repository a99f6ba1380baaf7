"""Commands of the audit trail and the retention period:

visitation-app audit CASE_ID --db PATH [-o FILE.pdf]
visitation-app retention --db PATH [--years N]
visitation-app delete-citizen CASE_ID... --db PATH --reason TEXT [--years N]
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from visitation_app.cli_db import open_existing, required_db, warn_if_output_less_protected
from visitation_app.cli_output import aligned_table
from visitation_app.cli_parser import PROG, UsageError, add_db_option
from visitation_app.domain.validation import mask_cpr
from visitation_app.formatting import format_date_long
from visitation_app.i18n import _
from visitation_app.services import audit as audit_service
from visitation_app.services import retention

COMMANDS = ("audit", "retention", "delete-citizen")
MAX_YEARS = 30


def today() -> dt.date:
    """The day the retention period is counted to (a test sets another)."""
    return dt.date.today()


def _case_id(text: str) -> int:
    try:
        value = int(text.strip())
    except ValueError:
        value = 0
    if value < 1:
        raise UsageError(
            _("The case id must be a whole number such as 14, not '{value}'.").format(value=text)
        )
    return value


def _years(text: str) -> int:
    try:
        value = int(text.strip())
    except ValueError:
        value = 0
    if not 1 <= value <= MAX_YEARS:
        raise UsageError(
            _("The retention period must be a number of years from 1 to {most}, not '{value}'.")
            .format(most=MAX_YEARS, value=text)
        )  # fmt: skip
    return value


def _add_years(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--years",
        type=_years,
        default=retention.DEFAULT_YEARS,
        metavar=_("N"),
        help=_("The retention period in years (default: {years}).").format(
            years=retention.DEFAULT_YEARS
        ),
    )


def add_parsers(commands) -> None:  # noqa: ANN001 - argparse's private subparsers type
    """Add this module's commands to the command line."""
    audit = commands.add_parser(
        "audit",
        prog=f"{PROG} audit",
        usage="%(prog)s {id} --db {path} [-o {file}]".format(
            id=_("CASE_ID"), path=_("PATH"), file=_("FILE.pdf")
        ),
        help=_("Show every recorded change to a case, or save it as a PDF file."),
        description=_(
            "Show the audit trail of a case: every change to the case, the citizen's "
            "involvement, answers, assessments and decisions, with who made it and when, "
            "the value before and after. With -o it is saved as a PDF to print."
        ),
    )
    audit.add_argument("case_id", nargs="?", type=_case_id, metavar=_("CASE_ID"))
    add_db_option(audit, _("The database file to read."))
    audit.add_argument(
        "-o", "--output", metavar=_("FILE.pdf"), help=_("Save the trail as a PDF file here.")
    )

    due = commands.add_parser(
        "retention",
        prog=f"{PROG} retention",
        usage="%(prog)s --db {path} [--years {n}]".format(path=_("PATH"), n=_("N")),
        help=_("List the citizens whose data may be deleted after the retention period."),
        description=_(
            "List the citizens whose last activity lies more than the retention period back "
            "and who have no service with a review still to come."
        ),
    )
    add_db_option(due, _("The database file to read."))
    _add_years(due)

    delete = commands.add_parser(
        "delete-citizen",
        prog=f"{PROG} delete-citizen",
        usage="%(prog)s {id} [{id} ...] --db {path} --reason {text} [--years {n}]".format(
            id=_("CASE_ID"), path=_("PATH"), text=_("TEXT"), n=_("N")
        ),
        help=_("Delete a citizen's data for good after the retention period."),
        description=_(
            "Delete all data about the citizens of the cases given (each case stands for "
            "all cases with the same CPR number), if their retention period has run out. "
            "The deletion is recorded without personal data, the database file is rebuilt "
            "and the automatic backups from before are replaced by a new one."
        ),
    )
    delete.add_argument("case_ids", nargs="*", type=_case_id, metavar=_("CASE_ID"))
    add_db_option(delete, _("The database file to change."))
    delete.add_argument(
        "--reason",
        metavar=_("TEXT"),
        help=_("Why the data is deleted (kept in the record; no names or CPR numbers)."),
    )
    _add_years(delete)


def run(args: argparse.Namespace) -> int | None:
    """Run the command if it is one of this module's; None otherwise."""
    if args.command == "audit":
        return run_audit(args)
    if args.command == "retention":
        return run_retention(args)
    if args.command == "delete-citizen":
        return run_delete(args)
    return None


def _one_line(text: str, limit: int = 60) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def run_audit(args: argparse.Namespace) -> int:
    if args.case_id is None:
        raise UsageError(
            _("Give the case's id, for example: {example}").format(
                example=f"{PROG} audit 14 --db visitation.db"
            )
        )
    db = open_existing(required_db(args))
    try:
        if args.output:
            written = audit_service.export_case_trail(
                db, args.case_id, Path(args.output).expanduser()
            )
            print(_("The history of case {id} is saved as {path}.").format(
                id=args.case_id, path=written
            ))  # fmt: skip
            warn_if_output_less_protected(db)
            return 0
        trail = audit_service.case_trail(db, args.case_id)
    finally:
        db.close()
    print(trail.title)
    print(" · ".join(f"{label}: {value}" for label, value in trail.facts if value))
    print()
    if not trail.lines:
        print(_("No changes are recorded."))
        return 0
    header = (_("Time"), _("Who"), _("What"), _("Field"), _("Before"), _("After"))
    rows = [
        (
            line.when,
            line.actor or _("(not known)"),
            _one_line(line.what),
            line.field,
            _one_line(line.before),
            _one_line(line.after),
        )
        for line in trail.lines
    ]
    print(aligned_table(header, rows, numeric=set()))
    return 0


def run_retention(args: argparse.Namespace) -> int:
    db = open_existing(required_db(args))
    try:
        due = retention.citizens_due_for_deletion(db, today(), args.years)
    finally:
        db.close()
    if not due:
        print(_("No citizen's data is due for deletion today."))
        return 0
    header = (_("Cases"), _("Citizen"), _("CPR number"), _("Last activity"), _("Note"))
    rows = [
        (
            " ".join(str(case_id) for case_id in citizen.case_ids),
            citizen.citizen_name,
            mask_cpr(citizen.cpr),
            format_date_long(citizen.last_activity),
            _("granted without a review date") if citizen.grant_without_review else "",
        )
        for citizen in due
    ]
    print(aligned_table(header, rows, numeric=set()))
    print()
    print(
        _("Delete with: {command}").format(
            command=f'{PROG} delete-citizen {_("CASE_ID")} --db "{args.db}" --reason "…"'
        )
    )
    return 0


def run_delete(args: argparse.Namespace) -> int:
    if not args.case_ids:
        raise UsageError(
            _("Give the id of a case of each citizen, for example: {example}").format(
                example=f'{PROG} delete-citizen 14 --db visitation.db --reason "…"'
            )
        )
    if not (args.reason or "").strip():
        raise UsageError(_("Give the reason for the deletion with --reason TEXT."))
    db = open_existing(required_db(args))
    try:
        report = retention.delete_citizen_data(
            db, list(args.case_ids), args.reason, today(), years=args.years
        )
    finally:
        db.close()
    for line in report.lines():
        print(line)
    return 0
