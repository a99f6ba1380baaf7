"""A decision's economy in words, for the minutes and the budget report alike.

"2,5 timer om ugen", "444,00 kr. pr. time": the extent and the tariff as a reader says them.
"""

from __future__ import annotations

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from visitation_app.catalog.tariffs import Tariff, TariffUnit
from visitation_app.documents import styles
from visitation_app.documents.text import markup
from visitation_app.domain.budget import DecisionCost, cost_of_decision
from visitation_app.domain.budget_report import full_year_effect
from visitation_app.domain.costing import Cost, Frequency
from visitation_app.domain.extent_words import extent_phrase, per_period
from visitation_app.domain.records import (
    PAYING_OUTCOMES,
    AgendaItemRecord,
    DecisionRecord,
    MeetingRecord,
)
from visitation_app.formatting import format_date_long, format_money
from visitation_app.i18n import _

# A small grey note under an amount in a right-aligned column ("sat i hånden").
CELL_SMALL_RIGHT = ParagraphStyle("cell-small-right", parent=styles.CELL_SMALL, alignment=TA_RIGHT)


def price_phrase(price_ore: int, unit: str) -> str:
    """'444,00 kr. pr. time'; a one-off tariff: '1.435,00 kr. (engangsbeløb)'."""
    price = format_money(price_ore)
    if unit == TariffUnit.ONE_OFF:
        return _("{price} (one-off)").format(price=price)
    return _("{price} per {unit}").format(price=price, unit=TariffUnit(unit).label)


def tariff_phrase(tariff: Tariff) -> str:
    """'Praktisk hjælp (hjemmehjælp), 444,00 kr. pr. time'."""
    return _("{service}, {price}").format(
        service=tariff.service, price=price_phrase(tariff.price_ore, tariff.unit)
    )


def item_cost(item: AgendaItemRecord, meeting: MeetingRecord) -> DecisionCost:
    """The item's cost as the services computed it.

    A record made without it (in a test or a benchmark) is costed from its amounts alone,
    by the same rules but without a tariff.
    """
    if item.cost is not None:
        return item.cost
    return cost_of_decision(item.decision, meeting.meeting_date, tariff=None)


def has_economy(decision: DecisionRecord, cost: DecisionCost) -> bool:
    """Whether the decision says anything about money: a tariff, an extent, an amount."""
    return bool(
        decision.tariff_key
        or decision.extent_quantity is not None
        or decision.cost_override_ore is not None
        or decision.annual_cost_ore is not None
        or cost.change != Cost()
    )


def economy_rows(
    decision: DecisionRecord, cost: DecisionCost, tariff: Tariff | None
) -> list[tuple[str, str]]:
    """The decision's economy as (label, markup) rows for its frame in the minutes.

    Tariff and extent, then what it costs: without a previous extent the full-year effect
    is the cost; with one, the cost of the new extent and the change as the full-year
    effect. Last what falls in the budget year (from valid-from to 31 December), the
    figure that counts against the frame. An amount set by hand says so, beside what the
    tariff gives.
    """
    rows: list[tuple[str, str]] = []
    unit = tariff.unit if tariff else ""
    if tariff is not None:
        rows.append((_("Tariff"), markup(tariff_phrase(tariff))))
    elif decision.tariff_key:
        missing = _("'{key}', no price on {date}").format(
            key=decision.tariff_key, date=format_date_long(cost.starts_on)
        )
        rows.append((_("Tariff"), markup(missing)))
    rows.append(
        (
            _("Extent costed"),
            markup(extent_phrase(decision.extent_quantity, unit, decision.extent_frequency)),
        )
    )
    if decision.previous_quantity is not None:
        previous = extent_phrase(decision.previous_quantity, unit, decision.extent_frequency)
        rows.append((_("Previous extent"), markup(previous)))
    rows.append((_("Provider unit"), markup(decision.provider_unit)))
    if decision.outcome not in PAYING_OUTCOMES and cost.change == Cost():
        return rows
    by_hand = f" – <b>{markup(_('set by hand'))}</b>" if cost.overridden else ""
    one_off = cost.change.one_off_ore != 0 or cost.cost.one_off_ore != 0
    if one_off:
        rows.append((_("One-off amount"), markup(format_money(cost.cost.one_off_ore)) + by_hand))
    elif decision.previous_quantity is None:
        rows.append((_("Full-year effect"), _yearly(cost.cost, decision) + by_hand))
    else:
        rows.append((_("Cost a year"), _yearly(cost.cost, decision) + by_hand))
        change = _("{amount} (change from the previous extent)").format(
            amount=format_money(full_year_effect(cost))
        )
        rows.append((_("Full-year effect"), markup(change)))
    if cost.overridden and cost.computed is not None:
        computed = cost.computed.one_off_ore if one_off else cost.computed.full_year_ore
        rows.append((_("By the tariff"), markup(format_money(computed))))
    if cost.starts_on is not None:
        year = cost.starts_on.year
        in_year = _("{amount} from {date}").format(
            amount=format_money(cost.this_year_ore), date=format_date_long(cost.starts_on)
        )
        rows.append((_("In the budget year {year}").format(year=year), markup(in_year)))
    return rows


def _yearly(cost: Cost, decision: DecisionRecord) -> str:
    """'57.720,00 kr. (1.110,00 kr. om ugen)': a year's cost, and per week or month as extended."""
    amount = markup(format_money(cost.full_year_ore))
    if decision.extent_frequency == Frequency.PER_WEEK:
        part = per_period(format_money(cost.per_week_ore), Frequency.PER_WEEK)
    elif decision.extent_frequency == Frequency.PER_MONTH:
        part = per_period(format_money(cost.per_month_ore), Frequency.PER_MONTH)
    else:
        return amount
    return f"{amount} ({markup(part)})"


def frame_rows(year: int, frame_ore: int | None, committed_ore: int) -> list[tuple[str, str]]:
    """The year's committed total, the frame and what is left of it, as (label, markup) rows."""
    rows = [(_("Committed in {year}, all meetings").format(year=year), _money(committed_ore))]
    if frame_ore is None:
        rows.append((_("Budget frame {year}").format(year=year), markup(_("No frame set"))))
        return rows
    rows.append((_("Budget frame {year}").format(year=year), _money(frame_ore)))
    left = frame_ore - committed_ore
    if left < 0:
        over = _("{amount} – over the frame").format(amount=format_money(left))
        rows.append((_("Left of the frame"), f"<b>{markup(over)}</b>"))
    else:
        rows.append((_("Left of the frame"), _money(left)))
    return rows


def over_sentence(year: int, frame_ore: int | None, committed_ore: int) -> str:
    """The warning when the year's decisions take the area over its frame; '' otherwise."""
    if frame_ore is None or committed_ore <= frame_ore:
        return ""
    return _(
        "OVER THE FRAME by {amount}: the decisions taking effect in {year} cost more than "
        "the area's budget frame."
    ).format(year=year, amount=format_money(committed_ore - frame_ore))


def _money(ore: int) -> str:
    return markup(format_money(ore))
