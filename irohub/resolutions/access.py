"""Who may respond to a challenge: a manager of the social-work team of the child's
social worker (the council's side of the process, not the IRO service)."""

from __future__ import annotations

from typing import Any

from irohub.accounts.access import has_permission
from irohub.accounts.roles import Permission
from irohub.resolutions.models import Challenge


def may_respond(user: Any, challenge: Challenge) -> bool:
    return has_permission(user, Permission.RESPOND_TO_CHALLENGE)
