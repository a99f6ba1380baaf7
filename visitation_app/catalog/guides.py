"""Conversation guides: the questions put to the citizen before, during and after the meeting.

The shipped examples are in resources/guides/conversation_guides.json; a file of the same
name in the user's config folder replaces shipped guides with the same key and adds new
ones. A guide's key is a case type (a key of the processing deadlines) or an area code,
whose guide is the default for the area's cases. A case type's guide without questions
for a phase uses the area's questions for that phase.

The file is read and checked like the catalog files (catalog/loader.py): every problem is
reported with the file, the place in it and what is wrong, and a file with problems is
ignored as a whole, so the shipped guides stay in use.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from visitation_app.assets import get_asset
from visitation_app.catalog.legal import CatalogProblem
from visitation_app.catalog.loader import (
    _check_fields,
    _InvalidEntryError,
    _read_entries,
    _text,
    load_catalog,
)
from visitation_app.domain.validation import SHORT_TEXT_MAX
from visitation_app.domain.vocabulary import CommitteeArea, ConversationPhase
from visitation_app.i18n import _

log = logging.getLogger(__name__)

GUIDES_FOLDER = "guides"
GUIDES_FILE = "conversation_guides.json"
_PHASES = tuple(phase.value for phase in ConversationPhase)


@dataclass(frozen=True)
class ConversationGuide:
    """The prompts of one case type (or of an area's default guide), phase by phase."""

    key: str
    before: tuple[str, ...] = ()
    during: tuple[str, ...] = ()
    after: tuple[str, ...] = ()
    # False when the municipality's own file set it; True for the shipped example.
    is_default: bool = True

    def prompts(self, phase: str) -> tuple[str, ...]:
        return getattr(self, ConversationPhase(phase).value)

    @property
    def is_empty(self) -> bool:
        return not (self.before or self.during or self.after)


@dataclass
class ConversationGuides:
    """Every guide in use by key, and the problems found in the files."""

    guides: dict[str, ConversationGuide] = field(default_factory=dict)
    problems: list[CatalogProblem] = field(default_factory=list)

    def for_case(self, case_type: str, area: str) -> ConversationGuide:
        """The guide for a case: its type's prompts, the area's where the type has none."""
        own = self.guides.get(case_type) if case_type else None
        default = self.guides.get(area)
        phases = {}
        for phase in _PHASES:
            prompts = own.prompts(phase) if own else ()
            phases[phase] = prompts or (default.prompts(phase) if default else ())
        chosen = own or default
        return ConversationGuide(
            key=case_type or area, is_default=chosen.is_default if chosen else True, **phases
        )


def load_guides(
    config_dir: Path | None = None, case_types: Mapping[str, str] | None = None
) -> ConversationGuides:
    """The shipped guides with the municipality's file from `config_dir` laid over them.

    `case_types` maps each known case type to its area (default: the processing
    deadlines of the catalog read from the same `config_dir`); a guide's key must be one
    of them or an area code.
    """
    if config_dir is None:
        from visitation_app.paths import config_dir as default_config_dir

        config_dir = default_config_dir()
    if case_types is None:
        catalog = load_catalog(config_dir)
        case_types = {key: deadline.area for key, deadline in catalog.deadlines.items()}
    known = {area.value for area in CommitteeArea} | set(case_types)
    result = ConversationGuides()

    def parse(raw: Any, where: str, shipped: bool) -> ConversationGuide:
        return _parse_guide(raw, where, shipped, known)

    shipped_file, own_file = get_asset(GUIDES_FOLDER, GUIDES_FILE), config_dir / GUIDES_FILE
    result.guides.update(_read_entries(shipped_file, parse, True, result.problems) or {})
    if own_file.exists():
        result.guides.update(_read_entries(own_file, parse, False, result.problems) or {})
    for problem in result.problems:
        log.warning("conversation guide problem: %s", problem)
    return result


def _parse_guide(raw: Any, where: str, shipped: bool, known: set[str]) -> ConversationGuide:
    raw = _check_fields(raw, where, {"key"}, set(_PHASES))
    key = _text(raw, "key", where)
    if key not in known:
        areas = ", ".join(area.value for area in CommitteeArea)
        message = _(
            'Unknown case type or area "{key}"; use a key of the processing deadlines '
            "or one of: {areas}."
        ).format(key=key, areas=areas)
        raise _InvalidEntryError(f"{where}.key", message)
    phases = {phase: _prompts(raw, phase, where) for phase in _PHASES}
    if not any(phases.values()):
        raise _InvalidEntryError(
            where, _("Give at least one question under before, during or after.")
        )
    return ConversationGuide(key=key, is_default=shipped, **phases)


def _prompts(raw: dict, phase: str, where: str) -> tuple[str, ...]:
    """The questions of one phase: a list of texts, each once, none empty or too long."""
    value = raw.get(phase, [])
    location = f"{where}.{phase}"
    if not isinstance(value, list):
        raise _InvalidEntryError(location, _("Expected a list of questions."))
    prompts: list[str] = []
    for index, prompt in enumerate(value):
        at = f"{location}[{index}]"
        if not isinstance(prompt, str) or not prompt.strip():
            raise _InvalidEntryError(at, _("Expected a text that is not empty."))
        prompt = " ".join(prompt.split())
        if len(prompt) > SHORT_TEXT_MAX:
            message = _("The question is too long ({length} characters); at most {limit} fit.")
            raise _InvalidEntryError(at, message.format(length=len(prompt), limit=SHORT_TEXT_MAX))
        if prompt in prompts:
            raise _InvalidEntryError(at, _("The question is already in this phase."))
        prompts.append(prompt)
    return tuple(prompts)
