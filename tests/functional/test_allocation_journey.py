"""A team manager allocates the child waiting for an IRO from the team page, keeping the
defaults, in headless Chromium (issue 12, defect 1): the planned IRO does not block it, and
the way back leads to the team page."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from irohub.accounts.models import UserRole
from irohub.allocation.models import Allocation
from irohub.core.formatting import long_date
from tests.factories import (
    AllocationFactory,
    CarePeriodFactory,
    ChildFactory,
    EpisodeFactory,
    IROFactory,
    TeamFactory,
    UserFactory,
)
from tests.functional.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def waiting_child():
    """Ada came into care yesterday; Pat Planned is to take her on in two days' time."""
    today = timezone.localdate()
    team = TeamFactory(name="North IRO team")
    manager = UserFactory(username="team.journey", first_name="Tam", last_name="Manager")
    UserRole.objects.create(user=manager, role="team_manager")
    team.managers.add(manager)
    planned = IROFactory(user=UserFactory(first_name="Pat", last_name="Planned"), team=team)
    IROFactory(user=UserFactory(first_name="Cy", last_name="Cover"), team=team)
    child = ChildFactory(first_name="Ada", last_name="Okafor")
    period = CarePeriodFactory(child=child, start=today - timedelta(days=1))
    EpisodeFactory(care_period=period)
    allocation = AllocationFactory(
        child=child, iro=planned, start=today + timedelta(days=2), allocated_on=today
    )
    return child, allocation


def test_a_team_manager_allocates_the_waiting_child_with_the_defaults(page: Page, waiting_child):
    child, planned = waiting_child
    today = timezone.localdate()
    sign_in(page, "team.journey")
    page.goto("/team/")
    page.get_by_role("link", name="1 child in care has no IRO").click()
    row = page.get_by_role("row").filter(has_text="Ada Okafor")
    expect(row).to_contain_text(f"Pat Planned from {long_date(planned.start)}")
    assert_accessible(page)
    row.get_by_role("link", name="Allocate now or change").click()

    expect(page.get_by_role("heading", name="Allocate an IRO")).to_be_visible()
    expect(page.locator("#current-iro")).to_have_text("No IRO today")
    expect(page.locator("#planned-iro")).to_contain_text("Pat Planned")
    expect(page.get_by_role("link", name="Team", exact=True)).to_have_attribute(
        "aria-current", "page"
    )
    assert_accessible(page)
    page.get_by_role("button", name="Allocate IRO").click()  # the defaults: as suggested, today

    expect(page.get_by_role("alert")).to_contain_text(
        f"Pat Planned is Ada Okafor's IRO from {long_date(today)}"
    )
    expect(page.locator("#current-iro")).to_contain_text(f"Pat Planned (since {long_date(today)})")
    assert_accessible(page)
    assert list(Allocation.objects.filter(child=child).values_list("start", "end")) == [
        (today, None)
    ]
    page.get_by_role("link", name="Back", exact=True).click()
    expect(page).to_have_url(re.compile(r"/team/\?unallocated=1$"))
    expect(page.get_by_text("Every child in care has an IRO.")).to_be_visible()
