"""factory_boy factories for fostering. Synthetic data only."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import factory

from irohub.fostering.models import Household, Placement, ReviewingOfficer
from tests.factories import ChildFactory, UserFactory


class ReviewingOfficerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReviewingOfficer

    user = factory.SubFactory(UserFactory)
    fte = Decimal("1.00")
    start_date = date(2015, 1, 5)


class HouseholdFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Household

    reference = factory.Sequence(lambda n: f"FH{n:05d}")
    name = factory.Sequence(lambda n: f"The Example {n} household")
    carers = "Jo Example and Sam Example"
    kind = "mainstream"
    approved = date(2024, 2, 29)


class PlacementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Placement

    household = factory.SubFactory(HouseholdFactory)
    child = factory.SubFactory(ChildFactory)
    start = date(2024, 6, 3)
