"""Reading a meeting package: the file, its encryption, its format and version, the schema
and the checks beyond it. Every problem is collected (each with its JSON path) before
anything is decided; a package with any problem raises PackageError and nothing else.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

from visitation_app.domain.package_format import FORMAT, VERSION
from visitation_app.domain.package_paths import (
    PackageError,
    PackageProblem,
    child,
    shown_value,
)
from visitation_app.i18n import _
from visitation_app.services.legal import current_catalog
from visitation_app.services.meeting_package_checks import check_document
from visitation_app.services.meeting_package_schema import schema_problems
from visitation_app.services.package_crypto import decrypt_package, is_encrypted_envelope
from visitation_app.store import cipher

MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 24
MAX_PROBLEMS = 1000
MAX_OBJECTS = 5000


class _Object(dict):
    """A JSON object that remembers the keys it was given more than once."""

    duplicated: tuple[str, ...] = ()


def _object(pairs: list[tuple[str, Any]]) -> _Object:
    result = _Object(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        twice = []
        for key, _value in pairs:
            if key in seen:
                twice.append(key)
            seen.add(key)
        result.duplicated = tuple(twice)
    return result


def _no_constant(name: str) -> Any:
    raise ValueError(name)


def read_package_file(path: str | os.PathLike[str]) -> bytes:
    """The bytes of a package file, or PackageError saying why it cannot be read."""
    target = Path(path).expanduser()
    if cipher.is_open_here(target):  # reading it from Python would drop SQLite's locks
        raise PackageError(
            _("{path} is the database itself, not a meeting package.").format(path=target)
        )
    try:
        if target.is_dir():
            raise PackageError(_("{path} is a folder, not a package file.").format(path=target))
        with target.open("rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise PackageError(_("There is no file {path}.").format(path=target)) from None
    except OSError as error:
        raise PackageError(
            _("The file {path} cannot be read: {reason}").format(
                path=target, reason=error.strerror or error
            )
        ) from None
    return data


def parse_json(data: bytes) -> Any:
    """The JSON value in `data`; PackageError when it is not JSON this program reads."""
    if len(data) > MAX_FILE_BYTES:
        raise PackageError(
            _("The file is larger than {size} MB; no meeting package is that large.").format(
                size=MAX_FILE_BYTES // (1024 * 1024)
            )
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise PackageError(_("The file is not a meeting package: it is not UTF-8 text.")) from None
    try:
        return json.loads(text, object_pairs_hook=_object, parse_constant=_no_constant)
    except json.JSONDecodeError as error:
        raise PackageError(
            _("The file is not valid JSON (line {line}, column {column}): {reason}.").format(
                line=error.lineno, column=error.colno, reason=error.msg
            )
        ) from None
    except RecursionError:
        raise PackageError(_("The file is nested too deeply to be a meeting package.")) from None
    except ValueError:  # NaN, Infinity, or a number of thousands of digits
        raise PackageError(
            _("The file is not valid JSON: it holds a number no package has.")
        ) from None


def needs_passphrase(data: bytes) -> bool:
    """Whether `data` is an encrypted package, so a passphrase is needed to open it."""
    try:
        return is_encrypted_envelope(parse_json(data))
    except PackageError:
        return False


def _structure_problems(document: Any) -> list[PackageProblem]:
    """Keys given twice in one object, nesting deeper than any package has, and more
    objects than any meeting has."""
    problems: list[PackageProblem] = []
    stack: list[tuple[Any, str, int]] = [(document, "$", 0)]
    objects = 0
    while stack:
        value, path, depth = stack.pop()
        objects += isinstance(value, dict)
        if objects > MAX_OBJECTS:
            message = _("The file holds more than {count} records; no meeting has that many.")
            return [PackageProblem("$", message.format(count=MAX_OBJECTS))]
        if depth > MAX_DEPTH:
            problems.append(PackageProblem(path, _("Nested too deeply for a meeting package.")))
            continue
        if isinstance(value, _Object):
            for key in value.duplicated:
                problems.append(
                    PackageProblem(child(path, key), _("The field is given more than once."))
                )
        if isinstance(value, dict):
            stack.extend((v, child(path, k), depth + 1) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((v, child(path, i), depth + 1) for i, v in enumerate(value))
    return problems


def _check_header(document: Any) -> None:
    """The file is a package of a version this program reads; otherwise one clear error."""
    if not isinstance(document, dict):
        raise PackageError([PackageProblem("$", _("Expected a meeting package: a JSON object."))])
    if document.get("format") != FORMAT:
        raise PackageError(
            [
                PackageProblem(
                    "$.format",
                    _('This is not a visitation meeting package (expected "{format}").').format(
                        format=FORMAT
                    ),
                )
            ]
        )
    version = document.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise PackageError(
            [
                PackageProblem(
                    "$.version",
                    _("{value} is not a version of the package format.").format(
                        value=shown_value(version)
                    ),
                )
            ]
        )
    if version > VERSION:
        raise PackageError(
            [
                PackageProblem(
                    "$.version",
                    _(
                        "The package was made by a newer version of the program (format "
                        "version {version}; this program reads up to version {known}). "
                        "Update the program to import it."
                    ).format(version=version, known=VERSION),
                )
            ]
        )


def _path_key(problem: PackageProblem) -> list[tuple[int, int | str]]:
    """Sorts `$.items[10]` after `$.items[2]`."""
    parts = re.split(r"\[(\d+)\]", problem.path)
    return [(0, int(part)) if index % 2 else (1, part) for index, part in enumerate(parts)]


def check_package(document: Any) -> dict[str, Any]:
    """The package as this program writes it, when `document` has no problem at all;
    PackageError with every problem found otherwise."""
    _check_header(document)
    problems = _structure_problems(document)
    if problems:
        raise PackageError(problems[:MAX_PROBLEMS])
    found = schema_problems(document, MAX_PROBLEMS)
    normal: dict[str, Any] = {}
    if len(found) < MAX_PROBLEMS:
        broken = {problem.path for problem in found}
        more, normal = check_document(document, current_catalog(), broken)
        found.extend(problem for problem in more if problem not in found)
    if found:
        found.sort(key=_path_key)
        if len(found) > MAX_PROBLEMS:
            found = found[:MAX_PROBLEMS] + [
                PackageProblem("", _("There are more problems; only the first are listed."))
            ]
        raise PackageError(found)
    return normal


def open_package(data: bytes, passphrase: str | None = None) -> dict[str, Any]:
    """The checked package in `data` (decrypted with `passphrase` when it is encrypted)."""
    document = parse_json(data)
    if is_encrypted_envelope(document):
        inner = parse_json(decrypt_package(document, passphrase or ""))
        if is_encrypted_envelope(inner):
            raise PackageError(_("The package is encrypted twice; this program cannot open it."))
        document = inner
    return check_package(document)
