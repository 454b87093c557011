"""Advocacy referrals: recorded with reason, new or re-referral and outcome; each bad input
named; and the figures (M-PAR-05 by reason and age) from the database."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from irohub.advocacy import actions
from irohub.advocacy.models import AdvocacyReferral
from irohub.children.records import register_from_database
from irohub.measures import compute_measures
from irohub.records.years import CollectionYear
from tests.factories.records import child_in_care, user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def iro():
    return user_with_role("iro", username="iro.advocacy")


@pytest.fixture
def child():
    today = timezone.localdate()
    return child_in_care(
        start=today - timedelta(days=400),
        date_of_birth=today.replace(year=today.year - 15) - timedelta(days=10),
        first_name="Kai",
    )


def test_a_second_referral_is_a_re_referral(iro, child):
    today = timezone.localdate()
    first = actions.record_referral(
        actor=iro, child=child, referred=today - timedelta(days=30), reason="meetings"
    )
    second = actions.record_referral(actor=iro, child=child, referred=today, reason="complaint")
    assert not first.re_referral and second.re_referral
    actions.record_outcome(actor=iro, referral=first, outcome="advocate_allocated", closed=today)
    first.refresh_from_db()
    assert first.outcome == "advocate_allocated" and first.closed == today


def test_bad_input_is_named(iro, child):
    today = timezone.localdate()
    with pytest.raises(ValidationError) as raised:
        actions.record_referral(
            actor=iro, child=child, referred=today + timedelta(days=1), reason="pizza"
        )
    assert raised.value.message_dict == {
        "reason": ["'pizza' is not one of the reasons for a referral"],
        "referred": ["The date referred cannot be in the future"],
    }
    with pytest.raises(ValidationError, match="before Kai was born"):
        actions.record_referral(actor=iro, child=child, referred=date(1990, 1, 1), reason="other")
    referral = actions.record_referral(actor=iro, child=child, referred=today, reason="other")
    with pytest.raises(ValidationError, match="cannot be before the referral"):
        actions.record_outcome(
            actor=iro, referral=referral, outcome="declined", closed=today - timedelta(days=1)
        )
    with pytest.raises(ValidationError, match="Select what came of the referral"):
        actions.record_outcome(actor=iro, referral=referral, outcome="open", closed=today)


def test_the_pages(iro, child):
    client = Client()
    client.force_login(iro)
    today = timezone.localdate()
    page = client.post(
        f"/children/{child.pk}/advocacy/",
        {
            "referred_day": str(today.day),
            "referred_month": str(today.month),
            "referred_year": str(today.year),
            "reason": "placement",
        },
    )
    assert page.status_code == 302
    referral = AdvocacyReferral.objects.get()
    bad = client.post(
        f"/children/{child.pk}/advocacy/outcome/",
        {"referral": referral.pk, "outcome": "declined", "closed_day": "31", "closed_month": "2"},
    )
    assert bad.status_code == 200 and "govuk-error-summary" in bad.content.decode()
    other = client.post(
        f"/children/{child.pk}/advocacy/outcome/",
        {
            "referral": referral.pk + 1000,
            "outcome": "declined",
            "closed_day": str(today.day),
            "closed_month": str(today.month),
            "closed_year": str(today.year),
        },
    )
    assert "Choose one of this child&#x27;s open referrals" in other.content.decode()
    listing = client.get(f"/children/{child.pk}/advocacy/")
    assert "Placement issues" in listing.content.decode()


def test_figures_by_reason_and_age_from_the_database(iro, child):
    today = timezone.localdate()
    year = CollectionYear.to_date(today)
    for reason in ("meetings", "meetings", "relationships"):
        actions.record_referral(actor=iro, child=child, referred=year.start, reason=reason)
    measures = compute_measures(register_from_database(), year, breakdowns=True)["measures"]
    m = measures["M-PAR-05"]  # type: ignore[index]
    assert m["count"] == 3
    assert m["breakdowns"]["reason"]["Support at meetings (including reviews)"] == {"count": 2}
    assert m["breakdowns"]["new or re-referral"] == {
        "New request": {"count": 1},
        "Re-referral": {"count": 2},
    }
    age = str(child.age_on(year.start))
    assert m["breakdowns"]["age"] == {age: {"count": 3}}


def test_a_role_that_may_not_record_is_refused_not_a_500(child):
    # An auditor opens the child's advocacy page but records nothing: a POST is refused.
    client = Client()
    client.force_login(user_with_role("auditor", username="auditor.advocacy"))
    assert client.get(f"/children/{child.pk}/advocacy/").status_code == 200
    refused = client.post(f"/children/{child.pk}/advocacy/", {"reason": "x"})
    assert refused.status_code == 403
    assert not AdvocacyReferral.objects.exists()
