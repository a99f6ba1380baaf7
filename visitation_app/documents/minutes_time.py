"""Time in the minutes: under each item the time actually used and who took part, and at
the end the meeting's planned against actual minutes and person-minutes per case.

Only meetings run with the clock (meeting mode, or Start in 'Under mødet') have time
recorded; for others these parts are left out. A stretch still going on (minutes exported
during the meeting) counts up to `now`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, TableStyle

from visitation_app.documents import styles
from visitation_app.documents.blocks import DASH, cell, data_table, table_heading
from visitation_app.documents.layout import CONTENT_WIDTH
from visitation_app.documents.text import clean, markup
from visitation_app.domain.records import AgendaItemRecord, MeetingDossier, ParticipantRecord
from visitation_app.domain.timing import CaseTime, item_time, meeting_time
from visitation_app.formatting import format_minutes
from visitation_app.i18n import _, ngettext

ITEMS_WIDTH = 16 * mm
MINUTES_WIDTH = 26 * mm  # room for "−2 t. 44 min." in bold on one line
PERSON_WIDTH = 30 * mm  # and for the head "Personminutter"


def _now(now: dt.datetime | None) -> dt.datetime:
    return now if now is not None else dt.datetime.now(dt.UTC)


def signed_minutes(minutes: int) -> str:
    """'+3 min.', '−2 min.' or '0 min.' (a real minus sign)."""
    if minutes > 0:
        return "+" + format_minutes(minutes)
    if minutes < 0:
        return "−" + format_minutes(-minutes)
    return format_minutes(0)


def item_time_lines(
    item: AgendaItemRecord,
    participants: Sequence[ParticipantRecord],
    now: dt.datetime | None = None,
) -> list[str]:
    """'Brugt 23 min. (planlagt 20 min.) · 92 personminutter' and 'Deltog: …' (plain text).

    Nothing for an item no time was recorded on.
    """
    timing = item_time(item, participants, _now(now))
    if not timing.timed:
        return []
    used = _("Used {used} (planned {planned})").format(
        used=format_minutes(timing.used_minutes), planned=format_minutes(timing.planned_minutes)
    )
    person = ngettext("{count} person-minute", "{count} person-minutes", timing.person_minutes)
    person = person.format(count=timing.person_minutes)
    names = ", ".join(" ".join(clean(p.name).split()) for p in timing.took_part)
    return [
        f"{used} · {person}",
        _("Took part: {names}").format(names=names or DASH),
    ]


def item_time_flowables(
    item: AgendaItemRecord,
    participants: Sequence[ParticipantRecord],
    now: dt.datetime | None = None,
) -> list[Flowable]:
    """The item's time and who took part, as paragraphs under its heading."""
    return [
        Paragraph(markup(line), styles.ITEM_TIME)
        for line in item_time_lines(item, participants, now)
    ]


def time_summary(dossier: MeetingDossier, now: dt.datetime | None = None) -> list[Flowable]:
    """Planned against actual minutes and person-minutes per case, with the meeting's total."""
    summary = meeting_time(dossier, _now(now))
    if not summary.timed:
        return []
    rows = [_case_row(case) for case in summary.cases]
    total = [
        cell(markup(_("The whole meeting")), styles.CELL_BOLD),
        cell(""),
        *(
            cell(markup(text), styles.CELL_BOLD_RIGHT)
            for text in (
                format_minutes(summary.planned_minutes),
                format_minutes(summary.used_minutes),
                signed_minutes(summary.used_minutes - summary.planned_minutes),
                str(summary.person_minutes),
            )
        ),
    ]
    widths = [
        CONTENT_WIDTH - ITEMS_WIDTH - 3 * MINUTES_WIDTH - PERSON_WIDTH,
        ITEMS_WIDTH,
        *(MINUTES_WIDTH,) * 3,
        PERSON_WIDTH,
    ]
    head = [
        _("Case"),
        _("Items"),
        _("Planned"),
        _("Used"),
        _("Difference"),
        _("Person-minutes"),
    ]
    table = data_table(head, rows, widths, right_aligned=(2, 3, 4, 5), total=total)
    table.setStyle(TableStyle([("NOSPLIT", (0, -2), (-1, -1))]))
    note = _(
        "Used: the time the meeting spent on the items, without pauses. Person-minutes: "
        "for each item, the minutes every participant was present while it was dealt with, "
        "added up; a participant who was disqualified from an item does not count in it."
    )
    return [
        *table_heading(_("Time used")),
        table,
        Paragraph(markup(note), styles.SMALL),
    ]


def _case_row(case: CaseTime) -> list[Paragraph]:
    if case.case_id is None:
        name = markup(_("Other items"))
    elif case.reference.strip():
        name = f"{markup(case.citizen_name)} <font size=8>({markup(case.reference)})</font>"
    else:
        name = markup(case.citizen_name)
    return [
        cell(name),
        cell(markup(", ".join(str(number) for number in case.item_numbers))),
        *(
            cell(markup(text), styles.CELL_RIGHT)
            for text in (
                format_minutes(case.planned_minutes),
                format_minutes(case.used_minutes),
                signed_minutes(case.difference_minutes),
                str(case.person_minutes),
            )
        ),
    ]
