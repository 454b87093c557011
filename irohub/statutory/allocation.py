"""The rules of IRO allocation (pure): which IRO to suggest for a child, and how soon the
first IRO of a care period was allocated.

The database side (irohub.allocation.queries) fetches the facts, passes them in and
words the answer; where a caseload sits against the band is
irohub.measures.workforce.CaseloadBand's.

- Brothers and sisters keep one IRO where they can (Wolverhampton: "the majority of
  brothers and sisters ... are allocated to the same IRO"): the IRO most of the siblings
  in care share, and on a tie the eldest sibling's.
- Otherwise the IRO with the fewest children per FTE, ties by name.
- An IRO should be allocated within a local target of working days from the start of the
  care period (IROHUB_ALLOCATION_TARGET_WORKING_DAYS; Wolverhampton's "within 24 hours").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from datetime import date
from decimal import Decimal
from typing import TypeVar

from irohub.statutory.calendar import WorkingDayCalendar

__all__ = [
    "allocation_timescale",
    "first_overlapping",
    "lightest",
    "overlaps",
    "per_fte",
    "shared_by_most",
]

T = TypeVar("T")


def per_fte(children: int, fte: Decimal | float) -> float:
    """Children per full-time equivalent; 0 for no FTE (nobody to divide among)."""
    return children / float(fte) if fte else 0.0


def shared_by_most(siblings: Sequence[T], iro_of: Callable[[T], Hashable]) -> T | None:
    """Of the siblings' allocations, eldest sibling first, the one whose IRO most of them
    share; on a tie the eldest's (max keeps the first of equals). None for no siblings."""
    if not siblings:
        return None
    shared = Counter(iro_of(sibling) for sibling in siblings)
    return max(siblings, key=lambda sibling: shared[iro_of(sibling)])


def lightest(
    loads: Sequence[T], per_fte_of: Callable[[T], float], name_of: Callable[[T], tuple[str, ...]]
) -> T | None:
    """The load with the fewest children per FTE, ties by name; None for no loads."""
    if not loads:
        return None
    return min(loads, key=lambda load: (per_fte_of(load), *name_of(load)))


def overlaps(start: date, end: date | None, period_start: date, period_end: date | None) -> bool:
    """Whether an allocation from `start` to `end` (open: None) overlaps a care period."""
    ends_after_start = end is None or end >= period_start
    starts_before_end = period_end is None or start <= period_end
    return ends_after_start and starts_before_end


def first_overlapping(
    allocations: Sequence[T],
    span_of: Callable[[T], tuple[date, date | None]],
    period_start: date,
    period_end: date | None,
) -> T | None:
    """The first of `allocations` (in start order) that overlaps the care period: the
    period's first IRO."""
    return next((a for a in allocations if overlaps(*span_of(a), period_start, period_end)), None)


def allocation_timescale(
    period_start: date, allocated_on: date, target: int, calendar: WorkingDayCalendar
) -> tuple[int, bool]:
    """Working days from the start of the care period to the day the allocation was made
    (0 when made that day or before), and whether that met the target of `target` working
    days."""
    days = calendar.working_days_between(period_start, allocated_on)
    return days, days <= target
