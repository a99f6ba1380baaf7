"""The widgets of meeting mode and where they sit: the large clock panels, the labels, the
buttons; the behaviour lives in meeting_mode.py.

Meeting mode is read from across a table, so every text is sized from the window's size
(`MeetingModeUi.scale`), and the clock digits shrink only when they would not fit.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from visitation_app.domain.clock import ClockSignal
from visitation_app.i18n import _
from visitation_app.ui.clock import SIGNAL_COLOURS
from visitation_app.ui.during.meeting_mode_screen import Reading
from visitation_app.ui.shortcuts import key_text

BACKGROUND, TEXT, MUTED = "#17202a", "#ffffff", "#aab7c4"
PANEL_COLOURS = {
    **SIGNAL_COLOURS,
    ClockSignal.NEUTRAL: ("#2c3e50", "#ffffff"),  # calm on the dark window; amber/red as usual
}
PAUSE_COLOURS = ("#f5b041", "#1b1b1b")
PAUSE_STYLE = (
    f"background: {PAUSE_COLOURS[0]}; color: {PAUSE_COLOURS[1]}; border-radius: 6px;"
    " padding: 2px 12px;"
)

# Child selectors (>) only: a dialog opened over meeting mode keeps the ordinary look.
STYLESHEET = f"""
QWidget#meetingMode {{ background: {BACKGROUND}; }}
QWidget#meetingMode > QLabel {{ color: {TEXT}; background: transparent; }}
QWidget#meetingMode > QLabel[role="muted"] {{ color: {MUTED}; }}
QWidget#meetingMode > QPushButton {{
    background: #34495e; color: {TEXT}; border: 1px solid #5d6d7e; border-radius: 6px;
    padding: 0.3em 0.9em;
}}
QWidget#meetingMode > QPushButton:disabled {{ color: #6c7a89; border-color: #3d4f61; }}
QWidget#meetingMode > QPushButton:hover {{ background: #41596f; }}
QWidget#meetingMode > QPushButton#primary {{ background: #1f7a4d; border-color: #2ecc71; }}
"""


def label(role: str = "", *, wrap: bool = True) -> QLabel:
    """A plain-text label (item titles are user text, never markup)."""
    widget = QLabel()
    widget.setTextFormat(Qt.TextFormat.PlainText)
    widget.setWordWrap(wrap)
    if role:
        widget.setProperty("role", role)
    return widget


def set_pixel_size(widget: QWidget, pixels: int, *, bold: bool = False) -> None:
    font = QFont(widget.font())
    font.setPixelSize(max(int(pixels), 8))
    font.setBold(bold)
    widget.setFont(font)


class ClockPanel(QFrame):
    """A caption over a large time and a line under it, coloured by the clock's signal."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.caption_label = label(wrap=True)
        self.time_label = label(wrap=False)
        self.detail_label = label(wrap=True)
        for widget in (self.caption_label, self.time_label, self.detail_label):
            widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.time_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        font = QFont(self.time_label.font())
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setFamilies(["DejaVu Sans Mono", "Consolas", "Menlo", "monospace"])
        font.setBold(True)
        self.time_label.setFont(font)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.caption_label)
        layout.addWidget(self.time_label)
        layout.addWidget(self.detail_label)
        layout.addStretch(1)
        self._time_pixels = 96
        self._signal: ClockSignal | None = None
        self._paused = False
        self._paint(ClockSignal.NEUTRAL, paused=False)

    @property
    def signal(self) -> ClockSignal:
        return self._signal or ClockSignal.NEUTRAL

    def show_reading(self, reading: Reading, *, paused: bool = False) -> None:
        self.caption_label.setText(reading.caption)
        self.detail_label.setText(reading.detail)
        self.detail_label.setVisible(bool(reading.detail))
        if self.time_label.text() != reading.time:
            self.time_label.setText(reading.time)
            self._fit_time()
        self._paint(reading.signal, paused=paused)

    def set_scale(self, time_pixels: int, text_pixels: int) -> None:
        """Digits of `time_pixels` (less if they would not fit), captions of `text_pixels`."""
        self._time_pixels = time_pixels
        set_pixel_size(self.caption_label, text_pixels, bold=True)
        set_pixel_size(self.detail_label, int(text_pixels * 0.85))
        self.layout().setContentsMargins(*(int(text_pixels * 0.6),) * 4)
        self._fit_time()

    def resizeEvent(self, event) -> None:  # noqa: ANN001 - QResizeEvent
        super().resizeEvent(event)
        self._fit_time()

    def _fit_time(self) -> None:
        """The largest size up to the scale at which the time fits the panel's width."""
        font = QFont(self.time_label.font())
        font.setPixelSize(self._time_pixels)
        text = self.time_label.text() or "00:00"
        width = max(self.contentsRect().width() - 16, 50)
        advance = QFontMetrics(font).horizontalAdvance(text)
        if advance > width:
            font.setPixelSize(max(int(self._time_pixels * width / advance), 12))
        self.time_label.setFont(font)

    def _paint(self, signal: ClockSignal, *, paused: bool) -> None:
        if self._signal == signal and self._paused == paused:
            return  # restyling every second would be wasted work
        self._signal, self._paused = signal, paused
        background, foreground = PANEL_COLOURS[signal]
        border = PAUSE_COLOURS[0] if paused else background
        self.setProperty("signal", signal.value)
        name = self.objectName()
        self.setStyleSheet(
            f"QFrame#{name} {{ background: {background}; border-radius: 12px;"
            f" border: 4px {'dashed' if paused else 'solid'} {border}; }}"
            f" QFrame#{name} QLabel {{ color: {foreground}; background: transparent; }}"
        )


def _button() -> QPushButton:
    button = QPushButton()
    # The keyboard belongs to the window's shortcuts: Space must never press a button.
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return button


class MeetingModeUi:
    """The widgets of meeting mode and where they sit on `window` (the behaviour is there).

    Top: the meeting and its state; the item's place and plan; the item's title. Middle:
    the item clock beside the meeting clock. Bottom: the next item, the buttons, the keys.
    """

    def __init__(self, window: QWidget) -> None:
        self.header_label = label("muted")
        self.state_label = label(wrap=False)
        self.state_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.position_label = label("muted")
        self.title_label = label()
        self.item_clock = ClockPanel("itemClock")
        self.meeting_clock = ClockPanel("meetingClock")
        self.next_label = label()
        self.hint_label = label("muted")
        self.previous_button = _button()
        self.toggle_button = _button()
        self.toggle_button.setObjectName("primary")
        self.next_button = _button()
        self.end_button = _button()
        self.full_screen_button = _button()
        self.overview_button = _button()
        self.close_button = _button()

        top = QHBoxLayout()
        top.addWidget(self.header_label, 1)
        top.addWidget(self.state_label)
        clocks = QHBoxLayout()
        clocks.addWidget(self.item_clock, 3)
        clocks.addWidget(self.meeting_clock, 2)
        buttons = QHBoxLayout()
        for button in (self.previous_button, self.toggle_button, self.next_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        for button in self.buttons()[3:]:
            buttons.addWidget(button)
        self.previous_button.setText("◀  " + _("Previous item"))
        self.next_button.setText(_("Next item") + "  ▶")
        self.end_button.setText(_("End the meeting"))
        self.full_screen_button.setText(_("Full screen"))
        self.overview_button.setText(_("Shortcuts") + "  ?")
        self.close_button.setText(_("Close"))
        self.hint_label.setText(
            "   ·   ".join(
                f"{key_text(keys)}: {text}"
                for keys, text in (
                    ("Space", _("start/pause")),
                    ("Right", _("next")),
                    ("Left", _("previous")),
                    ("F11", _("full screen")),
                    ("F1", _("all shortcuts")),
                )
            )
        )

        self.layout = QVBoxLayout(window)
        self.layout.addLayout(top)
        self.layout.addWidget(self.position_label)
        self.layout.addWidget(self.title_label)
        self.layout.addLayout(clocks, 1)
        self.layout.addWidget(self.next_label)
        self.layout.addLayout(buttons)
        self.layout.addWidget(self.hint_label)

    def buttons(self) -> tuple[QPushButton, ...]:
        return (
            self.previous_button,
            self.toggle_button,
            self.next_button,
            self.end_button,
            self.full_screen_button,
            self.overview_button,
            self.close_button,
        )

    def scale(self, unit: float) -> None:
        """Pixel sizes for a 1366×768 window, times `unit`."""
        set_pixel_size(self.header_label, int(24 * unit))
        set_pixel_size(self.state_label, int(26 * unit), bold=True)
        set_pixel_size(self.position_label, int(24 * unit))
        set_pixel_size(self.title_label, int(40 * unit), bold=True)
        set_pixel_size(self.next_label, int(28 * unit))
        set_pixel_size(self.hint_label, int(17 * unit))
        for button in self.buttons():
            set_pixel_size(button, int(20 * unit))
        self.item_clock.set_scale(int(190 * unit), int(28 * unit))
        self.meeting_clock.set_scale(int(110 * unit), int(24 * unit))
        margin = int(18 * unit)
        self.layout.setContentsMargins(margin, margin, margin, margin)
        self.layout.setSpacing(int(10 * unit))
