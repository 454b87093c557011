"""A dual-role IRO's journey in headless Chromium: My caseload shows an upcoming child
protection conference beside an upcoming review; the IRO records the conference and the
plan's next review conference date appears. axe-core checks every page on the way, and
the forms' error states."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from irohub.accounts.models import UserRole
from irohub.children.clock import refresh_review_clock
from irohub.conferences.actions import start_protection
from irohub.statutory import add_months
from irohub.statutory.conferences import icpc_due
from tests.factories import (
    AllocationFactory,
    CarePeriodFactory,
    ChildFactory,
    EpisodeFactory,
    IROFactory,
    UserFactory,
)
from tests.functional.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


@pytest.fixture
def dual_role():
    """Dana chairs reviews for Amara (in care, first review due soon) and the conferences of
    Noah (not in care; a strategy discussion two working days ago)."""
    today = timezone.localdate()
    iro = IROFactory(user=UserFactory(username="iro.dual", first_name="Dana", last_name="Chair"))
    UserRole.objects.create(user=iro.user, role="iro")
    amara = ChildFactory(first_name="Amara", last_name="Synthetic", date_of_birth=date(2014, 5, 2))
    period = CarePeriodFactory(child=amara, start=today - timedelta(days=10))
    EpisodeFactory(care_period=period, legal_status="C2", placement="U4")
    AllocationFactory(child=amara, iro=iro, start=period.start)
    refresh_review_clock()
    noah = ChildFactory(first_name="Noah", last_name="Synthetic", date_of_birth=date(2017, 3, 9))
    discussion = today - timedelta(days=2)
    start_protection(actor=None, child=noah, start=discussion, chair=iro)
    return iro, noah, icpc_due(discussion)


def test_a_dual_role_iro_records_a_conference_and_sees_the_next_review_conference(
    page: Page, dual_role
):
    _, noah, initial_due = dual_role
    today = timezone.localdate()
    sign_in(page, "iro.dual")
    page.wait_for_url("**/caseload/")
    assert_accessible(page)
    # The review beside the conference.
    review_row = page.get_by_role("row").filter(has_text="Amara Synthetic")
    expect(review_row).to_contain_text("due within", ignore_case=True)
    conference_row = page.get_by_role("row").filter(has_text="Noah Synthetic")
    expect(conference_row).to_contain_text(long_date(initial_due))
    expect(conference_row).to_contain_text("Initial")

    conference_row.get_by_role("link", name="Noah Synthetic").click()
    expect(page.get_by_role("heading", name="Child protection")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Record a conference").click()
    expect(page.get_by_role("heading", name="Record a child protection conference")).to_be_visible()
    assert_accessible(page)

    # A mistake first: no decision, and PN0 for a child of 9.
    page.locator("#id_held_day").fill(str(today.day))
    page.locator("#id_held_month").fill(str(today.month))
    page.locator("#id_held_year").fill(str(today.year))
    page.get_by_label("PN0", exact=False).check()
    page.get_by_role("button", name="Save conference").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Select what the conference decided")
    expect(summary).to_contain_text("PN0 is only for children under 4")
    assert_accessible(page)
    expect(page.locator("#id_held_day")).to_have_value(str(today.day))

    page.get_by_label("The child is made the subject of a child protection plan").check()
    page.get_by_label("Category of abuse").select_option("NEG")
    page.get_by_label("PN6", exact=False).check()
    page.get_by_label("Parent or person with parental responsibility").check()
    page.get_by_label("Yes", exact=True).check()
    page.get_by_role("button", name="Save conference").click()

    next_due = add_months(today, 3)
    expect(page.get_by_text(f"Next review conference due by {long_date(next_due)}")).to_be_visible()
    expect(page.locator("#next-conference-due")).to_contain_text(
        f"{next_due:%A} {long_date(next_due)}"
    )
    assert_accessible(page)

    page.goto("/caseload/")
    conference_row = page.get_by_role("row").filter(has_text="Noah Synthetic")
    expect(conference_row).to_contain_text(long_date(next_due))
    expect(conference_row).to_contain_text("Review")
    expect(conference_row.get_by_role("link", name="Noah Synthetic")).to_have_attribute(
        "href", f"/children/{noah.pk}/child-protection/"
    )
    # Ending the plan without a conference: the page and its error state.
    page.goto(f"/children/{noah.pk}/child-protection/end/")
    assert_accessible(page)
    page.get_by_role("button", name="End the plan").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select why the plan ended")
    assert_accessible(page)


def test_the_strategy_discussion_form_and_its_errors_are_accessible(page: Page, dual_role):
    sign_in(page, "iro.dual")
    child = ChildFactory(first_name="Isla", last_name="Synthetic", date_of_birth=date(2019, 1, 1))
    page.goto(f"/children/{child.pk}/child-protection/")
    assert_accessible(page)
    page.get_by_role("button", name="Record a strategy discussion").click()
    expect(page.get_by_role("heading", name="Record a strategy discussion")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the date of")
    assert_accessible(page)
