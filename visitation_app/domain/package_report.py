"""What an import of a meeting package did, in words the command line and the window share."""

from __future__ import annotations

from dataclasses import dataclass

from visitation_app.domain.package_merge import (
    BOTH_CHANGED,
    DELETED_HERE,
    DELETED_THERE,
    FIXED,
    NO_BASE,
)
from visitation_app.i18n import _, ngettext


def reason_text(reason: str) -> str:
    """Why a conflict is one, and what was done about it."""
    if reason == BOTH_CHANGED:
        return _("Changed on both computers since the last exchange; the value here is kept.")
    if reason == NO_BASE:
        return _(
            "The meeting was not exchanged with this computer before, so it is not known "
            "which value is newer; the value here is kept."
        )
    if reason == FIXED:
        return _("This cannot change once recorded; the value here is kept.")
    if reason == DELETED_HERE:
        return _("Deleted here but changed on the other computer since; it stays deleted.")
    if reason == DELETED_THERE:
        return _("Deleted on the other computer but changed here since; it is kept.")
    return reason


@dataclass(frozen=True)
class ConflictReport:
    """A conflict as shown: which record and field, both values (as text) and why."""

    record: str
    field: str
    local: str
    incoming: str
    reason: str

    def __str__(self) -> str:
        if not self.field:
            return f"{self.record}: {reason_text(self.reason)}"
        return _("{record}, {field}: here {local}, in the package {incoming}. {why}").format(
            record=self.record,
            field=self.field,
            local=self.local,
            incoming=self.incoming,
            why=reason_text(self.reason),
        )


@dataclass(frozen=True)
class ImportReport:
    meeting_id: int
    meeting_title: str
    new_meeting: bool
    added: int
    updated: int
    unchanged: int
    deleted: int
    conflicts: tuple[ConflictReport, ...] = ()
    drafts: tuple[str, ...] = ()

    def headline(self) -> str:
        if self.new_meeting:
            return _("The meeting “{title}” was imported as a new meeting.").format(
                title=self.meeting_title
            )
        return _("The meeting “{title}” was updated from the package.").format(
            title=self.meeting_title
        )

    def counts(self) -> str:
        return _(
            "Records added: {added}, changed: {updated}, unchanged: {unchanged}, "
            "deleted: {deleted}."
        ).format(
            added=self.added,
            updated=self.updated,
            unchanged=self.unchanged,
            deleted=self.deleted,
        )

    def conflict_heading(self) -> str:
        if not self.conflicts:
            return _("No conflicts.")
        return ngettext(
            "{count} conflict: the value on this computer is kept.",
            "{count} conflicts: the values on this computer are kept.",
            len(self.conflicts),
        ).format(count=len(self.conflicts))

    def lines(self) -> list[str]:
        """The whole report, one line each: headline, counts, conflicts, drafts."""
        lines = [self.headline(), self.counts(), self.conflict_heading()]
        lines += [f"  {conflict}" for conflict in self.conflicts]
        lines += list(self.drafts)
        return lines
