"""Meeting packages travel whole: export → import into an empty database → export gives the
same bytes, for every demo meeting; and what a package holds (and does not)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from package_support import export_bytes, new_database, row_counts

from visitation_app.domain.package_format import FORMAT, VERSION
from visitation_app.services import minutes as minutes_service
from visitation_app.services.demo import build_demo
from visitation_app.services.meeting_package_import import import_package, import_package_file
from visitation_app.services.meetings import list_meetings
from visitation_app.store.database import open_database


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The demo database and the package of each of its meetings."""
    folder = tmp_path_factory.mktemp("demo")
    db = open_database(folder / "demo.db", create=True)
    build_demo(db, today=dt.date(2026, 12, 3))
    packages = {row.id: export_bytes(db, row.id, folder) for row in list_meetings(db)}
    yield db, packages
    db.close()


def test_every_demo_meeting_comes_back_byte_for_byte(demo, tmp_path):
    source, packages = demo
    target = new_database(tmp_path)
    for meeting_id, data in packages.items():
        report = import_package(target, data)
        assert report.new_meeting and report.conflicts == ()
        assert export_bytes(target, report.meeting_id, tmp_path) == data, meeting_id
    assert len(list_meetings(target)) == len(packages) == 3
    target.close()


def test_the_package_is_sorted_json_without_an_export_time(demo):
    _source, packages = demo
    for data in packages.values():
        document = json.loads(data)
        again = json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        assert data.decode("utf-8") == again
        assert (document["format"], document["version"]) == (FORMAT, VERSION)
        assert "exported_at" not in data.decode("utf-8")


def test_a_second_export_of_an_unchanged_meeting_is_identical(demo, tmp_path):
    source, packages = demo
    for meeting_id, data in packages.items():
        assert export_bytes(source, meeting_id, tmp_path) == data


def test_what_a_package_holds(demo):
    _source, packages = demo
    held = json.loads(packages[1])  # the approved meeting
    assert {"meeting", "participants", "cases", "items", "actions", "events"} <= set(held)
    case = held["cases"][0]
    assert isinstance(case["expected_annual_cost_ore"], int | None)
    assert all(isinstance(a["level"], int | None) for a in case["assessments"])
    decision = next(item["decision"] for item in held["items"] if item["decision"])
    assert decision["extent_quantity"] is None or isinstance(decision["extent_quantity"], str)
    assert decision["finalised_at"].endswith("+00:00")
    assert held["meeting"]["status"] == "approved"
    assert len(held["approved_minutes"]) == 1
    text = packages[1].decode("utf-8")
    for left_out in ("budget_frame", "delivered_hours", "amount_ore", "created_at"):
        assert left_out not in text


def test_approved_minutes_arrive_exactly_as_approved(demo, tmp_path):
    source, packages = demo
    target = new_database(tmp_path)
    report = import_package(target, packages[1])
    assert minutes_service.minutes_pdf(target, report.meeting_id) == minutes_service.minutes_pdf(
        source, 1
    )
    target.close()


def test_budget_frames_and_delivered_hours_stay_behind(demo, tmp_path):
    _source, packages = demo
    target = new_database(tmp_path)
    for data in packages.values():
        import_package(target, data)
    counts = row_counts(target)
    assert counts["budget_frame"] == 0 and counts["delivered_hours"] == 0
    target.close()


def test_import_from_a_file(demo, tmp_path):
    _source, packages = demo
    path = tmp_path / "møde.json"
    path.write_bytes(packages[3])
    target = new_database(tmp_path)
    report = import_package_file(target, path)
    assert report.meeting_title == json.loads(packages[3])["meeting"]["title"]
    target.close()
