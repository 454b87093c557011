"""The service manager opens the annual report, writes the introduction, and sees it in
the report — in headless Chromium, with axe-core checking each page."""

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
    load_demo_council(children=80, years=3, seed=3, as_of=date(2025, 3, 31))
    user = UserFactory(username="service.journey", first_name="Sam", last_name="Lead")
    UserRole.objects.create(user=user, role="service_manager")
    return user


def test_the_service_manager_writes_the_introduction(page: Page, manager):
    sign_in(page, "service.journey")
    page.get_by_role("link", name="Annual report", exact=True).click()
    expect(page.get_by_role("heading", name="IRO annual report")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Annual report 2023/24").click()
    expect(page.get_by_role("heading", name="4. Our children in care")).to_be_visible()
    expect(page.locator("svg[role=img]").first).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Edit the narrative").click()
    expect(page.get_by_role("heading", name="Edit the narrative")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Introduction").fill("A year in which every child was heard.")
    page.get_by_label("Timeliness of reviews").fill("x" * 20_001)
    page.get_by_role("button", name="Save the narrative").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page.get_by_label("Introduction")).to_have_value(
        "A year in which every child was heard."
    )
    assert_accessible(page)

    page.get_by_label("Timeliness of reviews").fill("Fewer late reviews this year.")
    page.get_by_role("button", name="Save the narrative").click()
    expect(page.get_by_text("Annual report 2023/24 saved")).to_be_visible()
    introduction = page.locator("#section-introduction")
    expect(introduction).to_contain_text("A year in which every child was heard.")
    expect(page.locator("#section-timeliness")).to_contain_text("Fewer late reviews this year.")
    expect(page.get_by_text("Narrative last edited by Sam Lead")).to_be_visible()
    assert_accessible(page)
