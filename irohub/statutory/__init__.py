"""The statutory rules core: pure date arithmetic, no Django and no other irohub package
(the SSDA903 code lists read which codes mean which regime from here).

Working days and months (spec §1), the looked-after review clock (§2.3-2.7), which regime a
child is under (§2.1), child protection conferences (§3), short breaks (§4), adoption (§5)
and foster carer reviews (§7); the rules of IRO allocation are `irohub.statutory.allocation`,
the dispute resolution process (§2.10) `irohub.statutory.resolution`.
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
from irohub.statutory.regimes import (
    CarePeriodFacts,
    EpisodeFacts,
    Regime,
    Span,
    care_period_schedules,
    regime_of,
    regime_spans,
)
from irohub.statutory.reviews import (
    FIRST_REVIEW_20_WD_FROM,
    DueStatus,
    ReviewDateError,
    ReviewSchedule,
    ReviewStatus,
    ReviewTiming,
    SequenceStart,
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
    "CarePeriodFacts",
    "DueStatus",
    "EpisodeFacts",
    "Regime",
    "ReviewDateError",
    "ReviewSchedule",
    "ReviewStatus",
    "ReviewTiming",
    "SequenceStart",
    "Span",
    "WorkingDayCalendar",
    "add_months",
    "add_working_days",
    "add_years",
    "care_period_schedules",
    "default_calendar",
    "due_status",
    "due_windows",
    "first_review_due",
    "is_working_day",
    "next_review_due",
    "regime_of",
    "regime_spans",
    "review_schedule",
    "subtract_working_days",
    "working_days_between",
]
