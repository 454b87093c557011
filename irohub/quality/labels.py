"""The words for the ratings. A council may call them otherwise (Walsall's "Monitoring RAG
form"): settings.IROHUB_RATING_LABELS maps gold/green/amber/red to its words."""

from __future__ import annotations

from django.conf import settings

from irohub.quality.models import Rating


def rating_labels() -> dict[str, str]:
    configured = getattr(settings, "IROHUB_RATING_LABELS", None) or {}
    return {key: str(configured.get(key) or label) for key, label in Rating.choices}


def rating_choices() -> list[tuple[str, str]]:
    return list(rating_labels().items())
