"""The retention rule: a child's case record is kept until a set birthday (the 75th by
default, `IROHUB_RETENTION_AGE`), then listed for an administrator to confirm its deletion
(retention.actions.delete_under_retention). A record of a child still in care is never due.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db.models import Exists, Max, OuterRef

from irohub.children.models import CarePeriod, Child


def retention_age() -> int:
    return settings.IROHUB_RETENTION_AGE


def retention_date(date_of_birth: date, age: int | None = None) -> date:
    """The day the record may go: the child's birthday at the retention age (a 29 February
    birthday falls on 28 February in a common year)."""
    return date_of_birth + relativedelta(years=retention_age() if age is None else age)


def is_due(child: Child, today: date) -> bool:
    return (
        retention_date(child.date_of_birth) <= today
        and not child.care_periods.filter(end__isnull=True).exists()
    )


@dataclass(frozen=True)
class DueRecord:
    child_id: int
    identifier: str
    retention_date: date
    last_in_care: date | None


def records_due(today: date) -> list[DueRecord]:
    """Children's records past their retention date, oldest first; identifiers and dates
    only (the administrator confirming a deletion does not need the child's name)."""
    # A generous bound in SQL, the exact rule (retention_date) in Python.
    bound = today - relativedelta(years=retention_age()) + relativedelta(days=1)
    open_period = CarePeriod.objects.filter(child=OuterRef("pk"), end__isnull=True)
    candidates = (
        Child.objects.filter(date_of_birth__lte=bound)
        .exclude(Exists(open_period))
        .annotate(last_in_care=Max("care_periods__end"))
        .order_by("date_of_birth", "identifier")
        .values_list("pk", "identifier", "date_of_birth", "last_in_care")
    )
    return [
        DueRecord(pk, identifier, retention_date(born), last)
        for pk, identifier, born, last in candidates
        if retention_date(born) <= today
    ]
