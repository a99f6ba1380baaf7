"""The real window, typed into until tests/test_kill_while_typing.py kills it (SIGKILL).

    python tests/kill_child.py DATABASE SEED

The database must hold one meeting with one case on its agenda (`build_database`). The
window is started as `run_gui` starts it (lock, open, automatic backup, main window), the
meeting is chosen, and the chair's texts are typed key by key, at a person's pace, into
the real editors: the case summary (before the meeting), then by turns the decision's
justification, the citizen's own words, an answer to the conversation guide (an
involvement note) and the item's notes (during the meeting). Lines on stdout:

    READY
    TYPED <field> <length> <time>            a key went into the field
    ACK <field> <length> <time> <latency>    the field's text up to <length> is committed
    DONE

An ACK is printed when the autosaver reports the value written (`Autosaver.value_saved`),
with the seconds from the chunk's last key to that report. Times are `time.time()`.
"""

from __future__ import annotations

import os
import random
import sys
import time
import weakref
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("VISITATION_APP_LANG", "da")

# The chair's texts, typed chunk by chunk (a chunk ends where a space follows a few words).
TEXTS = {
    "summary": (
        "Karen er 86 år og bor alene i en toværelses lejlighed på 2. sal uden elevator. "
        "Hun er faldet to gange siden sommer og får i dag hjælp til bad én gang om ugen."
    ),
    "justification": (
        "Borgeren har et varigt behov for hjælp til personlig pleje morgen og aften. "
        "Der er lagt vægt på ergoterapeutens vurdering og på borgerens egne ønsker."
    ),
    "statement": (
        "Jeg vil gerne blive boende hjemme. Min datter kommer om søndagen, "
        "men hun kan ikke klare mere – hun har selv små børn."
    ),
    "answer": "Det værste er om morgenen, før jeg har fået mine piller og kaffe.",
    "notes": (
        "Udvalget drøftede sagen. Sagsbehandleren uddybede faldene; "
        "der bestilles en faldudredning hos terapeuterne."
    ),
}
DURING_FIELDS = ("justification", "statement", "answer", "notes")
WORDS_PER_CHUNK = 5
KEY_PAUSE_MS = (5, 45)  # between two keys of a chunk: a fast typist
ACK_TIMEOUT_S = 10.0


def chunks(text: str, words: int = WORDS_PER_CHUNK) -> list[str]:
    """'a b c d e' → ['a b c d', ' e']: joined again they are the text."""
    parts = text.split(" ")
    return [
        ("" if start == 0 else " ") + " ".join(parts[start : start + words])
        for start in range(0, len(parts), words)
    ]


def typing_plan() -> list[tuple[str, str]]:
    """(field, chunk) in the order typed: the summary first, then the others by turns."""
    plan = [("summary", chunk) for chunk in chunks(TEXTS["summary"])]
    queues = {field: chunks(TEXTS[field]) for field in DURING_FIELDS}
    while any(queues.values()):
        for field in DURING_FIELDS:
            if queues[field]:
                plan.append((field, queues[field].pop(0)))
    return plan


@dataclass(frozen=True)
class Built:
    meeting_id: int
    item_id: int
    case_id: int


def build_database(path: Path) -> Built:
    """A small database: one planned meeting, one case with empty texts on its agenda."""
    import datetime as dt

    from visitation_app.services import agenda as agenda_service
    from visitation_app.services import cases as case_service
    from visitation_app.services import meetings as meeting_service
    from visitation_app.store.database import open_database

    db = open_database(path, create=True)
    try:
        meeting = meeting_service.create_meeting(
            db,
            title="Visitationsudvalget",
            area="elderly",
            meeting_date=dt.date.today(),
            start_time=dt.time(9, 0),
            location="Rådhuset",
            chair_name="Birgitte Østergaard",
        )
        case = case_service.create_case(
            db,
            area="elderly",
            citizen_name="Karen Jensen",
            applied_for="Personlig pleje morgen og aften",
            case_type="personal_care",
        )
        item = agenda_service.add_case_item(db, meeting.id, case.id)
    finally:
        db.close()
    return Built(meeting.id, item.id, case.id)


def say(*words: object) -> None:
    print(*words, flush=True)


class Typist:
    """Types like a person into real editors and reports each chunk once it is saved."""

    def __init__(self, seed: int) -> None:
        self.random = random.Random(seed)
        self.saved: dict[str, int] = {}  # field → length of the text last committed
        self.saved_at: dict[str, float] = {}  # field → when (monotonic) it was reported
        self.watched: weakref.WeakSet = weakref.WeakSet()  # autosavers reporting to us
        self.editors: dict[str, object] = {}

    def watch(self, field: str, editor) -> None:  # noqa: ANN001 - a Qt editor
        from visitation_app.ui.autosave import Autosaver

        if self.editors.get(field) is editor:
            return
        self.editors[field] = editor
        saver = Autosaver.bound_to(editor)
        assert saver is not None, f"no autosaver saves the {field}"
        if saver not in self.watched:
            self.watched.add(saver)
            saver.value_saved.connect(self._on_saved)

    def _on_saved(self, editor, value: object) -> None:  # noqa: ANN001 - a Qt editor
        for field, watched in self.editors.items():
            if watched is editor and isinstance(value, str):
                self.saved[field] = len(value)
                self.saved_at[field] = time.monotonic()

    def type_chunk(self, field: str, chunk: str) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        editor = self.editors[field]
        editor.setFocus()
        last_key_at = time.monotonic()
        for position, char in enumerate(chunk):
            if position:
                QTest.qWait(self.random.randint(*KEY_PAUSE_MS))
            if char.isascii():
                QTest.keyClicks(editor, char)
            else:  # keyClicks knows ASCII only: æøå and dashes come as text
                QTest.sendKeyEvent(
                    QTest.KeyAction.Click, editor, Qt.Key.Key_unknown, char, Qt.KeyboardModifier(0)
                )
            last_key_at = time.monotonic()
            say("TYPED", field, len(editor.toPlainText()), f"{time.time():.6f}")
        length = len(editor.toPlainText())
        deadline = last_key_at + ACK_TIMEOUT_S
        while self.saved.get(field, -1) < length and time.monotonic() < deadline:
            QTest.qWait(2)
        if self.saved.get(field, -1) < length:
            say("TIMEOUT", field, length)
            return
        latency = self.saved_at[field] - last_key_at
        say("ACK", field, self.saved[field], f"{time.time():.6f}", f"{latency:.3f}")


def editor_for(window, field: str, item_id: int):  # noqa: ANN001, ANN201 - Qt objects
    """The editor the chair types `field` into, as the window shows it now."""
    if field == "summary":
        return window.before_view.editor.case_fields.summary
    during = window.during_view
    if during.current_item_id() != item_id:
        during.go_to_item(item_id)
    panel = during.panel
    if field == "justification":
        return panel.decision.justification
    if field == "statement":
        return panel.citizen_voice.statement
    if field == "answer":
        return next(box for (phase, _p), box in panel.guide.answers.items() if phase == "during")
    return panel.notes


def main(path: Path, seed: int) -> int:
    """Start the window as `run_gui` does, type the plan, and wait to be killed."""
    from PySide6.QtWidgets import QApplication

    from visitation_app.services.dossier import load_dossier
    from visitation_app.services.meetings import list_meetings
    from visitation_app.store.rotating_backups import backup_at_start
    from visitation_app.ui.app import create_main_window, open_first_database, show_main_window

    app = QApplication([sys.argv[0]])
    db = open_first_database(path, is_default_path=False)
    assert db is not None
    backup_at_start(Path(db.path))
    window = create_main_window(db)
    show_main_window(window)
    dossier = load_dossier(db, list_meetings(db)[0].id)
    item = next(item for item in dossier.items if item.is_case)
    window.meeting_list.select_meeting(dossier.meeting.id)
    window.show_phase(0)
    window.before_view.agenda.select_item(item.id)
    app.processEvents()
    typist = Typist(seed)
    say("READY")
    for field, chunk in typing_plan():
        phase = 0 if field == "summary" else 1
        if window.tabs.currentIndex() != phase:
            window.show_phase(phase)  # the phase's editors may be rebuilt: found anew
        typist.watch(field, editor_for(window, field, item.id))
        typist.type_chunk(field, chunk)
    say("DONE")
    while True:  # the test kills the window; until then it stays open as a chair's would
        app.processEvents()
        time.sleep(0.05)


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), int(sys.argv[2])))
