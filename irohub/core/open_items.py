"""Closing an open item of a child's record with what came of it: an advocacy referral, an
independent visitor offer, an immigration application. One rule for all of them: an
outcome from the list (not the open one), on a day neither in the future nor before the
item was opened, saved and audited together."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from irohub.audit.actions import record_event
from irohub.core.formatting import long_date

Item = TypeVar("Item", bound=models.Model)


@dataclass(frozen=True)
class OpenItem:
    """How a kind of item is closed: its outcomes, its fields and the words its form uses."""

    outcomes: Collection[str]
    still_open: str  # the outcome an item has while it is open
    opened_field: str  # the date it was opened
    closed_field: str  # the date it was closed (the form's field of that name too)
    choose: str  # the message when no outcome from the list is chosen
    closed_words: str  # "The date closed", "The date decided"
    opened_words: str  # "the referral", "the offer", "the application"
    event: str  # the audit event type


@transaction.atomic
def close_open_item(
    kind: OpenItem, *, actor: AbstractBaseUser | None, item: Item, outcome: str, closed: date
) -> Item:
    errors: dict[str, str] = {}
    if outcome not in kind.outcomes or outcome == kind.still_open:
        errors["outcome"] = kind.choose
    opened: date = getattr(item, kind.opened_field)
    if closed > timezone.localdate():
        errors[kind.closed_field] = f"{kind.closed_words} cannot be in the future"
    elif closed < opened:
        errors[kind.closed_field] = (
            f"{kind.closed_words} cannot be before {kind.opened_words} ({long_date(opened)})"
        )
    if errors:
        raise ValidationError(errors)
    item.outcome = outcome
    setattr(item, kind.closed_field, closed)
    item.save(update_fields=["outcome", kind.closed_field])
    record_event(
        actor=actor,
        action=kind.event,
        target=item,
        child_id=item.child_id,
        outcome=outcome,
        **{kind.closed_field: closed.isoformat()},
    )
    return item
