"""A service manager records a post and an absence on the workforce pages and sees the
establishment on the workforce page and the team page, in headless Chromium with an
axe-core check on every page passed, the forms with their errors too (issue 17, item 1)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from irohub.accounts.models import UserRole
from tests.factories import IROFactory, TeamFactory, UserFactory
from tests.functional.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def service() -> None:
    north = TeamFactory(name="North")
    IROFactory(
        team=north,
        fte=Decimal("1.00"),
        start_date=date(2020, 1, 6),
        user=UserFactory(first_name="Ada", last_name="Iro"),
    )
    manager = UserFactory(username="manager.workforce")
    UserRole.objects.create(user=manager, role="service_manager")
    north.managers.add(manager)


def _date(page: Page, legend: str, day: date) -> None:
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def test_a_manager_records_the_establishment_and_an_absence(page: Page, service):
    sign_in(page, "manager.workforce")
    page.goto("/workforce/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Workforce")
    assert_accessible(page)

    page.get_by_role("link", name="Add a post").click()
    page.get_by_label("Independent reviewing officer").check()
    page.get_by_label("Team", exact=True).select_option(label="North")
    page.get_by_label("FTE of the post").fill("2")
    _date(page, "Start date", date(2024, 4, 1))
    page.get_by_role("button", name="Add the post").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "The post's FTE must be more than 0 and no more than 1.00"
    )
    assert_accessible(page)
    page.get_by_label("FTE of the post").fill("1.00")
    page.get_by_role("button", name="Add the post").click()
    expect(page.get_by_text("Post added")).to_be_visible()

    page.get_by_role("link", name="Record an absence").click()
    page.get_by_label("Person").select_option(label="Ada Iro (IRO, North)")
    page.get_by_label("Sickness").check()
    _date(page, "First day of absence", date(2024, 5, 1))
    _date(page, "Last day of absence", date(2024, 5, 3))
    page.get_by_role("button", name="Record the absence").click()
    expect(page.get_by_text("Absence recorded")).to_be_visible()
    today = page.locator("table[data-table='workforce-today']")
    expect(today.get_by_role("row").filter(has_text="North")).to_contain_text("1.00")
    assert_accessible(page)

    page.goto("/team/")
    expect(page.get_by_role("heading", name="Establishment and staffing")).to_be_visible()
    assert_accessible(page)
