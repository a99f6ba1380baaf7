"""The banner every phase shows when a meeting's minutes are approved and it is locked."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from visitation_app.i18n import _


def locked_banner(parent: QWidget | None = None, text: str | None = None) -> QLabel:
    """A hidden-by-default strip saying the meeting is locked and how to unlock it."""
    banner = QLabel(
        text
        or _(
            "The minutes are approved – the meeting is locked. "
            "Reopen it under 'After the meeting' to change it."
        ),
        parent,
    )
    banner.setObjectName("lockedBanner")
    banner.setWordWrap(True)
    banner.setAlignment(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft)
    banner.setStyleSheet(
        "QLabel#lockedBanner { background: #fdf2d0; color: #4d3800; border: 1px solid #e0c060;"
        " border-radius: 4px; padding: 6px 10px; font-weight: bold; }"
    )
    banner.setVisible(False)
    return banner
