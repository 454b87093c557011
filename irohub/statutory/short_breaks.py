"""Short breaks under CPPCR reg 48 (spec §4): the limits that keep a child on the modified
regime (rule SB-LIM) and its review timetable (SB-1, SB-2).

A child on a series of short breaks with one carer, none longer than 17 days and no more
than 75 days in any 12 months, returning home after each, is reviewed 3 months after the
first break began and then every 6 months. Once a limit is passed the child is looked
after under the full regime: the first full review is due 20 working days after the day
the limit was passed (OQ-9), then 3 months, then 6 (LAC-2, LAC-3).

How the limits are counted (§4.3, OQ-8), resolved here:

* The unit is nights by default (a break from Friday to Sunday is 2 nights); calendar days
  on which the child is placed (Friday to Sunday is 3 days) is the alternative. In both
  a day on which two breaks meet counts once.
* A single break passes the 17-day limit on the day its 18th unit falls (`start + 17`).
* "Any period of 12 months" is every rolling window: a window beginning on day S ends on
  `add_months(S - 1 day, 12)` (§1.1 and §1.3; so 1 March to the last day of February).
  The limit is passed on the day of the 76th unit within one window.
* §4.1 (condition 2, and Kent's procedure: more than one setting means the full
  regulations) and §4.3 ("count per carer/setting") read differently when a child has
  breaks with two carers. The regulation's test is a series with the same carer, so a
  break with a carer other than the first passes the limits on the day it begins; the
  17/75 counts are then of the one carer's breaks. Breaks without a named carer are taken
  to be with the same one.
* Condition 4 (the child returns home after each break) is not in the data; it is assumed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from enum import StrEnum
from itertools import pairwise
from typing import NamedTuple

from irohub.statutory.calendar import WorkingDayCalendar, add_months, default_calendar
from irohub.statutory.reviews import (
    ReviewSchedule,
    SequenceStart,
    Wording,
    finish_schedule,
    review_schedule,
    timed_sequence,
)

__all__ = [
    "MAX_DAYS_IN_12_MONTHS",
    "MAX_DAYS_PER_BREAK",
    "BreakUnit",
    "Limit",
    "LimitPassed",
    "ShortBreak",
    "ShortBreakClock",
    "limit_passed",
    "short_break_clock",
    "short_break_review_schedule",
]

MAX_DAYS_PER_BREAK = 17
MAX_DAYS_IN_12_MONTHS = 75
FIRST_REVIEW_MONTHS = 3  # SB-1
LATER_REVIEW_MONTHS = 6  # SB-2

_ONE_DAY = timedelta(days=1)
_SERIES = Wording("review", "the short breaks")


class BreakUnit(StrEnum):
    NIGHTS = "nights"
    DAYS = "days"


class Limit(StrEnum):
    SINGLE_BREAK = "a single break over 17 days"
    TWELVE_MONTHS = "over 75 days in 12 months"
    SECOND_CARER = "a break with a second carer"


class ShortBreak(NamedTuple):
    """One break: the day the child arrived, the day they went home, and the carer or
    setting (blank when not recorded)."""

    start: date
    end: date
    carer: str = ""


class LimitPassed(NamedTuple):
    day: date
    limit: Limit


def _units(one: ShortBreak, unit: BreakUnit) -> list[date]:
    # Nights are named by the evening they begin; days are every day placed.
    last = one.end - _ONE_DAY if unit is BreakUnit.NIGHTS else one.end
    return [one.start + timedelta(days=i) for i in range((last - one.start).days + 1)]


def _checked(breaks: Iterable[ShortBreak]) -> list[ShortBreak]:
    ordered = sorted(breaks)
    for one in ordered:
        if one.end < one.start:
            raise ValueError(
                f"the break from {one.start.isoformat()} ends before it began "
                f"({one.end.isoformat()})"
            )
    for before, after in pairwise(ordered):
        if after.start < before.end:
            raise ValueError(
                f"the break from {after.start.isoformat()} begins before the break from "
                f"{before.start.isoformat()} ended ({before.end.isoformat()})"
            )
    return ordered


def limit_passed(
    breaks: Iterable[ShortBreak], *, unit: BreakUnit = BreakUnit.NIGHTS
) -> LimitPassed | None:
    """The first day the breaks passed a limit of reg 48 (SB-LIM), or None if they never
    did. To warn before booking, pass the planned break with the others."""
    ordered = _checked(breaks)
    found: list[LimitPassed] = []
    if ordered:
        carer = ordered[0].carer
        other = next((one for one in ordered if one.carer != carer), None)
        if other is not None:
            found.append(LimitPassed(other.start, Limit.SECOND_CARER))
            ordered = [one for one in ordered if one.start < other.start]
    long = next((one for one in ordered if len(_units(one, unit)) > MAX_DAYS_PER_BREAK), None)
    if long is not None:
        found.append(
            LimitPassed(long.start + timedelta(days=MAX_DAYS_PER_BREAK), Limit.SINGLE_BREAK)
        )
    days = sorted({day for one in ordered for day in _units(one, unit)})
    for first in range(len(days) - MAX_DAYS_IN_12_MONTHS):
        over = days[first + MAX_DAYS_IN_12_MONTHS]
        if over <= add_months(days[first] - _ONE_DAY, 12):
            found.append(LimitPassed(over, Limit.TWELVE_MONTHS))
            break
    return min(found, default=None)


def short_break_review_schedule(
    first_break: date,
    held: Iterable[date],
    *,
    ended: date | None = None,
    calendar: WorkingDayCalendar | None = None,
) -> ReviewSchedule:
    """SB-1: the first review within 3 months of the start of the first break; SB-2: each
    later one within 6 months of the one before. `ended` is the day the arrangement
    ended (or the day the full regime took over)."""
    return timed_sequence(
        first_break,
        held,
        end=ended,
        first_due=add_months(first_break, FIRST_REVIEW_MONTHS),
        due_after=_sb_due_after,
        calendar=calendar or default_calendar(),
        wording=_SERIES,
    )


def _sb_due_after(number: int, held: date) -> date:
    return add_months(held, LATER_REVIEW_MONTHS)


class ShortBreakClock(NamedTuple):
    """The reviews of a child on short breaks: under reg 48 until a limit was passed
    (`passed`), then under the full regime. `schedule.reviews` are numbered within their
    regime; the next deadline is the regime's in force at the end."""

    schedule: ReviewSchedule
    passed: LimitPassed | None
    short_break_reviews: int  # how many of the reviews were under reg 48


def short_break_clock(
    breaks: Sequence[ShortBreak],
    held: Iterable[date],
    *,
    ended: date | None = None,
    unit: BreakUnit = BreakUnit.NIGHTS,
    calendar: WorkingDayCalendar | None = None,
) -> ShortBreakClock:
    """Time the reviews of a series of short breaks, moving to the full regime when a
    limit is passed (a review on that day is the full regime's)."""
    if not breaks:
        raise ValueError("a series of short breaks needs at least one break")
    cal = calendar or default_calendar()
    passed = limit_passed(breaks, unit=unit)
    first = min(one.start for one in breaks)
    dates = sorted(held)
    if passed is None:
        schedule = short_break_review_schedule(first, dates, ended=ended, calendar=cal)
        return ShortBreakClock(schedule, None, len(schedule.reviews))
    if ended is not None and ended < passed.day:
        raise ValueError(
            f"the short breaks ended ({ended.isoformat()}) before the limit was passed "
            f"({passed.day.isoformat()}): leave out the breaks after the end"
        )
    before = [day for day in dates if day < passed.day]
    reg48 = short_break_review_schedule(first, before, ended=passed.day, calendar=cal)
    full = review_schedule(
        passed.day,
        dates[len(before) :],
        period_end=ended,
        calendar=cal,
        begins=SequenceStart.AFTER_SHORT_BREAKS,
    )
    timings = [*reg48.reviews, *full.reviews]
    schedule = finish_schedule(first, ended, timings, full.next_due, cal)
    return ShortBreakClock(schedule, passed, len(reg48.reviews))
