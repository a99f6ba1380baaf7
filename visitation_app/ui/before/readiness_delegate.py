"""The agenda's item column: the title, and under a case's title how far it is prepared.

A case line gets a second line: a green tick and "Klar", or an amber mark and
"Mangler: resumé, lovgrundlag". The whole list of points is in the line's tooltip.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRect, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from visitation_app.ui.before.agenda_model import READINESS_ROLE, READY_ROLE

Index = QModelIndex | QPersistentModelIndex

READY_COLOUR = QColor("#1e7b34")
MISSING_COLOUR = QColor("#9a5800")  # a dark amber that stays readable on white
_MISSING_MARK = QColor("#e89a00")
PADDING = 3


def status_mark(ready: bool, size: int) -> QPixmap:
    """A round mark `size` pixels wide: a white tick on green, or a "!" on amber."""
    ratio = 2.0
    pixmap = QPixmap(round(size * ratio), round(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(READY_COLOUR if ready else _MISSING_MARK)
    painter.drawEllipse(QRect(0, 0, size, size).adjusted(0, 0, -1, -1))
    pen = QPen(QColor("white"), max(1.5, size / 8))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    if ready:
        tick = QPainterPath(QPointF(size * 0.27, size * 0.52))
        tick.lineTo(size * 0.43, size * 0.68)
        tick.lineTo(size * 0.73, size * 0.34)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(tick)
    else:
        painter.drawLine(QPointF(size / 2, size * 0.24), QPointF(size / 2, size * 0.56))
        painter.drawPoint(QPointF(size / 2, size * 0.75))
    painter.end()
    return pixmap


class ReadinessDelegate(QStyledItemDelegate):
    """Paints a case line's title with its readiness under it; other lines as usual."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._marks: dict[tuple[bool, int], QPixmap] = {}

    def _mark(self, ready: bool, size: int) -> QPixmap:
        key = (ready, size)
        if key not in self._marks:
            self._marks[key] = status_mark(ready, size)
        return self._marks[key]

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        hint = super().sizeHint(option, index)
        line = option.fontMetrics.height()
        lines = 2 if index.data(READINESS_ROLE) else 1
        return QSize(hint.width(), lines * line + (lines + 1) * PADDING + 4)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        status = index.data(READINESS_ROLE)
        if not status:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        title = opt.text
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else None
        if style is None:
            return
        # Background, selection and focus as the style draws them; the text is ours.
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        text_rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
        # The margin the style leaves around an item's text, so both lines line up with it.
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) + 1
        text_rect.adjust(margin, 0, -margin, 0)
        metrics = opt.fontMetrics
        line = metrics.height()
        top = option.rect.top() + (option.rect.height() - 2 * line - PADDING) // 2
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        group = (
            QPalette.ColorGroup.Active
            if opt.state & QStyle.StateFlag.State_Active
            else QPalette.ColorGroup.Inactive
        )
        text_colour = opt.palette.color(
            group, QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        painter.save()
        painter.setFont(opt.font)
        painter.setPen(text_colour)
        first = QRect(text_rect.left(), top, text_rect.width(), line)
        painter.drawText(
            first,
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            metrics.elidedText(title, Qt.TextElideMode.ElideRight, first.width()),
        )
        ready = bool(index.data(READY_ROLE))
        size = max(10, line - 4)
        second_top = top + line + PADDING
        mark_top = second_top + (line - size) // 2
        painter.drawPixmap(text_rect.left(), mark_top, self._mark(ready, size))
        second = QRect(text_rect.left() + size + 5, second_top, text_rect.width() - size - 5, line)
        if not selected:
            painter.setPen(READY_COLOUR if ready else MISSING_COLOUR)
        painter.drawText(
            second,
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            metrics.elidedText(status, Qt.TextElideMode.ElideRight, second.width()),
        )
        painter.restore()
