"""A package with anything wrong is refused whole: every problem is reported at once, each
with its JSON path and a Danish sentence, and nothing is stored."""

from __future__ import annotations

import copy
import json

import pytest
from package_support import as_bytes, export_bytes, new_database, row_counts, small_meeting

from visitation_app.domain.package_paths import PackageError
from visitation_app.services.meeting_package_import import import_package, import_package_file


@pytest.fixture(scope="module")
def package(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("source")
    db = new_database(folder, "source.db")
    small = small_meeting(db)
    data = export_bytes(db, small.meeting_id, folder)
    db.close()
    return json.loads(data)


def case_item(document: dict) -> dict:
    return next(item for item in document["items"] if item["kind"] == "case")


def refused(db, data: bytes) -> dict[str, str]:
    """The problems of a refused import by path; asserts that nothing was stored."""
    before = row_counts(db)
    with pytest.raises(PackageError) as caught:
        import_package(db, data)
    assert row_counts(db) == before
    return {problem.path: problem.message for problem in caught.value.problems}


def mutated(package: dict, change) -> bytes:
    document = copy.deepcopy(package)
    change(document)
    return as_bytes(document)


CASES = [
    (
        "impossible date",
        lambda d: d["meeting"].update(meeting_date="2026-02-30"),
        "$.meeting.meeting_date",
        "ikke en gyldig dato",
    ),
    (
        "year out of range",
        lambda d: d["meeting"].update(meeting_date="1850-01-01"),
        "$.meeting.meeting_date",
        "1850",
    ),
    (
        "CPR with no real birth date",
        lambda d: d["cases"][0].update(cpr="320150-4321"),
        "$.cases[0].cpr",
        "fødselsdato",
    ),
    (
        "unknown legal basis",
        lambda d: case_item(d)["decision"].update(legal_basis_key="SEL-999"),
        "$.items[0].decision.legal_basis_key",
        "SEL-999",
    ),
    (
        "unknown tariff",
        lambda d: case_item(d)["decision"].update(tariff_key="guldtoilet"),
        "$.items[0].decision.tariff_key",
        "guldtoilet",
    ),
    (
        "unknown type of case",
        lambda d: d["cases"][0].update(case_type="månerejse"),
        "$.cases[0].case_type",
        "månerejse",
    ),
    (
        "unknown outcome",
        lambda d: case_item(d)["decision"].update(outcome="måske"),
        "$.items[0].decision.outcome",
        "måske",
    ),
    (
        "wrong type",
        lambda d: d["meeting"].update(title=42),
        "$.meeting.title",
        "tekst",
    ),
    (
        "missing field",
        lambda d: d["participants"][0].pop("role"),
        "$.participants[0].role",
        "mangler",
    ),
    (
        "unknown field",
        lambda d: d["meeting"].update(colour="blå"),
        "$.meeting.colour",
        "Ukendt felt",
    ),
    (
        "reference to a uid not in the package",
        lambda d: d["actions"][0].update(item="00000000-0000-4000-8000-000000000000"),
        "$.actions[0].item",
        "00000000-0000-4000-8000-000000000000",
    ),
    (
        "an item's case missing from the package",
        lambda d: d["cases"].clear(),
        "$.items[0].case",
        "sag",
    ),
    (
        "a short text of 100,000 characters",
        lambda d: d["participants"][1].update(name="Ø" * 100_000),
        "$.participants[1].name",
        "100000",
    ),
    (
        "money as kroner with decimals",
        lambda d: d["cases"][0].update(expected_annual_cost_ore=12345.5),
        "$.cases[0].expected_annual_cost_ore",
        "helt tal",
    ),
    (
        "a case of another committee area",
        lambda d: d["cases"][0].update(area="children"),
        "$.cases[0].area",
        "andet område",
    ),
    (
        "a review date before the decision takes effect",
        lambda d: case_item(d)["decision"].update(
            valid_from="2027-01-01", review_date="2026-12-31"
        ),
        "$.items[0].decision.review_date",
        "opfølgningsdato",
    ),
    (
        "an assessment area FSIII does not have",
        lambda d: d["cases"][0]["assessments"][0].update(domain_key="astrology"),
        "$.cases[0].assessments[0].domain_key",
        "astrology",
    ),
    (
        "a citizen who cannot be disqualified",
        lambda d: d["participants"][2].update(role="citizen"),
        "$.items[0].conflicts[0].participant",
        "inhabil",
    ),
    (
        "a moment without a time zone",
        lambda d: case_item(d)["decision"].update(finalised_at="2026-12-03T09:00:00"),
        "$.items[0].decision.finalised_at",
        "tidszone",
    ),
]


@pytest.mark.parametrize(("name", "change", "path", "words"), CASES, ids=[c[0] for c in CASES])
def test_each_problem_is_reported_at_its_path(db, package, name, change, path, words):
    problems = refused(db, mutated(package, change))
    assert path in problems, problems
    assert words.lower() in problems[path].lower(), problems[path]


def test_a_file_with_more_records_than_any_meeting_is_refused_at_once(db, package):
    def change(document):
        document["participants"] *= 6000

    problems = refused(db, mutated(package, change))
    assert list(problems) == ["$"] and "5000" in problems["$"]


def test_a_duplicated_uid_is_reported_where_it_comes_again(db, package):
    def change(document):
        document["participants"][1]["uid"] = document["participants"][0]["uid"]

    problems = refused(db, mutated(package, change))
    assert "$.participants[1].uid" in problems
    assert "$.participants[0]" in problems["$.participants[1].uid"]


def test_a_field_given_twice_in_the_file_is_refused(db, package):
    text = json.dumps(package, ensure_ascii=False)
    text = text.replace('"title": ', '"title": "Skjult titel", "title": ', 1)
    problems = refused(db, text.encode("utf-8"))
    assert any(path.endswith(".title") for path in problems)


def test_every_problem_is_collected_before_anything_is_decided(db, package):
    def change(document):
        document["meeting"]["meeting_date"] = "2026-13-01"
        document["cases"][0]["cpr"] = "0101501234"
        case_item(document)["decision"]["legal_basis_key"] = "SEL-999"
        document["actions"][1]["done"] = "ja"
        document["items"][1]["time_box_minutes"] = 0

    problems = refused(db, mutated(package, change))
    assert {
        "$.meeting.meeting_date",
        "$.cases[0].cpr",
        "$.items[0].decision.legal_basis_key",
        "$.actions[1].done",
        "$.items[1].time_box_minutes",
    } <= set(problems)


def test_a_newer_version_is_refused_with_one_clear_sentence(db, package):
    problems = refused(db, mutated(package, lambda d: d.update(version=2, novelty=[1, 2])))
    assert list(problems) == ["$.version"]
    assert "nyere version" in problems["$.version"]
    assert "Opdatér programmet" in problems["$.version"]


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "JSON"),
        (b"{not json", "JSON"),
        (b"\xff\xfe\x00", "UTF-8"),
        (b"[1, 2, 3]", "JSON-objekt"),
        (b'{"format": "something-else", "version": 1}', "ikke en mødepakke"),
        (b'{"format": "visitation-meeting-package", "version": NaN}', "JSON"),
        (b"[" * 100_000 + b"]" * 100_000, "dybt"),
        (
            b'{"format": "visitation-meeting-package", "version": 1, "meeting": '
            + b'{"a": ' * 50
            + b"1"
            + b"}" * 51,
            "dybt",
        ),
    ],
)
def test_what_is_not_a_package_at_all(db, data, words):
    problems = refused(db, data)
    assert any(words.lower() in message.lower() for message in problems.values()), problems


def test_control_characters_are_dropped_and_emoji_kept(db, package):
    def change(document):
        document["meeting"]["title"] = "Møde\x07 om 🙂 hjælp\u200b"
        document["cases"][0]["summary"] = "Linje 1\r\nLinje 2\x00"

    report = import_package(db, mutated(package, change))
    from visitation_app.services.cases import list_cases
    from visitation_app.services.meetings import get_meeting

    assert get_meeting(db, report.meeting_id).title == "Møde om 🙂 hjælp\u200b"
    assert list_cases(db)[0].summary == "Linje 1\nLinje 2"


def test_a_missing_file_is_a_sentence(db, tmp_path):
    with pytest.raises(PackageError, match="Der er ingen fil"):
        import_package_file(db, tmp_path / "findes-ikke.json")
