"""What the citizen's screen (a projector or second screen) may show, in plain Danish.

The screen follows the item the chair is on. On a case item it shows that citizen's own
part of the meeting and nothing else: their own item(s) of the agenda, what is discussed
now and what has been decided for them, in everyday words. Every other case is at most a
neutral count ("2 andre borgeres sager"), standard items appear by their kind only (a
typed title could name someone), and on a standard item the page is neutral: the meeting,
the day and whether it is going on.

Privacy by construction: only the citizen's name, what they applied for and the plain
parts of their own decision (outcome, service, extent, dates, what is missing) are ever
read. CPR numbers, notes, justifications, legal bases and costs are never read, and any
CPR-like number in the free text read is blanked as well.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from visitation_app.domain.records import AgendaItemRecord, DecisionRecord, MeetingDossier
from visitation_app.domain.timing import is_paused
from visitation_app.domain.vocabulary import AgendaItemKind, MeetingStatus, Outcome
from visitation_app.formatting import format_date_long, format_time, format_weekday_date
from visitation_app.i18n import _, ngettext

# Ten digits as DDMMYY-XXXX (with or without the dash or a space): a CPR number. The dash
# may be one a word processor made (en dash, non-breaking hyphen, minus), the space a
# non-breaking one.
_CPR_LIKE = re.compile(r"(?<!\d)\d{6}[-\u2010\u2011\u2012\u2013\u2212 \u00a0\u202f]?\d{4}(?!\d)")
CPR_BLANKED = "******-****"


@dataclass(frozen=True)
class AgendaLine:
    """One line of the citizen's agenda: the planned time and what happens."""

    time: str
    text: str
    own: bool = False  # one of the citizen's own items
    current: bool = False  # being discussed now


@dataclass(frozen=True)
class CitizenScreenContent:
    """Everything the citizen's screen shows; nothing else may appear on it."""

    title_lines: tuple[str, ...]
    status_line: str
    now_line: str = ""
    agenda_lines: tuple[AgendaLine, ...] = ()
    decided_lines: tuple[str, ...] = ()
    personal: bool = False
    """True on a citizen's own page; False on the neutral page."""

    def texts(self) -> tuple[str, ...]:
        """Every piece of text on the screen (the privacy tests read this)."""
        return (
            *self.title_lines,
            self.status_line,
            self.now_line,
            *(line.time for line in self.agenda_lines),
            *(line.text for line in self.agenda_lines),
            *self.decided_lines,
        )


def blank_cpr(text: str) -> str:
    """`text` with anything that looks like a CPR number replaced by stars."""
    return _CPR_LIKE.sub(CPR_BLANKED, text)


def citizen_key(item: AgendaItemRecord | None) -> str | None:
    """Who the item is about (the CPR number, else the case); None for a standard item."""
    if item is None or not item.is_case or item.case is None:
        return None
    return _digits(item.case.cpr) or f"case {item.case.id}"


def key_of_item(dossier: MeetingDossier | None, item_id: int | None) -> str | None:
    if dossier is None:
        return None
    return citizen_key(next((item for item in dossier.items if item.id == item_id), None))


EVERYONE = "*"  # `revealed` value that shows any citizen (tests, and the screen's first open)


def build_citizen_screen(
    dossier: MeetingDossier | None, current_item_id: int | None, revealed: str | None = EVERYONE
) -> CitizenScreenContent:
    """The screen for the meeting in `dossier` while the chair is on `current_item_id`.

    A citizen's own page is shown only for the citizen the chair has revealed the screen
    to (`revealed`, a `citizen_key`): when the chair moves on to the next citizen, the
    screen stays neutral until the chair shows it to them, so the citizen still in the
    room never sees the next one's name.
    """
    if dossier is None:
        return CitizenScreenContent(title_lines=(_("The meeting"),), status_line="")
    current = next((item for item in dossier.items if item.id == current_item_id), None)
    if current is None or not current.is_case or current.case is None:
        return _neutral_page(dossier, current)
    if revealed != EVERYONE and citizen_key(current) != revealed:
        return _neutral_page(dossier, None)
    own = _own_items(dossier, current)
    content = CitizenScreenContent(
        title_lines=(
            current.case.citizen_name,
            dossier.meeting.title,
            format_weekday_date(dossier.meeting.meeting_date),
        ),
        status_line=_status(dossier),
        now_line=_case_line(current),
        agenda_lines=_agenda(dossier, current, own),
        decided_lines=_decided(own),
        personal=True,
    )
    return _without_cpr(content)


def _neutral_page(
    dossier: MeetingDossier, current: AgendaItemRecord | None
) -> CitizenScreenContent:
    """The meeting and whether it is going on: no citizen, no case."""
    now = ""
    if current is not None and not current.is_case:
        now = AgendaItemKind(current.kind).label
    content = CitizenScreenContent(
        title_lines=(dossier.meeting.title, format_weekday_date(dossier.meeting.meeting_date)),
        status_line=_status(dossier),
        now_line=now,
    )
    return _without_cpr(content)


def _status(dossier: MeetingDossier) -> str:
    status = dossier.meeting.status
    if status == MeetingStatus.PLANNED:
        return _("The meeting begins at {time}").format(time=format_time(dossier.starts_at))
    if status == MeetingStatus.IN_PROGRESS:
        if is_paused(event.kind for event in dossier.events):
            return _("We are taking a break")
        return _("The meeting is in progress")
    return _("The meeting is over")


def _digits(cpr: str) -> str:
    return "".join(ch for ch in cpr if ch.isdigit())


def _own_items(dossier: MeetingDossier, current: AgendaItemRecord) -> tuple[AgendaItemRecord, ...]:
    """The items of the current citizen: the same case, or another case with the same CPR."""
    assert current.case is not None
    cpr = _digits(current.case.cpr)

    def is_own(item: AgendaItemRecord) -> bool:
        if not item.is_case or item.case is None:
            return False
        if item.case.id == current.case.id:
            return True
        return bool(cpr) and _digits(item.case.cpr) == cpr

    return tuple(item for item in dossier.items if is_own(item))


def _case_line(item: AgendaItemRecord) -> str:
    """'Din sag: Personlig pleje morgen og aften'."""
    # The first line only: what follows is the case worker's detail, not the headline.
    what = item.case.applied_for.strip().splitlines()[0].strip() if item.case else ""
    if what:
        return _("Your case: {what}").format(what=what)
    return _("Your case")


def _agenda(
    dossier: MeetingDossier, current: AgendaItemRecord, own: tuple[AgendaItemRecord, ...]
) -> tuple[AgendaLine, ...]:
    """The agenda with the citizen's own items; other cases as one neutral line per run."""
    own_ids = {item.id for item in own}
    lines: list[AgendaLine] = []
    others: list[AgendaItemRecord] = []

    def close_run() -> None:
        if others:
            count = len(others)
            text = ngettext(
                "Another citizen's case", "{count} other citizens' cases", count
            ).format(count=count)
            lines.append(AgendaLine(format_time(others[0].slot.starts_at), text))
            others.clear()

    for item in dossier.items:
        if item.id in own_ids:
            close_run()
            lines.append(
                AgendaLine(
                    format_time(item.slot.starts_at),
                    _case_line(item),
                    own=True,
                    current=item.id == current.id,
                )
            )
        elif item.is_case:
            others.append(item)
        else:
            close_run()
            lines.append(
                AgendaLine(format_time(item.slot.starts_at), AgendaItemKind(item.kind).label)
            )
    close_run()
    return tuple(lines)


def _decided(own: tuple[AgendaItemRecord, ...]) -> tuple[str, ...]:
    """What has been decided for the citizen, item by item; nothing for an item without an
    outcome."""
    decided = [item for item in own if item.decision is not None and item.outcome is not None]
    lines: list[str] = []
    for item in decided:
        if len(own) > 1:  # say which of the citizen's cases it is about
            lines.append(_case_line(item))
        lines.extend(decision_in_plain_words(item))
    return tuple(lines)


def decision_in_plain_words(item: AgendaItemRecord) -> tuple[str, ...]:
    """The decision on `item` as the citizen is told it; () while there is no outcome."""
    decision = item.decision
    outcome = item.outcome
    if decision is None or outcome is None:
        return ()
    what = _lower_first(decision.service.strip() or (item.case.applied_for if item.case else ""))
    if outcome == Outcome.POSTPONED:
        return _postponed(decision)
    if outcome == Outcome.REFERRED:
        first = (
            _("Your application is to be decided elsewhere: {what}.").format(what=what)
            if what
            else _("Your application is to be decided elsewhere.")
        )
        return (first,)
    if outcome == Outcome.GRANTED:
        first = (
            _("You are granted {what}.").format(what=what)
            if what
            else _("You are granted what you applied for.")
        )
    elif outcome == Outcome.PARTLY_GRANTED:
        first = (
            _("You are granted part of what you applied for: {what}.").format(what=what)
            if what
            else _("You are granted part of what you applied for.")
        )
    elif outcome == Outcome.REFUSED:
        first = (
            _("You are not granted {what}.").format(what=what)
            if what
            else _("You are not granted what you applied for.")
        )
    else:  # Outcome.STOPPED_OR_CHANGED
        first = (
            _("Your help changes: {what}.").format(what=what) if what else _("Your help changes.")
        )
    lines = [first]
    if decision.extent.strip() and outcome != Outcome.REFUSED:
        lines.append(_("How much: {extent}").format(extent=decision.extent.strip()))
    if decision.valid_from is not None and outcome != Outcome.REFUSED:
        lines.append(
            _("It applies from {date}.").format(date=format_date_long(decision.valid_from))
        )
    if decision.review_date is not None and outcome != Outcome.REFUSED:
        lines.append(
            _("We will look at it again around {date}.").format(
                date=format_date_long(decision.review_date)
            )
        )
    if outcome == Outcome.GRANTED:
        lines.append(_("You will also get the decision in a letter."))
    else:
        lines.append(_("You will get a letter saying why, and how you can complain."))
    return tuple(lines)


def _postponed(decision: DecisionRecord) -> tuple[str, ...]:
    lines = [_("We need to know more before we can decide.")]
    if decision.missing_information.strip():
        lines.append(
            _("What we are missing: {what}").format(what=decision.missing_information.strip())
        )
    if decision.missing_by is not None:
        lines.append(
            _("We expect to have it by {date}.").format(date=format_date_long(decision.missing_by))
        )
    return tuple(lines)


def _lower_first(text: str) -> str:
    """'Praktisk hjælp' → 'praktisk hjælp' to sit inside a sentence; 'BPA' stays."""
    text = text.strip().rstrip(".")
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def _without_cpr(content: CitizenScreenContent) -> CitizenScreenContent:
    return CitizenScreenContent(
        title_lines=tuple(blank_cpr(line) for line in content.title_lines),
        status_line=blank_cpr(content.status_line),
        now_line=blank_cpr(content.now_line),
        agenda_lines=tuple(
            AgendaLine(line.time, blank_cpr(line.text), line.own, line.current)
            for line in content.agenda_lines
        ),
        decided_lines=tuple(blank_cpr(line) for line in content.decided_lines),
        personal=content.personal,
    )
