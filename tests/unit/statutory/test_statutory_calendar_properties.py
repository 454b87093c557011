"""Property-based checks of the §1.2.3 working-day invariants and the §1.3 month rule."""

from __future__ import annotations

import calendar as stdlib_calendar
from datetime import date, timedelta

import holidays
from dateutil.relativedelta import relativedelta
from hypothesis import given, settings
from hypothesis import strategies as st

from irohub.statutory import (
    add_months,
    add_working_days,
    default_calendar,
    is_working_day,
    subtract_working_days,
    working_days_between,
)

# No deadline: the first example may pay for building the shared calendar.
checked = settings(max_examples=200, deadline=None)

# Leave room at both ends of the supported range for the counting below.
dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2098, 12, 31))
counts = st.integers(min_value=1, max_value=400)

ENGLAND = holidays.country_holidays("GB", subdiv="ENG", years=range(1990, 2101))


def naive_is_working_day(day: date) -> bool:
    # Straight from the §1.2.3 definition.
    return day.weekday() < 5 and day not in ENGLAND


def naive_add_working_days(start: date, n: int) -> date:
    # The §1.2.3 definition, one calendar day at a time.
    day, counted = start, 0
    while counted < n:
        day += timedelta(days=1)
        counted += naive_is_working_day(day)
    return day


@checked
@given(dates)
def test_is_working_day_matches_the_definition(day: date) -> None:
    assert is_working_day(day) == naive_is_working_day(day)


@checked
@given(dates, st.integers(min_value=1, max_value=60))
def test_add_working_days_matches_stepping_one_day_at_a_time(start: date, n: int) -> None:
    assert add_working_days(start, n) == naive_add_working_days(start, n)


@checked
@given(dates, counts)
def test_between_undoes_add(start: date, n: int) -> None:
    assert working_days_between(start, add_working_days(start, n)) == n


@checked
@given(dates, counts)
def test_add_lands_on_a_later_working_day(start: date, n: int) -> None:
    end = add_working_days(start, n)
    assert end > start
    assert is_working_day(end)
    # Adding one more working day is the same as stepping on by one.
    assert add_working_days(start, n + 1) == add_working_days(end, 1)


@checked
@given(dates, counts)
def test_subtract_lands_on_an_earlier_working_day(start: date, n: int) -> None:
    begin = subtract_working_days(start, n)
    assert begin < start
    assert is_working_day(begin)


@checked
@given(dates, counts)
def test_subtract_undoes_add(start: date, n: int) -> None:
    # Back n from the n-th working day after E is E itself, or the working day before E
    # when E is not a working day.
    calendar = default_calendar()
    back = subtract_working_days(add_working_days(start, n), n)
    assert back == calendar.previous_working_day_on_or_before(start)
    if is_working_day(start):
        assert back == start


@checked
@given(dates, counts)
def test_add_undoes_subtract(start: date, n: int) -> None:
    forward = add_working_days(subtract_working_days(start, n), n)
    assert is_working_day(forward)
    assert forward >= start
    assert working_days_between(start - timedelta(days=1), forward) == 1
    if is_working_day(start):
        assert forward == start


@checked
@given(dates, counts)
def test_between_after_subtract(start: date, n: int) -> None:
    # Counting stops at `start`, which itself counts only when it is a working day.
    expected = n if is_working_day(start) else n - 1
    assert working_days_between(subtract_working_days(start, n), start) == expected


@checked
@given(dates, dates, dates)
def test_between_is_additive(x: date, y: date, z: date) -> None:
    a, b, c = sorted((x, y, z))
    assert working_days_between(a, c) == working_days_between(a, b) + working_days_between(b, c)
    assert working_days_between(c, a) == 0


@checked
@given(dates, st.integers(min_value=0, max_value=60))
def test_between_counts_the_working_days_after_a_up_to_b(a: date, span: int) -> None:
    b = a + timedelta(days=span)
    expected = sum(naive_is_working_day(a + timedelta(days=i)) for i in range(1, span + 1))
    assert working_days_between(a, b) == expected
    # Lateness in calendar days is never less than lateness in working days.
    assert (b - a).days >= working_days_between(a, b)


@checked
@given(dates)
def test_previous_working_day_on_or_before(day: date) -> None:
    found = default_calendar().previous_working_day_on_or_before(day)
    assert found <= day
    assert is_working_day(found)
    assert working_days_between(found, day) == 0


@checked
@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)),
       st.integers(min_value=-1200, max_value=1200))  # fmt: skip
def test_add_months_is_relativedelta(day: date, n: int) -> None:
    assert add_months(day, n) == day + relativedelta(months=n)


@checked
@given(dates, st.integers(min_value=0, max_value=240))
def test_add_months_keeps_the_day_or_clips_to_month_end(day: date, n: int) -> None:
    result = add_months(day, n)
    assert (result.year * 12 + result.month) - (day.year * 12 + day.month) == n
    last = stdlib_calendar.monthrange(result.year, result.month)[1]
    assert result.day == min(day.day, last)


@checked
@given(dates, dates, st.integers(min_value=0, max_value=240))
def test_add_months_is_monotone(x: date, y: date, n: int) -> None:
    early, late = sorted((x, y))
    assert add_months(early, n) <= add_months(late, n)
