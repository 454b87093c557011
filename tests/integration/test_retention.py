"""Retention: records past the retention birthday are listed for an administrator, who
confirms their deletion; the deletion is an action and the audit trail keeps it."""

from __future__ import annotations

from datetime import date

import pytest
from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError

from irohub.allocation.models import Allocation
from irohub.audit.actions import record_event
from irohub.audit.models import AuditEvent
from irohub.children.models import CarePeriod, Child, Episode
from irohub.retention.actions import delete_under_retention
from irohub.retention.rules import records_due, retention_date
from irohub.reviews.models import Review
from tests.factories import (
    AllocationFactory,
    CarePeriodFactory,
    ChildFactory,
    EpisodeFactory,
    ReviewFactory,
)
from tests.factories.workspace import today, user_in_role

pytestmark = pytest.mark.django_db


def born_years_ago(years: int, days: int = 0) -> date:
    return today() - relativedelta(years=years) + relativedelta(days=days)


def old_record(identifier: str, born: date) -> Child:
    """A child looked after long ago, with the whole record: periods, episodes, reviews,
    an allocation."""
    child = ChildFactory(identifier=identifier, date_of_birth=born)
    start = born + relativedelta(years=10)
    period = CarePeriodFactory(
        child=child, start=start, end=start + relativedelta(years=2), reason_ceased="E11"
    )
    EpisodeFactory(care_period=period, end=period.end, reason_ceased="E11", placement="U1")
    ReviewFactory(care_period=period, held=start + relativedelta(days=20))
    AllocationFactory(child=child, start=start, end=period.end)
    return child


def test_the_75th_birthday_is_the_retention_date():
    assert retention_date(date(1950, 3, 1)) == date(2025, 3, 1)
    # Born on 29 February: the record goes on 28 February of a common year.
    assert retention_date(date(1952, 2, 29)) == date(2027, 2, 28)


def test_records_past_their_retention_date_are_listed():
    due_today = ChildFactory(identifier="DUE0", date_of_birth=born_years_ago(75))
    long_past = old_record("DUE1", born_years_ago(80))
    not_yet = ChildFactory(identifier="NOT1", date_of_birth=born_years_ago(75, days=1))
    still_in_care = ChildFactory(identifier="NOT2", date_of_birth=born_years_ago(90))
    CarePeriodFactory(child=still_in_care, start=date(2020, 1, 6))

    listed = records_due(today())
    assert [r.identifier for r in listed] == [long_past.identifier, due_today.identifier]
    assert listed[0].last_in_care == long_past.care_periods.get().end
    assert not_yet.identifier not in {r.identifier for r in listed}


def test_the_retention_age_is_a_setting(settings):
    ChildFactory(identifier="YOUNG", date_of_birth=born_years_ago(30))
    assert records_due(today()) == []
    settings.IROHUB_RETENTION_AGE = 25
    assert [r.identifier for r in records_due(today())] == ["YOUNG"]


def test_an_administrator_confirms_the_deletion_and_the_audit_trail_stays(client):
    admin = user_in_role("administrator")
    child = old_record("GONE1", born_years_ago(76))
    kept = old_record("KEEP1", born_years_ago(60))
    # An event from the record's life (someone opened it years ago).
    record_event(actor=admin, action="child.opened", target=child, child_id=child.pk)
    # Views gathered for its review and an advocacy referral go with it.
    from irohub.advocacy.models import AdvocacyReferral
    from irohub.consultation.models import ConsultationResponse, ReviewPreparation

    review = Review.objects.get(child=child)
    preparation = ReviewPreparation.objects.create(child=child, due=review.held, review=review)
    ConsultationResponse.objects.create(
        preparation=preparation,
        respondent="child",
        name=child.first_name,
        version="young_person",
        source="paper",
        summary="Happy where I live",
        returned=review.held,
    )
    AdvocacyReferral.objects.create(child=child, referred=review.held, reason="meetings")
    client.force_login(admin)

    page = client.get("/retention/").content.decode()
    assert "GONE1" in page and "KEEP1" not in page
    assert child.first_name not in page  # identifiers and dates only

    # Not confirmed: nothing happens, and the form says why.
    response = client.post("/retention/", {"child": [child.pk]})
    assert response.status_code == 400
    assert "Confirm that the selected records may be deleted" in response.content.decode()
    assert Child.objects.filter(pk=child.pk).exists()

    response = client.post("/retention/", {"child": [child.pk], "confirm": "on"}, follow=True)
    assert response.status_code == 200
    assert "Deleted 1 record (GONE1)" in response.content.decode()

    assert not Child.objects.filter(pk=child.pk).exists()
    for model in (CarePeriod, Review, Allocation):
        assert not model.objects.filter(child_id=child.pk).exists(), model
    assert not Episode.objects.filter(care_period__child_id=child.pk).exists()
    assert Child.objects.filter(pk=kept.pk).exists()
    assert Review.objects.filter(child=kept).count() == 1

    events = AuditEvent.objects.filter(child_id=child.pk)
    assert set(events.values_list("action", flat=True)) == {
        "child.opened",
        "child.deleted_under_retention",
    }
    deletion = events.get(action="child.deleted_under_retention")
    assert deletion.actor_id == admin.pk
    assert deletion.details["identifier"] == "GONE1"
    assert deletion.details["deleted"] == {
        "care_periods": 1,
        "episodes": 1,
        "reviews": 1,
        "allocations": 1,
        "child_protection_cases": 0,
        "conferences": 0,
        "review_preparations": 1,
        "consultation_views": 1,
        "advocacy_referrals": 1,
    }
    assert not ReviewPreparation.objects.filter(child_id=child.pk).exists()
    assert not ConsultationResponse.objects.filter(preparation__child_id=child.pk).exists()
    assert not AdvocacyReferral.objects.filter(child_id=child.pk).exists()
    # Nothing personal beyond the identifier.
    text = str(deletion.details)
    for personal in (child.first_name, child.last_name, child.date_of_birth.isoformat()):
        assert personal not in text


def test_only_records_on_the_list_can_be_deleted(client):
    admin = user_in_role("administrator")
    young = ChildFactory(identifier="YOUNG2", date_of_birth=born_years_ago(20))
    client.force_login(admin)
    response = client.post("/retention/", {"child": [young.pk], "confirm": "on"})
    assert response.status_code == 400
    assert "already gone" in response.content.decode()
    assert Child.objects.filter(pk=young.pk).exists()
    # And the action itself refuses, whoever calls it.
    with pytest.raises(ValidationError, match="YOUNG2"):
        delete_under_retention(actor=admin, child_ids=[young.pk], today=today())
    assert Child.objects.filter(pk=young.pk).exists()


@pytest.mark.parametrize("role", ["iro", "team_manager", "service_manager", "auditor"])
def test_only_administrators_see_the_retention_list(client, role):
    old_record("GONE2", born_years_ago(80))
    client.force_login(user_in_role(role))
    assert client.get("/retention/").status_code == 403
