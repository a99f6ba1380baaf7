"""Tariffs (takster) in the catalog: shipped examples, yearly versions, municipality files."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from visitation_app.catalog import TARIFFS_FILE, TariffUnit, load_catalog
from visitation_app.i18n import set_language

D = dt.date


@pytest.fixture
def shipped(tmp_path):
    return load_catalog(tmp_path / "no-municipality-files")


def write(folder, name, content):
    text = content if isinstance(content, str) else json.dumps(content, ensure_ascii=False)
    (folder / name).write_text(text, encoding="utf-8")


def tariff(key="practical_help", price=45000, valid_from="2026-01-01", **fields):
    return {"key": key, "service": "Praktisk hjælp", "unit": "hour", "price_ore": price,
            "valid_from": valid_from, "areas": ["elderly"]} | fields  # fmt: skip


def test_shipped_tariffs_load_without_problems(shipped):
    assert shipped.problems == []
    versions = [version for versions in shipped.tariffs.values() for version in versions]
    assert len(versions) >= 40
    assert all(version.is_default for version in versions)
    assert all(isinstance(version.price_ore, int) and version.price_ore > 0 for version in versions)
    for key, versions in shipped.tariffs.items():
        assert [version.valid_from for version in versions] == [D(2025, 1, 1), D(2026, 1, 1)], key
        assert versions[1].price_ore >= versions[0].price_ore, key


def test_shipped_tariffs_cover_every_area_and_unit(shipped):
    on = D(2026, 3, 1)
    for area, expected in (
        ("elderly", {"personal_care", "practical_help", "meal_service", "nursing_home"}),
        ("adult_disability", {"socio_educational_support", "escort_scheme", "personal_assistance",
                              "temporary_residence", "long_term_residence", "day_activity"}),
        ("children", {"family_treatment", "child_respite", "foster_family", "residential_home",
                      "lost_earnings"}),
    ):  # fmt: skip
        assert expected <= {found.key for found in shipped.tariffs_for(area, on)}, area
    units = {versions[0].unit for versions in shipped.tariffs.values()}
    assert units == set(TariffUnit)
    home_help = shipped.tariff("practical_help", on)
    assert 40000 <= home_help.price_ore <= 50000
    assert home_help.unit is TariffUnit.HOUR


@pytest.mark.parametrize(
    ("on", "year"),
    [
        (D(2024, 12, 31), None),
        (D(2025, 1, 1), 2025),
        (D(2025, 12, 31), 2025),
        (D(2026, 1, 1), 2026),
        (D(2031, 6, 1), 2026),
    ],
)
def test_the_price_in_force_changes_on_1_january(shipped, on, year):
    found = shipped.tariff("personal_care", on)
    if year is None:
        assert found is None
    else:
        assert found.valid_from == D(year, 1, 1)
        assert found.price_ore == {2025: 46800, 2026: 48200}[year]


def test_unknown_tariff_key_is_none(shipped):
    assert shipped.tariff("no_such_service", D(2026, 1, 1)) is None


def test_tariffs_for_an_area_gives_one_version_per_service_sorted_by_service(shipped):
    children = shipped.tariffs_for("children", D(2025, 12, 31))
    keys = [found.key for found in children]
    assert len(keys) == len(set(keys))
    assert "practical_help" not in keys
    assert "family_treatment" in keys
    assert all(found.valid_from == D(2025, 1, 1) for found in children)
    services = [found.service.casefold() for found in children]
    assert services == sorted(services)
    assert shipped.tariffs_for("children", D(2024, 6, 1)) == []


def test_municipality_file_replaces_a_yearly_price_and_adds_versions_and_services(tmp_path):
    write(tmp_path, TARIFFS_FILE, {"description": "Vores takster", "entries": [
        tariff("practical_help", 45500, "2026-01-01"),
        tariff("practical_help", 46900, "2027-01-01"),
        tariff("cleaning_extra", 39000, "2026-07-01", service="Ekstra rengøring"),
    ]})  # fmt: skip
    catalog = load_catalog(tmp_path)
    assert catalog.problems == []
    versions = catalog.tariffs["practical_help"]
    assert [version.valid_from for version in versions] == [
        D(2025, 1, 1), D(2026, 1, 1), D(2027, 1, 1)
    ]  # fmt: skip
    assert [version.is_default for version in versions] == [True, False, False]
    assert catalog.tariff("practical_help", D(2025, 12, 31)).price_ore == 43100
    assert catalog.tariff("practical_help", D(2026, 1, 1)).price_ore == 45500
    assert catalog.tariff("practical_help", D(2027, 1, 1)).price_ore == 46900
    assert catalog.tariff("cleaning_extra", D(2026, 6, 30)) is None
    assert catalog.tariff("cleaning_extra", D(2026, 7, 1)).price_ore == 39000
    elderly = [found.key for found in catalog.tariffs_for("elderly", D(2026, 7, 1))]
    assert elderly.index("cleaning_extra") < elderly.index("practical_help")
    assert catalog.tariff("personal_care", D(2026, 1, 1)).is_default is True


@pytest.mark.parametrize(
    ("bad", "location", "words"),
    [
        (tariff(pris=45000), "entries[2].pris", "Ukendt felt"),
        ({k: v for k, v in tariff().items() if k != "unit"}, "entries[2].unit", "mangler"),
        (tariff(unit="hours"), "entries[2].unit", 'Ukendt enhed "hours"'),
        (tariff(price=450.5), "entries[2].price_ore",
         "hele øre uden decimaler: 450,50 kr. er 45050"),
        (tariff(price=-100), "entries[2].price_ore", "helt antal øre"),
        (tariff(price="450"), "entries[2].price_ore", "helt antal øre"),
        (tariff(price=True), "entries[2].price_ore", "helt antal øre"),
        (tariff(valid_from="2026-02-30"), "entries[2].valid_from", "ikke en dato"),
        (tariff(valid_from=None), "entries[2].valid_from", '"null" er ikke en dato'),
        (tariff(areas=["elderly", "seniors"]), "entries[2].areas[1]", "Ukendt område"),
        (tariff(areas=[]), "entries[2].areas", "mindst ét område"),
        (tariff(service=" "), "entries[2].service", "tom"),
        (tariff("meal_service", valid_from="2025-01-01"), "entries[2].valid_from",
         'Nøglen "meal_service" har allerede en pris gældende fra 2025-01-01'),
    ],
)  # fmt: skip
def test_a_wrong_entry_is_reported_and_the_shipped_tariffs_used(
    tmp_path, shipped, bad, location, words
):
    good = [tariff("meal_service", 9900, "2025-01-01"), tariff("meal_service", 9950, "2026-01-01")]
    write(tmp_path, TARIFFS_FILE, {"entries": [*good, bad]})
    catalog = load_catalog(tmp_path)
    assert len(catalog.problems) == 1
    problem = catalog.problems[0]
    assert problem.file == str(tmp_path / TARIFFS_FILE)
    assert problem.location == location
    assert words in problem.message
    assert str(problem).startswith(f"{tmp_path / TARIFFS_FILE}, {location}: ")
    assert catalog.tariffs == shipped.tariffs
    assert catalog.legal_bases == shipped.legal_bases


def test_invalid_json_in_the_tariffs_file_is_reported_with_its_line(tmp_path, shipped):
    write(tmp_path, TARIFFS_FILE, '{"entries": [\n  {"key": "x",\n   "price_ore": 450,50}\n]}')
    catalog = load_catalog(tmp_path)
    assert [problem.location for problem in catalog.problems] == ["linje 3, kolonne 21"]
    assert catalog.tariffs == shipped.tariffs


def test_a_decimal_price_is_explained_in_english_too(tmp_path):
    set_language("en")
    write(tmp_path, TARIFFS_FILE, [tariff(price=450.5)])
    (problem,) = load_catalog(tmp_path).problems
    assert problem.message == (
        "Amounts are written in whole øre, without decimals: 450.50 kr. is 45050."
    )


def test_a_broken_tariffs_file_leaves_the_legal_catalog_alone(tmp_path, shipped):
    basis = {"key": "SEL-102", "law": "SEL", "law_name": "Serviceloven", "paragraph": "102",
             "name": "Behandling", "areas": ["adult_disability"]}  # fmt: skip
    write(tmp_path, "legal_bases.json", [basis])
    write(tmp_path, TARIFFS_FILE, [tariff(unit="time")])
    catalog = load_catalog(tmp_path)
    assert [problem.location for problem in catalog.problems] == ["entries[0].unit"]
    assert "SEL-102" in catalog.legal_bases
    assert catalog.deadlines == shipped.deadlines
    assert catalog.tariffs == shipped.tariffs


def test_a_broken_legal_file_leaves_the_municipality_tariffs_in_use(tmp_path, shipped):
    write(tmp_path, "legal_bases.json", "[{")
    write(tmp_path, "processing_deadlines.json", [{"key": "x", "name": "X", "area": "elderly"}])
    write(tmp_path, TARIFFS_FILE, [tariff(price=47700)])
    catalog = load_catalog(tmp_path)
    assert {problem.file for problem in catalog.problems} == {
        str(tmp_path / "legal_bases.json"), str(tmp_path / "processing_deadlines.json")
    }  # fmt: skip
    assert catalog.legal_bases == shipped.legal_bases
    assert catalog.tariff("practical_help", D(2026, 5, 1)).price_ore == 47700
    assert catalog.tariff("practical_help", D(2026, 5, 1)).is_default is False
