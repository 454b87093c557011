"""Adoption reviews under AAR 2005 reg 36 (spec §5).

* Authority to place, not yet placed (AD-1, AD-2): a review within 3 months of the day the
  agency first had authority to place, then within 6 months of the one before, until the
  child is placed. The child is still looked after, so the looked-after clock runs too;
  the next review is due by the earlier of the two, and one meeting answers both
  (AD-COMBINE).
* Placed for adoption (AD-3 to AD-5): a new sequence from the placement (AD-RESET),
  whatever the looked-after clock said: 4 weeks (28 days), then 3 months, then 6 months,
  until an adoption order or the child's return.

Resolved here: under AD-COMBINE each review held is measured against the earlier of the
two deadlines live for it, and numbered in the looked-after sequence (the combined review
is the looked-after review). Only reviews held on or after the day of authority count in
the AD-1/AD-2 sequence; a review on the day of the placement is the first adoption review.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from irohub.statutory.calendar import WorkingDayCalendar, add_months, default_calendar
from irohub.statutory.reviews import (
    ReviewSchedule,
    Wording,
    finish_schedule,
    review_schedule,
    time_meeting,
    timed_sequence,
)

__all__ = [
    "adoption_review_schedule",
    "authority_to_place_schedule",
    "placed_for_adoption_schedule",
]

FIRST_AFTER_PLACEMENT = timedelta(weeks=4)  # AD-3
SECOND_AFTER_PLACEMENT_MONTHS = 3  # AD-4
LATER_MONTHS = 6  # AD-2 and AD-5
FIRST_AFTER_AUTHORITY_MONTHS = 3  # AD-1

_PLACEMENT = Wording("review", "the placement for adoption")
_AUTHORITY = Wording("review", "the authority to place")


def _placed_due_after(number: int, held: date) -> date:
    return add_months(held, SECOND_AFTER_PLACEMENT_MONTHS if number == 1 else LATER_MONTHS)


def _authority_due_after(number: int, held: date) -> date:
    return add_months(held, LATER_MONTHS)


def placed_for_adoption_schedule(
    placed: date,
    held: Iterable[date],
    *,
    ended: date | None = None,
    calendar: WorkingDayCalendar | None = None,
) -> ReviewSchedule:
    """AD-3 to AD-5 from the day the child was placed for adoption. `ended`: the adoption
    order, or the day the child was returned (the placement ended)."""
    return timed_sequence(
        placed,
        held,
        end=ended,
        first_due=placed + FIRST_AFTER_PLACEMENT,
        due_after=_placed_due_after,
        calendar=calendar or default_calendar(),
        wording=_PLACEMENT,
    )


def authority_to_place_schedule(
    authority: date,
    held: Iterable[date],
    *,
    ended: date | None = None,
    calendar: WorkingDayCalendar | None = None,
) -> ReviewSchedule:
    """AD-1 and AD-2 from the day the agency first had authority to place (placement order,
    or written consent under ACA 2002 s19) until `ended` (the placement, or the plan's end)."""
    return timed_sequence(
        authority,
        held,
        end=ended,
        first_due=add_months(authority, FIRST_AFTER_AUTHORITY_MONTHS),
        due_after=_authority_due_after,
        calendar=calendar or default_calendar(),
        wording=_AUTHORITY,
    )


def adoption_review_schedule(
    held: Iterable[date],
    *,
    authority: date | None = None,
    placed: date | None = None,
    looked_after_from: date | None = None,
    ended: date | None = None,
    calendar: WorkingDayCalendar | None = None,
) -> ReviewSchedule:
    """Every review of a child with an adoption plan: before placement, AD-1/AD-2 combined
    with the looked-after clock when `looked_after_from` is given (AD-COMBINE); from
    `placed`, AD-3 to AD-5. `ended`: an adoption order, the child's return or the plan's
    end. Needs `authority` or `placed`."""
    if authority is None and placed is None:
        raise ValueError("an adoption clock needs the authority to place or the placement")
    if authority is not None and placed is not None and placed < authority:
        raise ValueError(
            f"the placement ({placed.isoformat()}) is before the authority to place "
            f"({authority.isoformat()})"
        )
    cal = calendar or default_calendar()
    dates = sorted(held)
    before = dates if placed is None else [day for day in dates if day < placed]
    placed_reviews = dates[len(before) :]
    if authority is None and looked_after_from is None:
        before, placed_reviews = [], dates  # nothing to time them by: a data error below
    phase_end = placed if placed is not None else ended
    timings = []
    due: date | None = None
    if authority is not None or looked_after_from is not None:
        looked_after = (
            None
            if looked_after_from is None
            else review_schedule(looked_after_from, before, period_end=phase_end, calendar=cal)
        )
        after_authority = [] if authority is None else [d for d in before if d >= authority]
        reg36 = (
            None
            if authority is None
            else authority_to_place_schedule(
                authority, after_authority, ended=phase_end, calendar=cal
            )
        )
        if authority is not None and before and before[0] < authority and looked_after is None:
            raise ValueError(
                f"review held {before[0].isoformat()} is before the authority to place "
                f"({authority.isoformat()}): timing it needs the day the child became "
                f"looked after"
            )
        offset = len(before) - len(after_authority)
        for index, day in enumerate(before):
            dues = []
            if looked_after is not None:
                dues.append(looked_after.reviews[index].due)
            if reg36 is not None and index >= offset:
                dues.append(reg36.reviews[index - offset].due)
            timings.append(time_meeting(index + 1, day, min(dues), cal))
        nexts = [s.next_due for s in (looked_after, reg36) if s is not None and s.next_due]
        due = min(nexts, default=None)
    start = min(d for d in (looked_after_from, authority, placed) if d is not None)
    if placed is None:
        return finish_schedule(start, ended, timings, due, cal)
    after = placed_for_adoption_schedule(placed, placed_reviews, ended=ended, calendar=cal)
    return finish_schedule(start, ended, [*timings, *after.reviews], after.next_due, cal)
