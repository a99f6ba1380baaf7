"""Test helper: give a case item a decision that meets every legal requirement."""

from __future__ import annotations

import datetime as dt

from visitation_app.domain.vocabulary import Outcome
from visitation_app.services import decisions
from visitation_app.services.common import load
from visitation_app.services.dossier import load_dossier
from visitation_app.services.legal import current_catalog
from visitation_app.store.models import AgendaItem


def decide_lawfully(db, item_id: int, outcome: str = Outcome.GRANTED, **extra) -> None:
    """Outcome, a basis valid for the case's area on the meeting day, a justification citing
    it, consultation done a week before, a review date (or what a postponement lacks)."""
    with db.session() as session:
        meeting_id = load(session, AgendaItem, item_id, "item").meeting_id
    dossier = load_dossier(db, meeting_id)
    item = next(item for item in dossier.items if item.id == item_id)
    day = dossier.meeting.meeting_date
    # Ældreloven first where it is in force: the tests' citizens are mostly of pension age.
    bases = sorted(current_catalog().bases_for(item.case.area, day), key=lambda b: b.law != "AEL")
    basis = next(b for b in bases if b.ongoing)
    fields = {
        "outcome": outcome,
        "service": "Praktisk hjælp",
        "extent": "Rengøring hver 14. dag",
        "legal_basis_key": basis.key,
        "legal_basis": basis.citation,
        "justification": f"Efter {basis.citation} er behovet vurderet ud fra sagens oplysninger.",
        "consultation": "done",
        "consulted_on": day - dt.timedelta(days=7),
    }
    if outcome == Outcome.POSTPONED:
        fields |= {"missing_information": "Lægeerklæring", "missing_by": day + dt.timedelta(30)}
    else:
        fields["review_date"] = day + dt.timedelta(days=180)
    decisions.save_decision(db, item_id, **(fields | extra))
