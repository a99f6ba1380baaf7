"""Automatic backups at start: verified copies, the newest ten kept."""

from __future__ import annotations

import datetime as dt
import stat

from visitation_app.services import meetings
from visitation_app.store.backup import check_database
from visitation_app.store.rotating_backups import backup_at_start, backups_of


def test_each_start_keeps_a_verified_copy_and_only_the_newest_are_kept(db, db_path):
    meetings.create_meeting(
        db, title="Visitationsmøde", area="elderly", meeting_date=dt.date(2026, 12, 3),
        start_time=dt.time(9),
    )  # fmt: skip
    start = dt.datetime(2026, 12, 1, 8, tzinfo=dt.UTC)
    made = [backup_at_start(db_path, keep=3, now=start + dt.timedelta(minutes=i)) for i in range(5)]
    assert all(path is not None for path in made)
    kept = backups_of(db_path)
    assert kept == [made[4], made[3], made[2]]  # the newest three, newest first
    for path in kept:
        assert check_database(path).ok
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_failed_backup_does_not_stop_the_program(tmp_path):
    assert backup_at_start(tmp_path / "no-such.db") is None


def test_the_backups_of_another_database_in_the_folder_are_left_alone(db, db_path):
    from visitation_app.store.database import open_database

    other_path = db_path.with_name(db_path.stem + "-old.db")
    open_database(other_path, create=True).close()
    start = dt.datetime(2026, 12, 1, 8, tzinfo=dt.UTC)
    theirs = [backup_at_start(other_path, now=start + dt.timedelta(minutes=i)) for i in range(2)]
    mine = [backup_at_start(db_path, keep=1, now=start + dt.timedelta(hours=i)) for i in range(3)]
    assert backups_of(db_path) == [mine[2]]
    assert backups_of(other_path) == theirs[::-1]
    assert all(path.exists() for path in theirs)
