"""Meeting packages on the command line:

    visitation-app export MEETING_ID --db PATH -o FILE.json [--encrypt]
    visitation-app import FILE.json --db PATH

The passphrase of an encrypted package comes from $VISITATION_PACKAGE_PASSPHRASE, or is
asked for (twice when encrypting) when the command runs in a terminal.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from visitation_app.cli_db import open_existing, required_db
from visitation_app.cli_parser import PROG, UsageError, add_db_option
from visitation_app.domain.errors import UserError
from visitation_app.domain.package_paths import PackageError
from visitation_app.i18n import _
from visitation_app.services.meeting_package_export import export_meeting_package
from visitation_app.services.meeting_package_import import import_package
from visitation_app.services.meeting_package_parse import needs_passphrase, read_package_file
from visitation_app.services.package_crypto import PackagePassphraseError, passphrase_problem

PASSPHRASE_VARIABLE = "VISITATION_PACKAGE_PASSPHRASE"
ATTEMPTS = 3


def _meeting_id(text: str) -> int:
    try:
        value = int(text.strip())
    except ValueError:
        value = 0
    if value < 1:
        raise UsageError(
            _("The meeting id must be a whole number such as 12, not '{value}'.").format(value=text)
        )
    return value


def add_parsers(commands) -> None:  # noqa: ANN001 - argparse's private subparsers type
    """Add this module's commands to the command line."""
    export = commands.add_parser(
        "export",
        prog=f"{PROG} export",
        usage="%(prog)s {id} --db {path} -o {file} [--encrypt]".format(
            id=_("MEETING_ID"), path=_("PATH"), file=_("FILE.json")
        ),
        help=_("Save a meeting as a meeting package, to take it to another computer."),
        description=_(
            "Save a meeting with its participants, agenda, cases, decisions, the citizens' "
            "involvement and the action items as a meeting package (JSON), which another "
            "computer can import. The package holds personal data: encrypt it with "
            "--encrypt when it leaves this computer. The passphrase is read from "
            "${variable} or asked for."
        ).format(variable=PASSPHRASE_VARIABLE),
    )
    export.add_argument(
        "meeting_id",
        nargs="?",
        type=_meeting_id,
        metavar=_("MEETING_ID"),
        help=_("The meeting's number, as shown by the 'meetings' command."),
    )
    add_db_option(export, _("The database file to read."))
    export.add_argument(
        "-o",
        "--output",
        metavar=_("FILE.json"),
        help=_("Where to save the package (an existing file is replaced)."),
    )
    export.add_argument(
        "--encrypt", action="store_true", help=_("Encrypt the package with a passphrase.")
    )

    imported = commands.add_parser(
        "import",
        prog=f"{PROG} import",
        usage="%(prog)s {file} --db {path}".format(file=_("FILE.json"), path=_("PATH")),
        help=_("Import a meeting package into a database."),
        description=_(
            "Import a meeting package. Everything in it is checked first; with any error "
            "nothing is imported and every error is listed with its place in the file. A "
            "meeting the database has already is updated where only the package changed "
            "something; where both sides changed the same thing the database's value is "
            "kept and the conflict is listed. The passphrase of an encrypted package is "
            "read from ${variable} or asked for."
        ).format(variable=PASSPHRASE_VARIABLE),
    )
    imported.add_argument(
        "package", nargs="?", metavar=_("FILE.json"), help=_("The meeting package to import.")
    )
    add_db_option(imported, _("The database file to import into."))


def _interactive() -> bool:
    try:
        return sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


def _ask_passphrase(confirm: bool) -> str:
    """The passphrase from the environment, or typed (twice to encrypt) in a terminal."""
    given = os.environ.get(PASSPHRASE_VARIABLE)
    if given:
        return given
    if not _interactive():
        raise UserError(
            _(
                "A passphrase is needed: set the environment variable {variable}, or run "
                "the command in a terminal to type it."
            ).format(variable=PASSPHRASE_VARIABLE)
        )
    first = getpass.getpass(_("Passphrase: "))
    if confirm:
        problem = passphrase_problem(first)
        if problem:
            raise UserError(problem)
        if getpass.getpass(_("The passphrase again: ")) != first:
            raise UserError(_("The two passphrases are not the same. Nothing was saved."))
    return first


def run_export(args: argparse.Namespace) -> int:
    if args.meeting_id is None:
        raise UsageError(
            _("Give the meeting's id, for example: {example}").format(
                example=f"{PROG} export 12 --db visitation.db -o meeting.json"
            )
        )
    path = required_db(args)
    if not args.output:
        raise UsageError(
            _("Give the file to write with -o FILE.json; see {command}.").format(
                command=f'"{PROG} export --help"'
            )
        )
    passphrase = None
    if args.encrypt:
        passphrase = _ask_passphrase(confirm=True)
        problem = passphrase_problem(passphrase)
        if problem:
            raise UserError(problem)
    db = open_existing(path)
    try:
        written = export_meeting_package(
            db, args.meeting_id, Path(args.output).expanduser(), passphrase=passphrase
        )
    finally:
        db.close()
    if passphrase:
        print(
            _("The meeting package of meeting {id} is saved encrypted as {path}.").format(
                id=args.meeting_id, path=written
            )
        )
    else:
        print(
            _("The meeting package of meeting {id} is saved as {path}.").format(
                id=args.meeting_id, path=written
            )
        )
        print(unencrypted_warning(), file=sys.stderr)
    return 0


def unencrypted_warning() -> str:
    return _(
        "Warning: the package holds personal data and is not encrypted. Keep it as safe "
        "as the database, or export it again with --encrypt before it leaves this computer."
    )


def _report_refusal(error: PackageError) -> int:
    for problem in error.problems:
        print(problem, file=sys.stderr)
    print(_("Nothing was imported."), file=sys.stderr)
    return 1


def run_import(args: argparse.Namespace) -> int:
    if not args.package:
        raise UsageError(
            _("Give the package to import, for example: {example}").format(
                example=f"{PROG} import meeting.json --db visitation.db"
            )
        )
    path = required_db(args)
    try:
        data = read_package_file(args.package)
    except PackageError as error:
        return _report_refusal(error)
    db = open_existing(path)
    try:
        attempts = ATTEMPTS if _interactive() and not os.environ.get(PASSPHRASE_VARIABLE) else 1
        passphrase = _ask_passphrase(confirm=False) if needs_passphrase(data) else None
        for attempt in range(1, attempts + 1):
            try:
                report = import_package(db, data, passphrase)
                break
            except PackagePassphraseError as error:
                if attempt == attempts:
                    return _report_refusal(error)
                print(error, file=sys.stderr)
                passphrase = _ask_passphrase(confirm=False)
            except PackageError as error:
                return _report_refusal(error)
    finally:
        db.close()
    for line in report.lines():
        print(line)
    print(_("Meeting id in this database: {id}.").format(id=report.meeting_id))
    return 0


def run(args: argparse.Namespace) -> int | None:
    """Run the command if it is one of this module's; None otherwise."""
    if args.command == "export":
        return run_export(args)
    if args.command == "import":
        return run_import(args)
    return None
