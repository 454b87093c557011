from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import models

from irohub.audit.events import EventType, Target
from irohub.audit.models import AuditEvent


def record_event(
    *,
    actor: AbstractBaseUser | AnonymousUser | None,
    action: EventType,
    target: models.Model | Target,
    child_id: int | None = None,
    **details: Any,
) -> AuditEvent:
    """Write one audit event. Call it inside the same transaction as the change it records.

    `action` is one of EventType (a name not listed there is refused: ValueError);
    `target` is a database row, or a Target for what is not one (a measure, the register).
    """
    kind = EventType(action)
    if isinstance(target, Target):
        target_type, target_id = target.type, target.id
    else:
        target_type, target_id = target._meta.label_lower, str(target.pk)
    authenticated = actor is not None and actor.is_authenticated
    return AuditEvent.objects.create(
        actor_id=actor.pk if authenticated else None,
        actor_username=actor.get_username() if authenticated else "",
        action=kind.value,
        target_type=target_type,
        target_id=target_id,
        child_id=child_id,
        details=details,
    )
