"""Child protection conferences (Working Together 2018/2023; spec §3, rules CP-1 to CP-6).

* CP-1: the initial child protection conference (ICPC) within 15 working days of the
  strategy discussion at which the section 47 enquiry was started (if there were several,
  the caller passes that one: OQ-10).
* CP-2: the first review conference within 3 months of the ICPC; CP-3: each later review
  within 6 months of the one before, while the child is on a plan. Every conference held
  counts: one brought forward restarts the clock, and one held before the first 3-month
  review is the first review (§3.2).
* CP-4: the first core group within 10 working days of the ICPC.
* CP-6: a transfer-in conference within 15 working days of being told that a child on
  another council's plan has moved here.
* CP-PB: a pre-birth ICPC is timed by a local rule on the expected delivery date, not by
  CP-1, and reported separately.

A plan ends only by a conference's decision (or the child moving away, being adopted,
turning 18 or dying): `plan_ended` is that day, and nothing falls due on or after it. An
ICPC that decides no plan is needed ends the sequence on its own day. A new plan after
an ended one is a new sequence from its own ICPC.

Resolved here (the spec leaves them open, §3.1 CP-6 and §3.2 CP-PB are marked [U]/[S]):

* After a transfer-in conference the next review conference is due within 3 months, as
  after an ICPC (the transfer-in conference is the receiving council's first); then 6.
* The pre-birth ICPC's local rule defaults to "no later than the 34th week of pregnancy"
  (Sefton), i.e. 6 weeks before the expected delivery date; a council sets its own
  number of weeks (Cheshire East's "about three months before" is 13).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from enum import StrEnum

from irohub.statutory.calendar import WorkingDayCalendar, add_months, default_calendar
from irohub.statutory.reviews import ReviewSchedule, Wording, timed_sequence

__all__ = [
    "ConferenceStart",
    "conference_kind",
    "conference_schedule",
    "core_group_due",
    "icpc_due",
    "pre_birth_icpc_due",
    "report_due",
    "transfer_in_due",
]

ICPC_WORKING_DAYS = 15  # CP-1
FIRST_REVIEW_MONTHS = 3  # CP-2
LATER_REVIEW_MONTHS = 6  # CP-3
CORE_GROUP_WORKING_DAYS = 10  # CP-4
TRANSFER_IN_WORKING_DAYS = 15  # CP-6
PRE_BIRTH_WEEKS_BEFORE_DELIVERY = 6  # CP-PB default: by the 34th week of 40
# Reports for conferences (pan-Sussex local standard, §3.2): shared at least this many
# working days before an initial / a review conference.
REPORT_WORKING_DAYS_BEFORE_INITIAL = 3
REPORT_WORKING_DAYS_BEFORE_REVIEW = 5


class ConferenceStart(StrEnum):
    """What starts a sequence of conferences, and so times its first conference."""

    STRATEGY_DISCUSSION = "strategy discussion"  # CP-1
    TRANSFER_IN = "transfer in"  # CP-6
    PRE_BIRTH = "pre-birth"  # CP-PB


def icpc_due(strategy_discussion: date, *, calendar: WorkingDayCalendar | None = None) -> date:
    """CP-1: 15 working days after the strategy discussion that started the s47 enquiry."""
    return (calendar or default_calendar()).add_working_days(strategy_discussion, ICPC_WORKING_DAYS)


def transfer_in_due(notified: date, *, calendar: WorkingDayCalendar | None = None) -> date:
    """CP-6: 15 working days after the council was told of the move."""
    return (calendar or default_calendar()).add_working_days(notified, TRANSFER_IN_WORKING_DAYS)


def pre_birth_icpc_due(
    expected_delivery: date, *, weeks_before: int = PRE_BIRTH_WEEKS_BEFORE_DELIVERY
) -> date:
    """CP-PB: the local target for a pre-birth ICPC, `weeks_before` the expected delivery."""
    return expected_delivery - timedelta(weeks=weeks_before)


def core_group_due(icpc: date, *, calendar: WorkingDayCalendar | None = None) -> date:
    """CP-4: the first core group meeting within 10 working days of the ICPC."""
    return (calendar or default_calendar()).add_working_days(icpc, CORE_GROUP_WORKING_DAYS)


def report_due(
    conference: date, *, initial: bool, calendar: WorkingDayCalendar | None = None
) -> date:
    """The last day the social work report can be shared: at least 3 working days before
    an initial conference, 5 before a review (local standard, counted backwards, §2.9)."""
    before = REPORT_WORKING_DAYS_BEFORE_INITIAL if initial else REPORT_WORKING_DAYS_BEFORE_REVIEW
    return (calendar or default_calendar()).subtract_working_days(conference, before)


def conference_kind(number: int, start: ConferenceStart) -> str:
    """How a conference is named: the first is the initial (or transfer-in) conference."""
    if number > 1:
        return "review"
    return {
        ConferenceStart.STRATEGY_DISCUSSION: "initial",
        ConferenceStart.TRANSFER_IN: "transfer-in",
        ConferenceStart.PRE_BIRTH: "pre-birth initial",
    }[start]


def _due_after(number: int, held: date) -> date:
    return add_months(held, FIRST_REVIEW_MONTHS if number == 1 else LATER_REVIEW_MONTHS)


_WORDING = {
    ConferenceStart.STRATEGY_DISCUSSION: Wording("conference", "the strategy discussion"),
    ConferenceStart.TRANSFER_IN: Wording("conference", "the notice of the transfer"),
    ConferenceStart.PRE_BIRTH: Wording("conference", "the pre-birth referral"),
}


def conference_schedule(
    start: date,
    held: Iterable[date],
    *,
    begins: ConferenceStart = ConferenceStart.STRATEGY_DISCUSSION,
    plan_ended: date | None = None,
    first_due: date | None = None,
    calendar: WorkingDayCalendar | None = None,
) -> ReviewSchedule:
    """Time the conferences of one plan. `start` is the strategy discussion (or the day the
    transfer was notified, or the pre-birth referral); `first_due` is needed for a
    pre-birth ICPC (see `pre_birth_icpc_due`) and overrides CP-1/CP-6 otherwise."""
    cal = calendar or default_calendar()
    if first_due is None:
        if begins is ConferenceStart.PRE_BIRTH:
            raise ValueError("a pre-birth conference is timed by a local target: give first_due")
        first_due = (
            transfer_in_due(start, calendar=cal)
            if begins is ConferenceStart.TRANSFER_IN
            else icpc_due(start, calendar=cal)
        )
    return timed_sequence(
        start,
        held,
        end=plan_ended,
        first_due=first_due,
        due_after=_due_after,
        calendar=cal,
        wording=_WORDING[begins],
    )
