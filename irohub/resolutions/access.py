"""Who may respond to a challenge: a manager of the social-work team of the child's
social worker when the challenge was raised (the council's side of the process, not the
IRO service; ADR 0012). The challenge is routed to that team as it opens."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Q

from irohub.accounts.access import has_permission
from irohub.accounts.models import SocialWorkTeam
from irohub.accounts.roles import Permission
from irohub.children.models import Child, SocialWorkerAllocation
from irohub.resolutions.models import Challenge


def team_holding(child: Child, day: date) -> SocialWorkTeam | None:
    """The social-work team of the child's allocated social worker on `day` (the latest
    allocation covering it), or None when no social worker is recorded."""
    allocation = (
        SocialWorkerAllocation.objects.filter(
            Q(end__isnull=True) | Q(end__gte=day), child=child, start__lte=day
        )
        .select_related("social_worker__team")
        .order_by("-start", "-id")
        .first()
    )
    return allocation.social_worker.team if allocation else None


def may_respond(user: Any, challenge: Challenge) -> bool:
    if not has_permission(user, Permission.RESPOND_TO_CHALLENGE):
        return False
    team_id = challenge.social_work_team_id
    return (
        team_id is not None
        and SocialWorkTeam.managers.through.objects.filter(
            socialworkteam_id=team_id, user_id=user.pk
        ).exists()
    )
