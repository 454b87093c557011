"""Writes of the IRO's feedback on commissioned services: one transaction each, audited. A
red rating can open a challenge: through the one action that opens every challenge
(irohub.resolutions.actions.open_challenge), so it is routed, timed and escalated like any
other."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from irohub.audit.actions import record_event
from irohub.audit.events import EventType
from irohub.commissioning.models import Provider, ProviderFeedback
from irohub.core.formatting import long_date
from irohub.quality.labels import rating_labels
from irohub.quality.models import Rating
from irohub.resolutions import actions as resolution_actions
from irohub.reviews.models import Review

COMMENT_MAX = 4000


@transaction.atomic
def rate_provider(
    *,
    actor: Any,
    review: Review,
    provider: Provider,
    rating: str,
    comment: str,
    rated_on: date,
    open_challenge: bool = False,
) -> ProviderFeedback:
    """The IRO's rating of `provider` after `review`; amber and red need a comment, and a
    red one may open an informal challenge about the child, with the comment as its issue."""
    errors: dict[str, str] = {}
    comment = comment.strip()
    if rating not in Rating.values:
        errors["rating"] = "Choose a rating: gold, green, amber or red"
    elif rating in (Rating.AMBER, Rating.RED) and not comment:
        errors["comment"] = f"Say what the concern is: the service is rated {rating}"
    if len(comment) > COMMENT_MAX:
        errors["comment"] = f"The comment must be {COMMENT_MAX:,} characters or fewer"
    if open_challenge and rating != Rating.RED:
        errors["open_challenge"] = "Only a red rating opens a challenge"
    if rated_on > timezone.localdate():
        errors["rated_on"] = "The date cannot be in the future"
    elif rated_on < review.held:
        errors["rated_on"] = f"The rating cannot come before the review on {long_date(review.held)}"
    if not provider.active:
        errors["provider"] = f"{provider} is no longer commissioned: choose another service"
    if ProviderFeedback.objects.filter(review=review, provider=provider).exists():
        errors["provider"] = f"{provider} is already rated for this review"
    if errors:
        raise ValidationError(errors)
    feedback = ProviderFeedback.objects.create(
        review=review,
        child_id=review.child_id,
        provider=provider,
        rating=rating,
        comment=comment,
        rated_on=rated_on,
        rated_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    if open_challenge:
        feedback.challenge = resolution_actions.open_challenge(
            actor=actor,
            child=review.child,
            day=rated_on,
            issue=f"{provider} ({provider.get_kind_display()}) rated "
            f"{rating_labels()[rating]} at the review on {long_date(review.held)}: {comment}",
            review=review,
            iro=review.chair,
        )
        feedback.save(update_fields=["challenge"])
    record_event(
        actor=actor,
        action=EventType.PROVIDER_RATED,
        target=feedback,
        child_id=review.child_id,
        review=review.pk,
        provider=provider.pk,
        rating=rating,
        challenge=feedback.challenge_id,
    )
    return feedback
