"""The statutory rules core: pure date arithmetic, no Django and no other irohub package.

Working days and months (spec §1) and the looked-after review clock (spec §2.3-2.7);
the rules of IRO allocation are `irohub.statutory.allocation`.
"""

from irohub.statutory.calendar import (
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
from irohub.statutory.reviews import (
    FIRST_REVIEW_20_WD_FROM,
    DueStatus,
    ReviewDateError,
    ReviewSchedule,
    ReviewStatus,
    ReviewTiming,
    due_status,
    due_windows,
    first_review_due,
    next_review_due,
    review_schedule,
)

__all__ = [
    "FIRST_REVIEW_20_WD_FROM",
    "FIRST_SUPPORTED_DATE",
    "LAST_SUPPORTED_DATE",
    "CalendarRangeError",
    "DueStatus",
    "ReviewDateError",
    "ReviewSchedule",
    "ReviewStatus",
    "ReviewTiming",
    "WorkingDayCalendar",
    "add_months",
    "add_working_days",
    "add_years",
    "default_calendar",
    "due_status",
    "due_windows",
    "first_review_due",
    "is_working_day",
    "next_review_due",
    "review_schedule",
    "subtract_working_days",
    "working_days_between",
]
