"""Foster carer reviews under FSR 2011 reg 28 (spec §7, rules FC-1 to FC-4).

The first review of a carer's approval is due within a year (12 calendar months, §1.4) of
the approval; each later one within a year of the review before. The fostering service
also reviews whenever it considers it necessary (an allegation, a significant change of
circumstances, a change to the terms of approval): such a review is a full review, so the
next yearly review runs from it (FC-3). The first review goes to the fostering panel
(FC-4); later ones may.

Resolved here (the spec leaves them open):

* The target for an extra review is configurable; the default is 20 working days after the
  change is recorded, the default the spec gives an IRO-requested early review (ER-1).
* A change of circumstances is answered by the first review held on or after the day it
  was recorded (a review that day considered it); until then the next review is due by the
  earlier of the yearly deadline and the change's target.
* The review date is the day of the review meeting (OQ-12).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from datetime import date

from irohub.statutory.calendar import WorkingDayCalendar, add_months, default_calendar
from irohub.statutory.reviews import (
    ReviewDateError,
    ReviewSchedule,
    Wording,
    finish_schedule,
    time_meeting,
    timed_sequence,
)

__all__ = [
    "EXTRA_REVIEW_WORKING_DAYS",
    "foster_carer_review_schedule",
    "panel_required",
]

REVIEW_MONTHS = 12  # FC-1 and FC-2
EXTRA_REVIEW_WORKING_DAYS = 20  # FC-3: configurable target

_APPROVAL = Wording("review", "the approval")


def _yearly(number: int, held: date) -> date:
    return add_months(held, REVIEW_MONTHS)


def panel_required(number: int) -> bool:
    """FC-4: the first review must go to the fostering panel; later ones may."""
    return number == 1


def foster_carer_review_schedule(
    approved: date,
    held: Iterable[date],
    *,
    changes: Iterable[date] = (),
    deregistered: date | None = None,
    extra_review_working_days: int = EXTRA_REVIEW_WORKING_DAYS,
    calendar: WorkingDayCalendar | None = None,
) -> ReviewSchedule:
    """Time the reviews of one approval. `changes`: days a change of circumstances that
    calls for a review was recorded. `deregistered`: the day the household stopped being
    approved; nothing falls due on or after it."""
    cal = calendar or default_calendar()
    yearly = timed_sequence(
        approved,
        held,
        end=deregistered,
        first_due=add_months(approved, REVIEW_MONTHS),
        due_after=_yearly,
        calendar=cal,
        wording=_APPROVAL,
    )
    triggers = sorted(set(changes))
    if triggers and triggers[0] <= approved:
        raise ReviewDateError(
            f"the change of circumstances on {triggers[0].isoformat()} is not after the "
            f"approval ({approved.isoformat()})"
        )
    if triggers and deregistered is not None and triggers[-1] > deregistered:
        raise ReviewDateError(
            f"the change of circumstances on {triggers[-1].isoformat()} is after the "
            f"household was deregistered ({deregistered.isoformat()})"
        )

    def earliest_target(after: date, until: date | None) -> date | None:
        # The first change recorded after `after` (and on or before `until`) sets the target.
        position = bisect_right(triggers, after)
        if position == len(triggers) or (until is not None and triggers[position] > until):
            return None
        return cal.add_working_days(triggers[position], extra_review_working_days)

    timings = []
    previous = approved
    for timing in yearly.reviews:
        target = earliest_target(previous, timing.held)
        due = timing.due if target is None else min(timing.due, target)
        timings.append(time_meeting(timing.number, timing.held, due, cal))
        previous = timing.held
    nexts = [day for day in (yearly.next_due, earliest_target(previous, None)) if day]
    due = min(nexts, default=None)
    return finish_schedule(approved, deregistered, timings, due, cal)
