"""Sessions that end when left alone, and sign-in refused to a throttled address."""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.contrib.auth.views import redirect_to_login
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from irohub.accounts.sign_in import client_address, throttled_until

LAST_SEEN = "irohub_last_seen"
SIGNED_IN_AT = "irohub_signed_in_at"


@receiver(user_logged_in, dispatch_uid="irohub-session-clock")
def _start_the_clock(sender: object, request: HttpRequest, **_: object) -> None:
    # Written with the sign-in's own session save, so later requests need not write.
    if request is not None and hasattr(request, "session"):
        now = int(time.time())
        request.session[SIGNED_IN_AT] = request.session[LAST_SEEN] = now


class IdleTimeoutMiddleware:
    """A signed-in session ends after IROHUB_IDLE_MINUTES without a request, and after
    SESSION_COOKIE_AGE (a working day) however busy. The clock is kept in the session; it
    is written at most once a minute, not on every request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            session = request.session
            last_seen = session.get(LAST_SEEN, now)
            signed_in_at = session.get(SIGNED_IN_AT, now)
            idle = now - last_seen > settings.IROHUB_IDLE_MINUTES * 60
            if idle or now - signed_in_at > settings.SESSION_COOKIE_AGE:
                logout(request)
                messages.info(
                    request,
                    f"You were signed out after {settings.IROHUB_IDLE_MINUTES} minutes "
                    "without activity. Sign in again to carry on."
                    if idle
                    else "You were signed out at the end of your session. Sign in again.",
                )
                return redirect_to_login(request.get_full_path())
            if SIGNED_IN_AT not in session:
                session[SIGNED_IN_AT] = now
            if now - session.get(LAST_SEEN, 0) >= 60:
                session[LAST_SEEN] = now
        return self.get_response(request)


class SignInThrottleMiddleware:
    """Refuse sign-in attempts (the sign-in page and the administration's) from an address
    that is throttled (irohub.accounts.sign_in), before any password is checked."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response
        self._paths: set[str] | None = None

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._paths is None:
            self._paths = {reverse("sign_in"), reverse("admin:login")}
        if request.method == "POST" and request.path in self._paths:
            until = throttled_until(client_address(request))
            if until is not None:
                minutes = max(1, math.ceil((until - timezone.now()).total_seconds() / 60))
                response = render(
                    request,
                    "registration/throttled.html",
                    {"minutes": minutes},
                    status=429,
                )
                response["Retry-After"] = str(minutes * 60)
                return response
        return self.get_response(request)
