"""The meeting's decisions against the area's budget frame, in one line under the clock.

'Budget Ældre 2026: Dette møde 29.097,21 kr. · Året i alt … · Ramme … | Tilbage …'. The
remainder turns red with "Over rammen med …" when the year's decisions pass the frame.
The figures come from `services.budget.meeting_budget`, the same sums the minutes and the
budget report print; the panel is refreshed after every saved decision.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from visitation_app.domain.budget import FrameStatus
from visitation_app.domain.errors import UserError
from visitation_app.domain.vocabulary import CommitteeArea
from visitation_app.formatting import format_money
from visitation_app.i18n import _
from visitation_app.services import budget as budget_service
from visitation_app.services import meetings as meeting_service
from visitation_app.store.database import Database
from visitation_app.ui.budget_frames import BudgetFramesDialog

OVER_COLOUR = "#b3261e"


def _pair(name: str, ore: int) -> str:
    """'Ramme:&nbsp;2.000.000,00&nbsp;kr.' – a name and its amount never wrap apart."""
    text = _("{name}: {amount}").format(name=name, amount=format_money(ore))
    return escape(text).replace(" ", "&nbsp;")


class BudgetPanel(QFrame):
    """This meeting, the year's committed total, the frame and what is left of it."""

    frames_changed = Signal()
    """A budget frame was added, changed or removed from the panel's button."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("budgetPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self._db = db
        self._meeting_id: int | None = None
        self._area = ""
        self.status: FrameStatus | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.refresh)

        self.title = QLabel()
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.figures = QLabel()
        self.figures.setTextFormat(Qt.TextFormat.RichText)
        self.figures.setWordWrap(True)
        self.left = QLabel()
        self.left.setObjectName("budgetLeft")
        self.left.setTextFormat(Qt.TextFormat.PlainText)
        self.frames_button = QPushButton(_("Frames…"))
        self.frames_button.setToolTip(_("Set the budget frame of each area and year."))
        self.frames_button.clicked.connect(self.edit_frames)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 3, 4, 3)
        layout.addWidget(self.title)
        layout.addWidget(self.figures, 1)
        layout.addWidget(self.left)
        layout.addWidget(self.frames_button)

    def set_meeting(self, meeting_id: int | None) -> None:
        self._meeting_id = meeting_id
        self.refresh()

    def schedule_refresh(self) -> None:
        """Refresh once the current round of saving is over (several fields save at once)."""
        self._timer.start()

    def refresh(self) -> None:
        self._timer.stop()
        if self._meeting_id is None:
            self.status = None
            self.hide()
            return
        try:
            self._area = meeting_service.get_meeting(self._db, self._meeting_id).area
            self.status = budget_service.meeting_budget(self._db, self._meeting_id)
        except UserError:  # the meeting was deleted meanwhile: the view shows that itself
            self.status = None
            self.hide()
            return
        self._show(self.status)
        self.show()

    def is_over(self) -> bool:
        return self.status is not None and self.status.over

    def _show(self, status: FrameStatus) -> None:
        area = CommitteeArea(self._area).label
        self.title.setText(_("Budget {area} {year}:").format(area=area, year=status.year))
        pairs = [
            _pair(_("This meeting"), status.this_meeting_ore),
            _pair(_("Committed this year"), status.committed_ore),
        ]
        if status.frame_ore is not None:
            pairs.append(_pair(_("Frame"), status.frame_ore))
        self.figures.setText(" · ".join(pairs))
        left = status.left_ore
        if left is None:
            text = _("No budget frame set for {area} {year}").format(area=area, year=status.year)
            style = "color: palette(dark);"
        elif left < 0:
            text = _("Over the frame by {amount}").format(amount=format_money(-left))
            style = f"color: {OVER_COLOUR}; font-weight: bold;"
        else:
            text = _("Left: {amount}").format(amount=format_money(left))
            style = "font-weight: bold;"
        self.left.setText(text)
        self.left.setStyleSheet(style)
        self.setProperty("over", status.over)
        self.setStyleSheet(
            f"QFrame#budgetPanel {{ border: 2px solid {OVER_COLOUR}; background: #fdecea; }}"
            if status.over
            else ""
        )
        self.setToolTip(
            _(
                "The decisions that take effect in {year}, from the day they take effect to "
                "31 December, set against the frame of {area} for {year}."
            ).format(year=status.year, area=area)
        )

    def edit_frames(self) -> None:
        year = self.status.year if self.status else None
        dialog = BudgetFramesDialog(self._db, self, area=self._area or None, year=year)
        dialog.exec()
        if dialog.changed:
            self.refresh()
            self.frames_changed.emit()
