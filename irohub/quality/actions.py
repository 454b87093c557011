"""Writes of quality assurance: rating a review (an amber or red rating opens an informal
challenge in the same transaction) and sending a recognition of good practice."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from irohub.audit.actions import record_event
from irohub.audit.events import EventType
from irohub.core.formatting import long_date
from irohub.quality.labels import rating_labels
from irohub.quality.models import (
    CHALLENGE_RATINGS,
    PLAN_CHECKS,
    InDate,
    QualityRating,
    Rating,
    Recognition,
)
from irohub.resolutions import actions as resolution_actions
from irohub.resolutions.models import Challenge, PracticeTheme
from irohub.reviews.models import Review

__all__ = ["rate_review", "send_recognition"]


def _rating(value: str, field: str) -> str:
    if value not in Rating.values:
        raise ValidationError({field: f"{value!r} is not a rating (gold, green, amber or red)"})
    return value


@transaction.atomic
def rate_review(
    *,
    actor: Any,
    review: Review,
    rated_on: date,
    care_planning: str,
    preparation: str,
    social_work_report: str,
    care_plan_up_to_date: bool,
    plans: Mapping[str, str],
    themes: Iterable[PracticeTheme] = (),
    feedback: str = "",
) -> tuple[QualityRating, Challenge | None]:
    """Rate a review. Amber or red care planning opens an informal challenge the same day,
    linked to the review, with the feedback as its issue."""
    if rated_on > timezone.localdate():
        raise ValidationError({"rated_on": "The date cannot be in the future"})
    if rated_on < review.held:
        raise ValidationError(
            {"rated_on": f"The rating cannot come before the review on {long_date(review.held)}"}
        )
    ratings = {
        "care_planning": _rating(care_planning, "care_planning"),
        "preparation": _rating(preparation, "preparation"),
        "social_work_report": _rating(social_work_report, "social_work_report"),
    }
    missing = [key for key in PLAN_CHECKS if plans.get(key) not in InDate.values]
    if missing:
        raise ValidationError(
            {missing[0]: f"Say whether the {PLAN_CHECKS[missing[0]].lower()} is in date"}
        )
    themes = list(themes)
    challenged = care_planning in CHALLENGE_RATINGS
    if challenged and not feedback.strip():
        raise ValidationError(
            {"feedback": "Say what the concern is: an amber or red rating opens a challenge"}
        )
    try:
        with transaction.atomic():
            rating = QualityRating.objects.create(
                review=review,
                child_id=review.child_id,
                rated_by=actor if getattr(actor, "is_authenticated", False) else None,
                rated_on=rated_on,
                care_plan_up_to_date=care_plan_up_to_date,
                feedback=feedback.strip(),
                **ratings,
                **{key: plans[key] for key in PLAN_CHECKS},
            )
    except IntegrityError:
        raise ValidationError("This review is already rated") from None
    rating.themes.set(themes)
    record_event(
        actor=actor,
        action=EventType.REVIEW_RATED,
        target=rating,
        child_id=review.child_id,
        review=review.pk,
        **ratings,
    )
    challenge = None
    if challenged:
        label = rating_labels()[care_planning]
        challenge = resolution_actions.open_challenge(
            actor=actor,
            child=review.child,
            day=rated_on,
            issue=f"Care planning rated {label} at the review on {long_date(review.held)}: "
            f"{feedback.strip()}",
            themes=themes,
            review=review,
            iro=review.chair,
        )
    return rating, challenge


@transaction.atomic
def send_recognition(
    *,
    actor: Any,
    rating: QualityRating,
    sent_on: date,
    recognised: str,
    note: str,
) -> Recognition:
    """A recognition of excellent or good practice seen at a review."""
    if not recognised.strip():
        raise ValidationError({"recognised": "Enter who is recognised"})
    if not note.strip():
        raise ValidationError({"note": "Enter the good practice seen"})
    if sent_on > timezone.localdate():
        raise ValidationError({"sent_on": "The date cannot be in the future"})
    recognition = Recognition.objects.create(
        child_id=rating.child_id,
        rating=rating,
        sent_on=sent_on,
        sent_by=actor if getattr(actor, "is_authenticated", False) else None,
        recognised=recognised.strip(),
        note=note.strip(),
    )
    record_event(
        actor=actor,
        action=EventType.RECOGNITION_SENT,
        target=recognition,
        child_id=rating.child_id,
        sent_on=sent_on.isoformat(),
    )
    return recognition
