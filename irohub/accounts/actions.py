"""Writes about accounts: one transaction each, audited."""

from __future__ import annotations

from typing import Any

from axes.models import AccessAttempt
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction

from irohub.audit.actions import record_event
from irohub.audit.events import EventType


def unlock_sign_in(*, actor: Any, username: str, ip_address: str) -> int:
    """Lift the lockout of `username` from `ip_address`; how many records were cleared."""
    with transaction.atomic():
        attempts = AccessAttempt.objects.filter(username=username, ip_address=ip_address)
        first = attempts.order_by("id").first()
        if first is None:
            return 0
        record_event(
            actor=actor,
            action=EventType.SIGN_IN_UNLOCKED,
            target=first,
            username=username,
            ip_address=ip_address,
        )
        deleted, _ = attempts.delete()
        return deleted


def change_own_password(*, user: AbstractBaseUser, new_password: str) -> None:
    """The signed-in user's new password (already checked by the form's validators)."""
    with transaction.atomic():
        user.set_password(new_password)
        user.save(update_fields=["password"])
        record_event(actor=user, action=EventType.PASSWORD_CHANGED, target=user)
