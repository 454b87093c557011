"""Feedback on commissioned services: the IRO rates the services a child had after a
review; a red rating may open a challenge through the one action that opens every
challenge; the commissioning officer sees the ratings by provider and never a child's name
or record; bad input gets a message, every write and listing is audited."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from irohub.audit.models import AuditEvent
from irohub.commissioning.models import Provider, ProviderFeedback
from irohub.resolutions.models import Challenge
from tests.factories import ReviewFactory
from tests.factories.records import child_in_care, iro_in_post
from tests.factories.workspace import user_in_role

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def review():
    child = child_in_care(start=TODAY - timedelta(days=200), date_of_birth=date(2012, 5, 1))
    iro = iro_in_post()
    return ReviewFactory(
        child=child,
        care_period=child.care_periods.get(),
        held=TODAY - timedelta(days=2),
        chair=iro,
        participation="PN1",
    )


@pytest.fixture
def providers():
    return (
        Provider.objects.create(name="Harbour House", kind="placement"),
        Provider.objects.create(name="Demo CAMHS", kind="camhs"),
    )


def _form(provider, rating, comment="", challenge=False):
    data = {
        "provider": provider.pk,
        "rating": rating,
        "comment": comment,
        "rated_on_day": TODAY.day,
        "rated_on_month": TODAY.month,
        "rated_on_year": TODAY.year,
    }
    if challenge:
        data["open_challenge"] = "on"
    return data


def test_the_iro_rates_services_and_a_red_one_opens_a_challenge(client, review, providers):
    home, camhs = providers
    client.force_login(review.chair.user)  # the IRO who chaired it (iro_in_post: an IRO)
    url = f"/reviews/{review.pk}/services/"
    assert client.get(url).status_code == 200
    response = client.post(url, _form(home, "green", "Settled and well supported"))
    assert response.status_code == 302
    response = client.post(url, _form(camhs, "red", "No appointment after six months", True))
    challenge = Challenge.objects.get()
    assert response["Location"] == f"/challenges/{challenge.pk}/"
    assert challenge.child_id == review.child_id and challenge.review_id == review.pk
    assert challenge.issue.startswith("Demo CAMHS (CAMHS (children's mental health)) rated Red")
    assert ProviderFeedback.objects.get(provider=camhs).challenge == challenge
    actions = list(AuditEvent.objects.values_list("action", flat=True))
    assert actions.count("provider.rated") == 2 and "challenge.opened" in actions


@pytest.mark.parametrize(
    ("rating", "comment", "challenge", "message"),
    [
        ("", "", False, "Choose a rating"),
        ("purple", "", False, "Choose one of the ratings listed"),
        ("amber", "  ", False, "Say what the concern is: the service is rated amber"),
        ("amber", "Late report", True, "Only a red rating opens a challenge"),
        ("green", "x" * 4001, False, "The comment must be 4,000 characters or fewer"),
    ],
)
def test_bad_feedback_gets_a_message(
    client, review, providers, rating, comment, challenge, message
):
    client.force_login(user_in_role("iro"))
    response = client.post(
        f"/reviews/{review.pk}/services/", _form(providers[0], rating, comment, challenge)
    )
    assert response.status_code == 400
    assert message in response.content.decode().replace("&#x27;", "'")
    assert not ProviderFeedback.objects.exists() and not Challenge.objects.exists()


def test_a_service_is_rated_once_per_review_and_not_before_it(client, review, providers):
    client.force_login(user_in_role("iro"))
    url = f"/reviews/{review.pk}/services/"
    client.post(url, _form(providers[0], "gold", "Excellent"))
    again = client.post(url, _form(providers[0], "green"))
    assert "Harbour House is already rated for this review" in again.content.decode()
    early = _form(providers[1], "green")
    early["rated_on_day"] = (review.held - timedelta(days=1)).day
    early["rated_on_month"] = (review.held - timedelta(days=1)).month
    early["rated_on_year"] = (review.held - timedelta(days=1)).year
    assert "cannot come before the review" in client.post(url, early).content.decode()
    assert ProviderFeedback.objects.count() == 1


def test_the_commissioning_officer_sees_ratings_by_provider_without_the_child(
    client, review, providers
):
    home, camhs = providers
    iro = user_in_role("iro")
    client.force_login(iro)
    url = f"/reviews/{review.pk}/services/"
    client.post(url, _form(home, "red", "Not preparing for independence"))
    client.post(url, _form(camhs, "green", "Seen quickly"))
    commissioner = user_in_role("commissioner")
    client.force_login(commissioner)
    assert client.get("/").url == "/commissioning/"
    page = client.get("/commissioning/").content.decode()
    assert page.index("Harbour House") < page.index("Demo CAMHS")  # reds first
    detail = client.get(f"/commissioning/providers/{home.pk}/").content.decode()
    assert "Not preparing for independence" in detail
    child = review.child
    for secret in (child.first_name, child.last_name, child.identifier):
        assert secret not in page and secret not in detail
    assert AuditEvent.objects.filter(action="provider.listed").count() == 1
    # Only the commissioning pages: no child's record, search or review page.
    assert client.get(f"/children/{child.pk}/").status_code == 403
    assert client.get(url).status_code == 403
    assert client.get("/commissioning/?service=camhs").content.decode().count("Demo CAMHS") >= 1
    bad = client.get("/commissioning/?service=<script>").content.decode()
    assert "There is no such kind of service" in bad
    assert client.get("/commissioning/providers/999999/").status_code == 404


def test_feedback_about_a_restricted_child_is_left_out_and_counted(client, review, providers):
    client.force_login(user_in_role("iro"))
    client.post(f"/reviews/{review.pk}/services/", _form(providers[0], "amber", "Late"))
    review.child.restricted = True
    review.child.save()
    client.force_login(user_in_role("commissioner"))
    page = client.get(f"/commissioning/providers/{providers[0].pk}/").content.decode()
    assert "1 rating about restricted records is not shown" in page and "Late" not in page


def test_the_demo_council_has_feedback_and_challenged_reds():
    from irohub.demo.load import load_demo_council

    load_demo_council(children=120, years=2, seed=5, as_of=TODAY)
    feedback = ProviderFeedback.objects.all()
    assert feedback.count() > 20
    ratings = set(feedback.values_list("rating", flat=True))
    assert {"green", "amber", "red"} <= ratings
    assert feedback.filter(challenge__isnull=False).exists()
    assert not feedback.filter(challenge__isnull=False).exclude(rating="red").exists()
