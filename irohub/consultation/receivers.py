"""A review recorded takes the checklist and the views gathered for it.

reviews sits below consultation and does not know it, so consultation listens for the
review being saved; the link is written by an action in the same transaction.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver

from irohub.consultation.actions import link_to_review
from irohub.reviews.models import Review


@receiver(post_save, sender=Review, dispatch_uid="consultation.link_to_review")
def _review_saved(sender: type[Review], instance: Review, created: bool, **kwargs: Any) -> None:
    if created and not kwargs.get("raw"):
        link_to_review(review=instance)
