"""One agenda item in the minutes: facts, the citizen's voice, notes, the decision with its
legal steps (legal basis, justification, partshøring, complaint guidance) and actions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from visitation_app.catalog.tariffs import Tariff
from visitation_app.documents import styles
from visitation_app.documents.blocks import (
    DASH,
    SeparatorRule,
    cell,
    data_table,
    fact_rows,
    facts_table,
    time_range,
)
from visitation_app.documents.economy import economy_rows, has_economy
from visitation_app.documents.layout import CONTENT_WIDTH
from visitation_app.documents.minutes_involvement import (
    assessment_section,
    citizen_perspective,
    citizen_view_section,
    conversation_answers,
)
from visitation_app.documents.minutes_participation import conflict_flowables
from visitation_app.documents.minutes_time import item_time_flowables
from visitation_app.documents.text import (
    clean,
    has_text,
    label_of,
    markup,
    text_flowables,
    too_long_inline,
)
from visitation_app.domain.budget import NO_COST, DecisionCost
from visitation_app.domain.completeness import (
    ComplaintGuidance,
    Consultation,
    DecisionCheck,
    DecisionFacts,
)
from visitation_app.domain.records import (
    ActionRecord,
    AgendaItemRecord,
    DecisionRecord,
    ParticipantRecord,
)
from visitation_app.domain.validation import display_cpr
from visitation_app.domain.vocabulary import AgendaItemKind, Outcome
from visitation_app.formatting import (
    format_date_long,
    format_date_short,
    format_minutes,
)
from visitation_app.i18n import _, pgettext

ITEM_GAP = 16.0  # above the rule that starts an item; dropped at the top of a page
OWNER_WIDTH = 46 * mm
DUE_WIDTH = 26 * mm

# A part of an item: its flowables, and how many of the first must share a page.
Section = tuple[list[Flowable], int]


def item_story(
    item: AgendaItemRecord,
    zone: dt.tzinfo,
    *,
    draft: bool = False,
    cost: DecisionCost | None = None,
    tariff: Tariff | None = None,
    participants: Sequence[ParticipantRecord] = (),
    full_cpr: bool = False,
) -> list[Flowable]:
    """Everything the minutes record about one agenda item, in the order it was handled.

    `draft`: the minutes are not approved; the decision then also shows the warnings of
    its legal check and of its figures, for the chair to settle before approving.
    `cost` and `tariff`: what the decision costs (default: the item's), and the tariff
    that priced it. `participants`: the meeting's, to name who did not take part (inhabil).
    `full_cpr`: the whole CPR number in the case facts, not only the birth date.
    """
    cost = cost or item.cost or NO_COST
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
        *item_time_flowables(item, participants),
        *conflict_flowables(item, participants),
    ]
    sections: list[Section] = []
    if item.case is not None:
        sections += [
            _case_facts(item, full_cpr=full_cpr),
            _section(_("Case summary"), item.case.summary),
            citizen_perspective(item),
            conversation_answers(item),
            assessment_section(item.case),
        ]
    sections.append(_section(_("Notes"), item.notes))
    if item.is_case or (item.decision and not item.decision.is_empty):
        sections.append(
            decision_block(item.decision, item.check, draft=draft, cost=cost, tariff=tariff)
        )
    if item.case is not None:
        sections.append(citizen_view_section(item))
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


def _case_facts(item: AgendaItemRecord, *, full_cpr: bool = False) -> Section:
    case = item.case
    assert case is not None
    long_application = too_long_inline(case.applied_for)
    applied_for = text_flowables(case.applied_for, styles.FACT_VALUE)
    table = facts_table(
        [
            (_("Case number"), markup(case.reference)),
            (_("Citizen"), markup(case.citizen_name)),
            (_("CPR no."), markup(display_cpr(case.cpr, full=full_cpr))),
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


def decision_block(
    decision: DecisionRecord | None,
    check: DecisionCheck | None = None,
    *,
    draft: bool = False,
    cost: DecisionCost = NO_COST,
    tariff: Tariff | None = None,
) -> Section:
    """The decision in a frame with its legal steps and economy, kept on one page unless
    longer than a page.

    Under the fields, set apart: what the law requires but the decision lacks (and, when
    the chair made it final anyway, the chair's reason), and in a draft the warnings of
    the legal check. A user text longer than a third of a page follows the frame as
    ordinary text: a frame running over several pages reads badly and splits slowly.
    """
    outcome = label_of(Outcome, decision.outcome) if decision else ""
    if outcome:
        bar = markup(_("Decision: {outcome}")).format(outcome=f"<b>{markup(outcome)}</b>")
    elif decision is not None and not decision.is_empty:
        bar = markup(_("Decision: no outcome recorded"))
    else:
        bar = markup(_("Decision: none recorded"))
    frame = _Frame()
    if decision is not None:
        frame.facts += [
            (_("Service"), markup(decision.service)),
            (_("Extent"), markup(decision.extent)),
            (_("Legal basis"), markup(cited_basis(decision, check))),
            (_("Valid from"), markup(format_date_long(decision.valid_from))),
            (_("Review date"), markup(format_date_long(decision.review_date))),
        ]
        _economy(frame, decision, cost, tariff)
        _postponement(frame, decision)
        frame.text(_("Justification"), decision.justification)
        _consultation(frame, decision)
    if check is not None:
        _complaint(frame, check.guidance)
        _gaps(frame, check)
    warnings = [*(check.warnings if check else ()), *cost.problems]
    if draft and warnings:
        frame.notes.append((_("Note (draft only)"), _points(warnings)))
    facts = fact_rows(frame.facts)
    notes = fact_rows(frame.notes, styles.FACT_LABEL_STRONG)
    rows: list[list[Flowable | list[Flowable] | str]] = [
        [Paragraph(bar, styles.DECISION_BAR), ""],
        *facts,
        *notes,
    ]
    table = Table(
        rows,
        colWidths=[styles.FACT_LABEL_WIDTH, CONTENT_WIDTH - styles.FACT_LABEL_WIDTH],
        splitInRow=1,
        hAlign="LEFT",
    )
    notes_from = 1 + len(facts) if notes else None
    table.setStyle(styles.decision_table_style(len(rows), notes_from=notes_from))
    # The frame stays with the start of a long text after it, not with all of it.
    after = frame.after
    return [Spacer(1, 4), table, *after], 2 + min(len(after), 2)


def cited_basis(decision: DecisionRecord, check: DecisionCheck | None) -> str:
    """The legal basis as the catalog cites it, with its short name where known.

    "Serviceloven § 85 – Socialpædagogisk bistand"; a basis typed by hand that the
    catalog does not know is printed as typed.
    """
    citation = (check.citation if check else "") or clean(decision.legal_basis).strip()
    if citation and check is not None and check.basis_name:
        return _("{citation} – {name}").format(citation=citation, name=check.basis_name)
    return citation


@dataclass
class _Frame:
    """The rows of a decision frame: its fields, the notes under them, and the long
    texts that follow the frame as ordinary paragraphs."""

    facts: list[tuple[str, str | list[Flowable]]] = field(default_factory=list)
    notes: list[tuple[str, str | list[Flowable]]] = field(default_factory=list)
    after: list[Flowable] = field(default_factory=list)

    def text(self, label: str, text: str, *, lead: str = "", note: bool = False) -> None:
        """A user text (`lead` is markup before it): in the frame, or after it when long."""
        if not has_text(text):
            return
        rows = self.notes if note else self.facts
        if too_long_inline(text):
            below = markup(pgettext("decision", "(printed below the decision)"))
            rows.append((label, f"{lead} <i>{below}</i>".strip()))
            self.after += [
                Paragraph(markup(label), styles.LABEL),
                *text_flowables(text, styles.BODY, lead=lead),
            ]
        else:
            rows.append((label, text_flowables(text, styles.FACT_VALUE, lead=lead)))


def _economy(
    frame: _Frame, decision: DecisionRecord, cost: DecisionCost, tariff: Tariff | None
) -> None:
    """Tariff, extent and what the decision costs; an amount set by hand with its reason."""
    if not has_economy(decision, cost):
        return
    frame.facts += economy_rows(decision, cost, tariff)
    if not cost.overridden:
        return
    if has_text(decision.cost_override_reason):
        frame.text(_("Reason for the amount"), decision.cost_override_reason)
    else:
        frame.facts.append((_("Reason for the amount"), markup(_("Not given"))))


def _postponement(frame: _Frame, decision: DecisionRecord) -> None:
    """For a postponed case: what the committee is missing, and by when it must be in."""
    if decision.outcome != Outcome.POSTPONED:
        return
    frame.text(_("Missing information"), decision.missing_information)
    frame.facts.append((_("Needed by"), markup(format_date_long(decision.missing_by))))


def _consultation(frame: _Frame, decision: DecisionRecord) -> None:
    """The partshøring as recorded; "not recorded" only where the law asks for it."""
    label = _("Consultation")
    try:
        status = Consultation(decision.consultation)
    except ValueError:
        status = Consultation.NOT_RECORDED
    if status == Consultation.DONE:
        if decision.consulted_on is None:
            value = pgettext("consultation", "Done, date not entered")
        else:
            value = pgettext("consultation", "Done on {date}").format(
                date=format_date_long(decision.consulted_on)
            )
        frame.facts.append((label, markup(value)))
    elif status == Consultation.NOT_NEEDED:
        if has_text(decision.consultation_not_needed_reason):
            lead = markup(pgettext("consultation", "Not needed:"))
            frame.text(label, decision.consultation_not_needed_reason, lead=lead)
        else:
            value = pgettext("consultation", "Not needed, no reason given")
            frame.facts.append((label, markup(value)))
    # The checker's rule for when the law asks for it: the citizen does not get everything.
    elif DecisionFacts(outcome=decision.outcome).not_fully_granted:
        frame.facts.append((label, markup(pgettext("consultation", "Not recorded"))))


def _complaint(frame: _Frame, guidance: ComplaintGuidance | None) -> None:
    """The complaint guidance the citizen is given when not getting everything applied for."""
    if guidance is None:
        return
    frame.facts += [
        (_("Complaint deadline"), markup(format_date_long(guidance.deadline))),
        (_("Complaint guidance"), markup(guidance.text)),
    ]


def _gaps(frame: _Frame, check: DecisionCheck) -> None:
    """What the law requires but the decision lacks; when made final anyway, why."""
    missing = [requirement.explanation for requirement in check.missing]
    if not missing:
        return
    if check.overridden:
        frame.notes.append((_("Decided despite gaps"), _points(missing)))
        frame.text(_("The chair's reason"), check.override_reason, note=True)
    else:
        frame.notes.append((_("Requirements not met"), _points(missing)))


def _points(texts: Sequence[str]) -> list[Flowable]:
    """Short sentences one under the other (escaped here), dashed when there are several."""
    if len(texts) == 1:
        return [Paragraph(markup(texts[0]), styles.FACT_VALUE)]
    return [Paragraph(markup(text), styles.FACT_LIST, bulletText=DASH) for text in texts]


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
