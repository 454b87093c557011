"""Writes to reviews: each action validates, saves, audits and refreshes the clock in one
transaction."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from irohub.accounts.models import IRO
from irohub.audit.actions import record_event
from irohub.children.models import CarePeriod, Child
from irohub.reviews.clock import refresh_review_clock
from irohub.reviews.models import Review
from irohub.ssda903.codes import PARTICIPATION, PN0_AGE_LIMIT_YEARS


def participation_error(child: Child, held: date, participation: str) -> str | None:
    """The reason a participation code does not fit the child on that day, or None."""
    if participation not in PARTICIPATION:
        return f"{participation!r} is not a participation code (PN0 to PN7)"
    under_4 = child.age_on(held) < PN0_AGE_LIMIT_YEARS
    if under_4 and participation != "PN0":
        return f"{child.first_name} was under 4 on {held:%d/%m/%Y}, so participation must be PN0"
    if not under_4 and participation == "PN0":
        return (
            f"PN0 is only for children under 4; {child.first_name} was "
            f"{child.age_on(held)} on {held:%d/%m/%Y}"
        )
    return None


def care_period_on(child: Child, held: date) -> CarePeriod:
    for period in child.care_periods.order_by("start"):
        if period.start <= held and (period.end is None or held <= period.end):
            return period
    raise ValidationError({"held": f"{child.first_name} was not looked after on {held:%d/%m/%Y}"})


@transaction.atomic
def record_review(
    *,
    actor: AbstractBaseUser | None,
    child: Child,
    held: date,
    participation: str,
    chair: IRO | None = None,
) -> Review:
    """Record a review held for a child; the next review due date moves at once."""
    if held > timezone.localdate():
        raise ValidationError({"held": "The date held cannot be in the future"})
    period = care_period_on(child, held)
    if message := participation_error(child, held, participation):
        raise ValidationError({"participation": message})
    if period.reviews.filter(held=held).exists():
        raise ValidationError(
            {"held": f"A review on {held:%d/%m/%Y} is already recorded for this care period"}
        )
    review = Review.objects.create(
        child=child, care_period=period, held=held, participation=participation, chair=chair
    )
    refresh_review_clock([period.id])
    record_event(
        actor=actor,
        action="review.recorded",
        target=review,
        child_id=child.id,
        held=held.isoformat(),
        participation=participation,
    )
    return review
