"""One agenda item in the minutes: facts, the citizen's voice, notes, decision and actions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from visitation_app.documents import styles
from visitation_app.documents.blocks import (
    SeparatorRule,
    cell,
    data_table,
    facts_table,
    time_range,
)
from visitation_app.documents.layout import CONTENT_WIDTH
from visitation_app.documents.text import (
    has_text,
    label_of,
    markup,
    text_flowables,
    too_long_inline,
)
from visitation_app.domain.records import ActionRecord, AgendaItemRecord, DecisionRecord
from visitation_app.domain.validation import mask_cpr
from visitation_app.domain.vocabulary import AgendaItemKind, CitizenParticipation, Outcome
from visitation_app.formatting import (
    format_date_long,
    format_date_short,
    format_minutes,
    format_money,
)
from visitation_app.i18n import _

ITEM_GAP = 16.0  # above the rule that starts an item; dropped at the top of a page
OWNER_WIDTH = 46 * mm
DUE_WIDTH = 26 * mm

# A part of an item: its flowables, and how many of the first must share a page.
Section = tuple[list[Flowable], int]


def item_story(item: AgendaItemRecord, zone: dt.tzinfo) -> list[Flowable]:
    """Everything the minutes record about one agenda item, in the order it was handled."""
    heading = [
        SeparatorRule(space_before=ITEM_GAP),
        Paragraph(
            markup(_("{number}. {title}").format(number=item.number, title=_title(item))),
            styles.HEADING_1,
        ),
        Paragraph(
            markup(
                _("Planned {times} · time box {minutes}").format(
                    times=time_range(item.slot.starts_at, item.slot.ends_at, zone),
                    minutes=format_minutes(item.time_box_minutes),
                )
            ),
            styles.ITEM_TIME,
        ),
    ]
    sections: list[Section] = []
    if item.case is not None:
        sections += [
            _case_facts(item),
            _section(_("Case summary"), item.case.summary),
            _citizen_perspective(item),
        ]
    sections.append(_section(_("Notes"), item.notes))
    if item.is_case or (item.decision and not item.decision.is_empty):
        sections.append(decision_block(item.decision))
    if item.actions:
        heading_2 = Paragraph(markup(_("Action items")), styles.HEADING_2)
        sections.append(([heading_2, actions_table(item.actions)], 2))
    sections = [section for section in sections if section[0]]
    if not sections:
        nothing = Paragraph(markup(_("Nothing was recorded for this item.")), styles.BODY_ITALIC)
        sections = [([nothing], 1)]
    story: list[Flowable] = []
    for index, (flowables, keep) in enumerate(sections):
        kept = flowables[:keep]
        if index == 0:
            # The item's heading never stays behind at the foot of a page on its own.
            kept = [*heading, *kept]
        # One level of KeepTogether only: ReportLab lays a nested one out badly.
        story += [KeepTogether(kept), *flowables[keep:]]
    return story


def _with_lead(flowables: list[Flowable]) -> Section:
    """`flowables` with the count of those that start it: its headings and their first content."""
    for index, flowable in enumerate(flowables):
        if not flowable.getKeepWithNext():
            return flowables, index + 1
    return flowables, len(flowables)


def _title(item: AgendaItemRecord) -> str:
    return item.title or label_of(AgendaItemKind, item.kind)


def _section(label: str, text: str) -> Section:
    """A labelled long text; nothing when the text is empty."""
    if not has_text(text):
        return [], 0
    return _with_lead(
        [Paragraph(markup(label), styles.HEADING_2), *text_flowables(text, styles.BODY)]
    )


def _case_facts(item: AgendaItemRecord) -> Section:
    case = item.case
    assert case is not None
    long_application = too_long_inline(case.applied_for)
    applied_for = text_flowables(case.applied_for, styles.FACT_VALUE)
    table = facts_table(
        [
            (_("Case number"), markup(case.reference)),
            (_("Citizen"), markup(case.citizen_name)),
            (_("CPR no."), markup(mask_cpr(case.cpr))),
            (_("Applied for"), [] if long_application else applied_for),
            (_("Legal paragraph"), markup(case.legal_paragraph)),
            (_("Case worker"), markup(case.case_worker)),
            (_("Date received"), markup(format_date_long(case.received_on))),
        ]
    )
    if not isinstance(table, Table):
        return [], 0
    after: list[Flowable] = []
    if long_application:
        after = [Paragraph(markup(_("Applied for")), styles.LABEL), *applied_for]
    return [Paragraph(markup(_("Case facts")), styles.HEADING_2), table, *after], 2


def _citizen_perspective(item: AgendaItemRecord) -> Section:
    """How the citizen took part, in their own words, and what they wish for."""
    case = item.case
    assert case is not None
    rows = [
        (
            _("Participation"),
            markup(label_of(CitizenParticipation, item.citizen_participation)),
        ),
        (_("Represented by"), markup(item.citizen_represented_by)),
    ]
    flowables: list[Flowable] = []
    if any(value.strip() for _label, value in rows):
        flowables.append(facts_table(rows))
    for label, text in (
        (_("The citizen's own words"), item.citizen_statement),
        (_("The citizen's wishes and goals"), case.citizen_goals),
    ):
        if has_text(text):
            flowables += [
                Paragraph(markup(label), styles.LABEL),
                *text_flowables(text, styles.BODY),
            ]
    if not flowables:
        return [], 0
    return _with_lead(
        [Paragraph(markup(_("The citizen's perspective")), styles.HEADING_2), *flowables]
    )


def decision_block(decision: DecisionRecord | None) -> Section:
    """The decision in a frame, kept on one page unless it is longer than a page.

    A justification longer than a third of a page follows the frame as ordinary text:
    a frame running over several pages reads badly and splits slowly.
    """
    outcome = label_of(Outcome, decision.outcome) if decision else ""
    if outcome:
        bar = markup(_("Decision: {outcome}")).format(outcome=f"<b>{markup(outcome)}</b>")
    elif decision is not None and not decision.is_empty:
        bar = markup(_("Decision: no outcome recorded"))
    else:
        bar = markup(_("Decision: none recorded"))
    rows: list[list[Flowable | list[Flowable] | str]] = [[Paragraph(bar, styles.DECISION_BAR), ""]]
    after: list[Flowable] = []
    if decision is not None:
        justification: list[Flowable] = []
        if too_long_inline(decision.justification):
            after = [
                Paragraph(markup(_("Justification")), styles.LABEL),
                *text_flowables(decision.justification, styles.BODY),
            ]
        else:
            justification = text_flowables(decision.justification, styles.FACT_VALUE)
        fields: Sequence[tuple[str, str | list[Flowable]]] = (
            (_("Service"), markup(decision.service)),
            (_("Extent"), markup(decision.extent)),
            (_("Legal basis"), markup(decision.legal_basis)),
            (_("Valid from"), markup(format_date_long(decision.valid_from))),
            (_("Review date"), markup(format_date_long(decision.review_date))),
            (_("Annual cost"), markup(format_money(decision.annual_cost_ore))),
            (_("Justification"), justification),
        )
        for label, value in fields:
            if isinstance(value, str):
                if not value:
                    continue
                value = Paragraph(value, styles.FACT_VALUE)
            elif not value:
                continue
            rows.append([Paragraph(markup(label), styles.FACT_LABEL), value])
    table = Table(
        rows,
        colWidths=[styles.FACT_LABEL_WIDTH, CONTENT_WIDTH - styles.FACT_LABEL_WIDTH],
        splitInRow=1,
        hAlign="LEFT",
    )
    table.setStyle(styles.decision_table_style(len(rows)))
    # The frame stays with the start of a long justification, not with all of it.
    return [Spacer(1, 4), table, *after], 2 + min(len(after), 2)


def actions_table(actions: Sequence[ActionRecord], numbers: dict[int, int] | None = None) -> Table:
    """What is to be done, by whom and when; with `numbers`, also the agenda item it came from."""
    head = [_("What"), _("Owner"), _("Due date")]
    what_width = CONTENT_WIDTH - OWNER_WIDTH - DUE_WIDTH
    widths = [what_width, OWNER_WIDTH, DUE_WIDTH]
    if numbers is not None:
        head.append(_("Item"))
        widths = [what_width - 14 * mm, OWNER_WIDTH, DUE_WIDTH, 14 * mm]
    rows = []
    for action in actions:
        what: list[Flowable] = text_flowables(action.description, styles.CELL) or [cell("")]
        if action.done:
            what.append(cell(markup(_("Done")), styles.CELL_SMALL))
        row = [
            what,
            cell(markup(action.owner)),
            cell(markup(format_date_short(action.due_date))),
        ]
        if numbers is not None:
            number = numbers.get(action.agenda_item_id or -1)
            row.append(cell(f"{number}." if number else "–"))
        rows.append(row)
    return data_table(head, rows, widths)
