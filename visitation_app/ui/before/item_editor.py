"""Beside the agenda: the preparation of the selected case (or the title of a standard item).

Everything is saved as it is typed, through `services.cases.update_case`,
`services.agenda.update_item` and (the consultation) `services.decisions.save_decision`;
there is no Save button.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from visitation_app.domain.completeness import Consultation
from visitation_app.domain.errors import UserError
from visitation_app.domain.records import AgendaItemRecord, MeetingDossier
from visitation_app.domain.validation import SHORT_TEXT_MAX
from visitation_app.domain.vocabulary import AgendaItemKind
from visitation_app.formatting import format_date_long
from visitation_app.i18n import _
from visitation_app.services import agenda, cases, decisions
from visitation_app.store.database import Database
from visitation_app.ui.audit_dialog import open_case_history
from visitation_app.ui.autosave import Autosaver
from visitation_app.ui.before.case_fields import CaseFields, service_changes
from visitation_app.ui.legal_widgets import ConsultationEdit
from visitation_app.ui.messages import confirm
from visitation_app.ui.pdf_actions import save_invitation
from visitation_app.ui.style import clear_invalid, form_error_label
from visitation_app.ui.widgets import OptionalDateEdit


class ItemEditor(QGroupBox):
    """Shows one case or one standard item; `saved` after each save."""

    saved = Signal()

    EMPTY, CASE, ITEM = range(3)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(_("Preparation"), parent)
        self._db = db
        self._case_id: int | None = None
        self._case_area = ""
        self._item_id: int | None = None
        self._decided_on: dt.date | None = None
        self._read_only = False
        self.autosaver = Autosaver(self)
        self.autosaver.saved.connect(self.saved)
        self.autosaver.saved.connect(lambda: self.error_label.hide())
        self.autosaver.failed.connect(self._show_failure)

        self.hint = QLabel(
            _("Select an item on the agenda, or a case in the list, to prepare it here.")
        )
        self.hint.setObjectName("emptyHint")
        self.hint.setWordWrap(True)

        self.heading = QLabel()
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.history_button = QPushButton(_("History…"))
        self.history_button.setToolTip(
            _(
                "Every change to the case, its decisions and the citizen's answers: "
                "who, when, before and after"
            )
        )
        self.history_button.clicked.connect(self.show_history)
        self.case_fields = CaseFields(text_height=110)
        for name, editor in self.case_fields.editors().items():
            self.autosaver.bind(editor, self._case_saver(name))
        # What belongs to the case's place on this agenda rather than to the case.
        self.invited_on = OptionalDateEdit()
        self.invited_on.setToolTip(
            _("The day the citizen was invited to the meeting. Delete clears it.")
        )
        self.autosaver.bind(self.invited_on, self._save_invited)
        self.today: Callable[[], dt.date] = dt.date.today
        self.invitation_button = QPushButton(_("Invitation to the citizen…"))
        self.invitation_button.clicked.connect(self.save_invitation)
        # The date, and under it the letter (the column is narrow at 1366×768).
        self.invited_row = QWidget()
        invited_layout = QVBoxLayout(self.invited_row)
        invited_layout.setContentsMargins(0, 0, 0, 0)
        invited_layout.setSpacing(3)
        for widget in (self.invited_on, self.invitation_button):
            invited_layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignLeft)
        self.invited_row.setFocusProxy(self.invited_on)  # the label's Alt+V goes to the date
        self.consultation = ConsultationEdit(stacked=True)
        self.consultation.setToolTip(
            _(
                "Partshøring (Forvaltningsloven § 19): done on a date, or not needed and why. "
                "Prepared by the case worker before the meeting."
            )
        )
        for name, editor in self.consultation.editors().items():
            self.autosaver.bind(editor, self._decision_saver(name))
        self.not_on_agenda = QLabel(
            _("Put the case on the agenda to record the invitation and the consultation.")
        )
        self.not_on_agenda.setObjectName("sectionHint")
        self.not_on_agenda.setWordWrap(True)
        self.case_fields.insert_rows(
            [
                (_("Citizen in&vited on:"), self.invited_row),
                (_("Consultat&ion:"), self.consultation),
                (None, self.not_on_agenda),
            ]
        )
        case_page = QScrollArea()
        case_page.setWidgetResizable(True)
        case_page.setFrameShape(QScrollArea.Shape.NoFrame)
        case_page.setWidget(self.case_fields)

        self.title_edit = QLineEdit()
        self.title_edit.setMaxLength(SHORT_TEXT_MAX)
        self.autosaver.bind(self.title_edit, self._save_title)
        item_page = QWidget()
        item_form = QFormLayout(item_page)
        item_form.setContentsMargins(0, 0, 0, 0)
        item_form.addRow(_("&Title:"), self.title_edit)
        self.item_hint = QLabel(_("A standard item: there is no case to prepare."))
        self.item_hint.setObjectName("sectionHint")
        self.item_hint.setWordWrap(True)
        item_form.addRow(self.item_hint)

        self.pages = QStackedWidget()
        self.pages.addWidget(self.hint)
        self.pages.addWidget(case_page)
        self.pages.addWidget(item_page)

        self.error_label = form_error_label()

        heading_row = QHBoxLayout()
        heading_row.addWidget(self.heading, 1)
        heading_row.addWidget(self.history_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(heading_row)
        layout.addWidget(self.error_label)
        layout.addWidget(self.pages, 1)
        self.show_nothing()

    # -- what is shown -----------------------------------------------------------------------

    @property
    def case_id(self) -> int | None:
        return self._case_id if self.pages.currentIndex() == self.CASE else None

    @property
    def item_id(self) -> int | None:
        return self._item_id

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self.case_fields.set_read_only(read_only)
        self.invited_on.setReadOnly(read_only)
        self.invitation_button.setEnabled(not read_only)  # a held meeting invites nobody
        self.consultation.set_read_only(read_only)
        self.title_edit.setReadOnly(read_only)

    def set_decision_date(self, on: dt.date | None) -> None:
        """The meeting's date: the legal bases offered are those valid on it (None: today)."""
        self._decided_on = on
        if self.pages.currentIndex() == self.CASE and self._case_area:
            self.case_fields.set_context(self._case_area, self._on())

    def _on(self) -> dt.date:
        return self._decided_on or dt.date.today()

    def show_nothing(self) -> None:
        self._leave()
        self._case_id = None
        self._item_id = None
        self.heading.hide()
        self.history_button.hide()
        self.pages.setCurrentIndex(self.EMPTY)

    def show_item(self, item: AgendaItemRecord | None) -> None:
        """Show an agenda item: its case's preparation, or a standard item's title."""
        if item is None:
            self.show_nothing()
        elif item.case is not None:
            self.show_case(
                item.case.id,
                heading=_("Item {number}: {title}").format(
                    number=item.number, title=item.case.citizen_name
                ),
                item=item,
            )
        else:
            heading = _("Item {number}: {title}").format(
                number=item.number, title=AgendaItemKind(item.kind).label
            )
            self._set_heading(heading)
            if self._item_id == item.id and self.pages.currentIndex() == self.ITEM:
                return
            self._leave()
            self._case_id = None
            self._item_id = item.id
            standard = AgendaItemKind(item.kind).label
            with self.autosaver.loading():
                # An item without a title of its own is shown by its kind: keep that a hint.
                self.title_edit.setText("" if item.title == standard else item.title)
            self.title_edit.setPlaceholderText(standard)
            self.history_button.hide()
            self.pages.setCurrentIndex(self.ITEM)

    def show_case(
        self,
        case_id: int | None,
        heading: str | None = None,
        item: AgendaItemRecord | None = None,
    ) -> None:
        """Show a case's preparation (with its agenda `item`, if it is on the agenda).

        Showing the case already shown keeps what is typed.
        """
        if case_id is None:
            self.show_nothing()
            return
        if case_id == self._case_id and self.pages.currentIndex() == self.CASE:
            if heading:
                self._set_heading(heading)
            if (item.id if item else None) != self._item_id:
                self.autosaver.flush()
                self._show_item_fields(item)
            return
        self._leave()
        case = cases.get_case(self._db, case_id)
        self._case_id = case_id
        self._case_area = case.area
        self._set_heading(heading or _("Case: {name}").format(name=case.citizen_name))
        self.case_fields.set_context(case.area, self._on())
        with self.autosaver.loading():
            self.case_fields.set_values(case)
        self._show_item_fields(item)
        self.history_button.show()
        self.pages.setCurrentIndex(self.CASE)

    def _show_item_fields(self, item: AgendaItemRecord | None) -> None:
        """The invitation and consultation of the case's agenda item (hidden without one)."""
        self._item_id = item.id if item else None
        form = self.case_fields.form
        form.setRowVisible(self.invited_row, item is not None)
        form.setRowVisible(self.consultation, item is not None)
        form.setRowVisible(self.not_on_agenda, item is None)
        if item is None:
            return
        self.invitation_button.setToolTip(
            _(
                "Save the letter inviting the citizen to the meeting as a PDF: time and place, "
                "who takes part, the right to bring a bisidder, what to bring and how to "
                "prepare. From the command line: {command}"
            ).format(command=f"visitation-app invitation {item.id}")
        )
        decision = item.decision
        with self.autosaver.loading():
            self.invited_on.set_value(item.citizen_invited_on)
            self.consultation.set_values(
                decision.consultation if decision else Consultation.NOT_RECORDED,
                decision.consulted_on if decision else None,
                decision.consultation_not_needed_reason if decision else "",
            )

    def reload(self, dossier: MeetingDossier | None = None) -> None:
        """Re-read the case shown (after another view changed it), keeping unsaved typing.

        The agenda item's own fields are re-read from `dossier` (the meeting's, fresh).
        """
        if self.pages.currentIndex() != self.CASE or self._case_id is None:
            return
        self.autosaver.flush()
        if self.autosaver.has_pending():
            return
        try:
            case = cases.get_case(self._db, self._case_id)
        except UserError:  # the case was deleted elsewhere
            self.show_nothing()
            return
        self._case_area = case.area
        self.case_fields.set_context(case.area, self._on())
        with self.autosaver.loading():
            self.case_fields.set_values(case)
        if dossier is not None and self._item_id is not None:
            item = next((i for i in dossier.items if i.id == self._item_id), None)
            if item is not None and item.case is not None and item.case.id == self._case_id:
                self._show_item_fields(item)
            else:  # the item left the agenda
                self._show_item_fields(None)

    def _set_heading(self, text: str) -> None:
        self.heading.setText(text)
        self.heading.show()

    def _leave(self) -> None:
        """Save what is typed before other content replaces it; forget what cannot be saved."""
        if not self.autosaver.flush():
            self.autosaver.discard()
        clear_invalid(
            (
                *self.case_fields.editors().values(),
                self.invited_on,
                *self.consultation.editors().values(),
                self.title_edit,
            )
        )
        self.error_label.hide()

    # -- saving ------------------------------------------------------------------------------

    def _case_saver(self, name: str):  # noqa: ANN202 - a saver for Autosaver.bind
        def save(value: Any) -> None:
            if self._case_id is not None:
                cases.update_case(self._db, self._case_id, **service_changes(name, value))

        return save

    def _decision_saver(self, field: str):  # noqa: ANN202 - a saver for Autosaver.bind
        def save(value: Any) -> None:
            if self._item_id is not None and self._case_id is not None:
                decisions.save_decision(self._db, self._item_id, **{field: value})

        return save

    def _save_invited(self, value: dt.date | None) -> None:
        if self._item_id is not None and self._case_id is not None:
            agenda.update_item(self._db, self._item_id, citizen_invited_on=value)

    def save_invitation(self) -> None:
        """Save the invitation to the citizen as PDF, then offer to note today as invited on."""
        if self._item_id is None or self._case_id is None:
            return
        if save_invitation(self, self._db, self._item_id) is None or self._read_only:
            return
        today = self.today()
        if self.invited_on.value() == today:
            return
        if confirm(
            self,
            _("The citizen is invited"),
            _("Note {date} as the day the citizen was invited to the meeting?").format(
                date=format_date_long(today)
            ),
        ):
            self.invited_on.set_value(today)  # saved like a date typed in the field
            self.autosaver.flush()

    def _save_title(self, value: str) -> None:
        if self._item_id is not None:
            agenda.update_item(self._db, self._item_id, title=value)

    def show_history(self) -> None:
        """The case's audit trail (also for a read-only meeting: it only shows)."""
        if self.case_id is not None:
            open_case_history(self, self._db, self.case_id)

    def _show_failure(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()
