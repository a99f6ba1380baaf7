"""Commands that encrypt a database or change its passphrase."""

from __future__ import annotations

import argparse

from visitation_app.cli_db import (
    new_passphrase,
    passphrase_for,
    refuse_while_open_in_a_window,
    required_db,
)
from visitation_app.cli_parser import PROG, add_db_option
from visitation_app.i18n import _
from visitation_app.store import cipher
from visitation_app.store.rekey_all import rekey_database_and_backups


def add_parsers(commands) -> None:  # noqa: ANN001 - argparse's private subparsers type
    """encrypt and change-passphrase."""
    for name, help_text, description in (
        (
            "encrypt",
            _("Encrypt a database that is not encrypted."),
            _(
                "Encrypt the database and its backups with a new passphrase. The encrypted "
                "copy is checked before it replaces the file. The passphrase is asked twice, "
                "or read from the environment variable VISITATION_APP_NEW_PASSPHRASE."
            ),
        ),
        (
            "change-passphrase",
            _("Give an encrypted database a new passphrase."),
            _(
                "Change the passphrase of the database and its backups. The current "
                "passphrase is asked (or read from VISITATION_APP_PASSPHRASE), the new one "
                "twice (or read from VISITATION_APP_NEW_PASSPHRASE)."
            ),
        ),
    ):
        parser = commands.add_parser(
            name,
            prog=f"{PROG} {name}",
            usage="%(prog)s --db {path}".format(path=_("PATH")),
            help=help_text,
            description=description,
        )
        add_db_option(parser, _("The database file to change."))


def run(args: argparse.Namespace) -> int | None:
    """Run encrypt / change-passphrase; None for any other command."""
    if args.command not in {"encrypt", "change-passphrase"}:
        return None
    path = required_db(args)
    refuse_while_open_in_a_window(path)
    encrypted = cipher.is_encrypted(path)
    if args.command == "encrypt" and encrypted:
        raise cipher.PassphraseError(
            _(
                "The database {path} is already encrypted. Use change-passphrase to give it "
                "a new passphrase."
            ).format(path=path)
        )
    if args.command == "change-passphrase" and not encrypted:
        raise cipher.PassphraseError(
            _("The database {path} is not encrypted. Use encrypt to encrypt it.").format(path=path)
        )
    old = passphrase_for(path)
    if old is not None:
        cipher.verify_passphrase(path, old)
    report = rekey_database_and_backups(path, old, new_passphrase())
    for line in report.lines():
        print(line)
    return 0
