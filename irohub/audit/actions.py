from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import models

from irohub.audit.models import AuditEvent


def record_event(
    *,
    actor: AbstractBaseUser | AnonymousUser | None,
    action: str,
    target: models.Model,
    child_id: int | None = None,
    **details: Any,
) -> AuditEvent:
    """Write one audit event. Call it inside the same transaction as the change it records."""
    authenticated = actor is not None and actor.is_authenticated
    return AuditEvent.objects.create(
        actor_id=actor.pk if authenticated else None,
        actor_username=actor.get_username() if authenticated else "",
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        child_id=child_id,
        details=details,
    )
