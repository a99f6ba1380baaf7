"""Where in a meeting package something is wrong: JSON paths such as `$.items[2].decision.outcome`,
and the problem found there, as a sentence."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from visitation_app.domain.errors import UserError

PathPart = str | int

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
SHOWN_LIMIT = 60


def json_path(parts: Iterable[PathPart]) -> str:
    """`$.items[2].decision.outcome`; a key that is not a plain name is quoted (ASCII only),
    so a path made from a hostile file is still safe to print and to copy."""
    text = "$"
    for part in parts:
        if isinstance(part, int) and not isinstance(part, bool):
            text += f"[{part}]"
        elif isinstance(part, str) and _NAME.match(part):
            text += f".{part}"
        else:
            text += f"[{json.dumps(str(part)[:SHOWN_LIMIT])}]"
    return text


def child(path: str, part: PathPart) -> str:
    """The path of `part` inside the value at `path`."""
    return json_path([part]).replace("$", path, 1)


def shown_value(value: object, limit: int = SHOWN_LIMIT) -> str:
    """A value from a package as it may be quoted in a message: JSON, shortened, printable.

    Control characters and lone surrogates (which no terminal can print) become escapes.
    """
    try:
        text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    except (TypeError, ValueError):
        text = repr(value)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return "".join(_printable(character) for character in text)


def _printable(character: str) -> str:
    if unicodedata.category(character) in {"Cc", "Cs", "Co", "Cn"}:
        return f"\\u{ord(character):04x}"
    return character


@dataclass(frozen=True)
class PackageProblem:
    """One thing wrong in a package: where (a JSON path, or "" for the file as a whole)
    and a sentence saying what is wrong."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class PackageError(UserError):
    """A meeting package that cannot be read or imported: every problem found, each with
    its path. Nothing was imported. `str()` gives one problem per line."""

    def __init__(self, problems: list[PackageProblem] | str) -> None:
        if isinstance(problems, str):
            problems = [PackageProblem("", problems)]
        self.problems = list(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))
