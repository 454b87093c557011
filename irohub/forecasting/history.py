"""The council's history as spells, from core records (irohub.records): care periods,
child protection plans and fostering approvals, and the stock of each at month ends."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from irohub.forecasting.simulation import Spell, stock_on
from irohub.records.codes import SHORT_BREAK_LEGAL_STATUSES
from irohub.records.register import Register

__all__ = ["LEGAL_GROUPS", "care_periods", "households", "legal_group", "plans", "stock_history"]

# Legal status when a care period began, grouped as care planning reads it: an order (and
# so usually a long stay), a placement order (adoption), accommodation by agreement
# (section 20), short breaks, and the short-lived statuses (police protection, remand...).
LEGAL_GROUPS: dict[str, str] = {
    "C1": "care order",
    "C2": "care order",
    "D1": "placement order",
    "E1": "placement order",
    "V2": "section 20",
}
OTHER_LEGAL = "other"


def legal_group(code: str) -> str:
    if code in SHORT_BREAK_LEGAL_STATUSES:
        return "short breaks"
    return LEGAL_GROUPS.get(code, OTHER_LEGAL)


def care_periods(register: Register) -> list[Spell]:
    """Every care period, with the child's date of birth and the legal status it began
    under. Short breaks are in: the children have IROs, so they are in the caseload."""
    return [
        Spell(
            period.start,
            period.end,
            legal_group(period.episodes[0].legal_status) if period.episodes else OTHER_LEGAL,
            child.date_of_birth,
        )
        for child in register.children
        for period in child.periods
    ]


def plans(register: Register) -> list[Spell]:
    """Every child protection plan, from the conference that made it to its end."""
    return [
        Spell(record.plan_start, record.plan_end)
        for child in register.children
        for record in child.protection
        if record.plan_start is not None
    ]


def households(register: Register) -> list[Spell]:
    """Every fostering household's approval, by kind (mainstream, connected persons)."""
    if register.fostering is None:
        return []
    return [
        Spell(household.approved, household.deregistered, household.kind)
        for household in register.fostering.households
    ]


def stock_history(spells: Sequence[Spell], days: Sequence[date]) -> list[int]:
    """The stock at each day (open on it: begun by then and not ended on or before it)."""
    return [stock_on(spells, day) for day in days]
