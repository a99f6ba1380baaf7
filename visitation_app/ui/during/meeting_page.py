"""The widgets of 'Under mødet' and where they sit; the behaviour lives in DuringView.

Top: the meeting, the clock, Start/End. Middle: the agenda and who is present on the
left, the current item (scrolling) on the right. Bottom: previous/next and the save line.
Fits 1366×768: the item scrolls, the splitter lets the chair widen either side.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from visitation_app.i18n import _
from visitation_app.store.database import Database
from visitation_app.ui.clock import MeetingClock, Now
from visitation_app.ui.during.agenda_strip import AgendaStrip
from visitation_app.ui.during.attendance import AttendanceList
from visitation_app.ui.during.banner import locked_banner

PREVIOUS_KEYS = ("Alt+Left", "Ctrl+PgUp")
NEXT_KEYS = ("Alt+Right", "Ctrl+PgDown")


def native_keys(keys: tuple[str, ...]) -> str:
    """'Alt+Højre / Ctrl+PgDown' as the platform writes them."""
    return " / ".join(
        QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText) for k in keys
    )


class MeetingPage(QWidget):
    """The meeting page of the during view (shown once a meeting is chosen)."""

    def __init__(self, db: Database, now: Now, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.meeting_label = QLabel()
        self.meeting_label.setWordWrap(True)
        self.meeting_label.setTextFormat(Qt.TextFormat.PlainText)
        font = self.meeting_label.font()
        font.setBold(True)
        self.meeting_label.setFont(font)
        self.meeting_info = QLabel()
        self.meeting_info.setWordWrap(True)
        self.clock = MeetingClock(now=now)
        self.start_button = QPushButton(_("Start the meeting"))
        self.start_button.setToolTip(_("Mark the meeting as begun and start the clock."))
        self.end_button = QPushButton(_("End the meeting"))
        self.end_button.setToolTip(_("Mark the meeting as held. The minutes can still be edited."))
        self.mode_button = QPushButton()  # meeting mode: text, tooltip and F5 from its control

        titles = QVBoxLayout()
        titles.setSpacing(0)
        titles.addWidget(self.meeting_label)
        titles.addWidget(self.meeting_info)
        top = QHBoxLayout()
        top.addLayout(titles, 1)
        top.addWidget(self.clock)
        top.addWidget(self.mode_button)
        top.addWidget(self.start_button)
        top.addWidget(self.end_button)

        self.banner = locked_banner()

        self.strip = AgendaStrip()
        self.attendance = AttendanceList(db)
        attendance_scroll = QScrollArea()
        attendance_scroll.setWidgetResizable(True)
        attendance_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        attendance_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        attendance_scroll.setWidget(self.attendance)
        attendance_box = QGroupBox(_("Present"))
        QVBoxLayout(attendance_box).addWidget(attendance_scroll)
        agenda_box = QGroupBox(_("Agenda"))
        QVBoxLayout(agenda_box).addWidget(self.strip)
        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(agenda_box)
        left.addWidget(attendance_box)
        left.setStretchFactor(0, 3)
        left.setStretchFactor(1, 2)
        left.setChildrenCollapsible(False)

        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.no_items_label = QLabel(
            _("The agenda is empty. Add items under 'Before the meeting'.")
        )
        self.no_items_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_items_label.setWordWrap(True)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.scroll)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([250, 750])
        self.splitter.setChildrenCollapsible(False)

        self.previous_button = QPushButton("◀ " + _("Previous item"))
        self.previous_button.setToolTip(native_keys(PREVIOUS_KEYS))
        self.next_button = QPushButton(_("Next item") + " ▶")
        self.next_button.setToolTip(native_keys(NEXT_KEYS))
        self.position_label = QLabel()
        self.save_status = QLabel()
        self.save_status.setObjectName("saveStatus")
        self.save_status.setTextFormat(Qt.TextFormat.PlainText)
        self.save_status.setWordWrap(True)
        bottom = QHBoxLayout()
        bottom.addWidget(self.previous_button)
        bottom.addWidget(self.position_label)
        bottom.addWidget(self.next_button)
        bottom.addSpacing(12)
        bottom.addWidget(self.save_status, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(bottom)
