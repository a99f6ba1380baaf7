"""Opening the database named on the command line, shared by every command module."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from visitation_app.cli_parser import PROG, UsageError
from visitation_app.domain.errors import UserError
from visitation_app.export_warning import unencrypted_output_sentence
from visitation_app.i18n import _
from visitation_app.lock_files import window_holding
from visitation_app.store import cipher
from visitation_app.store.database import Database, StoreError, open_database

PASSPHRASE_VARIABLE = "VISITATION_APP_PASSPHRASE"
NEW_PASSPHRASE_VARIABLE = "VISITATION_APP_NEW_PASSPHRASE"


def required_db(args: argparse.Namespace) -> Path:
    """The --db path of a command that needs one (a usage error without it)."""
    if not args.db:
        raise UsageError(
            _("Give the database file with --db PATH; see {command}.").format(
                command=f'"{PROG} {args.command} --help"'
            )
        )
    return Path(args.db).expanduser()


def refuse_while_open_in_a_window(path: Path) -> None:
    """A command that replaces the file must not pull it away from under an open window
    (whose later edits would go into the file no longer there)."""
    pid = window_holding(path)
    if pid is not None:
        raise UserError(
            _(
                "The database {path} is open in a window of the program (process {pid}). "
                "Close that window and try again; nothing was changed."
            ).format(path=path, pid=pid)
        )


def warn_if_output_less_protected(db: Database) -> None:
    """A file written from an encrypted database is not encrypted: say so on stderr."""
    if db.encrypted:
        print(unencrypted_output_sentence(), file=sys.stderr)


def command_actor() -> str:
    """Who is acting, for the audit trail: $VISITATION_APP_USER, else the login name."""
    name = os.environ.get("VISITATION_APP_USER", "").strip()
    if name:
        return name
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name known to the system
        return ""


def _interactive() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def passphrase_for(path: Path) -> str | None:
    """The passphrase of an encrypted file: $VISITATION_APP_PASSPHRASE, else asked on the
    terminal; None for a plain file. PassphraseRequiredError when neither is possible."""
    if not cipher.is_encrypted(path):
        return None
    given = os.environ.get(PASSPHRASE_VARIABLE)
    if given:
        return given
    if _interactive():
        return getpass.getpass(_("Passphrase for {path}: ").format(path=path))
    raise cipher.PassphraseRequiredError(
        _(
            "The database {path} is encrypted. Run the command in a terminal to be asked for "
            "its passphrase, or set the environment variable {variable}."
        ).format(path=path, variable=PASSPHRASE_VARIABLE)
    )


def new_passphrase() -> str:
    """A new passphrase: $VISITATION_APP_NEW_PASSPHRASE, else typed twice on the terminal."""
    given = os.environ.get(NEW_PASSPHRASE_VARIABLE)
    if given is None:
        if not _interactive():
            raise cipher.PassphraseError(
                _(
                    "Give the new passphrase in a terminal, or in the environment variable "
                    "{variable}."
                ).format(variable=NEW_PASSPHRASE_VARIABLE)
            )
        given = getpass.getpass(_("New passphrase: "))
        if getpass.getpass(_("The new passphrase again: ")) != given:
            raise cipher.PassphraseError(_("The two passphrases differ; nothing was changed."))
    problem = cipher.passphrase_problem(given)
    if problem:
        raise cipher.PassphraseError(problem)
    return given


def open_existing(path: Path) -> Database:
    """Open a database that must already exist: a reading command never creates one."""
    if path.is_file() and path.stat().st_size == 0:
        raise StoreError(
            _("The file {path} is empty; it is not a visitation database.").format(path=path)
        )
    db = open_database(path, passphrase=passphrase_for(path))
    db.actor = command_actor()
    return db
