"""Getting ready for a looked-after review: the deadlines before the meeting (pure).

Each is counted backwards from the day the review is due (or booked) with the working-day
calendar of §1.2, by the backward-counting rule of spec §2.9: "at least N working days
before D" is met by a date on or before `subtract_working_days(D, N)`.

- REP-1: the social worker's report reaches the IRO at least `report_lead` working days
  before the review (a local standard: IROHUB_REPORT_LEAD_WORKING_DAYS, default 3).
  A lead of 0 is the "24 hours before" standard (Leicestershire): without times of day it
  is met by a report on or before the previous calendar day (§2.9).
- Invitations to the review go out at least `invitation_lead` working days before it
  (local practice, default 10 [U]).
- Consultation forms (child, parents, carer) are sent at least `consultation_send_lead`
  working days before the review (default 10 [U]) and are due back at least
  `consultation_return_lead` working days before it (default 2 [U]), so the IRO can
  read them before the meeting (IRO-4, IRO-5).
- A consultation link works until the end of the day the review is due; a link sent on
  or after that day (an overdue review) still gets `LINK_GRACE_WORKING_DAYS` working days.

`item_status` says where one checklist item stands on a given day: done in time, done late,
not yet due, or overdue.

Worked examples (calendar of §1.2.2):

- Review due Thursday 8 January 2026: report due by Monday 5 January (3 WD back: Wed 7,
  Tue 6, Mon 5); consultation back by Tuesday 6 January; invitations and forms out by
  Monday 22 December 2025 (10 WD back, skipping 1 January, the weekends and 25/26 December).
- Review due Tuesday 7 April 2026 (Good Friday 3 April, Easter Monday 6 April): report due
  by Tuesday 31 March.
- "24 hours" standard (lead 0): review Monday 2 March 2026, report due by Sunday 1 March.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from irohub.statutory.calendar import WorkingDayCalendar

__all__ = [
    "DEFAULT_CONSULTATION_RETURN_LEAD",
    "DEFAULT_CONSULTATION_SEND_LEAD",
    "DEFAULT_INVITATION_LEAD",
    "DEFAULT_REPORT_LEAD",
    "LINK_GRACE_WORKING_DAYS",
    "ItemStatus",
    "PreparationDeadlines",
    "item_status",
    "link_expires",
    "preparation_deadlines",
    "report_deadline",
    "report_in_time",
]

DEFAULT_REPORT_LEAD = 3  # REP-1: working days before the review (0 = "24 hours before")
DEFAULT_INVITATION_LEAD = 10
DEFAULT_CONSULTATION_SEND_LEAD = 10
DEFAULT_CONSULTATION_RETURN_LEAD = 2
LINK_GRACE_WORKING_DAYS = 5


def _before(day: date, lead: int, calendar: WorkingDayCalendar) -> date:
    """The latest date that is at least `lead` working days before `day`; a lead of 0 is
    the "24 hours before" rule without times: the previous calendar day."""
    if lead < 0:
        raise ValueError(f"a lead time must be 0 or more working days, not {lead}")
    if lead == 0:
        return day - timedelta(days=1)
    return calendar.subtract_working_days(day, lead)


def report_deadline(review: date, lead: int, calendar: WorkingDayCalendar) -> date:
    """REP-1: the last day the social worker's report may reach the IRO for a review on
    `review`, `lead` working days before it (0: the previous calendar day)."""
    return _before(review, lead, calendar)


def report_in_time(
    received: date | None, review: date, lead: int, calendar: WorkingDayCalendar
) -> bool:
    """REP-1 met: the report was received on or before its deadline (never received: no)."""
    return received is not None and received <= report_deadline(review, lead, calendar)


@dataclass(frozen=True)
class PreparationDeadlines:
    """The dates that matter before one review (all on or before `review`)."""

    review: date
    invitations_by: date
    consultation_sent_by: date
    consultation_back_by: date
    report_by: date


def preparation_deadlines(
    review: date,
    calendar: WorkingDayCalendar,
    *,
    report_lead: int = DEFAULT_REPORT_LEAD,
    invitation_lead: int = DEFAULT_INVITATION_LEAD,
    consultation_send_lead: int = DEFAULT_CONSULTATION_SEND_LEAD,
    consultation_return_lead: int = DEFAULT_CONSULTATION_RETURN_LEAD,
) -> PreparationDeadlines:
    """Every preparation deadline for a review due (or booked) on `review`."""
    return PreparationDeadlines(
        review=review,
        invitations_by=_before(review, invitation_lead, calendar),
        consultation_sent_by=_before(review, consultation_send_lead, calendar),
        consultation_back_by=_before(review, consultation_return_lead, calendar),
        report_by=_before(review, report_lead, calendar),
    )


def link_expires(sent: date, review: date, calendar: WorkingDayCalendar) -> date:
    """The last day a consultation link sent on `sent` for a review due on `review` works:
    the review's day, or — sent on or after it (the review is overdue) — a few working
    days after sending, so the person asked still has time to answer."""
    if sent < review:
        return review
    return calendar.add_working_days(sent, LINK_GRACE_WORKING_DAYS)


class ItemStatus(StrEnum):
    DONE = "done"
    DONE_LATE = "done late"
    NOT_YET_DUE = "not yet due"
    OVERDUE = "overdue"


def item_status(deadline: date, done: date | None, today: date) -> ItemStatus:
    """Where a checklist item with `deadline` stands on `today` (`done`: when it was done,
    None if not yet). The deadline day itself is in time (§1.1)."""
    if done is not None:
        return ItemStatus.DONE if done <= deadline else ItemStatus.DONE_LATE
    return ItemStatus.NOT_YET_DUE if today <= deadline else ItemStatus.OVERDUE
