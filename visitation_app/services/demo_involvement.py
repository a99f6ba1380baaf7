"""The demo's citizen involvement: how each citizen took part, their answers to the
conversation guide, their view of the decision, and the functional assessments.

Read and checked with the rest of the demo file by `services.demo_loader` (`voice`,
`answers`, `citizen_view` for each case item, `assessment` for each case), then recorded
through the services the window uses (`add_involvement`, called by `services.demo`).

In the demo file, a case item may hold
- "citizen_voice": {"participation", "statement", "represented_by", "absence_reason"}; the
  reason goes with "not_present" or "not_involved", and "not_involved" needs it;
- "answers": {"before" | "during" | "after": {question: answer}}, each question one of the
  shipped conversation guide's for the case's type (or area);
- "citizen_view": {"view": "agrees" | "partly" | "disagrees", "words"}, with a decision
  that has an outcome;
and a case "assessment": {"scheme": "fsiii" | "vum", "areas": {key: level or
{"level", "support_need", "note"}}}, with the areas (FSIII) or themes (VUM 2.0) of
domain/assessment.py.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from visitation_app.catalog import Catalog
from visitation_app.catalog.guides import ConversationGuide, ConversationGuides, load_guides
from visitation_app.domain.assessment import (
    check_domain,
    check_level,
    check_scheme,
    check_support_need,
)
from visitation_app.domain.errors import ValidationError
from visitation_app.domain.vocabulary import CitizenParticipation, CitizenView, ConversationPhase
from visitation_app.services.assessments import set_assessment
from visitation_app.services.demo_json import DemoDataError, JsonObject, check_type
from visitation_app.services.involvement import save_answer, set_citizen_view
from visitation_app.store.database import Database

_ABSENT = (CitizenParticipation.NOT_PRESENT, CitizenParticipation.NOT_INVOLVED)


@dataclass(frozen=True)
class DemoAnswer:
    phase: str
    prompt: str
    answer: str
    position: int  # the question's place in the guide


@dataclass(frozen=True)
class DemoAssessment:
    scheme: str
    domain_key: str
    fields: dict[str, Any]  # level, support_need, note for services.assessments


@dataclass(frozen=True)
class DemoInvolvement:
    """What is recorded on a case item after it is on the agenda."""

    answers: tuple[DemoAnswer, ...] = ()
    view: str | None = None
    view_words: str = ""
    assessments: tuple[DemoAssessment, ...] = ()


def shipped_guides(catalog: Catalog) -> ConversationGuides:
    """The conversation guides as shipped, checked against the case types of `catalog`."""
    case_types = {key: deadline.area for key, deadline in catalog.deadlines.items()}
    with tempfile.TemporaryDirectory() as no_overrides:
        guides = load_guides(Path(no_overrides), case_types)
    if guides.problems:
        problems = "; ".join(str(problem) for problem in guides.problems)
        raise DemoDataError(f"the shipped conversation guides cannot be used: {problems}")
    return guides


# --- reading the file ---------------------------------------------------------------------


def voice(item: JsonObject) -> dict[str, str] | None:
    """The citizen_* fields of services.agenda.update_item from "citizen_voice"."""
    if not item.has("citizen_voice"):
        return None
    node = JsonObject(
        item.value["citizen_voice"],
        item.at("citizen_voice"),
        "participation",
        "statement represented_by absence_reason",
    )
    participation = node.choice("participation", CitizenParticipation)
    reason = node.get("absence_reason", str, "")
    if node.has("absence_reason") and participation not in _ABSENT:
        raise DemoDataError(
            f"{node.at('absence_reason')}: only with participation 'not_present' or 'not_involved'"
        )
    if participation == CitizenParticipation.NOT_INVOLVED and not reason.strip():
        raise DemoDataError(
            f"{node.at('absence_reason')}: missing; a citizen who was not involved needs "
            "the reason why"
        )
    if node.has("represented_by") and participation != CitizenParticipation.REPRESENTED:
        raise DemoDataError(f"{node.at('represented_by')}: only with participation 'represented'")
    return {
        "citizen_participation": participation,
        "citizen_statement": node.get("statement", str, ""),
        "citizen_represented_by": node.get("represented_by", str, ""),
        "citizen_absence_reason": reason,
    }


def answers(item: JsonObject, guide: ConversationGuide) -> tuple[DemoAnswer, ...]:
    """The answers under "answers", each to a question of `guide` in its phase."""
    if not item.has("answers"):
        return ()
    phases = " ".join(phase.value for phase in ConversationPhase)
    node = JsonObject(item.value["answers"], item.at("answers"), "", phases)
    found = []
    for phase in ConversationPhase:
        if not node.has(phase.value):
            continue
        given = check_type(node.value[phase.value], node.at(phase.value), dict)
        questions = guide.prompts(phase.value)
        for prompt, answer in given.items():
            where = f"{node.at(phase.value)}.{prompt}"
            if prompt not in questions:
                raise DemoDataError(
                    f"{where}: not a question of the conversation guide for {guide.key!r} "
                    f"(resources/guides/conversation_guides.json) in the phase {phase.value!r}"
                )
            check_type(answer, where, str)
            if not answer.strip():
                raise DemoDataError(f"{where}: empty; leave the question out instead")
            found.append(DemoAnswer(phase.value, prompt, answer, questions.index(prompt)))
    return tuple(found)


def citizen_view(item: JsonObject, decision: dict[str, Any] | None) -> tuple[str | None, str]:
    """The citizen's view of the decision and their words, from "citizen_view"."""
    if not item.has("citizen_view"):
        return None, ""
    node = JsonObject(item.value["citizen_view"], item.at("citizen_view"), "view", "words")
    if not decision or "outcome" not in decision:
        raise DemoDataError(f"{node.where}: only with a decision that has an outcome")
    return node.choice("view", CitizenView), node.get("words", str, "")


def assessment(case: dict[str, Any], where: str, area: str) -> tuple[DemoAssessment, ...]:
    """The functional assessment under "assessment" of the case `case` (at `where`)."""
    if "assessment" not in case:
        return ()
    node = JsonObject(case["assessment"], f"{where}.assessment", "scheme areas")
    try:
        scheme = check_scheme(node.get("scheme", str), area)
    except ValidationError as error:
        raise DemoDataError(f"{node.at('scheme')}: {error}") from None
    areas = check_type(node.value["areas"], node.at("areas"), dict)
    found = []
    for key, value in areas.items():
        where = f"{node.at('areas')}.{key}"
        spec = value if isinstance(value, dict) else {"level": value}
        fields = JsonObject(spec, where, "", "level support_need note").value
        try:
            check_domain(scheme, key)
            check_level(fields.get("level"))
            check_support_need(scheme, fields.get("support_need", ""))
        except ValidationError as error:
            raise DemoDataError(f"{where}: {error}") from None
        if "note" in fields:
            check_type(fields["note"], f"{where}.note", str)
        found.append(DemoAssessment(scheme.value, key, dict(fields)))
    return tuple(found)


# --- recording it -------------------------------------------------------------------------


def add_involvement(db: Database, item_id: int, planned: DemoInvolvement) -> None:
    """Record the answers, the citizen's view and the assessment on a case item."""
    for answer in planned.answers:
        save_answer(
            db, item_id, answer.phase, answer.prompt, answer.answer, position=answer.position
        )
    if planned.view is not None:
        set_citizen_view(db, item_id, planned.view, planned.view_words)
    for area in planned.assessments:
        set_assessment(db, item_id, area.scheme, area.domain_key, **area.fields)
