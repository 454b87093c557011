"""Social workers and social-work managers (ADR 0012): they sign in and open only the
children their team holds today; everything else is refused, and recorded."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from irohub.audit.events import EventType
from irohub.audit.models import AuditEvent
from irohub.children.access import may_open, openable_children
from irohub.children.actions import allocate_social_worker
from irohub.children.queries import held_children
from tests.factories import SocialWorkTeamFactory
from tests.factories.records import child_in_care
from tests.factories.workspace import (
    iro_with_role,
    social_work_manager_of,
    social_worker_with_role,
    today,
    user_in_role,
)

pytestmark = pytest.mark.django_db

BORN = date(2014, 3, 2)


def a_child(**fields):
    return child_in_care(start=today() - timedelta(days=200), date_of_birth=BORN, **fields)


@pytest.fixture
def teams():
    north, south = SocialWorkTeamFactory(name="North"), SocialWorkTeamFactory(name="South")
    ana = social_worker_with_role(team=north, username="ana")
    bo = social_worker_with_role(team=north, username="bo")
    cy = social_worker_with_role(team=south, username="cy")
    manager = social_work_manager_of(north, username="north.manager")
    return north, south, ana, bo, cy, manager


def hold(child, worker, start=None):
    return allocate_social_worker(
        actor=None, child=child, social_worker=worker, start=start or today() - timedelta(days=30)
    )


def test_a_social_worker_opens_only_the_children_they_hold(client, teams):
    _, _, ana, bo, cy, _ = teams
    mine, colleagues, other_team, nobodys = a_child(), a_child(), a_child(), a_child()
    hold(mine, ana)
    hold(colleagues, bo)
    hold(other_team, cy)
    assert set(openable_children(ana.user)) == {mine}
    client.force_login(ana.user)
    assert client.get(reverse("child", args=[mine.pk])).status_code == 200
    for child in (colleagues, other_team, nobodys):
        response = client.get(reverse("child", args=[child.pk]))
        assert response.status_code == 403
    refused = AuditEvent.objects.filter(action=EventType.CHILD_REFUSED, actor_id=ana.user.pk)
    assert refused.count() == 3
    # No search, no caseloads, no figures.
    for name in ("search", "caseload", "team", "performance"):
        assert client.get(reverse(name)).status_code == 403


def test_a_social_work_manager_opens_the_children_of_their_teams_social_workers(client, teams):
    _, _, ana, bo, cy, manager = teams
    first, second, elsewhere = a_child(), a_child(), a_child()
    hold(first, ana)
    hold(second, bo)
    hold(elsewhere, cy)
    assert set(openable_children(manager)) == {first, second}
    client.force_login(manager)
    page = client.get(reverse("my_children"))
    assert page.status_code == 200
    text = page.content.decode()
    assert first.identifier in text and second.identifier in text
    assert elsewhere.identifier not in text
    assert client.get(reverse("child", args=[elsewhere.pk])).status_code == 403


def test_the_record_moves_with_the_child(teams):
    _, _, ana, bo, _, _ = teams
    child = a_child()
    hold(child, ana, start=today() - timedelta(days=100))
    assert may_open(ana.user, child)
    hold(child, bo, start=today())
    assert not may_open(ana.user, child)
    assert may_open(bo.user, child)
    history = list(child.social_worker_allocations.order_by("start"))
    assert [a.social_worker for a in history] == [ana, bo]
    assert history[0].end == today() - timedelta(days=1)  # kept, ended the day before


def test_a_planned_change_does_not_open_the_record_early(teams):
    _, _, ana, _, _, _ = teams
    child = a_child()
    hold(child, ana, start=today() + timedelta(days=7))
    assert not may_open(ana.user, child)
    assert held_children(ana.user) == []


def test_a_restricted_record_names_the_social_worker_who_holds_it(teams):
    _, _, ana, _, _, manager = teams
    child = a_child(restricted=True)
    hold(child, ana)
    assert may_open(ana.user, child)
    # The manager is not named on the restriction: the restriction wins over the scope.
    assert not may_open(manager, child)


def test_home_sends_a_social_worker_to_their_children(client, teams):
    _, _, ana, _, _, _ = teams
    client.force_login(ana.user)
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response["Location"] == reverse("my_children")
    page = client.get(reverse("my_children"))
    assert "No children are allocated to you" in page.content.decode()
    assert 'href="/my-children/"' in page.content.decode()  # in the navigation


def test_iros_are_not_scoped(teams):
    _, _, ana, _, _, _ = teams
    child = a_child()
    hold(child, ana)
    iro = iro_with_role()
    assert may_open(iro.user, child)
    assert may_open(user_in_role("auditor"), child)
    assert not may_open(user_in_role("administrator"), child)


def test_the_child_page_names_the_social_worker(client, teams):
    _, _, ana, _, _, _ = teams
    child = a_child()
    hold(child, ana)
    client.force_login(iro_with_role().user)
    text = client.get(reverse("child", args=[child.pk])).content.decode()
    assert f"{ana}, North" in text


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("same", "already holds"),
        ("earlier", "a change must start after that"),
        ("left", "left on"),
    ],
)
def test_bad_changes_are_refused_with_a_reason(teams, case, message):
    _, _, ana, bo, _, _ = teams
    child = a_child()
    hold(child, ana, start=today() - timedelta(days=10))
    if case == "same":
        worker, start = ana, today()
    elif case == "earlier":
        worker, start = bo, today() - timedelta(days=20)
    else:
        bo.end_date = today() - timedelta(days=5)
        bo.save()
        worker, start = bo, today()
    with pytest.raises(ValidationError, match=message):
        hold(child, worker, start=start)
    assert child.social_worker_allocations.count() == 1


def test_the_change_is_audited(teams):
    _, _, ana, _, _, _ = teams
    child = a_child()
    hold(child, ana)
    event = AuditEvent.objects.get(action=EventType.SOCIAL_WORKER_ALLOCATED)
    assert event.child_id == child.pk
    assert event.details["team"] == "North"


def test_my_children_reads_in_a_fixed_number_of_queries(client, teams):
    _, _, ana, _, _, _ = teams
    client.force_login(ana.user)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("my_children")).status_code == 200
        return len(captured.captured_queries)

    for _ in range(3):
        hold(a_child(), ana)
    few = queries()
    for _ in range(12):
        hold(a_child(), ana)
    assert queries() == few
    assert len(held_children(ana.user)) == 15
