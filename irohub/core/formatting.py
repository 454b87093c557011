"""How screens word and colour things: dates, the review status tags."""

from datetime import date

from django.utils.dates import MONTHS

from irohub.statutory import DueStatus

# The GOV.UK tag colour of each review due status. The status is always written in the
# tag too, so colour never carries the meaning on its own.
DUE_TAG_CLASSES: dict[DueStatus, str] = {
    DueStatus.OVERDUE: "govuk-tag--red",
    DueStatus.DUE_WITHIN_5: "govuk-tag--orange",
    DueStatus.DUE_WITHIN_20: "govuk-tag--yellow",
    DueStatus.IN_DATE: "govuk-tag--green",
    DueStatus.NOT_DUE: "govuk-tag--grey",
}


def long_date(day: date) -> str:
    """A date as GOV.UK writes it on screens: "3 February 2025" (the "j F Y" of Django's
    date filter, written directly: lists write hundreds of them)."""
    return f"{day.day} {MONTHS[day.month]} {day.year}"
