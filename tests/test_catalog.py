"""The reference catalog: which legal bases apply when, and municipality override files."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from visitation_app.catalog import load_catalog

D = dt.date


@pytest.fixture
def catalog(tmp_path):
    return load_catalog(tmp_path)


def keys_for(catalog, area, on):
    return {basis.key for basis in catalog.bases_for(area, on)}


def test_shipped_files_load_without_problems(catalog):
    assert catalog.problems == []
    assert len(catalog.legal_bases) > 40
    assert all(deadline.is_default for deadline in catalog.deadlines.values())


@pytest.mark.parametrize(
    ("area", "on", "present", "absent"),
    [
        ("elderly", D(2025, 6, 30), {"SEL-83-1-1", "SEL-83-1-2", "SEL-86-1"}, {"AEL-10"}),
        # From 1 July 2025 both laws are offered; the citizen's age decides (services/legal.py).
        ("elderly", D(2025, 7, 1), {"AEL-10", "AEL-16", "SEL-83-1-2"}, {"SEL-85"}),
        ("elderly", D(2026, 1, 1), {"AEL-10", "SEL-112", "SEL-83a"}, {"BL-46"}),
        ("adult_disability", D(2025, 7, 1), {"SEL-83-1-2", "SEL-85", "AEL-10"}, {"BL-46"}),
        ("adult_disability", D(2025, 6, 30), {"SEL-83-1-2"}, {"AEL-10"}),
        ("adult_disability", D(2030, 1, 1), {"SEL-83-1-1", "SEL-86-2"}, {"BL-46"}),
        ("children", D(2023, 12, 31), set(), {"BL-46", "SEL-85"}),
        ("children", D(2024, 1, 1), {"BL-46", "BL-47", "BL-20-23"}, {"SEL-83-1-2"}),
    ],
)
def test_bases_valid_for_area_and_date(catalog, area, on, present, absent):
    keys = keys_for(catalog, area, on)
    assert present <= keys
    assert not absent & keys


@pytest.mark.parametrize(
    ("key", "successor"),
    [
        ("SEL-83-1-1", "AEL-10"),
        ("SEL-83-1-2", "AEL-10"),
        ("SEL-83a", "AEL-13"),
        ("SEL-83b", "AEL-14"),
        ("SEL-84-1", "AEL-16"),
        ("SEL-84-2", "AEL-16"),
        ("SEL-86-1", "AEL-17"),
        ("SEL-86-2", "AEL-17"),
    ],
)
def test_serviceloven_names_its_aeldreloven_successor(catalog, key, successor):
    """SEL §§ 83, 83 a, 83 b, 84, 86 → ÆL §§ 10, 13, 14, 16, 17 for pension-age citizens."""
    assert catalog.basis(key).superseded_by == (successor,)
    assert catalog.basis(successor).valid_from == D(2025, 7, 1)
    # Both laws are offered in the adult areas; the citizen's age decides (services/legal.py).
    assert catalog.basis(key).is_valid("elderly", D(2026, 1, 1))
    assert catalog.basis(successor).is_valid("adult_disability", D(2026, 1, 1))


@pytest.mark.parametrize(
    ("key", "citation"),
    [
        ("SEL-83-1-2", "Serviceloven § 83, stk. 1, nr. 2"),
        ("SEL-84-1", "Serviceloven § 84, stk. 1"),
        ("SEL-85", "Serviceloven § 85"),
        ("SEL-83a", "Serviceloven § 83 a"),
        ("BL-46", "Barnets Lov § 46"),
        ("BL-20-23", "Barnets Lov §§ 20–23"),
        ("AEL-10", "Ældreloven § 10"),
    ],
)
def test_citation(catalog, key, citation):
    assert catalog.basis(key).citation == citation


def test_unconfirmed_items_are_marked(catalog):
    assert catalog.basis("SEL-96").confirmed is False
    assert catalog.basis("SEL-85").confirmed is True


def test_override_replaces_a_deadline_and_adds_one(tmp_path):
    shipped = load_catalog(tmp_path).deadline("practical_help")
    override = [
        {"key": "practical_help", "name": "Praktisk hjælp", "area": "elderly", "days": 10},
        {"key": "stair_lift", "name": "Trappelift", "area": "elderly", "days": 42},
    ]
    (tmp_path / "processing_deadlines.json").write_text(json.dumps(override), encoding="utf-8")
    catalog = load_catalog(tmp_path)
    assert catalog.problems == []
    assert shipped.days != 10
    assert catalog.deadline("practical_help").days == 10
    assert catalog.deadline("practical_help").is_default is False
    assert catalog.deadline("stair_lift").days == 42
    assert catalog.deadline("meal_service").is_default is True


def test_override_adds_a_legal_basis(tmp_path):
    basis = {"key": "SEL-102", "law": "SEL", "law_name": "Serviceloven", "paragraph": "102",
             "name": "Behandling", "areas": ["adult_disability"]}  # fmt: skip
    (tmp_path / "legal_bases.json").write_text(json.dumps({"entries": [basis]}), "utf-8")
    catalog = load_catalog(tmp_path)
    assert catalog.problems == []
    assert "SEL-102" in keys_for(catalog, "adult_disability", D(2026, 3, 1))
    assert "SEL-85" in catalog.legal_bases


GOOD_DEADLINE = {"key": "practical_help", "name": "Praktisk hjælp", "area": "elderly", "days": 5}
GOOD_BASIS = {"key": "SEL-85", "law": "SEL", "law_name": "Serviceloven", "paragraph": "85",
              "name": "Socialpædagogisk bistand", "areas": ["adult_disability"]}  # fmt: skip


@pytest.mark.parametrize(
    ("file", "content", "location", "words"),
    [
        ("processing_deadlines.json", '[\n  {"key": "x",\n  "days": }\n]', "linje 3", "JSON"),
        ("processing_deadlines.json", [GOOD_DEADLINE | {"dage": 3}], "entries[0].dage",
         "Ukendt felt"),
        ("processing_deadlines.json", [{"key": "practical_help", "name": "P", "days": 5}],
         "entries[0].area", "mangler"),
        ("processing_deadlines.json", [GOOD_DEADLINE, GOOD_DEADLINE], "entries[1].key",
         "to gange"),
        ("processing_deadlines.json", [GOOD_DEADLINE | {"area": "elderly_care"}],
         "entries[0].area", "Ukendt område"),
        ("processing_deadlines.json", [GOOD_DEADLINE | {"days": 0}], "entries[0].days", "tal"),
        ("legal_bases.json", [GOOD_BASIS | {"valid_from": "2025-13-01"}],
         "entries[0].valid_from", "ikke en dato"),
        ("legal_bases.json", [GOOD_BASIS | {"valid_from": "2025-07-01", "valid_to": "2025-06-30"}],
         "entries[0].valid_to", "før"),
        ("legal_bases.json", [GOOD_BASIS | {"areas": ["adult_disability", "pets"]}],
         "entries[0].areas[1]", "Ukendt område"),
        ("legal_bases.json", {"entries": [GOOD_BASIS, GOOD_BASIS]}, "entries[1].key", "to gange"),
    ],
)  # fmt: skip
def test_broken_override_is_reported_and_the_shipped_file_used(
    tmp_path, file, content, location, words
):
    text = content if isinstance(content, str) else json.dumps(content)
    (tmp_path / file).write_text(text, encoding="utf-8")
    catalog = load_catalog(tmp_path)
    assert len(catalog.problems) == 1
    problem = catalog.problems[0]
    assert problem.file.endswith(file)
    assert location in problem.location
    assert words in problem.message
    assert str(problem).startswith(str(tmp_path / file))
    shipped = load_catalog(tmp_path / "nothing-here")
    assert catalog.deadlines == shipped.deadlines
    assert catalog.legal_bases == shipped.legal_bases


@pytest.mark.parametrize(
    "entry",
    [
        '{"key": "x", "name": "X", "area": ["elderly"], "days": 5}',
        '{"key": "x", "name": "X", "area": {"a": 1}, "days": 5}',
        '{"key": ["x"], "name": "X", "area": "elderly", "days": 5}',
        '{"key": "x", "name": 7, "area": "elderly", "days": 5}',
    ],
)
def test_values_of_the_wrong_shape_are_reported_not_crashed_on(tmp_path, entry):
    (tmp_path / "processing_deadlines.json").write_text(f"[{entry}]", encoding="utf-8")
    catalog = load_catalog(tmp_path)
    assert catalog.problems
    assert all("processing_deadlines.json" in str(problem) for problem in catalog.problems)
    assert "personal_care" in catalog.deadlines and "x" not in catalog.deadlines
