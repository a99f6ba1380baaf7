"""The citizen's voice in the meeting: how they took part (in person, by phone or video,
represented, not at the meeting, not involved and why), what they said, their answers to
the conversation guide, and their own view of the decision."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from visitation_app.catalog.guides import ConversationGuide
from visitation_app.domain.records import AgendaItemRecord, InvolvementNoteRecord
from visitation_app.domain.vocabulary import CitizenParticipation, CitizenView, ConversationPhase
from visitation_app.i18n import _
from visitation_app.services import agenda as agenda_service
from visitation_app.services import involvement
from visitation_app.store.database import Database
from visitation_app.ui.autosave import Autosaver
from visitation_app.ui.during.decision_form import select_data

# The kinds of participation where the citizen was not at the meeting, so a reason fits.
_ABSENT = {CitizenParticipation.NOT_PRESENT, CitizenParticipation.NOT_INVOLVED}
ANSWER_LINES = 2.6  # an answer shows about two lines and scrolls beyond
REASON_LINES = 3.0  # a reason of a few sentences shows whole


def _form(parent: QWidget) -> QFormLayout:
    form = QFormLayout(parent)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
    return form


def _add_rows(form: QFormLayout, rows: tuple[tuple[str, QWidget], ...]) -> None:
    """Each label's buddy is its field: Alt+the underlined letter moves there."""
    for text, field in rows:
        label = QLabel(text)
        label.setBuddy(field)
        form.addRow(label, field)


def _text_box(placeholder: str, minimum_height: int = 0) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setPlaceholderText(placeholder)
    if minimum_height:
        box.setMinimumHeight(minimum_height)
    return box


def _fit_lines(box: QPlainTextEdit, lines: float) -> None:
    """A text box about `lines` lines high, scrolling beyond (the panel stays compact)."""
    line = box.fontMetrics().lineSpacing()
    box.setFixedHeight(int(line * lines + 2 * box.frameWidth() + 8))


class CitizenVoiceForm(QGroupBox):
    """Participation (with who represented the citizen, or why they were not there) and the
    citizen's statements in their own words."""

    def __init__(
        self,
        db: Database,
        item: AgendaItemRecord,
        autosaver: Autosaver,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(_("The citizen's voice"), parent)
        self._db, self._item_id = db, item.id
        self._read_only = False
        self.participation = QComboBox()
        self.participation.addItem(_("– not recorded –"), None)
        for code, label in CitizenParticipation.choices():
            self.participation.addItem(label, code)
        self.represented_by = QLineEdit()
        self.represented_by.setPlaceholderText(_("e.g. daughter, advocate or guardian"))
        self.absence_reason = _text_box(_("Required when the citizen is not involved"))
        _fit_lines(self.absence_reason, REASON_LINES)
        self.statement = _text_box(
            _("What the citizen said, as close to their words as possible."), 90
        )

        _add_rows(
            _form(self),
            (
                (_("&Participation:"), self.participation),
                (_("Represented &by:"), self.represented_by),
                (_("Wh&y not involved:"), self.absence_reason),
                (_("The citizen's o&wn words:"), self.statement),
            ),
        )

        select_data(self.participation, item.citizen_participation)
        self.represented_by.setText(item.citizen_represented_by)
        self.absence_reason.setPlainText(item.citizen_absence_reason)
        self.statement.setPlainText(item.citizen_statement)
        self._update_fields()
        self.participation.currentIndexChanged.connect(self._on_participation_chosen)

        # The three are saved together: "not involved" is refused without its reason.
        for field in (self.participation, self.represented_by, self.absence_reason):
            autosaver.bind(field, self._save_participation)
        autosaver.bind(
            self.statement,
            lambda text: agenda_service.update_item(db, item.id, citizen_statement=text),
        )

    def _save_participation(self, _value: object) -> None:
        involvement.set_participation(
            self._db,
            self._item_id,
            self.participation.currentData(),
            represented_by=self.represented_by.text(),
            absence_reason=self.absence_reason.toPlainText(),
        )

    def _on_participation_chosen(self) -> None:
        self._update_fields()
        needs_reason = self.participation.currentData() == CitizenParticipation.NOT_INVOLVED
        if needs_reason and not self.absence_reason.toPlainText().strip():
            self.absence_reason.setFocus(Qt.FocusReason.OtherFocusReason)

    def _update_fields(self) -> None:
        chosen = self.participation.currentData()
        editable = not self._read_only
        self.represented_by.setEnabled(chosen == CitizenParticipation.REPRESENTED and editable)
        # Read-only, a reason stays readable (and scrollable) rather than greyed out.
        self.absence_reason.setEnabled(chosen in _ABSENT)
        self.absence_reason.setReadOnly(not editable)

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self.participation.setEnabled(not read_only)
        self.statement.setReadOnly(read_only)
        self._update_fields()


class ConversationGuideBox(QGroupBox):
    """The guide's questions for the case's type, phase by phase, with the citizen's answers.

    An answer is saved as it is typed (an involvement note); emptying it removes it.
    Answers to questions no longer in the guide are shown after the guide's own.
    """

    def __init__(
        self,
        db: Database,
        item: AgendaItemRecord,
        autosaver: Autosaver,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(_("Conversation guide: the citizen's answers"), parent)
        case = item.case
        assert case is not None
        guides = involvement.current_guides()
        guide = guides.for_case(case.case_type, case.area)
        self.answers: dict[tuple[str, str], QPlainTextEdit] = {}
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self._phases: list[str] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.problems.setTextFormat(Qt.TextFormat.PlainText)
        self.problems.setObjectName("guideProblems")
        if guides.problems:
            self.problems.setText(
                _(
                    "The municipality's guide file has errors, so the shipped questions are "
                    "used. Correct the file:\n{problems}"
                ).format(problems="\n".join(f"• {problem}" for problem in guides.problems))
            )
        self.problems.setVisible(bool(guides.problems))
        layout.addWidget(self.problems)
        layout.addWidget(self.tabs)
        for phase in ConversationPhase:
            page = self._page(db, item, autosaver, guide, phase, item.involvement_notes)
            self._phases.append(phase.value)
            self.tabs.addTab(page, "")
            self._update_tab(phase.value)
        self.tabs.setCurrentIndex(self._phases.index(ConversationPhase.DURING.value))

    def _page(
        self,
        db: Database,
        item: AgendaItemRecord,
        autosaver: Autosaver,
        guide: ConversationGuide,
        phase: ConversationPhase,
        notes: tuple[InvolvementNoteRecord, ...],
    ) -> QWidget:
        recorded = {note.prompt: note.answer for note in notes if note.phase == phase.value}
        prompts = list(guide.prompts(phase.value))
        prompts += [prompt for prompt in recorded if prompt not in prompts]
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(2, 6, 2, 2)
        layout.setSpacing(2)
        if not prompts:
            empty = QLabel(_("The guide has no questions for this phase."))
            empty.setWordWrap(True)
            layout.addWidget(empty)
        for position, prompt in enumerate(prompts):
            question = QLabel(prompt)
            question.setWordWrap(True)
            question.setTextFormat(Qt.TextFormat.PlainText)
            answer = _text_box(_("The citizen's answer in their own words"))
            _fit_lines(answer, ANSWER_LINES)
            answer.setPlainText(recorded.get(prompt, ""))
            answer.setAccessibleName(prompt)
            question.setBuddy(answer)
            layout.addWidget(question)
            layout.addWidget(answer)
            self.answers[(phase.value, prompt)] = answer
            answer.textChanged.connect(lambda p=phase.value: self._update_tab(p))

            def save(text: str, phase: str = phase.value, prompt: str = prompt, at: int = position):
                involvement.save_answer(db, item.id, phase, prompt, text, position=at)

            autosaver.bind(answer, save)
        layout.addStretch(1)
        return page

    def _update_tab(self, phase: str) -> None:
        """'Under mødet (2/4)': how many of the phase's questions have an answer."""
        fields = [box for (p, _prompt), box in self.answers.items() if p == phase]
        answered = sum(1 for box in fields if box.toPlainText().strip())
        label = ConversationPhase(phase).label
        if fields:
            label = _("{phase} ({answered}/{questions})").format(
                phase=label, answered=answered, questions=len(fields)
            )
        self.tabs.setTabText(self._phases.index(phase), label)

    def set_read_only(self, read_only: bool) -> None:
        for box in self.answers.values():
            box.setReadOnly(read_only)


class CitizenViewForm(QGroupBox):
    """What the citizen thinks of the decision: agrees, partly or disagrees, in their words."""

    def __init__(
        self,
        db: Database,
        item: AgendaItemRecord,
        autosaver: Autosaver,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(_("The citizen's view of the decision"), parent)
        self._db, self._item_id = db, item.id
        self.view = QComboBox()
        self.view.addItem(_("– not recorded –"), None)
        for code, label in CitizenView.choices():
            self.view.addItem(label, code)
        self.words = _text_box(_("What the citizen says about the decision, in their words."))
        _fit_lines(self.words, 3.4)
        _add_rows(
            _form(self),
            (
                (_("The citi&zen's view:"), self.view),
                (_("In their own words:"), self.words),
            ),
        )
        select_data(self.view, item.citizen_view or None)
        self.words.setPlainText(item.citizen_view_words)
        for field in (self.view, self.words):
            autosaver.bind(field, self._save)

    def _save(self, _value: object) -> None:
        involvement.set_citizen_view(
            self._db, self._item_id, self.view.currentData(), self.words.toPlainText()
        )

    def set_read_only(self, read_only: bool) -> None:
        self.view.setEnabled(not read_only)
        self.words.setReadOnly(read_only)
