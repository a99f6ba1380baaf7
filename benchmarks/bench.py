"""Speed and memory figures for visitation_app, printed as a table.

    .venv/bin/python benchmarks/bench.py [--meetings 200] [--items 12]

Measures, on this machine:
- start-up: from a fresh interpreter to the main window shown (offscreen Qt), demo database;
- the demo minutes and agenda as PDF through the real CLI: time and size;
- a decision letter through the CLI, and the legal check the checklist runs after each save;
- a large database (default 200 meetings x 12 agenda items): building it, listing meetings,
  loading one meeting, rendering the minutes of a 40-item meeting; peak memory.
Targets (what a chair on a modest laptop should get) are printed beside each figure.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable

STARTUP_PROBE = """
import sys, time
t0 = float(sys.argv[2])
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from visitation_app.store.database import open_database
from visitation_app.ui.app import create_main_window
app = QApplication([])
window = create_main_window(open_database(sys.argv[1]))
window.show()
def shown():
    print(f"{time.time() - t0:.3f}", flush=True)
    app.quit()
QTimer.singleShot(0, shown)
app.exec()
"""


def run(args: list[str], env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, env=env, check=True, cwd=ROOT)


def cli(*args: str) -> float:
    start = time.perf_counter()
    run([PYTHON, "-m", "visitation_app", *args])
    return time.perf_counter() - start


def startup_seconds(db: Path, repeats: int = 3) -> float:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    times = []
    for _ in range(repeats):
        result = run([PYTHON, "-c", STARTUP_PROBE, str(db), repr(time.time())], env=env)
        times.append(float(result.stdout.strip().splitlines()[-1]))
    return min(times)


def build_large(db_path: Path, meetings: int, items: int) -> float:
    from visitation_app.services import agenda, cases, decisions
    from visitation_app.services import meetings as meeting_service
    from visitation_app.store.database import open_database

    db = open_database(db_path, create=True)
    start = time.perf_counter()
    day = dt.date(2020, 1, 6)
    areas = ("elderly", "adult_disability", "children")
    for number in range(meetings):
        area = areas[number % 3]
        meeting = meeting_service.create_meeting(
            db,
            title=f"Visitationsmøde nr. {number + 1}",
            area=area,
            meeting_date=day + dt.timedelta(days=7 * number),
            start_time=dt.time(9),
            location="Rådhuset",
            chair_name="Birthe Kjærgaard",
        )
        for index in range(items):
            case = cases.create_case(
                db,
                area=area,
                citizen_name=f"Borger {number}-{index} Ærø-Østergård",
                applied_for="Praktisk hjælp",
                summary="Resumé. " * 40,
                citizen_goals="Jeg vil gerne klare mig selv.",
            )
            item = agenda.add_case_item(db, meeting.id, case.id)
            decisions.save_decision(
                db,
                item.id,
                outcome="granted",
                service="Rengøring",
                extent="1 time hver 14. dag",
                legal_basis="Ældreloven § 10",
                justification="Begrundelse. " * 20,
                annual_cost_ore=1_234_550 + index,
            )
    db.close()
    return time.perf_counter() - start


def timed(function, *args):
    start = time.perf_counter()
    result = function(*args)
    return time.perf_counter() - start, result


def data_safety_rows(work: Path, demo: Path) -> list[tuple[str, str, str]]:
    """Encryption, the audit trail and meeting packages: what they cost the chair."""
    import shutil

    from visitation_app.services import cases
    from visitation_app.services.meeting_package_export import export_meeting_package
    from visitation_app.services.meeting_package_import import import_package_file
    from visitation_app.store import cipher
    from visitation_app.store.database import open_database

    rows: list[tuple[str, str, str]] = []
    secret = "benchmark passphrase 2027"
    encrypted = work / "encrypted.db"
    shutil.copyfile(demo, encrypted)
    seconds, _none = timed(cipher.rekey_file, encrypted, None, secret)
    rows.append(("encrypt the demo database in place", f"{seconds:.2f} s", "< 5 s"))
    seconds, database = timed(lambda: open_database(encrypted, passphrase=secret))
    rows.append(("open the encrypted demo database", f"{seconds:.2f} s", "< 1 s"))
    case = cases.list_cases(database)[0]
    saves = []
    for number in range(20):  # one autosave of a typed summary, audit trail included
        seconds, _case = timed(
            lambda n=number: cases.update_case(database, case.id, summary=f"Resumé {n}")
        )
        saves.append(seconds)
    rows.append(
        ("save one field (encrypted, audited)", f"{sorted(saves)[10] * 1000:.1f} ms", "< 50 ms")
    )
    package = work / "meeting.json"
    seconds, _path = timed(export_meeting_package, database, 2, package)
    rows.append(("export a meeting package (demo meeting 2)", f"{seconds:.2f} s", "< 2 s"))
    database.close()
    empty = open_database(work / "receiving.db", create=True)
    seconds, _report = timed(import_package_file, empty, package)
    empty.close()
    rows.append(("import it into an empty database", f"{seconds:.2f} s", "< 2 s"))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meetings", type=int, default=200)
    parser.add_argument("--items", type=int, default=12)
    options = parser.parse_args()
    rows: list[tuple[str, str, str]] = []
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        demo = work / "demo.db"
        rows.append(
            ("create demo database (CLI)", f"{cli('demo', '--db', str(demo)):.2f} s", "< 5 s")
        )
        rows.append(
            ("start-up to window shown (demo db)", f"{startup_seconds(demo):.2f} s", "< 2 s")
        )
        sys.path.insert(0, str(ROOT))
        from visitation_app.services.meetings import list_meetings
        from visitation_app.store.database import open_database

        database = open_database(demo)
        listed = list_meetings(database)
        database.close()
        for row in listed:
            pdf = work / f"minutes-{row.id}.pdf"
            seconds = cli("minutes", str(row.id), "--db", str(demo), "-o", str(pdf))
            rows.append(
                (
                    f"demo minutes, {row.status}, {row.item_count} items (CLI)",
                    f"{seconds:.2f} s, {pdf.stat().st_size / 1024:.0f} KiB",
                    "< 3 s",
                )
            )

        letter = work / "letter.pdf"
        seconds = cli("letter", "3", "--db", str(demo), "-o", str(letter))
        rows.append(
            (
                "demo decision letter (CLI)",
                f"{seconds:.2f} s, {letter.stat().st_size / 1024:.0f} KiB",
                "< 3 s",
            )
        )
        from visitation_app.services.decisions import check_decision_on
        from visitation_app.services.dossier import load_dossier

        database = open_database(demo)
        item = next(i for i in load_dossier(database, 2).items if i.is_case)
        seconds, _check = timed(check_decision_on, database, item.id)
        database.close()
        rows.append(
            (
                "legal check after a keystroke (9-item meeting)",
                f"{seconds * 1000:.0f} ms",
                "< 100 ms",
            )
        )

        rows.extend(data_safety_rows(work, demo))

        large = work / "large.db"
        seconds = build_large(large, options.meetings, options.items)
        total = options.meetings * options.items
        rows.append(
            (
                f"build {options.meetings} meetings x {options.items} items",
                f"{seconds:.1f} s ({total / seconds:.0f} items/s)",
                "-",
            )
        )
        rows.append(("large database size", f"{large.stat().st_size / 1024 / 1024:.1f} MiB", "-"))
        from visitation_app.documents.minutes import render_minutes
        from visitation_app.services import agenda

        database = open_database(large)
        seconds, listed = timed(list_meetings, database)
        rows.append((f"list {len(listed)} meetings", f"{seconds * 1000:.0f} ms", "< 200 ms"))
        seconds, dossier = timed(load_dossier, database, listed[0].id)
        rows.append(("load one meeting", f"{seconds * 1000:.0f} ms", "< 100 ms"))
        big_meeting = listed[0].id
        others = [row for row in listed[1:] if row.area == listed[0].area][:3]
        for row in others:  # a large meeting: put three other meetings' cases on it too
            for item in load_dossier(database, row.id).items:
                agenda.add_case_item(database, big_meeting, item.case.id)
        dossier = load_dossier(database, big_meeting)
        seconds, pdf = timed(render_minutes, dossier)
        rows.append(
            (
                f"render minutes of a {len(dossier.items)}-item meeting",
                f"{seconds:.2f} s, {len(pdf) / 1024:.0f} KiB",
                "< 3 s",
            )
        )
        database.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rows.append(("peak memory of this process", f"{peak:.0f} MiB", "< 500 MiB"))
    width = max(len(name) for name, _, _ in rows)
    print(f"{'measure'.ljust(width)}  {'figure':>24}  target")
    for name, figure, target in rows:
        print(f"{name.ljust(width)}  {figure:>24}  {target}")


if __name__ == "__main__":
    main()
