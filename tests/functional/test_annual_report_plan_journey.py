"""The service manager writes the report as the council writes it: adds a section of
their own and moves it, and puts an action in next year's plan — with a mistake first —
then finds both in the report. In headless Chromium, axe-core checking each page."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import Page, expect

from irohub.accounts.models import UserRole
from irohub.demo.load import load_demo_council
from tests.factories import UserFactory
from tests.functional.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def manager():
    load_demo_council(children=40, years=2, seed=3, as_of=date(2025, 3, 31))
    user = UserFactory(username="plan.journey", first_name="Pat", last_name="Lead")
    UserRole.objects.create(user=user, role="service_manager")
    return user


def test_the_service_manager_adds_a_section_and_an_action_plan(page: Page, manager):
    sign_in(page, "plan.journey")
    page.goto("/annual-report/2023-24/")
    page.get_by_role("link", name="Arrange the sections").click()
    expect(page.get_by_role("heading", name="Arrange the sections")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Add the section").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Title of the new section").fill("Resource issues")
    page.get_by_role("button", name="Add the section").click()
    expect(page.get_by_role("heading", name="Resource issues")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Text").fill("Two IRO posts were vacant for six months.")
    page.get_by_role("button", name="Save the section").click()
    expect(page.get_by_text("Section Resource issues saved")).to_be_visible()
    rows = page.locator("tbody tr th")
    expect(rows.last).to_have_text("17. Resource issues")
    page.get_by_role("button", name="Move up Resource issues").click()
    expect(rows.nth(15)).to_have_text("16. Resource issues")

    page.goto("/annual-report/2023-24/")
    page.get_by_role("link", name="The action plan").click()
    expect(page.get_by_role("heading", name="Action plan for 2024/25")).to_be_visible()
    page.get_by_label("Action", exact=True).fill("Audit every late review")
    page.get_by_label("Timescale").fill("By September 2025")
    page.get_by_label("How impact will be measured").fill("Reviews on time above 95%")
    page.get_by_role("button", name="Add the action").click()
    expect(page.get_by_role("link", name="Enter who owns the action")).to_be_visible()
    expect(page.get_by_label("Action", exact=True)).to_have_value("Audit every late review")
    assert_accessible(page)
    page.get_by_label("Owner").fill("IRO service manager")
    page.get_by_role("button", name="Add the action").click()
    expect(page.get_by_text("Action added to the plan")).to_be_visible()
    assert_accessible(page)

    page.goto("/annual-report/2023-24/")
    expect(page.locator("#section-next_year_priorities table")).to_contain_text(
        "Audit every late review"
    )
    expect(page.locator("#section-next_year_priorities table")).to_contain_text(
        "IRO service manager"
    )
    section = page.locator("section", has=page.get_by_role("heading", name="16. Resource issues"))
    expect(section).to_contain_text("Two IRO posts were vacant for six months.")
    assert_accessible(page)
