"""The three descriptions of the package agree: the field table the program uses, the JSON
Schema in resources/ and the page in docs/."""

from __future__ import annotations

from pathlib import Path

from jsonschema import Draft202012Validator

from visitation_app.domain.package_records import SECTIONS
from visitation_app.services.meeting_package_codecs import Choice
from visitation_app.services.meeting_package_fields import KINDS
from visitation_app.services.meeting_package_schema import package_schema

DOCS = Path(__file__).resolve().parent.parent / "docs" / "meeting-package.md"


def _sections():
    for section in SECTIONS:
        yield section
        yield from section.children


def test_the_schema_is_a_valid_draft_2020_12_schema():
    Draft202012Validator.check_schema(package_schema())
    assert package_schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_every_record_has_exactly_the_fields_the_program_writes():
    definitions = package_schema()["$defs"]
    for section in _sections():
        definition = definitions[section.kind]
        expected = {"uid"} | {spec.name for spec in KINDS[section.kind].fields}
        expected |= {child.key for child in section.children}
        assert set(definition["properties"]) == expected, section.kind
        assert set(definition["required"]) == expected, section.kind
        assert definition["additionalProperties"] is False


def test_the_schema_offers_exactly_the_codes_of_the_vocabularies():
    definitions = package_schema()["$defs"]
    for section in _sections():
        for spec in KINDS[section.kind].fields:
            if isinstance(spec.codec, Choice):
                codes = [member.value for member in spec.codec.enum]
                if not spec.codec.required:
                    codes.append(spec.codec.empty)
                schema_codes = definitions[section.kind]["properties"][spec.name]["enum"]
                assert schema_codes == codes, (section.kind, spec.name)


def test_the_documentation_names_every_field():
    text = DOCS.read_text(encoding="utf-8")
    for section in _sections():
        assert f"`{section.key}" in text, section.key
        for spec in KINDS[section.kind].fields:
            assert f"`{spec.name}`" in text, (section.kind, spec.name)
