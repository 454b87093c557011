"""The looked-after review clock (CPPCR reg 33; spec §2.3 to 2.7, rules LAC-1 to LAC-4).

One schedule covers one care period. A child who leaves care and comes back starts a new
care period, and its reviews restart at review 1 (§2.7, OQ-5): callers evaluate each care
period on its own, passing only the reviews held within it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import NamedTuple

from irohub.statutory.calendar import WorkingDayCalendar, add_months, default_calendar
from irohub.statutory.review_record import EarlyReviewRequest, bring_forward

__all__ = [
    "FIRST_REVIEW_20_WD_FROM",
    "DueStatus",
    "ReviewDateError",
    "ReviewSchedule",
    "ReviewStatus",
    "ReviewTiming",
    "SequenceStart",
    "due_status",
    "due_windows",
    "finish_schedule",
    "first_review_due",
    "months_after_review",
    "next_review_due",
    "review_schedule",
    "time_meeting",
    "timed_sequence",
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


class SequenceStart(StrEnum):
    """What began a looked-after review sequence, which sets its first two intervals."""

    PERIOD_START = "start of the care period"  # LAC-1, then 3 months, then 6
    AFTER_SHORT_BREAKS = "full regime after short breaks"  # OQ-9: as LAC-1 from the switch
    AFTER_ADOPTION = "return from an adoptive placement"  # OQ-7: 20 WD, then 6-monthly


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


def first_review_due(
    period_start: date,
    *,
    calendar: WorkingDayCalendar | None = None,
    begins: SequenceStart = SequenceStart.PERIOD_START,
) -> date:
    """LAC-1: 20 working days after the care period began (28 days before 1 April 2011).

    After a regime switch the sequence starts again from the switch: 20 working days after
    short breaks passed the reg 48 limits (OQ-9), or after the child came back from an
    adoptive placement that ended without an adoption (OQ-7, an early review; the 2011
    change of rule does not arise for it).
    """
    cal = calendar or default_calendar()
    if begins is SequenceStart.AFTER_ADOPTION:
        return cal.add_working_days(period_start, FIRST_REVIEW_WORKING_DAYS)
    if period_start < FIRST_REVIEW_20_WD_FROM:
        return period_start + _FIRST_REVIEW_BEFORE_2011
    return cal.add_working_days(period_start, FIRST_REVIEW_WORKING_DAYS)


def months_after_review(number: int, begins: SequenceStart = SequenceStart.PERIOD_START) -> int:
    """Months from review `number` to the next: 3 after the first (LAC-2), 6 after every
    later one (LAC-3); 6 after every review once back from an adoptive placement (OQ-7)."""
    if number == 1 and begins is not SequenceStart.AFTER_ADOPTION:
        return SECOND_REVIEW_MONTHS
    return LATER_REVIEW_MONTHS


def _due_after(number: int, held: date) -> date:
    # LAC-2 / LAC-3: counted from the date the review was actually held (LAC-4).
    return add_months(held, SECOND_REVIEW_MONTHS if number == 1 else LATER_REVIEW_MONTHS)


def _due_after_adoption(number: int, held: date) -> date:
    return add_months(held, LATER_REVIEW_MONTHS)


class Wording(NamedTuple):
    """How a clock's data errors name its meetings and the span they belong to."""

    meeting: str = "review"
    span: str = "the care period"


CARE_PERIOD = Wording()


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
    begins: SequenceStart = SequenceStart.PERIOD_START,
    early: Sequence[EarlyReviewRequest] = (),
) -> ReviewSchedule:
    """Time every review held in one care period and find the next deadline.

    Every review held counts, whatever prompted it (LAC-4): an early review is the next
    review in the sequence, and each interval runs from the date the previous review was
    actually held. Reviews from an earlier care period must not be passed in. `begins`
    says what started the sequence when it is not the start of the care period (a switch
    of regime, spec §2.7).

    `early` are the early-review requests (ER-1 to ER-6, irohub.statutory.review_record):
    each brings forward the deadline of the first review held on or after the day it was
    raised, never later than the regular one; once that review is held, the clock runs
    from it as from any other (3 months after the first review, 6 after later ones).
    """
    cal = calendar or default_calendar()
    first_due = first_review_due(period_start, calendar=cal, begins=begins)
    due_after = _due_after_adoption if begins is SequenceStart.AFTER_ADOPTION else _due_after
    schedule = timed_sequence(
        period_start, held, end=period_end, first_due=first_due, due_after=due_after, calendar=cal
    )
    if not early:
        return schedule
    # The regular deadlines run from the reviews actually held, so requests only ever
    # bring one review's deadline forward; the sequence itself is unchanged.
    timings = []
    previous: date | None = None
    regular = first_due
    for timing in schedule.reviews:
        due = bring_forward(regular, previous, timing.held, early)
        timings.append(
            timing if due == timing.due else time_meeting(timing.number, timing.held, due, cal)
        )
        previous = timing.held
        regular = due_after(timing.number, timing.held)
    after_last = [r for r in early if period_end is None or r.raised <= period_end]
    return finish_schedule(
        period_start, period_end, timings, bring_forward(regular, previous, None, after_last), cal
    )


def timed_sequence(
    start: date,
    held: Iterable[date],
    *,
    end: date | None,
    first_due: date,
    due_after: Callable[[int, date], date],
    calendar: WorkingDayCalendar,
    wording: Wording = CARE_PERIOD,
) -> ReviewSchedule:
    """Time a sequence of meetings where each deadline runs from the one actually held before.

    The first meeting is due by `first_due`; after meeting `number` held on `day`, the next
    is due by `due_after(number, day)`. Every meeting held counts, early or late, and each
    is measured against the deadline that was live for it. When the sequence ended (`end`)
    on or before the next deadline, nothing is due (OQ-15). Every clock of the rules core
    (reviews, conferences, short breaks, adoption, foster carers) is one of these.
    """
    if end is not None and end < start:
        raise ValueError(
            f"{wording.span} ends ({end.isoformat()}) before it began ({start.isoformat()})"
        )
    dates = sorted(held)
    if dates and dates[0] < start:
        raise ReviewDateError(
            f"{wording.meeting} held {dates[0].isoformat()} is before {wording.span} began "
            f"({start.isoformat()})"
        )
    if dates and end is not None and dates[-1] > end:
        raise ReviewDateError(
            f"{wording.meeting} held {dates[-1].isoformat()} is after {wording.span} ended "
            f"({end.isoformat()})"
        )

    due = first_due
    between = calendar.working_days_between
    timings: list[ReviewTiming] = []
    previous: date | None = None
    # The hot loop of the whole service (every care period in a council): kept flat.
    for number, when in enumerate(dates, 1):
        if when == previous:
            raise ReviewDateError(
                f"two {wording.meeting}s held on {when.isoformat()}: a {wording.meeting} is "
                f"one meeting a day"
            )
        if when <= due:
            timings.append(ReviewTiming(number, when, due, True, 0, 0))
        else:
            late = between(due, when)
            timings.append(ReviewTiming(number, when, due, False, (when - due).days, late))
        due = due_after(number, when)
        previous = when

    return finish_schedule(start, end, timings, due, calendar)


def time_meeting(number: int, held: date, due: date, calendar: WorkingDayCalendar) -> ReviewTiming:
    """One meeting held, measured against its deadline (both lateness measures, §1.2.3)."""
    if held <= due:
        return ReviewTiming(number, held, due, True, 0, 0)
    return ReviewTiming(
        number, held, due, False, (held - due).days, calendar.working_days_between(due, held)
    )


def finish_schedule(
    start: date,
    end: date | None,
    timings: Sequence[ReviewTiming],
    due: date | None,
    calendar: WorkingDayCalendar,
) -> ReviewSchedule:
    """The schedule of meetings held, with `due` as the next deadline unless the sequence
    ended on or before it (OQ-15) or there is none."""
    if due is None or (end is not None and end <= due):
        return ReviewSchedule(start, end, tuple(timings), None, None, None, calendar)
    return ReviewSchedule(
        start,
        end,
        tuple(timings),
        due,
        calendar.is_working_day(due),
        calendar.previous_working_day_on_or_before(due),
        calendar,
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
