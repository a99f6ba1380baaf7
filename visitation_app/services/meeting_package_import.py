"""Importing a meeting package: everything is checked first, then merged with what this
database holds (three-way, against the last package exchanged; see
domain/package_merge.py) and written in one transaction: all of it or none of it.

A meeting new to this database is added whole. A meeting it has is updated where only the
package changed something; where both sides changed the same field the value here is kept
and the conflict is reported. The package becomes the meeting's new base.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from visitation_app.domain.assessment import check_scheme
from visitation_app.domain.errors import ValidationError
from visitation_app.domain.package_format import document_bytes
from visitation_app.domain.package_merge import merge
from visitation_app.domain.package_paths import PackageError, PackageProblem, child
from visitation_app.domain.package_records import CASE, Record, flatten
from visitation_app.domain.package_report import ImportReport
from visitation_app.domain.vocabulary import CommitteeArea, MeetingStatus
from visitation_app.i18n import _
from visitation_app.services.meeting_package_apply import apply_plan
from visitation_app.services.meeting_package_base import load_base, store_base
from visitation_app.services.meeting_package_export import cases_json, package_document
from visitation_app.services.meeting_package_fields import KINDS
from visitation_app.services.meeting_package_parse import open_package, read_package_file
from visitation_app.services.meeting_package_report import conflict_report, describe
from visitation_app.store.database import Database
from visitation_app.store.models import AgendaItem, Assessment, Case, DeletedUid, Meeting

log = logging.getLogger(__name__)

_CHUNK = 500


def _chunks(values: list[str]) -> Iterable[list[str]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


def _local_records(session: Session, meeting: Meeting | None, incoming: Mapping[str, Record]):
    """This database's side: the meeting as it would export it, plus the package's cases
    that are here but not (or no longer) on this meeting's agenda."""
    local = flatten(package_document(session, meeting.id)) if meeting else {}
    wanted = [r.uid for r in incoming.values() if r.kind == CASE and r.uid not in local]
    cases: list[Case] = []
    for chunk in _chunks(wanted):
        cases.extend(session.exec(select(Case).where(col(Case.uid).in_(chunk))).all())
    if cases:
        local.update(flatten({"cases": cases_json(session, cases)}))
    return local


def _uids_in_use(session: Session, uids: list[str]) -> set[str]:
    found: set[str] = set()
    for kind in KINDS.values():
        for chunk in _chunks(uids):
            found.update(
                session.exec(select(kind.model.uid).where(col(kind.model.uid).in_(chunk))).all()
            )
    return found


def _deleted_problems(session: Session, incoming: Mapping[str, Record]) -> list[PackageProblem]:
    """A case whose data was deleted here after the retention period must not come back."""
    deleted: set[str] = set()
    for chunk in _chunks(list(incoming)):
        deleted.update(session.exec(select(DeletedUid.uid).where(col(DeletedUid.uid).in_(chunk))))
    message = _(
        "This citizen's data was deleted from this database after the retention period; a "
        "package cannot bring it back. Remove the case from the package's meeting."
    )
    return [PackageProblem(child(incoming[uid].path, "uid"), message) for uid in sorted(deleted)]


def _ownership_problems(
    session: Session, local: Mapping[str, Record], incoming: Mapping[str, Record]
) -> list[PackageProblem]:
    """A uid of the package that names something else here (another meeting's participant,
    a decision on another item…) would merge unrelated records: refused."""
    problems = []
    message = _(
        "A record with this uid exists in this database, but it is another kind of record or "
        "belongs to another meeting, item or case."
    )
    for record in incoming.values():
        ours = local.get(record.uid)
        if ours is not None and (ours.kind != record.kind or ours.parent != record.parent):
            problems.append(PackageProblem(child(record.path, "uid"), message))
    elsewhere = _uids_in_use(session, [uid for uid in incoming if uid not in local])
    problems += [
        PackageProblem(child(incoming[uid].path, "uid"), message) for uid in sorted(elsewhere)
    ]
    return problems


def _rule_problems(
    session: Session, meeting: Meeting, incoming: Mapping[str, Record]
) -> list[PackageProblem]:
    """The rules of the forms, checked again on the merged result (a case may have kept
    another area here than in the package)."""
    problems = []
    rows = session.exec(
        select(AgendaItem, Case)
        .join(Case, col(Case.id) == col(AgendaItem.case_id))
        .where(AgendaItem.meeting_id == meeting.id)
    ).all()
    for item, case in rows:
        if case.area != meeting.area:
            where = incoming.get(item.uid) or incoming.get(case.uid)
            problems.append(
                PackageProblem(
                    child(where.path, "case") if where else "",
                    _(
                        "The case of {citizen} belongs to another committee area ({case_area}) "
                        "here than the meeting ({meeting_area})."
                    ).format(
                        citizen=case.citizen_name,
                        case_area=CommitteeArea(case.area).label,
                        meeting_area=CommitteeArea(meeting.area).label,
                    ),
                )
            )
        for assessment in session.exec(
            select(Assessment).where(Assessment.case_id == case.id)
        ).all():
            try:
                check_scheme(assessment.scheme, case.area)
            except ValidationError as error:
                where = incoming.get(assessment.uid)
                problems.append(
                    PackageProblem(child(where.path, "scheme") if where else "", str(error))
                )
    return problems


def _merge_into(session: Session, document: dict[str, Any]) -> ImportReport:
    incoming = flatten(document)
    meeting_uid = document["meeting"]["uid"]
    meeting = session.exec(select(Meeting).where(Meeting.uid == meeting_uid)).first()
    local = _local_records(session, meeting, incoming)
    problems = _deleted_problems(session, incoming) + _ownership_problems(session, local, incoming)
    if problems:
        raise PackageError(problems)
    base_document = load_base(session, meeting.id) if meeting else None
    base = flatten(base_document) if base_document else None
    plan = merge(base, local, incoming)
    if meeting is not None and meeting.status == MeetingStatus.APPROVED and plan.changes_anything:
        raise PackageError(
            _(
                "The minutes of this meeting are approved on this computer, so the package's "
                "changes cannot be imported into it. Reopen the meeting first, then import "
                "the package again."
            )
        )
    drafts = apply_plan(session, plan, local, incoming)
    merged = session.exec(select(Meeting).where(Meeting.uid == meeting_uid)).one()
    problems = _rule_problems(session, merged, incoming)
    if problems:
        raise PackageError(problems)
    store_base(session, merged.id, document_bytes(document))
    names = {**incoming, **local}
    return ImportReport(
        meeting_id=merged.id,
        meeting_title=merged.title,
        new_meeting=meeting is None,
        added=len(plan.adds),
        updated=len(plan.updates),
        unchanged=plan.unchanged,
        deleted=len(plan.deletes),
        conflicts=tuple(conflict_report(c, names) for c in plan.conflicts),
        drafts=tuple(
            _(
                "{decision} is a draft again: it now holds changes from both computers. "
                "Check it and mark it final again."
            ).format(decision=describe(uid, incoming))
            for uid in drafts
        ),
    )


def import_package(db: Database, data: bytes, passphrase: str | None = None) -> ImportReport:
    """Check and import the package in `data`; PackageError (and nothing imported) when
    anything is wrong with it."""
    document = open_package(data, passphrase)
    with db.session() as session:
        try:
            report = _merge_into(session, document)
        except IntegrityError as error:
            log.warning("package refused by the database: %s", type(error.orig).__name__)
            raise PackageError(
                _(
                    "The package cannot be merged with this database: two records would "
                    "become one and the same. Nothing was imported."
                )
            ) from None
    log.info(
        "imported meeting package: meeting %s, %s added, %s changed, %s deleted, %s conflicts",
        report.meeting_id,
        report.added,
        report.updated,
        report.deleted,
        len(report.conflicts),
    )
    return report


def import_package_file(
    db: Database, path: str | os.PathLike[str], passphrase: str | None = None
) -> ImportReport:
    return import_package(db, read_package_file(path), passphrase)
