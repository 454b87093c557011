"""Reads of challenges: an IRO's open ones, the managers' list by team, stage, theme and
age, and the quarterly thematic summary. Every list respects the restricted-record rule
(irohub.children.access) and reads in a fixed number of queries."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from statistics import median
from typing import Any

from django.db.models import Prefetch, QuerySet

from irohub.accounts.access import has_permission
from irohub.accounts.roles import Permission
from irohub.children.access import visible
from irohub.core.calendar import get_calendar
from irohub.resolutions.models import Challenge, PracticeTheme
from irohub.resolutions.rules import resolution_rules
from irohub.statutory.resolution import Move, Outcome, Stage, Status, allowed_moves

__all__ = [
    "AGE_BANDS",
    "ChallengeFilters",
    "ThematicSummary",
    "age_band",
    "challenge_list",
    "iro_open_challenges",
    "moves_for",
    "thematic_summary",
]

# How long a challenge has been open, in working days (the managers' "age" filter).
AGE_BANDS: dict[str, tuple[int, int | None]] = {
    "0 to 5 working days": (0, 5),
    "6 to 10 working days": (6, 10),
    "11 to 20 working days": (11, 20),
    "Over 20 working days": (21, None),
}


def age_band(opened: date, today: date) -> str:
    days = get_calendar().working_days_between(opened, today)
    for name, (low, high) in AGE_BANDS.items():
        if days >= low and (high is None or days <= high):
            return name
    raise AssertionError("the bands cover every age")  # pragma: no cover


def _base(user: Any) -> QuerySet[Challenge]:
    """The challenges `user` may list: the IRO service's people see every one (bar the
    restricted records they are not named on); a social-work manager those routed to the
    teams they manage."""
    rows = Challenge.objects.filter(visible(user, via="child"))
    if not (
        has_permission(user, Permission.VIEW_CHALLENGES)
        or has_permission(user, Permission.RATE_REVIEW)
    ):
        rows = rows.filter(social_work_team__managers=user)
    return rows.select_related("child", "iro__user", "social_work_team").prefetch_related(
        Prefetch("themes", queryset=PracticeTheme.objects.order_by("position"))
    )


def iro_open_challenges(user: Any) -> list[Challenge]:
    """The open challenges the user raised (as an IRO), the soonest deadline first."""
    rows = _base(user).filter(raised_by=user).exclude(status=Status.CLOSED.value)
    return sorted(rows, key=lambda c: (c.stage_due or date.max, c.opened))


@dataclass(frozen=True)
class ChallengeFilters:
    stage: int | None = None
    theme: int | None = None
    age: str = ""
    status: str = "open"  # open, closed or all
    team: int | None = None


def challenge_list(user: Any, filters: ChallengeFilters, *, today: date) -> list[Challenge]:
    rows = _base(user)
    if filters.status == "open":
        rows = rows.exclude(status=Status.CLOSED.value)
    elif filters.status == "closed":
        rows = rows.filter(status=Status.CLOSED.value)
    if filters.stage is not None:
        rows = rows.filter(stage=filters.stage)
    if filters.theme is not None:
        rows = rows.filter(themes=filters.theme)
    if filters.team is not None:
        rows = rows.filter(social_work_team=filters.team)
    result = list(rows.order_by("-opened", "-id"))
    if filters.age:
        result = [c for c in result if age_band(c.opened, c.closed or today) == filters.age]
    return result


def moves_for(challenge: Challenge) -> frozenset[Move]:
    return allowed_moves(challenge.state)


@dataclass(frozen=True)
class ThematicSummary:
    """A quarter's challenges: by theme and stage reached, time to resolve, repeat issues."""

    start: date
    end: date
    stage_names: dict[int, str]
    by_theme: dict[str, Counter[int]]  # theme → stage reached → challenges
    by_stage: Counter[int]
    outcomes: Counter[str]
    resolved: int
    median_working_days_to_close: float | None
    repeats: list[tuple[str, str, int]]  # child identifier, theme, challenges in 12 months


def thematic_summary(user: Any, start: date, end: date) -> ThematicSummary:
    """Challenges opened from `start` to `end` inclusive; a repeat issue is a child with two
    or more challenges on one theme opened in the 12 months to `end`."""
    rules = resolution_rules()
    calendar = get_calendar()
    rows = list(_base(user).filter(opened__gte=start, opened__lte=end))
    by_theme: dict[str, Counter[int]] = defaultdict(Counter)
    by_stage: Counter[int] = Counter()
    outcomes: Counter[str] = Counter()
    days_to_close = []
    for challenge in rows:
        by_stage[challenge.stage] += 1
        for theme in challenge.themes.all():
            by_theme[theme.name][challenge.stage] += 1
        if not challenge.themes.all():
            by_theme["No theme recorded"][challenge.stage] += 1
        if challenge.closed:
            outcomes[challenge.outcome] += 1
            days_to_close.append(calendar.working_days_between(challenge.opened, challenge.closed))
    year_before = date(end.year - 1, end.month, min(end.day, 28))
    counts: Counter[tuple[str, str]] = Counter()
    for challenge in _base(user).filter(opened__gt=year_before, opened__lte=end):
        for theme in challenge.themes.all():
            counts[(challenge.child.identifier, theme.name)] += 1
    repeats = sorted(
        ((child, theme, n) for (child, theme), n in counts.items() if n > 1),
        key=lambda r: (-r[2], r[0], r[1]),
    )
    return ThematicSummary(
        start=start,
        end=end,
        stage_names={int(stage): rules.name(stage) for stage in Stage},
        by_theme=dict(sorted(by_theme.items())),
        by_stage=by_stage,
        outcomes=outcomes,
        resolved=outcomes[Outcome.RESOLVED.value],
        median_working_days_to_close=median(days_to_close) if days_to_close else None,
        repeats=repeats,
    )
