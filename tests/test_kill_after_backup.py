"""A saved edit survives a kill even after another program looked into the database.

The window keeps the database open. Were its automatic backup at start to read the file's
first bytes with Python's own file functions, closing that file would release every POSIX
lock the process holds on it, SQLite's included. Another program that then opens and closes the
database (the sqlite3 tool, a script, a backup program) believes it is the last one,
folds the write-ahead log into the file and deletes it, while the window goes on writing
into the deleted log: what the window says is saved would be gone after a crash. The store
therefore never reads a file this process has open as a database (store/cipher.py).
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys

from visitation_app.services.meetings import list_meetings
from visitation_app.store.database import open_database

WINDOW = """
import datetime as dt
import sys
from pathlib import Path
from visitation_app.services import meetings
from visitation_app.store.database import open_database
from visitation_app.store.rotating_backups import backup_at_start

path = Path(sys.argv[1])
db = open_database(path, create=True)

def meeting(title):
    meetings.create_meeting(
        db, title=title, area="elderly", meeting_date=dt.date(2026, 12, 3),
        start_time=dt.time(9), location="Rådhuset", chair_name="Birgitte Østergaard",
    )

meeting("Mandag")
backup_at_start(path)  # as run_gui does once the window is open
print("open", flush=True)
sys.stdin.readline()
meeting("Tirsdag")  # committed: the window says "Gemt"
print("saved", flush=True)
sys.stdin.readline()
"""


def test_an_edit_saved_after_another_program_read_the_file_survives_a_kill(tmp_path):
    path = tmp_path / "visitation.db"
    window = subprocess.Popen(
        [sys.executable, "-c", WINDOW, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert window.stdout.readline().strip() == "open"
        other = sqlite3.connect(path)  # another program has a look, and closes
        assert other.execute("SELECT count(*) FROM meeting").fetchone() == (1,)
        other.close()
        window.stdin.write("\n")
        window.stdin.flush()
        assert window.stdout.readline().strip() == "saved"
        os.kill(window.pid, signal.SIGKILL)
        window.wait(timeout=30)
    finally:
        if window.poll() is None:
            window.kill()
            window.wait()
    db = open_database(path)
    try:
        assert sorted(row.title for row in list_meetings(db)) == ["Mandag", "Tirsdag"]
    finally:
        db.close()
