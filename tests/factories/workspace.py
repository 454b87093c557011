"""Builders for the IRO workspace: people in roles, and caseloads of any size made with
bulk_create so that a caseload of 500 children costs a handful of statements.
Synthetic data only."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from irohub.accounts.models import IRO, SocialWorker, SocialWorkTeam, Team, UserRole
from irohub.allocation.models import Allocation
from irohub.children.models import CarePeriod, Child, Episode
from irohub.core.calendar import get_calendar
from irohub.reviews.models import Review
from irohub.statutory import add_working_days
from tests.factories import (
    AllocationFactory,
    CarePeriodFactory,
    ChildFactory,
    EpisodeFactory,
    IROFactory,
    SocialWorkerFactory,
    SocialWorkTeamFactory,
    TeamFactory,
    UserFactory,
)

FIRST_NAMES = ["Ava", "Ben", "Cara", "Dev", "Ella", "Finn", "Gita", "Harry", "Isla", "Jay"]
LAST_NAMES = ["Ahmed", "Brown", "Clarke", "Davies", "Evans", "Fox", "Green", "Hughes"]


def today() -> date:
    return timezone.localdate()


def user_in_role(role: str, **fields):
    """A user holding one role (a key of irohub.accounts.roles.ROLES)."""
    user = UserFactory(**fields)
    UserRole.objects.create(user=user, role=role)
    return user


def iro_with_role(
    *,
    team: Team | None = None,
    fte: str = "1.00",
    start_date: date = date(2015, 1, 5),
    end_date: date | None = None,
    **user_fields,
) -> IRO:
    """An IRO profile whose user holds the IRO role."""
    return IROFactory(
        user=user_in_role("iro", **user_fields),
        team=team or TeamFactory(),
        fte=Decimal(fte),
        start_date=start_date,
        end_date=end_date,
    )


def social_worker_with_role(*, team: SocialWorkTeam | None = None, **user_fields) -> SocialWorker:
    """A social worker whose user holds the social_worker role."""
    return SocialWorkerFactory(
        user=user_in_role("social_worker", **user_fields), team=team or SocialWorkTeamFactory()
    )


def social_work_manager_of(team: SocialWorkTeam, **user_fields):
    """A user holding the social_work_manager role who manages `team`."""
    manager = user_in_role("social_work_manager", **user_fields)
    team.managers.add(manager)
    return manager


def due_on(status: str, day: date | None = None) -> date:
    """A next-review date that has the given status on `day` (default today)."""
    day = day or today()
    if status == "overdue":
        return day - timedelta(days=3)
    if status == "due-5":
        return add_working_days(day, 2, calendar=get_calendar())
    if status == "due-20":
        return add_working_days(day, 12, calendar=get_calendar())
    return day + timedelta(days=150)


def in_care(iro, *, status: str = "in-date", allocated: bool = True, **child_fields) -> Child:
    """A child in care since about a year ago with one episode, allocated to `iro`, whose next
    review has the given status today."""
    start = today() - timedelta(days=365)
    child = ChildFactory(**child_fields)
    period = CarePeriodFactory(child=child, start=start)
    EpisodeFactory(care_period=period, legal_status="C2", placement="U6")
    CarePeriod.objects.filter(pk=period.pk).update(next_review_due=due_on(status))
    if allocated:
        AllocationFactory(child=child, iro=iro, start=start)
    return child


def bulk_caseload(
    iro: IRO | None,
    count: int,
    *,
    prefix: str,
    statuses: tuple[str, ...] = ("overdue", "due-5", "due-20", "in-date"),
    reviews: int = 2,
) -> list[Child]:
    """`count` children in care, each with a care period, an episode, `reviews` reviews and
    (unless `iro` is None) an allocation to `iro`; next review dates cycle through
    `statuses`. The cached clock is written directly: these tests are about the lists,
    and the clock cache has its own tests."""
    now = today()
    period_start = now - timedelta(days=400)
    children = Child.objects.bulk_create(
        Child(
            identifier=f"{prefix}{number:05d}",
            first_name=FIRST_NAMES[number % len(FIRST_NAMES)],
            last_name=f"{LAST_NAMES[number % len(LAST_NAMES)]}-{prefix}{number}",
            date_of_birth=date(2010, 1, 1) + timedelta(days=number),
            sex="F" if number % 2 else "M",
            ethnicity="WBRI",
        )
        for number in range(count)
    )
    periods = CarePeriod.objects.bulk_create(
        CarePeriod(
            child=child,
            start=period_start,
            next_review_due=due_on(statuses[number % len(statuses)], now),
            reviews_held=reviews,
        )
        for number, child in enumerate(children)
    )
    Episode.objects.bulk_create(
        Episode(
            care_period=period,
            start=period_start,
            reason_new_episode="S",
            legal_status="C2",
            category_of_need="N1",
            placement="U6",
            placement_provider="PR1",
        )
        for period in periods
    )
    Review.objects.bulk_create(
        Review(
            child_id=period.child_id,
            care_period=period,
            held=period_start + timedelta(days=15 + 90 * n),
            participation="PN1",
        )
        for period in periods
        for n in range(reviews)
    )
    if iro is not None:
        Allocation.objects.bulk_create(
            Allocation(child=child, iro=iro, start=period_start, allocated_on=period_start)
            for child in children
        )
    return children
