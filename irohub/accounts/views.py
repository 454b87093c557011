"""Pages about accounts: changing one's own password, and the locked sign-ins an
administrator can unlock. Writes go through accounts.actions."""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.forms import PasswordChangeForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from irohub.accounts import sign_in
from irohub.accounts.access import require_permission, signed_in
from irohub.accounts.actions import change_own_password, unlock_sign_in
from irohub.accounts.roles import Permission


@signed_in
def change_password(request: HttpRequest) -> HttpResponse:
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        change_own_password(user=request.user, new_password=form.cleaned_data["new_password1"])
        # Other sessions of this account end; this one carries on.
        update_session_auth_hash(request, request.user)
        messages.success(request, "Your password has been changed")
        return redirect("home")
    return render(request, "accounts/change_password.html", {"form": form})


@require_permission(Permission.ADMINISTER)
def sign_in_locks(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "accounts/sign_in_locks.html",
        {
            "lockouts": sign_in.lockouts(),
            "throttles": sign_in.throttles(),
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "address_limit": settings.IROHUB_SIGN_IN_ADDRESS_ATTEMPTS,
            "address_minutes": settings.IROHUB_SIGN_IN_ADDRESS_MINUTES,
        },
    )


@require_permission(Permission.ADMINISTER)
@require_POST
def unlock(request: HttpRequest) -> HttpResponse:
    username = request.POST.get("username", "")
    ip_address = request.POST.get("ip_address", "")
    try:
        ipaddress.ip_address(ip_address)
    except ValueError:
        messages.error(request, f"Nothing unlocked: {ip_address[:60]!r} is not an address")
        return redirect("sign_in_locks")
    if "\x00" in username:
        messages.error(request, "Nothing unlocked: the username has a NUL character")
        return redirect("sign_in_locks")
    if unlock_sign_in(actor=request.user, username=username, ip_address=ip_address):
        messages.success(request, f"{username} can sign in from {ip_address} again")
    else:
        messages.info(request, f"{username} was not locked out from {ip_address}")
    return redirect("sign_in_locks")
