"""Importing a meeting that is already here: three-way against the last package exchanged.
Changes from one side are taken, the same field changed on both sides is a conflict (ours
kept), deletions follow the documented rule, and an import is all or nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from package_support import MEETING_DAY, export_bytes, new_database, row_counts, small_meeting
from sqlmodel import select

from visitation_app.domain.package_paths import PackageError
from visitation_app.services import actions, agenda, cases, conflicts, decisions, meetings
from visitation_app.services import participants as people
from visitation_app.services.meeting_package_apply import Applier
from visitation_app.services.meeting_package_import import import_package
from visitation_app.services.minutes import approve_minutes
from visitation_app.store.models import (
    ActionItem,
    AgendaItem,
    Conflict,
    Decision,
    PackageBase,
    Participant,
)


class Pair:
    """Computer A made the meeting and sent it to computer B; both now hold the same."""

    def __init__(self, folder):
        self.folder = folder
        self.a = new_database(folder, "a.db")
        self.small = small_meeting(self.a)
        self.b = new_database(folder, "b.db")
        self.b_meeting = import_package(self.b, self.send_from_a()).meeting_id

    def send_from_a(self) -> bytes:
        return export_bytes(self.a, self.small.meeting_id, self.folder)

    def send_from_b(self) -> bytes:
        return export_bytes(self.b, self.b_meeting, self.folder)

    def in_b(self, model, row_id_in_a: int):
        """The row of B that is the same record as row `row_id_in_a` of A (same uid)."""
        with self.a.session() as session:
            uid = session.get(model, row_id_in_a).uid
        with self.b.session() as session:
            return session.exec(select(model).where(model.uid == uid)).one()

    def close(self) -> None:
        self.a.close()
        self.b.close()


@pytest.fixture
def pair(tmp_path):
    both = Pair(tmp_path)
    yield both
    both.close()


def test_changes_made_only_on_the_other_computer_are_taken(pair):
    small = pair.small
    b_decision = pair.in_b(Decision, decisions.get_decision(pair.a, small.item_id).id)
    decisions.save_decision(pair.b, b_decision.agenda_item_id, justification="Ny begrundelse")
    people.update_participant(pair.b, pair.in_b(Participant, small.chair_id).id, name="B. Holm")
    people.add_participant(pair.b, pair.b_meeting, name="Ny jurist", role="legal_adviser")
    actions.remove_action(pair.b, pair.in_b(ActionItem, small.action_id).id)

    report = import_package(pair.a, pair.send_from_b())

    assert report.conflicts == ()
    assert (report.updated, report.added, report.deleted) == (2, 1, 1)
    assert decisions.get_decision(pair.a, small.item_id).justification == "Ny begrundelse"
    names = [p.name for p in people.list_participants(pair.a, small.meeting_id)]
    assert names == ["B. Holm", "Karim Nielsen", "Lone Berg", "Ny jurist"]
    assert [a.description for a in actions.list_actions(pair.a, small.meeting_id)] == [
        "Aftale næste møde"
    ]


def test_changes_made_only_here_are_kept(pair):
    meetings.update_meeting(pair.a, pair.small.meeting_id, location="Plejecentret")
    report = import_package(pair.a, pair.send_from_b())
    assert meetings.get_meeting(pair.a, pair.small.meeting_id).location == "Plejecentret"
    assert report.conflicts == () and report.updated == 0


def test_the_same_field_changed_on_both_sides_is_a_conflict_and_ours_stays(pair):
    small = pair.small
    decisions.save_decision(pair.a, small.item_id, justification="Begrundelse fra A")
    b_item = pair.in_b(AgendaItem, small.item_id).id
    decisions.save_decision(pair.b, b_item, justification="Begrundelse fra B")
    meetings.update_meeting(pair.b, pair.b_meeting, location="Lokale 7")

    report = import_package(pair.a, pair.send_from_b())

    [conflict] = [c for c in report.conflicts if c.field == "Begrundelse"]
    assert conflict.record.startswith("Afgørelsen på punkt 1 (Åse Ørum")
    assert (conflict.local, conflict.incoming) == ('"Begrundelse fra A"', '"Begrundelse fra B"')
    assert "begge computere" in str(conflict)
    assert decisions.get_decision(pair.a, small.item_id).justification == "Begrundelse fra A"
    assert meetings.get_meeting(pair.a, small.meeting_id).location == "Lokale 7"


def test_importing_the_same_package_again_changes_nothing(pair):
    data = pair.send_from_a()
    before = row_counts(pair.b)
    report = import_package(pair.b, data)
    assert (report.added, report.updated, report.deleted, report.conflicts) == (0, 0, 0, ())
    assert report.unchanged == 13
    assert row_counts(pair.b) == before


def test_without_a_common_base_every_difference_is_a_conflict(pair):
    with pair.a.session() as session:
        session.delete(session.get(PackageBase, pair.small.meeting_id))
    meetings.update_meeting(pair.b, pair.b_meeting, location="Lokale 7")
    report = import_package(pair.a, pair.send_from_b())
    [conflict] = report.conflicts
    assert (conflict.field, conflict.reason) == ("Sted", "no_base")
    assert meetings.get_meeting(pair.a, pair.small.meeting_id).location == "Rådhuset, mødelokale 2"


def test_deleted_there_but_changed_here_is_kept(pair):
    actions.remove_action(pair.b, pair.in_b(ActionItem, pair.small.action_id).id)
    actions.update_action(pair.a, pair.small.action_id, done=True)
    report = import_package(pair.a, pair.send_from_b())
    assert [(c.field, c.reason) for c in report.conflicts] == [("", "deleted_there")]
    assert len(actions.list_actions(pair.a, pair.small.meeting_id)) == 2


def test_deleted_here_but_changed_there_stays_deleted(pair):
    other_in_b = pair.in_b(AgendaItem, pair.small.other_item_id).id
    agenda.update_item(pair.b, other_in_b, title="Godkendelse af dagsorden og referat")
    agenda.remove_item(pair.a, pair.small.other_item_id)
    report = import_package(pair.a, pair.send_from_b())
    assert [(c.field, c.reason) for c in report.conflicts] == [("", "deleted_here")]
    with pair.a.session() as session:
        items = session.exec(select(AgendaItem)).all()
    assert [item.id for item in items] == [pair.small.item_id]


def test_an_item_deleted_there_and_untouched_here_goes_with_all_it_holds(pair):
    agenda.remove_item(pair.b, pair.in_b(AgendaItem, pair.small.item_id).id)
    report = import_package(pair.a, pair.send_from_b())
    assert report.conflicts == ()
    # the item, its decision, answer, conflict of interest and action item
    assert report.deleted == 5
    with pair.a.session() as session:
        assert session.get(AgendaItem, pair.small.item_id) is None
        assert session.exec(select(Decision)).all() == []
    assert cases.get_case(pair.a, pair.small.case_id).citizen_name == "Åse Ørum"


def test_the_same_conflict_of_interest_recorded_on_both_sides_is_one(pair):
    conflicts.declare_conflict(pair.a, pair.small.item_id, pair.small.chair_id, "Fra A")
    b_item = pair.in_b(AgendaItem, pair.small.item_id).id
    b_chair = pair.in_b(Participant, pair.small.chair_id).id
    conflicts.declare_conflict(pair.b, b_item, b_chair, "Fra B")
    package = pair.send_from_b()

    report = import_package(pair.a, package)

    assert [(c.field, c.reason) for c in report.conflicts] == [("Begrundelse", "no_base")]
    with pair.a.session() as session:
        rows = session.exec(
            select(Conflict).where(Conflict.participant_id == pair.small.chair_id)
        ).all()
    with pair.b.session() as session:
        theirs = session.exec(select(Conflict).where(Conflict.reason == "Fra B")).one()
    assert [(row.reason, row.uid) for row in rows] == [("Fra A", theirs.uid)]


def test_a_meeting_approved_here_takes_no_changes(pair):
    approve_minutes(pair.a, pair.small.meeting_id, by="Birthe Holm")
    meetings.update_meeting(pair.b, pair.b_meeting, location="Lokale 7")
    before = row_counts(pair.a)
    with pytest.raises(PackageError, match="godkendt på denne computer"):
        import_package(pair.a, pair.send_from_b())
    assert row_counts(pair.a) == before


def test_a_final_decision_mixing_both_sides_is_a_draft_again(pair):
    small = pair.small
    b_item = pair.in_b(AgendaItem, small.item_id).id
    decisions.save_decision(pair.a, small.item_id, service="Rengøring")
    decisions.finalise_decision(pair.a, small.item_id, override_reason="Hastesag")
    decisions.save_decision(pair.b, b_item, extent="Hver 14. dag, 1 time")
    decisions.finalise_decision(pair.b, b_item, override_reason="Hastesag")

    report = import_package(pair.a, pair.send_from_b())

    decision = decisions.get_decision(pair.a, small.item_id)
    assert (decision.service, decision.extent) == ("Rengøring", "Hver 14. dag, 1 time")
    assert decision.finalised_at is None
    assert len(report.drafts) == 1 and "udkast" in report.drafts[0]


def test_a_failure_midway_leaves_nothing_behind(pair, tmp_path, monkeypatch):
    empty = new_database(tmp_path, "empty.db")
    before = row_counts(empty)
    calls = []
    real_add = Applier.add

    def failing_add(self, record):
        calls.append(record.kind)
        if len(calls) == 6:
            raise RuntimeError("the disk went away")
        return real_add(self, record)

    monkeypatch.setattr(Applier, "add", failing_add)
    with pytest.raises(RuntimeError):
        import_package(empty, pair.send_from_a())
    assert len(calls) == 6
    assert row_counts(empty) == before
    empty.close()


def test_a_failing_update_leaves_the_meeting_as_it_was(pair, monkeypatch):
    meetings.update_meeting(pair.b, pair.b_meeting, location="Lokale 7", chair_name="Ny")
    people.add_participant(pair.b, pair.b_meeting, name="Ny jurist", role="legal_adviser")
    package = pair.send_from_b()

    def failing_update(self, kind, uid, changes):
        raise RuntimeError("power cut")

    monkeypatch.setattr(Applier, "update", failing_update)
    before = row_counts(pair.a)
    with pytest.raises(RuntimeError):
        import_package(pair.a, package)
    assert row_counts(pair.a) == before
    assert meetings.get_meeting(pair.a, pair.small.meeting_id).location == "Rådhuset, mødelokale 2"


def test_a_case_on_two_meetings_arrives_once(pair, tmp_path):
    second = meetings.create_meeting(
        pair.a,
        title="Næste møde",
        area="elderly",
        meeting_date=MEETING_DAY.replace(day=17),
        start_time=dt.time(9),
    )
    agenda.add_case_item(pair.a, second.id, pair.small.case_id)
    report = import_package(pair.b, export_bytes(pair.a, second.id, tmp_path))
    assert report.new_meeting and report.conflicts == ()
    assert len(cases.list_cases(pair.b)) == 1
    assert len(meetings.list_meetings(pair.b)) == 2


def test_the_bases_that_hold_a_deleted_citizens_case_can_be_forgotten(pair):
    from visitation_app.services.meeting_package_base import forget_bases_mentioning
    from visitation_app.store.models import Case

    with pair.a.session() as session:
        case_uid = session.get(Case, pair.small.case_id).uid
        assert forget_bases_mentioning(session, case_uid) == 1
        assert session.get(PackageBase, pair.small.meeting_id) is None
        assert forget_bases_mentioning(session, case_uid) == 0
