"""The citizen's screen: a second window for a projector or a second screen.

It follows the item the chair is on in 'Under mødet' and shows, in large plain Danish,
only what `domain.citizen_view` allows: the current citizen's own part of the agenda,
what is discussed now and what has been decided for them. The page is built from that
content alone, so the privacy rules are those of the domain module (tested there and here).

The window opens on a second screen, full screen, when there is one; otherwise as an
ordinary window beside the chair's. F11 switches full screen on and off, Esc leaves it.
It never takes the keyboard from the chair's window when it opens.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont, QGuiApplication, QKeyEvent, QScreen
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from visitation_app.domain.citizen_view import (
    EVERYONE,
    CitizenScreenContent,
    build_citizen_screen,
    key_of_item,
)
from visitation_app.domain.errors import UserError
from visitation_app.domain.records import MeetingDossier
from visitation_app.formatting import format_time
from visitation_app.i18n import _
from visitation_app.services.dossier import load_dossier
from visitation_app.store.database import Database
from visitation_app.ui.clock import Now, system_now

log = logging.getLogger(__name__)

SHORTCUT = "Ctrl+B"
REVEAL_SHORTCUT = "Ctrl+Shift+B"
TICK_MS = 1000
RELOAD_TICKS = 10  # reload from the database every 10 s: changes made in other views show
BACKGROUND, TEXT, ACCENT, MUTED = "#0b1f33", "#ffffff", "#ffd54f", "#c9d4df"

Locate = Callable[[], tuple[int | None, int | None]]
"""Where the chair is: (meeting id, current item id), either None."""

STYLESHEET = f"""
QWidget#citizenScreen {{ background: {BACKGROUND}; }}
QLabel {{ color: {TEXT}; background: transparent; }}
QLabel[role="heading"], QLabel[role="current"] {{ color: {ACCENT}; }}
QLabel[role="muted"] {{ color: {MUTED}; }}
QFrame#rule {{ background: {ACCENT}; border: none; }}
"""


def choose_screen(screens: list[QScreen], own: QScreen | None) -> QScreen | None:
    """A screen other than the chair's (the projector), or None when there is only one."""
    return next((screen for screen in screens if screen is not own), None)


def _label(role: str = "", *, wrap: bool = True) -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)  # names are text, never markup
    label.setWordWrap(wrap)
    if role:
        label.setProperty("role", role)
    return label


class CitizenScreen(QWidget):
    """The window the citizen looks at; shows `build_citizen_screen` of where the chair is."""

    def __init__(
        self,
        db: Database,
        locate: Locate,
        parent: QWidget | None = None,
        *,
        now: Now | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self._db = db
        self._locate = locate
        self._now: Now = now or system_now
        self._shown: tuple[int | None, int | None] | None = None
        self._ticks = 0
        self.content: CitizenScreenContent | None = None
        # The citizen the chair showed the screen to (see `reveal`); everyone until then.
        self.revealed: str | None = EVERYONE
        self.setObjectName("citizenScreen")
        self.setWindowTitle(_("Citizen screen"))
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setStyleSheet(STYLESHEET)
        self.setMinimumSize(480, 320)

        self.title_label = _label()
        self.subtitle_label = _label("muted")
        self.clock_label = _label("heading", wrap=False)
        self.clock_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.corner_status = _label("muted", wrap=False)  # on the citizen's page
        self.corner_status.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.status_label = _label("heading")  # large, on the neutral page
        self.now_heading = _label("heading")
        self.now_heading.setText(_("What we are talking about now"))
        self.now_label = _label()
        self.agenda_heading = _label("heading")
        self.agenda_heading.setText(_("Your part of the meeting"))
        self.agenda_grid = QGridLayout()
        self.decided_heading = _label("heading")
        self.decided_heading.setText(_("What has been decided"))
        self.decided_layout = QVBoxLayout()
        rule = QFrame()
        rule.setObjectName("rule")
        rule.setFixedHeight(3)

        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(self.title_label)
        titles.addWidget(self.subtitle_label)
        corner = QVBoxLayout()
        corner.setSpacing(2)
        corner.addWidget(self.clock_label)
        corner.addWidget(self.corner_status)
        corner.addStretch(1)
        header = QHBoxLayout()
        header.addLayout(titles, 1)
        header.addLayout(corner)

        self.agenda_box = QWidget()
        agenda = QVBoxLayout(self.agenda_box)
        agenda.setContentsMargins(0, 0, 0, 0)
        agenda.addWidget(self.agenda_heading)
        agenda.addLayout(self.agenda_grid)
        agenda.addStretch(1)
        self.decided_box = QWidget()
        decided = QVBoxLayout(self.decided_box)
        decided.setContentsMargins(0, 0, 0, 0)
        decided.addWidget(self.decided_heading)
        decided.addLayout(self.decided_layout)
        decided.addStretch(1)
        self.columns = QWidget()
        columns = QHBoxLayout(self.columns)
        columns.setContentsMargins(0, 0, 0, 0)
        columns.addWidget(self.agenda_box, 1)
        columns.addWidget(self.decided_box, 1)

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(rule)
        layout.addWidget(self.status_label)
        layout.addWidget(self.now_heading)
        layout.addWidget(self.now_label)
        layout.addWidget(self.columns)
        layout.addStretch(1)
        self._layout = layout

        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)
        self._rescale()

    # -- following the chair -----------------------------------------------------------

    def _dossier(self, meeting_id: int | None) -> MeetingDossier | None:
        if meeting_id is None:
            return None
        try:
            return load_dossier(self._db, meeting_id)
        except UserError:
            log.info("citizen screen: meeting %s could not be read", meeting_id)
            return None

    def refresh(self) -> None:
        """Reload from the database and show where the chair is now (a citizen's own page
        only for the citizen the chair revealed it to: see `reveal`)."""
        meeting_id, item_id = self._locate()
        self._shown = (meeting_id, item_id)
        self._ticks = 0
        dossier = self._dossier(meeting_id)
        if self.revealed is None:  # opened before any case: the first citizen is shown
            self.revealed = key_of_item(dossier, item_id)
        self.show_content(build_citizen_screen(dossier, item_id, self.revealed))

    def reveal(self) -> None:
        """Show the screen to the citizen whose case the chair is on now."""
        meeting_id, item_id = self._locate()
        key = key_of_item(self._dossier(meeting_id), item_id)
        if key is not None:
            self.revealed = key
        elif self.revealed == EVERYONE:  # opened on a standard item: the first citizen shows
            self.revealed = None
        self.refresh()

    def is_held(self) -> bool:
        """The chair is on another citizen's case than the one the screen was shown to."""
        meeting_id, item_id = self._locate()
        key = key_of_item(self._dossier(meeting_id), item_id)
        return key is not None and key != self.revealed

    def show_content(self, content: CitizenScreenContent) -> None:
        """Put `content` on the screen (nothing is redrawn when it is unchanged)."""
        self._show_clock()
        if content == self.content:
            return
        self.content = content
        self.title_label.setText(content.title_lines[0] if content.title_lines else "")
        self.subtitle_label.setText(" · ".join(content.title_lines[1:]))
        self.status_label.setText(content.status_line)
        self.status_label.setVisible(not content.personal)
        self.corner_status.setText(content.status_line)
        self.corner_status.setVisible(content.personal)
        self.now_heading.setVisible(bool(content.now_line))
        self.now_label.setVisible(bool(content.now_line))
        self.now_label.setText(content.now_line)
        self.columns.setVisible(content.personal)
        self._fill_agenda(content)
        self._fill_decided(content)
        self._rescale()

    def _fill_agenda(self, content: CitizenScreenContent) -> None:
        _clear(self.agenda_grid)
        for row, line in enumerate(content.agenda_lines):
            role = "current" if line.current else ("" if line.own else "muted")
            marker = _label(role, wrap=False)
            marker.setText("▶" if line.current else "")
            time = _label(role, wrap=False)
            time.setText(line.time)
            text = _label(role)
            text.setText(line.text)
            for column, label in enumerate((marker, time, text)):
                label.setProperty("textScale", "agenda")
                label.setProperty("bold", line.own)
                self.agenda_grid.addWidget(label, row, column, Qt.AlignmentFlag.AlignTop)
                label.show()  # now, not when the event loop next runs
        self.agenda_grid.setColumnStretch(2, 1)

    def _fill_decided(self, content: CitizenScreenContent) -> None:
        _clear(self.decided_layout)
        lines = content.decided_lines or (_("Nothing has been decided yet."),)
        for index, text in enumerate(lines):
            label = _label("" if content.decided_lines else "muted")
            label.setText(text)
            label.setProperty("textScale", "decided")
            label.setProperty("bold", bool(content.decided_lines) and index == 0)
            self.decided_layout.addWidget(label)
            label.show()

    def _show_clock(self) -> None:
        self.clock_label.setText(format_time(self._now()))

    def _tick(self) -> None:
        self._show_clock()
        self._ticks += 1
        if self._locate() != self._shown or self._ticks >= RELOAD_TICKS:
            self.refresh()

    # -- size and place ----------------------------------------------------------------

    def _rescale(self) -> None:
        """Fonts in proportion to the window, made smaller only when the text would not fit."""
        unit = max(11.0, min(self.height() / 30, self.width() / 52))
        while True:
            self._apply_fonts(unit)
            if unit <= 11 or self._needed_height() <= self.height():
                break
            unit *= 0.92

    def _needed_height(self) -> int:
        """The height the text needs at the window's width.

        Qt's own figure for side-by-side columns of wrapped text is too low, so the columns
        are measured one by one at the width each gets.
        """
        width = self.width()
        needed = self._layout.totalHeightForWidth(width)
        if self.columns.isVisibleTo(self):
            margins = self._layout.contentsMargins()
            inner = width - margins.left() - margins.right()
            column = (inner - self.columns.layout().spacing()) // 2
            tallest = max(
                self.agenda_box.heightForWidth(column), self.decided_box.heightForWidth(column)
            )
            needed += max(0, tallest - self.columns.heightForWidth(inner))
        return round(needed * 1.04)  # a little air: the measure is not exact to the pixel

    def _apply_fonts(self, unit: float) -> None:
        margin = round(unit * 1.4)
        self._layout.setContentsMargins(margin, round(unit), margin, round(unit))
        self._layout.setSpacing(round(unit * 0.6))
        self.columns.layout().setSpacing(round(unit * 2.5))
        self.agenda_grid.setHorizontalSpacing(round(unit * 0.6))
        self.agenda_grid.setVerticalSpacing(round(unit * 0.4))
        self.decided_layout.setSpacing(round(unit * 0.4))
        sizes = {
            self.title_label: (2.3, True),
            self.subtitle_label: (1.1, False),
            self.clock_label: (2.3, True),
            self.status_label: (1.9, True),
            self.corner_status: (1.0, False),
            self.now_heading: (1.2, True),
            self.now_label: (1.9, True),
            self.agenda_heading: (1.3, True),
            self.decided_heading: (1.3, True),
        }
        for label, (scale, bold) in sizes.items():
            label.setFont(_font(label, unit * scale, bold))
        for label in self.findChildren(QLabel):
            size = label.property("textScale")
            if size in ("agenda", "decided"):
                scale = 1.3 if size == "agenda" else 1.45
                label.setFont(_font(label, unit * scale, bool(label.property("bold"))))

    def resizeEvent(self, event) -> None:  # noqa: ANN001 - QResizeEvent
        super().resizeEvent(event)
        self._rescale()

    def place(self, anchor: QWidget) -> None:
        """Show the window: full screen on a screen other than `anchor`'s, if there is one."""
        target = choose_screen(QGuiApplication.screens(), anchor.screen())
        if target is not None:
            self.setGeometry(target.geometry())
            self.create()
            handle = self.windowHandle()
            if handle is not None:
                handle.setScreen(target)
            self.showFullScreen()
        else:
            area = anchor.screen().availableGeometry() if anchor.screen() else None
            if area is not None:
                self.resize(round(area.width() * 0.6), round(area.height() * 0.6))
            self.showNormal()
        anchor.activateWindow()  # the chair goes on typing in their own window
        self._timer.start()
        self.refresh()

    def toggle_full_screen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_F11:
            self.toggle_full_screen()
        elif event.key() == Qt.Key.Key_Escape and self.isFullScreen():
            self.showNormal()
        else:
            super().keyPressEvent(event)

    def hideEvent(self, event) -> None:  # noqa: ANN001 - QHideEvent
        self._timer.stop()
        super().hideEvent(event)

    def visible_texts(self) -> list[str]:
        """The text of every label shown on the screen now."""
        return [label.text() for label in self.findChildren(QLabel) if label.isVisibleTo(self)]


def _font(label: QLabel, pixels: float, bold: bool) -> QFont:
    font = QFont(label.font())
    font.setPixelSize(max(8, round(pixels)))
    font.setBold(bold)
    return font


def _clear(layout: QGridLayout | QVBoxLayout) -> None:
    while layout.count():
        widget = layout.takeAt(0).widget()
        if widget is not None:  # out of the window at once, not only when deleted later
            widget.setParent(None)
            widget.deleteLater()
