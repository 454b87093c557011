"""The administration pages show the register."""

from datetime import date

import pytest
from django.urls import reverse

from irohub.audit.models import AuditEvent
from tests.factories import AllocationFactory, EpisodeFactory, ReviewFactory

pytestmark = pytest.mark.django_db

MODELS = [
    "children_child",
    "children_careperiod",
    "children_episode",
    "children_siblinggroup",
    "accounts_iro",
    "accounts_team",
    "allocation_allocation",
    "reviews_review",
    "core_calendaradjustment",
    "audit_auditevent",
    "accounts_userrole",
    "auth_user",
]


@pytest.fixture
def register():
    episode = EpisodeFactory(care_period__child__first_name="Synthetica")
    ReviewFactory(care_period=episode.care_period, held=date(2021, 12, 20))
    AllocationFactory(child=episode.care_period.child)
    return episode


@pytest.mark.parametrize("model", MODELS)
def test_every_list_page_opens_for_an_administrator(client, admin_user, register, model):
    client.force_login(admin_user)
    response = client.get(reverse(f"admin:{model}_changelist"))
    assert response.status_code == 200


def test_child_and_care_period_pages_show_the_record(client, admin_user, register):
    client.force_login(admin_user)
    child = register.care_period.child
    page = client.get(reverse("admin:children_child_change", args=[child.pk]))
    assert page.status_code == 200
    assert "Synthetica" in page.content.decode()
    opened = AuditEvent.objects.get(action="child.opened", child_id=child.pk)
    assert opened.actor_username == admin_user.username
    assert opened.details["purpose"] == "administration"
    page = client.get(reverse("admin:children_careperiod_change", args=[register.care_period.pk]))
    assert "20/12/2021" in page.content.decode() or "2021-12-20" in page.content.decode()


def test_administration_needs_sign_in(client):
    response = client.get(reverse("admin:children_child_changelist"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_healthz(client):
    response = client.get("/healthz")
    assert response.json()["status"] == "ok"
