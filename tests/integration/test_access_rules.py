"""Every page declares who may use it, and the declarations hold.

Walks every URL the project routes (except Django's admin, which has its own staff check)
and fails when a view has no `access_rule` (see irohub.accounts.access), so a new page
cannot ship open by accident.
"""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from tests.factories import ChildFactory

pytestmark = pytest.mark.django_db


def walk(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            if entry.app_name == "admin":
                continue
            yield from walk(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry


ROUTES = sorted(walk(get_resolver().url_patterns), key=lambda item: item[0])


def test_routes_were_found():
    names = {pattern.name for _, pattern in ROUTES}
    assert {"home", "sign_in", "caseload", "team", "search", "child", "record_review"} <= names


@pytest.mark.parametrize(("route", "pattern"), ROUTES, ids=[route for route, _ in ROUTES])
def test_every_route_declares_an_access_rule(route, pattern):
    rule = getattr(pattern.callback, "access_rule", None)
    assert rule, f"/{route} ({pattern.lookup_str}) has no declared access rule"


def concrete(route: str, child_id: int) -> str:
    return "/" + re.sub(r"<int:\w+>", str(child_id), route)


@pytest.mark.parametrize(("route", "pattern"), ROUTES, ids=[route for route, _ in ROUTES])
def test_every_non_public_route_asks_for_sign_in(client, route, pattern):
    if pattern.callback.access_rule == "public":
        return
    response = client.get(concrete(route, ChildFactory().pk))
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/")
