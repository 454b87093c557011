"""At and after the review meeting: the record's deadlines, adjournment and early reviews
(pure; spec §2.4 to §2.6 and §2.9).

- REC-1: the review's decisions (and agreed actions) are circulated within 5 working days
  of the review (IRO Handbook ch.3).
- REC-2: the full written record is completed and distributed within 20 working days.
- ADJ-1: the IRO may adjourn a review once, for not more than 20 working days after its
  first session; a second adjournment, or completion after that, is a compliance flag.
- ER-1 to ER-6 (CPPCR reg 33(3), reg 32(2)): events that bring the next review forward.
  ER-1 and ER-2 have a configurable target in working days after the event (defaults 20
  and 10, [U]); ER-3 to ER-6 must be held before the event they anticipate takes effect
  (the accommodation ends, the release, the change to the care plan), so their deadline is
  the day before that date.

Every count uses the working-day calendar of §1.2 (the start day is day 0, the deadline is
inclusive). How an early-review request moves the review clock is `bring_forward`, which
`irohub.statutory.reviews.review_schedule` applies (rule LAC-4, §2.5).

Worked examples (spec §10):

- REC-E1: review held Friday 19 December 2025 → decisions due Tuesday 30 December 2025
  (22, 23, 24, 29, 30 December; 25 and 26 skipped, 24 counts), record due Wednesday
  21 January 2026 (1 January skipped).
- ADJ-E1: review opened Friday 20 June 2025 and adjourned → completed by Friday 18 July.
- ER-1 over Easter 2025: the IRO requests a review on Thursday 10 April 2025 → due by
  Tuesday 13 May 2025 (Good Friday, Easter Monday and 5 May skipped).
- ER-6: a placement move planned for Monday 2 June 2025, raised 12 May → the review must
  be held by Sunday 1 June (book it by Friday 30 May).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import NamedTuple

from irohub.statutory.calendar import WorkingDayCalendar, default_calendar

__all__ = [
    "ADJOURNMENT_WORKING_DAYS",
    "DECISIONS_WORKING_DAYS",
    "DEFAULT_EARLY_REVIEW_WORKING_DAYS",
    "RECORD_WORKING_DAYS",
    "AdjournmentCheck",
    "EarlyReviewError",
    "EarlyReviewRequest",
    "EarlyTrigger",
    "RecordDeadlines",
    "StepStatus",
    "adjournment_check",
    "adjournment_deadline",
    "answered_by",
    "bring_forward",
    "early_review_deadline",
    "record_deadlines",
    "step_status",
]

DECISIONS_WORKING_DAYS = 5  # REC-1
RECORD_WORKING_DAYS = 20  # REC-2
ADJOURNMENT_WORKING_DAYS = 20  # ADJ-1
MAX_ADJOURNMENTS = 1  # ADJ-1: only one adjournment is permitted


class RecordDeadlines(NamedTuple):
    """REC-1 and REC-2 for one review, counted from the date it was held (completed)."""

    decisions_due: date
    record_due: date


def record_deadlines(held: date, *, calendar: WorkingDayCalendar | None = None) -> RecordDeadlines:
    """When the decisions must be circulated (REC-1) and the record distributed (REC-2)."""
    cal = calendar or default_calendar()
    return RecordDeadlines(
        cal.add_working_days(held, DECISIONS_WORKING_DAYS),
        cal.add_working_days(held, RECORD_WORKING_DAYS),
    )


class StepStatus(StrEnum):
    """Where one step after the review (decisions circulated, record distributed, an
    action) stands on a day."""

    DONE_ON_TIME = "done on time"
    DONE_LATE = "done late"
    DUE = "due"  # not done, deadline not passed
    OVERDUE = "overdue"  # not done, deadline passed


def step_status(due: date, done: date | None, as_of: date) -> StepStatus:
    """A step done on its deadline is on time (§1.1); not done, it is overdue the day after."""
    if done is not None:
        return StepStatus.DONE_ON_TIME if done <= due else StepStatus.DONE_LATE
    return StepStatus.OVERDUE if as_of > due else StepStatus.DUE


def adjournment_deadline(
    first_session: date, *, calendar: WorkingDayCalendar | None = None
) -> date:
    """ADJ-1: an adjourned review is completed within 20 working days of its first session."""
    return (calendar or default_calendar()).add_working_days(
        first_session, ADJOURNMENT_WORKING_DAYS
    )


@dataclass(frozen=True)
class AdjournmentCheck:
    """An adjourned review against ADJ-1: its deadline and what breaks the rule."""

    completion_due: date
    completed_in_time: bool | None  # None while not completed
    too_many_adjournments: bool

    @property
    def compliant(self) -> bool:
        return self.completed_in_time is not False and not self.too_many_adjournments


def adjournment_check(
    first_session: date,
    completed: date | None,
    *,
    adjournments: int = 1,
    calendar: WorkingDayCalendar | None = None,
) -> AdjournmentCheck:
    """Check an adjourned review (first session, completion if any, number of adjournments)
    against ADJ-1. A completion before the first session is a data error."""
    if adjournments < 1:
        raise ValueError(f"an adjourned review has 1 adjournment or more, not {adjournments}")
    if completed is not None and completed < first_session:
        raise ValueError(
            f"the review was completed ({completed.isoformat()}) before its first session "
            f"({first_session.isoformat()})"
        )
    due = adjournment_deadline(first_session, calendar=calendar)
    return AdjournmentCheck(
        completion_due=due,
        completed_in_time=None if completed is None else completed <= due,
        too_many_adjournments=adjournments > MAX_ADJOURNMENTS,
    )


# --- early reviews (ER-1 to ER-6) ---------------------------------------------------------


class EarlyTrigger(StrEnum):
    """The events of CPPCR reg 33(3) and reg 32(2) that bring a review forward (§2.4)."""

    IRO_REQUEST = "ER-1"
    WELFARE_NOT_SAFEGUARDED = "ER-2"
    ACCOMMODATION_ENDING = "ER-3"
    RELEASE_FROM_CUSTODY = "ER-4"
    SECTION_20_ENDING = "ER-5"
    SIGNIFICANT_CHANGE = "ER-6"

    @property
    def description(self) -> str:
        return _DESCRIPTIONS[self]

    @property
    def needs_event_date(self) -> bool:
        """ER-3 to ER-6: the review must come before a known date (the end, the release,
        the change); ER-1 and ER-2 run a number of working days from the event."""
        return self not in (EarlyTrigger.IRO_REQUEST, EarlyTrigger.WELFARE_NOT_SAFEGUARDED)


_DESCRIPTIONS = {
    EarlyTrigger.IRO_REQUEST: "The IRO requested a review",
    EarlyTrigger.WELFARE_NOT_SAFEGUARDED: (
        "A social worker's visit found the placement is not safeguarding the child's welfare"
    ),
    EarlyTrigger.ACCOMMODATION_ENDING: (
        "Accommodation under section 21(2)(b) or (c) would end before a review"
    ),
    EarlyTrigger.RELEASE_FROM_CUSTODY: (
        "Release from a secure training centre or young offender institution before a review"
    ),
    EarlyTrigger.SECTION_20_ENDING: (
        "The council proposes to stop accommodating the child under section 20"
    ),
    EarlyTrigger.SIGNIFICANT_CHANGE: (
        "A significant change to the care plan is proposed (including a change of placement "
        "or ceasing to look after the child)"
    ),
}

# ER-1 and ER-2: working days after the event (configurable; the regulation sets none [U]).
DEFAULT_EARLY_REVIEW_WORKING_DAYS: dict[EarlyTrigger, int] = {
    EarlyTrigger.IRO_REQUEST: 20,
    EarlyTrigger.WELFARE_NOT_SAFEGUARDED: 10,
}


class EarlyReviewError(ValueError):
    """An early-review trigger that cannot be right (a missing or impossible date)."""


def early_review_deadline(
    trigger: EarlyTrigger,
    raised: date,
    *,
    event_date: date | None = None,
    working_days: int | None = None,
    calendar: WorkingDayCalendar | None = None,
) -> date:
    """The day by which the early review must be held.

    `raised` is the day the trigger was recorded (the IRO's request, the visit). For ER-1
    and ER-2 the deadline is `working_days` (default DEFAULT_EARLY_REVIEW_WORKING_DAYS)
    after it. For ER-3 to ER-6, `event_date` is the day the accommodation ends, the child
    is released or the change takes effect; the review must be held before it, so the
    deadline is the day before. Raises EarlyReviewError for a missing or impossible date.
    """
    trigger = EarlyTrigger(trigger)
    if trigger.needs_event_date:
        if event_date is None:
            raise EarlyReviewError(
                f"{trigger.value}: enter the date the change takes effect (the review must be "
                "held before it)"
            )
        if event_date <= raised:
            raise EarlyReviewError(
                f"{trigger.value}: the date the change takes effect ({event_date.isoformat()}) "
                f"must be after the day it was raised ({raised.isoformat()})"
            )
        return event_date - timedelta(days=1)
    days = DEFAULT_EARLY_REVIEW_WORKING_DAYS[trigger] if working_days is None else working_days
    if days < 1:
        raise EarlyReviewError(f"{trigger.value}: a target of {days} working days is not possible")
    return (calendar or default_calendar()).add_working_days(raised, days)


class EarlyReviewRequest(NamedTuple):
    """An early review asked for on `raised`, to be held by `due`."""

    raised: date
    due: date


def bring_forward(
    regular_due: date,
    previous_held: date | None,
    held: date | None,
    requests: Iterable[EarlyReviewRequest],
) -> date:
    """The deadline live for the review after `previous_held` (held on `held`, or not yet
    held when None): the regular deadline, brought forward by any early-review request
    raised since the previous review and up to the day this one was held (rule LAC-4, §2.5).

    A request is answered by the first review held on or after the day it was raised; a
    request never moves a deadline later (§2.5.4), so the earliest deadline wins.
    """
    due = regular_due
    for request in requests:
        after_previous = previous_held is None or request.raised > previous_held
        up_to_this = held is None or request.raised <= held
        if after_previous and up_to_this and request.due < due:
            due = request.due
    return due


def answered_by(requests: Sequence[EarlyReviewRequest], held: Sequence[date]) -> list[date | None]:
    """For each request (in the order given), the review that answered it: the first held
    on or after the day it was raised, or None while none has been."""
    ordered = sorted(held)
    return [next((day for day in ordered if day >= request.raised), None) for request in requests]
