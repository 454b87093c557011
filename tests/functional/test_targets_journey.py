"""A manager sets a local target for a measure and sees its figure turn amber on the
performance page, in words as well as colour, then opens the benchmarking page for the
demo council against the synthetic sample of published figures (the issue's one
journey), in headless Chromium with an axe-core accessibility check on every page passed
(issue 17, items 4 and 5)."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from irohub.accounts.models import UserRole
from irohub.children.records import register_from_database
from irohub.demo.load import load_demo_council
from irohub.measures.registry import compute_measures
from irohub.records.years import CollectionYear
from tests.factories import UserFactory
from tests.functional.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def in_post() -> int:
    """A small synthetic council and a service manager; returns the IROs in post now."""
    load_demo_council(children=60, years=2, seed=11)
    manager = UserFactory(username="manager.targets", first_name="Pat", last_name="Lead")
    UserRole.objects.create(user=manager, role="service_manager")
    year = CollectionYear.to_date(timezone.localdate())
    return compute_measures(register_from_database(), year)["measures"]["M-WF-03"]["count"]


def test_a_manager_sets_a_target_and_sees_the_figure_turn_amber(page: Page, in_post: int):
    sign_in(page, "manager.targets")
    page.get_by_role("link", name="Performance").click()
    row = page.get_by_role("row").filter(has_text="M-WF-03 IROs in post at the year's end")
    expect(row).not_to_contain_text("Amber")
    row.get_by_role("link", name="M-WF-03 IROs in post at the year's end").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("IROs in post at the year's end")
    expect(page.get_by_text("None set")).to_be_visible()

    page.get_by_role("link", name="Set the local target").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Set a target")
    assert_accessible(page)
    # Bad input first: the error names the field and keeps what was typed.
    page.get_by_label("Target", exact=True).fill("many")
    page.get_by_role("button", name="Set the target").click()
    expect(page.get_by_role("alert")).to_contain_text("The target must be a number")
    assert_accessible(page)
    # One more IRO than are in post, with an amber margin of 1: the figure is amber.
    page.get_by_label("Target", exact=True).fill(str(in_post + 1))
    page.get_by_label("Amber margin").fill("1")
    page.get_by_label("Higher is better").check()
    page.get_by_role("button", name="Set the target").click()

    words = f"Amber: below the target of {in_post + 1} by up to 1"
    expect(page.get_by_text("Target set for M-WF-03")).to_be_visible()
    rating = page.locator("[data-rating]")
    expect(rating).to_have_text(words)
    expect(rating).to_have_class("govuk-tag govuk-tag--orange")
    assert_accessible(page)

    # The year's figures say it too, beside the figure.
    page.get_by_role("link", name="Performance").click()
    row = page.get_by_role("row").filter(has_text="M-WF-03 IROs in post at the year's end")
    expect(row.locator(".govuk-tag--orange")).to_have_text(words)
    assert_accessible(page)

    # Then how the council compares: the demo council beside its statistical neighbours,
    # its region and England, from the sample published tables the demo loads (issue 17,
    # item 5; the full benchmarking journey is test_benchmarking_journey.py).
    page.get_by_role("link", name="Benchmarking").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("How we compare")
    headers = page.locator("table[data-table='benchmarking'] thead th")
    expect(headers).to_have_text(
        [
            "Measure",
            "Demo Borough Council (synthetic)",
            "Statistical neighbours' average (7)",
            "Demo Region (synthetic)",
            "England",
        ]
    )
    expect(page.locator("table[data-table='neighbours'] tbody th")).to_have_count(1 + 7)
    assert_accessible(page)
