"""Setting and removing local targets: validate, save and audit in one transaction."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from irohub.audit.actions import record_event
from irohub.audit.events import EventType
from irohub.audit.events import Target as AuditTarget
from irohub.measures import DEFINITIONS
from irohub.measures.catalogue import Kind
from irohub.targets.models import Target

Actor = AbstractBaseUser | AnonymousUser | None


@transaction.atomic
def set_target(
    *,
    actor: Actor,
    measure_id: str,
    value: Decimal,
    amber_margin: Decimal,
    higher_is_better: bool,
) -> Target:
    """Set (or replace) the target of one measure."""
    definition = DEFINITIONS.get(measure_id)
    if definition is None:
        raise ValidationError({"measure_id": "Select a measure from the list"})
    if amber_margin < 0:
        raise ValidationError({"amber_margin": "The amber margin must be 0 or more"})
    if definition.kind in (Kind.PERCENT, Kind.FTE) and not 0 <= value <= 100:
        raise ValidationError({"value": "A target for a percentage must be from 0 to 100"})
    if value < 0:
        raise ValidationError({"value": "The target must be 0 or more"})
    target, _ = Target.objects.update_or_create(
        measure_id=measure_id,
        defaults={
            "value": value,
            "amber_margin": amber_margin,
            "higher_is_better": higher_is_better,
            "set_on": timezone.localdate(),
            "set_by": actor.get_username() if actor is not None and actor.is_authenticated else "",
        },
    )
    record_event(
        actor=actor,
        action=EventType.TARGET_SET,
        target=AuditTarget("measures.measure", measure_id),
        value=str(value),
        amber_margin=str(amber_margin),
        higher_is_better=higher_is_better,
    )
    return target


@transaction.atomic
def remove_target(*, actor: Actor, measure_id: str) -> None:
    deleted, _ = Target.objects.filter(measure_id=measure_id).delete()
    if deleted:
        record_event(
            actor=actor,
            action=EventType.TARGET_REMOVED,
            target=AuditTarget("measures.measure", measure_id),
        )
