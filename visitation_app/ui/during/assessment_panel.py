"""The case's functional assessment, compact: one line of levels, and the editor on demand.

Elderly care uses Fælles Sprog III (a level 0–4 or 9 per area); adults VUM 2.0 (a
functional level and a support need per theme), or FSIII for help under Serviceloven
§ 83. Each choice is saved as it is made (services.assessments).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from visitation_app.domain.assessment import (
    NOT_RELEVANT,
    SUPPORT_NEEDS,
    VUM_GROUPS,
    AssessmentDomain,
    domains_of,
    level_label,
    levels_of,
    schemes_for_area,
    support_need_label,
)
from visitation_app.domain.records import AgendaItemRecord, AssessmentRecord
from visitation_app.domain.vocabulary import AssessmentScheme
from visitation_app.i18n import _
from visitation_app.services import assessments as assessment_service
from visitation_app.store.database import Database
from visitation_app.ui.autosave import Autosaver
from visitation_app.ui.during.decision_form import select_data

NOTHING = "–"


class _SchemeEditor(QWidget):
    """The areas (FSIII) or themes (VUM 2.0) of one scheme, each with its combo boxes."""

    def __init__(
        self,
        db: Database,
        item_id: int,
        scheme: AssessmentScheme,
        recorded: dict[str, AssessmentRecord],
        autosaver: Autosaver,
    ) -> None:
        super().__init__()
        self.scheme = scheme
        self.levels: dict[str, QComboBox] = {}
        self.needs: dict[str, QComboBox] = {}
        # A note recorded with an area (e.g. "awaiting a dementia assessment"), shown only.
        self.notes: dict[str, str] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(3)
        vum = scheme == AssessmentScheme.VUM
        row = 0
        if vum:
            for column, text in enumerate(
                (_("Theme"), _("Functional level"), _("Support need")),
            ):
                grid.addWidget(_bold(text), row, column)
            row += 1
        group = ""
        for domain in domains_of(scheme):
            if vum and domain.group != group:
                group = domain.group
                grid.addWidget(_italic(_(VUM_GROUPS[group])), row, 0, 1, 3)
                row += 1
            row = self._add_domain(grid, row, db, item_id, domain, recorded, autosaver)
        grid.setColumnStretch(3 if vum else 2, 1)

    def _add_domain(
        self,
        grid: QGridLayout,
        row: int,
        db: Database,
        item_id: int,
        domain: AssessmentDomain,
        recorded: dict[str, AssessmentRecord],
        autosaver: Autosaver,
    ) -> int:
        scheme, key = self.scheme.value, domain.key
        found = recorded.get(key)
        level = QComboBox()
        level.addItem(NOTHING, None)
        for grade in levels_of(scheme):
            level.addItem(level_label(scheme, int(grade.code)), grade.code)
        select_data(level, found.level if found else None)
        level.setAccessibleName(domain.label)
        self.notes[key] = found.note if found else ""
        level.setToolTip(self.notes[key])
        label = QLabel(domain.label)
        label.setBuddy(level)
        grid.addWidget(label, row, 0)
        grid.addWidget(level, row, 1)
        self.levels[key] = level
        autosaver.bind(
            level,
            lambda value, k=key: assessment_service.set_level(db, item_id, scheme, k, value),
        )
        if self.scheme == AssessmentScheme.VUM:
            need = QComboBox()
            need.addItem(NOTHING, None)
            for grade in SUPPORT_NEEDS:
                need.addItem(grade.label, grade.code)
            select_data(need, (found.support_need if found else "") or None)
            need.setAccessibleName(_("{theme}: support need").format(theme=domain.label))
            grid.addWidget(need, row, 2)
            self.needs[key] = need
            autosaver.bind(
                need,
                lambda value, k=key: assessment_service.set_support_need(
                    db, item_id, k, value or ""
                ),
            )
        return row + 1

    def summary(self) -> str:
        """'Egenomsorg 3 · Mobilitet 2'; with VUM the support need after the level."""
        parts = []
        for domain in domains_of(self.scheme):
            level = self.levels[domain.key].currentData()
            need_box = self.needs.get(domain.key)
            need = need_box.currentData() if need_box else None
            note = self.notes.get(domain.key, "")
            if level is None and not need and not note:
                continue
            shown = NOTHING if level is None else str(level)
            if level == NOT_RELEVANT:
                shown = level_label(self.scheme.value, level).lower()
            if need:
                shown = _("{level}, {need}").format(
                    level=shown, need=support_need_label(need).lower()
                )
            if note:
                shown = _("{level} ({note})").format(level=shown, note=note)
            parts.append(_("{area} {level}").format(area=domain.label, level=shown))
        return " · ".join(parts)

    def set_read_only(self, read_only: bool) -> None:
        for box in (*self.levels.values(), *self.needs.values()):
            box.setEnabled(not read_only)


def _bold(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


def _italic(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setItalic(True)
    label.setFont(font)
    return label


class AssessmentPanel(QGroupBox):
    """A one-line summary of the levels; 'Edit assessment' opens the areas for editing."""

    def __init__(
        self,
        db: Database,
        item: AgendaItemRecord,
        autosaver: Autosaver,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(_("Functional assessment"), parent)
        case = item.case
        assert case is not None
        self.schemes = schemes_for_area(case.area)
        by_scheme: dict[str, dict[str, AssessmentRecord]] = {}
        for record in case.assessments:
            by_scheme.setdefault(record.scheme, {})[record.domain_key] = record
        self.scheme_box = QComboBox()
        for scheme in self.schemes:
            self.scheme_box.addItem(scheme.label, scheme.value)
        self.scheme_box.setToolTip(_("The assessment method shown and edited"))
        self.scheme_label = QLabel()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.edit_button = QPushButton(_("Edit assessment"))
        self.edit_button.setCheckable(True)
        self.edit_button.toggled.connect(self._show_editor)

        self.editors: dict[str, _SchemeEditor] = {}
        self.stack = QStackedWidget()
        for scheme in self.schemes:
            editor = _SchemeEditor(db, item.id, scheme, by_scheme.get(scheme.value, {}), autosaver)
            self.editors[scheme.value] = editor
            self.stack.addWidget(editor)
            for box in (*editor.levels.values(), *editor.needs.values()):
                box.currentIndexChanged.connect(self._update_summary)
        self.stack.setVisible(False)

        top = QHBoxLayout()
        top.addWidget(self.scheme_box if len(self.schemes) > 1 else self.scheme_label)
        top.addWidget(self.summary, 1)
        top.addWidget(self.edit_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addLayout(top)
        layout.addWidget(self.stack)

        # Show the scheme something was recorded in, else the area's usual one.
        used = next((s for s in self.schemes if by_scheme.get(s.value)), self.schemes[0])
        select_data(self.scheme_box, used.value)
        self.scheme_box.currentIndexChanged.connect(self._choose_scheme)
        self._choose_scheme()

    @property
    def editor(self) -> _SchemeEditor:
        """The editor of the scheme shown."""
        return self.editors[self.scheme_box.currentData()]

    def _choose_scheme(self) -> None:
        self.stack.setCurrentWidget(self.editor)
        self.scheme_label.setText(_("{scheme}:").format(scheme=self.editor.scheme.label))
        self._update_summary()

    def _show_editor(self, shown: bool) -> None:
        self.stack.setVisible(shown)
        self.edit_button.setText(_("Hide editing") if shown else _("Edit assessment"))

    def _update_summary(self) -> None:
        self.summary.setText(self.editor.summary() or _("No assessment recorded."))

    def set_read_only(self, read_only: bool) -> None:
        for editor in self.editors.values():
            editor.set_read_only(read_only)
