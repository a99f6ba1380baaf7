"""The commands that need no window (the arguments are read in cli_parser.py).

    visitation-app [--db PATH] [--lang da|en]         open the window
    visitation-app demo --db PATH [--force]          create a demo database
    visitation-app meetings --db PATH [--json]       list the meetings
    visitation-app agenda MEETING_ID --db PATH -o FILE.pdf
    visitation-app minutes MEETING_ID --db PATH -o FILE.pdf
    visitation-app decisions --db PATH [--meeting ID] [--json]
    visitation-app letter DECISION_ID --db PATH -o FILE.pdf
    visitation-app budget --db PATH --area AREA --year YEAR -o FILE.pdf|FILE.csv
    visitation-app invitation ITEM_OR_CASE_ID [--case] --db PATH -o FILE.pdf
    visitation-app backup --db PATH -o FILE
    visitation-app restore FILE --db PATH
    visitation-app check --db PATH

Every command calls the same services as the window. Nothing here imports Qt.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path

from visitation_app.cli_db import (
    open_existing,
    passphrase_for,
    refuse_while_open_in_a_window,
    required_db,
    warn_if_output_less_protected,
)
from visitation_app.cli_output import (
    decision_as_json,
    decisions_table,
    meeting_as_json,
    meetings_table,
)
from visitation_app.cli_parser import PROG, UsageError, command_modules
from visitation_app.domain.errors import UserError
from visitation_app.domain.vocabulary import CommitteeArea, MeetingStatus
from visitation_app.formatting import format_date_long, format_money
from visitation_app.i18n import _
from visitation_app.services.budget_report import export_budget_report, report_format
from visitation_app.services.data_files import data_file_problems
from visitation_app.services.demo import DemoTargetExistsError, create_demo_database
from visitation_app.services.invitations import export_invitation, invitation, next_item_of_case
from visitation_app.services.letters import (
    decision_ids_by_meeting,
    decision_letter,
    export_decision_letter,
    list_decisions,
)
from visitation_app.services.meetings import get_meeting, list_meetings
from visitation_app.services.minutes import export_agenda, export_minutes
from visitation_app.store.backup import backup_database, check_database, restore_database
from visitation_app.store.database import Database

# --- the commands -----------------------------------------------------------------------


def run_demo(args: argparse.Namespace) -> int:
    path = required_db(args)
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
    print(
        _(
            "It is not encrypted: it holds invented people only. Encrypt it with "
            "{command} before you put real citizens' data in it."
        ).format(command=f'"{PROG} encrypt --db {created}"'),
        file=sys.stderr,
    )
    print(_("Open it with: {command}").format(command=f'{PROG} --db "{created}"'))
    return 0


def run_meetings(args: argparse.Namespace) -> int:
    path = required_db(args)
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
    path = required_db(args)
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
    warn_if_output_less_protected(db)
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
    warn_if_output_less_protected(db)
    print(
        _("The decision letter for decision {id} is saved as {path}.").format(
            id=args.decision_id, path=written
        )
    )
    if not final:
        print(_("The decision is not final, so the letter is marked as a draft: do not send it."))
    return 0


def run_invitation(args: argparse.Namespace) -> int:
    """The invitation to the citizen of an agenda item (or of a case's next coming item)."""
    if args.item_or_case_id is None:
        raise UsageError(
            _(
                "Give the agenda item's id, or a case's id with --case, for example: {example}"
            ).format(example=f"{PROG} invitation 14 --db visitation.db -o invitation.pdf")
        )
    path, target = _export_paths(args)
    db = open_existing(path)
    try:
        item_id = args.item_or_case_id
        if args.case:
            item_id = next_item_of_case(db, args.item_or_case_id)
        letter = invitation(db, item_id)
        written = export_invitation(db, item_id, target)
    finally:
        db.close()
    warn_if_output_less_protected(db)
    print(
        _(
            "The invitation for {citizen} to the meeting on {date} (item {number}) is saved "
            "as {path}."
        ).format(
            citizen=letter.citizen_name,
            date=format_date_long(letter.meeting.meeting_date),
            number=letter.item.number,
            path=written,
        )
    )
    return 0


def run_decisions(args: argparse.Namespace) -> int:
    path = required_db(args)
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
    path = required_db(args)
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
    warn_if_output_less_protected(db)
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


def run_backup(args: argparse.Namespace) -> int:
    path = required_db(args)
    if not args.output:
        raise UsageError(
            _("Give the file to save the backup in with -o FILE; see {command}.").format(
                command=f'"{PROG} backup --help"'
            )
        )
    written = backup_database(path, args.output, passphrase=passphrase_for(path))
    print(_("The database {path} is backed up to {target}.").format(path=path, target=written))
    return 0


def run_restore(args: argparse.Namespace) -> int:
    if not args.backup:
        raise UsageError(
            _("Give the backup to restore, for example: {example}").format(
                example=f"{PROG} restore visitation-backup.db --db visitation.db"
            )
        )
    path = required_db(args)
    refuse_while_open_in_a_window(path)
    backup = Path(args.backup).expanduser()
    result = restore_database(backup, path, passphrase=passphrase_for(backup))
    print(
        _("The database {path} is restored from {backup}.").format(
            path=result.path, backup=args.backup
        )
    )
    if result.kept_aside is not None:
        print(_("The database as it was is kept as {path}.").format(path=result.kept_aside))
    return 0


def run_check(args: argparse.Namespace) -> int:
    """Print the check's report; the exit status is 1 when the file is damaged."""
    path = required_db(args)
    report = check_database(path, passphrase=passphrase_for(path))
    for line in report.lines:
        print(line)
    if report.ok:
        print(_("All is well."))
        return 0
    print(
        _("The database is damaged. Restore the latest backup with: {command}").format(
            command=f'{PROG} restore {_("FILE")} --db "{report.path}"'
        )
    )
    return 1


def report_catalog_problems() -> None:
    """Warn on stderr when the municipality's catalog file was rejected (shipped one used)."""
    problems = data_file_problems()
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
        return _run_export(
            args,
            partial(export_agenda, full_cpr=args.full_cpr),
            _("The agenda of meeting {id} is saved as {path}."),
        )
    if args.command == "minutes":
        return _run_export(
            args,
            partial(export_minutes, full_cpr=args.full_cpr),
            _("The minutes of meeting {id} are saved as {path}."),
        )
    if args.command == "decisions":
        return run_decisions(args)
    if args.command == "letter":
        return run_letter(args)
    if args.command == "budget":
        return run_budget(args)
    if args.command == "invitation":
        return run_invitation(args)
    if args.command == "backup":
        return run_backup(args)
    if args.command == "restore":
        return run_restore(args)
    if args.command == "check":
        return run_check(args)
    for module in command_modules():
        status = module.run(args)
        if status is not None:
            return status
    raise UsageError(_("Unknown command {command}.").format(command=args.command))
