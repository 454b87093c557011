"""Where the user is and where they came from.

A child's record is opened from a list (My caseload, the team page, a search, a figure's
drill-down): the list's address travels with the user as `?back=` so that the Back link
returns there and the navigation shows the part of the service they are in. The address is
only ever a path on this site that resolves to one of those lists, so it can never send
anyone elsewhere (no open redirect).
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode, urlsplit

from django.http import HttpRequest
from django.urls import Resolver404, resolve, reverse
from django.utils.http import url_has_allowed_host_and_scheme

# The pages a child's record is opened from (their URL names).
RETURN_PAGES = frozenset({"caseload", "team", "search", "performance_rows", "performance_measure"})
MAX_LENGTH = 2000


def safe_return_path(value: str | None) -> str | None:
    """`value` when it is a path on this site to one of RETURN_PAGES, else None."""
    if not value or len(value) > MAX_LENGTH:
        return None
    if not value.startswith("/") or value.startswith("//") or "\\" in value:
        return None
    if any(ord(character) < 32 or ord(character) == 127 for character in value):
        return None
    if not url_has_allowed_host_and_scheme(value, allowed_hosts=None):
        return None
    parts = urlsplit(value)
    if parts.scheme or parts.netloc:
        return None
    try:
        match = resolve(parts.path)
    except Resolver404:
        return None
    return value if match.url_name in RETURN_PAGES else None


def return_path(request: HttpRequest) -> str | None:
    """Where this page was reached from: `?back=`, else the referring page of this site."""
    given = safe_return_path(request.GET.get("back"))
    if given is not None:
        return given
    referer = request.headers.get("referer", "")
    parts = urlsplit(referer)
    if parts.netloc and parts.netloc == request.get_host() and parts.scheme == request.scheme:
        return safe_return_path(parts.path + (f"?{parts.query}" if parts.query else ""))
    return None


def back_query(path: str | None) -> str:
    """`back=…` for a link that carries the return path on, or "" when there is none."""
    return urlencode({"back": path}) if path else ""


_PLACE = 987654321  # stands for a record's key in an address made once for a whole list


def address_maker(url_name: str) -> Callable[[int], str]:
    """The address of `url_name` for a record's key, reversed once for a whole list (a list
    of 500 children reversing each row's address spent more time there than in its query)."""
    head, tail = reverse(url_name, args=[_PLACE]).split(str(_PLACE))
    return lambda key: f"{head}{key}{tail}"
