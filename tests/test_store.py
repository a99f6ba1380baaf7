"""The database file: schema by migrations only, safe pragmas, and plain errors for bad files."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, text
from sqlmodel import SQLModel

from visitation_app.services import meetings
from visitation_app.store import cipher, migrate
from visitation_app.store.database import StoreError, backup_before_migration, open_database


def test_migrations_build_exactly_the_models(tmp_path):
    path = tmp_path / "m.db"
    migrate.upgrade(path)
    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), SQLModel.metadata)
    assert differences == []
    assert migrate.current_revision(engine) == migrate.head_revision()


def test_every_migration_upgrades_and_downgrades(tmp_path):
    path = tmp_path / "steps.db"
    engine = create_engine(f"sqlite:///{path}")
    revisions = list(migrate.scripts().walk_revisions())
    for revision in reversed(revisions):
        migrate.upgrade(path, revision.revision)
        assert migrate.current_revision(engine) == revision.revision
    migrate.downgrade(path, "base")
    assert migrate.current_revision(engine) is None


def _meeting_with_an_item(db_path):
    from visitation_app.services import agenda, cases

    database = open_database(db_path, create=True)
    meeting = meetings.create_meeting(
        database,
        title="Møde",
        area="elderly",
        meeting_date=dt.date(2027, 1, 5),
        start_time=dt.time(9),
    )
    case = cases.create_case(database, area="elderly", citizen_name="Anna Ørsted")
    agenda.add_case_item(database, meeting.id, case.id)
    database.close()


def test_a_table_rebuild_during_a_migration_keeps_the_rows_pointing_at_it(db_path):
    """Batch mode drops and recreates a table; with foreign keys on that would cascade."""
    from alembic.operations import Operations

    _meeting_with_an_item(db_path)
    engine = migrate.migration_engine(db_path)
    with engine.begin() as connection:
        operations = Operations(
            MigrationContext.configure(connection, opts={"render_as_batch": True})
        )
        with operations.batch_alter_table("meeting", recreate="always") as batch:
            batch.add_column(sa.Column("note", sa.String(), nullable=True))
        migrate.check_foreign_keys(connection)
    engine.dispose()
    with cipher.connect(db_path) as check:
        assert check.execute("SELECT count(*) FROM agenda_item").fetchone() == (1,)


def test_a_failing_migration_step_leaves_no_half_change(db_path):
    _meeting_with_an_item(db_path)
    engine = migrate.migration_engine(db_path)
    with pytest.raises(RuntimeError), engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE half_done (x INTEGER)")
        connection.exec_driver_sql("ALTER TABLE meeting ADD COLUMN half INTEGER")
        raise RuntimeError("step failed")
    engine.dispose()
    with cipher.connect(db_path) as check:
        names = {row[0] for row in check.execute("SELECT name FROM sqlite_master")}
        columns = {row[1] for row in check.execute("PRAGMA table_info(meeting)")}
    assert "half_done" not in names
    assert "half" not in columns


def test_a_database_from_a_newer_version_is_refused_untouched(db_path):
    _meeting_with_an_item(db_path)
    with cipher.connect(db_path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(StoreError, match="nyere version"):
        open_database(db_path)
    assert list(db_path.parent.glob("*.bak")) == []


def test_a_new_database_file_is_private(db_path):
    open_database(db_path, create=True).close()
    assert db_path.stat().st_mode & 0o777 == 0o600


def test_wal_and_foreign_keys_are_on(db):
    with db.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL


def test_a_saved_meeting_is_there_after_reopening_the_file(db_path):
    first = open_database(db_path, create=True)
    meetings.create_meeting(
        first,
        title="Møde i børne- og ungeudvalget",
        area="children",
        meeting_date=dt.date(2027, 1, 14),
        start_time=dt.time(13, 30),
    )
    first.close()
    again = open_database(db_path)
    [row] = meetings.list_meetings(again)
    assert (row.title, row.meeting_date, row.start_time) == (
        "Møde i børne- og ungeudvalget",
        dt.date(2027, 1, 14),
        dt.time(13, 30),
    )
    again.close()


def test_missing_file_is_not_created_unless_asked(tmp_path):
    path = tmp_path / "nothing.db"
    with pytest.raises(StoreError, match="Der er ingen database"):
        open_database(path)
    assert not path.exists()


def test_a_text_file_is_not_taken_for_a_database(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("Referat fra sidste møde", encoding="utf-8")
    with pytest.raises(StoreError, match="ikke en visitationsdatabase"):
        open_database(path)
    assert path.read_text(encoding="utf-8") == "Referat fra sidste møde"


def test_a_folder_is_not_a_database(tmp_path):
    with pytest.raises(StoreError, match="mappe"):
        open_database(tmp_path)


def test_a_device_is_not_a_database():
    with pytest.raises(StoreError, match="ikke en visitationsdatabase"):
        open_database("/dev/null")


@pytest.mark.parametrize("table", ["songs", "meeting"])
def test_another_programs_sqlite_file_is_refused_untouched(tmp_path, table):
    path = tmp_path / "other.sqlite"
    connection = cipher.connect(path)
    connection.execute(f"CREATE TABLE {table} (title TEXT)")
    connection.commit()
    connection.close()
    with pytest.raises(StoreError, match="ikke en visitationsdatabase"):
        open_database(path)
    tables = cipher.connect(path).execute("SELECT name FROM sqlite_master").fetchall()
    assert tables == [(table,)]


def test_a_corrupt_file_gives_a_sentence_not_a_crash(tmp_path, db_path):
    database = open_database(db_path, create=True)
    database.close()
    data = bytearray(db_path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # trash the first page after the header
    db_path.write_bytes(bytes(data))
    with pytest.raises(StoreError, match="beskadiget"):
        open_database(db_path)


def test_a_locked_database_is_reported_as_in_use(db_path):
    database = open_database(db_path, create=True, busy_timeout_ms=100)
    blocker = cipher.connect(db_path, timeout=0)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreError, match="bruges af et andet program"):
            meetings.create_meeting(
                database,
                title="Møde",
                area="elderly",
                meeting_date=dt.date(2027, 1, 1),
                start_time=dt.time(9),
            )
    finally:
        blocker.rollback()
        blocker.close()
    assert meetings.list_meetings(database) == []
    database.close()


def test_backup_before_migration_is_a_complete_copy(db):
    meetings.create_meeting(
        db,
        title="Møde",
        area="elderly",
        meeting_date=dt.date(2027, 1, 1),
        start_time=dt.time(9),
    )
    copy = backup_before_migration(db.path, "0001")
    again = backup_before_migration(db.path, "0001")
    assert copy != again  # a second attempt never overwrites the first copy
    rows = cipher.connect(copy).execute("SELECT title FROM meeting").fetchall()
    assert rows == [("Møde",)]


def test_an_older_database_with_data_is_upgraded_with_a_copy_aside(db_path):
    """The path a chair's laptop takes after an update: open_database on an older schema."""
    from visitation_app.services import cases, decisions

    migrate.upgrade(db_path, "0001")
    # Fill the old schema through the old columns only.
    engine = create_engine(f"sqlite:///{db_path}")
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO meeting (id, title, area, meeting_date, start_time, timezone, location,"
            " chair_name, status, created_at, updated_at) VALUES (1, 'Møde', 'elderly',"
            " '2026-12-03', '09:00:00.000000', 'Europe/Copenhagen', '', 'Birthe', 'held',"
            " '2026-12-03 08:00:00', '2026-12-03 08:00:00')"
        )
        connection.exec_driver_sql(
            'INSERT INTO "case" (id, area, reference, citizen_name, cpr, applied_for,'
            " legal_paragraph, case_worker, summary, citizen_goals, created_at, updated_at)"
            " VALUES (1, 'elderly', '', 'Åse Ørum', '', 'Rengøring', '', '', 'Resumé', '',"
            " '2026-12-01 08:00:00', '2026-12-01 08:00:00')"
        )
        connection.exec_driver_sql(
            "INSERT INTO agenda_item (id, meeting_id, position, kind, title, case_id,"
            " time_box_minutes, notes, citizen_represented_by, citizen_statement)"
            " VALUES (1, 1, 1, 'case', '', 1, 20, 'Noter', '', '')"
        )
        connection.exec_driver_sql(
            "INSERT INTO decision (id, agenda_item_id, outcome, service, extent, legal_basis,"
            " justification, annual_cost_ore, updated_at) VALUES (1, 1, 'refused', '', '',"
            " 'Ældreloven § 10', 'Begrundelse', 0, '2026-12-03 09:00:00')"
        )
    engine.dispose()

    database = open_database(db_path)
    assert migrate.current_revision(database.engine) == migrate.head_revision()
    copies = list(db_path.parent.glob(f"{db_path.name}.before-migration-0001-*.bak"))
    assert len(copies) == 1
    with cipher.connect(copies[0]) as old:
        assert old.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    decision = decisions.get_decision(database, 1)
    assert (decision.outcome, decision.legal_basis, decision.consultation) == (
        "refused",
        "Ældreloven § 10",
        "not_recorded",
    )
    assert cases.get_case(database, 1).citizen_name == "Åse Ørum"
    with database.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM agenda_item")).scalar() == 1
        assert connection.execute(text("PRAGMA foreign_key_check")).fetchall() == []
    database.close()
