"""The citizen in the minutes: how they took part (and why not), their own words, their
answers to the conversation guide, the functional assessment, and their view of the
decision.

Each function returns a section of an item (its flowables, and how many of the first must
share a page) for `minutes_items.item_story`; an empty section when nothing was recorded.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph

from visitation_app.documents import styles
from visitation_app.documents.blocks import cell, data_table, facts_table
from visitation_app.documents.layout import CONTENT_WIDTH
from visitation_app.documents.text import has_text, label_of, markup, text_flowables
from visitation_app.domain.assessment import (
    domain_label,
    domains_of,
    level_label,
    support_need_label,
)
from visitation_app.domain.records import AgendaItemRecord, AssessmentRecord, CaseRecord
from visitation_app.domain.vocabulary import (
    AssessmentScheme,
    CitizenParticipation,
    CitizenView,
    ConversationPhase,
)
from visitation_app.i18n import _

Section = tuple[list[Flowable], int]
_ABSENT = {CitizenParticipation.NOT_PRESENT, CitizenParticipation.NOT_INVOLVED}
AREA_WIDTH = 42 * mm
NEED_WIDTH = 40 * mm


def _heading(text: str) -> Paragraph:
    return Paragraph(markup(text), styles.HEADING_2)


def _labelled_text(label: str, text: str) -> list[Flowable]:
    if not has_text(text):
        return []
    return [Paragraph(markup(label), styles.LABEL), *text_flowables(text, styles.BODY)]


def citizen_perspective(item: AgendaItemRecord) -> Section:
    """How the citizen took part (represented by whom, or why not there), their own words
    and what they wish for."""
    case = item.case
    assert case is not None
    participation = item.citizen_participation or ""
    rows = [(_("Participation"), markup(label_of(CitizenParticipation, participation)))]
    if participation == CitizenParticipation.REPRESENTED:
        rows.append((_("Represented by"), markup(item.citizen_represented_by)))
    if participation in _ABSENT:
        label = (
            _("Why not involved")
            if participation == CitizenParticipation.NOT_INVOLVED
            else _("Why not present")
        )
        rows.append((label, markup(item.citizen_absence_reason)))
    flowables: list[Flowable] = []
    if any(value.strip() for _label, value in rows):
        flowables.append(facts_table(rows))
    flowables += _labelled_text(_("The citizen's own words"), item.citizen_statement)
    flowables += _labelled_text(_("The citizen's wishes and goals"), case.citizen_goals)
    if not flowables:
        return [], 0
    return [_heading(_("The citizen's perspective")), *flowables], 2


def conversation_answers(item: AgendaItemRecord) -> Section:
    """The citizen's answers to the conversation guide, phase by phase, question by question."""
    answered = [note for note in item.involvement_notes if has_text(note.answer)]
    if not answered:
        return [], 0
    flowables: list[Flowable] = [_heading(_("Conversation with the citizen"))]
    for phase in ConversationPhase:
        notes = [note for note in answered if note.phase == phase.value]
        if not notes:
            continue
        flowables.append(Paragraph(markup(phase.label), styles.LABEL))
        for note in notes:
            question = f"<b>{markup(note.prompt)}</b>"
            flowables += [
                Paragraph(question, styles.BODY),
                *text_flowables(note.answer, styles.BODY),
            ]
    # The heading, the first phase and its first question with the start of its answer.
    return flowables, min(len(flowables), 4)


def _in_order(scheme: str, records: list[AssessmentRecord]) -> list[AssessmentRecord]:
    order = {domain.key: index for index, domain in enumerate(domains_of(scheme))}
    return sorted(records, key=lambda record: order.get(record.domain_key, len(order)))


def _level_cell(scheme: str, record: AssessmentRecord, *, number_first: bool) -> list[Flowable]:
    """The level (in FSIII the number in bold over its meaning) and the note, if any."""
    if record.level is None:
        flowables = [cell("–")]
    elif number_first:
        meaning = level_label(scheme, record.level).partition(" – ")[2]
        flowables = [cell(f"<b>{record.level}</b>"), cell(markup(meaning), styles.CELL_SMALL)]
    else:
        flowables = [cell(markup(level_label(scheme, record.level)))]
    if has_text(record.note):
        flowables.append(cell(f"<i>{markup(record.note)}</i>", styles.CELL_SMALL))
    return flowables


def _fsiii_table(records: list[AssessmentRecord]) -> Flowable:
    """One column per area: the five areas of FSIII fit side by side."""
    scheme = AssessmentScheme.FSIII.value
    records = _in_order(scheme, records)
    head = [domain_label(scheme, record.domain_key) for record in records]
    row = [_level_cell(scheme, record, number_first=True) for record in records]
    return data_table(head, [row], [CONTENT_WIDTH / len(records)] * len(records))


def _vum_table(records: list[AssessmentRecord]) -> Flowable:
    """One row per theme: functional level and support need."""
    scheme = AssessmentScheme.VUM.value
    rows = [
        [
            cell(markup(domain_label(scheme, record.domain_key))),
            _level_cell(scheme, record, number_first=False),
            cell(markup(support_need_label(record.support_need) or "–")),
        ]
        for record in _in_order(scheme, records)
    ]
    head = [_("Theme"), _("Functional level"), _("Support need")]
    widths = [AREA_WIDTH, CONTENT_WIDTH - AREA_WIDTH - NEED_WIDTH, NEED_WIDTH]
    return data_table(head, rows, widths)


def assessment_section(case: CaseRecord | None) -> Section:
    """The functional assessment, compactly: FSIII areas side by side, VUM themes in rows."""
    if case is None or not case.assessments:
        return [], 0
    flowables: list[Flowable] = [_heading(_("Functional assessment"))]
    for scheme in AssessmentScheme:
        records = [record for record in case.assessments if record.scheme == scheme.value]
        if not records:
            continue
        flowables.append(Paragraph(markup(scheme.label), styles.LABEL))
        if scheme == AssessmentScheme.FSIII:
            flowables.append(_fsiii_table(records))
        else:
            flowables.append(_vum_table(records))
    return flowables, 3


def citizen_view_section(item: AgendaItemRecord) -> Section:
    """The citizen's view of the decision: agrees, partly or disagrees, in their words."""
    if not item.citizen_view and not has_text(item.citizen_view_words):
        return [], 0
    rows = [(_("The citizen's view"), markup(label_of(CitizenView, item.citizen_view)))]
    flowables: list[Flowable] = [_heading(_("The citizen's view of the decision"))]
    if item.citizen_view:
        flowables.append(facts_table(rows))
    flowables += _labelled_text(_("In their own words"), item.citizen_view_words)
    return flowables, 2
