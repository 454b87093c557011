"""axe-core finds no accessibility violations on any workspace page, in its ordinary and
its error states. (The journeys check the pages they pass through as well.)"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from irohub.accounts.models import UserRole
from irohub.children.clock import refresh_review_clock
from tests.factories import (
    AllocationFactory,
    CarePeriodFactory,
    ChildFactory,
    EpisodeFactory,
    IROFactory,
    ReviewFactory,
    SiblingGroupFactory,
    UserFactory,
)
from tests.functional.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def service():
    """A small service: two IROs, siblings, a reviewed child, an unallocated child."""
    today = timezone.localdate()
    first = IROFactory(user=UserFactory(first_name="Ada", last_name="Iro"))
    second = IROFactory(user=UserFactory(first_name="Ben", last_name="Iro"), team=first.team)
    family = SiblingGroupFactory(name="Synthetic")
    children = []
    for number, iro in enumerate([first, first, second, None]):
        child = ChildFactory(
            first_name=f"Child{number}", last_name="Synthetic", sibling_group=family
        )
        period = CarePeriodFactory(child=child, start=today - timedelta(days=200 + 30 * number))
        EpisodeFactory(care_period=period)
        if iro is not None:
            AllocationFactory(child=child, iro=iro, start=period.start)
            ReviewFactory(care_period=period, held=period.start + timedelta(days=20), chair=iro)
        children.append(child)
    refresh_review_clock()
    manager = UserFactory(username="service.a11y")
    UserRole.objects.create(user=manager, role="service_manager")
    UserRole.objects.create(user=first.user, role="iro")
    return first, children, manager


def test_manager_pages(page: Page, service):
    _, children, _ = service
    sign_in(page, "service.a11y")
    for url in [
        "/team/",
        "/team/?unallocated=1",
        "/children/",
        "/children/?q=Synthetic",
        "/children/?q=x",  # too short: an error message
        f"/children/{children[0].pk}/",
        f"/children/{children[3].pk}/allocate/",
        "/roles/",
    ]:
        page.goto(url)
        assert_accessible(page)


def test_allocation_errors(page: Page, service):
    _, children, _ = service
    sign_in(page, "service.a11y")
    page.goto(f"/children/{children[3].pk}/allocate/")
    page.get_by_label("Day").fill("40")
    page.get_by_role("button", name="Allocate IRO").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)


def test_iro_pages(page: Page, service):
    iro, children, _ = service
    sign_in(page, iro.user.username)
    for url in [
        "/caseload/",
        "/caseload/?status=overdue",
        "/caseload/?sort=-name",
        f"/children/{children[0].pk}/reviews/new/",
    ]:
        page.goto(url)
        assert_accessible(page)
    page.get_by_role("button", name="Save review").click()  # nothing entered
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)


def test_refusal_and_not_found_pages(page: Page, service):
    iro, children, _ = service
    children[1].restricted = True
    children[1].save()
    sign_in(page, iro.user.username)
    page.goto("/team/")  # an IRO may not see the team page
    assert_accessible(page)
    page.goto(f"/children/{children[1].pk}/")
    expect(page.get_by_role("heading", name="You cannot open this page")).to_be_visible()
    assert_accessible(page)
    page.goto("/children/999999/")
    assert_accessible(page)
