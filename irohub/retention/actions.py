"""Deleting records under the retention rule: the one write of this area."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction

from irohub.advocacy.models import AdvocacyReferral
from irohub.allocation.models import Allocation
from irohub.audit.actions import record_event
from irohub.audit.events import EventType
from irohub.children.models import CarePeriod, Child, Episode
from irohub.conferences.models import Conference, ProtectionCase
from irohub.consultation.models import (
    ConsultationRequest,
    ConsultationResponse,
    ReviewPreparation,
)
from irohub.retention.rules import is_due, retention_age, retention_date
from irohub.reviews.models import Review


@transaction.atomic
def delete_under_retention(
    *, actor: AbstractBaseUser, child_ids: list[int], today: date
) -> list[str]:
    """Delete the records of these children, each past its retention date (an
    administrator confirmed the list): the child, care periods, episodes, reviews,
    allocations, child protection cases and conferences. The audit trail stays (events
    have no foreign keys), and one event per child says what went, naming the child by
    identifier only. Returns the identifiers."""
    children = list(
        Child.objects.select_for_update().filter(pk__in=child_ids).order_by("identifier")
    )
    if set(child_ids) - {child.pk for child in children}:
        raise ValidationError("A record on the list has already gone: look at the list again")
    not_due = [child.identifier for child in children if not is_due(child, today)]
    if not_due:
        raise ValidationError(
            f"Not past its retention date, or still in care: {', '.join(not_due)}"
        )
    deleted = []
    for child in children:
        periods = CarePeriod.objects.filter(child=child)
        episodes = Episode.objects.filter(care_period__child=child)
        reviews = Review.objects.filter(child=child)
        allocations = Allocation.objects.filter(child=child)
        conferences = Conference.objects.filter(case__child=child)
        cases = ProtectionCase.objects.filter(child=child)
        preparations = ReviewPreparation.objects.filter(child=child)
        views = ConsultationResponse.objects.filter(preparation__child=child)
        links = ConsultationRequest.objects.filter(preparation__child=child)
        referrals = AdvocacyReferral.objects.filter(child=child)
        record_event(
            actor=actor,
            action=EventType.CHILD_DELETED_UNDER_RETENTION,
            target=child,
            child_id=child.pk,
            identifier=child.identifier,
            retention_age=retention_age(),
            retention_date=retention_date(child.date_of_birth).isoformat(),
            deleted={
                "care_periods": periods.count(),
                "episodes": episodes.count(),
                "reviews": reviews.count(),
                "allocations": allocations.count(),
                "child_protection_cases": cases.count(),
                "conferences": conferences.count(),
                "review_preparations": preparations.count(),
                "consultation_views": views.count(),
                "advocacy_referrals": referrals.count(),
            },
        )
        # Children before parents, explicitly: nothing depends on a cascade.
        views.delete()
        links.delete()
        preparations.delete()
        referrals.delete()
        reviews.delete()
        allocations.delete()
        conferences.delete()
        cases.delete()
        episodes.delete()
        periods.delete()
        child.restricted_to.clear()
        child.delete()
        deleted.append(child.identifier)
    return deleted
