"""The team page: each IRO's caseload against the IRO Handbook band, who sees which teams,
children with no IRO, and the same number of queries for 50 children as for 500."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import TeamFactory
from tests.factories.workspace import bulk_caseload, iro_with_role, today, user_in_role

pytestmark = pytest.mark.django_db

URL = "/team/"


def loads_by_name(response) -> dict[str, object]:
    return {
        str(load.iro): load
        for team_caseload in response.context["caseloads"]
        for load in team_caseload.loads
    }


def team_names(response) -> list[str]:
    return [team_caseload.team.name for team_caseload in response.context["caseloads"]]


@pytest.fixture
def north():
    return TeamFactory(name="North IRO team")


@pytest.fixture
def south():
    return TeamFactory(name="South IRO team")


@pytest.fixture
def manager(client, north):
    user = user_in_role("team_manager", first_name="Maya", last_name="Manager")
    north.managers.add(user)
    client.force_login(user)
    return user


def test_the_url_name_is_team():
    assert reverse("team") == URL


def test_children_per_fte_against_the_band(client, settings, manager, north):
    settings.IROHUB_CASELOAD_BAND = (4, 6)
    below = iro_with_role(team=north, first_name="Ann", last_name="Below")
    within = iro_with_role(team=north, first_name="Bo", last_name="Within", fte="0.50")
    above = iro_with_role(team=north, first_name="Cy", last_name="Above", fte="0.40")
    bulk_caseload(below, 3, prefix="A", statuses=("overdue", "in-date", "in-date"))
    bulk_caseload(within, 3, prefix="B", statuses=("due-5", "due-20", "in-date"))
    bulk_caseload(above, 3, prefix="C", statuses=("overdue", "overdue", "due-20"))

    response = client.get(URL)

    assert response.status_code == 200
    loads = loads_by_name(response)
    assert [(str(iro), loads[str(iro)].per_fte) for iro in (below, within, above)] == [
        ("Ann Below", 3.0),
        ("Bo Within", 6.0),
        ("Cy Above", 7.5),
    ]
    assert [loads[str(iro)].band for iro in (below, within, above)] == [
        "below band",
        "within band",
        "above band",
    ]
    assert (loads["Cy Above"].overdue, loads["Cy Above"].due_5, loads["Cy Above"].due_20) == (
        2,
        0,
        1,
    )
    page = response.content.decode()
    assert 'govuk-tag--blue">Below band<' in page
    assert 'govuk-tag--green">Within band<' in page
    assert 'govuk-tag--red">Above band<' in page
    assert ">7.5<" in page and ">0.40<" in page
    assert "<caption" in page and "North IRO team" in page
    # Team totals: 9 children over 1.9 FTE = 4.7 per FTE.
    totals = response.context["caseloads"][0].totals
    assert (totals.children, totals.overdue, totals.due_5, totals.due_20) == (9, 3, 1, 2)
    assert f"{totals.per_fte:.1f}" == "4.7"
    assert "Team total" in page and ">4.7<" in page


def test_only_iros_in_post_are_listed(client, manager, north):
    iro_with_role(team=north, first_name="Still", last_name="Here")
    iro_with_role(
        team=north,
        first_name="Gone",
        last_name="Away",
        end_date=today() - timedelta(days=1),
    )
    iro_with_role(
        team=north, first_name="Not", last_name="Yet", start_date=today() + timedelta(days=7)
    )
    assert list(loads_by_name(client.get(URL))) == ["Still Here"]


def test_a_team_manager_sees_only_the_teams_they_manage(client, manager, north, south):
    iro_with_role(team=north, first_name="Nia", last_name="North")
    iro_with_role(team=south, first_name="Sam", last_name="South")

    response = client.get(URL)
    assert team_names(response) == ["North IRO team"]
    assert "Sam South" not in response.content.decode()
    # Asking for another team's page shows the manager's own teams, not the other one.
    assert team_names(client.get(URL, {"team": south.pk})) == ["North IRO team"]


@pytest.mark.parametrize("role", ["service_manager", "auditor"])
def test_service_wide_roles_see_every_team_and_can_focus_one(client, role, north, south):
    client.force_login(user_in_role(role))
    iro_with_role(team=north, first_name="Nia", last_name="North")
    iro_with_role(team=south, first_name="Sam", last_name="South")

    response = client.get(URL)
    assert team_names(response) == ["North IRO team", "South IRO team"]
    page = response.content.decode()
    assert '<label class="govuk-label" for="team-select">Team</label>' in page

    focused = client.get(URL, {"team": south.pk})
    assert team_names(focused) == ["South IRO team"]
    assert list(loads_by_name(focused)) == ["Sam South"]
    assert f'<option value="{south.pk}" selected>' in focused.content.decode()


def test_a_manager_of_no_team_is_told_so(client):
    client.force_login(user_in_role("team_manager"))
    assert "You do not manage a team yet" in client.get(URL).content.decode()


@pytest.mark.parametrize("role", ["iro", "administrator"])
def test_other_roles_cannot_open_the_team_page(client, role):
    client.force_login(user_in_role(role))
    assert client.get(URL).status_code == 403


def test_the_team_page_declares_its_access_rule():
    from irohub.allocation.views import team

    assert team.access_rule == (
        "permission: view their team's caseloads or view every team's caseloads"
    )


def test_children_with_no_iro_are_counted_and_listed(client, manager, north):
    iro = iro_with_role(team=north)
    bulk_caseload(iro, 2, prefix="A")
    waiting = bulk_caseload(None, 2, prefix="W")
    secret = bulk_caseload(None, 1, prefix="S")[0]
    secret.restricted = True
    secret.save(update_fields=["restricted"])

    page = client.get(URL).content.decode()
    assert "3 children in care have no IRO" in page
    assert 'href="?unallocated=1"' in page

    response = client.get(URL, {"unallocated": "1"})
    page = response.content.decode()
    assert [row.name for row in response.context["unallocated"]] == [
        child.full_name for child in sorted(waiting, key=lambda c: c.last_name)
    ]
    for child in waiting:
        back = "?back=%2Fteam%2F%3Funallocated%3D1"  # the way back to this list
        assert f'href="{reverse("allocate", args=[child.pk])}{back}"' in page
    assert secret.full_name not in page
    assert "1 restricted record without an IRO is not listed" in page


def test_an_auditor_sees_children_with_no_iro_but_no_allocate_link(client):
    client.force_login(user_in_role("auditor"))
    child = bulk_caseload(None, 1, prefix="W")[0]
    page = client.get(URL, {"unallocated": "1"}).content.decode()
    assert child.full_name in page
    assert reverse("allocate", args=[child.pk]) not in page


def count_queries(client, params=None) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(URL, params or {})
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_the_same_number_of_queries_for_50_and_500_children(client, north, south):
    client.force_login(user_in_role("service_manager"))
    first, second = iro_with_role(team=north), iro_with_role(team=south)
    bulk_caseload(first, 25, prefix="A")
    bulk_caseload(second, 25, prefix="B")
    bulk_caseload(None, 3, prefix="W")
    client.get(URL)  # warm the per-process calendar cache

    small = count_queries(client)
    small_unallocated = count_queries(client, {"unallocated": "1"})

    # Ten times the children, more IROs and another team.
    west = TeamFactory(name="West IRO team")
    for number, team in enumerate((north, south, west, west)):
        bulk_caseload(iro_with_role(team=team), 100, prefix=f"C{number}")
    bulk_caseload(first, 25, prefix="D")
    bulk_caseload(second, 25, prefix="E")
    bulk_caseload(None, 30, prefix="X")
    large = count_queries(client)
    large_unallocated = count_queries(client, {"unallocated": "1"})

    response = client.get(URL)
    assert sum(tc.totals.children for tc in response.context["caseloads"]) == 500
    assert small == large
    assert small_unallocated == large_unallocated
    print(f"Team page: {small} queries for 50 children, {large} for 500")
