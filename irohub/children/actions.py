"""Writes to the register: each action validates, saves, audits and keeps the review clock
cache in step, in one transaction."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction

from irohub.audit.actions import record_event
from irohub.children.clock import refresh_review_clock
from irohub.children.models import CarePeriod, Child
from irohub.core.formatting import long_date
from irohub.records.codes import REASON_CEASED


@transaction.atomic
def end_care_period(
    *, actor: AbstractBaseUser | None, care_period: CarePeriod, end: date, reason_ceased: str
) -> CarePeriod:
    """The child ceased to be looked after: close the period and its open episode."""
    if care_period.end is not None:
        raise ValidationError({"end": "This care period has already ended"})
    if end < care_period.start:
        raise ValidationError(
            {"end": f"The end date cannot be before the start ({long_date(care_period.start)})"}
        )
    if reason_ceased not in REASON_CEASED or reason_ceased == "X1":
        raise ValidationError({"reason_ceased": f"{reason_ceased!r} does not end a care period"})
    if care_period.reviews.filter(held__gt=end).exists():
        raise ValidationError({"end": "A review is recorded after this end date"})
    care_period.end = end
    care_period.reason_ceased = reason_ceased
    care_period.save(update_fields=["end", "reason_ceased"])
    care_period.episodes.filter(end__isnull=True).update(end=end, reason_ceased=reason_ceased)
    refresh_review_clock([care_period.id])
    record_event(
        actor=actor,
        action="care_period.ended",
        target=care_period,
        child_id=care_period.child_id,
        end=end.isoformat(),
        reason_ceased=reason_ceased,
    )
    return care_period


def refresh_child_clock(child: Child) -> None:
    refresh_review_clock(child.care_periods.values_list("id", flat=True))
