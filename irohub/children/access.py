"""Who may see a restricted child: the ONE rule, in one place.

A child's record marked *restricted* is seen only by the people named on it
(`Child.restricted_to`); everyone else does not find it in search, lists, drill-downs,
downloads or the administration pages. Every reader of children uses what is here:

- `visible(user, via=...)`: the rule as a filter, for a query of children or of rows that
  belong to a child (`via="child"` for care periods, allocations, reviews …). It never
  multiplies rows (an EXISTS, not a join), so counts stay right.
- `visible_children(user)`: the children a person may see, as a queryset.
- `hidden_children(user)`: the restricted children a person may not see (to drop their
  rows from lists built outside the database, such as the performance drill-downs).
- `may_see(user, child)`: the same rule for one child already loaded (its answer comes
  from `visible`, so the predicate and the filter cannot drift apart).

Opening a record also needs a permission to open records, and the scope of that permission
(ADR 0012): IROs, managers and auditors (VIEW_CHILD) open any child they may see; social
workers and social-work managers (VIEW_ALLOCATED_CHILDREN) only the children their team holds
today. `openable(user)` is that whole rule as a filter, `may_open(user, child)` for one child;
`children.queries.open_child_record` is the one door that applies it and writes the trail.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from irohub.accounts.access import has_permission
from irohub.accounts.roles import Permission
from irohub.children.models import Child, SocialWorkerAllocation

__all__ = [
    "held_by",
    "hidden_children",
    "may_open",
    "may_see",
    "openable",
    "openable_children",
    "visible",
    "visible_children",
]


def visible(user: Any, *, via: str = "") -> Q:
    """The rule as a filter: not restricted, or restricted with `user` named on it.

    `via` is the path from the rows filtered to their child ("" for children themselves,
    "child" for care periods and other rows with a `child` foreign key).
    """
    prefix = f"{via}__" if via else ""
    child_pk = f"{via}_id" if via else "pk"
    user_pk = _user_pk(user)
    named = Child.restricted_to.through.objects.filter(child_id=OuterRef(child_pk), user_id=user_pk)
    return Q(**{f"{prefix}restricted": False}) | Q(Exists(named))


def _user_pk(user: Any) -> int | None:
    return getattr(user, "pk", None) if getattr(user, "is_authenticated", False) else None


def held_by(user: Any, *, via: str = "") -> Q:
    """Children whose allocated social worker today is `user`, or a social worker of a
    social-work team `user` manages (`via` as for `visible`)."""
    today = timezone.localdate()
    user_pk = _user_pk(user)
    live = SocialWorkerAllocation.objects.filter(
        Q(end__isnull=True) | Q(end__gte=today),
        child_id=OuterRef(f"{via}_id" if via else "pk"),
        start__lte=today,
    ).filter(Q(social_worker__user_id=user_pk) | Q(social_worker__team__managers__id=user_pk))
    return Q(Exists(live))


def openable(user: Any, *, via: str = "") -> Q:
    """The children whose records `user` may open: the restriction rule (`visible`) and the
    scope of their permission. Nothing for a person with neither permission."""
    if has_permission(user, Permission.VIEW_CHILD):
        return visible(user, via=via)
    if has_permission(user, Permission.VIEW_ALLOCATED_CHILDREN):
        return visible(user, via=via) & held_by(user, via=via)
    return Q(pk__in=[])


def openable_children(user: Any) -> QuerySet[Child]:
    """The children whose records `user` may open (a social worker's "My children")."""
    return Child.objects.filter(openable(user))


def may_open(user: Any, child: Child) -> bool:
    """Whether `user` may open this child's record: `openable` for one child."""
    if has_permission(user, Permission.VIEW_CHILD):
        return may_see(user, child)
    return child.pk is not None and Child.objects.filter(openable(user), pk=child.pk).exists()


def visible_children(user: Any) -> QuerySet[Child]:
    """The children `user` may see in lists and search results."""
    return Child.objects.filter(visible(user))


def hidden_children(user: Any) -> QuerySet[Child]:
    """The restricted children `user` is not named on: never listed for them."""
    return Child.objects.exclude(visible(user))


def may_see(user: Any, child: Child) -> bool:
    """Whether `user` may see this child: the rule of `visible` for one child (its first
    arm answered from the loaded child, the naming from the same filter)."""
    if not child.restricted:
        return True
    return child.pk is not None and Child.objects.filter(visible(user), pk=child.pk).exists()
