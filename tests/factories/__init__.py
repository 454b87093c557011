"""factory_boy factories for the register. Synthetic data only."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model

from irohub.accounts.models import IRO, SocialWorker, SocialWorkTeam, Team
from irohub.allocation.models import Allocation
from irohub.children.models import (
    CarePeriod,
    Child,
    Episode,
    PersonAroundChild,
    SiblingGroup,
    SocialWorkerAllocation,
)
from irohub.reviews.models import EarlyReview, Review, ReviewAction, ReviewParent


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
    password = factory.django.Password("synthetic-password-123")


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"IRO team {n}")


class IROFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IRO

    user = factory.SubFactory(UserFactory)
    team = factory.SubFactory(TeamFactory)
    fte = Decimal("1.00")
    start_date = date(2015, 1, 5)


class SocialWorkTeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SocialWorkTeam
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Children in care team {n}")


class SocialWorkerFactory(factory.django.DjangoModelFactory):
    """A social worker; give `user` one holding the social_worker role to let them sign in
    (tests.factories.workspace.social_worker_with_role)."""

    class Meta:
        model = SocialWorker

    user = factory.SubFactory(UserFactory)
    team = factory.SubFactory(SocialWorkTeamFactory)
    start_date = date(2018, 4, 3)


class SocialWorkerAllocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SocialWorkerAllocation

    child = factory.SubFactory("tests.factories.ChildFactory")
    social_worker = factory.SubFactory(SocialWorkerFactory)
    start = date(2020, 1, 6)


class SiblingGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SiblingGroup

    name = factory.Faker("last_name", locale="en_GB")


class ChildFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Child

    identifier = factory.Sequence(lambda n: f"T{n:06d}")
    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
    date_of_birth = date(2012, 6, 15)
    sex = "F"
    ethnicity = "WBRI"


class CarePeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CarePeriod

    child = factory.SubFactory(ChildFactory)
    start = date(2021, 12, 6)


class EpisodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Episode

    care_period = factory.SubFactory(CarePeriodFactory)
    start = factory.LazyAttribute(lambda episode: episode.care_period.start)
    reason_new_episode = "S"
    legal_status = "C2"
    category_of_need = "N1"
    placement = "U6"
    placement_provider = "PR1"


class AllocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Allocation

    child = factory.SubFactory(ChildFactory)
    iro = factory.SubFactory(IROFactory)
    start = date(2021, 12, 6)
    allocated_on = factory.LazyAttribute(lambda allocation: allocation.start)


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Review

    care_period = factory.SubFactory(CarePeriodFactory)
    child = factory.LazyAttribute(lambda review: review.care_period.child)
    held = factory.LazyAttribute(lambda review: review.care_period.start)
    participation = "PN1"


class PersonAroundChildFactory(factory.django.DjangoModelFactory):
    """A parent (by default the mother, with parental responsibility) or other person."""

    class Meta:
        model = PersonAroundChild

    child = factory.SubFactory(ChildFactory)
    role = "mother"
    name = factory.Faker("name", locale="en_GB")
    relationship = "birth mother"
    parental_responsibility = True
    phone = "07700 900123"
    preferred_contact = "phone"
    start = date(2021, 12, 6)


class ReviewParentFactory(factory.django.DjangoModelFactory):
    """A parent's part in a review (the parent is the review's child's)."""

    class Meta:
        model = ReviewParent

    review = factory.SubFactory(ReviewFactory)
    person = factory.SubFactory(
        PersonAroundChildFactory, child=factory.SelfAttribute("..review.child")
    )
    status = "attended"


class ReviewActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReviewAction

    review = factory.SubFactory(ReviewFactory)
    decision = "Arrange a health assessment"
    owner = "Social worker"
    due = factory.LazyAttribute(lambda action: action.review.held)


class EarlyReviewFactory(factory.django.DjangoModelFactory):
    """An IRO's request for an early review (ER-1); give `due` from the rules core."""

    class Meta:
        model = EarlyReview

    care_period = factory.SubFactory(CarePeriodFactory)
    child = factory.LazyAttribute(lambda request: request.care_period.child)
    trigger = "ER-1"
    raised = factory.LazyAttribute(lambda request: request.care_period.start)
    due = factory.LazyAttribute(lambda request: request.raised)
