"""The statutory rules core: pure date arithmetic, no Django and no other irohub package
(the SSDA903 code lists read which codes mean which regime from here).

Working days and months (spec §1), the looked-after review clock (§2.3-2.7), which regime a
child is under (§2.1), child protection conferences (§3), short breaks (§4), adoption (§5)
and foster carer reviews (§7); the rules of IRO allocation are `irohub.statutory.allocation`,
the dispute resolution process (§2.10) `irohub.statutory.resolution`; the deadlines at and
after the meeting (record, adjournment, early reviews; §2.4-2.6, §2.9)
`irohub.statutory.review_record`.
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
from irohub.statutory.review_record import (
    AdjournmentCheck,
    EarlyReviewError,
    EarlyReviewRequest,
    EarlyTrigger,
    RecordDeadlines,
    StepStatus,
    adjournment_check,
    adjournment_deadline,
    early_review_deadline,
    record_deadlines,
    step_status,
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
    "AdjournmentCheck",
    "CalendarRangeError",
    "CarePeriodFacts",
    "DueStatus",
    "EarlyReviewError",
    "EarlyReviewRequest",
    "EarlyTrigger",
    "EpisodeFacts",
    "RecordDeadlines",
    "Regime",
    "ReviewDateError",
    "ReviewSchedule",
    "ReviewStatus",
    "ReviewTiming",
    "SequenceStart",
    "Span",
    "StepStatus",
    "WorkingDayCalendar",
    "add_months",
    "add_working_days",
    "add_years",
    "adjournment_check",
    "adjournment_deadline",
    "care_period_schedules",
    "default_calendar",
    "due_status",
    "due_windows",
    "early_review_deadline",
    "first_review_due",
    "is_working_day",
    "next_review_due",
    "record_deadlines",
    "regime_of",
    "regime_spans",
    "review_schedule",
    "step_status",
    "subtract_working_days",
    "working_days_between",
]
