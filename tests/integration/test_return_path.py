"""Where am I: a child's page opened from a list shows that list in the navigation and goes
back to it; the return path is only ever a path to one of the lists on this site (issue 12,
defect 3)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse

from irohub.accounts.models import UserRole
from irohub.core.navigation import safe_return_path
from tests.factories import CarePeriodFactory, ChildFactory, EpisodeFactory
from tests.factories.workspace import iro_with_role, today, user_in_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def child():
    child = ChildFactory(first_name="Ada", last_name="Okafor")
    period = CarePeriodFactory(child=child, start=today() - timedelta(days=30))
    EpisodeFactory(care_period=period)
    return child


@pytest.fixture
def manager(client):
    """A service manager who is also an IRO: sees every list in the navigation."""
    user = user_in_role("service_manager")
    UserRole.objects.create(user=user, role="iro")
    client.force_login(user)
    return user


def current_items(page: str) -> list[str]:
    """The navigation items marked as the current part of the service."""
    return re.findall(
        r'aria-current="page">\s*<strong class="govuk-service-navigation__active-fallback">'
        r"([^<]+)</strong>",
        page,
    )


def back_link(page: str) -> str:
    return re.search(r'<a href="([^"]*)" class="govuk-back-link">', page).group(1)


@pytest.mark.parametrize(
    ("came_from", "item"),
    [
        ("/caseload/", "My caseload"),
        ("/team/?unallocated=1", "Team"),
        ("/children/?q=okafor", "Find a child"),
        ("/performance/2025-26/M-REV-01/rows/?which=numerator", "Performance"),
    ],
)
def test_a_child_page_shows_the_list_it_was_opened_from(client, manager, child, came_from, item):
    page = client.get(reverse("child", args=[child.pk]), {"back": came_from}).content.decode()
    assert back_link(page) == came_from
    assert current_items(page) == [item]


def test_without_a_return_path_no_list_is_claimed_and_back_goes_home(client, manager, child):
    page = client.get(reverse("child", args=[child.pk])).content.decode()
    assert current_items(page) == []
    assert back_link(page) == reverse("home")


def test_the_referring_list_of_this_site_is_the_way_back(client, manager, child):
    page = client.get(
        reverse("child", args=[child.pk]),
        headers={"referer": "http://testserver/team/?unallocated=1"},
    ).content.decode()
    assert back_link(page) == "/team/?unallocated=1"
    assert current_items(page) == ["Team"]
    elsewhere = client.get(
        reverse("child", args=[child.pk]),
        headers={"referer": "http://evil.example/team/"},
    ).content.decode()
    assert back_link(elsewhere) == reverse("home")


@pytest.mark.parametrize(
    "value",
    [
        "//evil.example/caseload/",
        "https://evil.example/caseload/",
        "http:/caseload/",
        "/\\evil.example/caseload/",
        "\\\\evil.example/caseload/",
        "/caseload/\n",
        "javascript:alert(1)",
        "caseload/",
        "/admin/",  # on this site, but not a list a child's record is opened from
        "/children/1/",
        "/" + "a" * 3000,
        "",
    ],
)
def test_a_return_path_is_a_list_on_this_site_or_nothing(client, manager, child, value):
    assert safe_return_path(value) is None
    page = client.get(reverse("child", args=[child.pk]), {"back": value}).content.decode()
    assert back_link(page) == reverse("home")


def test_the_search_page_itself_is_still_find_a_child(client, manager):
    page = client.get(reverse("search")).content.decode()
    assert current_items(page) == ["Find a child"]


def test_the_allocation_page_keeps_the_way_back_to_the_list(client, manager, child):
    iro = iro_with_role(first_name="Nia", last_name="New")
    team = "/team/?unallocated=1"
    address = reverse("allocate", args=[child.pk])
    page = client.get(address, {"back": team}).content.decode()
    assert current_items(page) == ["Team"]
    back = "?back=%2Fteam%2F%3Funallocated%3D1"
    assert f'href="{reverse("child", args=[child.pk])}{back}"' in page
    day = today()
    response = client.post(
        f"{address}{back}",
        {"iro": iro.pk, "start_day": day.day, "start_month": day.month, "start_year": day.year},
    )
    assert response["Location"] == f"{reverse('child', args=[child.pk])}{back}"
