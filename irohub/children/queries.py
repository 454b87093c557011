"""Reads of children's records. Opening a child's record goes through `open_child_record`:
the one place that checks the permission and the restriction and writes the audit trail."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from irohub.accounts.access import has_permission
from irohub.accounts.roles import Permission
from irohub.audit.actions import record_event
from irohub.children.models import Child


def may_open(user: Any, child: Child) -> bool:
    if not has_permission(user, Permission.VIEW_CHILD):
        return False
    if child.restricted:
        return child.restricted_to.filter(pk=user.pk).exists()
    return True


def open_child_record(user: Any, child_id: int, *, purpose: str = "viewed") -> Child:
    """The child, if `user` may open their record; every attempt is audited.

    `purpose` names what the opening is for in the trail ("viewed", "recording a review",
    "allocating an IRO").
    """
    try:
        child = Child.objects.get(pk=child_id)
    except Child.DoesNotExist:
        raise Http404("No child with that identifier") from None
    if not may_open(user, child):
        record_event(
            actor=user,
            action="child.refused",
            target=child,
            child_id=child.pk,
            purpose=purpose,
            restricted=child.restricted,
        )
        raise PermissionDenied(
            "This child's record is restricted to named people."
            if child.restricted
            else "Your role does not allow you to open children's records."
        )
    record_event(
        actor=user, action="child.opened", target=child, child_id=child.pk, purpose=purpose
    )
    return child


def visible_children(user: Any) -> QuerySet[Child]:
    """Children a user may see in lists and search results: restricted records only for
    the people named on them."""
    return Child.objects.filter(Q(restricted=False) | Q(restricted_to=user)).distinct()
