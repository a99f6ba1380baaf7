"""Commands of the package work (being written; the parser and dispatcher already call in here)."""

from __future__ import annotations

import argparse


def add_parsers(commands) -> None:  # noqa: ANN001 - argparse's private subparsers type
    """Add this module's commands to the command line."""


def run(args: argparse.Namespace) -> int | None:
    """Run the command if it is one of this module's; None otherwise."""
    return None
