"""Migration 0007: every record a meeting package carries gets a uid, existing rows too."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import create_engine

from visitation_app.store import cipher, migrate

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
TABLES = (
    "meeting",
    "participant",
    "case",
    "agenda_item",
    "decision",
    "action_item",
    "meeting_event",
    "item_timing",
    "conflict",
    "involvement_note",
    "assessment",
    "approved_minutes",
)


def _fill_at_0006(path) -> None:
    migrate.upgrade(path, "0006")
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        run = connection.exec_driver_sql
        run(
            "INSERT INTO meeting (id, title, area, meeting_date, start_time, timezone, location,"
            " chair_name, status, created_at, updated_at) VALUES (1, 'Møde', 'elderly',"
            " '2026-12-03', '09:00:00.000000', 'Europe/Copenhagen', '', 'Birthe', 'held',"
            " '2026-12-03 08:00:00', '2026-12-03 08:00:00')"
        )
        for participant in (1, 2):
            run(
                "INSERT INTO participant (id, meeting_id, name, role, organisation, position)"
                f" VALUES ({participant}, 1, 'Person {participant}', 'case_worker', '', 1)"
            )
        run(
            'INSERT INTO "case" (id, area, reference, citizen_name, cpr, applied_for,'
            " legal_paragraph, case_worker, summary, citizen_goals, case_type, legal_basis_key,"
            " contact, created_at, updated_at) VALUES (1, 'elderly', '', 'Åse Ørum', '', '', '',"
            " '', '', '', '', '', '', '2026-12-01 08:00:00', '2026-12-01 08:00:00')"
        )
        run(
            "INSERT INTO agenda_item (id, meeting_id, position, kind, title, case_id,"
            " time_box_minutes, notes, citizen_represented_by, citizen_statement,"
            " citizen_absence_reason, citizen_view, citizen_view_words)"
            " VALUES (1, 1, 1, 'case', '', 1, 20, '', '', '', '', '', '')"
        )
        run(
            "INSERT INTO decision (id, agenda_item_id, outcome, service, extent, legal_basis,"
            " justification, updated_at) VALUES (1, 1, 'granted', '', '', '', '',"
            " '2026-12-03 09:00:00')"
        )
        run(
            "INSERT INTO assessment (id, case_id, scheme, domain_key, level, support_need, note)"
            " VALUES (1, 1, 'fsiii', 'mobility', 2, '', '')"
        )
    engine.dispose()


def test_existing_rows_get_a_uid_of_their_own(db_path):
    _fill_at_0006(db_path)
    migrate.upgrade(db_path, "0007")
    with cipher.connect(db_path) as connection:
        uids = []
        for table in TABLES:
            rows = connection.execute(f'SELECT uid FROM "{table}"').fetchall()
            assert all(uid is not None and UUID.match(uid) for (uid,) in rows), table
            uids += [uid for (uid,) in rows]
        columns = {row[1]: row for row in connection.execute("PRAGMA table_info(participant)")}
        assert columns["uid"][3] == 1  # NOT NULL
        with pytest.raises(cipher.sqlcipher.IntegrityError):
            connection.execute("UPDATE participant SET uid = (SELECT uid FROM meeting)")
        assert connection.execute("SELECT count(*) FROM package_base").fetchone() == (0,)
    assert len(uids) == len(set(uids)) == 7
    assert migrate.current_revision(create_engine(f"sqlite:///{db_path}")) == "0007"


def test_downgrade_removes_the_uids_and_keeps_the_rows(db_path):
    _fill_at_0006(db_path)
    migrate.upgrade(db_path, "0007")
    migrate.downgrade(db_path, "0006")
    with cipher.connect(db_path) as connection:
        columns = {row[1] for row in connection.execute("PRAGMA table_info(decision)")}
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        assert connection.execute("SELECT count(*) FROM participant").fetchone() == (2,)
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    assert "uid" not in columns
    assert "package_base" not in tables
