from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import models, transaction

from irohub.audit.events import EventType, Target
from irohub.audit.models import AuditEvent


def signed_in(
    actor: AbstractBaseUser | AnonymousUser | None,
) -> AbstractBaseUser | None:
    """The person behind an action, as a record names them (recorded by, sent by...): None
    for a command or task (no actor) and for a visitor who has not signed in."""
    if actor is None or not actor.is_authenticated:
        return None
    return cast(AbstractBaseUser, actor)


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
    person = signed_in(actor)
    return AuditEvent.objects.create(
        actor_id=person.pk if person is not None else None,
        actor_username=person.get_username() if person is not None else "",
        action=kind.value,
        target_type=target_type,
        target_id=target_id,
        child_id=child_id,
        details=details,
    )


# --- records edited in the administration pages ------------------------------------------------
# Django's administration pages save and delete rows themselves; these are the actions they
# call instead (through irohub.audit.admin.AuditedAdmin), so that every change there is
# audited in the same transaction. Register data has its own, stricter actions
# (irohub.children.actions), which keep the review clock and the records that are kept.


@transaction.atomic
def save_audited(
    *,
    actor: AbstractBaseUser | AnonymousUser | None,
    record: models.Model,
    created: bool,
    changed: Sequence[str] = (),
    child_id: int | None = None,
    purpose: str = "administration",
) -> models.Model:
    """Save `record` and audit it: added or changed, and which fields (never their values)."""
    record.save()
    record_event(
        actor=actor,
        action=EventType.ADMIN_ADDED if created else EventType.ADMIN_CHANGED,
        target=record,
        child_id=child_id,
        purpose=purpose,
        record=str(record),
        fields=list(changed),
    )
    return record


@transaction.atomic
def delete_audited(
    *,
    actor: AbstractBaseUser | AnonymousUser | None,
    record: models.Model,
    child_id: int | None = None,
    purpose: str = "administration",
) -> None:
    """Delete `record`, auditing what it was (the event outlives it: no foreign keys)."""
    record_event(
        actor=actor,
        action=EventType.ADMIN_DELETED,
        target=record,
        child_id=child_id,
        purpose=purpose,
        record=str(record),
    )
    record.delete()
