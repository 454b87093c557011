"""Security headers on every response the application makes (docs/security.md).

- Content-Security-Policy (settings.IROHUB_CONTENT_SECURITY_POLICY): scripts, styles,
  images and fonts from IRO Hub's own address only; no inline script or style, no
  plug-ins, no framing, forms post back to IRO Hub only.
- Permissions-Policy: no camera, microphone, location or other device features.
- Cache-Control: no-store, so no page or download naming a child stays in a browser's or a
  proxy's cache. Static files (served by WhiteNoise before this middleware) keep theirs.
And RefuseNulCharacters: a request holding a NUL character gets a 400 naming the part.
HSTS, nosniff, the referrer policy and the redirect to HTTPS are Django's
SecurityMiddleware (settings), X-Frame-Options Django's clickjacking middleware.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
)


def content_security_policy() -> str:
    return "; ".join(
        f"{directive} {' '.join(sources)}"
        for directive, sources in settings.IROHUB_CONTENT_SECURITY_POLICY.items()
    )


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response
        self.policy = content_security_policy()

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", self.policy)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response["Cache-Control"] = "no-store"
        return response


NUL = "\x00"


class RefuseNulCharacters:
    """A request whose address, query or form holds a NUL character gets a 400 naming the
    part. No field can hold one (PostgreSQL refuses NUL in text, so a search, a filter or
    the audit event of a list would fail), and no person types one."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        where = _nul_in(request)
        if where is not None:
            return render(
                request,
                "400.html",
                {"message": f"The {where} holds a character that cannot be used (NUL)."},
                status=400,
            )
        return self.get_response(request)


def _nul_in(request: HttpRequest) -> str | None:
    if NUL in request.path:
        return "web address"
    for name, values in request.GET.lists():
        if NUL in name or any(NUL in value for value in values):
            return f"web address's {name.replace(NUL, '')!r}"
    if request.method == "POST" and request.content_type in (
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    ):
        for name, values in request.POST.lists():
            if NUL in name or any(NUL in value for value in values):
                return f"form's field {name.replace(NUL, '')!r}"
    return None
