"""A foster carer reviewing officer (FIRO) records a household's first review in headless
Chromium: from their households, the household's page, the form (a mistake first, shown
beside its field), then the review with its panel date; the next review falls due a year
on. axe checks every page on the way, and the caseload page a manager reads. Synthetic."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from irohub.accounts.models import UserRole
from irohub.core.formatting import long_date
from irohub.fostering.clock import refresh_carer_review_clock
from irohub.fostering.models import CarerReview, PlacementView
from irohub.statutory import add_months
from tests.factories import CarePeriodFactory, EpisodeFactory, IROFactory, UserFactory
from tests.factories.fostering import HouseholdFactory, PlacementFactory, ReviewingOfficerFactory
from tests.functional.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def household():
    """The Adeyemi household, approved 11 months ago and reviewed by Fran Firo; Kemi is
    placed with them and her IRO has recorded a view of the placement."""
    today = timezone.localdate()
    firo_user = UserFactory(username="firo.journey", first_name="Fran", last_name="Firo")
    UserRole.objects.create(user=firo_user, role="firo")
    firo = ReviewingOfficerFactory(user=firo_user)
    manager = UserFactory(username="manager.journey", first_name="Sam", last_name="Lead")
    UserRole.objects.create(user=manager, role="service_manager")
    approved = add_months(today, -11)
    household = HouseholdFactory(
        name="The Adeyemi household", reference="FH00042", approved=approved, reviewing_officer=firo
    )
    period = CarePeriodFactory(start=approved + timedelta(days=10), child__first_name="Kemi")
    EpisodeFactory(care_period=period)
    placement = PlacementFactory(household=household, child=period.child, start=period.start)
    iro = IROFactory(user=UserFactory(first_name="Ira", last_name="Reviewer"))
    PlacementView.objects.create(
        placement=placement,
        recorded=today - timedelta(days=20),
        iro=iro,
        meets_needs="yes",
        view="Kemi is settled and doing well at school.",
    )
    refresh_carer_review_clock()
    household.refresh_from_db()
    return household


def fill_date(page: Page, legend: str, day: date) -> None:
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def test_a_firo_records_a_households_first_review(page: Page, household):
    today = timezone.localdate()
    sign_in(page, "firo.journey")
    expect(page.get_by_role("heading", name="My fostering households")).to_be_visible()
    row = page.get_by_role("row").filter(has_text="The Adeyemi household")
    expect(row).to_contain_text(long_date(household.next_review_due))
    assert_accessible(page)

    row.get_by_role("link", name="The Adeyemi household").click()
    expect(page.get_by_role("heading", name="The Adeyemi household")).to_be_visible()
    expect(page.locator("#next-review-due")).to_contain_text("goes to the fostering panel")
    expect(page.get_by_text("Kemi is settled and doing well at school.")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Record a review").click()
    expect(page.get_by_role("heading", name="Record a foster carer review")).to_be_visible()
    expect(page.get_by_text("Kemi is settled and doing well at school.")).to_be_visible()
    assert_accessible(page)
    # A mistake first: the first review without its panel date.
    fill_date(page, "Date the review was held", today)
    page.get_by_label("Foster carers' views").fill("A good first year; they want respite.")
    page.get_by_label("Approval continues on the same terms").check()
    page.get_by_role("button", name="Save review").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("goes to the fostering panel: enter the date it was presented")
    assert_accessible(page)
    summary.get_by_role("link").first.click()
    expect(page.locator("#id_panel_date_day")).to_be_focused()

    fill_date(page, "Date presented to the fostering panel", today)
    page.get_by_role("button", name="Save review").click()
    next_due = add_months(today, 12)
    expect(page.get_by_role("alert")).to_contain_text(
        f"Review on {long_date(today)} recorded. Next review due by {long_date(next_due)}."
    )
    expect(page.locator("#next-review-due")).to_contain_text(f"{next_due:%A} {long_date(next_due)}")
    expect(page.get_by_role("row").filter(has_text="on time")).to_contain_text(long_date(today))
    assert_accessible(page)
    review = CarerReview.objects.get()
    assert (review.held, review.panel_date, review.chair.user.username) == (
        today,
        today,
        "firo.journey",
    )


def test_a_manager_reads_the_reviewing_officers_caseloads(page: Page, household):
    sign_in(page, "manager.journey")
    page.goto("/fostering/")
    page.get_by_role("link", name="Reviewing officers' caseloads").click()
    expect(page.locator("#officers-needed")).to_contain_text("1 full-time post")
    expect(page.get_by_role("row").filter(has_text="Fran Firo")).to_contain_text("1")
    assert_accessible(page)
    page.goto("/fostering/households/new/")
    assert_accessible(page)


def test_every_other_fostering_form_passes_axe(page: Page, household):
    """The forms not on the journey above, empty and with their mistakes shown."""
    sign_in(page, "manager.journey")
    for path, button in (
        (f"/fostering/households/{household.pk}/change/", "Save change"),
        (f"/fostering/households/{household.pk}/deregister/", "Deregister"),
        (f"/fostering/households/{household.pk}/place/", "Place child"),
        (f"/fostering/households/{household.pk}/reviewing-officer/", "Save"),
        ("/fostering/households/new/", "Approve household"),
    ):
        page.goto(path)
        assert_accessible(page)
        if button != "Save":  # choosing no reviewing officer is allowed
            page.get_by_role("button", name=button).click()
            expect(page.locator(".govuk-error-summary")).to_be_visible()
            assert_accessible(page)


def test_the_childs_iro_records_a_view_of_the_placement(page: Page, household):
    iro = UserFactory(username="iro.journey", first_name="Ira", last_name="Journey")
    UserRole.objects.create(user=iro, role="iro")
    IROFactory(user=iro)
    placement = household.placements.get()
    sign_in(page, "iro.journey")
    page.goto(f"/children/{placement.child.pk}/")
    page.get_by_role("link", name="Your view of the foster placement").click()
    assert_accessible(page)
    page.get_by_role("button", name="Save view").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter your view of the placement")
    assert_accessible(page)
    page.get_by_label("The Adeyemi household").check()
    page.get_by_label("The placement meets the child's needs", exact=True).check()
    page.get_by_label("Your view of the placement").fill("Warm and steady; keep sibling time.")
    page.get_by_role("button", name="Save view").click()
    expect(page.get_by_role("alert")).to_contain_text("is recorded for the carers' next review")
    assert PlacementView.objects.filter(view__startswith="Warm and steady").exists()
