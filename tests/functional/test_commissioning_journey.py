"""Feedback on commissioned services in headless Chromium: after a review the IRO rates the
placement provider red (forgetting the comment first) and opens a challenge; the
commissioning officer then finds the rating under the provider, without the child."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from irohub.accounts.models import UserRole
from irohub.commissioning.models import Provider
from tests.factories import ReviewFactory, UserFactory
from tests.factories.records import child_in_care, iro_in_post
from tests.functional.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def review():
    today = timezone.localdate()
    child = child_in_care(
        start=today - timedelta(days=200),
        date_of_birth=date(2010, 5, 1),
        first_name="Ada",
        last_name="Okafor",
    )
    iro = iro_in_post(username="services.iro")
    Provider.objects.create(name="Harbour House Children's Homes", kind="placement")
    Provider.objects.create(name="Demo CAMHS", kind="camhs")
    commissioner = UserFactory(username="services.commissioner")
    UserRole.objects.create(user=commissioner, role="commissioner")
    return ReviewFactory(
        child=child,
        care_period=child.care_periods.get(),
        held=today - timedelta(days=2),
        chair=iro,
        participation="PN1",
    )


def test_the_iro_rates_a_provider_red_and_the_commissioner_sees_it(page: Page, review):
    sign_in(page, "services.iro")
    page.goto(f"/children/{review.child_id}/")
    page.get_by_role("link", name=re.compile("^Services rated after the review")).click()
    expect(page.get_by_role("heading", name="Commissioned services")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Service", exact=True).select_option(label="Harbour House Children's Homes")
    page.get_by_label("Red", exact=True).check()
    page.get_by_label("Open a challenge about this (red ratings only)").check()
    page.get_by_role("button", name="Save the rating").click()
    expect(page.get_by_role("link", name="Say what the concern is")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Comment").fill("Not preparing Ada's move to independence.")
    page.get_by_role("button", name="Save the rating").click()
    expect(page.get_by_text("Rating saved. An informal challenge is open.")).to_be_visible()
    expect(page.locator("#challenge-summary")).to_contain_text(
        "Harbour House Children's Homes (Placement provider) rated Red"
    )

    page.get_by_role("button", name=re.compile("Sign out")).click()
    sign_in(page, "services.commissioner")
    expect(page.get_by_role("heading", name="Commissioned services")).to_be_visible()
    assert_accessible(page)
    row = page.get_by_role("row").filter(has_text="Harbour House Children's Homes")
    expect(row).to_contain_text("Placement provider")
    row.get_by_role("link").click()
    expect(page.get_by_role("heading", name="Harbour House Children's Homes")).to_be_visible()
    expect(page.locator("table[data-table=feedback]")).to_contain_text("Red")
    expect(page.locator("table[data-table=feedback]")).to_contain_text("Awaiting response")
    assert "Okafor" not in page.content()
    assert_accessible(page)
