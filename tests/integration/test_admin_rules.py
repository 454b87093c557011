"""The administration pages obey the workspace's rules (issue 11, defect 9): a restricted
child is listed, found and opened there only by the people named on the record; every list,
opening, change and deletion of register data is audited; and a child (or care period) with
reviews is not deleted: records are kept. SQLite and PostgreSQL; synthetic data only."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.admin import helpers
from django.urls import reverse

from irohub.audit.models import AuditEvent
from irohub.children.models import CarePeriod, Child, Episode
from irohub.reviews.models import Review
from tests.factories import (
    AllocationFactory,
    CarePeriodFactory,
    ChildFactory,
    EpisodeFactory,
    ReviewFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def restricted():
    """A restricted child with a care period, an episode, a review and an allocation."""
    episode = EpisodeFactory(
        care_period__child__identifier="SECRET1",
        care_period__child__first_name="Hiddenia",
        care_period__child__restricted=True,
    )
    ReviewFactory(care_period=episode.care_period, held=date(2021, 12, 20))
    AllocationFactory(child=episode.care_period.child)
    return episode.care_period.child


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


LISTS = [
    "children_child",
    "children_careperiod",
    "children_episode",
    "reviews_review",
    "allocation_allocation",
]


@pytest.mark.parametrize("model", LISTS)
def test_a_restricted_child_is_not_listed_for_an_administrator_not_named(
    admin_client, restricted, model
):
    page = admin_client.get(reverse(f"admin:{model}_changelist"))
    assert page.status_code == 200
    assert "SECRET1" not in page.content.decode()
    assert "Hiddenia" not in page.content.decode()
    searched = admin_client.get(reverse(f"admin:{model}_changelist"), {"q": "SECRET1"})
    assert searched.context["cl"].result_count == 0


@pytest.mark.parametrize("model", LISTS)
def test_the_people_named_on_the_record_see_it(admin_client, admin_user, restricted, model):
    restricted.restricted_to.add(admin_user)
    page = admin_client.get(reverse(f"admin:{model}_changelist"))
    assert "SECRET1" in page.content.decode()
    searched = admin_client.get(reverse(f"admin:{model}_changelist"), {"q": "SECRET1"})
    assert searched.context["cl"].result_count == 1


def test_the_child_search_for_other_records_does_not_offer_it(admin_client, restricted):
    found = admin_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "reviews", "model_name": "review", "field_name": "child", "term": "SECRET"},
    )
    assert found.status_code == 200
    assert found.json()["results"] == []


def test_opening_a_restricted_child_there_is_refused_and_audited(
    admin_client, admin_user, restricted
):
    page = admin_client.get(reverse("admin:children_child_change", args=[restricted.pk]))
    assert page.status_code == 403
    assert "Hiddenia" not in page.content.decode()
    refused = AuditEvent.objects.get(action="child.refused", child_id=restricted.pk)
    assert refused.actor_username == admin_user.username
    assert refused.details["purpose"] == "administration"
    assert not AuditEvent.objects.filter(action="child.opened").exists()

    period = restricted.care_periods.get()
    for url in (
        reverse("admin:children_careperiod_change", args=[period.pk]),
        reverse("admin:reviews_review_change", args=[period.reviews.get().pk]),
        reverse("admin:children_child_delete", args=[restricted.pk]),
        reverse("admin:children_child_history", args=[restricted.pk]),
    ):
        assert admin_client.get(url).status_code == 403
    assert AuditEvent.objects.filter(action="child.refused", child_id=restricted.pk).count() == 5


def test_a_list_is_audited_with_the_children_it_showed(admin_client, admin_user):
    shown = ReviewFactory()
    admin_client.get(reverse("admin:reviews_review_changelist"))
    event = AuditEvent.objects.get(action="admin.listed")
    assert (event.actor_username, event.target_type) == (admin_user.username, "reviews.review")
    assert event.details["child_ids"] == [shown.child_id]
    assert event.details["rows"] == 1


def test_opening_a_record_there_is_audited(admin_client):
    episode = EpisodeFactory()
    admin_client.get(reverse("admin:children_episode_change", args=[episode.pk]))
    event = AuditEvent.objects.get(action="admin.opened")
    assert (event.target_type, event.target_id) == ("children.episode", str(episode.pk))
    assert event.child_id == episode.care_period.child_id


def test_a_change_there_is_audited_with_the_fields_changed(admin_client, admin_user):
    allocation = AllocationFactory(start=date(2021, 1, 4))
    url = reverse("admin:allocation_allocation_change", args=[allocation.pk])
    response = admin_client.post(
        url,
        {
            "child": allocation.child_id,
            "iro": allocation.iro_id,
            "start": "05/01/2021",
            "end": "",
            "allocated_on": allocation.allocated_on.strftime("%d/%m/%Y"),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    allocation.refresh_from_db()
    assert allocation.start == date(2021, 1, 5)
    event = AuditEvent.objects.get(action="admin.changed")
    assert event.actor_username == admin_user.username
    assert (event.target_type, event.child_id) == ("allocation.allocation", allocation.child_id)
    assert event.details["fields"] == ["start"]


def test_deleting_a_child_with_reviews_is_refused_and_the_records_are_kept(admin_client):
    review = ReviewFactory()
    child = review.child
    url = reverse("admin:children_child_delete", args=[child.pk])
    page = admin_client.post(url, {"post": "yes"})
    assert page.status_code == 200
    assert "keeps a child&#x27;s reviews" in page.content.decode()
    assert Child.objects.filter(pk=child.pk).exists()
    assert Review.objects.filter(pk=review.pk).exists()
    refused = AuditEvent.objects.get(action="admin.delete_refused")
    assert (refused.target_type, refused.child_id) == ("children.child", child.pk)
    assert not AuditEvent.objects.filter(action="admin.deleted").exists()


def test_deleting_selected_children_with_reviews_is_refused(admin_client):
    review = ReviewFactory()
    without = ChildFactory()
    page = admin_client.post(
        reverse("admin:children_child_changelist"),
        {
            "action": "delete_selected",
            helpers.ACTION_CHECKBOX_NAME: [review.child_id, without.pk],
            "post": "yes",
        },
    )
    assert page.status_code == 200
    assert Child.objects.filter(pk__in=[review.child_id, without.pk]).count() == 2
    assert Review.objects.filter(pk=review.pk).exists()
    assert AuditEvent.objects.filter(action="admin.delete_refused").count() == 1


def test_deleting_a_care_period_with_reviews_is_refused(admin_client):
    review = ReviewFactory()
    url = reverse("admin:children_careperiod_delete", args=[review.care_period_id])
    admin_client.post(url, {"post": "yes"})
    assert CarePeriod.objects.filter(pk=review.care_period_id).exists()
    assert Review.objects.filter(pk=review.pk).exists()


def test_deleting_a_child_without_reviews_is_audited(admin_client, admin_user):
    episode = EpisodeFactory()
    child = episode.care_period.child
    response = admin_client.post(
        reverse("admin:children_child_delete", args=[child.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not Child.objects.filter(pk=child.pk).exists()
    assert not Episode.objects.filter(pk=episode.pk).exists()
    event = AuditEvent.objects.get(action="admin.deleted")
    assert (event.target_type, event.target_id, event.child_id) == (
        "children.child",
        str(child.pk),
        child.pk,
    )
    assert event.actor_username == admin_user.username


def test_deleting_a_review_there_is_audited_and_moves_the_clock(admin_client):
    period = CarePeriodFactory(start=date(2021, 11, 1))
    EpisodeFactory(care_period=period, start=date(2021, 11, 1))
    review = ReviewFactory(care_period=period, held=date(2021, 11, 20))
    from irohub.children.clock import refresh_review_clock

    refresh_review_clock([period.pk])
    period.refresh_from_db()
    assert period.reviews_held == 1
    admin_client.post(reverse("admin:reviews_review_delete", args=[review.pk]), {"post": "yes"})
    assert not Review.objects.filter(pk=review.pk).exists()
    period.refresh_from_db()
    assert period.reviews_held == 0
    event = AuditEvent.objects.get(action="admin.deleted")
    assert (event.target_type, event.child_id) == ("reviews.review", period.child_id)


def test_every_other_administration_page_audits_its_changes(admin_client, admin_user):
    """Teams, IROs, roles, users, the statutory calendar and the annual report: each change
    made there goes through an audited action too."""
    response = admin_client.post(
        reverse("admin:accounts_team_add"),
        {
            "name": "Synthetic team",
            "iros-TOTAL_FORMS": "0",
            "iros-INITIAL_FORMS": "0",
            "iros-MIN_NUM_FORMS": "0",
            "iros-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    added = AuditEvent.objects.get(action="admin.added")
    assert (added.target_type, added.actor_username) == ("accounts.team", admin_user.username)
    assert added.details["fields"] == ["name"]

    team = added.target_id
    response = admin_client.post(
        reverse("admin:accounts_team_delete", args=[team]), {"post": "yes"}
    )
    assert response.status_code == 302
    deleted = AuditEvent.objects.get(action="admin.deleted")
    assert (deleted.target_type, deleted.target_id) == ("accounts.team", team)
    assert deleted.details["record"] == "Synthetic team"
