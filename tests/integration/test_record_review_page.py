"""Recording a review in the workspace: the next due date moves at once, and every mistake
is explained beside its field without losing what was typed."""

from __future__ import annotations

from datetime import date, timedelta
from html.parser import HTMLParser

import pytest
from dateutil.relativedelta import relativedelta
from django.urls import reverse
from django.utils import timezone

from irohub.audit.models import AuditEvent
from irohub.reviews.actions import long_date
from irohub.reviews.models import Review
from irohub.statutory import add_months
from tests.factories import AllocationFactory
from tests.factories.records import child_in_care, iro_in_post, user_with_role

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


class Controls(HTMLParser):
    """The form controls on a page, by id, and the error summary's links."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.inputs: dict[str, dict[str, str | None]] = {}
        self.selected: dict[str, str] = {}
        self.summary_links: list[str] = []
        self._select: str | None = None
        self._in_summary = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "input" and attributes.get("id"):
            self.inputs[attributes["id"]] = attributes
        elif tag == "select":
            self._select = attributes.get("id")
        elif tag == "option" and "selected" in attributes and self._select:
            self.selected[self._select] = attributes["value"]
        elif tag == "div" and "govuk-error-summary" in (attributes.get("class") or ""):
            self._in_summary = True
        elif tag == "a" and self._in_summary:
            self.summary_links.append(attributes["href"])

    def handle_endtag(self, tag):
        if tag == "ul":
            self._in_summary = False

    def checked(self, name: str) -> list[str]:
        return [
            control["value"]
            for control in self.inputs.values()
            if control.get("name") == name and "checked" in control
        ]


@pytest.fixture
def iro():
    return iro_in_post(username="iro-ann", first_name="Ann", last_name="Reviewer")


@pytest.fixture
def amira(iro):
    """Aged 10, looked after for the last 60 days, with Ann as her IRO."""
    child = child_in_care(
        first_name="Amira",
        last_name="Khan",
        date_of_birth=TODAY - relativedelta(years=10),
        start=TODAY - timedelta(days=60),
    )
    AllocationFactory(child=child, iro=iro, start=TODAY - timedelta(days=60))
    return child


@pytest.fixture
def baby():
    return child_in_care(
        first_name="Ruby",
        date_of_birth=TODAY - relativedelta(years=2),
        start=TODAY - timedelta(days=60),
    )


def url(child) -> str:
    return reverse("record_review", args=[child.pk])


def post(client, user, child, held: date | tuple[str, str, str] | None, **fields):
    day, month, year = (
        (str(held.day), str(held.month), str(held.year))
        if isinstance(held, date)
        else held or ("", "", "")
    )
    client.force_login(user)
    # What the meeting was like, and why it was late (these children's first reviews fall
    # due about 28 days after they came into care): the IRO's usual answers.
    meeting = {
        "chairing": "iro",
        "meeting_format": "in_person",
        "interpreter_used": "no",
        "adjourned": "no",
        "late_reason": "reports_not_ready",
    }
    return client.post(
        url(child), {"held_day": day, "held_month": month, "held_year": year, **meeting, **fields}
    )


def test_the_form_offers_every_participation_code_and_who_attended(client, iro, amira):
    client.force_login(iro.user)
    response = client.get(url(amira))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 class="govuk-heading-l">Record a review</h1>' in html
    controls = Controls(html)
    assert [controls.inputs[f"id_participation_{n}"]["value"] for n in range(8)] == [
        f"PN{n}" for n in range(8)
    ]
    assert "PN6: Child does not attend; conveys their feelings" in html
    assert "Use PN0 only for a child under 4" in html
    assert controls.inputs["id_attendance_0"]["type"] == "checkbox"
    # The signed-in IRO chaired, most likely.
    assert controls.selected["id_chair"] == str(iro.pk)
    # Opening the form opens the child's record, for a stated purpose.
    event = AuditEvent.objects.get(action="child.opened")
    assert event.details["purpose"] == "recording a review"


def test_a_manager_recording_a_review_gets_the_childs_iro_as_chair(client, iro, amira):
    client.force_login(user_with_role("team_manager"))
    controls = Controls(client.get(url(amira)).content.decode())
    assert controls.selected["id_chair"] == str(iro.pk)


def test_recording_a_review_moves_the_next_due_date_at_once(client, iro, amira):
    held = TODAY - timedelta(days=10)
    response = post(
        client,
        iro.user,
        amira,
        held,
        participation="PN1",
        chair=iro.pk,
        attendance=["carer", "child", "social_worker"],
    )
    assert response.status_code == 302
    review = Review.objects.get(child=amira)
    assert response["Location"] == reverse("review", args=[review.pk])

    assert (review.held, review.participation, review.chair) == (held, "PN1", iro)
    assert review.attendance == ["child", "carer", "social_worker"]
    next_due = add_months(held, 3)  # the second review is due 3 months after the first
    assert amira.care_periods.get().next_review_due == next_due

    review_page = client.get(response["Location"]).content.decode()
    banner = f"Review on {long_date(held)} recorded. Next review due by {long_date(next_due)}."
    assert banner in review_page
    assert "govuk-notification-banner--success" in review_page
    assert "In date" in client.get(reverse("child", args=[amira.pk])).content.decode()


def test_recording_a_review_is_audited(client, iro, amira):
    post(client, iro.user, amira, TODAY - timedelta(days=3), participation="PN6", chair=iro.pk)
    event = AuditEvent.objects.get(action="review.recorded")
    assert (event.actor_username, event.child_id, event.details["participation"]) == (
        "iro-ann",
        amira.pk,
        "PN6",
    )
    assert event.details["attendance"] == []


@pytest.mark.parametrize(
    ("held", "participation", "anchor", "message"),
    [
        (None, "PN1", "#id_held_day", "Enter the date the review was held"),
        (("3", "", "2025"), "PN1", "#id_held_day", "Date the review was held must include a month"),
        (
            ("31", "2", "2025"),
            "PN1",
            "#id_held_day",
            "Date the review was held must be a real date",
        ),
        (("3", "two", "2025"), "PN1", "#id_held_day", "must be a real date, written in numbers"),
        (TODAY + timedelta(days=1), "PN1", "#id_held_day", "cannot be in the future"),
        (
            TODAY - timedelta(days=61),
            "PN1",
            "#id_held_day",
            "Amira was not looked after on",
        ),
        (
            TODAY - timedelta(days=10),
            "PN0",
            "#id_participation_0",
            f"PN0 is only for children under 4; Amira was 9 on {long_date(TODAY - timedelta(10))}",
        ),
        (
            TODAY - timedelta(days=10),
            None,
            "#id_participation_0",
            "Select how the child took part in the review",
        ),
    ],
    ids=[
        "no date",
        "no month",
        "not a real date",
        "not numbers",
        "in the future",
        "before care began",
        "PN0 for a 10-year-old",
        "no participation",
    ],
)
def test_each_mistake_is_explained_and_nothing_typed_is_lost(
    client, iro, amira, held, participation, anchor, message
):
    fields = {"chair": iro.pk, "attendance": ["child", "advocate"]}
    if participation:
        fields["participation"] = participation
    response = post(client, iro.user, amira, held, **fields)

    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    controls = Controls(html)
    assert controls.summary_links == [anchor]
    assert message in html
    assert "(error) – IRO Hub" in html  # the page title says so too
    # What was typed comes back as typed.
    typed = (
        (str(held.day), str(held.month), str(held.year)) if isinstance(held, date) else held
    ) or ("", "", "")
    assert (
        tuple(
            controls.inputs[f"id_held_{part}"]["value"] or "" for part in ("day", "month", "year")
        )
        == typed
    )
    assert controls.checked("participation") == ([participation] if participation else [])
    assert controls.checked("attendance") == ["child", "advocate"]
    assert controls.selected["id_chair"] == str(iro.pk)
    assert not Review.objects.exists()


def test_a_child_under_4_must_be_pn0(client, iro, baby):
    held = TODAY - timedelta(days=10)
    response = post(client, iro.user, baby, held, participation="PN1", chair=iro.pk)
    controls = Controls(response.content.decode())
    assert controls.summary_links == ["#id_participation_0"]
    assert f"Ruby was under 4 on {long_date(held)}, so participation must be PN0" in (
        response.content.decode()
    )
    response = post(client, iro.user, baby, held, participation="PN0", chair=iro.pk)
    assert response.status_code == 302


def test_a_second_review_on_the_same_day_is_refused_on_the_date(client, iro, amira):
    held = TODAY - timedelta(days=10)
    post(client, iro.user, amira, held, participation="PN1", chair=iro.pk)
    response = post(client, iro.user, amira, held, participation="PN1", chair=iro.pk)
    assert Controls(response.content.decode()).summary_links == ["#id_held_day"]
    assert "is already recorded for this care period" in response.content.decode()
    assert Review.objects.count() == 1


def test_the_chair_is_needed(client, iro, amira):
    response = post(client, iro.user, amira, TODAY - timedelta(days=2), participation="PN1")
    assert Controls(response.content.decode()).summary_links == ["#id_chair"]
    assert "Select the IRO who chaired the review" in response.content.decode()


@pytest.mark.parametrize("role", ["iro", "team_manager", "service_manager"])
def test_roles_that_record_reviews_can_open_the_form(client, amira, role):
    client.force_login(user_with_role(role))
    assert client.get(url(amira)).status_code == 200


@pytest.mark.parametrize("role", ["auditor", "administrator"])
def test_other_roles_cannot_record_a_review(client, iro, amira, role):
    user = user_with_role(role)
    client.force_login(user)
    assert client.get(url(amira)).status_code == 403
    response = post(
        client, user, amira, TODAY - timedelta(days=2), participation="PN1", chair=iro.pk
    )
    assert response.status_code == 403
    assert not Review.objects.exists()


def test_a_restricted_record_refuses_the_form_to_an_iro_not_named(client, iro, amira):
    amira.restricted = True
    amira.save()
    other = iro_in_post()
    response = post(
        client, other.user, amira, TODAY - timedelta(2), participation="PN1", chair=other.pk
    )
    assert response.status_code == 403
    assert not Review.objects.exists()
    refused = AuditEvent.objects.get(action="child.refused")
    assert refused.details["purpose"] == "recording a review"
