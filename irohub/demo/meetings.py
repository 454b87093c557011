"""Review meetings for the synthetic council: dates on the statutory clock, participation.

Each care period's reviews follow the review clock of irohub.statutory (LAC-1 to LAC-4):
most are held a few days to a few weeks before they fall due, some late, more of them late
around Christmas and Easter and in years when the service was short-staffed; a few are
brought forward (a significant change, a placement for adoption). A child the agency may
place for adoption (a placement order, E1) has the next review within 3 months of the order
if the looked-after clock would have it later (AD-1, combined); a child placed for adoption
has a review within 4 weeks of the placement, then 3 months, then 6 (AD-3 to AD-5).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from random import Random

from dateutil.easter import easter

from irohub.demo.care import ADOPTION, ChildFacts, PeriodDraft, weighted
from irohub.statutory import WorkingDayCalendar, add_months, add_years, first_review_due


@dataclass(frozen=True, slots=True)
class Meeting:
    held: date
    due: date  # the deadline that was live for it
    participation: str

    @property
    def on_time(self) -> bool:
        return self.held <= self.due


def yearly_pressure(rng: Random, first_year: int, last_year: int) -> dict[int, float]:
    """How hard each year was for the service (staffing, sickness): scales lateness."""
    return {
        year: max(0.4, min(2.2, rng.lognormvariate(0.0, 0.45)))
        for year in range(first_year, last_year + 1)
    }


def _holiday_risk(due: date) -> float:
    if (due.month == 12 and due.day >= 18) or (due.month == 1 and due.day <= 8):
        return 0.22
    sunday = easter(due.year)
    if abs((due - sunday).days) <= 9:
        return 0.15
    if due.month == 8:
        return 0.04
    return 0.0


def _next_working_day(day: date, calendar: WorkingDayCalendar) -> date:
    return day if calendar.is_working_day(day) else calendar.add_working_days(day, 1)


def hold_reviews(
    rng: Random,
    *,
    period: PeriodDraft,
    child: ChildFacts,
    until: date,
    calendar: WorkingDayCalendar,
    pressure: dict[int, float],
) -> list[Meeting]:
    """The reviews of one care period held on or before `until` (its end or as_of)."""
    if period.short_break:
        return []  # short breaks have their own regime and no reviews in the return
    start = period.start
    fourth_birthday = add_years(child.dob, 4)
    due = first_review_due(start, calendar=calendar)
    placed = next((e.start for e in period.episodes if e.placement in ADOPTION), None)
    order = next(
        (
            e.start
            for e in period.episodes
            if e.legal_status == "E1" and e.placement not in ADOPTION
        ),
        None,
    )
    # The placement order stands until the legal status is something else.
    order_end = next(
        (e.start for e in period.episodes if order and e.start > order and e.legal_status != "E1"),
        None,
    )
    adoption_review = (
        period.adoption_placed + timedelta(days=rng.randint(14, 27))
        if period.adoption_placed is not None
        else None
    )
    if adoption_review is None and placed is not None:
        adoption_review = placed + timedelta(days=14)
    meetings: list[Meeting] = []
    previous: date | None = None
    after_placement = False
    while True:
        number = len(meetings) + 1
        held = None
        plain_due = due
        if order is not None and (previous is None or order > previous) and order < due:
            # AD-COMBINE: the placement order brings the next review within 3 months of it.
            due = min(due, add_months(order, 3))
        if placed is not None and (previous is None or placed > previous) and placed < due:
            due = placed + timedelta(days=28)  # AD-3, whatever the looked-after clock said
        if adoption_review is not None and previous is not None and adoption_review < due:
            # AAR 2005 reg 36: the first review after placement for adoption within 4 weeks.
            candidate = calendar.previous_working_day_on_or_before(adoption_review)
            held = max(candidate, _next_working_day(previous + timedelta(days=1), calendar))
            adoption_review = None
            after_placement = True
        if held is None and number > 1 and previous is not None and rng.random() < 0.025:
            # A review brought forward (a significant change to the care plan).
            low, high = previous + timedelta(days=30), due - timedelta(days=30)
            if low < high:
                held = calendar.previous_working_day_on_or_before(
                    low + timedelta(days=rng.randrange((high - low).days))
                )
        if held is None:
            held = _scheduled(rng, due, start, number, calendar, pressure)
        if previous is not None and held <= previous:
            held = _next_working_day(previous + timedelta(days=1), calendar)
        if held > until:
            return meetings
        age = child.age_on(held)
        participation = (
            "PN0" if held < fourth_birthday else _participation(rng, age, child, pressure, held)
        )
        if placed is not None and held >= placed and (previous is None or previous < placed):
            # The first review since the placement for adoption, however it came about.
            due = placed + timedelta(days=28)
            adoption_review = None
            after_placement = True
        elif order is not None and not (order <= held and (order_end is None or held < order_end)):
            # Held before the order was made or once it no longer stood: the looked-after
            # clock's deadline alone was live for it.
            due = plain_due
        meetings.append(Meeting(held, due, participation))
        due = add_months(held, 3 if number == 1 or after_placement else 6)
        after_placement = False
        previous = held


def _scheduled(
    rng: Random,
    due: date,
    start: date,
    number: int,
    calendar: WorkingDayCalendar,
    pressure: dict[int, float],
) -> date:
    late_risk = (0.05 + (0.04 if number == 1 else 0.0) + _holiday_risk(due)) * pressure.get(
        due.year, 1.0
    )
    if rng.random() < min(0.6, late_risk):
        late = rng.randint(15, 50) if rng.random() < 0.12 else 1 + int(rng.expovariate(1 / 6))
        return _next_working_day(due + timedelta(days=late), calendar)
    if number == 1:
        # First reviews are booked close to the 20-working-day deadline.
        lead = weighted(rng, {"0": 20, "1": 18, "2": 16, "3": 14, "4": 10, "5": 9, "7": 8, "9": 5})
        target = calendar.subtract_working_days(due, int(lead)) if lead != "0" else due
        held = calendar.previous_working_day_on_or_before(target)
        return max(held, start + timedelta(days=5))
    lead_days = int(rng.triangular(0, 30, 5))
    return calendar.previous_working_day_on_or_before(due - timedelta(days=lead_days))


# Participation by age band for children aged 4 and over (PN1 to PN7).
_PARTICIPATION_BY_AGE = (
    (10, {"PN1": 30, "PN2": 4, "PN3": 18, "PN4": 3, "PN5": 4, "PN6": 41}),
    (16, {"PN1": 58, "PN2": 7, "PN3": 2, "PN4": 2, "PN5": 8, "PN6": 23}),
    (99, {"PN1": 55, "PN2": 5, "PN3": 1, "PN4": 1, "PN5": 10, "PN6": 28}),
)


def _participation(
    rng: Random, age: int, child: ChildFacts, pressure: dict[int, float], held: date
) -> str:
    not_conveyed = (0.025 if age < 10 else 0.05 if age < 16 else 0.085) * pressure.get(
        held.year, 1.0
    ) ** 0.5
    if rng.random() < not_conveyed:
        return "PN7"
    if child.disabled and rng.random() < 0.5:
        return weighted(rng, {"PN3": 50, "PN4": 15, "PN6": 25, "PN2": 10})
    for below, table in _PARTICIPATION_BY_AGE:
        if age < below:
            return weighted(rng, table)
    raise AssertionError("unreachable")


def hold_short_break_reviews(
    rng: Random,
    *,
    periods: list[PeriodDraft],
    child: ChildFacts,
    until: date,
    calendar: WorkingDayCalendar,
    pressure: dict[int, float],
) -> list[tuple[int, Meeting]]:
    """The reg 48 reviews of a series of short breaks (SB-1 three months after the first
    break began, SB-2 six-monthly), each as (index of the period it was held in, meeting).

    A review is held on a day the child is on a break or under an agreement (the register
    keeps reviews inside care periods): the last such day on or before the day it was
    booked for, or, when there is none since the last review, the first one after (late).
    Most are booked a few days to a few weeks ahead; a few slip."""
    if not periods:
        return []
    first = periods[0].start
    fourth_birthday = add_years(child.dob, 4)
    due = add_months(first, 3)
    previous: date | None = None
    meetings: list[tuple[int, Meeting]] = []
    while True:
        late_risk = (0.06 + _holiday_risk(due)) * pressure.get(due.year, 1.0)
        if rng.random() < min(0.5, late_risk):
            target = due + timedelta(days=1 + int(rng.expovariate(1 / 10)))
        else:
            target = due - timedelta(days=int(rng.triangular(0, 28, 6)))
        placed = _on_a_break(periods, target, after=previous, until=until)
        if placed is None:
            return meetings
        index, held = placed
        age = child.age_on(held)
        participation = (
            "PN0" if held < fourth_birthday else _participation(rng, age, child, pressure, held)
        )
        meetings.append((index, Meeting(held, due, participation)))
        previous = held
        due = add_months(held, 6)


def _on_a_break(
    periods: list[PeriodDraft], target: date, *, after: date | None, until: date
) -> tuple[int, date] | None:
    """The last day in a period on or before `target` (and after `after`), else the first
    one after `target`; None when there is none by `until`."""
    best: tuple[int, date] | None = None
    for index, period in enumerate(periods):
        end = min(period.end or until, until)
        low = period.start if after is None else max(period.start, after + timedelta(days=1))
        if low > end:
            continue
        if low <= target:
            best = (index, min(end, target))
        elif best is None:
            return index, low
        else:
            break
    return best
