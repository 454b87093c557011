"""Reads for commissioned services: ratings by provider (counts), one provider's feedback.
The commissioning pages name no child; rows about a restricted record are still left out
for anyone not named on it (children.access), and the page says how many."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Max, Q, QuerySet

from irohub.children.access import visible
from irohub.commissioning.models import Provider, ProviderFeedback
from irohub.quality.models import Rating


@dataclass(frozen=True)
class ProviderRow:
    provider: Provider
    counts: dict[str, int]  # by rating key
    total: int
    latest: Any


def by_provider(kind: str | None = None) -> list[ProviderRow]:
    """Every provider with feedback (or still commissioned), with its ratings counted."""
    providers: QuerySet[Provider] = Provider.objects.all()
    if kind:
        providers = providers.filter(kind=kind)
    annotated = providers.annotate(
        total=Count("feedback"),
        latest=Max("feedback__rated_on"),
        **{f"n_{key}": Count("feedback", filter=Q(feedback__rating=key)) for key in Rating.values},
    ).filter(Q(active=True) | Q(total__gt=0))
    return [
        ProviderRow(
            provider=p,
            counts={key: getattr(p, f"n_{key}") for key in Rating.values},
            total=p.total,
            latest=p.latest,
        )
        for p in annotated.order_by("-n_red", "-n_amber", "name")
    ]


def feedback_on(user: Any, provider: Provider) -> tuple[list[ProviderFeedback], int]:
    """The feedback on `provider` the user may see, latest first, and how many rows were
    left out (about restricted records the user is not named on)."""
    every = ProviderFeedback.objects.filter(provider=provider)
    shown = list(
        every.filter(visible(user, via="child")).select_related(
            "rated_by", "review__chair__user", "challenge"
        )
    )
    return shown, every.count() - len(shown)


def feedback_of_review(review: Any) -> list[ProviderFeedback]:
    return list(
        ProviderFeedback.objects.filter(review=review).select_related("provider", "challenge")
    )
