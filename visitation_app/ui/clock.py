"""The meeting clock the chair glances at: time on the current item, its time box, the plan.

The arithmetic lives in `domain.clock`; this widget only reads an injectable clock (a
callable returning an aware datetime) on every tick of a QTimer and paints the result.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from visitation_app.domain.clock import ClockSignal, ItemTiming, item_timing, split_duration
from visitation_app.formatting import format_minutes, format_time
from visitation_app.i18n import _

Now = Callable[[], dt.datetime]

TICK_MS = 1000

SIGNAL_COLOURS = {
    ClockSignal.NEUTRAL: ("#e8eef3", "#1b2631"),
    ClockSignal.AMBER: ("#f5b041", "#1b1b1b"),
    ClockSignal.RED: ("#c0392b", "#ffffff"),
}


def system_now() -> dt.datetime:
    """Now, as an aware datetime in the computer's own time zone."""
    return dt.datetime.now().astimezone()


def format_duration(duration: dt.timedelta) -> str:
    """'07:32' or '1:07:32' (sign dropped: the caller says whether it is over or left)."""
    hours, minutes, seconds = split_duration(duration)
    if hours:
        return f"{hours}:{minutes:02d}:{seconds:02d}"
    return f"{minutes:02d}:{seconds:02d}"


def describe_plan_offset(minutes: int | None) -> str:
    """'3 min forsinket', '2 min foran', 'Følger planen'; '' when it cannot be compared."""
    if minutes is None:
        return ""
    if minutes == 0:
        return _("On schedule")
    if minutes > 0:
        return _("{duration} behind schedule").format(duration=format_minutes(minutes))
    return _("{duration} ahead of schedule").format(duration=format_minutes(-minutes))


def describe_remaining(timing: ItemTiming) -> str:
    """'12:28 tilbage' or '03:10 over tiden'."""
    if timing.remaining < dt.timedelta(0):
        return _("{time} over time").format(time=format_duration(timing.remaining))
    return _("{time} left").format(time=format_duration(timing.remaining))


class MeetingClock(QFrame):
    """Elapsed time on the current item against its time box and the meeting's plan."""

    def __init__(
        self, now: Now | None = None, parent: QWidget | None = None, tick_ms: int = TICK_MS
    ) -> None:
        super().__init__(parent)
        self._now: Now = now or system_now
        self._started_at: dt.datetime | None = None
        self._time_box_minutes = 0
        self._planned_start: dt.datetime | None = None
        self._planned_end: dt.datetime | None = None
        self._running = False
        self._idle_text = ""
        self._timing: ItemTiming | None = None

        self.setObjectName("meetingClock")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(_("Meeting clock"))

        self.elapsed_label = QLabel("--:--")
        font = self.elapsed_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        font.setStyleHint(font.StyleHint.Monospace)
        self.elapsed_label.setFont(font)
        self.elapsed_label.setToolTip(_("Time spent on the current item"))
        self.box_label = QLabel()
        self.plan_label = QLabel()
        for label in (self.box_label, self.plan_label):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)

        details = QVBoxLayout()
        details.setSpacing(0)
        details.addWidget(self.box_label)
        details.addWidget(self.plan_label)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 10, 4)
        layout.addWidget(self.elapsed_label)
        layout.addSpacing(8)
        layout.addLayout(details)

        self._timer = QTimer(self)
        self._timer.setInterval(tick_ms)
        self._timer.timeout.connect(self.tick)
        self._paint(ClockSignal.NEUTRAL)
        self.set_running(False, "")

    # -- state -------------------------------------------------------------------------

    @property
    def signal(self) -> ClockSignal:
        return self._timing.signal if self._timing else ClockSignal.NEUTRAL

    @property
    def timing(self) -> ItemTiming | None:
        return self._timing

    def is_running(self) -> bool:
        return self._running

    def begin_item(
        self,
        *,
        time_box_minutes: int,
        planned_start: dt.datetime,
        planned_end: dt.datetime,
        elapsed: dt.timedelta | None = None,
    ) -> None:
        """Start timing an item from now, counting on from `elapsed` already spent on it."""
        self._started_at = self._now() - (elapsed or dt.timedelta(0))
        self._time_box_minutes = time_box_minutes
        self._planned_start = planned_start
        self._planned_end = planned_end
        self.tick()

    def update_plan(
        self, *, time_box_minutes: int, planned_start: dt.datetime, planned_end: dt.datetime
    ) -> None:
        """The current item's plan changed (time box, agenda order); its timer keeps running."""
        self._time_box_minutes = time_box_minutes
        self._planned_start = planned_start
        self._planned_end = planned_end
        self.tick()

    def set_running(self, running: bool, idle_text: str) -> None:
        """Run the clock (meeting in progress) or stop it and show `idle_text` instead."""
        self._running = running
        self._idle_text = idle_text
        if running and not self._timer.isActive():
            self._timer.start()
        elif not running:
            self._timer.stop()
        self.tick()

    def _planned_text(self) -> str:
        if self._planned_start is None or self._planned_end is None:
            return ""
        return _("Planned {start}–{end}").format(
            start=format_time(self._planned_start), end=format_time(self._planned_end)
        )

    def _show_idle(self) -> None:
        self._timing = None
        self.elapsed_label.setText("--:--")
        self.box_label.setText(self._idle_text)
        self.plan_label.setText(self._planned_text())
        self._paint(ClockSignal.NEUTRAL)

    def tick(self) -> None:
        """Read the clock and repaint (called every second by the timer)."""
        if not self._running or self._started_at is None or self._planned_start is None:
            self._show_idle()
            return
        self._timing = item_timing(
            now=self._now(),
            item_started_at=self._started_at,
            time_box_minutes=self._time_box_minutes,
            planned_start=self._planned_start,
            planned_end=self._planned_end,
        )
        timing = self._timing
        self.elapsed_label.setText(format_duration(timing.elapsed))
        self.box_label.setText(
            _("Time box {minutes} · {remaining}").format(
                minutes=format_minutes(self._time_box_minutes), remaining=describe_remaining(timing)
            )
        )
        planned = self._planned_text()
        offset = describe_plan_offset(timing.plan_offset_minutes)
        self.plan_label.setText(f"{offset} · {planned}" if offset else planned)
        self._paint(timing.signal)

    def _paint(self, signal: ClockSignal) -> None:
        if self.property("signal") == signal.value:
            return  # restyling every second would be wasted work
        background, foreground = SIGNAL_COLOURS[signal]
        self.setProperty("signal", signal.value)
        self.setStyleSheet(
            f"QFrame#meetingClock {{ background: {background}; border-radius: 6px; }}"
            f" QFrame#meetingClock QLabel {{ color: {foreground}; background: transparent; }}"
        )
