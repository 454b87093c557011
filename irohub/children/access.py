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

Opening a record also needs the permission to open records: children.queries.may_open.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from irohub.children.models import Child

__all__ = ["hidden_children", "may_see", "visible", "visible_children"]


def visible(user: Any, *, via: str = "") -> Q:
    """The rule as a filter: not restricted, or restricted with `user` named on it.

    `via` is the path from the rows filtered to their child ("" for children themselves,
    "child" for care periods and other rows with a `child` foreign key).
    """
    prefix = f"{via}__" if via else ""
    child_pk = f"{via}_id" if via else "pk"
    user_pk = getattr(user, "pk", None) if getattr(user, "is_authenticated", False) else None
    named = Child.restricted_to.through.objects.filter(child_id=OuterRef(child_pk), user_id=user_pk)
    return Q(**{f"{prefix}restricted": False}) | Q(Exists(named))


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
