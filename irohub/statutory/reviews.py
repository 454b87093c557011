"""The looked-after review clock (CPPCR reg 33; spec §2.3 to 2.7, rules LAC-1 to LAC-4).

One schedule covers one care period. A child who leaves care and comes back starts a new
care period, and its reviews restart at review 1 (§2.7, OQ-5): callers evaluate each care
period on its own, passing only the reviews held within it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import NamedTuple

from irohub.statutory.calendar import WorkingDayCalendar, add_months, default_calendar

__all__ = [
    "FIRST_REVIEW_20_WD_FROM",
    "DueStatus",
    "ReviewDateError",
    "ReviewSchedule",
    "ReviewStatus",
    "ReviewTiming",
    "due_status",
    "due_windows",
    "first_review_due",
    "next_review_due",
    "review_schedule",
]

# CPPCR 2010 came into force on 1 April 2011; before it the Review of Children's Cases
# Regulations 1991 set the first review at four weeks. The rule follows the care period's
# start date (§2.3).
FIRST_REVIEW_20_WD_FROM = date(2011, 4, 1)
FIRST_REVIEW_WORKING_DAYS = 20
FIRST_REVIEW_CALENDAR_DAYS_BEFORE_2011 = 28
SECOND_REVIEW_MONTHS = 3
LATER_REVIEW_MONTHS = 6

_FIRST_REVIEW_BEFORE_2011 = timedelta(days=FIRST_REVIEW_CALENDAR_DAYS_BEFORE_2011)


class ReviewDateError(ValueError):
    """A review date that cannot be right: before the care period began, after it ended,
    or two reviews on the same day. A data error to correct, not an early review."""


class ReviewStatus(StrEnum):
    ON_TIME = "on time"
    LATE = "late"
    OVERDUE = "overdue"
    NOT_DUE = "not due"


class ReviewTiming(NamedTuple):
    """One review held, measured against the deadline that was live for it.

    A named tuple rather than a frozen dataclass: it is as immutable, and the clock builds
    one for every review of every child in a council, where tuples are several times
    quicker to make.
    """

    number: int  # 1-based position within the care period
    held: date
    due: date
    on_time: bool
    days_late: int  # calendar days after `due`; 0 when on time
    # Working days after `due`: 0 when on time, and can be 0 when late too (due on a
    # Saturday, held on the Sunday). Spec §1.2.3 asks for both measures.
    working_days_late: int

    @property
    def status(self) -> ReviewStatus:
        return ReviewStatus.ON_TIME if self.on_time else ReviewStatus.LATE


@dataclass(frozen=True, slots=True)
class ReviewSchedule:
    """The reviews of one care period and the deadline for the next one.

    `next_due` is None when the care period ended on or before the day the next review
    would have fallen due: no review was due while the child was looked after (OQ-15).
    `book_by` is the last working day on or before `next_due`; a month deadline is never
    moved when it falls on a non-working day (OQ-3), but the meeting has to be booked for
    the working day before it.
    """

    period_start: date
    period_end: date | None
    reviews: tuple[ReviewTiming, ...]
    next_due: date | None
    next_due_is_working_day: bool | None
    book_by: date | None
    calendar: WorkingDayCalendar | None = field(default=None, repr=False, compare=False)

    def due_outstanding_on(self, as_of: date) -> date | None:
        """The deadline of the review that was awaited on `as_of`, or None if none was.

        For a day on or after the last review held this is `next_due`. For an earlier day
        it is the deadline of the first review held after that day, so that a snapshot
        taken in the past (for example 31 March of a previous year) gives the answer that
        was true then, whatever happened later.
        """
        reviews = self.reviews
        if reviews and as_of < reviews[-1].held:
            return next(review.due for review in reviews if review.held > as_of)
        return self.next_due

    def status_on(self, as_of: date) -> ReviewStatus:
        """OVERDUE when the review awaited on `as_of` was due before it, else NOT_DUE."""
        due = self.due_outstanding_on(as_of)
        if due is not None and as_of > due:
            return ReviewStatus.OVERDUE
        return ReviewStatus.NOT_DUE

    def overdue_on(self, as_of: date) -> bool:
        return self.status_on(as_of) is ReviewStatus.OVERDUE

    def _overdue_span(self, as_of: date) -> tuple[date, date] | None:
        due = self.due_outstanding_on(as_of)
        if due is None or as_of <= due:
            return None
        # A review cannot be held once the child has left care, so lateness stops growing
        # on the day the care period ended.
        end = as_of if self.period_end is None else min(as_of, self.period_end)
        return due, end

    def days_overdue_on(self, as_of: date) -> int:
        """Calendar days the awaited review was overdue on `as_of` (0 if it was not)."""
        span = self._overdue_span(as_of)
        return 0 if span is None else (span[1] - span[0]).days

    def working_days_overdue_on(self, as_of: date) -> int:
        """Working days the awaited review was overdue on `as_of` (0 if it was not)."""
        span = self._overdue_span(as_of)
        if span is None:
            return 0
        return (self.calendar or default_calendar()).working_days_between(*span)


def first_review_due(period_start: date, *, calendar: WorkingDayCalendar | None = None) -> date:
    """LAC-1: 20 working days after the care period began (28 days before 1 April 2011)."""
    if period_start < FIRST_REVIEW_20_WD_FROM:
        return period_start + _FIRST_REVIEW_BEFORE_2011
    return (calendar or default_calendar()).add_working_days(
        period_start, FIRST_REVIEW_WORKING_DAYS
    )


def _due_after(number: int, held: date) -> date:
    # LAC-2 / LAC-3: counted from the date the review was actually held (LAC-4).
    return add_months(held, SECOND_REVIEW_MONTHS if number == 1 else LATER_REVIEW_MONTHS)


def next_review_due(
    period_start: date,
    held_sorted: Sequence[date],
    *,
    calendar: WorkingDayCalendar | None = None,
) -> date:
    """The deadline for the review after those held (`held_sorted`, in date order)."""
    if not held_sorted:
        return first_review_due(period_start, calendar=calendar)
    return _due_after(len(held_sorted), held_sorted[-1])


def review_schedule(
    period_start: date,
    held: Iterable[date],
    *,
    period_end: date | None = None,
    calendar: WorkingDayCalendar | None = None,
) -> ReviewSchedule:
    """Time every review held in one care period and find the next deadline.

    Every review held counts, whatever prompted it (LAC-4): an early review is the next
    review in the sequence, and each interval runs from the date the previous review was
    actually held. Reviews from an earlier care period must not be passed in.
    """
    cal = calendar or default_calendar()
    if period_end is not None and period_end < period_start:
        raise ValueError(
            f"the care period ends ({period_end.isoformat()}) before it began "
            f"({period_start.isoformat()})"
        )
    dates = sorted(held)
    if dates and dates[0] < period_start:
        raise ReviewDateError(
            f"review held {dates[0].isoformat()} is before the care period began "
            f"({period_start.isoformat()})"
        )
    if dates and period_end is not None and dates[-1] > period_end:
        raise ReviewDateError(
            f"review held {dates[-1].isoformat()} is after the care period ended "
            f"({period_end.isoformat()})"
        )

    due = first_review_due(period_start, calendar=cal)
    between = cal.working_days_between
    timings: list[ReviewTiming] = []
    previous: date | None = None
    # The hot loop of the whole service (every care period in a council): kept flat.
    for number, when in enumerate(dates, 1):
        if when == previous:
            raise ReviewDateError(
                f"two reviews held on {when.isoformat()}: a review is one meeting a day"
            )
        if when <= due:
            timings.append(ReviewTiming(number, when, due, True, 0, 0))
        else:
            late = between(due, when)
            timings.append(ReviewTiming(number, when, due, False, (when - due).days, late))
        due = _due_after(number, when)
        previous = when

    if period_end is not None and period_end <= due:
        return ReviewSchedule(period_start, period_end, tuple(timings), None, None, None, cal)
    return ReviewSchedule(
        period_start,
        period_end,
        tuple(timings),
        due,
        cal.is_working_day(due),
        cal.previous_working_day_on_or_before(due),
        cal,
    )


class DueStatus(StrEnum):
    """Where a child's next review stands on a day, as IROs plan their diaries."""

    OVERDUE = "overdue"
    DUE_WITHIN_5 = "due within 5 working days"
    DUE_WITHIN_20 = "due within 20 working days"
    IN_DATE = "in date"
    NOT_DUE = "no review due"


def due_status(
    next_due: date | None, as_of: date, *, calendar: WorkingDayCalendar | None = None
) -> DueStatus:
    """Classify the next review's deadline against `as_of` (the due day itself counts as
    within the window, and a review due today is not yet overdue)."""
    if next_due is None:
        return DueStatus.NOT_DUE
    if next_due < as_of:
        return DueStatus.OVERDUE
    cal = calendar or default_calendar()
    if next_due <= cal.add_working_days(as_of, 5):
        return DueStatus.DUE_WITHIN_5
    if next_due <= cal.add_working_days(as_of, 20):
        return DueStatus.DUE_WITHIN_20
    return DueStatus.IN_DATE


def due_windows(as_of: date, *, calendar: WorkingDayCalendar | None = None) -> tuple[date, date]:
    """The last due dates that count as due within 5 and within 20 working days of `as_of`,
    so lists can filter by status in SQL with the same rule as `due_status`."""
    cal = calendar or default_calendar()
    return cal.add_working_days(as_of, 5), cal.add_working_days(as_of, 20)
