"""After sign-in, a person with an enrolled authenticator app enters a code, and a person
whose role requires two-factor sign-in enrols, before any other page opens."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import Resolver404, resolve, reverse

from irohub.signon.rules import second_step

# Pages open between the password and the second factor.
OPEN = {
    "sign_in",
    "logout",
    "healthz",
    "roles",
    "two_factor_verify",
    "two_factor_enrol",
    "two_factor_qr",
}
STEP_PAGE = {"verify": "two_factor_verify", "enrol": "two_factor_enrol"}


class TwoFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            try:
                name = resolve(request.path_info).view_name
            except Resolver404:
                name = None
            if name is not None and name not in OPEN:
                step = second_step(request)
                if step is not None:
                    target = reverse(STEP_PAGE[step])
                    return HttpResponseRedirect(
                        f"{target}?{urlencode({'next': request.get_full_path()})}"
                    )
        return self.get_response(request)
