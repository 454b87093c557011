"""Working days and calendar months in England (spec §1.1 to 1.3).

A working day is any day that is not a Saturday, a Sunday, Christmas Day, Good Friday or an
England bank holiday. The bank holidays come from the `holidays` library (its England list
matches the GOV.UK feed, one-off days included); administrators may add newly proclaimed
holidays and remove a day the library has wrong.

Every rule counts from the day after its start event, and the deadline date is inclusive
(spec §1.1). The calendar precomputes a cumulative count of working days per day for the
whole supported range, so each operation is index arithmetic, not a day-by-day walk: the
review clock is evaluated for every child in a council at once.
"""

from __future__ import annotations

import calendar as _stdlib_calendar
from collections.abc import Iterable
from datetime import date
from functools import cache
from itertools import accumulate, compress

import holidays

__all__ = [
    "FIRST_SUPPORTED_DATE",
    "LAST_SUPPORTED_DATE",
    "CalendarRangeError",
    "WorkingDayCalendar",
    "add_months",
    "add_working_days",
    "default_calendar",
    "is_working_day",
    "subtract_working_days",
    "working_days_between",
]

# The `holidays` library publishes England bank holidays up to 2100. Before 1900 nothing in
# a children's services record can need counting, and after 2100 there is no holiday list,
# so a date outside these bounds is an error rather than a silently wrong count.
FIRST_SUPPORTED_DATE = date(1900, 1, 1)
LAST_SUPPORTED_DATE = date(2100, 12, 31)

ADDED_HOLIDAY_NAME = "Additional bank holiday (added by an administrator)"

_FIRST_ORDINAL = FIRST_SUPPORTED_DATE.toordinal()
_SIZE = LAST_SUPPORTED_DATE.toordinal() - _FIRST_ORDINAL + 1


class CalendarRangeError(ValueError):
    """A date, or the result of counting from it, lies outside the supported calendar."""


@cache
def _library_holidays() -> dict[date, str]:
    # Shared by every calendar in the process: building the list is the slow part.
    years = range(FIRST_SUPPORTED_DATE.year, LAST_SUPPORTED_DATE.year + 1)
    return dict(holidays.country_holidays("GB", subdiv="ENG", years=years).items())


class WorkingDayCalendar:
    """England working days: weekends and bank holidays excluded.

    `extra_holidays` are days an administrator has added (newly proclaimed holidays);
    `removed_holidays` are days taken out of the library's list (a correction). A removed
    day that falls at a weekend is still not a working day.
    """

    __slots__ = ("_added", "_cumulative", "_names", "_removed", "_working", "_working_ordinals")

    def __init__(
        self, extra_holidays: Iterable[date] = (), removed_holidays: Iterable[date] = ()
    ) -> None:
        self._added = frozenset(extra_holidays)
        self._removed = frozenset(removed_holidays)
        names = dict(_library_holidays())
        for day in self._added:
            names.setdefault(day, ADDED_HOLIDAY_NAME)
        # Removal is applied last, so a day both added and removed is a working day.
        for day in self._removed:
            names.pop(day, None)
        self._names = names

        # 1 Jan 1900 was a Monday: a repeating Mon..Sun pattern marks the weekends.
        working = bytearray(b"\x01\x01\x01\x01\x01\x00\x00") * (_SIZE // 7 + 1)
        del working[_SIZE:]
        for day in names:
            index = day.toordinal() - _FIRST_ORDINAL
            if 0 <= index < _SIZE:
                working[index] = 0
        self._working = working
        # _cumulative[i]: working days from FIRST_SUPPORTED_DATE up to and including day i.
        self._cumulative = list(accumulate(working))
        # _working_ordinals[k]: the ordinal of the (k+1)-th working day in the range.
        self._working_ordinals = list(
            compress(range(_FIRST_ORDINAL, _FIRST_ORDINAL + _SIZE), working)
        )

    def __repr__(self) -> str:
        return (
            f"WorkingDayCalendar(extra_holidays={sorted(self._added)!r}, "
            f"removed_holidays={sorted(self._removed)!r})"
        )

    @property
    def extra_holidays(self) -> frozenset[date]:
        return self._added

    @property
    def removed_holidays(self) -> frozenset[date]:
        return self._removed

    def _index(self, day: date) -> int:
        index = day.toordinal() - _FIRST_ORDINAL
        if 0 <= index < _SIZE:
            return index
        raise CalendarRangeError(
            f"{day.isoformat()} is outside the supported calendar "
            f"({FIRST_SUPPORTED_DATE.isoformat()} to {LAST_SUPPORTED_DATE.isoformat()})"
        )

    def _working_day_at(self, position: int, start: date, n: int, direction: str) -> date:
        # position indexes _working_ordinals; out of bounds means we ran off the range end.
        if 0 <= position < len(self._working_ordinals):
            return date.fromordinal(self._working_ordinals[position])
        raise CalendarRangeError(
            f"{n} working days {direction} {start.isoformat()} is outside the supported "
            f"calendar ({FIRST_SUPPORTED_DATE.isoformat()} to "
            f"{LAST_SUPPORTED_DATE.isoformat()})"
        )

    def is_working_day(self, day: date) -> bool:
        return bool(self._working[self._index(day)])

    def add_working_days(self, start: date, n: int) -> date:
        """The n-th working day after `start` (start itself is never counted)."""
        if n < 1:
            raise ValueError(f"the number of working days must be 1 or more, not {n}")
        return self._working_day_at(self._cumulative[self._index(start)] + n - 1, start, n, "after")

    def subtract_working_days(self, start: date, n: int) -> date:
        """The n-th working day strictly before `start` (for "at least n WD before")."""
        if n < 1:
            raise ValueError(f"the number of working days must be 1 or more, not {n}")
        index = self._index(start)
        before = self._cumulative[index] - self._working[index]
        return self._working_day_at(before - n, start, n, "before")

    def working_days_between(self, a: date, b: date) -> int:
        """Working days d with a < d <= b; 0 if b <= a. Used for lateness in working days."""
        i, j = self._index(a), self._index(b)
        return self._cumulative[j] - self._cumulative[i] if j > i else 0

    def previous_working_day_on_or_before(self, day: date) -> date:
        """The day itself if it is a working day, else the last working day before it.

        This is the "book by" date for a month deadline that falls on a non-working day:
        the deadline does not move (OQ-3), but the meeting must be planned for this day.
        """
        count = self._cumulative[self._index(day)]
        if count == 0:
            raise CalendarRangeError(
                f"there is no working day on or before {day.isoformat()} in the supported "
                f"calendar (from {FIRST_SUPPORTED_DATE.isoformat()})"
            )
        return date.fromordinal(self._working_ordinals[count - 1])

    def holidays_in(self, year: int) -> dict[date, str]:
        """The named holidays of `year` in date order, weekend ones included (for display)."""
        if not FIRST_SUPPORTED_DATE.year <= year <= LAST_SUPPORTED_DATE.year:
            raise CalendarRangeError(
                f"{year} is outside the supported years "
                f"({FIRST_SUPPORTED_DATE.year} to {LAST_SUPPORTED_DATE.year})"
            )
        return {day: name for day, name in sorted(self._names.items()) if day.year == year}


@cache
def default_calendar() -> WorkingDayCalendar:
    """The statutory England calendar with no administrator adjustments."""
    return WorkingDayCalendar()


def is_working_day(day: date, *, calendar: WorkingDayCalendar | None = None) -> bool:
    return (calendar or default_calendar()).is_working_day(day)


def add_working_days(start: date, n: int, *, calendar: WorkingDayCalendar | None = None) -> date:
    return (calendar or default_calendar()).add_working_days(start, n)


def subtract_working_days(
    start: date, n: int, *, calendar: WorkingDayCalendar | None = None
) -> date:
    return (calendar or default_calendar()).subtract_working_days(start, n)


def working_days_between(a: date, b: date, *, calendar: WorkingDayCalendar | None = None) -> int:
    return (calendar or default_calendar()).working_days_between(a, b)


def add_months(day: date, n: int) -> date:
    """`day` plus n calendar months by the corresponding-date rule (Dodds v Walker).

    Same day-number in the target month, or that month's last day when it has no such day;
    identical to `day + relativedelta(months=n)` but several times faster, which matters
    because every review after the first is due by a month rule. Never chain clipped
    results: always count from the actual event date (spec §1.3).
    """
    months = day.month - 1 + n
    year = day.year + months // 12
    month = months % 12 + 1
    day_number = day.day
    if day_number > 28:
        last = _DAYS_IN_MONTH[month]
        if month == 2 and _stdlib_calendar.isleap(year):
            last = 29
        day_number = min(day_number, last)
    return date(year, month, day_number)


_DAYS_IN_MONTH = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def add_years(day: date, n: int) -> date:
    """`day` plus n years: the same day and month (a birthday), and 1 March for 29 February
    in a year that has none (as the DfE validator reads a leap-day birthday)."""
    try:
        return day.replace(year=day.year + n)
    except ValueError:  # 29 February
        return date(day.year + n, 3, 1)
