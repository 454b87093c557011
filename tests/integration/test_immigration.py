"""Nationality and immigration applications: recorded on the child's page (bad input
named, every write audited), and the IRO's list of children whose application is pending
or not made (their own caseload; every child for a manager)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from irohub.allocation.models import Allocation
from irohub.audit.models import AuditEvent
from irohub.immigration import actions
from irohub.immigration.models import Application, Nationality
from tests.factories.records import child_in_care, user_with_role
from tests.factories.workspace import iro_with_role

pytestmark = pytest.mark.django_db


def _child(name: str, **fields):
    today = timezone.localdate()
    return child_in_care(
        start=today - timedelta(days=200),
        date_of_birth=today.replace(year=today.year - 15),
        first_name=name,
        **fields,
    )


def _date(prefix: str, day: date) -> dict[str, str]:
    return {
        f"{prefix}_day": str(day.day),
        f"{prefix}_month": str(day.month),
        f"{prefix}_year": str(day.year),
    }


def test_bad_input_is_named():
    child = _child("Ana")
    today = timezone.localdate()
    with pytest.raises(ValidationError) as raised:
        actions.record_application(
            actor=None, child=child, kind="visa", made=today + timedelta(days=2)
        )
    assert raised.value.message_dict == {
        "kind": ["Select the kind of application from the list"],
        "made": ["The date made cannot be in the future"],
    }
    application = actions.record_application(
        actor=None, child=child, kind="eu_settlement", made=today
    )
    with pytest.raises(ValidationError, match="cannot be before the application"):
        actions.record_decision(
            actor=None,
            application=application,
            outcome="settled",
            decided=today - timedelta(days=1),
        )
    with pytest.raises(ValidationError, match="Select the decision"):
        actions.record_decision(
            actor=None, application=application, outcome="pending", decided=today
        )


def test_the_iro_records_and_lists_in_the_browser():
    iro = iro_with_role(username="iro.immigration")
    mine, other = _child("Anastazja"), _child("Bronislaw")
    start = timezone.localdate() - timedelta(days=100)
    Allocation.objects.create(child=mine, iro=iro, start=start, allocated_on=start)
    client = Client()
    client.force_login(iro.user)
    today = timezone.localdate()
    url = f"/children/{mine.pk}/immigration/"
    saved = client.post(url, {"form": "nationality", "nationality": "Polish", "needs": "needs"})
    assert saved.status_code == 302
    assert Nationality.objects.get(child=mine).needs == "needs"
    page = client.get(url).content.decode()
    assert "No application made: raise it at the next review" in page
    listing = client.get("/immigration/").content.decode()
    assert "Anastazja" in listing and "No application made" in listing
    assert AuditEvent.objects.filter(action="immigration.listed").count() == 1
    bad = client.post(url, {"form": "application", "kind": "eu_settlement", "made_day": "40"})
    assert bad.status_code == 200 and "govuk-error-summary" in bad.content.decode()
    made = client.post(
        url, {"form": "application", "kind": "eu_settlement", **_date("made", today)}
    )
    assert made.status_code == 302
    assert "Waiting for a decision" in client.get("/immigration/").content.decode()
    application = Application.objects.get()
    decided = client.post(
        f"/children/{mine.pk}/immigration/decision/",
        {"application": application.pk, "outcome": "settled", **_date("decided", today)},
    )
    assert decided.status_code == 302
    assert "Anastazja" not in client.get("/immigration/").content.decode()
    # Another IRO's child is not on this IRO's list, even with no application.
    actions.record_nationality(actor=None, child=other, nationality="Romanian", needs="needs")
    assert "Bronislaw" not in client.get("/immigration/").content.decode()
    # A manager sees every child in care to raise.
    manager = user_with_role("team_manager", username="tm.immigration")
    client.force_login(manager)
    assert "Bronislaw" in client.get("/immigration/").content.decode()
    assert AuditEvent.objects.filter(action="immigration.decision", child_id=mine.pk).exists()


def test_an_unaccompanied_child_without_an_asylum_claim_is_listed():
    child = _child("Dawit", uasc=True)
    manager = user_with_role("service_manager", username="sm.immigration")
    client = Client()
    client.force_login(manager)
    assert "Dawit" in client.get("/immigration/").content.decode()
    actions.record_application(actor=None, child=child, kind="asylum", made=timezone.localdate())
    assert "Waiting for a decision" in client.get("/immigration/").content.decode()
    # An auditor reads a child's page and records nothing.
    client.force_login(user_with_role("auditor", username="auditor.immigration"))
    assert client.get(f"/children/{child.pk}/immigration/").status_code == 200
    refused = client.post(f"/children/{child.pk}/immigration/", {"needs": "needs"})
    assert refused.status_code == 403
    # A social worker has no such list.
    client.force_login(user_with_role("social_worker", username="sw.immigration"))
    assert client.get("/immigration/").status_code == 403
