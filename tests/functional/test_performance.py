"""A manager opens the performance page for a past year, follows a figure to the reviews
behind it and finds exactly the figure's numerator, in headless Chromium with an axe-core
accessibility check on every page passed."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from irohub.accounts.models import UserRole
from irohub.children.records import register_from_database
from irohub.demo.load import load_demo_council
from irohub.measures.registry import measure_rows
from irohub.records.years import CollectionYear, year_slug
from tests.factories import UserFactory
from tests.functional.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def council() -> CollectionYear:
    """A small synthetic council and a service manager; returns the last complete year."""
    load_demo_council(children=60, years=3, seed=11)
    manager = UserFactory(username="manager.performance", first_name="Pat", last_name="Lead")
    UserRole.objects.create(user=manager, role="service_manager")
    return CollectionYear(CollectionYear.to_date(timezone.localdate()).start_year - 1)


def test_a_manager_follows_a_figure_to_the_reviews_behind_it(page: Page, council):
    year = council
    expected = [
        row for row in measure_rows(register_from_database(), year, "M-REV-01") if row.counted
    ]
    assert expected, "the synthetic council held reviews on time in the year"

    sign_in(page, "manager.performance")
    page.get_by_role("link", name="Performance").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Year to date")
    assert_accessible(page)

    page.get_by_label("Year", exact=True).select_option(year_slug(year))
    page.get_by_role("button", name="Show figures").click()
    page.wait_for_url(f"**/performance/{year_slug(year)}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(year.title)
    assert_accessible(page)

    row = page.get_by_role("row").filter(has_text="M-REV-01 Reviews held on time")
    figure = row.get_by_role("link", name=re.compile("M-REV-01: list the reviews on time"))
    numerator = int(figure.inner_text().split()[0].replace(",", ""))
    denominator = row.get_by_role("link", name=re.compile("M-REV-01: list all the reviews"))
    expect(denominator).to_contain_text(f"{_denominator(year):,}")
    figure.click()

    heading = page.get_by_role("heading", level=1)
    expect(heading).to_contain_text(f"{numerator:,} reviews")
    listed = page.locator("table[data-table='numerator'] tbody tr")
    assert listed.count() == numerator == len(expected)
    identifiers = listed.locator("td:nth-child(2)").all_inner_texts()
    assert sorted(identifiers) == sorted(row.child_id for row in expected)
    assert_accessible(page)

    # The child's name leads to their record.
    first = listed.first.get_by_role("link")
    name = first.inner_text()
    first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)


def _denominator(year: CollectionYear) -> int:
    rows = measure_rows(register_from_database(), year, "M-REV-01")
    return sum(row.counted is not None for row in rows)


def test_a_measures_breakdowns_and_trend_are_accessible(page: Page, council):
    year = year_slug(council)
    sign_in(page, "manager.performance")
    for address in (
        f"/performance/{year}/M-REV-03/",
        f"/performance/{year}/M-REV-01/",
        f"/performance/{year}/M-REV-01/rows/?which=not-counted",
        "/performance/1990-91/",  # not found, with the reason
    ):
        page.goto(address)
        assert_accessible(page)
    page.goto(f"/performance/{year}/M-REV-03/")
    expect(page.locator("figure svg[role='img']")).to_be_visible()
