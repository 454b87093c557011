"""Working days and months: spec §1.2 and §1.3, with their worked examples."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from dateutil.relativedelta import relativedelta

from irohub.statutory import (
    FIRST_SUPPORTED_DATE,
    LAST_SUPPORTED_DATE,
    CalendarRangeError,
    WorkingDayCalendar,
    add_months,
    add_working_days,
    add_years,
    default_calendar,
    is_working_day,
    subtract_working_days,
    working_days_between,
)
from irohub.statutory.calendar import ADDED_HOLIDAY_NAME

D = date

# Spec §1.2.2, typed in from the table: the bank holidays that fall on a weekday.
BANK_HOLIDAYS_2018_2027: dict[int, list[date]] = {
    2018: [D(2018, 1, 1), D(2018, 3, 30), D(2018, 4, 2), D(2018, 5, 7), D(2018, 5, 28),
           D(2018, 8, 27), D(2018, 12, 25), D(2018, 12, 26)],
    2019: [D(2019, 1, 1), D(2019, 4, 19), D(2019, 4, 22), D(2019, 5, 6), D(2019, 5, 27),
           D(2019, 8, 26), D(2019, 12, 25), D(2019, 12, 26)],
    2020: [D(2020, 1, 1), D(2020, 4, 10), D(2020, 4, 13), D(2020, 5, 8), D(2020, 5, 25),
           D(2020, 8, 31), D(2020, 12, 25), D(2020, 12, 28)],
    2021: [D(2021, 1, 1), D(2021, 4, 2), D(2021, 4, 5), D(2021, 5, 3), D(2021, 5, 31),
           D(2021, 8, 30), D(2021, 12, 27), D(2021, 12, 28)],
    2022: [D(2022, 1, 3), D(2022, 4, 15), D(2022, 4, 18), D(2022, 5, 2), D(2022, 6, 2),
           D(2022, 6, 3), D(2022, 8, 29), D(2022, 9, 19), D(2022, 12, 26), D(2022, 12, 27)],
    2023: [D(2023, 1, 2), D(2023, 4, 7), D(2023, 4, 10), D(2023, 5, 1), D(2023, 5, 8),
           D(2023, 5, 29), D(2023, 8, 28), D(2023, 12, 25), D(2023, 12, 26)],
    2024: [D(2024, 1, 1), D(2024, 3, 29), D(2024, 4, 1), D(2024, 5, 6), D(2024, 5, 27),
           D(2024, 8, 26), D(2024, 12, 25), D(2024, 12, 26)],
    2025: [D(2025, 1, 1), D(2025, 4, 18), D(2025, 4, 21), D(2025, 5, 5), D(2025, 5, 26),
           D(2025, 8, 25), D(2025, 12, 25), D(2025, 12, 26)],
    2026: [D(2026, 1, 1), D(2026, 4, 3), D(2026, 4, 6), D(2026, 5, 4), D(2026, 5, 25),
           D(2026, 8, 31), D(2026, 12, 25), D(2026, 12, 28)],
    2027: [D(2027, 1, 1), D(2027, 3, 26), D(2027, 3, 29), D(2027, 5, 3), D(2027, 5, 31),
           D(2027, 8, 30), D(2027, 12, 27), D(2027, 12, 28)],
}  # fmt: skip


def days_of(year: int) -> list[date]:
    first = date(year, 1, 1)
    return [first + timedelta(days=i) for i in range((date(year + 1, 1, 1) - first).days)]


@pytest.mark.parametrize("year", sorted(BANK_HOLIDAYS_2018_2027))
def test_weekday_bank_holidays_match_the_spec_table(year: int) -> None:
    calendar = default_calendar()
    weekday_holidays = [d for d in calendar.holidays_in(year) if d.weekday() < 5]
    assert weekday_holidays == BANK_HOLIDAYS_2018_2027[year]
    # ...and the working days of the year are exactly the other weekdays.
    non_working_weekdays = [
        d for d in days_of(year) if d.weekday() < 5 and not calendar.is_working_day(d)
    ]
    assert non_working_weekdays == BANK_HOLIDAYS_2018_2027[year]


def test_weekends_are_never_working_days() -> None:
    assert not is_working_day(date(2025, 1, 4))  # Saturday
    assert not is_working_day(date(2025, 1, 5))  # Sunday
    assert is_working_day(date(2025, 1, 6))


@pytest.mark.parametrize("year", range(2018, 2028))
def test_christmas_eve_and_new_years_eve_are_working_days_on_weekdays(year: int) -> None:
    for day in (date(year, 12, 24), date(year, 12, 31)):
        assert is_working_day(day) == (day.weekday() < 5)


def test_scottish_holidays_are_working_days_in_england() -> None:
    assert is_working_day(date(2024, 1, 2))  # 2 January (Scotland only)
    assert is_working_day(date(2023, 3, 17))  # St Patrick's Day (Northern Ireland only)


def test_holiday_names_are_available_for_display() -> None:
    names = default_calendar().holidays_in(2022)
    assert names[date(2022, 9, 19)] == "State Funeral of Queen Elizabeth II"
    assert list(names) == sorted(names)
    # Holidays that fall at a weekend are listed too (their substitutes are the weekday).
    assert date(2022, 12, 25) in names


# --- §1.2.3 -------------------------------------------------------------------------------


def test_start_on_a_non_working_day_is_not_counted() -> None:
    # Sat 14 Dec 2024 + 20 WD: the first day counted is Mon 16 Dec.
    assert add_working_days(date(2024, 12, 14), 20) == date(2025, 1, 15)
    assert add_working_days(date(2024, 12, 14), 1) == date(2024, 12, 16)


def test_start_on_a_working_day_is_not_counted() -> None:
    assert add_working_days(date(2025, 1, 6), 1) == date(2025, 1, 7)


def test_adding_working_days_needs_at_least_one() -> None:
    with pytest.raises(ValueError, match="1 or more"):
        add_working_days(date(2025, 1, 6), 0)
    with pytest.raises(ValueError, match="1 or more"):
        subtract_working_days(date(2025, 1, 6), -2)


def test_subtract_working_days_is_strictly_before() -> None:
    assert subtract_working_days(date(2025, 1, 7), 1) == date(2025, 1, 6)
    # From a Sunday the first working day back is the Friday.
    assert subtract_working_days(date(2025, 1, 5), 1) == date(2025, 1, 3)
    # Over Christmas 2024 (25, 26 Dec and 1 Jan skipped).
    assert subtract_working_days(date(2025, 1, 2), 3) == date(2024, 12, 27)


def test_working_days_between() -> None:
    assert working_days_between(date(2025, 1, 9), date(2025, 1, 10)) == 1
    assert working_days_between(date(2025, 1, 10), date(2025, 1, 13)) == 1  # Fri to Mon
    assert working_days_between(date(2025, 1, 11), date(2025, 1, 12)) == 0  # Sat to Sun
    assert working_days_between(date(2025, 1, 10), date(2025, 1, 10)) == 0
    assert working_days_between(date(2025, 1, 13), date(2025, 1, 10)) == 0  # b before a
    assert working_days_between(date(2024, 12, 24), date(2024, 12, 27)) == 1


def test_previous_working_day_on_or_before() -> None:
    calendar = default_calendar()
    assert calendar.previous_working_day_on_or_before(date(2025, 8, 3)) == date(2025, 8, 1)
    assert calendar.previous_working_day_on_or_before(date(2025, 8, 1)) == date(2025, 8, 1)
    assert calendar.previous_working_day_on_or_before(date(2025, 12, 28)) == date(2025, 12, 24)


def test_module_functions_accept_a_calendar() -> None:
    calendar = WorkingDayCalendar(extra_holidays=[date(2025, 1, 7)])
    assert not is_working_day(date(2025, 1, 7), calendar=calendar)
    assert add_working_days(date(2025, 1, 6), 1, calendar=calendar) == date(2025, 1, 8)
    assert subtract_working_days(date(2025, 1, 8), 1, calendar=calendar) == date(2025, 1, 6)
    assert working_days_between(date(2025, 1, 6), date(2025, 1, 8), calendar=calendar) == 1


def test_default_calendar_is_cached() -> None:
    assert default_calendar() is default_calendar()


# --- administrator adjustments ------------------------------------------------------------


def test_extra_holidays_are_not_working_days() -> None:
    # A newly proclaimed holiday on Wed 24 Dec 2025 pushes REC-E1's 5 WD to 31 Dec.
    calendar = WorkingDayCalendar(extra_holidays=[date(2025, 12, 24)])
    assert not calendar.is_working_day(date(2025, 12, 24))
    assert calendar.add_working_days(date(2025, 12, 19), 5) == date(2025, 12, 31)
    assert calendar.holidays_in(2025)[date(2025, 12, 24)] == ADDED_HOLIDAY_NAME
    assert calendar.extra_holidays == frozenset({date(2025, 12, 24)})
    # The shared default calendar is unaffected.
    assert default_calendar().is_working_day(date(2025, 12, 24))


def test_extra_holiday_that_is_already_a_holiday_keeps_its_name() -> None:
    calendar = WorkingDayCalendar(extra_holidays=[date(2025, 12, 25)])
    assert calendar.holidays_in(2025)[date(2025, 12, 25)] == "Christmas Day"


def test_removed_holidays_become_working_days() -> None:
    # If the State Funeral day were withdrawn, LAC-E7's second case would be due a day earlier.
    calendar = WorkingDayCalendar(removed_holidays=[date(2022, 9, 19)])
    assert calendar.is_working_day(date(2022, 9, 19))
    assert calendar.add_working_days(date(2022, 9, 1), 20) == date(2022, 9, 29)
    assert date(2022, 9, 19) not in calendar.holidays_in(2022)
    assert calendar.removed_holidays == frozenset({date(2022, 9, 19)})


def test_removing_a_weekend_holiday_does_not_make_the_weekend_a_working_day() -> None:
    calendar = WorkingDayCalendar(removed_holidays=[date(2021, 12, 25), date(2025, 1, 8)])
    assert not calendar.is_working_day(date(2021, 12, 25))  # Saturday
    assert calendar.is_working_day(date(2025, 1, 8))  # not a holiday: no effect


def test_a_day_both_added_and_removed_is_a_working_day() -> None:
    day = date(2025, 6, 4)
    calendar = WorkingDayCalendar(extra_holidays=[day], removed_holidays=[day])
    assert calendar.is_working_day(day)


def test_calendar_repr_names_the_adjustments() -> None:
    calendar = WorkingDayCalendar(extra_holidays=[date(2025, 6, 4)])
    assert "2025, 6, 4" in repr(calendar)


# --- the supported range ------------------------------------------------------------------


def test_whole_supported_range_works_at_both_ends() -> None:
    calendar = default_calendar()
    assert date(1900, 1, 1) == FIRST_SUPPORTED_DATE
    assert date(2100, 12, 31) == LAST_SUPPORTED_DATE
    assert calendar.is_working_day(date(1900, 1, 1))  # a Monday, no New Year holiday then
    assert calendar.add_working_days(date(2100, 12, 23), 2) == date(2100, 12, 29)
    assert calendar.subtract_working_days(date(1900, 1, 3), 2) == date(1900, 1, 1)
    assert calendar.previous_working_day_on_or_before(date(1900, 1, 1)) == date(1900, 1, 1)
    assert calendar.holidays_in(2100)[date(2100, 12, 27)].startswith("Christmas Day")
    assert calendar.holidays_in(1990)[date(1990, 5, 7)] == "May Day"


@pytest.mark.parametrize(
    "call",
    [
        lambda c: c.is_working_day(date(1899, 12, 31)),
        lambda c: c.is_working_day(date(2101, 1, 3)),
        lambda c: c.add_working_days(date(2100, 12, 30), 2),
        lambda c: c.subtract_working_days(date(1900, 1, 2), 2),
        lambda c: c.working_days_between(date(2000, 1, 1), date(2101, 1, 1)),
        lambda c: c.holidays_in(1899),
        lambda c: c.holidays_in(2101),
    ],
)
def test_outside_the_supported_range_is_an_error(call) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(CalendarRangeError):
        call(default_calendar())


def test_no_working_day_before_the_start_of_the_range() -> None:
    calendar = WorkingDayCalendar(extra_holidays=[date(1900, 1, 1)])
    with pytest.raises(CalendarRangeError, match="no working day on or before 1900-01-01"):
        calendar.previous_working_day_on_or_before(date(1900, 1, 1))


def test_range_error_is_a_value_error() -> None:
    assert issubclass(CalendarRangeError, ValueError)


# --- §1.3 months ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "months", "deadline"),
    [
        (date(2025, 1, 31), 1, date(2025, 2, 28)),
        (date(2023, 11, 30), 3, date(2024, 2, 29)),
        (date(2024, 11, 30), 3, date(2025, 2, 28)),
        (date(2024, 8, 31), 6, date(2025, 2, 28)),
        (date(2024, 2, 29), 6, date(2024, 8, 29)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2025, 3, 31), 6, date(2025, 9, 30)),
        (date(2024, 5, 31), 3, date(2024, 8, 31)),
        (date(2025, 1, 9), 3, date(2025, 4, 9)),
        (date(2024, 9, 30), 4, date(2025, 1, 30)),  # Dodds v Walker
        (date(1900, 1, 29), 1, date(1900, 2, 28)),  # 1900 was not a leap year
        (date(2000, 1, 29), 1, date(2000, 2, 29)),  # 2000 was
        (date(2025, 3, 31), -1, date(2025, 2, 28)),
        (date(2025, 1, 15), 0, date(2025, 1, 15)),
    ],
)
def test_add_months_corresponding_date_rule(start: date, months: int, deadline: date) -> None:
    assert add_months(start, months) == deadline
    assert add_months(start, months) == start + relativedelta(months=months)


def test_dodds_v_walker_application_next_day_is_one_day_late() -> None:
    deadline = add_months(date(2024, 9, 30), 4)
    assert (date(2025, 1, 31) - deadline).days == 1


def test_month_deadline_on_a_weekend_is_not_moved() -> None:
    deadline = add_months(date(2024, 5, 31), 3)
    assert deadline == date(2024, 8, 31)
    assert not is_working_day(deadline)
    assert default_calendar().previous_working_day_on_or_before(deadline) == date(2024, 8, 30)


def test_extra_holidays_outside_the_supported_range_change_nothing() -> None:
    calendar = WorkingDayCalendar(extra_holidays=[date(1850, 1, 1), date(2101, 1, 3)])
    assert calendar.add_working_days(date(2100, 12, 23), 2) == date(2100, 12, 29)
    assert calendar.holidays_in(2100) == default_calendar().holidays_in(2100)


def test_add_years_keeps_the_birthday_and_moves_29_february_to_1_march() -> None:
    assert add_years(date(2010, 6, 15), 4) == date(2014, 6, 15)
    assert add_years(date(2012, 2, 29), 4) == date(2016, 2, 29)  # a leap year again
    assert add_years(date(2012, 2, 29), 1) == date(2013, 3, 1)
    assert add_years(date(2016, 3, 1), -4) == date(2012, 3, 1)
