"""Opening the database named on the command line, shared by every command module."""

from __future__ import annotations

import argparse
import getpass
import os
from pathlib import Path

from visitation_app.cli_parser import PROG, UsageError
from visitation_app.i18n import _
from visitation_app.store.database import Database, StoreError, open_database


def required_db(args: argparse.Namespace) -> Path:
    """The --db path of a command that needs one (a usage error without it)."""
    if not args.db:
        raise UsageError(
            _("Give the database file with --db PATH; see {command}.").format(
                command=f'"{PROG} {args.command} --help"'
            )
        )
    return Path(args.db).expanduser()


def command_actor() -> str:
    """Who is acting, for the audit trail: $VISITATION_APP_USER, else the login name."""
    name = os.environ.get("VISITATION_APP_USER", "").strip()
    if name:
        return name
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name known to the system
        return ""


def open_existing(path: Path) -> Database:
    """Open a database that must already exist: a reading command never creates one."""
    if path.is_file() and path.stat().st_size == 0:
        raise StoreError(
            _("The file {path} is empty; it is not a visitation database.").format(path=path)
        )
    db = open_database(path)
    db.actor = command_actor()
    return db
