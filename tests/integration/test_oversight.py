"""Between reviews: the IRO records visits, midway checks and entries and independent
visitors offered; a manager audits the IRO's file; every write audited, every bad input
named; the figures (M-PAR-03 and variants, M-PAR-07a/b) from the database."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from irohub.audit.models import AuditEvent
from irohub.children.records import register_from_database
from irohub.measures import compute_measures
from irohub.oversight import actions
from irohub.oversight.models import CaseFileAudit, IroContact, VisitorOffer
from irohub.records.oversight import AUDIT_QUESTIONS
from irohub.records.years import CollectionYear
from tests.factories.records import child_in_care, user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def iro():
    return user_with_role("iro", username="iro.oversight")


@pytest.fixture
def child():
    today = timezone.localdate()
    return child_in_care(
        start=today - timedelta(days=400),
        date_of_birth=today.replace(year=today.year - 12) - timedelta(days=10),
        first_name="Ola",
    )


def _date(prefix: str, day: date) -> dict[str, str]:
    return {
        f"{prefix}_day": str(day.day),
        f"{prefix}_month": str(day.month),
        f"{prefix}_year": str(day.year),
    }


def test_bad_input_is_named(iro, child):
    today = timezone.localdate()
    with pytest.raises(ValidationError) as raised:
        actions.record_contact(actor=iro, child=child, kind="phone", day=today + timedelta(days=1))
    assert raised.value.message_dict == {
        "day": ["The date cannot be in the future"],
        "kind": ["Select what the IRO did from the list"],
    }
    with pytest.raises(ValidationError, match="before Ola was born"):
        actions.record_contact(actor=iro, child=child, kind="visit", day=date(1990, 1, 1))
    offer = actions.record_visitor_offer(actor=iro, child=child, offered=today)
    with pytest.raises(ValidationError, match="already waiting"):
        actions.record_visitor_offer(actor=iro, child=child, offered=today)
    with pytest.raises(ValidationError, match="cannot be before the offer"):
        actions.record_visitor_outcome(
            actor=iro, offer=offer, outcome="matched", closed=today - timedelta(days=1)
        )
    with pytest.raises(ValidationError, match="Select what came of the offer"):
        actions.record_visitor_outcome(actor=iro, offer=offer, outcome="waiting", closed=today)
    with pytest.raises(ValidationError) as raised:
        actions.record_file_audit(
            actor=iro,
            child=child,
            iro=None,
            audited=today,
            answers={"midway": "maybe"},
            grade="great",
            findings=" ",
        )
    errors = raised.value.message_dict
    assert errors["midway"] == ["Answer yes, partly or no"]
    assert errors["grade"] == ["Select the overall grade from the list"]
    assert errors["findings"] == ["Enter the findings of the audit"]


def test_the_iro_records_between_reviews_in_the_browser(iro, child):
    client = Client()
    client.force_login(iro)
    today = timezone.localdate()
    url = f"/children/{child.pk}/between-reviews/"
    page = client.post(
        url,
        {"form": "contact", "kind": "visit", "note": "Saw Ola at school", **_date("day", today)},
    )
    assert page.status_code == 302
    contact = IroContact.objects.get()
    assert (contact.kind, contact.day, contact.note) == ("visit", today, "Saw Ola at school")
    assert AuditEvent.objects.filter(action="oversight.contact", child_id=child.pk).count() == 1
    # A bad date and no kind: named, kept on the page, nothing saved.
    bad = client.post(url, {"form": "contact", "day_day": "31", "day_month": "2", "day_year": "x"})
    assert bad.status_code == 200
    body = bad.content.decode()
    assert "govuk-error-summary" in body and "Select what the IRO did" in body
    assert IroContact.objects.count() == 1
    offered = client.post(url, {"form": "offer", **_date("offered", today)})
    assert offered.status_code == 302
    offer = VisitorOffer.objects.get()
    outcome = client.post(
        f"/children/{child.pk}/between-reviews/visitor-outcome/",
        {"offer": offer.pk, "outcome": "matched", **_date("closed", today)},
    )
    assert outcome.status_code == 302
    offer.refresh_from_db()
    assert offer.outcome == "matched"
    listing = client.get(url).content.decode()
    assert "IRO visit to the child" in listing and "Matched with a visitor" in listing
    # The page is a view of the child's record: audited as an opening.
    assert AuditEvent.objects.filter(action="child.opened", child_id=child.pk).exists()
    # An IRO does not audit files.
    assert client.get(f"/children/{child.pk}/file-audit/").status_code == 403
    assert client.get("/file-audits/").status_code == 403
    # An auditor reads the page and records nothing.
    client.force_login(user_with_role("auditor", username="auditor.between"))
    assert client.get(f"/children/{child.pk}/between-reviews/").status_code == 200
    refused = client.post(f"/children/{child.pk}/between-reviews/", {"form": "contact"})
    assert refused.status_code == 403 and IroContact.objects.count() == 1


def test_a_manager_audits_the_file_and_an_auditor_reads_it(child):
    manager = user_with_role("team_manager", username="tm.oversight")
    client = Client()
    client.force_login(manager)
    today = timezone.localdate()
    answers = dict.fromkeys(AUDIT_QUESTIONS, "yes") | {"midway": "no"}
    page = client.post(
        f"/children/{child.pk}/file-audit/",
        {
            **_date("audited", today),
            **answers,
            "grade": "requires_improvement",
            "findings": "No midway check since the last review.",
            "actions": "Hold a midway check this month.",
        },
    )
    assert page.status_code == 302
    audit = CaseFileAudit.objects.get()
    assert audit.answers["midway"] == "no" and audit.grade == "requires_improvement"
    assert AuditEvent.objects.filter(action="oversight.file_audited").count() == 1
    missing = client.post(f"/children/{child.pk}/file-audit/", {**_date("audited", today)})
    assert "Answer yes, partly or no" in missing.content.decode()
    auditor = user_with_role("auditor", username="auditor.oversight")
    client.force_login(auditor)
    listing = client.get("/file-audits/").content.decode()
    assert "Requires improvement" in listing and child.identifier in listing
    assert AuditEvent.objects.filter(action="oversight.file_audits_listed").exists()
    assert client.get(f"/children/{child.pk}/file-audit/").status_code == 403


def test_figures_from_the_database(iro, child):
    today = timezone.localdate()
    year = CollectionYear.to_date(today)
    actions.record_contact(actor=iro, child=child, kind="visit", day=year.end)
    actions.record_contact(actor=iro, child=child, kind="case_note", day=year.end)
    actions.record_visitor_offer(actor=iro, child=child, offered=year.end)
    measures = compute_measures(register_from_database(), year)["measures"]
    assert measures["M-PAR-03a"] == {"numerator": 1, "denominator": 1, "percent": 100.0}  # type: ignore[index]
    assert measures["M-PAR-03b"]["numerator"] == 0  # type: ignore[index]
    assert measures["M-PAR-03c"] == {"numerator": 2, "denominator": 1.0, "value": 2.0}  # type: ignore[index]
    assert measures["M-PAR-07a"] == {"count": 1}  # type: ignore[index]
    assert measures["M-PAR-07b"] == {"count": 1}  # type: ignore[index]
