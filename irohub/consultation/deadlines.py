"""The preparation deadlines with the council's lead times (settings) and calendar."""

from __future__ import annotations

from datetime import date

from django.conf import settings

from irohub.core.calendar import get_calendar
from irohub.statutory.review_preparation import PreparationDeadlines, preparation_deadlines


def deadlines_for(review: date) -> PreparationDeadlines:
    return preparation_deadlines(
        review,
        get_calendar(),
        report_lead=settings.IROHUB_REPORT_LEAD_WORKING_DAYS,
        invitation_lead=settings.IROHUB_INVITATION_LEAD_WORKING_DAYS,
        consultation_send_lead=settings.IROHUB_CONSULTATION_SEND_LEAD_WORKING_DAYS,
        consultation_return_lead=settings.IROHUB_CONSULTATION_RETURN_LEAD_WORKING_DAYS,
    )
