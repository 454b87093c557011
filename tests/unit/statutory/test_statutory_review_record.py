"""At and after the review: REC-1, REC-2, ADJ-1 and early reviews (ER-1 to ER-6), with the
spec's worked examples across bank holidays and property-based checks."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from irohub.statutory import (
    CarePeriodFacts,
    EarlyReviewError,
    EarlyReviewRequest,
    EarlyTrigger,
    StepStatus,
    adjournment_check,
    adjournment_deadline,
    care_period_schedules,
    default_calendar,
    early_review_deadline,
    record_deadlines,
    review_schedule,
    step_status,
    working_days_between,
)
from irohub.statutory.review_record import answered_by, bring_forward

CAL = default_calendar()


# --- REC-1 and REC-2 ----------------------------------------------------------------------


def test_rec_e1_decisions_and_record_over_christmas_2025():
    deadlines = record_deadlines(date(2025, 12, 19))
    assert deadlines.decisions_due == date(2025, 12, 30)  # 22, 23, 24, 29, 30 Dec
    assert deadlines.record_due == date(2026, 1, 21)  # 1 January skipped


@pytest.mark.parametrize(
    ("held", "decisions", "record"),
    [
        # Easter 2025: Good Friday 18 April and Easter Monday 21 April; 5 May early May.
        (date(2025, 4, 14), date(2025, 4, 23), date(2025, 5, 15)),
        # Jubilee 2022: Thursday 2 and Friday 3 June.
        (date(2022, 5, 30), date(2022, 6, 8), date(2022, 6, 29)),
        # Queen's funeral, Monday 19 September 2022.
        (date(2022, 9, 14), date(2022, 9, 22), date(2022, 10, 13)),
        # Substitute days, Christmas 2021: 27, 28 December and 3 January.
        (date(2021, 12, 22), date(2021, 12, 31), date(2022, 1, 24)),
        # Held on a Saturday: the count starts on the Monday.
        (date(2024, 12, 14), date(2024, 12, 20), date(2025, 1, 15)),
    ],
)
def test_record_deadlines_skip_bank_holidays(held, decisions, record):
    assert record_deadlines(held, calendar=CAL) == (decisions, record)


def test_step_status_on_the_deadline_is_on_time_and_the_next_day_late():
    due = date(2025, 12, 30)
    assert step_status(due, date(2025, 12, 30), date(2026, 2, 1)) is StepStatus.DONE_ON_TIME
    assert step_status(due, date(2025, 12, 31), date(2026, 2, 1)) is StepStatus.DONE_LATE
    assert step_status(due, None, date(2025, 12, 30)) is StepStatus.DUE
    assert step_status(due, None, date(2025, 12, 31)) is StepStatus.OVERDUE


# --- ADJ-1 -----------------------------------------------------------------------------------


def test_adj_e1_adjourned_review_completed_within_20_working_days():
    assert adjournment_deadline(date(2025, 6, 20)) == date(2025, 7, 18)
    check = adjournment_check(date(2025, 6, 20), date(2025, 7, 18))
    assert check.completion_due == date(2025, 7, 18)
    assert check.completed_in_time is True and check.compliant


def test_adjournment_over_christmas_and_its_flags():
    # First session Friday 12 December 2025: 25, 26 December and 1 January skipped.
    assert adjournment_deadline(date(2025, 12, 12), calendar=CAL) == date(2026, 1, 14)
    late = adjournment_check(date(2025, 12, 12), date(2026, 1, 15))
    assert late.completed_in_time is False and not late.compliant
    open_ = adjournment_check(date(2025, 12, 12), None)
    assert open_.completed_in_time is None and open_.compliant
    twice = adjournment_check(date(2025, 12, 12), date(2026, 1, 2), adjournments=2)
    assert twice.too_many_adjournments and not twice.compliant


def test_adjournment_bad_input():
    with pytest.raises(ValueError, match="1 adjournment or more"):
        adjournment_check(date(2025, 6, 20), None, adjournments=0)
    with pytest.raises(ValueError, match="before its first session"):
        adjournment_check(date(2025, 6, 20), date(2025, 6, 19))


# --- ER-1 to ER-6 ----------------------------------------------------------------------------


def test_er1_iro_request_over_easter_2025():
    assert early_review_deadline(EarlyTrigger.IRO_REQUEST, date(2025, 4, 10)) == date(2025, 5, 13)


def test_er2_welfare_trigger_is_10_working_days_over_christmas():
    # Raised Friday 19 December 2025: 22, 23, 24, 29, 30, 31 Dec, 2, 5, 6, 7 Jan.
    assert early_review_deadline("ER-2", date(2025, 12, 19), calendar=CAL) == date(2026, 1, 7)


def test_configured_targets():
    assert early_review_deadline("ER-1", date(2025, 4, 10), working_days=5) == date(2025, 4, 17)
    with pytest.raises(EarlyReviewError, match="0 working days"):
        early_review_deadline("ER-1", date(2025, 4, 10), working_days=0)


@pytest.mark.parametrize("trigger", ["ER-3", "ER-4", "ER-5", "ER-6"])
def test_er3_to_er6_come_before_the_event(trigger):
    # A placement move planned for Monday 2 June 2025: the review by Sunday 1 June.
    due = early_review_deadline(trigger, date(2025, 5, 12), event_date=date(2025, 6, 2))
    assert due == date(2025, 6, 1)
    with pytest.raises(EarlyReviewError, match="enter the date the change takes effect"):
        early_review_deadline(trigger, date(2025, 5, 12))
    with pytest.raises(EarlyReviewError, match="must be after the day it was raised"):
        early_review_deadline(trigger, date(2025, 5, 12), event_date=date(2025, 5, 12))


def test_every_trigger_is_described_and_says_whether_it_needs_a_date():
    assert [t.value for t in EarlyTrigger] == [f"ER-{n}" for n in range(1, 7)]
    assert all(t.description for t in EarlyTrigger)
    assert [t.needs_event_date for t in EarlyTrigger] == [False, False, True, True, True, True]


# --- how a request moves the review clock (LAC-4) ----------------------------------------------


def test_lac_e4_with_the_request_recorded():
    """The spec's LAC-E4: first review 9 January 2025, second due 9 April; the IRO asks for
    an early review after a placement breakdown (20 January: due 17 February), held
    3 February. It is the second review; the third is due 6 months after it."""
    request = EarlyReviewRequest(date(2025, 1, 20), date(2025, 2, 17))
    waiting = review_schedule(date(2024, 12, 9), [date(2025, 1, 9)], early=[request])
    assert waiting.next_due == date(2025, 2, 17)  # brought forward from 9 April
    held = review_schedule(date(2024, 12, 9), [date(2025, 1, 9), date(2025, 2, 3)], early=[request])
    assert held.reviews[1].due == date(2025, 2, 17) and held.reviews[1].on_time
    assert held.next_due == date(2025, 8, 3)  # LAC-E4, Sunday (book by Friday 1 August)
    assert held.book_by == date(2025, 8, 1)


def test_an_early_review_held_after_its_deadline_is_late_against_it():
    request = EarlyReviewRequest(date(2025, 1, 20), date(2025, 2, 17))
    held = review_schedule(
        date(2024, 12, 9), [date(2025, 1, 9), date(2025, 2, 20)], early=[request]
    )
    second = held.reviews[1]
    assert not second.on_time and second.due == date(2025, 2, 17)
    assert second.days_late == 3 and second.working_days_late == 3
    assert held.next_due == date(2025, 8, 20)


def test_a_request_never_moves_a_deadline_later():
    # Raised a day before the regular deadline, with a deadline after it.
    request = EarlyReviewRequest(date(2025, 4, 8), date(2025, 5, 7))
    schedule = review_schedule(date(2024, 12, 9), [date(2025, 1, 9)], early=[request])
    assert schedule.next_due == date(2025, 4, 9)


def test_a_request_before_the_first_review_brings_lac1_forward():
    request = EarlyReviewRequest(date(2024, 12, 12), date(2024, 12, 20))
    schedule = review_schedule(date(2024, 12, 9), [], early=[request])
    assert schedule.next_due == date(2024, 12, 20)


def test_a_request_raised_after_the_care_period_ended_is_ignored():
    request = EarlyReviewRequest(date(2025, 3, 1), date(2025, 3, 10))
    schedule = review_schedule(
        date(2024, 12, 9), [date(2025, 1, 9)], period_end=date(2025, 2, 1), early=[request]
    )
    assert schedule.next_due is None


def test_answered_by_the_first_review_on_or_after_the_request():
    requests = [
        EarlyReviewRequest(date(2025, 1, 20), date(2025, 2, 17)),
        EarlyReviewRequest(date(2025, 2, 3), date(2025, 3, 3)),
        EarlyReviewRequest(date(2025, 5, 1), date(2025, 5, 29)),
    ]
    held = [date(2025, 2, 3), date(2025, 1, 9)]
    assert answered_by(requests, held) == [date(2025, 2, 3), date(2025, 2, 3), None]


def test_the_regime_clock_passes_requests_to_the_looked_after_span_only():
    class Episode:
        def __init__(self, start, placement):
            self.start, self.legal_status, self.placement = start, "C2", placement

    # Looked after from 9 December 2024, placed for adoption 1 March 2025.
    episodes = [Episode(date(2024, 12, 9), "U1"), Episode(date(2025, 3, 1), "A3")]
    before = EarlyReviewRequest(date(2024, 12, 12), date(2024, 12, 20))
    during = EarlyReviewRequest(date(2025, 3, 5), date(2025, 3, 6))
    (schedule,) = care_period_schedules(
        [CarePeriodFacts(date(2024, 12, 9), None, episodes, [date(2024, 12, 19)], [before, during])]
    )
    assert schedule.reviews[0].due == date(2024, 12, 20)
    # The adoption clock (4 weeks from the placement) is not moved by a CPPCR request.
    assert schedule.next_due == date(2025, 3, 29)


# --- properties ------------------------------------------------------------------------------

checked = settings(max_examples=100, deadline=None)
days = st.dates(min_value=date(2005, 1, 1), max_value=date(2035, 12, 31))


@checked
@given(days)
def test_record_deadlines_are_5_and_20_working_days(held):
    deadlines = record_deadlines(held, calendar=CAL)
    assert working_days_between(held, deadlines.decisions_due) == 5
    assert working_days_between(held, deadlines.record_due) == 20
    assert CAL.is_working_day(deadlines.decisions_due) and CAL.is_working_day(deadlines.record_due)
    assert adjournment_deadline(held, calendar=CAL) == deadlines.record_due


@checked
@given(
    days,
    st.lists(st.integers(min_value=1, max_value=200), max_size=6),
    st.lists(
        st.tuples(st.integers(min_value=0, max_value=900), st.integers(min_value=1, max_value=60)),
        max_size=4,
    ),
)
def test_requests_only_ever_bring_deadlines_forward(start, gaps, raw_requests):
    held, day = [], start
    for gap in gaps:
        day += timedelta(days=gap)
        held.append(day)
    requests = [
        EarlyReviewRequest(start + timedelta(days=o), start + timedelta(days=o + n))
        for o, n in raw_requests
    ]
    plain = review_schedule(start, held)
    brought = review_schedule(start, held, early=requests)
    # The sequence is the same reviews; each deadline is the same or earlier.
    assert [t.held for t in brought.reviews] == [t.held for t in plain.reviews]
    for was, now in zip(plain.reviews, brought.reviews, strict=True):
        assert now.due <= was.due
        assert now.on_time == (now.held <= now.due)
    assert brought.next_due <= plain.next_due
    # A request still waiting (raised after the last review) is never missed.
    last = held[-1] if held else None
    for request in requests:
        if last is None or request.raised > last:
            assert brought.next_due <= request.due
    assert bring_forward(plain.next_due, last, None, []) == plain.next_due
