"""The IRO's list: children in care whose immigration application is pending or not made."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch
from django.utils import timezone

from irohub.accounts.access import has_permission
from irohub.accounts.roles import Permission
from irohub.allocation.models import Allocation
from irohub.allocation.queries import current_on
from irohub.children.access import openable
from irohub.children.models import CarePeriod, Child
from irohub.immigration.models import Application
from irohub.records.immigration import NEEDS, ApplicationRecord, attention


@dataclass(frozen=True)
class Listed:
    child: Child
    nationality: str
    needs: str
    reason: str
    latest: Application | None


def children_to_raise(user: Any) -> tuple[list[Listed], bool]:
    """The children in care now whose status should be raised at review, and whether the
    list is the IRO's own caseload (True) or the whole service's (managers, auditors)."""
    today = timezone.localdate()
    in_care = CarePeriod.objects.filter(child=OuterRef("pk"), end__isnull=True)
    children = Child.objects.filter(openable(user), Exists(in_care))
    own = not (
        has_permission(user, Permission.VIEW_TEAM)
        or has_permission(user, Permission.VIEW_ALL_TEAMS)
    )
    if own:
        mine = Allocation.objects.filter(current_on(today), child=OuterRef("pk"), iro__user=user)
        children = children.filter(Exists(mine))
    children = (
        children.select_related("nationality")
        .prefetch_related(
            Prefetch(
                "immigration_applications", queryset=Application.objects.order_by("-made", "-id")
            )
        )
        .order_by("last_name", "first_name", "identifier")
    )
    found = []
    for child in children:
        record = getattr(child, "nationality", None)
        needs = record.needs if record else "unknown"
        applications = list(child.immigration_applications.all())
        reason = attention(
            needs,
            [ApplicationRecord(a.kind, a.made, a.outcome, a.decided) for a in applications],
            uasc=child.uasc,
        )
        if reason:
            found.append(
                Listed(
                    child,
                    record.nationality if record else "",
                    NEEDS.get(needs, needs),
                    reason,
                    applications[0] if applications else None,
                )
            )
    return found, own
