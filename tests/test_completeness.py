"""The decision completeness checker: each legal requirement met, missing or not applicable."""

from __future__ import annotations

import datetime as dt

import pytest

from visitation_app.domain.completeness import (
    Consultation,
    DecisionFacts,
    RequirementStatus,
    check_decision,
    complaint_guidance,
    is_complete,
)
from visitation_app.domain.deadlines import complaint_deadline, next_working_day
from visitation_app.domain.vocabulary import CommitteeArea, Outcome

MET = RequirementStatus.MET
MISSING = RequirementStatus.MISSING
NA = RequirementStatus.NOT_APPLICABLE
DECIDED = dt.date(2026, 3, 11)  # a Wednesday

# A refusal that has everything the law requires.
GOOD_REFUSAL = DecisionFacts(
    outcome=Outcome.REFUSED,
    legal_basis="Serviceloven § 85",
    legal_basis_valid=True,
    justification="Efter Serviceloven § 85 er behovet dækket af hjemmehjælpen.",
    consultation=Consultation.DONE,
    consulted_on=dt.date(2026, 3, 2),
    decided_on=DECIDED,
    received_on=dt.date(2026, 2, 1),
    processing_deadline_days=56,
    area=CommitteeArea.ADULT_DISABILITY,
)
GOOD_GRANT = DecisionFacts(
    outcome=Outcome.GRANTED,
    service="Praktisk hjælp",
    extent="Rengøring hver 14. dag",
    legal_basis="Ældreloven § 10",
    legal_basis_valid=True,
    decided_on=DECIDED,
    ongoing_service=True,
    review_date=dt.date(2026, 9, 1),
)


def status(facts: DecisionFacts, key: str) -> RequirementStatus:
    return requirement(facts, key).status


def requirement(facts: DecisionFacts, key: str):
    (found,) = [r for r in check_decision(facts) if r.key == key]
    return found


def with_(facts: DecisionFacts, **changes) -> DecisionFacts:
    return DecisionFacts(**{**facts.__dict__, **changes})


def test_complete_refusal_and_grant_pass():
    assert is_complete(check_decision(GOOD_REFUSAL))
    assert is_complete(check_decision(GOOD_GRANT))


def test_refusal_without_justification_consultation_or_date_is_not_complete():
    bare = DecisionFacts(outcome=Outcome.REFUSED, legal_basis="Serviceloven § 85")
    requirements = check_decision(bare)
    missing = {r.key for r in requirements if r.status == MISSING}
    assert {"justification", "consultation", "complaint_guidance"} <= missing
    assert not is_complete(requirements)


@pytest.mark.parametrize(
    ("changes", "key", "expected"),
    [
        # outcome
        ({"outcome": None}, "outcome", MISSING),
        ({"outcome": Outcome.POSTPONED}, "outcome", MET),
        # legal basis, validity as the catalog reports it around 2025-07-01
        ({"legal_basis": "  "}, "legal_basis", MISSING),
        ({"legal_basis_valid": False}, "legal_basis", MISSING),  # SEL § 83 after 2025-07-01
        ({"legal_basis_valid": True}, "legal_basis", MET),  # SEL § 83 on 2025-06-30
        ({"legal_basis_valid": None}, "legal_basis", MET),  # not in the catalog
        ({"outcome": Outcome.POSTPONED, "legal_basis": ""}, "legal_basis", NA),
        # justification (FVL §§ 22, 24)
        ({"justification": ""}, "justification", MISSING),
        ({"justification": "Behovet er dækket."}, "justification", MISSING),
        ({"justification": "Efter SERVICELOVEN § 85 ..."}, "justification", MET),
        (
            {"justification": "Afslag efter serviceloven paragraf 85 da behovet er dækket."},
            "justification",
            MISSING,
        ),
        (
            {"legal_basis": "SEL 85", "justification": "Efter sel 85 er behovet dækket."},
            "justification",
            MET,
        ),
        ({"outcome": Outcome.PARTLY_GRANTED, "justification": ""}, "justification", MISSING),
        ({"outcome": Outcome.REFERRED, "justification": ""}, "justification", MISSING),
        ({"outcome": Outcome.GRANTED, "justification": ""}, "justification", NA),
        ({"outcome": Outcome.POSTPONED, "justification": ""}, "justification", NA),
        # consultation (FVL § 19)
        ({"consultation": Consultation.NOT_RECORDED}, "consultation", MISSING),
        ({"consulted_on": None}, "consultation", MISSING),
        ({"consulted_on": DECIDED}, "consultation", MET),
        ({"consulted_on": DECIDED + dt.timedelta(days=1)}, "consultation", MISSING),
        ({"consultation": Consultation.NOT_NEEDED}, "consultation", MISSING),
        (
            {
                "consultation": Consultation.NOT_NEEDED,
                "consultation_not_needed_reason": "Kun borgerens egne oplysninger",
            },
            "consultation",
            MET,
        ),
        (
            {"outcome": Outcome.PARTLY_GRANTED, "consultation": Consultation.NOT_RECORDED},
            "consultation",
            MISSING,
        ),
        (
            {"outcome": Outcome.GRANTED, "consultation": Consultation.NOT_RECORDED},
            "consultation",
            NA,
        ),
        # complaint guidance (FVL § 25, RSL § 67)
        ({"decided_on": None}, "complaint_guidance", MISSING),
        ({}, "complaint_guidance", MET),
        ({"outcome": Outcome.GRANTED}, "complaint_guidance", NA),
        ({"outcome": Outcome.POSTPONED}, "complaint_guidance", NA),
        # review of ongoing services
        ({"outcome": Outcome.PARTLY_GRANTED, "ongoing_service": True}, "review_date", MISSING),
        (
            {"outcome": Outcome.GRANTED, "ongoing_service": True, "review_date": DECIDED},
            "review_date",
            MISSING,
        ),
        (
            {
                "outcome": Outcome.GRANTED,
                "ongoing_service": True,
                "review_date": dt.date(2027, 3, 1),
            },
            "review_date",
            MET,
        ),
        ({"outcome": Outcome.GRANTED, "ongoing_service": False}, "review_date", NA),
        ({"outcome": Outcome.REFUSED, "ongoing_service": True}, "review_date", NA),
        # postponed: what is missing and by when
        ({"outcome": Outcome.POSTPONED}, "postponement", MISSING),
        (
            {"outcome": Outcome.POSTPONED, "missing_information": "Lægeerklæring"},
            "postponement",
            MISSING,
        ),
        (
            {
                "outcome": Outcome.POSTPONED,
                "missing_information": "Lægeerklæring",
                "missing_by": dt.date(2026, 4, 1),
            },
            "postponement",
            MET,
        ),
        (
            {
                "outcome": Outcome.POSTPONED,
                "missing_information": "Lægeerklæring",
                "missing_by": DECIDED,
            },
            "postponement",
            MISSING,
        ),
        ({}, "postponement", NA),
        # processing time (RSL § 3 stk. 2)
        ({"received_on": DECIDED - dt.timedelta(days=56)}, "processing_time", MET),
        ({"received_on": DECIDED - dt.timedelta(days=57)}, "processing_time", MISSING),
        ({"received_on": DECIDED + dt.timedelta(days=1)}, "processing_time", MISSING),
        ({"processing_deadline_days": None}, "processing_time", NA),
        ({"received_on": None}, "processing_time", NA),
    ],
)
def test_each_rule(changes, key, expected):
    facts = with_(GOOD_REFUSAL, **changes)
    assert status(facts, key) == expected
    assert is_complete(check_decision(facts)) == (
        all(r.status != MISSING for r in check_decision(facts))
    )


def test_every_requirement_names_its_rule_and_explains_in_danish():
    for requirement_ in check_decision(GOOD_REFUSAL):
        assert requirement_.rule
        assert requirement_.explanation
    assert requirement(GOOD_REFUSAL, "consultation").rule == "Forvaltningsloven § 19"
    assert "§ 22" in requirement(GOOD_REFUSAL, "justification").rule
    assert "§ 67" in requirement(GOOD_REFUSAL, "complaint_guidance").rule
    bare = DecisionFacts(outcome=Outcome.REFUSED)
    assert requirement(bare, "consultation").explanation.startswith("Registrér partshøringen")


def test_over_the_processing_deadline_says_the_citizen_must_be_told_in_writing():
    late = with_(GOOD_REFUSAL, received_on=DECIDED - dt.timedelta(days=70))
    found = requirement(late, "processing_time")
    assert found.status == MISSING
    assert found.rule == "Retssikkerhedsloven § 3, stk. 2"
    assert "70" in found.explanation and "56" in found.explanation
    assert "skriftligt" in found.explanation


def test_legal_basis_invalid_on_the_decision_date_names_the_basis():
    found = requirement(
        with_(GOOD_REFUSAL, legal_basis="Serviceloven § 83", legal_basis_valid=False),
        "legal_basis",
    )
    assert found.status == MISSING
    assert "Serviceloven § 83" in found.explanation


@pytest.mark.parametrize(
    ("decided_on", "deadline"),
    [
        (dt.date(2026, 12, 10), dt.date(2027, 1, 7)),  # across the year end
        (dt.date(2025, 6, 30), dt.date(2025, 7, 28)),  # around Ældreloven's start
        (dt.date(2025, 7, 1), dt.date(2025, 7, 29)),
        (dt.date(2024, 2, 1), dt.date(2024, 2, 29)),  # leap year
        (dt.date(2026, 12, 12), dt.date(2027, 1, 11)),  # Saturday -> Monday
        (dt.date(2026, 12, 13), dt.date(2027, 1, 11)),  # Sunday -> Monday
        (dt.date(2026, 12, 14), dt.date(2027, 1, 11)),  # Monday stays
        (dt.date(2026, 12, 4), dt.date(2027, 1, 4)),  # New Year's Day (Friday) -> Monday
        (dt.date(2026, 11, 27), dt.date(2026, 12, 28)),  # 25 Dec Friday -> Monday 28th
        (dt.date(2027, 11, 28), dt.date(2027, 12, 27)),  # 26 Dec Sunday -> Monday 27th
        (dt.date(2026, 3, 6), dt.date(2026, 4, 7)),  # Good Friday, Easter -> Tuesday after
        (dt.date(2026, 4, 16), dt.date(2026, 5, 15)),  # Ascension Day -> Friday
        (dt.date(2026, 4, 27), dt.date(2026, 5, 26)),  # Whit Monday -> Tuesday
        (dt.date(2023, 4, 7), dt.date(2023, 5, 8)),  # Store Bededag 2023 still a holiday
        (dt.date(2024, 3, 29), dt.date(2024, 4, 26)),  # ... abolished from 2024
        (dt.date(2026, 5, 8), dt.date(2026, 6, 8)),  # Grundlovsdag (Friday): offices closed
        (dt.date(2026, 11, 26), dt.date(2026, 12, 28)),  # 24 Dec, then Christmas and weekend
        (dt.date(2026, 12, 3), dt.date(2027, 1, 4)),  # 31 Dec, then New Year's Day, weekend
        (dt.date(2026, 12, 2), dt.date(2026, 12, 30)),  # 30 December is a working day
    ],
)
def test_complaint_deadline(decided_on, deadline):
    assert complaint_deadline(decided_on) == deadline


def test_next_working_day():
    assert next_working_day(dt.date(2027, 1, 9)) == dt.date(2027, 1, 11)
    assert next_working_day(dt.date(2027, 1, 10)) == dt.date(2027, 1, 11)
    assert next_working_day(dt.date(2027, 1, 8)) == dt.date(2027, 1, 8)
    assert next_working_day(dt.date(2026, 12, 25)) == dt.date(2026, 12, 28)


def test_adults_complain_to_the_municipality_which_re_assesses():
    guidance = complaint_guidance(CommitteeArea.ELDERLY, dt.date(2026, 12, 10))
    assert guidance.deadline == dt.date(2027, 1, 7)
    assert guidance.re_assessment is True
    assert guidance.to_whom == "kommunen"
    assert "7. januar 2027" in guidance.text
    assert "genvurdere" in guidance.text and "Ankestyrelsen" in guidance.text


def test_children_complain_straight_to_ankestyrelsen():
    guidance = complaint_guidance(CommitteeArea.CHILDREN, dt.date(2026, 12, 10))
    assert guidance.deadline == dt.date(2027, 1, 7)
    assert guidance.re_assessment is False
    assert guidance.to_whom == "Ankestyrelsen"
    assert "7. januar 2027" in guidance.text
    found = requirement(with_(GOOD_REFUSAL, area=CommitteeArea.CHILDREN), "complaint_guidance")
    assert "Ankestyrelsen" in found.explanation


def test_fully_granted_needs_no_justification_consultation_or_complaint_guidance():
    keys = {r.key: r.status for r in check_decision(GOOD_GRANT)}
    assert keys["justification"] == keys["consultation"] == keys["complaint_guidance"] == NA
    assert GOOD_GRANT.fully_granted and not GOOD_REFUSAL.fully_granted


@pytest.mark.parametrize(
    ("outcome", "service", "extent", "expected"),
    [
        (Outcome.GRANTED, "Praktisk hjælp", "1 time om ugen", MET),
        (Outcome.GRANTED, "Praktisk hjælp", "", MISSING),
        (Outcome.PARTLY_GRANTED, "", "1 time om ugen", MISSING),
        (Outcome.REFUSED, "", "", NA),
        (Outcome.POSTPONED, "", "", NA),
    ],
)
def test_a_grant_says_what_exactly_the_citizen_gets(outcome, service, extent, expected):
    facts = with_(GOOD_GRANT, outcome=outcome, service=service, extent=extent)
    assert status(facts, "what_is_granted") == expected


def test_a_service_stopped_or_changed_needs_reasons_consultation_and_complaint_guidance():
    stopped = with_(GOOD_REFUSAL, outcome=Outcome.STOPPED_OR_CHANGED)
    assert stopped.not_fully_granted
    assert is_complete(check_decision(stopped))
    bare = DecisionFacts(outcome=Outcome.STOPPED_OR_CHANGED, decided_on=DECIDED)
    for key in ("justification", "consultation", "legal_basis"):
        assert status(bare, key) == MISSING, key
    assert status(bare, "complaint_guidance") == MET


def test_a_delay_told_to_the_citizen_in_writing_meets_the_processing_rule():
    late = with_(GOOD_REFUSAL, received_on=DECIDED - dt.timedelta(days=70))
    assert status(late, "processing_time") == MISSING
    told = with_(late, delay_notified_on=DECIDED - dt.timedelta(days=20))
    found = requirement(told, "processing_time")
    assert found.status == MET and "skriftligt" in found.explanation


def test_an_override_covers_only_the_gaps_the_chair_saw():
    from visitation_app.domain.completeness import DecisionCheck

    gaps = check_decision(with_(GOOD_REFUSAL, justification=""))
    seen = DecisionCheck(
        requirements=tuple(gaps), final=True, override_reason="Hørt på mødet.",
        override_keys=("justification",),
    )  # fmt: skip
    assert seen.overridden and seen.settled
    more = check_decision(with_(GOOD_REFUSAL, justification="", legal_basis_valid=False))
    later = DecisionCheck(
        requirements=tuple(more), final=True, override_reason="Hørt på mødet.",
        override_keys=("justification",),
    )  # fmt: skip
    assert not later.overridden and not later.settled
    draft = DecisionCheck(requirements=tuple(check_decision(GOOD_REFUSAL)))
    assert draft.complete and not draft.settled
