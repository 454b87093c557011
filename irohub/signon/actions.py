"""Sign-on writes: enrolling an authenticator app, an administrator's reset, and the roles a
sign-in through the council's identity provider brings. Each audited, one transaction."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from irohub.accounts.models import UserRole
from irohub.audit.actions import record_event
from irohub.audit.events import EventType


@transaction.atomic
def start_enrolment(*, user: Any) -> TOTPDevice:
    """The not-yet-confirmed authenticator of a person setting one up: the same secret on
    every visit to the page until they confirm it with a code."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    return device


@transaction.atomic
def confirm_enrolment(*, user: Any, code: str) -> TOTPDevice | None:
    """The person typed a code from the app they just set up: if it is right, the app is
    theirs from now on (returns it); if not, None."""
    device = (
        TOTPDevice.objects.select_for_update()
        .filter(user=user, confirmed=False)
        .order_by("pk")
        .first()
    )
    if device is None or not device.verify_token(code):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    record_event(actor=user, action=EventType.TWO_FACTOR_ENROLLED, target=user)
    return device


@transaction.atomic
def check_code(*, user: Any, code: str) -> TOTPDevice | None:
    """The second step of signing in. A wrong code is recorded; django-otp slows down
    repeated failures (each one doubles the wait before the next try)."""
    device = (
        TOTPDevice.objects.select_for_update()
        .filter(user=user, confirmed=True)
        .order_by("pk")
        .first()
    )
    if device is None:
        return None
    if device.verify_token(code):
        return device
    record_event(actor=user, action=EventType.TWO_FACTOR_FAILED, target=user)
    return None


@transaction.atomic
def reset_two_factor(*, actor: Any, user: Any) -> int:
    """An administrator's recovery for someone who lost their app: their authenticator is
    removed, and they set up a new one at their next sign-in (if their role requires it)."""
    deleted, _ = TOTPDevice.objects.filter(user=user).delete()
    record_event(
        actor=actor, action=EventType.TWO_FACTOR_RESET, target=user, username=user.get_username()
    )
    return deleted


def roles_for_groups(groups: list[str]) -> set[str]:
    """The roles the identity provider's groups give, by IROHUB_OIDC_GROUP_ROLES."""
    mapping: dict[str, str] = settings.IROHUB_OIDC_GROUP_ROLES
    return {mapping[group] for group in groups if group in mapping}


@transaction.atomic
def sync_roles_from_provider(*, user: Any, groups: list[str]) -> set[str]:
    """At each sign-in through the identity provider, the person's roles become exactly
    those their groups give (the provider is where the council manages who does what).
    A change is audited."""
    wanted = roles_for_groups(groups)
    held = set(UserRole.objects.filter(user=user).values_list("role", flat=True))
    if wanted != held:
        UserRole.objects.filter(user=user).exclude(role__in=wanted).delete()
        UserRole.objects.bulk_create(UserRole(user=user, role=role) for role in wanted - held)
        record_event(
            actor=user,
            action=EventType.ROLES_FROM_IDENTITY_PROVIDER,
            target=user,
            added=sorted(wanted - held),
            removed=sorted(held - wanted),
        )
    return wanted
