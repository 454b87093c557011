"""The demo council's children's social care: social-work teams, their social workers and
who holds each child over time (ADR 0012). Pure Python, drawn from its own random stream so
that adding it changes nothing else the generator draws."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from math import ceil
from random import Random

from irohub.demo import names

# Children's social care teams of a mid-sized council; the disabled children's team holds the
# children on short breaks and other disabled children, leaving care those aged 16 and over.
CHILDREN_IN_CARE_TEAMS = ("Children in Care North", "Children in Care South")
DISABLED_CHILDREN_TEAM = "Disabled Children's Team"
LEAVING_CARE_TEAM = "Leaving Care and Pathways"
TEAMS = (*CHILDREN_IN_CARE_TEAMS, DISABLED_CHILDREN_TEAM, LEAVING_CARE_TEAM)
CHILDREN_PER_SOCIAL_WORKER = 15  # a typical children-in-care caseload
# How long a social worker holds a child before the case moves on (staff turnover, moves
# between teams): uniformly between these, in days.
HOLD_DAYS = (120, 720)


@dataclass(frozen=True, slots=True)
class SocialWorkTeamRow:
    key: int
    name: str


@dataclass(frozen=True, slots=True)
class SocialWorkerRow:
    key: int
    team: int
    first_name: str
    last_name: str
    username: str
    start_date: date


@dataclass(frozen=True, slots=True)
class SocialWorkerAllocationRow:
    child: int
    social_worker: int
    start: date
    end: date | None


@dataclass(frozen=True, slots=True)
class CareSpan:
    """What the drawing needs of one care period: whose, when, and the child's facts."""

    child: int
    start: date
    end: date | None
    date_of_birth: date
    disabled: bool


@dataclass
class SocialWork:
    teams: list[SocialWorkTeamRow]
    social_workers: list[SocialWorkerRow]
    allocations: list[SocialWorkerAllocationRow]


def draw_social_work(
    spans: list[CareSpan], *, seed: int, in_care_now: int, as_of: date
) -> SocialWork:
    """Teams sized to the children in care now, and for each care period a run of social
    workers from the team that fits the child, each holding them for months at a time."""
    rng = Random(f"{seed}-social-work")
    first = min((span.start for span in spans), default=date(2000, 1, 1))
    per_team = max(2, ceil(in_care_now / CHILDREN_PER_SOCIAL_WORKER / len(TEAMS)))
    teams = [SocialWorkTeamRow(n, name) for n, name in enumerate(TEAMS)]
    workers: list[SocialWorkerRow] = []
    taken: set[str] = set()
    for team in teams:
        for _ in range(per_team):
            first_name, last_name = names.staff_name(rng)
            base = "sw." + "".join(
                ch for ch in f"{first_name}.{last_name}".lower() if ch.isalnum() or ch == "."
            )
            username, n = base, 1
            while username in taken:
                n += 1
                username = f"{base}{n}"
            taken.add(username)
            workers.append(
                SocialWorkerRow(len(workers), team.key, first_name, last_name, username, first)
            )
    of_team = {team.key: [w.key for w in workers if w.team == team.key] for team in teams}
    allocations: list[SocialWorkerAllocationRow] = []
    for span in spans:
        last = span.end if span.end is not None else as_of
        day = span.start
        while day <= last:
            worker = rng.choice(of_team[_team_for(span, day, rng)])
            stint_end = day + timedelta(days=rng.randint(*HOLD_DAYS))
            if stint_end >= last:  # the last holder: to the period's end, or still holding
                allocations.append(SocialWorkerAllocationRow(span.child, worker, day, span.end))
                break
            allocations.append(SocialWorkerAllocationRow(span.child, worker, day, stint_end))
            day = stint_end + timedelta(days=1)
    return SocialWork(teams, workers, allocations)


def _team_for(span: CareSpan, day: date, rng: Random) -> int:
    age = (
        day.year
        - span.date_of_birth.year
        - ((day.month, day.day) < (span.date_of_birth.month, span.date_of_birth.day))
    )
    if span.disabled and rng.random() < 0.8:
        return TEAMS.index(DISABLED_CHILDREN_TEAM)
    if age >= 16:
        return TEAMS.index(LEAVING_CARE_TEAM)
    return TEAMS.index(CHILDREN_IN_CARE_TEAMS[span.child % len(CHILDREN_IN_CARE_TEAMS)])
