"""The cost of each decision, put together from the records and the tariff catalog.

`cost_item` is the one place that turns an agenda item into the cost facts, so the form,
the budget panel, the minutes and the budget report all count a decision the same way.
"""

from __future__ import annotations

from visitation_app.catalog import Catalog
from visitation_app.domain.budget import NO_COST, DecisionCost, cost_of_decision
from visitation_app.domain.records import AgendaItemRecord, MeetingRecord
from visitation_app.i18n import _
from visitation_app.services.common import load
from visitation_app.store.database import Database
from visitation_app.store.models import AgendaItem


def cost_item(item: AgendaItemRecord, meeting: MeetingRecord, catalog: Catalog) -> DecisionCost:
    """What the decision on `item` costs and changes (nothing without a decision)."""
    decision = item.decision
    if decision is None:
        return NO_COST
    starts_on = decision.valid_from or meeting.meeting_date
    tariff = catalog.tariff(decision.tariff_key, starts_on) if decision.tariff_key else None
    return cost_of_decision(decision, meeting.meeting_date, tariff)


def cost_of_item(db: Database, item_id: int) -> DecisionCost:
    """What the decision on one agenda item costs, as it stands in the database.

    Read through the meeting's dossier, so the form shows exactly the figures the budget
    panel, the minutes and the report add up.
    """
    # The dossier module costs its items with `cost_item` above, so it is imported here.
    from visitation_app.services.dossier import load_dossier

    with db.session() as session:
        meeting_id = load(session, AgendaItem, item_id, _("agenda item")).meeting_id
    item = next(item for item in load_dossier(db, meeting_id).items if item.id == item_id)
    return item.cost or NO_COST
