"""The package's JSON Schema (resources/schema/meeting_package.schema.json, draft 2020-12):
checked with `jsonschema`, each violation told as a sentence at its JSON path."""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError as SchemaViolation

from visitation_app.assets import get_asset
from visitation_app.domain.package_paths import PackageProblem, child, json_path, shown_value
from visitation_app.i18n import _

SCHEMA_FILE = ("schema", "meeting_package.schema.json")


@functools.cache
def package_schema() -> dict[str, Any]:
    return json.loads(get_asset(*SCHEMA_FILE).read_text(encoding="utf-8"))


def _inlined(node: Any, definitions: dict[str, Any]) -> Any:
    """`node` with every local `$ref` replaced by what it names (the schema has no cycles):
    resolving references as it validates makes jsonschema several times slower."""
    if isinstance(node, dict):
        reference = node.get("$ref")
        if isinstance(reference, str) and reference.startswith("#/$defs/"):
            return _inlined(definitions[reference.removeprefix("#/$defs/")], definitions)
        return {key: _inlined(value, definitions) for key, value in node.items()}
    if isinstance(node, list):
        return [_inlined(value, definitions) for value in node]
    return node


@functools.cache
def _validator() -> Draft202012Validator:
    schema = package_schema()
    definitions = schema.get("$defs", {})
    flat = {key: _inlined(value, definitions) for key, value in schema.items() if key != "$defs"}
    return Draft202012Validator(flat)


def _kind_of(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return _("true or false")
    if isinstance(value, int):
        return _("a whole number")
    if isinstance(value, float):
        return _("a decimal number")
    if isinstance(value, str):
        return _("a text")
    if isinstance(value, list):
        return _("a list")
    return _("an object")


def _type_name(name: str) -> str:
    names = {
        "string": _("a text"),
        "integer": _("a whole number"),
        "number": _("a number"),
        "boolean": _("true or false"),
        "object": _("an object"),
        "array": _("a list"),
        "null": "null",
    }
    return names.get(name, name)


def _pattern_message(violation: SchemaViolation) -> str:
    value = shown_value(violation.instance, 40)
    kind = violation.schema.get("title") if isinstance(violation.schema, dict) else None
    messages = {
        "uid": _("{value} is not a uid (a UUID written in lower case)."),
        "date": _("{value} is not a date written as YYYY-MM-DD."),
        "moment": _(
            "{value} is not a moment with its time zone, such as 2026-12-03T09:15:00+00:00."
        ),
        "clock": _("{value} is not a time of day written as HH:MM."),
        "quantity": _(
            '{value} is not a number with at most two decimals written as text, such as "2.50".'
        ),
        "cpr": _("A CPR number has ten digits, written as DDMMÅÅ-XXXX."),
        "pdf": _("The approved minutes are not written in base64."),
    }  # fmt: skip
    return messages.get(kind, _("{value} is not written as the format requires.")).format(
        value=value
    )


def _problems(violation: SchemaViolation) -> Iterator[PackageProblem]:
    path = json_path(violation.absolute_path)
    keyword, instance, rule = violation.validator, violation.instance, violation.validator_value
    if keyword == "required" and isinstance(instance, dict):
        for name in rule:
            if name not in instance:
                yield PackageProblem(child(path, name), _("The field is missing."))
        return
    if keyword == "additionalProperties" and isinstance(instance, dict):
        known = violation.schema.get("properties", {})
        for name in instance:
            if name not in known:
                yield PackageProblem(
                    child(path, name),
                    _("Unknown field: this version of the program does not know it."),
                )
        return
    if keyword == "type":
        wanted = rule if isinstance(rule, list) else [rule]
        message = _("Expected {expected}, not {actual}.").format(
            expected=_(" or ").join(_type_name(name) for name in wanted),
            actual=_kind_of(instance),
        )
    elif keyword == "enum":
        message = _("{value} is not one of the allowed values: {choices}.").format(
            value=shown_value(instance, 40),
            choices=", ".join(shown_value(choice) for choice in rule),
        )
    elif keyword == "const":
        message = _("Expected {value}.").format(value=shown_value(rule))
    elif keyword == "pattern":
        message = _pattern_message(violation)
    elif keyword == "minLength":
        message = _("This must not be empty.")
    elif keyword == "maxLength":
        message = _("The text is too long ({length} characters); at most {limit} fit.").format(
            length=len(instance), limit=rule
        )
    elif keyword == "minimum":
        message = _("The number must be at least {limit}.").format(limit=rule)
    elif keyword == "maximum":
        message = _("The number must be at most {limit}.").format(limit=rule)
    elif keyword == "maxItems":
        message = _("The list has {count} entries; at most {limit} fit.").format(
            count=len(instance), limit=rule
        )
    else:
        message = _("The value does not fit the package format (see docs/meeting-package.md).")
    yield PackageProblem(path, message)


def schema_problems(document: Any, limit: int) -> list[PackageProblem]:
    """Every way `document` breaks the schema (at most `limit`), in document order."""
    found: dict[PackageProblem, None] = {}
    for violation in _validator().iter_errors(document):
        for problem in _problems(violation):
            found.setdefault(problem, None)
        if len(found) >= limit:
            break
    return list(found)
