"""The IRO workspace's main journeys, in headless Chromium, with an accessibility check
(axe-core) on every page they pass through."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from irohub.accounts.models import UserRole
from irohub.children.clock import refresh_review_clock
from irohub.statutory import add_months
from tests.factories import (
    AllocationFactory,
    CarePeriodFactory,
    ChildFactory,
    EpisodeFactory,
    IROFactory,
    UserFactory,
)
from tests.functional.conftest import PASSWORD, assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


@pytest.fixture
def caseload():
    """An IRO with two children; Amara's first review is overdue."""
    today = timezone.localdate()
    iro = IROFactory(
        user=UserFactory(username="iro.journey", first_name="Jo", last_name="Reviewer")
    )
    UserRole.objects.create(user=iro.user, role="iro")
    amara = ChildFactory(first_name="Amara", last_name="Synthetic", date_of_birth=date(2014, 5, 2))
    period = CarePeriodFactory(child=amara, start=today - timedelta(days=60))
    EpisodeFactory(care_period=period, legal_status="C2", placement="U4")
    AllocationFactory(child=amara, iro=iro, start=period.start)
    other = ChildFactory(first_name="Bo", last_name="Synthetic", date_of_birth=date(2012, 1, 9))
    other_period = CarePeriodFactory(child=other, start=today - timedelta(days=10))
    EpisodeFactory(care_period=other_period)
    AllocationFactory(child=other, iro=iro, start=other_period.start)
    refresh_review_clock()
    return iro, amara


def test_an_iro_records_a_review_and_sees_the_next_due_date_move(page: Page, caseload):
    today = timezone.localdate()

    sign_in(page, "iro.journey")
    page.wait_for_url("**/caseload/")
    expect(page.get_by_role("heading", name="My caseload")).to_be_visible()
    assert_accessible(page)
    row = page.get_by_role("row").filter(has_text="Amara Synthetic")
    expect(row).to_contain_text("overdue", ignore_case=True)

    row.get_by_role("link", name="Amara Synthetic").click()
    expect(page.get_by_role("heading", name="Amara Synthetic")).to_be_visible()
    assert_accessible(page)
    expect(page.get_by_text("overdue", exact=False).first).to_be_visible()

    page.get_by_role("button", name="Record a review").click()
    expect(page.get_by_role("heading", name="Record a review")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Day").first.fill(str(today.day))
    page.get_by_label("Month").first.fill(str(today.month))
    page.get_by_label("Year").first.fill(str(today.year))
    page.get_by_label("PN1", exact=False).check()
    page.get_by_label("In person", exact=True).check()
    # Her first review was due 20 working days after she came into care: it is late.
    page.get_by_label("If the review was held after it was due: why").select_option(
        label="Reports not ready"
    )
    page.get_by_role("button", name="Save review").click()

    next_due = add_months(today, 3)
    expect(page.get_by_role("heading", name=f"Review of {long_date(today)}")).to_be_visible()
    expect(page.get_by_text(f"Next review due by {long_date(next_due)}")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Back to Amara Synthetic").click()
    expect(page.get_by_role("heading", name="Amara Synthetic")).to_be_visible()
    # Three months away: beyond 20 working days, so the review is now in date.
    expect(page.get_by_text("in date", exact=False).first).to_be_visible()

    page.goto("/caseload/")
    row = page.get_by_role("row").filter(has_text="Amara Synthetic")
    expect(row).to_contain_text(long_date(next_due))
    expect(row).to_contain_text("in date", ignore_case=True)


def test_a_failed_review_form_keeps_what_was_typed(page: Page, caseload):
    _, amara = caseload
    sign_in(page, "iro.journey")
    page.goto(f"/children/{amara.pk}/reviews/new/")
    page.get_by_label("Day").first.fill("31")
    page.get_by_label("Month").first.fill("2")
    page.get_by_label("Year").first.fill("2025")
    page.get_by_role("button", name="Save review").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    assert_accessible(page)
    expect(page.get_by_label("Day").first).to_have_value("31")
    # The summary's link moves focus to the field it names.
    summary.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.id").startswith("id_")


def test_a_team_manager_sees_the_team_page(page: Page, caseload):
    iro, _ = caseload
    manager = UserFactory(username="manager.journey", first_name="Tam", last_name="Manager")
    UserRole.objects.create(user=manager, role="team_manager")
    iro.team.managers.add(manager)

    sign_in(page, "manager.journey")
    page.wait_for_url("**/team/")
    assert_accessible(page)
    row = page.get_by_role("row").filter(has_text="Jo Reviewer")
    expect(row).to_be_visible()
    expect(row).to_contain_text("1.0")  # FTE
    expect(row).to_contain_text("2")  # children allocated


def tab_to(page: Page, text: str, limit: int = 80) -> None:
    """Press Tab until the focused element's text or label contains `text`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "(() => { const e = document.activeElement;"
            " return (e.innerText || e.value || '') + ' ' + (e.labels && e.labels[0] ?"
            " e.labels[0].innerText : ''); })()"
        )
        if text.lower() in focused.lower():
            return
    raise AssertionError(f"Tab never reached {text!r}")


def test_the_main_journey_works_by_keyboard_alone(page: Page, caseload):
    today = timezone.localdate()
    page.goto("/sign-in/")
    tab_to(page, "Username")
    page.keyboard.type("iro.journey")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/caseload/")

    tab_to(page, "Amara Synthetic")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Amara Synthetic")).to_be_visible()

    tab_to(page, "Record a review")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Record a review")).to_be_visible()

    tab_to(page, "Day")
    page.keyboard.type(str(today.day))
    page.keyboard.press("Tab")
    page.keyboard.type(str(today.month))
    page.keyboard.press("Tab")
    page.keyboard.type(str(today.year))
    # A radio group is one tab stop; the arrow keys move within it and choose.
    tab_to(page, "PN0")
    page.keyboard.press("ArrowDown")
    assert page.get_by_label("PN1", exact=False).is_checked()
    tab_to(page, "In person")
    page.keyboard.press("Space")
    assert page.get_by_label("In person", exact=True).is_checked()
    tab_to(page, "held after it was due")
    page.keyboard.press("ArrowDown")  # the first reason: the review is late
    tab_to(page, "Save review")
    page.keyboard.press("Enter")
    expect(
        page.get_by_text(f"Next review due by {long_date(add_months(today, 3))}")
    ).to_be_visible()
