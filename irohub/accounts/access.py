"""Access rules for views. Every view declares one (a test walks every URL to prove it):

@require_permission(Permission.VIEW_CHILD)  — signed in and holding the permission
@signed_in                                  — any signed-in user
@public                                     — no sign-in (the sign-in page, health check)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from irohub.accounts.roles import Permission, permissions_of

View = Callable[..., HttpResponse]


def user_permissions(user: Any) -> frozenset[Permission]:
    """The permissions a user holds, cached on the user object for the request."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    cached = getattr(user, "_irohub_permissions", None)
    if cached is None:
        cached = remember_roles(user, user.roles.values_list("role", flat=True))
    return cached


def remember_roles(user: Any, roles: Iterable[str]) -> frozenset[Permission]:
    """Keep the permissions of the user's roles (`roles`: every role key they hold, read
    from the database this request) on the user object for the request: a check that has
    read them already (the sign-on step on every page) saves `user_permissions` a query."""
    permissions = permissions_of(set(roles))
    if user.is_superuser:
        permissions |= {Permission.ADMINISTER}
    user._irohub_permissions = permissions
    return permissions


def has_permission(user: Any, permission: Permission) -> bool:
    return permission in user_permissions(user)


def _declare(view: View, rule: str) -> View:
    view.access_rule = rule  # type: ignore[attr-defined]
    return view


def require_permission(*permissions: Permission) -> Callable[[View], View]:
    """Signed in and holding the permission (or, given several, any one of them: the team
    page opens for a team manager's own teams or for every team)."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not user_permissions(request.user) & set(permissions):
                needed = " or ".join(str(permission) for permission in permissions)
                raise PermissionDenied(f"You need permission to {needed}.")
            return view(request, *args, **kwargs)

        return _declare(wrapped, "permission: " + " or ".join(map(str, permissions)))

    return decorator


def signed_in(view: View) -> View:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return _declare(wrapped, "signed in")


def public(view: View) -> View:
    return _declare(view, "public")
