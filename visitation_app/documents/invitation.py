"""The invitation to the citizen: come to the meeting where your case is dealt with.

In plain words, in the order a citizen asks: what is it about, when and where, who will
be there, may I bring someone (a bisidder, Forvaltningsloven § 8; an interpreter), what
do I bring, how do I prepare, and whom do I call. The letter's page, addresses and
signature are those of every letter to the citizen (citizen_letter.py).

The renderer prints who it is given: the service chooses the participants a citizen may
see (those who take part for the municipality), never another citizen or their family.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from visitation_app.documents import styles
from visitation_app.documents.blocks import DASH, facts_table, time_range
from visitation_app.documents.citizen_letter import AFTER_ADDRESSES, CitizenLetterRenderer
from visitation_app.documents.letter import short_line
from visitation_app.documents.text import clean, label_of, markup
from visitation_app.domain.records import AgendaItemRecord, MeetingRecord, ParticipantRecord
from visitation_app.domain.validation import display_cpr
from visitation_app.domain.vocabulary import CommitteeArea, ParticipantRole
from visitation_app.formatting import format_date_long, format_weekday_date
from visitation_app.i18n import _

NAME_WIDTH = 70 * mm
FORVALTNINGSLOVEN_8 = "forvaltningslovens § 8"
BARNETS_LOV_6 = "barnets lov § 6"


def render_invitation(
    meeting: MeetingRecord,
    item: AgendaItemRecord,
    participants: Sequence[ParticipantRecord],
    *,
    letter_date: dt.date,
    prompts: Sequence[str] = (),
) -> bytes:
    """The invitation to the citizen of case item `item` as PDF bytes.

    `participants`: those to name as taking part (the service names only the
    municipality's people, not anyone disqualified from the item); `prompts`: the
    questions to think about before the meeting.
    """
    return InvitationRenderer(meeting, item, participants, letter_date, prompts).render()


def what_to_bring() -> list[str]:
    return [
        _("This letter"),
        _("Papers you would like us to see, for example from your doctor or the hospital"),
        _("Your own notes and questions"),
        _("Glasses or a hearing aid, if you use them"),
    ]


class InvitationRenderer(CitizenLetterRenderer):
    def __init__(
        self,
        meeting: MeetingRecord,
        item: AgendaItemRecord,
        participants: Sequence[ParticipantRecord],
        letter_date: dt.date,
        prompts: Sequence[str],
    ) -> None:
        super().__init__(meeting, item, letter_date)
        self.participants = tuple(participants)
        self.prompts = tuple(prompt for prompt in (clean(p).strip() for p in prompts) if prompt)

    def cpr_shown(self) -> str:
        """The birth date only (010140-xxxx): the case number names the case, and an
        invitation needs no more of the citizen's CPR number than they recognise as theirs."""
        return display_cpr(self.case.cpr)

    # What the page machinery asks -----------------------------------------------------

    @property
    def document_type(self) -> str:
        return _("Invitation")

    def footer_note(self) -> str:
        date = format_date_long(self.meeting.meeting_date)
        reference = clean(self.case.reference).strip()
        if reference:
            return _("Invitation to the meeting on {date} · case no. {reference}").format(
                date=date, reference=reference
            )
        return _("Invitation to the meeting on {date}").format(date=date)

    def metadata_title(self) -> str:
        return _("Invitation – {citizen}").format(citizen=clean(self.case.citizen_name).strip())

    def metadata_subject(self) -> str:
        return _("Invitation to the visitation meeting on {date}").format(
            date=format_date_long(self.meeting.meeting_date)
        )

    # The letter -----------------------------------------------------------------------

    def story(self) -> list[Flowable]:
        return [
            self._addresses(),
            Spacer(1, AFTER_ADDRESSES),
            Paragraph(markup(_("Invitation to a meeting about your case")), styles.TITLE),
            Paragraph(markup(self._introduction()), styles.BODY),
            *self._time_and_place(),
            *self._who(),
            *self._bisidder(),
            *self._points(_("What to bring"), what_to_bring()),
            *self._preparation(),
            *self._closing(self._contact_sentence()),
        ]

    @property
    def _is_children(self) -> bool:
        return self.meeting.area == CommitteeArea.CHILDREN

    def _introduction(self) -> str:
        date = format_weekday_date(self.meeting.meeting_date)
        subject = short_line(self.case.applied_for)
        if self._is_children:
            if subject:
                text = _(
                    "The children and young people's committee will deal with the application "
                    "for {subject} at its meeting on {date}."
                )
            else:
                text = _(
                    "The children and young people's committee will deal with your case at "
                    "its meeting on {date}."
                )
        elif subject:
            text = _(
                "The visitation committee will deal with your application for {subject} at "
                "its meeting on {date}."
            )
        else:
            text = _("The visitation committee will deal with your case at its meeting on {date}.")
        invite = _(
            "We would like to hear what you think yourself, so we invite you to take part "
            "in the meeting."
        )
        return f"{text.format(subject=subject, date=date)} {invite}"

    def _time_and_place(self) -> list[Flowable]:
        slot = self.item.slot
        place = clean(self.meeting.location).strip()
        facts = facts_table(
            [
                (_("Day"), f"<b>{markup(format_weekday_date(self.meeting.meeting_date))}</b>"),
                (
                    _("Time"),
                    "<b>{}</b>".format(
                        markup(
                            _("at {times}").format(
                                times=time_range(slot.starts_at, slot.ends_at, self.zone)
                            )
                        )
                    ),
                ),
                (
                    _("Place"),
                    f"<b>{markup(place)}</b>"
                    if place
                    else markup(_("We will tell you where the meeting is held.")),
                ),
            ]
        )
        notes = [
            _(
                "This is when we expect to talk about your case. The meeting may run a little "
                "late, so please set aside some extra time."
            ),
            _(
                "If you cannot come, you can take part by phone or video, or someone else can "
                "come on your behalf. Please tell us in good time, so we can arrange it."
            ),
        ]
        return self._section(
            _("Time and place"),
            [facts, Spacer(1, 3), Paragraph(markup(" ".join(notes)), styles.BODY)],
        )

    def _who(self) -> list[Flowable]:
        if not self.participants:
            sentence = _("We will tell you who takes part in the meeting.")
            return self._section(_("Who will be there"), [Paragraph(markup(sentence), styles.BODY)])
        rows = []
        for person in self.participants:
            role = label_of(ParticipantRole, person.role)
            organisation = clean(person.organisation).strip()
            if organisation and organisation.casefold() != role.casefold():
                role = _("{role}, {organisation}").format(role=role, organisation=organisation)
            rows.append(
                [
                    Paragraph(f"<b>{markup(person.name)}</b>", styles.FACT_VALUE),
                    Paragraph(markup(role), styles.FACT_VALUE),
                ]
            )
        table = Table(rows, colWidths=[NAME_WIDTH, None], hAlign="LEFT", splitInRow=1)
        table.setStyle(styles.facts_table_style())
        intro = _("From the municipality, these people take part in the meeting:")
        after = _("You will receive the decision in writing after the meeting.")
        return self._section(
            _("Who will be there"),
            [
                Paragraph(markup(intro), styles.BODY),
                Spacer(1, 2),
                table,
                Spacer(1, 3),
                Paragraph(markup(after), styles.BODY),
            ],
        )

    def _bisidder(self) -> list[Flowable]:
        sentences = [
            _(
                "You have the right to bring a bisidder to the meeting: a person you choose "
                "yourself, for example a relative or a friend, who can support you and help "
                "you remember what was said ({rule})."
            ).format(rule=FORVALTNINGSLOVEN_8)
        ]
        if self._is_children:
            sentences.append(
                _(
                    "The child or young person also has the right to bring a bisidder of their "
                    "own ({rule})."
                ).format(rule=BARNETS_LOV_6)
            )
        sentences.append(
            _("If you need an interpreter, please tell us, and we will book one for you.")
        )
        return self._section(
            _("You may bring someone"), [Paragraph(markup(" ".join(sentences)), styles.BODY)]
        )

    def _points(self, heading: str, points: Sequence[str], lead: str = "") -> list[Flowable]:
        flowables: list[Flowable] = []
        if lead:
            flowables += [Paragraph(markup(lead), styles.BODY), Spacer(1, 2)]
        flowables += [
            Paragraph(markup(point), styles.FACT_LIST, bulletText=DASH) for point in points
        ]
        return self._section(heading, flowables)

    def _preparation(self) -> list[Flowable]:
        if not self.prompts:
            return []
        lead = _(
            "Please think about these questions before the meeting. You are welcome to write "
            "down your answers and bring them:"
        )
        return self._points(_("How to prepare"), self.prompts, lead)

    def _contact_sentence(self) -> str:
        name = clean(self.case.case_worker).strip()
        contact = clean(self.case.contact).strip()
        if name and contact:
            return _(
                "If you have questions, or if you cannot come, please contact your case "
                "worker, {name}: {contact}."
            ).format(name=name, contact=contact)
        if name:
            return _(
                "If you have questions, or if you cannot come, please contact your case "
                "worker, {name}."
            ).format(name=name)
        if contact:
            return _(
                "If you have questions, or if you cannot come, please contact us: {contact}."
            ).format(contact=contact)
        return _("If you have questions, or if you cannot come, please contact us.")
