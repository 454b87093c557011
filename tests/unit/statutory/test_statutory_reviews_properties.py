"""Property-based checks of the review clock (LAC-1 to LAC-4)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from irohub.statutory import (
    ReviewSchedule,
    ReviewStatus,
    add_months,
    default_calendar,
    first_review_due,
    is_working_day,
    next_review_due,
    review_schedule,
    working_days_between,
)

# Hypothesis's default number of examples: each one builds up to 20 schedules.
checked = settings(max_examples=100, deadline=None)


@st.composite
def care_periods(draw: st.DrawFn) -> tuple[date, list[date]]:
    """A care period start (2005-2030, so both first-review rules occur) and its reviews."""
    start = draw(st.dates(min_value=date(2005, 1, 1), max_value=date(2030, 12, 31)))
    gaps = draw(st.lists(st.integers(min_value=1, max_value=250), max_size=20))
    held, day = [], start + timedelta(days=draw(st.integers(min_value=0, max_value=60)))
    for gap in gaps:
        held.append(day)
        day += timedelta(days=gap)
    return start, held


as_of_offsets = st.integers(min_value=-30, max_value=6000)


@checked
@given(care_periods(), st.randoms())
def test_order_of_input_does_not_matter(period: tuple[date, list[date]], rng) -> None:  # type: ignore[no-untyped-def]
    start, held = period
    shuffled = list(held)
    rng.shuffle(shuffled)
    assert review_schedule(start, shuffled) == review_schedule(start, held)


@checked
@given(care_periods())
def test_each_deadline_depends_only_on_the_review_before(period: tuple[date, list[date]]) -> None:
    start, held = period
    reviews = review_schedule(start, held).reviews
    assert [r.number for r in reviews] == list(range(1, len(held) + 1))
    assert [r.held for r in reviews] == held
    for review in reviews:
        if review.number == 1:
            assert review.due == first_review_due(start)
        else:
            previous = held[review.number - 2]
            assert review.due == add_months(previous, 3 if review.number == 2 else 6)


@checked
@given(care_periods())
def test_later_reviews_do_not_change_earlier_timings(period: tuple[date, list[date]]) -> None:
    start, held = period
    full = review_schedule(start, held)
    for k in range(len(held)):
        prefix = review_schedule(start, held[:k])
        assert prefix.reviews == full.reviews[:k]
        assert prefix.next_due == full.reviews[k].due == next_review_due(start, held[:k])


@checked
@given(care_periods())
def test_lateness_measures(period: tuple[date, list[date]]) -> None:
    start, held = period
    for review in review_schedule(start, held).reviews:
        assert review.on_time == (review.held <= review.due)
        assert review.days_late == max(0, (review.held - review.due).days)
        assert review.days_late >= review.working_days_late >= 0
        if review.on_time:
            assert review.working_days_late == 0
            assert review.status is ReviewStatus.ON_TIME
        else:
            assert review.days_late >= 1
            assert review.working_days_late == working_days_between(review.due, review.held)
            assert review.status is ReviewStatus.LATE


@checked
@given(care_periods())
def test_next_due_and_book_by(period: tuple[date, list[date]]) -> None:
    start, held = period
    schedule = review_schedule(start, held)
    assert schedule.next_due is not None
    assert schedule.book_by is not None
    assert schedule.next_due > (held[-1] if held else start)
    assert schedule.next_due == next_review_due(start, held)
    assert schedule.book_by <= schedule.next_due
    assert is_working_day(schedule.book_by)
    assert working_days_between(schedule.book_by, schedule.next_due) == 0
    assert schedule.next_due_is_working_day == (schedule.book_by == schedule.next_due)
    if start >= date(2011, 4, 1):
        assert schedule.reviews or is_working_day(schedule.next_due)


@checked
@given(care_periods(), st.integers(min_value=0, max_value=400))
def test_an_ended_period_counts_no_review_due_after_it(
    period: tuple[date, list[date]], extra_days: int
) -> None:
    start, held = period
    end = (held[-1] if held else start) + timedelta(days=extra_days)
    open_schedule = review_schedule(start, held)
    ended = review_schedule(start, held, period_end=end)
    assert ended.reviews == open_schedule.reviews
    assert open_schedule.next_due is not None
    if end <= open_schedule.next_due:
        assert ended.next_due is None
        assert ended.book_by is None
        assert ended.next_due_is_working_day is None
    else:
        assert ended.next_due == open_schedule.next_due


def _as_known_on(start: date, held: list[date], as_of: date) -> ReviewSchedule:
    return review_schedule(start, [day for day in held if day <= as_of])


@checked
@given(care_periods(), as_of_offsets)
def test_status_on_a_day_is_what_was_true_that_day(
    period: tuple[date, list[date]], offset: int
) -> None:
    # Asking about a past day with the full history gives the same answer as asking on that
    # day with only the reviews held by then: a snapshot never sees the future.
    start, held = period
    as_of = start + timedelta(days=offset)
    schedule = review_schedule(start, held)
    then = _as_known_on(start, held, as_of)
    assert schedule.status_on(as_of) is then.status_on(as_of)
    assert schedule.days_overdue_on(as_of) == then.days_overdue_on(as_of)
    assert schedule.working_days_overdue_on(as_of) == then.working_days_overdue_on(as_of)


@checked
@given(care_periods(), as_of_offsets)
def test_overdue_measures_agree(period: tuple[date, list[date]], offset: int) -> None:
    start, held = period
    as_of = start + timedelta(days=offset)
    schedule = review_schedule(start, held)
    overdue = schedule.overdue_on(as_of)
    assert overdue == (schedule.status_on(as_of) is ReviewStatus.OVERDUE)
    assert (schedule.days_overdue_on(as_of) > 0) == overdue
    assert schedule.days_overdue_on(as_of) >= schedule.working_days_overdue_on(as_of) >= 0
    if held and as_of >= held[-1]:
        # On or after the last review, exactly the brief's rule: after next_due.
        assert schedule.next_due is not None
        assert overdue == (as_of > schedule.next_due)
        if overdue:
            assert schedule.days_overdue_on(as_of) == (as_of - schedule.next_due).days
            assert schedule.working_days_overdue_on(as_of) == working_days_between(
                schedule.next_due, as_of, calendar=default_calendar()
            )
