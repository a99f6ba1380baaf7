"""Who took part, in the minutes: arrival and leaving times in the attendance table, and
under each item who did not take part in it because of a conflict of interest."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph

from visitation_app.documents import styles
from visitation_app.documents.blocks import (
    attendance_label,
    cell,
    clock,
    data_table,
    participants_table,
)
from visitation_app.documents.layout import CONTENT_WIDTH
from visitation_app.documents.text import clean, label_of, markup
from visitation_app.domain.records import AgendaItemRecord, ParticipantRecord
from visitation_app.domain.vocabulary import ParticipantRole
from visitation_app.i18n import _, pgettext

TIME_WIDTH = 13 * mm


def has_times(participants: Sequence[ParticipantRecord]) -> bool:
    return any(p.arrived_at is not None or p.left_at is not None for p in participants)


def attendance_table(participants: Sequence[ParticipantRecord], zone: dt.tzinfo) -> Flowable:
    """Who was there; with 'Arrived' and 'Left' columns once anyone came late or left early.

    An empty time means the whole meeting: there from the start, or to the end.
    """
    if not has_times(participants):
        return participants_table(participants, attendance=True)
    head = [
        _("Name"),
        _("Role"),
        _("Organisation"),
        pgettext("attendance", "Attendance"),
        pgettext("attendance", "Arrived"),
        pgettext("attendance", "Left"),
    ]
    widths = [46 * mm, 32 * mm, 0.0, 24 * mm, TIME_WIDTH, TIME_WIDTH]
    widths[2] = CONTENT_WIDTH - sum(widths)
    rows = []
    for person in participants:
        style = styles.CELL_SMALL if person.present is None else styles.CELL
        rows.append(
            [
                cell(markup(person.name)),
                cell(markup(label_of(ParticipantRole, person.role))),
                cell(markup(person.organisation)),
                cell(markup(attendance_label(person.present)), style),
                cell(markup(clock(person.arrived_at, zone) if person.arrived_at else "")),
                cell(markup(clock(person.left_at, zone) if person.left_at else "")),
            ]
        )
    return data_table(head, rows, widths)


def conflict_lines(item: AgendaItemRecord, participants: Sequence[ParticipantRecord]) -> list[str]:
    """'Deltog ikke (inhabil): Søren Ærø – nabo til borgeren', one per person."""
    names = {person.id: clean(person.name).strip() for person in participants}
    lines = []
    for conflict in item.conflicts:
        name = names.get(conflict.participant_id)
        if not name:
            continue
        reason = " ".join(clean(conflict.reason).split())
        if reason:
            line = _("Did not take part (disqualified): {name} – {reason}").format(
                name=name, reason=reason
            )
        else:
            line = _("Did not take part (disqualified): {name}").format(name=name)
        lines.append(line)
    return lines


def conflict_flowables(
    item: AgendaItemRecord, participants: Sequence[ParticipantRecord]
) -> list[Flowable]:
    """The item's conflicts of interest as paragraphs under its heading (none: nothing)."""
    return [Paragraph(markup(line), styles.BODY) for line in conflict_lines(item, participants)]
