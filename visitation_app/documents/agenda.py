"""The agenda (dagsorden): who, when, where, the time-boxed items and the case preparation."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from visitation_app.documents import styles
from visitation_app.documents.blocks import (
    cell,
    data_table,
    facts_table,
    participants_table,
    table_heading,
    time_range,
    title_block,
)
from visitation_app.documents.layout import CONTENT_WIDTH, DocumentRenderer
from visitation_app.documents.text import (
    clean,
    has_text,
    joined,
    label_of,
    markup,
    text_flowables,
    too_long_inline,
)
from visitation_app.domain.records import AgendaItemRecord, MeetingDossier
from visitation_app.domain.validation import display_cpr
from visitation_app.domain.vocabulary import AgendaItemKind, CommitteeArea
from visitation_app.formatting import format_date_long, format_minutes, format_weekday_date
from visitation_app.i18n import _

NUMBER_WIDTH = 10 * mm
TIME_WIDTH = 25 * mm
TIME_BOX_WIDTH = 24 * mm


def render_agenda(dossier: MeetingDossier, *, full_cpr: bool = False) -> bytes:
    """The meeting's agenda as PDF bytes; CPR numbers masked (010190-xxxx) unless `full_cpr`."""
    return AgendaRenderer(dossier, full_cpr=full_cpr).render()


class AgendaRenderer(DocumentRenderer):
    def __init__(self, dossier: MeetingDossier, *, full_cpr: bool = False) -> None:
        super().__init__(dossier)
        self.full_cpr = full_cpr

    @property
    def document_type(self) -> str:
        return _("Agenda")

    def story(self) -> list[Flowable]:
        dossier = self.dossier
        story: list[Flowable] = [
            *title_block(self.document_type, self.meeting.title),
            self._meeting_facts(),
            *table_heading(_("Participants")),
            participants_table(dossier.participants, attendance=False),
            *table_heading(_("Agenda")),
        ]
        if dossier.items:
            story.append(self._items_table())
        else:
            story.append(Paragraph(markup(_("The agenda has no items yet.")), styles.BODY_ITALIC))
        story += self._preparation()
        return story

    def _meeting_facts(self) -> Flowable:
        meeting = self.meeting
        return facts_table(
            [
                (_("Committee area"), markup(label_of(CommitteeArea, meeting.area))),
                (_("Date"), markup(format_weekday_date(meeting.meeting_date))),
                (
                    _("Time"),
                    markup(
                        _("{times} (planned end)").format(
                            times=time_range(
                                self.dossier.starts_at, self.dossier.ends_at, self.zone
                            )
                        )
                    ),
                ),
                (_("Place"), markup(meeting.location)),
                (_("Chair"), markup(meeting.chair_name)),
            ]
        )

    def _items_table(self) -> Flowable:
        rows = []
        for item in self.dossier.items:
            rows.append(
                [
                    cell(f"{item.number}.", styles.CELL_BOLD),
                    cell(time_range(item.slot.starts_at, item.slot.ends_at, self.zone)),
                    self._item_cell(item),
                    cell(markup(format_minutes(item.time_box_minutes)), styles.CELL_RIGHT),
                ]
            )
        total = [
            cell(""),
            cell(time_range(self.dossier.starts_at, self.dossier.ends_at, self.zone),
                 styles.CELL_BOLD),
            cell(markup(_("Total planned time")), styles.CELL_BOLD),
            cell(markup(format_minutes(self.dossier.planned_minutes)), styles.CELL_BOLD_RIGHT),
        ]  # fmt: skip
        widths = [
            NUMBER_WIDTH,
            TIME_WIDTH,
            CONTENT_WIDTH - NUMBER_WIDTH - TIME_WIDTH - TIME_BOX_WIDTH,
            TIME_BOX_WIDTH,
        ]
        head = [_("No."), _("Time"), _("Item"), _("Time box")]
        return data_table(head, rows, widths, right_aligned=(3,), total=total)

    def _item_cell(self, item: AgendaItemRecord) -> list[Flowable]:
        title = item.title or label_of(AgendaItemKind, item.kind)
        flowables: list[Flowable] = [cell(markup(title), styles.CELL_BOLD)]
        case = item.case
        if case is None:
            if item.title and item.kind != AgendaItemKind.OTHER:
                kind = label_of(AgendaItemKind, item.kind)
                if kind != item.title:
                    flowables.append(cell(markup(kind), styles.CELL_SMALL))
            return flowables
        # A case item's title is usually "citizen: what is applied for" (domain.agenda.item_title);
        # the lines below add what the title does not already say.
        in_title = clean(title).casefold()
        name = case.citizen_name if clean(case.citizen_name).casefold() not in in_title else ""
        citizen = joined(
            [
                _label(_("Citizen"), markup(name)),
                _label(_("CPR no."), markup(display_cpr(case.cpr, full=self.full_cpr))),
                _label(_("Case no."), markup(case.reference)),
            ]
        )
        if citizen:
            flowables.append(cell(citizen, styles.CELL))
        if (
            has_text(case.applied_for)
            and clean(case.applied_for).strip().casefold() not in in_title
        ):
            lead = _lead(_("Applied for"))
            if too_long_inline(case.applied_for):
                see = markup(_("see the preparation of item {number}").format(number=item.number))
                flowables.append(cell(f"{lead} <i>{see}</i>", styles.CELL))
            else:
                flowables += text_flowables(case.applied_for, styles.CELL, lead=lead)
        details = joined(
            [
                _label(_("Legal paragraph"), markup(case.legal_paragraph)),
                _label(_("Case worker"), markup(case.case_worker)),
            ]
        )
        if details:
            flowables.append(cell(details, styles.CELL))
        return flowables

    def _preparation(self) -> list[Flowable]:
        cases = [item for item in self.dossier.items if item.case is not None]
        if not cases:
            return []
        heading = [
            Paragraph(markup(_("Preparation")), styles.HEADING_1),
            Paragraph(
                markup(
                    _(
                        "The case summary and the citizen's own wishes and goals, "
                        "for the committee to read before the meeting."
                    )
                ),
                styles.SMALL,
            ),
            Spacer(1, 2),
        ]
        story: list[Flowable] = []
        for index, item in enumerate(cases):
            lead, rest = self._case_preparation(item)
            if index == 0:
                lead = [*heading, *lead]
            story += [KeepTogether(lead), *rest]
        return story

    def _case_preparation(self, item: AgendaItemRecord) -> tuple[list[Flowable], list[Flowable]]:
        """The case's preparation: (what must start on one page, what may flow after it)."""
        case = item.case
        assert case is not None
        heading = _("Item {number}. {title}").format(number=item.number, title=item.title)
        facts = joined(
            [
                _label(_("Case no."), markup(case.reference)),
                _label(_("Date received"), markup(format_date_long(case.received_on))),
                _label(_("Case worker"), markup(case.case_worker)),
            ]
        )
        head: list[Flowable] = [Paragraph(markup(heading), styles.HEADING_2)]
        if facts:
            head.append(Paragraph(facts, styles.SMALL))
        sections: list[Flowable] = []
        if too_long_inline(case.applied_for):
            sections += [
                Paragraph(markup(_("Applied for")), styles.LABEL),
                *text_flowables(case.applied_for, styles.BODY),
            ]
        for label, text in (
            (_("Case summary"), case.summary),
            (_("The citizen's wishes and goals"), case.citizen_goals),
        ):
            sections.append(Paragraph(markup(label), styles.LABEL))
            if has_text(text):
                sections += text_flowables(text, styles.BODY)
            else:
                sections.append(Paragraph(markup(_("Not filled in.")), styles.BODY_ITALIC))
        # The heading, the facts line and the start of the summary stay on one page.
        return [*head, *sections[:2]], [*sections[2:], Spacer(1, 4)]


def _label(label: str, value_markup: str) -> str:
    """'<grey>Label:</grey> value' for detail lines; '' when the value is empty."""
    if not value_markup.strip():
        return ""
    return f"{_lead(label)} {value_markup}"


def _lead(label: str) -> str:
    return f'<font color="#4d4d4d">{markup(label)}:</font>'
