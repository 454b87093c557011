"""Writes to a child's immigration record: validate, save and audit in one transaction."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from irohub.audit.actions import record_event, signed_in
from irohub.audit.events import EventType
from irohub.children.models import Child
from irohub.core.formatting import long_date
from irohub.core.open_items import OpenItem, close_open_item
from irohub.immigration.models import Application, Nationality
from irohub.records.immigration import APPLICATION_KINDS, NEEDS, OUTCOMES


@transaction.atomic
def record_nationality(
    *, actor: AbstractBaseUser | None, child: Child, nationality: str, needs: str
) -> Nationality:
    if needs not in NEEDS:
        raise ValidationError({"needs": "Select whether the child needs immigration status"})
    record, _ = Nationality.objects.update_or_create(
        child=child,
        defaults={
            "nationality": nationality.strip(),
            "needs": needs,
            "updated": timezone.localdate(),
        },
    )
    record_event(
        actor=actor,
        action=EventType.NATIONALITY_RECORDED,
        target=record,
        child_id=child.pk,
        needs=needs,
    )
    return record


@transaction.atomic
def record_application(
    *, actor: AbstractBaseUser | None, child: Child, kind: str, made: date
) -> Application:
    errors: dict[str, str] = {}
    if kind not in APPLICATION_KINDS:
        errors["kind"] = "Select the kind of application from the list"
    if made > timezone.localdate():
        errors["made"] = "The date made cannot be in the future"
    elif made < child.date_of_birth:
        errors["made"] = (
            f"The date made is before {child.first_name} was born "
            f"({long_date(child.date_of_birth)})"
        )
    if errors:
        raise ValidationError(errors)
    application = Application.objects.create(
        child=child,
        kind=kind,
        made=made,
        recorded_by=signed_in(actor),
    )
    record_event(
        actor=actor,
        action=EventType.IMMIGRATION_APPLICATION,
        target=application,
        child_id=child.pk,
        kind=kind,
        made=made.isoformat(),
    )
    return application


IMMIGRATION_APPLICATION = OpenItem(
    outcomes=OUTCOMES,
    still_open="pending",
    opened_field="made",
    closed_field="decided",
    choose="Select the decision from the list",
    closed_words="The date decided",
    opened_words="the application",
    event=EventType.IMMIGRATION_DECISION,
)


def record_decision(
    *, actor: AbstractBaseUser | None, application: Application, outcome: str, decided: date
) -> Application:
    """Record the Home Office's decision on an application."""
    return close_open_item(
        IMMIGRATION_APPLICATION, actor=actor, item=application, outcome=outcome, closed=decided
    )
