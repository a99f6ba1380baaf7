"""Errors a user can cause; their message is a sentence fit to show as it is."""

from __future__ import annotations


class UserError(Exception):
    """Something the user can fix; `str(error)` says what happened and what to do."""


class ValidationError(UserError):
    """A value that does not fit its field."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class MeetingLockedError(UserError):
    """The meeting's minutes are approved; it must be reopened before it is changed."""


class NotFoundError(UserError):
    """A meeting, case or item that does not exist (any more)."""
