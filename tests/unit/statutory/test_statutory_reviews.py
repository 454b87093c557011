"""The looked-after review clock: rules LAC-1 to LAC-4, spec §2.3 to 2.7 and §10."""

from __future__ import annotations

import dataclasses
import pickle
from datetime import date

import pytest

from irohub.statutory import (
    FIRST_REVIEW_20_WD_FROM,
    ReviewDateError,
    ReviewSchedule,
    ReviewStatus,
    ReviewTiming,
    WorkingDayCalendar,
    first_review_due,
    next_review_due,
    review_schedule,
)


def test_lac_e1_first_review_over_christmas() -> None:
    on_time = review_schedule(date(2024, 12, 9), [date(2025, 1, 9)])
    assert on_time.reviews == (ReviewTiming(1, date(2025, 1, 9), date(2025, 1, 9), True, 0, 0),)
    late = review_schedule(date(2024, 12, 9), [date(2025, 1, 10)]).reviews[0]
    assert (late.on_time, late.days_late, late.working_days_late) == (False, 1, 1)
    assert late.status is ReviewStatus.LATE
    assert on_time.reviews[0].status is ReviewStatus.ON_TIME


@pytest.mark.parametrize(
    ("start", "due"),
    [
        (date(2025, 4, 10), date(2025, 5, 13)),  # LAC-E2
        (date(2021, 12, 17), date(2022, 1, 19)),  # LAC-E3
        (date(2022, 5, 20), date(2022, 6, 21)),  # LAC-E7
        (date(2022, 9, 1), date(2022, 9, 30)),
        (date(2023, 4, 20), date(2023, 5, 22)),
    ],
)
def test_first_review_due_worked_examples(start: date, due: date) -> None:
    assert first_review_due(start) == due
    schedule = review_schedule(start, [])
    assert schedule.reviews == ()
    assert schedule.next_due == due
    assert schedule.next_due_is_working_day is True
    assert schedule.book_by == due


def test_lac_e4_an_iro_requested_review_is_the_second_review() -> None:
    start = date(2024, 12, 9)
    schedule = review_schedule(start, [date(2025, 1, 9), date(2025, 2, 3)])
    second = schedule.reviews[1]
    assert (second.number, second.due, second.on_time) == (2, date(2025, 4, 9), True)
    # The third is due 6 months after the early review, on a Sunday: not moved, but
    # planners are told to book it by the Friday.
    assert schedule.next_due == date(2025, 8, 3)
    assert schedule.next_due_is_working_day is False
    assert schedule.book_by == date(2025, 8, 1)
    held_on_the_sunday = review_schedule(
        start, [date(2025, 1, 9), date(2025, 2, 3), date(2025, 8, 3)]
    )
    assert held_on_the_sunday.reviews[2].on_time


def test_lac_e5_month_end_clipping() -> None:
    schedule = review_schedule(date(2023, 11, 1), [date(2023, 11, 30)])
    assert schedule.next_due == date(2024, 2, 29)
    weekend_review = review_schedule(date(2024, 5, 13), [date(2024, 6, 5), date(2024, 8, 31)])
    assert weekend_review.reviews[1].on_time
    assert weekend_review.next_due == date(2025, 2, 28)


def test_lac_e6_a_break_in_care_starts_a_new_sequence() -> None:
    first_period = review_schedule(
        date(2025, 6, 2), [date(2025, 6, 26)], period_end=date(2025, 8, 1)
    )
    # The second review would have been due 26 Sep, after the child went home.
    assert first_period.next_due is None
    assert first_period.next_due_is_working_day is None
    assert first_period.book_by is None
    assert first_period.status_on(date(2025, 12, 1)) is ReviewStatus.NOT_DUE
    second_period = review_schedule(date(2025, 8, 18), [date(2025, 9, 10)])
    assert second_period.reviews[0].number == 1
    assert second_period.reviews[0].due == date(2025, 9, 16)


def test_the_sequence_is_3_months_then_6_months_from_actual_dates() -> None:
    start = date(2021, 12, 6)
    held = [date(2022, 1, 4), date(2022, 4, 5), date(2022, 10, 1), date(2023, 4, 30)]
    schedule = review_schedule(start, held)
    assert [r.due for r in schedule.reviews] == [
        date(2022, 1, 6),
        date(2022, 4, 4),  # 3 months after 4 Jan
        date(2022, 10, 5),  # 6 months after the late 5 Apr review, not after 4 Apr
        date(2023, 4, 1),
    ]
    assert [r.on_time for r in schedule.reviews] == [True, False, True, False]
    # 1 Apr 2023 was a Saturday; the review on Sun 30 Apr is 29 days and 18 WD late
    # (Easter Friday 7 and Monday 10 April skipped).
    assert (schedule.reviews[3].days_late, schedule.reviews[3].working_days_late) == (29, 18)
    assert schedule.next_due == date(2023, 10, 30)
    assert schedule.period_start == start
    assert schedule.period_end is None


def test_reviews_are_sorted_and_numbered() -> None:
    held = [date(2022, 4, 5), date(2022, 1, 4)]
    schedule = review_schedule(date(2021, 12, 6), iter(held))
    assert [(r.number, r.held) for r in schedule.reviews] == [
        (1, date(2022, 1, 4)),
        (2, date(2022, 4, 5)),
    ]


def test_a_review_on_the_first_day_of_care_is_allowed() -> None:
    schedule = review_schedule(date(2025, 1, 6), [date(2025, 1, 6)])
    assert schedule.reviews[0].on_time
    assert schedule.next_due == date(2025, 4, 6)


# --- before 1 April 2011: a 28-day first review ------------------------------------------


def test_first_review_before_april_2011_was_28_calendar_days() -> None:
    assert date(2011, 4, 1) == FIRST_REVIEW_20_WD_FROM
    assert first_review_due(date(2011, 3, 31)) == date(2011, 4, 28)
    assert first_review_due(date(2010, 12, 20)) == date(2011, 1, 17)  # holidays not skipped
    # From 1 April 2011: 20 WD, skipping Easter, the royal wedding (29 Apr) and May Day.
    assert first_review_due(date(2011, 4, 1)) == date(2011, 5, 5)


def test_a_pre_2011_review_is_timed_against_28_days() -> None:
    schedule = review_schedule(date(2010, 12, 20), [date(2011, 1, 18)])
    review = schedule.reviews[0]
    assert (review.due, review.on_time, review.days_late, review.working_days_late) == (
        date(2011, 1, 17),
        False,
        1,
        1,
    )


# --- data errors ----------------------------------------------------------------------------


def test_a_review_before_the_care_period_is_a_data_error() -> None:
    with pytest.raises(ReviewDateError, match=r"2021-11-30.*2021-12-06"):
        review_schedule(date(2021, 12, 6), [date(2022, 1, 4), date(2021, 11, 30)])


def test_a_review_after_the_care_period_ended_is_a_data_error() -> None:
    with pytest.raises(ReviewDateError, match=r"2022-05-01.*2022-04-30"):
        review_schedule(
            date(2021, 12, 6), [date(2022, 1, 4), date(2022, 5, 1)], period_end=date(2022, 4, 30)
        )


def test_a_review_on_the_last_day_of_care_is_allowed() -> None:
    schedule = review_schedule(date(2021, 12, 6), [date(2022, 1, 4)], period_end=date(2022, 1, 4))
    assert schedule.next_due is None


def test_two_reviews_on_one_day_is_a_data_error() -> None:
    with pytest.raises(ReviewDateError, match="2022-01-04"):
        review_schedule(date(2021, 12, 6), [date(2022, 1, 4), date(2022, 1, 4)])


def test_a_care_period_ending_before_it_began_is_an_error() -> None:
    with pytest.raises(ValueError, match="before it began") as raised:
        review_schedule(date(2021, 12, 6), [], period_end=date(2021, 12, 5))
    assert not isinstance(raised.value, ReviewDateError)


def test_review_date_error_is_a_value_error() -> None:
    assert issubclass(ReviewDateError, ValueError)


# --- OQ-15: a care period that ended -------------------------------------------------------


def test_period_ending_on_the_due_date_has_no_review_due() -> None:
    due = date(2025, 1, 9)
    assert review_schedule(date(2024, 12, 9), [], period_end=due).next_due is None


def test_period_ending_after_a_missed_review_keeps_it_overdue() -> None:
    schedule = review_schedule(date(2024, 12, 9), [], period_end=date(2025, 1, 20))
    assert schedule.next_due == date(2025, 1, 9)
    assert schedule.status_on(date(2026, 1, 1)) is ReviewStatus.OVERDUE
    # Lateness stops growing when the child leaves care.
    assert schedule.days_overdue_on(date(2026, 1, 1)) == 11
    assert schedule.working_days_overdue_on(date(2026, 1, 1)) == 7
    assert schedule.days_overdue_on(date(2025, 1, 14)) == 5


# --- status on a date -------------------------------------------------------------------------


def test_status_on() -> None:
    schedule = review_schedule(date(2021, 12, 6), [date(2022, 1, 4), date(2022, 4, 5)])
    assert schedule.next_due == date(2022, 10, 5)
    assert schedule.status_on(date(2022, 10, 5)) is ReviewStatus.NOT_DUE
    assert not schedule.overdue_on(date(2022, 10, 5))
    assert schedule.days_overdue_on(date(2022, 10, 5)) == 0
    assert schedule.working_days_overdue_on(date(2022, 10, 5)) == 0
    assert schedule.status_on(date(2022, 11, 1)) is ReviewStatus.OVERDUE
    assert schedule.overdue_on(date(2022, 11, 1))
    assert schedule.days_overdue_on(date(2022, 11, 1)) == 27
    assert schedule.working_days_overdue_on(date(2022, 11, 1)) == 19


def test_status_on_an_earlier_day_uses_the_review_awaited_then() -> None:
    # Review 2 was due 4 Apr 2022 and held 20 Apr: on 10 Apr it was overdue, even though
    # the schedule's next deadline (20 Oct 2022) is months away.
    schedule = review_schedule(date(2021, 12, 6), [date(2022, 1, 4), date(2022, 4, 20)])
    assert schedule.due_outstanding_on(date(2022, 4, 10)) == date(2022, 4, 4)
    assert schedule.status_on(date(2022, 4, 10)) is ReviewStatus.OVERDUE
    assert schedule.days_overdue_on(date(2022, 4, 10)) == 6
    assert schedule.working_days_overdue_on(date(2022, 4, 10)) == 4  # 5-8 Apr
    assert schedule.status_on(date(2022, 4, 20)) is ReviewStatus.NOT_DUE
    assert schedule.status_on(date(2022, 3, 1)) is ReviewStatus.NOT_DUE
    assert schedule.status_on(date(2021, 12, 1)) is ReviewStatus.NOT_DUE  # before care


def test_status_values() -> None:
    assert [s.value for s in ReviewStatus] == ["on time", "late", "overdue", "not due"]
    assert ReviewStatus.OVERDUE == "overdue"


# --- next_review_due and the calendar -----------------------------------------------------


def test_next_review_due() -> None:
    start = date(2021, 12, 6)
    assert next_review_due(start, []) == date(2022, 1, 6)
    assert next_review_due(start, [date(2022, 1, 4)]) == date(2022, 4, 4)
    assert next_review_due(start, [date(2022, 1, 4), date(2022, 4, 5)]) == date(2022, 10, 5)


def test_an_administrator_holiday_moves_the_first_review() -> None:
    calendar = WorkingDayCalendar(extra_holidays=[date(2025, 1, 2)])
    assert first_review_due(date(2024, 12, 9), calendar=calendar) == date(2025, 1, 10)
    schedule = review_schedule(date(2024, 12, 9), [], calendar=calendar)
    assert schedule.next_due == date(2025, 1, 10)
    assert schedule.calendar is calendar
    assert schedule.working_days_overdue_on(date(2025, 1, 14)) == 2


def test_a_schedule_built_by_hand_uses_the_default_calendar() -> None:
    schedule = ReviewSchedule(date(2024, 12, 9), None, (), date(2025, 1, 9), True, date(2025, 1, 9))
    assert schedule.working_days_overdue_on(date(2025, 1, 13)) == 2


# --- the results are immutable values -----------------------------------------------------


def test_results_are_immutable_values() -> None:
    schedule = review_schedule(date(2021, 12, 6), [date(2022, 1, 4), date(2022, 4, 5)])
    review = schedule.reviews[1]
    assert type(schedule) is ReviewSchedule
    assert type(review) is ReviewTiming
    with pytest.raises(AttributeError):
        review.held = date(2022, 4, 1)  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        schedule.next_due = None  # type: ignore[misc]
    assert review == ReviewTiming(2, date(2022, 4, 5), date(2022, 4, 4), False, 1, 1)
    assert hash(review) == hash(ReviewTiming(2, date(2022, 4, 5), date(2022, 4, 4), False, 1, 1))
    assert review._asdict()["working_days_late"] == 1
    assert pickle.loads(pickle.dumps(schedule)) == schedule
    assert "ReviewTiming(number=2" in repr(schedule)
    assert "calendar" not in repr(schedule)
    rebuilt = ReviewSchedule(
        schedule.period_start,
        schedule.period_end,
        schedule.reviews,
        schedule.next_due,
        schedule.next_due_is_working_day,
        schedule.book_by,
    )
    assert rebuilt == schedule
