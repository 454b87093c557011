"""Writes to reviews: each action validates, saves, audits and refreshes the clock in one
transaction."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from irohub.accounts.models import IRO
from irohub.audit.actions import record_event
from irohub.audit.events import EventType
from irohub.children.actions import lock_care_period
from irohub.children.clock import refresh_review_clock
from irohub.children.models import CarePeriod, Child
from irohub.children.participation import participation_error
from irohub.core.formatting import long_date
from irohub.reviews.models import ATTENDEES, Review


def attendance_error(attendance: Iterable[str]) -> str | None:
    unknown = sorted(set(attendance) - ATTENDEES.keys())
    if unknown:
        return f"{', '.join(map(repr, unknown))} is not one of the people who attend a review"
    return None


def care_period_on(child: Child, held: date) -> CarePeriod:
    for period in child.care_periods.order_by("start"):
        if period.start <= held and (period.end is None or held <= period.end):
            return period
    raise ValidationError({"held": f"{child.first_name} was not looked after on {long_date(held)}"})


@transaction.atomic
def record_review(
    *,
    actor: AbstractBaseUser | None,
    child: Child,
    held: date,
    participation: str,
    chair: IRO | None = None,
    attendance: Iterable[str] = (),
) -> Review:
    """Record a review held for a child; the next review due date moves at once.

    `attendance` lists who attended, as keys of reviews.models.ATTENDEES.
    """
    if held > timezone.localdate():
        raise ValidationError({"held": "The date held cannot be in the future"})
    attendance = set(attendance)
    if message := attendance_error(attendance):
        raise ValidationError({"attendance": message})
    # Two reviews recorded at once for one care period take turns (children.actions), so
    # the second sees the first: a same-day duplicate is refused below, and the clock cache
    # is refreshed from both.
    period = lock_care_period(care_period_on(child, held).pk)
    if message := participation_error(child, held, participation):
        raise ValidationError({"participation": message})
    duplicate = ValidationError(
        {"held": f"A review on {long_date(held)} is already recorded for this care period"}
    )
    if period.reviews.filter(held=held).exists():
        raise duplicate
    # Stored in the order of ATTENDEES, so the record reads the same however it was entered.
    attended = [key for key in ATTENDEES if key in attendance]
    try:
        with transaction.atomic():  # the database's own check, should the lock be bypassed
            review = Review.objects.create(
                child=child,
                care_period=period,
                held=held,
                participation=participation,
                chair=chair,
                attendance=attended,
            )
    except IntegrityError:
        raise duplicate from None
    refresh_review_clock([period.id])
    record_event(
        actor=actor,
        action=EventType.REVIEW_RECORDED,
        target=review,
        child_id=child.id,
        held=held.isoformat(),
        participation=participation,
        chair=chair.pk if chair else None,
        attendance=attended,
    )
    return review
