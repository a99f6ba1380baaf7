"""The legal check of a decision as the app assembles it from a case, a meeting and the
catalog: validity around Ældreloven's start, the pension-age warning, processing deadlines,
one-off services, and the readiness of a case before the meeting."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from visitation_app.domain.agenda import Slot
from visitation_app.domain.completeness import RequirementStatus
from visitation_app.domain.pension import has_pension_age, pension_date
from visitation_app.domain.readiness import is_ready, readiness_summary
from visitation_app.domain.records import (
    AgendaItemRecord,
    CaseRecord,
    DecisionRecord,
    MeetingRecord,
)
from visitation_app.services.legal import check_item, readiness_of

UTC = dt.UTC
MISSING, MET, NA = (
    RequirementStatus.MISSING,
    RequirementStatus.MET,
    RequirementStatus.NOT_APPLICABLE,
)


def meeting_on(day: dt.date, area: str = "elderly") -> MeetingRecord:
    return MeetingRecord(1, "Visitationsudvalget", area, day, dt.time(9), "Europe/Copenhagen")


def case_item(
    *, area: str = "elderly", cpr: str = "", decision: DecisionRecord | None = None, **case
) -> AgendaItemRecord:
    start = dt.datetime(2026, 1, 1, 8, tzinfo=UTC)
    return AgendaItemRecord(
        id=1,
        number=1,
        kind="case",
        title="Sag",
        time_box_minutes=20,
        slot=Slot(start, start + dt.timedelta(minutes=20)),
        case=CaseRecord(id=1, area=area, citizen_name="Åse Ørum", cpr=cpr, **case),
        decision=decision,
    )


def decision(**fields) -> DecisionRecord:
    return DecisionRecord(id=1, **({"outcome": "granted"} | fields))


def status(check, key: str) -> RequirementStatus:
    return next(r.status for r in check.requirements if r.key == key)


@pytest.mark.parametrize(
    ("area", "key", "day", "valid"),
    [
        # (No CPR in these cases: the citizen's age decides between the laws, see below.)
        ("elderly", "SEL-83-1-2", dt.date(2025, 6, 30), True),
        ("elderly", "AEL-10", dt.date(2025, 6, 30), False),  # not yet in force
        ("elderly", "AEL-10", dt.date(2025, 7, 1), True),
        ("adult_disability", "SEL-83-1-2", dt.date(2026, 1, 1), True),
        ("adult_disability", "AEL-10", dt.date(2026, 1, 1), True),
        ("children", "BL-32-36", dt.date(2023, 12, 31), False),  # before Barnets Lov
        ("children", "BL-32-36", dt.date(2024, 1, 1), True),
        ("elderly", "SEL-85", dt.date(2026, 1, 1), False),  # § 85 belongs to adults
    ],
)
def test_legal_basis_is_valid_for_the_area_on_the_decision_date(area, key, day, valid):
    item = case_item(area=area, decision=decision(legal_basis_key=key))
    check = check_item(item, meeting_on(day, area))
    assert status(check, "legal_basis") == (MET if valid else MISSING)


def test_a_basis_typed_as_its_citation_is_found_in_the_catalog():
    item = case_item(decision=decision(legal_basis="ældreloven §10"))
    check = check_item(item, meeting_on(dt.date(2026, 3, 2)))
    assert check.citation == "Ældreloven § 10"
    assert check.basis_name.startswith("Helhedspleje")
    assert status(check, "legal_basis") == MET


def test_an_unknown_basis_is_accepted_but_flagged_for_checking():
    item = case_item(decision=decision(legal_basis="Lokal praksis 7"))
    check = check_item(item, meeting_on(dt.date(2026, 3, 2)))
    assert status(check, "legal_basis") == MET
    assert "kataloget" in next(r for r in check.requirements if r.key == "legal_basis").explanation


@pytest.mark.parametrize(
    ("area", "cpr", "day", "refused"),
    [
        ("elderly", "010150-1234", dt.date(2025, 7, 1), True),  # 75 years old, ÆL in force
        ("elderly", "010150-1234", dt.date(2025, 6, 30), False),  # before ÆL's start
        ("adult_disability", "010150-1234", dt.date(2025, 9, 1), True),  # the age decides
        ("elderly", "010190-1234", dt.date(2026, 1, 1), False),  # 36 years old: SEL applies
        ("adult_disability", "311259-1234", dt.date(2026, 12, 31), True),  # 67 that day
        ("adult_disability", "311259-1234", dt.date(2026, 12, 30), False),  # the day before
    ],
)
def test_serviceloven_83_does_not_apply_to_a_citizen_of_pension_age(area, cpr, day, refused):
    item = case_item(area=area, cpr=cpr, decision=decision(legal_basis_key="SEL-83-1-1"))
    check = check_item(item, meeting_on(day, area))
    found = next(r for r in check.requirements if r.key == "legal_basis")
    assert (found.status == MISSING) == refused
    if refused:
        assert "folkepensionsalderen" in found.explanation
        assert "Ældreloven § 10" in found.explanation
        assert "Serviceloven § 83, stk. 1, nr. 1" in found.explanation


def test_without_cpr_the_chair_is_asked_to_check_the_age():
    item = case_item(decision=decision(legal_basis_key="SEL-83-1-2"))
    check = check_item(item, meeting_on(dt.date(2026, 3, 2)))
    assert status(check, "legal_basis") == MET
    assert any("alder kendes ikke" in warning for warning in check.warnings)


def test_aeldreloven_for_a_younger_citizen_is_flagged_for_checking():
    item = case_item(
        area="adult_disability", cpr="010190-1234", decision=decision(legal_basis_key="AEL-10")
    )
    check = check_item(item, meeting_on(dt.date(2026, 3, 2), "adult_disability"))
    assert status(check, "legal_basis") == MET
    assert any("ikke nået folkepensionsalderen" in warning for warning in check.warnings)


@pytest.mark.parametrize(
    ("born", "pension_day"),
    [
        (dt.date(1953, 12, 31), dt.date(2018, 12, 31)),  # 65
        (dt.date(1954, 3, 31), dt.date(2019, 9, 30)),  # 65½, no 31 September
        (dt.date(1954, 7, 1), dt.date(2020, 7, 1)),  # 66
        (dt.date(1955, 1, 1), dt.date(2021, 7, 1)),  # 66½
        (dt.date(1962, 12, 31), dt.date(2029, 12, 31)),  # 67
        (dt.date(1963, 1, 1), dt.date(2031, 1, 1)),  # 68
        (dt.date(1967, 2, 28), dt.date(2036, 2, 28)),  # 69
        (dt.date(1968, 2, 29), dt.date(2037, 2, 28)),  # a leap-day birthday
        (dt.date(1970, 12, 31), dt.date(2039, 12, 31)),  # 69
        (dt.date(1971, 1, 1), dt.date(2041, 1, 1)),  # 70
    ],
)
def test_pension_age_follows_the_date_of_birth(born, pension_day):
    assert pension_date(born) == pension_day
    assert has_pension_age(born, pension_day)
    assert not has_pension_age(born, pension_day - dt.timedelta(days=1))


@pytest.mark.parametrize(
    ("received", "status_expected"),
    [
        (dt.date(2026, 2, 16), MET),  # 14 days before: on the deadline
        (dt.date(2026, 2, 15), MISSING),  # 15 days: over it, the citizen must be told
        (None, NA),
    ],
)
def test_processing_time_is_measured_against_the_case_types_deadline(received, status_expected):
    item = case_item(
        case_type="personal_care",
        received_on=received,
        decision=decision(legal_basis_key="AEL-10"),
    )
    check = check_item(item, meeting_on(dt.date(2026, 3, 2)))
    assert status(check, "processing_time") == status_expected


def test_a_case_without_a_type_has_no_processing_deadline():
    item = case_item(received_on=dt.date(2025, 1, 1), decision=decision(legal_basis_key="AEL-10"))
    check = check_item(item, meeting_on(dt.date(2026, 3, 2)))
    assert status(check, "processing_time") == NA


def test_one_off_aids_need_no_review_date_but_ongoing_help_does():
    day = meeting_on(dt.date(2026, 3, 2))
    aid = check_item(case_item(decision=decision(legal_basis_key="SEL-112")), day)
    help_ = check_item(case_item(decision=decision(legal_basis_key="AEL-10")), day)
    assert status(aid, "review_date") == NA
    assert status(help_, "review_date") == MISSING


def test_complaint_guidance_comes_with_every_decision_that_is_not_a_full_grant():
    day = meeting_on(dt.date(2026, 12, 4))  # + 4 weeks = 1 January 2027, a holiday
    refused = check_item(case_item(decision=decision(outcome="refused")), day)
    granted = check_item(case_item(decision=decision(outcome="granted")), day)
    postponed = check_item(case_item(decision=decision(outcome="postponed")), day)
    assert refused.guidance is not None
    assert refused.guidance.deadline == dt.date(2027, 1, 4)
    assert granted.guidance is None and postponed.guidance is None


def test_children_complain_to_ankestyrelsen():
    item = case_item(area="children", decision=decision(outcome="refused"))
    check = check_item(item, meeting_on(dt.date(2026, 3, 2), "children"))
    assert check.guidance is not None and not check.guidance.re_assessment


def test_readiness_lists_what_is_still_to_prepare():
    bare = case_item()
    points = readiness_of(bare)
    assert not is_ready(points)
    assert readiness_summary(points) == "Mangler: resumé, hjemmel, partshøring, udgift, invitation"
    prepared = replace(
        case_item(
            summary="Borgeren er faldet flere gange.",
            legal_basis_key="AEL-10",
            expected_annual_cost_ore=0,
            decision=DecisionRecord(
                id=1, consultation="not_needed", consultation_not_needed_reason="Fuld bevilling."
            ),
        ),
        citizen_invited_on=dt.date(2026, 2, 20),
    )
    points = readiness_of(prepared)
    assert is_ready(points) and readiness_summary(points) == "Klar"
    # "Not needed" without a reason, or "done" without a date, is not recorded yet.
    for half in (
        DecisionRecord(id=1, consultation="not_needed"),
        DecisionRecord(id=1, consultation="done"),
    ):
        assert not is_ready(readiness_of(replace(prepared, decision=half)))


def test_a_broken_municipality_catalog_is_reported_at_start_and_the_shipped_one_used(
    qtbot, tmp_path, monkeypatch
):
    from PySide6.QtWidgets import QMessageBox, QWidget

    from visitation_app.catalog import load_catalog
    from visitation_app.services import legal
    from visitation_app.ui import app as app_module

    (tmp_path / "legal_bases.json").write_text(
        '{"entries": [{"key": "X", "law": "SEL", "law_name": "Serviceloven", "paragraph": "1",'
        ' "name": "Prøve", "areas": ["elderly"], "valid_from": "2026-13-01"}]}',
        encoding="utf-8",
    )
    catalog = load_catalog(tmp_path)
    monkeypatch.setattr(legal, "_catalog", catalog)
    assert "AEL-10" in catalog.legal_bases and "X" not in catalog.legal_bases
    shown = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda parent, title, text: shown.append((title, text))
    )
    parent = QWidget()
    qtbot.addWidget(parent)
    app_module.report_catalog_problems(parent)
    [(title, text)] = shown
    assert "legal_bases.json" in text and "entries[0].valid_from" in text
    assert "2026-13-01" in text and "leverede" in text
