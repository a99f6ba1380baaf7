"""What a deletion after the retention period did, in sentences for the window and the CLI."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from visitation_app.i18n import _, ngettext

if TYPE_CHECKING:
    from visitation_app.services.retention import DeletionReport

_KINDS: dict[str, Callable[[int], str]] = {
    "case": lambda n: ngettext("{count} case", "{count} cases", n),
    "agenda_item": lambda n: ngettext(
        "{count} item on an agenda not yet held", "{count} items on agendas not yet held", n
    ),
    "agenda_item_kept": lambda n: ngettext(
        "{count} item of a meeting held emptied", "{count} items of meetings held emptied", n
    ),
    "decision": lambda n: ngettext("{count} decision", "{count} decisions", n),
    "involvement_note": lambda n: ngettext(
        "{count} answer of the citizen", "{count} answers of the citizen", n
    ),
    "assessment": lambda n: ngettext(
        "{count} functional assessment", "{count} functional assessments", n
    ),
    "conflict": lambda n: ngettext(
        "{count} conflict of interest", "{count} conflicts of interest", n
    ),
    "action_item": lambda n: ngettext("{count} action item", "{count} action items", n),
    "participant": lambda n: ngettext("{count} participant", "{count} participants", n),
    "package_base": lambda n: ngettext(
        "{count} copy of an exchanged meeting package", "{count} copies of meeting packages", n
    ),
    "audit_entry": lambda n: ngettext(
        "{count} entry of the audit trail", "{count} entries of the audit trail", n
    ),
}


def count_phrase(kind: str, count: int) -> str:
    """'3 sager' for the kind of record as counted in a deletion record."""
    phrase = _KINDS.get(kind)
    text = phrase(count) if phrase else f"{{count}} {kind}"
    return text.format(count=count)


def report_lines(report: DeletionReport) -> list[str]:
    """Every point of the report as one sentence, the most important first."""
    order = [*_KINDS, *(kind for kind in report.counts if kind not in _KINDS)]
    details = ", ".join(
        count_phrase(kind, report.counts[kind]) for kind in order if report.counts.get(kind)
    )
    lines = [
        ngettext(
            "The data of {count} citizen is deleted: {details}.",
            "The data of {count} citizens is deleted: {details}.",
            report.citizens,
        ).format(count=report.citizens, details=details),
        _("The deletion is recorded as number {id}, without personal data.").format(
            id=report.record_id
        ),
    ]
    if report.counts.get("agenda_item_kept"):
        lines.append(
            _(
                "On meetings that were held, the case's item keeps its place as 'Case deleted "
                "after the retention period', so the numbering of the minutes stays."
            )
        )
    if report.minutes_redone:
        lines.append(
            _(
                "The approved minutes of these meetings were made again without the citizen "
                "and replace the approved copy: {meetings}. Their budget figures are those "
                "from before the deletion."
            ).format(meetings="; ".join(report.minutes_redone))
        )
    if report.participants_left:
        lines.append(
            ngettext(
                "{count} person on a citizen's side (relative, bisidder, interpreter) at the "
                "same meetings could not be tied to the citizen and was kept. Check the "
                "participants of those meetings.",
                "{count} people on a citizen's side (relatives, bisiddere, interpreters) at "
                "the same meetings could not be tied to the citizen and were kept. Check the "
                "participants of those meetings.",
                report.participants_left,
            ).format(count=report.participants_left)
        )
    if report.mentions_left:
        lines.append(
            _(
                "The name or CPR number is still written here: {places}. Change those texts "
                "if they are about the citizen."
            ).format(places="; ".join(report.mentions_left))
        )
    lines.append(
        _("The database file was rebuilt: the deleted data is no longer in it.")
        if report.compacted
        else _(
            "The deleted rows are overwritten in the database file, but its log of recent "
            "changes could not be emptied because the file is in use. It is emptied when "
            "the program closes."
        )
    )
    lines += _backup_lines(report)
    return lines


def _backup_lines(report: DeletionReport) -> list[str]:
    lines = []
    removed = len(report.backups_removed)
    if removed:
        lines.append(
            ngettext(
                "{count} automatic backup from before the deletion still held the data and "
                "was deleted.",
                "{count} automatic backups from before the deletion still held the data and "
                "were deleted.",
                removed,
            ).format(count=removed)
        )
    if report.fresh_backup is not None:
        lines.append(
            _("A new backup without the deleted data was made: {path}").format(
                path=report.fresh_backup
            )
        )
    else:
        lines.append(_("No new backup could be made (see the log file). Make a backup now."))
    if report.other_copies:
        lines.append(
            _(
                "These copies beside the database were made before a migration or a restore "
                "and still hold the data: {paths}. Delete them when you no longer need them."
            ).format(paths=", ".join(str(path) for path in report.other_copies))
        )
    lines.append(
        _(
            "Backups, exports, meeting packages and PDFs you saved yourself before the "
            "deletion still hold the data: delete those by hand."
        )
    )
    return lines
