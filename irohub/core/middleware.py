"""Requests refused before any view sees them."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

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
