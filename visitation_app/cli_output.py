"""How the command line prints lists: aligned tables for people, JSON for programs."""

from __future__ import annotations

from collections.abc import Sequence

from visitation_app.domain.vocabulary import CommitteeArea, MeetingStatus, Outcome
from visitation_app.formatting import format_date_short, format_time
from visitation_app.i18n import _
from visitation_app.services.letters import DecisionRow
from visitation_app.services.meetings import MeetingRow


def meeting_as_json(row: MeetingRow, decision_ids: Sequence[int] = ()) -> dict[str, object]:
    return {
        "id": row.id,
        "date": row.meeting_date.isoformat(),
        "start_time": row.start_time.strftime("%H:%M"),
        "title": row.title,
        "area": row.area,
        "area_label": CommitteeArea(row.area).label,
        "status": row.status,
        "status_label": MeetingStatus(row.status).label,
        "items": row.item_count,
        "decisions": list(decision_ids),
    }


def aligned_table(header: Sequence[str], lines: Sequence[Sequence[str]], numeric: set[int]) -> str:
    """Aligned columns under a header line and a rule; `numeric` columns right-aligned."""
    widths = [max(len(line[column]) for line in [header, *lines]) for column in range(len(header))]

    def render(cells: Sequence[str]) -> str:
        parts = [
            cell.rjust(widths[i]) if i in numeric else cell.ljust(widths[i])
            for i, cell in enumerate(cells)
        ]
        return "  ".join(parts).rstrip()

    rule = "  ".join("-" * width for width in widths)
    return "\n".join([render(header), rule, *(render(line) for line in lines)])


def meetings_table(rows: Sequence[MeetingRow]) -> str:
    """The meetings as aligned columns under a header line."""
    header = (_("Id"), _("Date"), _("Time"), _("Title"), _("Area"), _("Status"), _("Items"))
    lines = [
        (
            str(row.id),
            format_date_short(row.meeting_date),
            format_time(row.start_time),
            row.title,
            CommitteeArea(row.area).label,
            MeetingStatus(row.status).label,
            str(row.item_count),
        )
        for row in rows
    ]
    return aligned_table(header, lines, numeric={0, 6})


def decision_as_json(row: DecisionRow) -> dict[str, object]:
    return {
        "id": row.decision_id,
        "meeting_id": row.meeting_id,
        "meeting_date": row.meeting_date.isoformat(),
        "item_id": row.item_id,
        "item": row.item_number,
        "citizen": row.citizen_name,
        "outcome": row.outcome,
        "outcome_label": Outcome(row.outcome).label if row.outcome else "",
        "final": row.final,
        "complete": row.complete,
    }


def _yes_no(value: bool) -> str:
    return _("Yes") if value else _("No")


def decisions_table(rows: Sequence[DecisionRow]) -> str:
    """The decisions as aligned columns: the id first, as the 'letter' command wants it."""
    header = (
        _("Id"), _("Meeting"), _("Date"), _("Item"), _("Citizen"), _("Outcome"),
        _("Final"), _("Complete"),
    )  # fmt: skip
    lines = [
        (
            str(row.decision_id),
            str(row.meeting_id),
            format_date_short(row.meeting_date),
            str(row.item_number),
            row.citizen_name,
            Outcome(row.outcome).label if row.outcome else _("Nothing decided yet"),
            _yes_no(row.final),
            _yes_no(row.complete),
        )
        for row in rows
    ]
    return aligned_table(header, lines, numeric={0, 1, 3})
