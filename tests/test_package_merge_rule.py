"""The three-way merge rule on its own, record by record and field by field."""

from __future__ import annotations

from visitation_app.domain.package_merge import (
    BOTH_CHANGED,
    DELETED_HERE,
    DELETED_THERE,
    FIXED,
    NO_BASE,
    merge,
    same,
)
from visitation_app.domain.package_paths import json_path, shown_value
from visitation_app.domain.package_records import ACTION, ITEM, MEETING, NOTE, Record

M = "m"


def records(*entries: Record) -> dict[str, Record]:
    return {record.uid: record for record in entries}


def meeting(**fields) -> Record:
    return Record(MEETING, M, None, {"title": "Møde", "location": "A", **fields})


def item(uid: str, **fields) -> Record:
    return Record(ITEM, uid, M, {"kind": "other", "case": None, "title": "Punkt", **fields})


def test_the_field_rule():
    base = records(meeting(title="Møde", location="Rådhuset"))
    local = records(meeting(title="Møde (A)", location="Rådhuset", chair_name="Birthe"))
    incoming = records(meeting(title="Møde", location="Lokale 7", chair_name="Bo"))
    plan = merge(base, local, incoming)
    assert plan.updates == {M: {"location": "Lokale 7"}}  # changed only there: taken
    [conflict] = plan.conflicts  # title changed only here: kept silently
    assert (conflict.field, conflict.local, conflict.incoming) == ("chair_name", "Birthe", "Bo")
    assert conflict.reason == BOTH_CHANGED  # from nothing in the base to two values


def test_a_record_the_base_does_not_have_is_compared_without_one():
    plan = merge(
        records(meeting()),
        records(meeting(), item("i")),
        records(meeting(), item("i", title="Nyt")),
    )
    assert [(c.field, c.reason) for c in plan.conflicts] == [("title", NO_BASE)]


def test_both_changed_to_different_values_is_a_conflict_to_the_same_value_is_not():
    base = records(meeting(location="R"), item("i", title="T"))
    local = records(meeting(location="X"), item("i", title="Same"))
    incoming = records(meeting(location="Y"), item("i", title="Same"))
    plan = merge(base, local, incoming)
    assert [(c.field, c.reason) for c in plan.conflicts] == [("location", BOTH_CHANGED)]
    assert plan.updates == {} and plan.unchanged == 1


def test_what_a_record_is_never_changes():
    base = records(meeting(), item("i", kind="other"))
    plan = merge(base, records(meeting(), item("i")), records(meeting(), item("i", kind="case")))
    assert [(c.field, c.reason) for c in plan.conflicts] == [("kind", FIXED)]
    assert plan.updates == {}


def test_deletions_follow_the_base():
    note = Record(NOTE, "n", "i", {"answer": "svar"})
    action = Record(ACTION, "a", M, {"item": "i", "description": "gør noget"})
    base = records(meeting(), item("i"), note, action, item("j"))
    local = records(meeting(), item("i"), note, action)  # j deleted here
    incoming = records(meeting(), item("j", title="ændret der"))  # i deleted there
    plan = merge(base, local, incoming)
    assert [r.uid for r in plan.deletes] == ["a", "n", "i"]  # what it holds first
    assert [(c.uid, c.reason) for c in plan.conflicts] == [("j", DELETED_HERE)]
    assert plan.adds == []


def test_a_record_changed_here_is_not_deleted_because_the_other_side_did():
    base = records(meeting(), item("i"), Record(NOTE, "n", "i", {"answer": "svar"}))
    local = records(meeting(), item("i"), Record(NOTE, "n", "i", {"answer": "nyt svar"}))
    plan = merge(base, local, records(meeting()))
    assert plan.deletes == []
    assert [(c.uid, c.reason) for c in plan.conflicts] == [("i", DELETED_THERE)]


def test_without_a_base_nothing_is_deleted_and_new_records_are_added():
    plan = merge(None, records(meeting(), item("i")), records(meeting(), item("k")))
    assert plan.deletes == [] and [r.uid for r in plan.adds] == ["k"]


def test_true_is_not_one():
    assert not same(True, 1) and same({"a": [1, None]}, {"a": [1, None]})


def test_paths_and_values_are_safe_to_print():
    assert json_path(["items", 2, "decision", "outcome"]) == "$.items[2].decision.outcome"
    assert json_path(["odd key\n"]) == '$["odd key\\n"]'
    assert shown_value("a\x07b\ud800") == '"a\\u0007b\\ud800"'
    assert len(shown_value("x" * 100_000)) <= 60
