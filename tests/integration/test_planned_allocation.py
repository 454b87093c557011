"""A planned allocation (an IRO allocated to start after today): shown as planned on the
child's page, the allocation page and the team page; changed, brought forward or cancelled;
and never in the way of cover before it starts (issue 12, defect 1)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from irohub.allocation import actions
from irohub.allocation.actions import allocate_iro
from irohub.allocation.models import Allocation
from irohub.allocation.queries import suggest_iro
from irohub.audit.models import AuditEvent
from irohub.core.formatting import long_date
from tests.factories import (
    AllocationFactory,
    CarePeriodFactory,
    ChildFactory,
    EpisodeFactory,
    TeamFactory,
)
from tests.factories.workspace import iro_with_role, today, user_in_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def waiting():
    """Ada came into care yesterday; Pat Planned is allocated to take her on in two days."""
    team = TeamFactory(name="North IRO team")
    planned_iro = iro_with_role(team=team, first_name="Pat", last_name="Planned")
    cover = iro_with_role(team=team, first_name="Cy", last_name="Cover")
    child = ChildFactory(first_name="Ada", last_name="Okafor")
    period = CarePeriodFactory(child=child, start=today() - timedelta(days=1))
    EpisodeFactory(care_period=period)
    planned = AllocationFactory(
        child=child, iro=planned_iro, start=today() + timedelta(days=2), allocated_on=today()
    )
    return child, planned, cover


def test_cover_from_today_runs_until_the_planned_iro_starts(waiting):
    child, planned, cover = waiting

    allocation = allocate_iro(actor=None, child=child, iro=cover, start=today())

    assert (allocation.start, allocation.end) == (today(), planned.start - timedelta(days=1))
    planned.refresh_from_db()
    assert planned.end is None
    event = AuditEvent.objects.get(action="allocation.made")
    assert event.details["end"] == allocation.end.isoformat()


def test_the_planned_iro_from_today_brings_the_allocation_forward(waiting):
    child, planned, _ = waiting

    allocate_iro(actor=None, child=child, iro=planned.iro, start=today())

    rows = list(Allocation.objects.filter(child=child).values_list("iro", "start", "end"))
    assert rows == [(planned.iro.pk, today(), None)]


def test_another_iro_on_the_planned_date_changes_the_planned_iro(waiting):
    child, planned, cover = waiting

    allocate_iro(actor=None, child=child, iro=cover, start=planned.start)

    rows = list(Allocation.objects.filter(child=child).values_list("iro", "start", "end"))
    assert rows == [(cover.pk, planned.start, None)]


def test_a_planned_iro_is_suggested_so_that_the_defaults_bring_it_forward(waiting):
    child, planned, _ = waiting
    suggestion = suggest_iro(child, today())
    assert suggestion.iro == planned.iro
    assert suggestion.reason == (
        f"already planned as the child's IRO from {long_date(planned.start)}"
    )


def test_an_allocation_that_has_begun_still_cannot_be_overtaken(waiting):
    child, planned, cover = waiting
    Allocation.objects.filter(pk=planned.pk).update(start=today())
    with pytest.raises(ValidationError) as raised:
        allocate_iro(actor=None, child=child, iro=cover, start=today() - timedelta(days=1))
    assert raised.value.message_dict == {
        "start": [
            f"The start date must be on or after {long_date(today())}, "
            "when Pat Planned became Ada's IRO"
        ]
    }


def test_cancelling_a_planned_iro_lets_the_iro_before_carry_on(waiting):
    child, planned, cover = waiting
    before = allocate_iro(actor=None, child=child, iro=cover, start=today())
    manager = user_in_role("team_manager")

    actions.cancel_planned_allocation(actor=manager, child=child, allocation_id=planned.pk)

    before.refresh_from_db()
    assert list(Allocation.objects.filter(child=child)) == [before]
    assert before.end is None
    event = AuditEvent.objects.get(action="allocation.cancelled")
    assert (event.actor_id, event.child_id, event.details["iro"]) == (
        manager.pk,
        child.pk,
        planned.iro_id,
    )


def test_an_allocation_that_has_begun_cannot_be_cancelled(waiting):
    child, planned, _ = waiting
    Allocation.objects.filter(pk=planned.pk).update(start=today())
    with pytest.raises(ValidationError) as raised:
        actions.cancel_planned_allocation(actor=None, child=child, allocation_id=planned.pk)
    assert raised.value.messages == [
        "Only a planned allocation can be cancelled: Pat Planned has been Ada's IRO since "
        f"{long_date(today())}"
    ]


# --- the pages agree ----------------------------------------------------------------------


@pytest.fixture
def manager(client):
    user = user_in_role("service_manager")
    client.force_login(user)
    return user


def test_the_child_page_shows_the_planned_iro_as_planned(client, manager, waiting):
    child, planned, _ = waiting
    page = client.get(reverse("child", args=[child.pk])).content.decode()
    assert "None allocated" not in page
    assert "No IRO today" in page
    assert f"Planned</strong> Pat Planned from {planned.start:%A} {long_date(planned.start)}" in (
        page
    )
    # The history does not say the planned IRO is the IRO "Now".
    history = page[page.index("IRO allocation history") :]
    assert ">Now<" not in history
    assert 'govuk-tag--blue">Planned</strong>' in history


def test_the_allocation_page_shows_the_planned_iro_and_how_to_cancel(client, manager, waiting):
    child, planned, _ = waiting
    page = client.get(reverse("allocate", args=[child.pk])).content.decode()
    assert "No IRO today" in page
    assert "Planned IRO" in page
    assert f"Pat Planned (North IRO team), from {planned.start:%A} {long_date(planned.start)}" in (
        page
    )
    assert reverse("cancel_planned_allocation", args=[child.pk, planned.pk]) in page


def test_the_defaults_on_the_allocation_page_are_accepted(client, manager, waiting):
    child, planned, _ = waiting
    day = today()
    response = client.post(
        reverse("allocate", args=[child.pk]),
        {
            "iro": planned.iro_id,
            "start_day": day.day,
            "start_month": day.month,
            "start_year": day.year,
        },
    )
    assert response.status_code == 302
    assert Allocation.objects.get(child=child).start == day


def test_the_cancel_button_cancels_and_a_get_is_refused(client, manager, waiting):
    child, planned, _ = waiting
    address = reverse("cancel_planned_allocation", args=[child.pk, planned.pk])
    assert client.get(address).status_code == 405
    response = client.post(address)
    assert response.status_code == 302
    assert not Allocation.objects.filter(child=child).exists()
    again = client.post(address, follow=True).content.decode()
    assert "has no such allocation" in again


def test_the_team_page_lists_the_waiting_child_with_the_planned_iro(client, manager, waiting):
    child, planned, _ = waiting
    page = client.get(reverse("team") + "?unallocated=1").content.decode()
    assert "1 child in care has no IRO" in page
    assert child.full_name in page
    assert f"Pat Planned from {long_date(planned.start)}" in page


def test_the_demo_makes_no_allocation_after_its_day_and_plans_the_later_ones():
    from datetime import date

    from irohub.demo.generator import generate_council

    as_of = date(2026, 12, 5)  # a Saturday: children who came in on Friday wait for Monday
    council = generate_council(children=300, years=2, seed=2, as_of=as_of)
    assert all(row.allocated_on <= as_of for row in council.allocations)
    planned = [row for row in council.allocations if row.start > as_of]
    assert planned, "the demo holds no planned allocation to show"
    assert all(row.allocated_on == as_of for row in planned)
