from datetime import date

from django.utils.dateformat import format as format_date


def long_date(day: date) -> str:
    """A date as GOV.UK writes it on screens: "3 February 2025"."""
    return format_date(day, "j F Y")
