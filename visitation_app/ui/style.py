"""A modest look on top of the platform's own style: readable text, the banner, invalid fields.

The native style stays in charge (buttons, tables and dialogs look like the user's other
programs); this only raises a too-small default font and styles the few things of our own.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QLabel, QTableView, QWidget

MIN_POINT_SIZE = 10

INVALID_BORDER = "#c0392b"

STYLESHEET = f"""
QLabel#lockedBanner {{
    background: #fdf2d0;
    color: #4d3800;
    border: 1px solid #e0c060;
    border-radius: 4px;
    padding: 6px 10px;
    font-weight: bold;
}}
QLabel#formError {{
    color: {INVALID_BORDER};
}}
QLabel#emptyHint {{
    color: palette(mid);
    padding: 24px;
}}
QLabel#sectionHint {{
    color: palette(dark);
}}
QLabel#agendaTotal {{
    font-weight: bold;
}}
*[invalid="true"] {{
    border: 2px solid {INVALID_BORDER};
}}
"""


def apply_style(app: QApplication) -> None:
    """Install the stylesheet and make sure body text is at least MIN_POINT_SIZE points."""
    font = QFont(app.font())
    if 0 < font.pointSizeF() < MIN_POINT_SIZE:
        font.setPointSizeF(MIN_POINT_SIZE)
        app.setFont(font)
    app.setStyleSheet(STYLESHEET)


def mark_invalid(widget: QWidget, problem: str | None) -> None:
    """Show (or clear) a field's problem: a red border and the sentence as its tooltip."""
    widget.setProperty("invalid", problem is not None)
    widget.setToolTip(problem or "")
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)


def clear_invalid(widgets: Iterable[QWidget]) -> None:
    """Take the problem marks (ours and the autosaver's) off fields about to show new content."""
    for widget in widgets:
        if widget.property("invalid"):
            widget.setStyleSheet("")
            mark_invalid(widget, None)


def compact_rows(table: QTableView) -> None:
    """Rows as tall as one line of text plus a little air (the default is generous)."""
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)


def form_error_label() -> QLabel:
    """The hidden, word-wrapped line under a form where a refused value is explained."""
    label = QLabel()
    label.setObjectName("formError")
    label.setWordWrap(True)
    label.hide()
    return label
