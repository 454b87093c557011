"""The demo council's nationality and immigration records (pure Python, its own random
stream `Random(f"{seed}-immigration")`).

Every unaccompanied child has a nationality and an asylum claim made within a couple of
months of coming into care, most granted refugee status or humanitarian protection, some
refused, the recent ones waiting; about one child in twenty-five is an EU national who
applied to the EU Settlement Scheme (settled, pre-settled, waiting) or has not applied yet
(Bradford's panel asked about exactly these children).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from random import Random
from typing import Any

__all__ = ["ImmigrationRows", "gather_immigration"]

ASYLUM_NATIONALITIES = ("Afghan", "Eritrean", "Sudanese", "Iranian", "Vietnamese", "Albanian")
EU_NATIONALITIES = ("Polish", "Romanian", "Lithuanian", "Portuguese", "Slovak", "Bulgarian")
EU_SHARE = 0.04
ASYLUM_DECISIONS = {"refugee": 55, "humanitarian": 12, "refused": 13}
EU_DECISIONS = {"settled": 60, "pre_settled": 20}


@dataclass(frozen=True, slots=True)
class NationalityRow:
    child: int
    nationality: str
    needs: str


@dataclass(frozen=True, slots=True)
class ApplicationRow:
    child: int
    kind: str
    made: date
    outcome: str
    decided: date | None


@dataclass
class ImmigrationRows:
    nationalities: list[NationalityRow] = field(default_factory=list)
    applications: list[ApplicationRow] = field(default_factory=list)


def gather_immigration(council: Any, *, seed: int) -> ImmigrationRows:
    rng = Random(f"{seed}-immigration")
    as_of: date = council.as_of
    rows = ImmigrationRows()
    first_in_care: dict[int, date] = {}
    in_care_now: set[int] = set()
    for period in council.care_periods:
        if period.child not in first_in_care or period.start < first_in_care[period.child]:
            first_in_care[period.child] = period.start
        if period.end is None:
            in_care_now.add(period.child)
    for child in council.children:
        start = first_in_care.get(child.key)
        if start is None:
            continue
        if child.uasc:
            rows.nationalities.append(
                NationalityRow(child.key, rng.choice(ASYLUM_NATIONALITIES), "needs")
            )
            made = min(start + timedelta(days=rng.randint(7, 60)), as_of)
            _decide(rng, rows, child.key, "asylum", made, as_of, ASYLUM_DECISIONS, wait=300)
        elif child.key in in_care_now and rng.random() < EU_SHARE:
            rows.nationalities.append(
                NationalityRow(child.key, rng.choice(EU_NATIONALITIES), "needs")
            )
            if rng.random() < 0.15:
                continue  # not applied yet: the IRO's list shows them
            made = min(start + timedelta(days=rng.randint(20, 200)), as_of)
            _decide(rng, rows, child.key, "eu_settlement", made, as_of, EU_DECISIONS, wait=150)
    return rows


def _decide(
    rng: Random,
    rows: ImmigrationRows,
    child: int,
    kind: str,
    made: date,
    as_of: date,
    decisions: dict[str, int],
    *,
    wait: int,
) -> None:
    """An application made on `made`: decided after a while, or still waiting if recent."""
    decided = made + timedelta(days=rng.randint(wait // 3, wait * 2))
    if decided > as_of:
        rows.applications.append(ApplicationRow(child, kind, made, "pending", None))
        return
    outcome = rng.choices(list(decisions), list(decisions.values()))[0]
    rows.applications.append(ApplicationRow(child, kind, made, outcome, decided))
