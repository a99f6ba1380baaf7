"""Start-up, in this order: arguments → folders → logging → database → window.

`main()` is the `visitation-app` program and `python -m visitation_app`. A command on the
command line (demo, meetings, agenda, minutes) runs without a window and without Qt;
no command opens the window on the default database or on --db.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from visitation_app import cli, cli_parser
from visitation_app.domain.errors import UserError
from visitation_app.i18n import _, set_language
from visitation_app.logging_setup import configure_logging
from visitation_app.paths import (
    default_database_path,
    ensure_config_dir,
    ensure_data_dir,
    ensure_log_dir,
    log_dir,
)

log = logging.getLogger("visitation_app")


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _prepare_folders(for_window: bool) -> OSError | None:
    """Create the log folder (and for the window the data and settings folders)."""
    try:
        ensure_log_dir()
        if for_window:
            ensure_data_dir()
            ensure_config_dir()
    except OSError as error:
        return error
    return None


def _run_window(db: str | None) -> int:
    """Open the window; Qt is imported only here, so the commands never load it."""
    from visitation_app.ui.app import run_gui

    is_default = db is None
    path = default_database_path() if is_default else Path(db).expanduser()
    return run_gui(path, is_default_path=is_default, argv=[cli_parser.PROG])


def main(argv: Sequence[str] | None = None) -> int:
    """Run the program with `argv` (default: sys.argv[1:]); returns the exit status."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    early_language = cli_parser.language_in(arguments)
    if early_language:
        set_language(early_language)
    try:
        args = cli_parser.parse_arguments(arguments)
    except cli_parser.UsageError as error:
        _say(str(error))
        return 2
    except SystemExit as done:  # --help and --version print and stop here
        return done.code if isinstance(done.code, int) else 0
    if args.lang:
        set_language(args.lang)

    folder_problem = _prepare_folders(for_window=args.command is None)
    log_file = configure_logging(log_dir(), verbose=args.verbose)
    log.info("starting: %s", " ".join(arguments) or "(window)")
    try:
        if folder_problem is not None and args.command is None:
            raise UserError(
                _("Cannot create the folder {folder}: {reason}.").format(
                    folder=folder_problem.filename, reason=folder_problem.strerror
                )
            )
        if args.command is None:
            return _run_window(args.db)
        return cli.run_command(args)
    except UserError as error:
        log.info("stopped by a user error: %s", error)
        _say(str(error))
        return 2 if isinstance(error, cli_parser.UsageError) else 1
    except KeyboardInterrupt:
        log.info("interrupted")
        return 130
    except BrokenPipeError:
        return 1
    except Exception as error:
        log.exception("unexpected error")
        if log_file is not None:
            message = _("Something unexpected went wrong; the details are in the log file {path}.")
            _say(message.format(path=log_file))
        else:
            _say(
                _("Something unexpected went wrong ({error}).").format(
                    error=f"{type(error).__name__}: {error}"
                )
            )
        return 1


if __name__ == "__main__":
    sys.exit(main())
