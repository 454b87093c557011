"""Quality ratings and challenges in the database: a red rating opens an informal
challenge; the moves go through the rules core (a refused move says why, nothing
changes); the pages show them; every bad input is named beside its field."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from irohub.audit.models import AuditEvent
from irohub.quality import actions as quality_actions
from irohub.quality.models import QualityRating
from irohub.resolutions import actions
from irohub.resolutions.models import Challenge, PracticeTheme
from irohub.statutory.resolution import Outcome, Stage
from tests.factories import ReviewFactory, SocialWorkerAllocationFactory, SocialWorkTeamFactory
from tests.factories.records import child_in_care, iro_in_post, user_with_role
from tests.factories.workspace import social_work_manager_of, social_worker_with_role

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
PLANS = {
    "pep": "yes",
    "health_assessment": "yes",
    "sdq": "no",
    "pathway_plan": "na",
    "permanence_plan": "yes",
}


def a_review():
    child = child_in_care(start=TODAY - timedelta(days=200), date_of_birth=date(2014, 5, 1))
    iro = iro_in_post()
    review = ReviewFactory(
        child=child,
        care_period=child.care_periods.get(),
        held=TODAY - timedelta(days=2),
        chair=iro,
        participation="PN1",
    )
    return review, iro


def rate(review, iro, rating: str = "red", **overrides):
    fields = {
        "actor": iro.user,
        "review": review,
        "rated_on": TODAY,
        "care_planning": rating,
        "preparation": "green",
        "social_work_report": "amber",
        "care_plan_up_to_date": False,
        "plans": PLANS,
        "themes": PracticeTheme.objects.filter(name="Placement suitability"),
        "feedback": "The placement plan has drifted",
    }
    return quality_actions.rate_review(**(fields | overrides))


def test_a_red_rating_opens_an_informal_challenge_with_its_deadline() -> None:
    review, iro = a_review()
    rating, challenge = rate(review, iro)
    assert rating.care_planning == "red" and rating.sdq == "no"
    assert challenge is not None
    assert (challenge.stage, challenge.status, challenge.review) == (0, "awaiting response", review)
    assert challenge.iro == iro
    assert [t.name for t in challenge.themes.all()] == ["Placement suitability"]
    # The informal stage's 10 working days (DR-2 default), from the rules core.
    from irohub.core.calendar import get_calendar

    assert challenge.stage_due == get_calendar().add_working_days(TODAY, 10)
    assert challenge.formal_due is None
    assert set(
        AuditEvent.objects.filter(child_id=review.child_id).values_list("action", flat=True)
    ) >= {"review.rated", "challenge.opened"}


def test_a_green_rating_opens_nothing_and_a_second_rating_is_refused() -> None:
    review, iro = a_review()
    _, challenge = rate(review, iro, "green", feedback="")
    assert challenge is None and not Challenge.objects.exists()
    with pytest.raises(ValidationError, match="already rated"):
        rate(review, iro, "green", feedback="")


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"care_planning": "purple"}, "'purple' is not a rating"),
        ({"plans": {**PLANS, "sdq": "maybe"}}, "strengths and difficulties questionnaire"),
        ({"feedback": " "}, "an amber or red rating opens a challenge"),
        ({"rated_on": TODAY + timedelta(days=1)}, "cannot be in the future"),
        ({"rated_on": TODAY - timedelta(days=30)}, "cannot come before the review"),
    ],
)
def test_bad_ratings_are_refused_with_the_field_named(overrides, message) -> None:
    review, iro = a_review()
    with pytest.raises(ValidationError, match=message):
        rate(review, iro, **overrides)
    assert not QualityRating.objects.exists() and not Challenge.objects.exists()


def test_the_moves_through_the_actions_and_a_refused_move_changes_nothing() -> None:
    review, iro = a_review()
    _, challenge = rate(review, iro)
    manager = user_with_role("team_manager")
    challenge = actions.escalate(actor=iro.user, challenge=challenge, day=TODAY, reason="No plan")
    assert (challenge.stage, challenge.formal_started) == (1, TODAY)
    assert challenge.formal_due is not None and challenge.stage_due is not None
    challenge = actions.respond(
        actor=manager, challenge=challenge, day=TODAY, response="Planning meeting booked"
    )
    assert (challenge.status, challenge.stage_due) == ("responded", None)
    with pytest.raises(ValidationError, match="already has its response"):
        actions.respond(actor=manager, challenge=challenge, day=TODAY, response="Again")
    with pytest.raises(ValidationError, match="skips a stage"):
        actions.escalate(
            actor=iro.user, challenge=challenge, day=TODAY, reason="x", to=Stage.STAGE_3
        )
    challenge = actions.close(
        actor=iro.user,
        challenge=challenge,
        day=TODAY,
        outcome=Outcome.RESOLVED,
        agreed_action="Permanence meeting within 10 days",
    )
    assert (challenge.status, challenge.outcome, challenge.closed) == ("closed", "resolved", TODAY)
    with pytest.raises(ValidationError, match="nothing left to refer"):
        actions.refer_to_cafcass(actor=iro.user, challenge=challenge, day=TODAY, reason="x")
    kinds = list(challenge.steps.values_list("kind", flat=True))
    assert kinds == ["opened", "escalated", "responded", "closed"]
    challenge.refresh_from_db()
    assert challenge.status == "closed"


def test_the_rating_page_then_the_challenge_page_and_my_caseload(client) -> None:
    review, iro = a_review()
    client.force_login(iro.user)
    child_page = client.get(reverse("child", args=[review.child_id]))
    assert reverse("rate_review", args=[review.pk]) in child_page.content.decode()
    form = {
        "rated_on_day": TODAY.day,
        "rated_on_month": TODAY.month,
        "rated_on_year": TODAY.year,
        "care_planning": "red",
        "preparation": "green",
        "social_work_report": "green",
        "care_plan_up_to_date": "no",
        **PLANS,
        "themes": [PracticeTheme.objects.get(name="Health").pk],
        "feedback": "No health assessment for a year",
    }
    missing = client.post(reverse("rate_review", args=[review.pk]), {**form, "sdq": ""})
    assert "Say whether the strengths and difficulties questionnaire (sdq) is in date" in (
        missing.content.decode()
    )
    response = client.post(reverse("rate_review", args=[review.pk]), form)
    challenge = Challenge.objects.get()
    assert response.status_code == 302 and response.url == reverse("challenge", args=[challenge.pk])
    page = client.get(response.url).content.decode()
    assert "Challenge: Informal" in page and "No health assessment for a year" in page
    # Escalate to stage 1 from the page; the date is required and named.
    bad = client.post(
        response.url, {"move": "escalate", "escalate-to": "1", "escalate-reason": "x"}
    )
    assert "Enter the date escalated" in bad.content.decode()
    client.post(
        response.url,
        {
            "move": "escalate",
            "escalate-day_day": TODAY.day,
            "escalate-day_month": TODAY.month,
            "escalate-day_year": TODAY.year,
            "escalate-to": "1",
            "escalate-reason": "Still no assessment booked",
        },
    )
    challenge.refresh_from_db()
    assert challenge.stage == 1
    # An IRO may not respond for the council.
    refused = client.post(response.url, {"move": "respond"})
    assert refused.status_code == 403
    caseload = client.get(reverse("caseload")).content.decode()
    # The name as the page writes it (a generated name may be O'Connor: &#x27; on the page).
    assert "My open challenges" in caseload and escape(review.child.full_name) in caseload


def test_the_managers_list_and_the_thematic_summary_download(client) -> None:
    review, iro = a_review()
    rate(review, iro)
    manager = user_with_role("service_manager")
    client.force_login(manager)
    page = client.get(reverse("challenges"), {"stage": "0", "age": "0 to 5 working days"})
    assert review.child.identifier in page.content.decode()
    csv = client.get(reverse("challenges"), {"format": "csv"}).content.decode()
    assert review.child.identifier in csv
    quarter = f"{TODAY.year}-q{(TODAY.month - 1) // 3 + 1}"
    summary = client.get(reverse("challenge_summary"), {"quarter": quarter})
    assert "Placement suitability" in summary.content.decode()
    themes = client.get(
        reverse("challenge_summary"), {"quarter": quarter, "format": "csv", "table": "themes"}
    ).content.decode()
    assert "Placement suitability,1,0,0,0,1" in themes.replace("\r", "")
    assert (
        client.get(reverse("challenge_summary"), {"format": "csv", "table": "x"}).status_code == 404
    )


def test_the_challenge_goes_to_the_social_workers_team_manager_who_responds(client) -> None:
    review, iro = a_review()
    worker = social_worker_with_role()
    SocialWorkerAllocationFactory(
        child=review.child, social_worker=worker, start=TODAY - timedelta(days=100)
    )
    manager = social_work_manager_of(worker.team)
    other_team_manager = social_work_manager_of(SocialWorkTeamFactory())
    _, challenge = rate(review, iro)
    assert challenge.social_work_team == worker.team
    challenge = actions.escalate(actor=iro.user, challenge=challenge, day=TODAY, reason="No plan")
    # Another team's manager sees neither the challenge in the list nor may respond.
    client.force_login(other_team_manager)
    assert review.child.identifier not in client.get(reverse("challenges")).content.decode()
    assert client.get(reverse("challenge", args=[challenge.pk])).status_code == 403
    # The team's manager sees the IRO's feedback and the challenge, and responds.
    client.force_login(manager)
    listed = client.get(reverse("challenges"), {"team": worker.team.pk}).content.decode()
    assert review.child.identifier in listed
    feedback = client.get(reverse("rate_review", args=[review.pk])).content.decode()
    assert "The placement plan has drifted" in feedback and "Save the rating" not in feedback
    page = client.get(reverse("challenge", args=[challenge.pk])).content.decode()
    assert "Save the response" in page and "Close the challenge" not in page
    response = client.post(
        reverse("challenge", args=[challenge.pk]),
        {
            "move": "respond",
            "respond-day_day": TODAY.day,
            "respond-day_month": TODAY.month,
            "respond-day_year": TODAY.year,
            "respond-response": "Placement planning meeting on Friday",
        },
    )
    assert response.status_code == 302
    challenge.refresh_from_db()
    assert challenge.status == "responded"
    step = challenge.steps.get(kind="responded")
    assert (step.by, step.text) == (manager, "Placement planning meeting on Friday")
    # The manager may not close it: that is the IRO's.
    assert (
        client.post(reverse("challenge", args=[challenge.pk]), {"move": "close"}).status_code == 403
    )


def test_a_child_without_a_social_worker_has_no_team_to_respond(client) -> None:
    review, iro = a_review()
    _, challenge = rate(review, iro)
    assert challenge.social_work_team is None
    client.force_login(iro.user)
    page = client.get(reverse("challenge", args=[challenge.pk])).content.decode()
    assert "No social worker recorded for the child" in page
