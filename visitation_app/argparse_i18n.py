"""argparse's own error messages, translated through the app's catalog.

argparse looks up its messages with module-level `_` and `ngettext` at the moment it
reports an error; `install()` points those at visitation_app.i18n, so that a Danish user
reads "ukendt valg" inside the CLI's Danish sentence rather than "invalid choice".
The N_() list below puts argparse's messages into the catalog (scripts/i18n.py extracts it).
"""

from __future__ import annotations

import argparse

from visitation_app import i18n
from visitation_app.i18n import N_

MESSAGES = (
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("expected at least one argument"),
    N_("expected at most one argument"),
    N_("expected one argument"),
    N_("ignored explicit argument %r"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("not allowed with argument %s"),
    N_("one of the arguments %s is required"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
)


def _ngettext(singular: str, plural: str, n: int) -> str:
    return i18n.ngettext(singular, plural, n)


def install() -> None:
    """Make argparse translate its messages with the app's current language."""
    argparse._ = i18n._  # type: ignore[attr-defined]
    argparse.ngettext = _ngettext  # type: ignore[attr-defined]
    # Not needed at run time: this call is here so that scripts/i18n.py extracts the plural.
    i18n.ngettext("expected %s argument", "expected %s arguments", 2)
