"""Functional assessment: the areas of Fælles Sprog III and the themes of VUM 2.0, their
levels and support needs, and the checks of a value before it is stored.

FSIII (elderly and health care) scores functional ability per area from 0 (no or
negligible limitations) to 4 (total limitations); 9 means "not relevant": assessed, not
forgotten. VUM 2.0 (adults with disabilities) records per theme a functional level
(no reduction … completely reduced, or not assessed, stored as 0–4 and 9) and a support
need. A level of None means nothing is recorded yet.
"""

from __future__ import annotations

from dataclasses import dataclass

from visitation_app.domain.errors import ValidationError
from visitation_app.domain.vocabulary import AssessmentScheme, CommitteeArea
from visitation_app.i18n import N_, _

NOT_RELEVANT = 9  # FSIII "ikke relevant"; in VUM 2.0 "ikke vurderet"
LEVELS = (0, 1, 2, 3, 4, NOT_RELEVANT)


@dataclass(frozen=True)
class AssessmentDomain:
    """An FSIII area or a VUM theme; `group` is the VUM part it belongs to."""

    key: str
    msgid: str
    group: str = ""

    @property
    def label(self) -> str:
        return _(self.msgid)


@dataclass(frozen=True)
class Grade:
    """A level or a support need with its meaning."""

    code: int | str
    msgid: str

    @property
    def label(self) -> str:
        return _(self.msgid)


FSIII_AREAS = (
    AssessmentDomain("self_care", N_("Self-care")),
    AssessmentDomain("practical_tasks", N_("Practical tasks")),
    AssessmentDomain("mobility", N_("Mobility")),
    AssessmentDomain("mental_functions", N_("Mental functions")),
    AssessmentDomain("community_life", N_("Community life")),
)

VUM_FUNCTIONS = "functions"
VUM_ACTIVITY = "activity"
VUM_ENVIRONMENT = "environment"
VUM_GROUPS = {
    VUM_FUNCTIONS: N_("Functions"),
    VUM_ACTIVITY: N_("Activity and participation"),
    VUM_ENVIRONMENT: N_("Environment"),
}

VUM_THEMES = (
    AssessmentDomain("mental_functions", N_("Mental functions"), VUM_FUNCTIONS),
    AssessmentDomain("health", N_("Health"), VUM_FUNCTIONS),
    AssessmentDomain("physical_functions", N_("Physical functions"), VUM_FUNCTIONS),
    AssessmentDomain("social_conditions", N_("Social conditions"), VUM_FUNCTIONS),
    AssessmentDomain("relations", N_("Relationships"), VUM_ACTIVITY),
    AssessmentDomain("communication", N_("Communication"), VUM_ACTIVITY),
    AssessmentDomain("mobility", N_("Mobility"), VUM_ACTIVITY),
    AssessmentDomain("self_care", N_("Self-care"), VUM_ACTIVITY),
    AssessmentDomain("community_life", N_("Community life"), VUM_ACTIVITY),
    AssessmentDomain("practical_tasks", N_("Practical tasks"), VUM_ACTIVITY),
    AssessmentDomain("environment", N_("Surroundings"), VUM_ENVIRONMENT),
)

FSIII_LEVELS = (
    Grade(0, N_("No or negligible limitations")),
    Grade(1, N_("Slight limitations")),
    Grade(2, N_("Moderate limitations")),
    Grade(3, N_("Severe limitations")),
    Grade(4, N_("Total limitations")),
    Grade(NOT_RELEVANT, N_("Not relevant")),
)

VUM_LEVELS = (
    Grade(0, N_("Not reduced")),
    Grade(1, N_("Slightly reduced")),
    Grade(2, N_("Moderately reduced")),
    Grade(3, N_("Severely reduced")),
    Grade(4, N_("Completely reduced")),
    Grade(NOT_RELEVANT, N_("Not assessed")),
)

SUPPORT_NEEDS = (
    Grade("none", N_("No support need")),
    Grade("light", N_("Light support need")),
    Grade("moderate", N_("Moderate support need")),
    Grade("high", N_("High support need")),
    Grade("complete", N_("Complete support need")),
    Grade("not_assessed", N_("Support need not assessed")),
)

_DOMAINS = {AssessmentScheme.FSIII: FSIII_AREAS, AssessmentScheme.VUM: VUM_THEMES}
_LEVELS = {AssessmentScheme.FSIII: FSIII_LEVELS, AssessmentScheme.VUM: VUM_LEVELS}
# The scheme each committee uses first; FSIII also serves adults who get help under
# Serviceloven § 83. The children's area assesses with other tools (not kept here).
_SCHEMES_BY_AREA = {
    CommitteeArea.ELDERLY: (AssessmentScheme.FSIII,),
    CommitteeArea.ADULT_DISABILITY: (AssessmentScheme.VUM, AssessmentScheme.FSIII),
    CommitteeArea.CHILDREN: (),
}


def schemes_for_area(area: str) -> tuple[AssessmentScheme, ...]:
    """The schemes a case of `area` can be assessed with, the usual one first."""
    try:
        return _SCHEMES_BY_AREA[CommitteeArea(area)]
    except ValueError:
        return ()


def domains_of(scheme: str) -> tuple[AssessmentDomain, ...]:
    """The areas (FSIII) or themes (VUM 2.0) of `scheme`, in the order they are printed."""
    return _DOMAINS[AssessmentScheme(scheme)]


def levels_of(scheme: str) -> tuple[Grade, ...]:
    return _LEVELS[AssessmentScheme(scheme)]


def domain_label(scheme: str, key: str) -> str:
    """'Egenomsorg'; an unknown key (from an older catalog) is shown as it is stored."""
    found = next((d for d in domains_of(scheme) if d.key == key), None)
    return found.label if found else key


def level_label(scheme: str, level: int | None) -> str:
    """'3 – Svære begrænsninger'; '' when nothing is recorded."""
    if level is None:
        return ""
    grade = next((g for g in levels_of(scheme) if g.code == level), None)
    meaning = grade.label if grade else ""
    return _("{level} – {meaning}").format(level=level, meaning=meaning) if meaning else str(level)


def support_need_label(code: str) -> str:
    """'Moderat støttebehov'; '' when nothing is recorded."""
    grade = next((g for g in SUPPORT_NEEDS if g.code == code), None)
    return grade.label if grade else code


def check_scheme(scheme: str, area: str) -> AssessmentScheme:
    """The scheme, when a case of `area` can be assessed with it."""
    try:
        chosen = AssessmentScheme(scheme)
    except ValueError:
        raise ValidationError(
            _("'{scheme}' is not an assessment method; use FSIII or VUM 2.0.").format(scheme=scheme)
        ) from None
    allowed = schemes_for_area(area)
    if chosen not in allowed:
        if not allowed:
            raise ValidationError(
                _(
                    "Functional assessments (FSIII, VUM 2.0) are recorded for elderly care "
                    "and adults; this case belongs to another area."
                )
            )
        raise ValidationError(
            _("{scheme} is not used in this area; use {allowed}.").format(
                scheme=chosen.label, allowed=", ".join(s.label for s in allowed)
            )
        )
    return chosen


def check_domain(scheme: AssessmentScheme, key: str) -> str:
    """The key of an FSIII area or VUM theme."""
    if not any(domain.key == key for domain in domains_of(scheme)):
        raise ValidationError(
            _("'{key}' is not an area of {scheme}.").format(key=key, scheme=scheme.label)
        )
    return key


def check_level(value: object) -> int | None:
    """A level 0–4 or 9 (not relevant / not assessed), or None to clear it."""
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value not in LEVELS:
        raise ValidationError(
            _(
                "A functional level is 0, 1, 2, 3 or 4, or 9 for not relevant; '{value}' is "
                "none of these."
            ).format(value=value)
        )
    return value


def check_support_need(scheme: AssessmentScheme, value: object) -> str:
    """A VUM 2.0 support need code, or '' to clear it (FSIII records no support need)."""
    if value is None or value == "":
        return ""
    if scheme != AssessmentScheme.VUM:
        raise ValidationError(_("A support need is recorded only in VUM 2.0."))
    if not any(grade.code == value for grade in SUPPORT_NEEDS):
        raise ValidationError(
            _("'{value}' is not a support need; use one of: {needs}.").format(
                value=value, needs=", ".join(str(grade.code) for grade in SUPPORT_NEEDS)
            )
        )
    return str(value)
