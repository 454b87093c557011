"""Allocating an IRO: the suggestion, the action and its checks, the form in the GOV.UK
pattern, restricted records, and the allocation timescale."""

from __future__ import annotations

import html
import re
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from irohub.allocation.actions import allocate_iro
from irohub.allocation.models import Allocation
from irohub.allocation.queries import (
    allocation_history,
    allocation_timeliness,
    suggest_iro,
)
from irohub.audit.models import AuditEvent
from irohub.core.calendar import get_calendar
from tests.factories import (
    AllocationFactory,
    CarePeriodFactory,
    ChildFactory,
    EpisodeFactory,
    IROFactory,
    SiblingGroupFactory,
    TeamFactory,
)
from tests.factories.workspace import bulk_caseload, iro_with_role, today, user_in_role

pytestmark = pytest.mark.django_db


def child_in_care(*, since: date | None = None, iro=None, allocated_from=None, **fields):
    """A child looked after since `since` (default 60 days ago), optionally with an IRO."""
    since = since or today() - timedelta(days=60)
    child = ChildFactory(**fields)
    period = CarePeriodFactory(child=child, start=since)
    EpisodeFactory(care_period=period)
    if iro is not None:
        start = allocated_from or since
        AllocationFactory(child=child, iro=iro, start=start, allocated_on=start)
    return child


def url(child) -> str:
    return reverse("allocate", args=[child.pk])


@pytest.fixture
def manager(client, team):
    """The manager of the North team (a team manager allocates within their teams)."""
    user = user_in_role("team_manager", first_name="Maya", last_name="Manager")
    team.managers.add(user)
    client.force_login(user)
    return user


@pytest.fixture
def team():
    return TeamFactory(name="North IRO team")


# --- the suggestion ---------------------------------------------------------------------


def test_suggests_the_iro_already_allocated_to_a_sibling(team):
    busy = iro_with_role(team=team, first_name="Bea", last_name="Busy")
    iro_with_role(team=team, first_name="Ida", last_name="Idle")
    bulk_caseload(busy, 3, prefix="A")
    family = SiblingGroupFactory(name="Okafor")
    sister = child_in_care(
        iro=busy, sibling_group=family, first_name="Ada", last_name="Okafor", sex="F"
    )
    child = child_in_care(sibling_group=family, first_name="Obi", last_name="Okafor")

    suggestion = suggest_iro(child, today())

    assert suggestion.iro == busy
    assert suggestion.reason == f"already IRO for the child's sister {sister.full_name}"


def test_a_restricted_siblings_name_is_not_given_as_the_reason(team):
    iro = iro_with_role(team=team)
    family = SiblingGroupFactory()
    child_in_care(iro=iro, sibling_group=family, sex="M", restricted=True)
    suggestion = suggest_iro(child_in_care(sibling_group=family), today())
    assert suggestion.iro == iro
    assert suggestion.reason == "already IRO for the child's brother"


def test_a_siblings_iro_who_has_left_is_not_suggested(team):
    leaving = iro_with_role(team=team, last_name="Leaving", end_date=today())
    staying = iro_with_role(team=team, last_name="Staying")
    bulk_caseload(staying, 2, prefix="S")
    family = SiblingGroupFactory()
    child_in_care(iro=leaving, sibling_group=family)
    child = child_in_care(sibling_group=family)

    assert suggest_iro(child, today()).iro == leaving  # still in post today
    tomorrow = today() + timedelta(days=1)
    assert suggest_iro(child, tomorrow).iro == staying


def test_otherwise_suggests_the_lowest_children_per_fte_ties_by_name(team):
    adams = iro_with_role(team=team, first_name="Al", last_name="Adams")
    part_time = iro_with_role(team=team, first_name="Pat", last_name="Part", fte="0.40")
    cole = iro_with_role(team=team, first_name="Cy", last_name="Cole")
    bulk_caseload(adams, 2, prefix="A")  # 2.0 per FTE
    bulk_caseload(part_time, 1, prefix="P")  # 2.5 per FTE
    bulk_caseload(cole, 2, prefix="C")  # 2.0 per FTE, after Adams by name
    # A child in another sibling group does not count as a sibling.
    child_in_care(iro=part_time, sibling_group=SiblingGroupFactory())

    suggestion = suggest_iro(child_in_care(sibling_group=SiblingGroupFactory()), today())

    assert suggestion.iro == adams
    assert suggestion.reason == "lowest children per FTE: 2.0"


def test_the_childs_own_iro_is_not_suggested_for_a_reallocation(team):
    current = iro_with_role(team=team, last_name="Current")
    other = iro_with_role(team=team, last_name="Other")
    bulk_caseload(other, 3, prefix="O")
    family = SiblingGroupFactory()
    child_in_care(iro=current, sibling_group=family)
    child = child_in_care(iro=current, sibling_group=family)

    assert suggest_iro(child, today()).iro == other


def test_no_suggestion_when_no_iro_is_in_post():
    suggestion = suggest_iro(child_in_care(), today())
    assert suggestion.iro is None
    assert suggestion.reason == "no IRO is in post"


# --- the action -------------------------------------------------------------------------


def test_reallocation_ends_the_previous_allocation_and_is_audited(team):
    actor = user_in_role("team_manager")
    team.managers.add(actor)
    first, second = iro_with_role(team=team), iro_with_role(team=team)
    child = child_in_care(iro=first)
    start = today() + timedelta(days=7)

    allocation = allocate_iro(actor=actor, child=child, iro=second, start=start)

    previous = Allocation.objects.get(child=child, iro=first)
    assert previous.end == start - timedelta(days=1)
    assert (allocation.iro, allocation.start, allocation.end) == (second, start, None)
    assert allocation.allocated_on == today()
    event = AuditEvent.objects.get(action="allocation.made")
    assert (event.actor_id, event.child_id, event.target_id) == (
        actor.pk,
        child.pk,
        str(allocation.pk),
    )
    assert event.target_type == "allocation.allocation"
    assert event.details["iro"] == second.pk
    assert event.details["start"] == start.isoformat()
    assert event.details["previous_iro"] == first.pk


def test_a_first_allocation(team):
    iro = iro_with_role(team=team)
    child = child_in_care()
    allocation = allocate_iro(actor=None, child=child, iro=iro, start=today())
    assert list(Allocation.objects.filter(child=child)) == [allocation]


def test_an_allocation_starting_the_same_day_is_replaced(team):
    first, second = iro_with_role(team=team), iro_with_role(team=team)
    child = child_in_care(iro=first, allocated_from=today())

    allocate_iro(actor=None, child=child, iro=second, start=today())

    assert [a.iro for a in Allocation.objects.filter(child=child)] == [second]
    assert AuditEvent.objects.get(action="allocation.made").details["replaced"] is True


def messages_of(error: ValidationError) -> dict[str, list[str]]:
    return error.message_dict


def test_the_same_iro_again_is_refused(team):
    iro = iro_with_role(team=team, first_name="Sol", last_name="Same")
    child = child_in_care(iro=iro)
    with pytest.raises(ValidationError) as raised:
        allocate_iro(actor=None, child=child, iro=iro, start=today())
    assert messages_of(raised.value) == {
        "iro": [f"Sol Same is already the IRO for {child.full_name}"]
    }
    assert not AuditEvent.objects.filter(action="allocation.made").exists()


def test_a_start_before_the_care_period_is_refused(team):
    iro = iro_with_role(team=team)
    child = child_in_care(since=date(2024, 3, 4), first_name="Ada")
    with pytest.raises(ValidationError) as raised:
        allocate_iro(actor=None, child=child, iro=iro, start=date(2024, 3, 1))
    assert messages_of(raised.value) == {
        "start": ["The start date must be on or after 4 March 2024, when Ada came into care"]
    }


def test_a_start_after_the_child_left_care_is_refused(team):
    iro = iro_with_role(team=team)
    child = ChildFactory(first_name="Ada")
    CarePeriodFactory(
        child=child, start=date(2024, 3, 4), end=date(2024, 6, 30), reason_ceased="E13"
    )
    with pytest.raises(ValidationError) as raised:
        allocate_iro(actor=None, child=child, iro=iro, start=date(2024, 7, 1))
    assert messages_of(raised.value) == {
        "start": ["The start date must be on or before 30 June 2024, when Ada left care"]
    }


def test_a_child_with_no_care_period_is_refused(team):
    child = ChildFactory(first_name="Ada", last_name="Lone")
    with pytest.raises(ValidationError) as raised:
        allocate_iro(actor=None, child=child, iro=iro_with_role(team=team), start=today())
    assert "Ada Lone has no care period" in messages_of(raised.value)["start"][0]


def test_a_start_before_the_current_allocation_is_refused(team):
    first = iro_with_role(team=team, first_name="Fay", last_name="First")
    child = child_in_care(
        since=date(2024, 1, 8), iro=first, allocated_from=date(2024, 2, 1), first_name="Ada"
    )
    with pytest.raises(ValidationError) as raised:
        allocate_iro(actor=None, child=child, iro=iro_with_role(team=team), start=date(2024, 1, 9))
    assert messages_of(raised.value) == {
        "start": [
            "The start date must be on or after 1 February 2024, when Fay First became Ada's IRO"
        ]
    }


def test_an_iro_not_in_post_on_the_start_date_is_refused(team):
    leaver = iro_with_role(
        team=team, first_name="Lee", last_name="Left", end_date=today() - timedelta(days=1)
    )
    with pytest.raises(ValidationError) as raised:
        allocate_iro(actor=None, child=child_in_care(), iro=leaver, start=today())
    day = today()
    assert messages_of(raised.value) == {
        "iro": [f"Lee Left is not in post on {day.day} {day:%B} {day.year}: choose another IRO"]
    }


# --- the page ---------------------------------------------------------------------------


def test_the_page_shows_the_current_and_suggested_iro(client, manager, team):
    current = iro_with_role(team=team, first_name="Cara", last_name="Current")
    suggested = iro_with_role(team=team, first_name="Sid", last_name="Suggested", fte="0.50")
    bulk_caseload(current, 4, prefix="A")
    child = child_in_care(iro=current, first_name="Ada", last_name="Okafor")

    response = client.get(url(child))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Cara Current (North IRO team)" in page
    assert "Why: lowest children per FTE: 0.0" in page
    # The select defaults to the suggestion and shows each IRO's children per FTE.
    assert f'<option value="{suggested.pk}" selected>Sid Suggested (North IRO team, 0.0' in page
    assert "Cara Current (North IRO team, 5.0 children per FTE)" in page
    day = today()
    assert f'name="start_day" type="text" inputmode="numeric" value="{day.day}"' in page
    assert f'name="start_year" type="text" inputmode="numeric" value="{day.year}"' in page
    opened = AuditEvent.objects.get(action="child.opened", child_id=child.pk)
    assert opened.details["purpose"] == "allocating an IRO"


def test_a_successful_allocation_returns_to_the_child_page(client, manager, team):
    iro = iro_with_role(team=team, first_name="Nia", last_name="New")
    child = child_in_care(first_name="Ada", last_name="Okafor")
    day = today()

    response = client.post(
        url(child),
        {"iro": iro.pk, "start_day": day.day, "start_month": day.month, "start_year": day.year},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("child", args=[child.pk])
    assert Allocation.objects.get(child=child).iro == iro
    message = [str(m) for m in response.wsgi_request._messages]
    assert message == [f"Nia New is Ada Okafor's IRO from {day.day} {day:%B} {day.year}"]


def test_form_errors_are_summarised_with_links_and_the_entry_is_kept(client, manager, team):
    iro_with_role(team=team)
    child = child_in_care()

    response = client.post(
        url(child), {"iro": "", "start_day": "31", "start_month": "2", "start_year": "2025"}
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert '<a href="#id_iro">Choose the IRO</a>' in page
    assert '<a href="#id_start_day">Start date must be a real date</a>' in page
    assert 'id="id_start_day" name="start_day" type="text" inputmode="numeric" value="31"' in page
    assert 'name="start_month" type="text" inputmode="numeric" value="2"' in page
    assert "(error)" in page.split("</title>")[0]
    assert not Allocation.objects.filter(child=child).exists()


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        ("", "", "", "Enter the start date"),
        ("3", "", "2025", "Start date must include a month"),
        ("3", "two", "2025", "Start date must be a real date, written in numbers"),
        ("3", "2", "25", "Start date: the year must have 4 numbers"),
    ],
)
def test_date_mistakes_get_the_gov_uk_messages(client, manager, team, day, month, year, message):
    iro = iro_with_role(team=team)
    response = client.post(
        url(child_in_care()),
        {"iro": iro.pk, "start_day": day, "start_month": month, "start_year": year},
    )
    page = response.content.decode()
    assert f'<a href="#id_start_day">{message}</a>' in page
    assert f'<span class="govuk-visually-hidden">Error:</span> {message}' in page


def test_the_actions_refusals_are_shown_by_their_fields(client, manager, team):
    iro = iro_with_role(team=team)
    child = child_in_care(since=date(2024, 3, 4), first_name="Ada")

    response = client.post(
        url(child), {"iro": iro.pk, "start_day": "1", "start_month": "3", "start_year": "2024"}
    )

    page = response.content.decode()
    message = "The start date must be on or after 4 March 2024, when Ada came into care"
    assert f'<a href="#id_start_day">{message}</a>' in page
    assert 'id="id_start-error"' in page
    assert f'<option value="{iro.pk}" selected>' in page  # the choice is kept
    assert 'value="2024"' in page


def test_a_restricted_child_is_refused_to_a_manager_not_named(client, manager, team):
    iro_with_role(team=team)
    child = child_in_care(restricted=True)

    assert client.get(url(child)).status_code == 403
    refused = AuditEvent.objects.get(action="child.refused", child_id=child.pk)
    assert refused.actor_id == manager.pk
    assert refused.details["purpose"] == "allocating an IRO"
    assert client.post(url(child), {}).status_code == 403

    child.restricted_to.add(manager)
    assert client.get(url(child)).status_code == 200


@pytest.mark.parametrize("role", ["iro", "auditor", "administrator"])
def test_roles_that_may_not_allocate_are_refused(client, role):
    client.force_login(user_in_role(role))
    assert client.get(url(child_in_care())).status_code == 403


def test_an_unknown_child_is_not_found(client, manager):
    assert client.get(reverse("allocate", args=[999999])).status_code == 404


# --- the allocation timescale -----------------------------------------------------------


def test_timeliness_counts_working_days_from_coming_into_care(team):
    iro = iro_with_role(team=team)
    friday = date(2025, 1, 3)
    child = ChildFactory()
    period = CarePeriodFactory(child=child, start=friday)
    calendar = get_calendar()

    def made_on(day: date) -> tuple[int, bool]:
        allocation = Allocation(child=child, iro=iro, start=friday, allocated_on=day)
        return allocation_timeliness(allocation, period, calendar)

    assert made_on(friday) == (0, True)
    assert made_on(friday - timedelta(days=2)) == (0, True)  # made before: a planned entry
    assert made_on(date(2025, 1, 5)) == (0, True)  # the Sunday after
    assert made_on(date(2025, 1, 6)) == (1, True)  # the next working day
    assert made_on(date(2025, 1, 7)) == (2, False)


def test_the_target_is_configurable(settings, team):
    settings.IROHUB_ALLOCATION_TARGET_WORKING_DAYS = 5
    child = ChildFactory()
    period = CarePeriodFactory(child=child, start=date(2025, 1, 3))
    allocation = Allocation(
        child=child, iro=iro_with_role(team=team), start=period.start, allocated_on=date(2025, 1, 9)
    )
    assert allocation_timeliness(allocation, period, get_calendar()) == (4, True)


def test_the_history_shows_the_timescale_of_each_care_periods_first_iro(client, manager, team):
    first = iro_with_role(team=team, first_name="Fay", last_name="First")
    second = iro_with_role(team=team, first_name="Sam", last_name="Second")
    child = ChildFactory()
    period = CarePeriodFactory(child=child, start=date(2025, 1, 3))
    EpisodeFactory(care_period=period)
    AllocationFactory(
        child=child,
        iro=first,
        start=date(2025, 1, 3),
        end=date(2025, 3, 31),
        allocated_on=date(2025, 1, 7),
    )
    AllocationFactory(
        child=child, iro=second, start=date(2025, 4, 1), allocated_on=date(2025, 3, 20)
    )

    history = allocation_history(child, calendar=get_calendar())
    assert [entry.allocation.iro for entry in history] == [second, first]
    assert history[0].timeliness is None
    assert (history[1].timeliness.working_days, history[1].timeliness.within_target) == (2, False)

    page = client.get(url(child)).content.decode()
    assert "Allocated 2 working days after the child came into care — target 1" in page
    assert 'govuk-tag--red">Outside target<' in page
    assert "7 January 2025" in page


def test_allocating_a_restricted_child_names_the_iro_on_the_restriction(team):
    first, second = IROFactory(team=team), IROFactory(team=team)
    child = child_in_care(iro=first, restricted=True)
    child.restricted_to.add(first.user)
    allocate_iro(actor=None, child=child, iro=second, start=today())
    assert child.restricted_to.filter(pk=second.user_id).exists()
    event = AuditEvent.objects.get(action="allocation.made", child_id=child.pk)
    assert event.details["named_on_restriction"] is True


# --- a form that never saw the latest allocation (issue 11, defect 5) --------------------


def test_a_stale_form_is_refused_and_keeps_the_choice(client, manager, team):
    first = iro_with_role(team=team, first_name="Fay", last_name="First")
    second = iro_with_role(team=team, first_name="Sam", last_name="Second")
    child = child_in_care(first_name="Ada", last_name="Okafor")
    day = today()
    # Two managers open the page; the first allocates Fay from today.
    opened = client.get(url(child)).content.decode()
    seen = re.search(r'name="seen" value="([^"]*)"', opened)[1]
    allocate_iro(actor=None, child=child, iro=first, start=day)

    # The second, from a page that never showed Fay, chooses Sam from the same day.
    fields = {"iro": second.pk, "start_day": day.day, "start_month": day.month}
    response = client.post(url(child), {**fields, "start_year": day.year, "seen": seen})

    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert "Someone changed Ada Okafor's IRO while this page was open" in page
    assert f'<option value="{second.pk}" selected>' in page  # the choice is kept
    assert [a.iro for a in Allocation.objects.filter(child=child)] == [first]
    # Sent again from the page as it now is, the allocation is made.
    fresh = re.search(r'name="seen" value="([^"]*)"', page)[1]
    assert fresh != seen
    response = client.post(url(child), {**fields, "start_year": day.year, "seen": fresh})
    assert response.status_code == 302
    assert [a.iro for a in Allocation.objects.filter(child=child)] == [second]


# --- who may allocate whom (issue 11, defect 11) -----------------------------------------


def test_a_team_manager_allocates_only_within_the_teams_they_manage(client, manager, team):
    south = TeamFactory(name="South IRO team")
    ours = iro_with_role(team=team, first_name="Nia", last_name="North")
    theirs = iro_with_role(team=south, first_name="Sol", last_name="South")
    day = today()
    when = {"start_day": day.day, "start_month": day.month, "start_year": day.year}

    # Not to an IRO of another team: not offered, refused if sent, refused by the action.
    child = child_in_care()
    assert f'<option value="{theirs.pk}"' not in client.get(url(child)).content.decode()
    assert client.post(url(child), {"iro": theirs.pk, **when}).status_code == 200
    with pytest.raises(ValidationError) as refused:
        allocate_iro(actor=manager, child=child, iro=theirs, start=day)
    assert "Sol South is in South IRO team, which you do not manage" in str(refused.value)
    assert not Allocation.objects.filter(child=child).exists()
    # Not a child whose IRO is in another team, even to one of their own IROs.
    other = child_in_care(iro=theirs)
    response = client.post(url(other), {"iro": ours.pk, **when})
    assert "only that team&#x27;s manager or a service manager" in response.content.decode()
    assert [a.iro for a in Allocation.objects.filter(child=other)] == [theirs]
    # A child with no IRO, to an IRO of their team: yes.
    assert client.post(url(child), {"iro": ours.pk, **when}).status_code == 302
    # A service manager allocates across teams.
    client.force_login(user_in_role("service_manager"))
    assert client.post(url(other), {"iro": ours.pk, **when}).status_code == 302
    assert Allocation.objects.get(child=other, end__isnull=True).iro == ours


def test_an_absurd_start_date_is_refused_and_a_near_planned_one_is_not(team):
    iro = iro_with_role(team=team)
    child = child_in_care()
    with pytest.raises(ValidationError) as refused:
        allocate_iro(actor=None, child=child, iro=iro, start=date(9999, 1, 1))
    assert "an allocation can be planned up to a year ahead" in refused.value.messages[0]
    planned = allocate_iro(actor=None, child=child, iro=iro, start=today() + timedelta(days=30))
    assert planned.start == today() + timedelta(days=30)
