"""Checks the DfE rules do not make (spec ssda903-format.md §4, statutory-rules.md §2).

The DfE validator never asks whether a review falls inside the collection year, while the
child is looked after, or on the statutory schedule (CPPCR reg 33: LAC-1 to LAC-4). IRO
Hub's import and export ask, and label every answer as IRO Hub's own check so nobody takes
it for a DfE rule. Pure Python.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from irohub.records.codes import SHORT_BREAK_LEGAL_STATUSES
from irohub.records.register import CarePeriodRecord, Register
from irohub.records.years import CollectionYear
from irohub.statutory import (
    CarePeriodFacts,
    ReviewDateError,
    ReviewSchedule,
    WorkingDayCalendar,
    care_period_schedules,
)

LABEL = "IRO Hub check (not a DfE rule)"  # information: never a reason to refuse
# An IRO Hub rule the DfE does not make, which refuses the import all the same (the
# register cannot hold a review outside every period of care).
REFUSING_LABEL = "IRO Hub rule (not a DfE rule), refuses the import"

# What each finding is about (Finding.check).
OUTSIDE_YEAR = "review outside the collection year"
NOT_LOOKED_AFTER = "review while not looked after"
LATE = "late review"
OVERDUE = "review overdue"


def dmy(day: date) -> str:
    return f"{day:%d/%m/%Y}"


@dataclass(frozen=True, slots=True)
class Finding:
    """One answer of an IRO Hub check: information, or (for a review while the child was
    not looked after) a reason the import refuses."""

    check: str
    child_id: str
    day: date
    message: str
    file: str = ""  # where it was read, when it came from a file
    row: int | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.row}: " if self.file and self.row else ""
        return f"{where}{LABEL}: {self.check}: child {self.child_id}: {self.message}"


def review_outside_year(
    child_id: str, held: date, year: CollectionYear, *, file: str = "", row: int | None = None
) -> Finding | None:
    """A review in one year's return dated outside that year (the return holds the reviews
    held in the year, spec §1)."""
    if held in year:
        return None
    return Finding(
        OUTSIDE_YEAR,
        child_id,
        held,
        f"review dated {dmy(held)} is in the {year} return, which covers "
        f"{dmy(year.start)} to {dmy(year.end)}",
        file,
        row,
    )


def in_period(period: CarePeriodRecord, day: date) -> bool:
    """Inside the period, its first and last days included — as the database holds it (a
    review on the day care ended is the review before the child left)."""
    return period.start <= day and (period.end is None or day <= period.end)


def schedule_checks(
    register: Register,
    year: CollectionYear,
    *,
    calendar: WorkingDayCalendar | None = None,
    as_of: date | None = None,
) -> list[Finding]:
    """Reviews dated in `year` held while the child was not looked after or late against the
    statutory schedule, and reviews overdue on the year's last day (or on `as_of`, when the
    year has not ended yet: the data cannot speak for days still to come).

    The schedule is CPPCR reg 33 (first review within 20 working days, the second within 3
    months, then every 6 months), timed per care period from its own reviews; from a
    placement for adoption, AAR 2005 reg 36 (the rules core's regimes). Not checked:
    a period that began before `register.history_from` (its earlier reviews are not known,
    so the place of each review in the sequence is not either), and a period of short
    breaks only (V3/V4: reg 48 sets another timetable).
    """
    return schedule_checks_of_years(register, [year], calendar=calendar, as_of=as_of)[0]


def schedule_checks_of_years(
    register: Register,
    years: Sequence[CollectionYear],
    *,
    calendar: WorkingDayCalendar | None = None,
    as_of: date | None = None,
    timed: dict[int, ReviewSchedule | None] | None = None,
) -> list[list[Finding]]:
    """schedule_checks of each of `years`, going through the register once: each period is
    looked at, and timed, once for all the years. `timed` holds schedules already worked out
    on the same register and calendar, by the period's id: each is used, then let go."""
    found: list[list[Finding]] = [[] for _ in years]
    last_days = [year.end if as_of is None else min(year.end, as_of) for year in years]
    known = {} if timed is None else timed
    for child in register.children:
        for period in child.periods:
            held = [r.held for r in period.reviews]
            outside = [day for day in held if not in_period(period, day)]
            if outside:
                for year, findings in zip(years, found, strict=True):
                    findings += [
                        Finding(
                            NOT_LOOKED_AFTER,
                            child.child_id,
                            day,
                            f"review dated {dmy(day)} is outside the period of care "
                            f"{_span(period)}: the child was not looked after that day",
                        )
                        for day in outside
                        if day in year
                    ]
                continue
            if not _on_the_cppcr_schedule(period, register.history_from):
                continue
            schedule: ReviewSchedule | None = None
            timed_yet = False
            for year, findings, last_day in zip(years, found, last_days, strict=True):
                if period.start > year.end or (period.end is not None and period.end < year.start):
                    continue
                if not timed_yet:  # once for all the years
                    timed_yet = True
                    schedule = known.pop(id(period), None) or _timed(period, held, calendar)
                if schedule is None:
                    continue
                for timing in schedule.reviews:
                    if timing.on_time or timing.held not in year:
                        continue
                    findings.append(
                        Finding(
                            LATE,
                            child.child_id,
                            timing.held,
                            f"review {timing.number} of the period of care from "
                            f"{dmy(period.start)} was held {dmy(timing.held)} but was due by "
                            f"{dmy(timing.due)}: {timing.days_late} days late",
                        )
                    )
                if (
                    last_day >= year.start
                    and period.looked_after_on(last_day)
                    and schedule.overdue_on(last_day)
                ):
                    due = schedule.due_outstanding_on(last_day)
                    assert due is not None  # overdue means a review was due
                    findings.append(
                        Finding(
                            OVERDUE,
                            child.child_id,
                            due,
                            f"the review due by {dmy(due)} had not been held by "
                            f"{dmy(last_day)}: {schedule.days_overdue_on(last_day)} days overdue",
                        )
                    )
    return found


def _timed(
    period: CarePeriodRecord, held: list[date], calendar: WorkingDayCalendar | None
) -> ReviewSchedule | None:
    try:
        facts = CarePeriodFacts(period.start, period.end, period.episodes, held)
        (schedule,) = care_period_schedules([facts], calendar=calendar)
    except ReviewDateError:
        return None  # two reviews on one day: the reader and database refuse it
    return schedule


def _on_the_cppcr_schedule(period: CarePeriodRecord, history_from: date | None) -> bool:
    if history_from is not None and period.start < history_from:
        return False
    return not period.episodes or any(
        e.legal_status not in SHORT_BREAK_LEGAL_STATUSES for e in period.episodes
    )


def _span(period: CarePeriodRecord) -> str:
    end = dmy(period.end) if period.end else "still open"
    return f"{dmy(period.start)} to {end}"
