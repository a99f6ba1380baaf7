"""The decision letter (afgørelsesbrev) to the citizen, as a Danish municipality writes it.

Sender and recipient, what was applied for, the decision in plain words, the reasons with
the legal basis cited, what a postponed case lacks, the consultation, the complaint
guidance with its last day, and whom to ask. The page, the addresses and the signature
are those of every letter to the citizen (citizen_letter.py).

Until the decision is final the letter is a draft, and every page says so in large
letters: a draft must never reach the citizen.
"""

from __future__ import annotations

import datetime as dt

from reportlab.platypus import Flowable, Paragraph, Spacer

from visitation_app.documents import styles
from visitation_app.documents.blocks import facts_table
from visitation_app.documents.citizen_letter import AFTER_ADDRESSES, CitizenLetterRenderer
from visitation_app.documents.text import clean, has_text, markup, text_flowables
from visitation_app.domain.completeness import RULE_FVL_19, Consultation
from visitation_app.domain.letters import DecisionLetter
from visitation_app.domain.vocabulary import CommitteeArea, Outcome
from visitation_app.formatting import format_date_long
from visitation_app.i18n import _

SUBJECT_LIMIT = 90  # longer applications are not repeated in the heading


def render_decision_letter(letter: DecisionLetter) -> bytes:
    """The decision letter as PDF bytes; a draft on every page unless the decision is final."""
    return LetterRenderer(letter).render()


def short_line(text: str) -> str:
    """`text` written mid-sentence if it is one short line; otherwise ''."""
    line = clean(text).strip()
    if line and "\n" not in line and len(line) <= SUBJECT_LIMIT:
        return inline(line.rstrip("."))
    return ""


def subject_of(letter: DecisionLetter) -> str:
    """What the letter is about, for its heading: the application, else the service."""
    return short_line(letter.case.applied_for) or short_line(letter.decision.service)


def inline(text: str) -> str:
    """A label written mid-sentence: 'Praktisk hjælp' -> 'praktisk hjælp'; 'BPA' stays."""
    first, _space, _rest = text.partition(" ")
    if len(first) > 1 and first[0].isupper() and first[1:].islower():
        return text[0].lower() + text[1:]
    return text


class LetterRenderer(CitizenLetterRenderer):
    def __init__(self, letter: DecisionLetter) -> None:
        super().__init__(letter.meeting, letter.item, letter.letter_date)
        self.letter = letter
        self.decision = letter.decision
        self.check = letter.check

    @property
    def is_draft(self) -> bool:
        return not self.letter.is_final

    # What the page machinery asks -----------------------------------------------------

    @property
    def document_type(self) -> str:
        return _("Decision")

    def header_label(self) -> str:
        return _("Decision – DRAFT") if self.is_draft else self.document_type

    def footer_note(self) -> str:
        if self.is_draft:
            return _("DRAFT – the decision is not final; do not send this letter")
        reference = clean(self.case.reference).strip()
        if reference:
            return _("Decision of {date} · case no. {reference}").format(
                date=format_date_long(self.letter.decided_on), reference=reference
            )
        return _("Decision of {date}").format(date=format_date_long(self.letter.decided_on))

    def document_date(self) -> dt.datetime:
        """When the decision became final; a draft takes the meeting's start."""
        return self.decision.finalised_at or super().document_date()

    def heading(self) -> str:
        subject = subject_of(self.letter)
        if subject:
            return _("Decision on {subject}").format(subject=subject)
        return _("Decision on your application")

    def metadata_title(self) -> str:
        title = _("{heading} – {citizen}").format(
            heading=self.heading(), citizen=clean(self.case.citizen_name).strip()
        )
        return _("DRAFT – {title}").format(title=title) if self.is_draft else title

    def metadata_subject(self) -> str:
        return _("Decision letter from the meeting on {date}").format(
            date=format_date_long(self.letter.decided_on)
        )

    # The letter -----------------------------------------------------------------------

    def story(self) -> list[Flowable]:
        story: list[Flowable] = [self._addresses(), Spacer(1, AFTER_ADDRESSES)]
        if self.is_draft:
            notice = _("DRAFT – the decision is not final. Do not send this letter to the citizen.")
            story.append(Paragraph(markup(notice), styles.DRAFT_NOTICE))
        story.append(Paragraph(markup(self.heading()), styles.TITLE))
        story += self._application()
        story += self._decision()
        story += self._postponement()
        story += self._reasons()
        story += self._consultation()
        story += self._complaint()
        story += self._contact()
        return story

    def _application(self) -> list[Flowable]:
        """What was applied for, when it came in and when the committee dealt with it.

        A one-line application is a sentence; a longer one is quoted under a heading.
        """
        applied_for = short_line(self.case.applied_for)
        lines = []
        if applied_for:
            lines.append(_("You applied for {subject}.").format(subject=applied_for))
        if self.case.received_on is not None:
            lines.append(
                _("We received your application on {date}.").format(
                    date=format_date_long(self.case.received_on)
                )
            )
        if self.meeting.area == CommitteeArea.CHILDREN:
            dealt = _(
                "The children and young people's committee dealt with your case at its "
                "meeting on {date}."
            )
        else:
            dealt = _("The visitation committee dealt with your case at its meeting on {date}.")
        lines.append(dealt.format(date=format_date_long(self.letter.decided_on)))
        sentences = Paragraph(markup(" ".join(lines)), styles.BODY)
        if applied_for or not has_text(self.case.applied_for):
            return [sentences]
        return self._section(
            _("You applied for"),
            [*text_flowables(self.case.applied_for, styles.BODY), Spacer(1, 3), sentences],
        )

    def _decision_sentence(self) -> str:
        service = inline(clean(self.decision.service).strip())
        outcome = self.letter.outcome
        if outcome == Outcome.GRANTED:
            if service:
                return _("You are granted {service}.").format(service=service)
            return _("You are granted what you applied for.")
        if outcome == Outcome.PARTLY_GRANTED:
            if service:
                return _("You are granted part of what you applied for: {service}.").format(
                    service=service
                )
            return _("You are granted part of what you applied for.")
        if outcome == Outcome.REFUSED:
            return _("Your application is refused.")
        if outcome == Outcome.POSTPONED:
            return _("The committee has postponed the decision in your case.")
        if outcome == Outcome.STOPPED_OR_CHANGED:
            if service:
                return _("Your help is changed: from now on you get {service}.").format(
                    service=service
                )
            return _("Your help stops.")
        return _("The committee has referred your application to be dealt with elsewhere.")

    def _decision(self) -> list[Flowable]:
        decision = self.decision
        basis = self.check.citation
        if basis and self.check.basis_name:
            basis = f"{basis} – {self.check.basis_name}"
        facts = facts_table(
            [
                (_("Outcome"), f"<b>{markup(self.letter.outcome.label)}</b>"),
                (_("Service"), markup(decision.service)),
                (_("Extent"), markup(decision.extent)),
                (_("Valid from"), markup(format_date_long(decision.valid_from))),
                (_("Follow-up no later than"), markup(format_date_long(decision.review_date))),
                (_("Legal basis"), markup(basis)),
            ]
        )
        sentence = Paragraph(f"<b>{markup(self._decision_sentence())}</b>", styles.BODY)
        return self._section(_("The committee's decision"), [sentence, Spacer(1, 3), facts])

    def _postponement(self) -> list[Flowable]:
        decision = self.decision
        if self.letter.outcome != Outcome.POSTPONED:
            return []
        flowables = text_flowables(decision.missing_information, styles.BODY)
        if decision.missing_by is not None:
            by = _(
                "The information must reach us no later than {date}. The committee will then "
                "deal with your case again."
            ).format(date=format_date_long(decision.missing_by))
            if flowables:
                flowables.append(Spacer(1, 3))
            flowables.append(Paragraph(f"<b>{markup(by)}</b>", styles.BODY))
        if not flowables:
            return []
        return self._section(_("Information that is missing"), flowables)

    def _reasons(self) -> list[Flowable]:
        flowables: list[Flowable] = []
        if self.check.citation and self.letter.outcome != Outcome.POSTPONED:
            cited = _("The decision is made under {citation}.").format(citation=self.check.citation)
            flowables.append(Paragraph(markup(cited), styles.BODY))
        justification = text_flowables(self.decision.justification, styles.BODY)
        if flowables and justification:
            flowables.append(Spacer(1, 3))
        flowables += justification
        if not flowables:
            return []
        heading = _("Justification") if justification else _("Legal basis")
        return self._section(heading, flowables)

    def _consultation(self) -> list[Flowable]:
        decision = self.decision
        if decision.consultation != Consultation.DONE:
            return []
        if decision.consulted_on is not None:
            text = _(
                "On {date} you were given the opportunity to comment on the information in "
                "your case before the decision was made ({rule})."
            ).format(date=format_date_long(decision.consulted_on), rule=RULE_FVL_19)
        else:
            text = _(
                "You were given the opportunity to comment on the information in your case "
                "before the decision was made ({rule})."
            ).format(rule=RULE_FVL_19)
        return self._section(_("Consultation"), [Paragraph(markup(text), styles.BODY)])

    def _complaint(self) -> list[Flowable]:
        guidance = self.letter.guidance
        if guidance is None:
            return []
        deadline = _("Last day to complain: {date}").format(
            date=format_date_long(guidance.deadline)
        )
        how = [_("You can complain in writing or orally.")]
        reference = clean(self.case.reference).strip()
        if reference:
            how.append(
                _("Please give the case number {reference} when you complain.").format(
                    reference=reference
                )
            )
        return self._section(
            _("Complaint guidance"),
            [
                Paragraph(f"<b>{markup(deadline)}</b>", styles.BODY),
                Spacer(1, 2),
                Paragraph(markup(guidance.text), styles.BODY),
                Paragraph(markup(" ".join(how)), styles.BODY),
            ],
        )

    def _contact_sentence(self) -> str:
        name = clean(self.case.case_worker).strip()
        contact = clean(self.case.contact).strip()
        if name and contact:
            return _(
                "If you have questions about the decision, you are welcome to contact your "
                "case worker, {name}: {contact}."
            ).format(name=name, contact=contact)
        if name:
            return _(
                "If you have questions about the decision, you are welcome to contact your "
                "case worker, {name}."
            ).format(name=name)
        if contact:
            return _(
                "If you have questions about the decision, you are welcome to contact us: "
                "{contact}."
            ).format(contact=contact)
        return _("If you have questions about the decision, you are welcome to contact us.")

    def _contact(self) -> list[Flowable]:
        return self._closing(self._contact_sentence())
