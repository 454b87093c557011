"""An IRO records a review in headless Chromium: each parent's part (one not invited, with
the reason), how the meeting went and why it was late; then, after the meeting, the date
the decisions went out, a decision with its action, owner and due date, and marks it done.
axe-core checks every page on the way."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from irohub.accounts.models import UserRole
from irohub.children.clock import refresh_review_clock
from irohub.core.calendar import get_calendar
from irohub.reviews.models import Review
from irohub.statutory import record_deadlines
from tests.factories import (
    AllocationFactory,
    CarePeriodFactory,
    ChildFactory,
    EpisodeFactory,
    IROFactory,
    PersonAroundChildFactory,
    UserFactory,
)
from tests.functional.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


@pytest.fixture
def family():
    today = timezone.localdate()
    iro = IROFactory(user=UserFactory(username="iro.life", first_name="Jo", last_name="Chair"))
    UserRole.objects.create(user=iro.user, role="iro")
    child = ChildFactory(first_name="Nia", last_name="Synthetic", date_of_birth=date(2013, 3, 4))
    period = CarePeriodFactory(child=child, start=today - timedelta(days=60))
    EpisodeFactory(care_period=period)
    AllocationFactory(child=child, iro=iro, start=period.start)
    mother = PersonAroundChildFactory(child=child, name="Rhian Synthetic", start=period.start)
    father = PersonAroundChildFactory(
        child=child,
        role="father",
        name="Dai Synthetic",
        relationship="birth father",
        start=period.start,
    )
    refresh_review_clock()
    return iro, child, mother, father


def test_an_iro_records_each_parent_and_the_actions_after_the_meeting(page: Page, family):
    _, child, _, _ = family
    today = timezone.localdate()
    held = today - timedelta(days=1)

    sign_in(page, "iro.life")
    page.goto(f"/children/{child.pk}/")
    expect(page.get_by_role("heading", name="People around Nia")).to_be_visible()
    expect(page.get_by_role("row").filter(has_text="Dai Synthetic")).to_contain_text("Father")
    page.get_by_role("button", name="Record a review").click()
    expect(page.get_by_role("heading", name="Record a review")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Day").first.fill(str(held.day))
    page.get_by_label("Month").first.fill(str(held.month))
    page.get_by_label("Year").first.fill(str(held.year))
    page.get_by_label("PN1", exact=False).check()
    # The mother attended; the father's part is left out at first.
    page.get_by_role("group", name="Rhian Synthetic (mother)").get_by_label(
        "Attended", exact=True
    ).check()
    page.get_by_label("Hybrid", exact=False).check()
    page.get_by_role("group", name="Was an interpreter used?").get_by_label("Yes").check()
    page.get_by_role("button", name="Save review").click()

    # A parent status missing: refused, named, and what was typed kept.
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Select how Dai Synthetic (father) took part in the review")
    assert_accessible(page)
    expect(page.get_by_label("Day").first).to_have_value(str(held.day))
    father_group = page.get_by_role("group", name="Dai Synthetic (father)")
    father_group.get_by_label("Not invited", exact=False).check()
    page.get_by_label("If Dai Synthetic was not invited: why").fill("Court order: no contact")
    page.get_by_role("button", name="Save review").click()
    # Held 59 days after coming into care, past the 20 working days: late, with no reason.
    expect(summary).to_contain_text("select why it was late")
    expect(page.get_by_label("If Dai Synthetic was not invited: why")).to_have_value(
        "Court order: no contact"
    )
    page.get_by_label("If the review was held after it was due: why").select_option(
        label="Social worker unavailable"
    )
    page.get_by_role("button", name="Save review").click()

    # After the meeting: the record's deadlines, 5 and 20 working days on.
    decisions_due, record_due = record_deadlines(held, calendar=get_calendar())
    expect(page.get_by_role("heading", name=f"Review of {long_date(held)}")).to_be_visible()
    deadlines = page.locator("#record-deadlines")
    expect(deadlines).to_contain_text(long_date(decisions_due))
    expect(deadlines).to_contain_text(long_date(record_due))
    parents = page.locator("#review-parents")
    expect(parents).to_contain_text("Rhian Synthetic (mother): Attended")
    expect(parents).to_contain_text("Dai Synthetic (father): Not invited")
    expect(parents).to_contain_text("Court order: no contact")
    expect(page.locator("#meeting")).to_contain_text("with an interpreter")
    assert_accessible(page)

    # The decisions went out today.
    page.get_by_role("group", name="Date the decisions were circulated").get_by_label("Day").fill(
        str(today.day)
    )
    page.get_by_role("group", name="Date the decisions were circulated").get_by_label("Month").fill(
        str(today.month)
    )
    page.get_by_role("group", name="Date the decisions were circulated").get_by_label("Year").fill(
        str(today.year)
    )
    page.get_by_label("The record written to the child").fill(
        "Dear Nia, we met to talk about how things are going."
    )
    page.get_by_role("button", name="Save the record").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("record is saved")
    expect(deadlines).to_contain_text("Done on time")

    # A decision with its action: who, and by when.
    due = today + timedelta(days=28)
    page.get_by_label("Decision or action agreed").fill("Arrange Nia's health assessment")
    page.get_by_label("Who is responsible").fill("Social worker")
    due_group = page.get_by_role("group", name="Due by")
    due_group.get_by_label("Day").fill(str(due.day))
    due_group.get_by_label("Month").fill(str(due.month))
    due_group.get_by_label("Year").fill(str(due.year))
    page.get_by_role("button", name="Add action").click()
    actions = page.locator("#review-actions")
    expect(actions).to_contain_text("Arrange Nia's health assessment")
    expect(actions).to_contain_text(long_date(due))
    assert_accessible(page)

    page.get_by_role("link", name="Mark done").click()
    assert_accessible(page)
    page.get_by_label("Day").fill(str(today.day))
    page.get_by_label("Month").fill(str(today.month))
    page.get_by_label("Year").fill(str(today.year))
    page.get_by_role("button", name="Mark done").click()
    expect(page.locator("#review-actions")).to_contain_text("Done on time")

    review = Review.objects.get(child=child)
    assert review.late_reason == "social_worker_unavailable"
    assert review.meeting_format == "hybrid" and review.interpreter_used is True
    assert dict(review.parents.values_list("person__name", "status")) == {
        "Rhian Synthetic": "attended",
        "Dai Synthetic": "not_invited",
    }
    assert review.decisions_circulated == today
