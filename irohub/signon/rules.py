"""Who must do what to sign in: the one place these questions are answered."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import Exists, OuterRef
from django_otp.plugins.otp_totp.models import TOTPDevice

from irohub.accounts.access import remember_roles
from irohub.accounts.models import UserRole
from irohub.signon.models import TwoFactorRole

# Set in the session by a sign-in through the council's identity provider (OIDC).
SIGNED_ON_WITH_PROVIDER = "irohub_signed_on_with_provider"


def two_factor_required(user: Any) -> bool:
    """Does a role the user holds require two-factor sign-in?"""
    roles = UserRole.objects.filter(user=user).values("role")
    return TwoFactorRole.objects.filter(role__in=roles).exists()


def enrolled_device(user: Any) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def second_step(request: Any) -> str | None:
    """What a signed-in user must do before anything else: "verify" (enter a code from the
    app they enrolled), "enrol" (their role requires two-factor sign-in and they have no
    app yet), or None."""
    user = request.user
    if not user.is_authenticated or user.is_verified():
        return None
    if request.session.get(SIGNED_ON_WITH_PROVIDER) and settings.IROHUB_OIDC_COUNTS_AS_TWO_FACTOR:
        # The council's identity provider applies its own multi-factor policy.
        return None
    # Both questions and the user's roles in one query: this runs on every page until the
    # second step is done, and the page then needs the roles too (remember_roles).
    held = list(
        UserRole.objects.filter(user=user.pk)
        .annotate(
            enrolled=Exists(TOTPDevice.objects.filter(user=user.pk, confirmed=True)),
            required=Exists(TwoFactorRole.objects.filter(role=OuterRef("role"))),
        )
        .values_list("role", "enrolled", "required")
    )
    remember_roles(user, (role for role, _, _ in held))
    if held:
        enrolled = held[0][1]
        required = any(needed for _, _, needed in held)
    else:  # no role at all: whether an app is enrolled, and nothing requires one
        enrolled = TOTPDevice.objects.filter(user=user.pk, confirmed=True).exists()
        required = False
    if enrolled:
        return "verify"
    if required:
        return "enrol"
    return None
