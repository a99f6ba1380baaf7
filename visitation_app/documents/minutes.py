"""The minutes (referat): attendance, every item with its decision, the summaries, approval.

Until the meeting's status is "approved" the minutes are a draft, and every page says so.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph

from visitation_app.documents import styles
from visitation_app.documents.blocks import (
    cell,
    clock,
    data_table,
    facts_table,
    participants_table,
    table_heading,
    time_range,
    title_block,
)
from visitation_app.documents.layout import CONTENT_WIDTH, DocumentRenderer
from visitation_app.documents.minutes_items import actions_table, item_story
from visitation_app.documents.text import has_text, label_of, markup, text_flowables
from visitation_app.domain.records import EventRecord, MeetingDossier
from visitation_app.domain.vocabulary import (
    CommitteeArea,
    MeetingEventKind,
    MeetingStatus,
    Outcome,
)
from visitation_app.formatting import format_date_long, format_money, format_weekday_date
from visitation_app.i18n import _

NUMBER_WIDTH = 14 * mm
OUTCOME_WIDTH = 42 * mm
COST_WIDTH = 36 * mm


def render_minutes(dossier: MeetingDossier) -> bytes:
    """The meeting's minutes as PDF bytes: a marked draft unless the minutes are approved."""
    return MinutesRenderer(dossier).render()


class MinutesRenderer(DocumentRenderer):
    @property
    def is_draft(self) -> bool:
        return self.meeting.status != MeetingStatus.APPROVED

    @property
    def document_type(self) -> str:
        return _("Minutes")

    def header_label(self) -> str:
        return _("Minutes – DRAFT") if self.is_draft else self.document_type

    def footer_note(self) -> str:
        if self.is_draft:
            return _("Draft: these minutes are not approved")
        approvals = self._events(MeetingEventKind.APPROVED)
        if approvals:
            return _("Minutes approved {date}").format(
                date=format_date_long(self.local(approvals[-1].at).date())
            )
        return super().footer_note()

    def story(self) -> list[Flowable]:
        story: list[Flowable] = [*title_block(self.header_label(), self.meeting.title)]
        if self.is_draft:
            story.append(
                Paragraph(
                    markup(_("DRAFT – the minutes are not approved and may still change.")),
                    styles.DRAFT_NOTICE,
                )
            )
        story += [
            self._meeting_facts(),
            *table_heading(_("Attendance")),
            participants_table(self.dossier.participants, attendance=True),
        ]
        if not self.dossier.items:
            story.append(Paragraph(markup(_("The agenda has no items.")), styles.BODY_ITALIC))
        for item in self.dossier.items:
            story += item_story(item, self.zone, draft=self.is_draft)
        story += self._decisions_summary()
        story += self._actions_summary()
        story += self._approval()
        return story

    # The meeting ----------------------------------------------------------------------

    def _meeting_facts(self) -> Flowable:
        meeting = self.meeting
        started = self._events(MeetingEventKind.STARTED)
        ended = self._events(MeetingEventKind.ENDED)
        held = ""
        if started and ended:
            held = time_range(started[0].at, ended[-1].at, self.zone)
        elif started:
            held = _("started {time}").format(time=clock(started[0].at, self.zone))
        return facts_table(
            [
                (_("Committee area"), markup(label_of(CommitteeArea, meeting.area))),
                (_("Date"), markup(format_weekday_date(meeting.meeting_date))),
                (
                    _("Planned time"),
                    markup(time_range(self.dossier.starts_at, self.dossier.ends_at, self.zone)),
                ),
                (_("Held"), markup(held)),
                (_("Place"), markup(meeting.location)),
                (_("Chair"), markup(meeting.chair_name)),
                (_("Status"), markup(self._status())),
            ]
        )

    def _status(self) -> str:
        approvals = self._events(MeetingEventKind.APPROVED)
        if self.is_draft:
            return _("Draft, not approved")
        if approvals:
            return self._approved_sentence(approvals[-1])
        return label_of(MeetingStatus, self.meeting.status)

    def _events(self, kind: MeetingEventKind) -> list[EventRecord]:
        return [event for event in self.dossier.events if event.kind == kind]

    # Summaries ------------------------------------------------------------------------

    def _decisions_summary(self) -> list[Flowable]:
        items = [
            item
            for item in self.dossier.items
            if item.is_case or (item.decision and not item.decision.is_empty)
        ]
        heading = table_heading(_("Decisions of the meeting"))
        if not items:
            note = _("The meeting made no decisions.")
            return [*heading, Paragraph(markup(note), styles.BODY_ITALIC)]
        rows = []
        for item in items:
            who = item.case.citizen_name if item.case else item.title
            outcome = label_of(Outcome, item.decision.outcome if item.decision else None)
            cost = item.decision.annual_cost_ore if item.decision else None
            outcome_cell: list[Flowable] = [
                cell(markup(outcome), styles.CELL_BOLD)
                if outcome
                else cell(markup(_("No decision")), styles.CELL_SMALL)
            ]
            if item.check is not None and item.check.overridden:
                outcome_cell.append(cell(markup(_("Decided despite gaps")), styles.CELL_SMALL))
            rows.append(
                [
                    cell(f"{item.number}."),
                    cell(markup(who)),
                    outcome_cell,
                    cell(markup(format_money(cost)), styles.CELL_RIGHT),
                ]
            )
        total = [
            cell(""),
            cell(markup(_("Total annual cost of the decisions")), styles.CELL_BOLD),
            cell(""),
            cell(markup(format_money(self.dossier.total_annual_cost_ore)), styles.CELL_BOLD_RIGHT),
        ]
        widths = [
            NUMBER_WIDTH,
            CONTENT_WIDTH - NUMBER_WIDTH - OUTCOME_WIDTH - COST_WIDTH,
            OUTCOME_WIDTH,
            COST_WIDTH,
        ]
        head = [_("Item"), _("Citizen"), _("Outcome"), _("Annual cost")]
        table = data_table(head, rows, widths, right_aligned=(3,), total=total)
        return [*heading, table]

    def _actions_summary(self) -> list[Flowable]:
        heading = table_heading(_("All action items"))
        if not self.dossier.actions:
            note = Paragraph(markup(_("No action items were recorded.")), styles.BODY_ITALIC)
            return [*heading, note]
        numbers = {item.id: item.number for item in self.dossier.items}
        return [*heading, actions_table(self.dossier.actions, numbers)]

    # Approval -------------------------------------------------------------------------

    def _approval(self) -> list[Flowable]:
        story: list[Flowable] = [Paragraph(markup(_("Approval")), styles.HEADING_1)]
        for event in self.dossier.events:
            if event.kind == MeetingEventKind.APPROVED:
                story.append(Paragraph(markup(self._approved_sentence(event)), styles.BODY))
            elif event.kind == MeetingEventKind.REOPENED:
                story += self._reopened(event)
        if self.is_draft:
            story.append(
                Paragraph(
                    markup(_("These minutes are a draft and have not been approved.")),
                    styles.BODY_ITALIC,
                )
            )
        # The section is short: one page, unless a very long reason makes it longer.
        return [KeepTogether(story)]

    def _when(self, event: EventRecord) -> dict[str, str]:
        moment = self.local(event.at)
        return {"date": format_date_long(moment.date()), "time": clock(moment, self.zone)}

    def _approved_sentence(self, event: EventRecord) -> str:
        if event.by_name.strip():
            return _("The minutes were approved on {date} at {time} by {name}.").format(
                name=event.by_name.strip(), **self._when(event)
            )
        return _("The minutes were approved on {date} at {time}.").format(**self._when(event))

    def _reopened(self, event: EventRecord) -> list[Flowable]:
        if event.by_name.strip():
            sentence = _("The meeting was reopened on {date} at {time} by {name}.").format(
                name=event.by_name.strip(), **self._when(event)
            )
        else:
            sentence = _("The meeting was reopened on {date} at {time}.").format(
                **self._when(event)
            )
        if not has_text(event.reason):
            return [Paragraph(markup(sentence), styles.BODY)]
        reason_label = markup(_("Reason:"))
        lead = f"{markup(sentence)} <b>{reason_label}</b>"
        return text_flowables(event.reason, styles.BODY, lead=lead)
