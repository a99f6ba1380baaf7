"""The decision letter (afgørelsesbrev): what the renderer is handed to write to the citizen."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from visitation_app.domain.completeness import ComplaintGuidance, DecisionCheck
from visitation_app.domain.records import (
    AgendaItemRecord,
    CaseRecord,
    DecisionRecord,
    MeetingRecord,
)
from visitation_app.domain.vocabulary import Outcome


@dataclass(frozen=True)
class DecisionLetter:
    """One decision on one case item, with its legal check, and the date the letter bears.

    The decision date is the meeting date; the letter is dated when the decision became
    final, never before the meeting. The complaint period runs from when the citizen
    receives the decision (Retssikkerhedsloven § 67), so the letter counts it from its own
    date (digital post arrives the day it is sent), never from an earlier meeting day.
    """

    meeting: MeetingRecord
    item: AgendaItemRecord
    letter_date: dt.date

    def __post_init__(self) -> None:
        item = self.item
        if item.case is None or item.decision is None or item.check is None:
            raise ValueError("a decision letter needs a case item with a decision and its check")
        if not item.decision.outcome:
            raise ValueError("a decision letter needs a decision with an outcome")

    @property
    def case(self) -> CaseRecord:
        assert self.item.case is not None
        return self.item.case

    @property
    def decision(self) -> DecisionRecord:
        assert self.item.decision is not None
        return self.item.decision

    @property
    def check(self) -> DecisionCheck:
        assert self.item.check is not None
        return self.item.check

    @property
    def outcome(self) -> Outcome:
        return Outcome(self.decision.outcome)

    @property
    def decided_on(self) -> dt.date:
        return self.meeting.meeting_date

    @property
    def guidance(self) -> ComplaintGuidance | None:
        """The complaint guidance; its deadline counts from the letter's date (the check's
        notification date, the same day)."""
        return self.check.guidance

    @property
    def is_final(self) -> bool:
        """Only a final decision may be sent, and only while nothing has come to lack since
        (a gap the chair did not override makes the letter a draft again)."""
        return self.check.settled
