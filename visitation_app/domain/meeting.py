"""The life of a meeting: planned → in progress → held → minutes approved (→ reopened)."""

from __future__ import annotations

from visitation_app.domain.errors import MeetingLockedError, ValidationError
from visitation_app.domain.vocabulary import MeetingStatus
from visitation_app.i18n import _


def ensure_editable(status: str) -> None:
    """Raise MeetingLockedError if the minutes of a meeting in `status` are approved."""
    if status == MeetingStatus.APPROVED:
        raise MeetingLockedError(
            _("The minutes of this meeting are approved. Reopen the meeting to change it.")
        )


def status_after_start(status: str) -> MeetingStatus:
    ensure_editable(status)
    return MeetingStatus.IN_PROGRESS


def status_after_end(status: str) -> MeetingStatus:
    ensure_editable(status)
    if status == MeetingStatus.HELD:
        raise ValidationError(_("The meeting has already ended."))
    return MeetingStatus.HELD


def status_after_approval(status: str) -> MeetingStatus:
    if status == MeetingStatus.APPROVED:
        raise MeetingLockedError(_("The minutes of this meeting are already approved."))
    return MeetingStatus.APPROVED


def status_after_reopen(status: str, reason: str) -> MeetingStatus:
    if status != MeetingStatus.APPROVED:
        raise ValidationError(_("Only a meeting with approved minutes can be reopened."))
    if not reason.strip():
        raise ValidationError(
            _("Write why the meeting is reopened; the reason is printed in the minutes."),
            field="reason",
        )
    return MeetingStatus.HELD
