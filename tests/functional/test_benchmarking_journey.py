"""A manager opens the benchmarking page for the demo council against the synthetic
sample of published figures, from the performance page, and sees the council beside its
statistical neighbours, its region and England; then chooses an earlier year and
downloads the table. axe-core checks every page passed."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from irohub.accounts.models import UserRole
from irohub.benchmarking.models import PublishedFigure
from irohub.benchmarking.queries import comparison
from irohub.demo.load import load_demo_council
from tests.factories import UserFactory
from tests.functional.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def council() -> None:
    load_demo_council(children=30, years=2, seed=11)  # loads the synthetic sample tables
    manager = UserFactory(username="manager.bench", first_name="Bea", last_name="Lead")
    UserRole.objects.create(user=manager, role="service_manager")


def test_a_manager_sees_the_council_beside_its_neighbours_region_and_england(page: Page, council):
    assert PublishedFigure.objects.exists()
    latest = comparison()
    sign_in(page, "manager.bench")
    page.get_by_role("link", name="Performance").click()
    page.get_by_role("link", name="Benchmarking").click()
    page.wait_for_url("**/benchmarking/")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"How we compare: {latest.year}")

    table = page.locator("table[data-table='benchmarking']")
    headers = table.locator("thead th").all_inner_texts()
    assert headers == [
        "Measure",
        "Demo Borough Council (synthetic)",
        "Statistical neighbours' average (7)",
        "Demo Region (synthetic)",
        "England",
    ]
    # Each row shows the council's own published figure and the region's, as loaded.
    icpc = next(r for r in latest.rows if r.measure.key == "icpc_within_15_days")
    row = table.get_by_role("row").filter(has_text=icpc.measure.heading)
    cells = row.locator("td").all_inner_texts()
    assert cells[0].startswith(icpc.council.text)
    assert cells[2].startswith(icpc.region.text)
    assert cells[3].startswith(icpc.england.text)  # 81.4, the shipped 2024/25 figure
    neighbours = page.locator("table[data-table='neighbours'] tbody th")
    expect(neighbours).to_have_count(1 + 7)
    expect(neighbours.nth(1)).to_contain_text("Synthetic Neighbour A")
    expect(page.locator("figure svg").first).to_be_visible()
    assert_accessible(page)

    # The year before: England from the shipped national figures, with their source.
    page.get_by_label("Year", exact=True).select_option("2023-24")
    page.get_by_role("button", name="Show figures").click()
    page.wait_for_url("**/benchmarking/?year=2023-24")
    expect(page.get_by_role("heading", level=1)).to_have_text("How we compare: 2023/24")
    looked_after = (
        page.locator("table[data-table='benchmarking']")
        .get_by_role("row")
        .filter(has_text="Children looked after at 31 March per 10,000 children")
    )
    expect(looked_after.locator("td").nth(3)).to_contain_text("70")
    expect(looked_after.locator("td").nth(3)).to_contain_text("2024 release")
    assert_accessible(page)

    with page.expect_download() as download:
        page.locator("a[href*='table=benchmarking'][href*='format=csv']").click()
    assert download.value.suggested_filename == "benchmarking-2023-24.csv"
