"""Two-factor sign-in pages (enrol an authenticator app, enter its code) and single
sign-on through the council's identity provider."""

from __future__ import annotations

import base64
import io

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import login as otp_login
from django_otp.qr import write_qrcode_image

from irohub.accounts.access import public, signed_in
from irohub.signon import actions
from irohub.signon.forms import CodeForm
from irohub.signon.rules import enrolled_device, two_factor_required


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return "/"
    return target


def _no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    return response


@signed_in
def enrol(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app: scan the QR code (or type the key), then type a code."""
    if enrolled_device(request.user) is not None:
        messages.success(request, "Two-factor sign-in is already set up for your account.")
        return redirect(_next(request))
    device = actions.start_enrolment(user=request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        confirmed = actions.confirm_enrolment(user=request.user, code=form.cleaned_data["code"])
        if confirmed is not None:
            otp_login(request, confirmed)
            messages.success(request, "Two-factor sign-in is set up.")
            return redirect(_next(request))
        form.add_error("code", "That code is not right: check the app and try the new code")
    key = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    context = {
        "form": form,
        "key_groups": [key[i : i + 4] for i in range(0, len(key), 4)],
        "required": two_factor_required(request.user),
        "next": _next(request),
    }
    status = 400 if form.errors else 200
    return _no_store(render(request, "signon/enrol.html", context, status=status))


@signed_in
def enrol_qr(request: HttpRequest) -> HttpResponse:
    """The QR code of the authenticator being set up, as an SVG image (no script, no
    inline style: an <img> on the enrol page)."""
    if enrolled_device(request.user) is not None:
        raise Http404("Two-factor sign-in is already set up")
    device = actions.start_enrolment(user=request.user)
    out = io.BytesIO()
    write_qrcode_image(device.config_url, out)
    return _no_store(HttpResponse(out.getvalue(), content_type="image/svg+xml"))


@signed_in
def verify(request: HttpRequest) -> HttpResponse:
    """The second step of signing in: the code from the person's authenticator app."""
    if enrolled_device(request.user) is None:
        return redirect(_next(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = actions.check_code(user=request.user, code=form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            return redirect(_next(request))
        form.add_error(
            "code",
            "That code is not right. Check the app and try the new code; if you no longer "
            "have the app, ask an administrator to reset your two-factor sign-in",
        )
    status = 400 if form.errors else 200
    return _no_store(
        render(request, "signon/verify.html", {"form": form, "next": _next(request)}, status=status)
    )


@public
def sso_start(request: HttpRequest) -> HttpResponse:
    from irohub.signon.oidc import enabled, start_view

    if not enabled():
        raise Http404("Single sign-on is not set up")
    return start_view(request)


@public
def sso_callback(request: HttpRequest) -> HttpResponse:
    from irohub.signon.oidc import callback_view, enabled

    if not enabled():
        raise Http404("Single sign-on is not set up")
    return callback_view(request)
