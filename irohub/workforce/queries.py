"""Reads of the workforce: as core records for the register (M-WF-01's FTE, M-WF-03c..f),
the people a form may name, and what the workforce and team pages show."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Model, Q, QuerySet

from irohub.accounts.models import IRO, Team
from irohub.children.records import staff_records
from irohub.records.fostering import Fostering, ReviewingOfficerRecord
from irohub.records.register import Register
from irohub.records.workforce import (
    FIRO,
    AbsenceRecord,
    PostRecord,
    StaffRecord,
    TermsRecord,
    Workforce,
    WorkforceSnapshot,
    monthly_history,
    snapshot,
    staff_of,
)
from irohub.records.workforce import (
    IRO as IRO_ROLE,
)
from irohub.workforce.models import Absence, Post, Terms

__all__ = [
    "HISTORY_MONTHS",
    "Overview",
    "Person",
    "TeamWorkforce",
    "absences",
    "iro_fte_on",
    "overview",
    "people",
    "person_id",
    "posts",
    "service_staff",
    "team_workforce",
    "teams_workforce",
    "terms",
    "with_workforce",
    "workforce_records",
]

HISTORY_MONTHS = 12  # the history by month the pages show

# The fostering app is beside the apps that show the workforce; its reviewing officers are
# reached through the relation this app declares (as children.records reaches quality's).
ReviewingOfficer: Any = Terms._meta.get_field("reviewing_officer").related_model


def person_id(record: Terms | Absence) -> str:
    """The core records' id of the person: "iro:<id>" or "firo:<id>"."""
    if record.iro_id is not None:
        return f"iro:{record.iro_id}"
    return f"firo:{record.reviewing_officer_id}"


def workforce_records() -> Workforce | None:
    """Every post, terms and absence as core records (three queries); None when nothing is
    recorded at all, so the establishment measures say "no data" rather than 0 of 0."""
    post_rows = list(Post.objects.select_related("team").order_by("id"))
    terms_rows = list(Terms.objects.order_by("start_date", "id"))
    absence_rows = list(Absence.objects.order_by("start_date", "id"))
    if not (post_rows or terms_rows or absence_rows):
        return None
    return Workforce(
        posts=tuple(
            PostRecord(
                str(p.pk),
                p.team.name if p.team else "",
                p.role,
                float(p.fte),
                p.start_date,
                p.end_date,
            )
            for p in post_rows
        ),
        terms=tuple(
            TermsRecord(person_id(t), t.start_date, float(t.fte), t.basis, t.end_date)
            for t in terms_rows
        ),
        absences=tuple(
            AbsenceRecord(person_id(a), a.start_date, a.reason, a.end_date) for a in absence_rows
        ),
    )


def with_workforce(register: Register) -> Register:
    """The register with the service's workforce (a REGISTER_EXTENSIONS function)."""
    return replace(register, workforce=workforce_records())


def _officer_records() -> tuple[ReviewingOfficerRecord, ...]:
    return tuple(
        ReviewingOfficerRecord(str(o.pk), str(o), float(o.fte), o.start_date, o.end_date)
        for o in ReviewingOfficer.objects.select_related("user").order_by("id")
    )


def service_staff(workforce: Workforce | None = None) -> tuple[StaffRecord, ...]:
    """Every IRO and reviewing officer with their dated terms (the register's staff, without
    reading the children)."""
    register = Register(
        children=(),
        staff=staff_records(),
        fostering=Fostering(reviewing_officers=_officer_records()),
        workforce=workforce,
    )
    return staff_of(register)


@dataclass(frozen=True)
class Person:
    """Someone a form may name: "iro:<id>" or "firo:<id>", and how they are shown."""

    key: str
    label: str
    record: Model


def people(today: date) -> list[Person]:
    """Every IRO and reviewing officer, those in post today first (by name)."""
    found: list[tuple[bool, str, Person]] = []
    for iro in IRO.objects.select_related("user", "team"):
        in_post = iro.end_date is None or iro.end_date >= today
        label = f"{iro} (IRO, {iro.team.name})" + ("" if in_post else ", left")
        found.append((not in_post, str(iro), Person(f"iro:{iro.pk}", label, iro)))
    for officer in ReviewingOfficer.objects.select_related("user"):
        in_post = officer.end_date is None or officer.end_date >= today
        label = f"{officer} (foster carer reviewing officer)" + ("" if in_post else ", left")
        found.append((not in_post, str(officer), Person(f"firo:{officer.pk}", label, officer)))
    return [person for *_, person in sorted(found, key=lambda f: (f[0], f[1], f[2].key))]


def posts() -> QuerySet[Post]:
    return Post.objects.select_related("team")


def terms() -> QuerySet[Terms]:
    return Terms.objects.select_related("iro__user", "reviewing_officer__user").order_by(
        "-start_date", "-id"
    )


def absences() -> QuerySet[Absence]:
    return Absence.objects.select_related("iro__user", "reviewing_officer__user")


@dataclass(frozen=True)
class TeamWorkforce:
    """One team's (or the service's) workforce today and at the end of recent months."""

    name: str
    today: WorkforceSnapshot
    history: list[WorkforceSnapshot]


def team_workforce(
    team: Team | None, today: date, *, role: str | None = None
) -> TeamWorkforce | None:
    """The workforce of `team` (None: the whole service) today and month by month over the
    last HISTORY_MONTHS months; None when no workforce is recorded."""
    workforce = workforce_records()
    if workforce is None:
        return None
    staff = service_staff(workforce)
    return _history(staff, workforce, today, team.name if team is not None else None, role)


@dataclass(frozen=True)
class Overview:
    """The workforce page: the service today and by month, and each team today."""

    service: TeamWorkforce
    teams: list[tuple[str, WorkforceSnapshot]]


def overview(today: date) -> Overview | None:
    """The whole service today and over the last months, and each team (and the foster
    carer reviewing officers, who have none) today; None when nothing is recorded."""
    workforce = workforce_records()
    if workforce is None:
        return None
    staff = service_staff(workforce)
    names = [team.name for team in Team.objects.order_by("name")]
    teams = [(name, snapshot(staff, workforce, today, team=name)) for name in names]
    teams.append(("Foster carer reviewing officers", snapshot(staff, workforce, today, role=FIRO)))
    return Overview(_history(staff, workforce, today, None, None), teams)


def _history(
    staff: tuple[StaffRecord, ...],
    workforce: Workforce,
    today: date,
    team: str | None,
    role: str | None,
) -> TeamWorkforce:
    # The last HISTORY_MONTHS complete months (SNAP-M: each month's last day).
    last = today.replace(day=1) - timedelta(days=1)
    year, month = divmod(last.year * 12 + last.month - HISTORY_MONTHS, 12)
    first = date(year, month + 1, 1)
    return TeamWorkforce(
        name=team or "The whole service",
        today=snapshot(staff, workforce, today, team=team, role=role),
        history=monthly_history(staff, workforce, first, last, team=team, role=role),
    )


def iro_fte_on(iros: Iterable[IRO], day: date) -> dict[int, Decimal]:
    """Each IRO's FTE on `day` where dated terms cover it (one query): the FTE in post
    rule of irohub.records.workforce; IROs without such terms are left out."""
    by_iro: dict[int, list[TermsRecord]] = {}
    covering = Terms.objects.filter(
        Q(end_date__isnull=True) | Q(end_date__gte=day),
        iro__in=[iro.pk for iro in iros],
        start_date__lte=day,
    )
    for row in covering:
        by_iro.setdefault(row.iro_id, []).append(
            TermsRecord(person_id(row), row.start_date, float(row.fte), row.basis, row.end_date)
        )
    found = {}
    for iro in iros:
        if iro.pk in by_iro:
            record = StaffRecord(
                f"iro:{iro.pk}",
                str(iro.pk),
                "",
                IRO_ROLE,
                float(iro.fte),
                iro.start_date,
                iro.end_date,
                tuple(by_iro[iro.pk]),
            )
            found[iro.pk] = Decimal(str(record.fte_on(day))).quantize(Decimal("0.01"))
    return found


def teams_workforce(teams: Iterable[Team], today: date) -> list[TeamWorkforce]:
    """Each team's workforce today and over the last months (the team page); empty when no
    workforce is recorded."""
    workforce = workforce_records()
    if workforce is None:
        return []
    staff = service_staff(workforce)
    return [_history(staff, workforce, today, team.name, None) for team in teams]
