"""The minutes (referat): attendance, every item with its decision, the summaries, approval.

Until the meeting's status is "approved" the minutes are a draft, and every page says so.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, TableStyle

from visitation_app.catalog.tariffs import Tariff
from visitation_app.documents import styles
from visitation_app.documents.blocks import (
    Cell,
    cell,
    clock,
    data_table,
    facts_table,
    table_heading,
    time_range,
    title_block,
)
from visitation_app.documents.economy import (
    CELL_SMALL_RIGHT,
    frame_rows,
    has_economy,
    item_cost,
    over_sentence,
)
from visitation_app.documents.layout import CONTENT_WIDTH, DocumentRenderer
from visitation_app.documents.minutes_items import actions_table, item_story
from visitation_app.documents.minutes_participation import attendance_table
from visitation_app.documents.minutes_time import time_summary
from visitation_app.documents.text import has_text, label_of, markup, text_flowables
from visitation_app.domain.budget import DecisionCost, FrameStatus
from visitation_app.domain.budget_report import effect_in_year, full_year_effect
from visitation_app.domain.records import AgendaItemRecord, EventRecord, MeetingDossier
from visitation_app.domain.vocabulary import (
    CommitteeArea,
    MeetingEventKind,
    MeetingStatus,
    Outcome,
)
from visitation_app.formatting import format_date_long, format_money, format_weekday_date
from visitation_app.i18n import _

NUMBER_WIDTH = 14 * mm
OUTCOME_WIDTH = 36 * mm
COST_WIDTH = 32 * mm
BUDGET_LABEL_WIDTH = 62 * mm


def render_minutes(
    dossier: MeetingDossier,
    budget: FrameStatus | None = None,
    *,
    tariffs: Mapping[int, Tariff] | None = None,
    full_cpr: bool = False,
) -> bytes:
    """The meeting's minutes as PDF bytes: a marked draft unless the minutes are approved.

    `budget`: the meeting's decisions against its area's frame (`services.budget.
    meeting_budget`); without it the minutes have no budget section. `tariffs`: the tariff
    that priced each decision, by agenda item id. CPR numbers are masked (010190-xxxx)
    unless `full_cpr`.
    """
    return MinutesRenderer(dossier, budget, tariffs or {}, full_cpr=full_cpr).render()


class MinutesRenderer(DocumentRenderer):
    def __init__(
        self,
        dossier: MeetingDossier,
        budget: FrameStatus | None = None,
        tariffs: Mapping[int, Tariff] | None = None,
        *,
        full_cpr: bool = False,
    ) -> None:
        super().__init__(dossier)
        self.budget = budget
        self.full_cpr = full_cpr
        self.tariffs = tariffs or {}
        self.costs = {item.id: item_cost(item, dossier.meeting) for item in dossier.items}

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
            attendance_table(self.dossier.participants, self.zone),
        ]
        if not self.dossier.items:
            story.append(Paragraph(markup(_("The agenda has no items.")), styles.BODY_ITALIC))
        for item in self.dossier.items:
            story += item_story(
                item,
                self.zone,
                draft=self.is_draft,
                cost=self.costs[item.id],
                tariff=self.tariffs.get(item.id),
                participants=self.dossier.participants,
                full_cpr=self.full_cpr,
            )
        story += self._decisions_summary()
        story += time_summary(self.dossier)
        if self.budget is not None:
            story += budget_section(self.budget, self.costs.values())
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
        """Every decision with its outcome, full-year effect and cost in the meeting's year."""
        items = [
            item
            for item in self.dossier.items
            if item.is_case or (item.decision and not item.decision.is_empty)
        ]
        heading = table_heading(_("Decisions of the meeting"))
        if not items:
            note = _("The meeting made no decisions.")
            return [*heading, Paragraph(markup(note), styles.BODY_ITALIC)]
        year = self.budget.year if self.budget else self.meeting.meeting_date.year
        rows = []
        for item in items:
            rows.append(
                [
                    cell(f"{item.number}."),
                    cell(markup(item.case.citizen_name if item.case else item.title)),
                    self._outcome_cell(item),
                    *self._money_cells(item, year),
                ]
            )
        costs = [self.costs[item.id] for item in items]
        in_year = effect_in_year(costs, year)
        total = [
            cell(""),
            cell(markup(_("Total")), styles.CELL_BOLD),
            cell(""),
            cell(markup(format_money(sum(map(full_year_effect, costs)))), styles.CELL_BOLD_RIGHT),
            cell(markup(format_money(in_year.this_year_ore)), styles.CELL_BOLD_RIGHT),
        ]
        widths = [
            NUMBER_WIDTH,
            CONTENT_WIDTH - NUMBER_WIDTH - OUTCOME_WIDTH - 2 * COST_WIDTH,
            OUTCOME_WIDTH,
            COST_WIDTH,
            COST_WIDTH,
        ]
        head = [
            _("Item"),
            _("Citizen"),
            _("Outcome"),
            _("Full-year effect"),
            _("In {year}").format(year=year),
        ]
        table = data_table(head, rows, widths, right_aligned=(3, 4), total=total)
        # The total row never stands alone at the top of a page: it keeps the last line.
        table.setStyle(TableStyle([("NOSPLIT", (0, -2), (-1, -1))]))
        return [*heading, table]

    @staticmethod
    def _outcome_cell(item: AgendaItemRecord) -> list[Flowable]:
        outcome = label_of(Outcome, item.decision.outcome if item.decision else None)
        flowables = [
            cell(markup(outcome), styles.CELL_BOLD)
            if outcome
            else cell(markup(_("No decision")), styles.CELL_SMALL)
        ]
        if item.check is not None and item.check.overridden:
            flowables.append(cell(markup(_("Decided despite gaps")), styles.CELL_SMALL))
        return flowables

    def _money_cells(self, item: AgendaItemRecord, year: int) -> list[Cell]:
        """The full-year effect, and the cost in `year` (or the year it counts in instead)."""
        cost = self.costs[item.id]
        if item.decision is None or not has_economy(item.decision, cost):
            return [cell(""), cell("")]
        full_year = [cell(markup(format_money(full_year_effect(cost))), styles.CELL_RIGHT)]
        if cost.overridden:
            full_year.append(cell(markup(_("set by hand")), CELL_SMALL_RIGHT))
        if cost.budget_year is None or cost.budget_year == year:
            in_year: Cell = cell(markup(format_money(cost.in_year(year))), styles.CELL_RIGHT)
        else:
            later = _("counts in {year}").format(year=cost.budget_year)
            in_year = cell(markup(later), CELL_SMALL_RIGHT)
        return [full_year, in_year]

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


def budget_section(budget: FrameStatus, costs: Iterable[DecisionCost]) -> list[Flowable]:
    """The meeting's decisions against the frame of its area and year.

    What this meeting's decisions cost in the year and in a full year, what all the area's
    meetings have committed in the year, the frame and what is left; a marked warning when
    the year's decisions go over the frame.
    """
    costs = list(costs)
    year = budget.year
    effect = effect_in_year(costs, year)
    rows = [
        (
            _("This meeting's decisions in {year}").format(year=year),
            _amount(budget.this_meeting_ore),
        ),
        (_("Their full-year effect"), _amount(effect.full_year_ore)),
        *frame_rows(year, budget.frame_ore, budget.committed_ore),
    ]
    story: list[Flowable] = [
        *table_heading(_("Budget {year}").format(year=year)),
        facts_table(rows, label_width=BUDGET_LABEL_WIDTH),
    ]
    over = over_sentence(year, budget.frame_ore, budget.committed_ore)
    if over:
        story.append(Spacer(1, 4))
        story.append(Paragraph(markup(over), styles.DRAFT_NOTICE))
    later = sorted({cost.budget_year for cost in costs if cost.budget_year not in (None, year)})
    for other in later:
        elsewhere = effect_in_year(costs, other)
        if elsewhere.this_year_ore or elsewhere.full_year_ore:
            note = _(
                "Decisions taking effect in {year} count in that year's budget: {amount} "
                "in {year} (full-year effect {full_year})."
            ).format(
                year=other,
                amount=format_money(elsewhere.this_year_ore),
                full_year=format_money(elsewhere.full_year_ore),
            )
            story += [Spacer(1, 4), Paragraph(markup(note), styles.BODY)]
    explanation = _(
        "A decision counts in the budget year it takes effect, from its valid-from date "
        "(or the meeting day) to 31 December; the full-year effect is what it changes in a "
        "whole year. A reduction or a stopped service counts as a negative amount."
    )
    story.append(Paragraph(markup(explanation), styles.SMALL))
    return story


def _amount(ore: int) -> str:
    return markup(format_money(ore))
