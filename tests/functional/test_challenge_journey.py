"""The IRO's challenge in headless Chromium: an IRO rates a review red, the informal
challenge appears (and on My caseload), the IRO escalates it to stage 1, the manager of
the child's social worker signs in, sees the feedback and responds, the IRO closes it as
resolved; the counts move on the performance page and in its drill-down. An axe-core
check on every page passed."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from irohub.accounts.models import UserRole
from irohub.records.years import CollectionYear, year_slug
from tests.factories import (
    AllocationFactory,
    ReviewFactory,
    SocialWorkerAllocationFactory,
    SocialWorkerFactory,
    SocialWorkTeamFactory,
    UserFactory,
)
from tests.factories.records import child_in_care, iro_in_post
from tests.functional.conftest import PASSWORD, assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def _fill_date(page: Page, prefix: str, day: date) -> None:
    page.locator(f"#id_{prefix}_day").fill(str(day.day))
    page.locator(f"#id_{prefix}_month").fill(str(day.month))
    page.locator(f"#id_{prefix}_year").fill(str(day.year))


def _sign_out(page: Page) -> None:
    page.get_by_role("button", name=re.compile("Sign out")).click()
    page.wait_for_load_state()


@pytest.fixture
def setting():
    today = timezone.localdate()
    # A day in the last complete month: the performance page's year to date counts it.
    held = today.replace(day=1) - timedelta(days=12)
    child = child_in_care(
        start=held - timedelta(days=300),
        date_of_birth=date(2013, 6, 1),
        first_name="Robin",
        last_name="Ashdown",
    )
    iro = iro_in_post(username="iro.challenge", first_name="Ira", last_name="Owen")
    iro.user.set_password(PASSWORD)
    iro.user.save()
    AllocationFactory(child=child, iro=iro, start=held - timedelta(days=290))
    review = ReviewFactory(
        child=child, care_period=child.care_periods.get(), held=held, chair=iro, participation="PN1"
    )
    team = SocialWorkTeamFactory(name="Children in care team East")
    worker = SocialWorkerFactory(team=team)
    SocialWorkerAllocationFactory(
        child=child, social_worker=worker, start=held - timedelta(days=200)
    )
    manager = UserFactory(username="sw.manager", first_name="Sam", last_name="Manager")
    UserRole.objects.create(user=manager, role="social_work_manager")
    team.managers.add(manager)
    lead = UserFactory(username="service.lead", first_name="Lee", last_name="Lead")
    UserRole.objects.create(user=lead, role="service_manager")
    return {"child": child, "review": review, "held": held, "today": today}


def test_a_red_rating_escalated_answered_and_resolved_moves_the_figures(page: Page, setting):
    child, held, today = setting["child"], setting["held"], setting["today"]
    year = CollectionYear.containing(held)
    rated = held + timedelta(days=2)

    # The figures before: no challenge and no rating in the year.
    sign_in(page, "service.lead")
    page.goto(f"/performance/{year_slug(year)}/")
    before = page.get_by_role("link", name=re.compile("M-ESC-01: list the challenges"))
    expect(before).to_have_text(re.compile(r"^\s*0\b"))
    _sign_out(page)

    # The IRO rates the review red from the child's record: the informal challenge opens.
    sign_in(page, "iro.challenge")
    page.goto(f"/children/{child.pk}/")
    page.get_by_role("link", name=re.compile("Quality rating")).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Quality rating of the review")
    assert_accessible(page)
    _fill_date(page, "rated_on", rated)
    page.locator("input[name=care_planning][value=red]").check()
    page.locator("input[name=preparation][value=green]").check()
    page.locator("input[name=social_work_report][value=amber]").check()
    page.locator("input[name=care_plan_up_to_date][value=no]").check()
    for plan in ("pep", "health_assessment", "sdq", "permanence_plan"):
        page.locator(f"input[name={plan}][value=yes]").check()
    page.locator("input[name=pathway_plan][value=na]").check()
    page.get_by_label("Drift or delay in permanence").check()
    page.get_by_label("Feedback for the social worker").fill("No permanence plan after 9 months")
    page.get_by_role("button", name="Save the rating").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Challenge: Informal")
    expect(page.locator("#challenge-team")).to_have_text("Children in care team East")
    assert_accessible(page)
    challenge_url = page.url

    # It is on My caseload with its deadline.
    page.get_by_role("link", name="My caseload").click()
    panel = page.locator("#open-challenges")
    expect(panel).to_contain_text("Robin Ashdown")
    expect(panel).to_contain_text("Informal")

    # Escalated to stage 1: the stage's response and the 20-working-day target run.
    page.goto(challenge_url)
    _fill_date(page, "escalate-day", today)
    page.locator("input[name=escalate-to][value='1']").check()
    page.get_by_label("Why you are escalating").fill("No plan agreed at the informal stage")
    page.get_by_role("button", name="Escalate").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Challenge: Stage 1 (team or service manager)"
    )
    expect(page.locator("#formal-due")).to_be_visible()
    _sign_out(page)

    # The social worker's team manager sees the feedback and responds.
    sign_in(page, "sw.manager")
    page.get_by_role("link", name="Challenges").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Challenges")
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("Robin Ashdown")).click()
    page.get_by_role("link", name=re.compile("the IRO's quality rating")).click()
    expect(page.locator("#quality-rating")).to_contain_text("No permanence plan after 9 months")
    page.go_back()
    _fill_date(page, "respond-day", today)
    page.get_by_label("The response", exact=True).fill(
        "Permanence planning meeting booked for next week"
    )
    page.get_by_role("button", name="Save the response").click()
    expect(page.locator("#challenge-status")).to_have_text("Responded")
    expect(page.get_by_role("button", name="Close the challenge")).to_have_count(0)
    _sign_out(page)

    # The IRO closes it as resolved with the agreed action.
    sign_in(page, "iro.challenge")
    page.goto(challenge_url)
    _fill_date(page, "close-day", today)
    page.locator("input[name=close-outcome][value=resolved]").check()
    page.get_by_label("The agreed action", exact=True).fill(
        "Permanence plan to panel within 20 days"
    )
    page.get_by_role("button", name="Close the challenge").click()
    expect(page.locator("#challenge-status")).to_have_text("Closed: resolved")
    _sign_out(page)

    # The counts move on the performance page, and the drill-down lists the child.
    sign_in(page, "service.lead")
    page.goto(f"/performance/{year_slug(year)}/")
    figure = page.get_by_role("link", name=re.compile("M-ESC-01: list the challenges"))
    expect(figure).to_have_text(re.compile(r"^\s*1\b"))
    rated_reviews = page.get_by_role("link", name=re.compile("M-PRC-05: list the reviews"))
    expect(rated_reviews).to_have_text(re.compile(r"^\s*1\b"))
    assert_accessible(page)
    figure.click()
    listed = page.locator("table[data-table='numerator'] tbody tr")
    expect(listed).to_have_count(1)
    expect(listed.first).to_contain_text(child.identifier)
    assert_accessible(page)
