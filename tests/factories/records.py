"""Builders for children's records with a history, and for people in each role.
Synthetic data only."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from irohub.accounts.models import IRO, UserRole
from irohub.children.clock import refresh_review_clock
from irohub.children.models import CarePeriod, Child
from tests.factories import (
    CarePeriodFactory,
    ChildFactory,
    EpisodeFactory,
    IROFactory,
    ReviewFactory,
    UserFactory,
)


def user_with_role(role: str, **fields):
    """A user holding one role (keys of irohub.accounts.roles.ROLES)."""
    user = UserFactory(**fields)
    UserRole.objects.create(user=user, role=role)
    return user


def iro_in_post(**user_fields) -> IRO:
    """An IRO with the IRO role and a profile in post."""
    return IROFactory(user=user_with_role("iro", **user_fields))


def child_in_care(*, start: date, date_of_birth: date, **child_fields) -> Child:
    """A child looked after since `start`, in one episode, with the clock cache up to date."""
    child = ChildFactory(date_of_birth=date_of_birth, **child_fields)
    period = CarePeriodFactory(child=child, start=start)
    EpisodeFactory(care_period=period)
    refresh_review_clock([period.id])
    return child


def add_period(
    child: Child,
    *,
    start: date,
    end: date | None = None,
    reason_ceased: str = "",
    reviews: Sequence[date] = (),
    chair: IRO | None = None,
    participation: str = "PN1",
) -> CarePeriod:
    """A care period with one episode and the given reviews; the clock is refreshed."""
    period = CarePeriodFactory(child=child, start=start, end=end, reason_ceased=reason_ceased)
    EpisodeFactory(care_period=period, end=end, reason_ceased=reason_ceased)
    for held in reviews:
        ReviewFactory(care_period=period, held=held, chair=chair, participation=participation)
    refresh_review_clock([period.id])
    return period
