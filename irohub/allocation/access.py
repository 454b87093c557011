"""Who may allocate which child to which IRO: the rule, in one place (docs/roles-and-access.md).

A service manager (every team) allocates any child to any IRO. A team manager allocates
within the teams they manage: to an IRO of one of those teams, and only a child who has no
IRO or whose IRO is in one of those teams. A child of another team is re-allocated by that
team's manager or a service manager.
"""

from __future__ import annotations

from typing import Any

from irohub.accounts.access import has_permission
from irohub.accounts.models import IRO, Team
from irohub.accounts.roles import Permission


def allocating_teams(user: Any) -> set[int] | None:
    """The ids of the teams within which `user` allocates; None for every team."""
    if user is None or has_permission(user, Permission.VIEW_ALL_TEAMS):
        return None
    return set(Team.objects.filter(managers=user).values_list("pk", flat=True))


def allocation_refusals(user: Any, *, iro: IRO, current: IRO | None) -> dict[str, str]:
    """Why `user` may not make `iro` the child's IRO (keyed by the form's fields), when the
    child's IRO is `current` (None: no IRO); empty when they may. `user` None is the system
    (imports, scripts)."""
    teams = allocating_teams(user)
    if teams is None:
        return {}
    refusals = {}
    if current is not None and current.team_id not in teams:
        refusals["iro"] = (
            f"This child's IRO, {current}, is in {current.team}: only that team's manager or "
            "a service manager can allocate them"
        )
    elif iro.team_id not in teams:
        refusals["iro"] = (
            f"{iro} is in {iro.team}, which you do not manage: choose an IRO of your team, "
            "or ask a service manager"
        )
    return refusals
