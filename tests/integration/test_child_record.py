"""The child's record page: what it shows, who may open it, and that every opening is
audited in a fixed number of queries however long the child's history."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from irohub.audit.models import AuditEvent
from irohub.core.calendar import get_calendar
from tests.factories import (
    AllocationFactory,
    ChildFactory,
    IROFactory,
    SiblingGroupFactory,
)
from tests.factories.records import add_period, iro_in_post, user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def iro():
    return iro_in_post(username="iro-ann", first_name="Ann", last_name="Reviewer")


@pytest.fixture
def amira(iro):
    """Looked after twice: a closed period in 2019, and since Mon 6 December 2021 with a
    review on time and one late."""
    family = SiblingGroupFactory(name="Khan")
    child = ChildFactory(
        identifier="K000123",
        first_name="Amira",
        last_name="Khan",
        date_of_birth=date(2012, 6, 15),
        ethnicity="APKN",
        uasc=True,
        sibling_group=family,
    )
    add_period(child, start=date(2019, 3, 1), end=date(2019, 8, 30), reason_ceased="E4A")
    add_period(
        child,
        start=date(2021, 12, 6),
        reviews=[date(2022, 1, 4), date(2022, 4, 22)],
        chair=iro,
    )
    earlier = IROFactory(user__first_name="Bob", user__last_name="Former")
    AllocationFactory(child=child, iro=earlier, start=date(2019, 3, 1), end=date(2021, 12, 31))
    AllocationFactory(child=child, iro=iro, start=date(2022, 1, 1))
    return child


@pytest.fixture
def brother(amira):
    sibling = ChildFactory(first_name="Yusuf", last_name="Khan", sibling_group=amira.sibling_group)
    add_period(sibling, start=date(2021, 12, 6))
    AllocationFactory(
        child=sibling,
        iro=IROFactory(user__first_name="Cara", user__last_name="Cover"),
        start=date(2022, 1, 1),
    )
    return sibling


def page(client, user, child):
    client.force_login(user)
    return client.get(reverse("child", args=[child.pk]))


def test_shows_who_the_child_is_and_their_care_now(client, iro, amira):
    response = page(client, iro.user, amira)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 class="govuk-heading-l">Amira Khan</h1>' in html
    for text in (
        "K000123",
        "15 June 2012",
        "Female",
        "Pakistani",
        "C2: Full care order",
        "U6: Foster placement with other foster carer: not long-term or fostering for adoption",
        "Ann Reviewer (since 1 January 2022)",
    ):
        assert text in html, text
    assert "Restricted record:" not in html


def test_shows_the_timeline_with_each_review_against_its_deadline(client, iro, amira):
    html = page(client, iro.user, amira).content.decode()
    # Newest care period first, then the one that ended.
    now = html.index("Care period from 6 December 2021 to now")
    before = html.index("Care period from 1 March 2019 to 30 August 2019")
    assert now < before
    assert "Returned home to live with parents" in html
    # Review 1 held 4 Jan 2022 against a deadline of 6 Jan; review 2 held 22 Apr 2022
    # against 4 Apr (3 months after the first).
    assert "4 January 2022" in html and "6 January 2022" in html
    assert "22 April 2022" in html and "4 April 2022" in html
    assert "Late by 12 working days (18 days)" in html
    assert "PN1: Child physically attends and speaks for themself" in html
    # The next review was due 22 Oct 2022, a Saturday: long overdue, booked for the Friday.
    assert "Saturday 22 October 2022" in html
    assert 'govuk-tag--red" id="review-status">Overdue' in html
    assert "Friday 21 October 2022" in html


def test_shows_allocation_history_and_siblings_with_their_iros(client, iro, amira, brother):
    html = page(client, iro.user, amira).content.decode()
    assert html.index("Ann Reviewer") < html.index("Bob Former")  # latest first
    assert "31 December 2021" in html
    assert f'href="{reverse("child", args=[brother.pk])}">Yusuf Khan</a>' in html
    assert "Cara Cover" in html
    # Linking a sibling does not open their record.
    assert not AuditEvent.objects.filter(child_id=brother.pk).exists()


def test_a_restricted_sibling_is_not_shown_to_someone_not_named(client, iro, amira, brother):
    brother.restricted = True
    brother.save()
    html = page(client, iro.user, amira).content.decode()
    assert "Yusuf" not in html and "Cara Cover" not in html
    assert "A brother or sister with a restricted record" in html

    brother.restricted_to.add(iro.user)
    html = page(client, iro.user, amira).content.decode()
    assert "Yusuf Khan" in html and "Cara Cover" in html


def test_offers_to_record_a_review_and_allocate_by_role(client, iro, amira):
    html = page(client, iro.user, amira).content.decode()
    assert reverse("record_review", args=[amira.pk]) in html
    assert reverse("allocate", args=[amira.pk]) not in html

    manager = user_with_role("team_manager")
    html = page(client, manager, amira).content.decode()
    assert reverse("allocate", args=[amira.pk]) in html

    auditor = user_with_role("auditor")
    html = page(client, auditor, amira).content.decode()
    assert reverse("record_review", args=[amira.pk]) not in html


def test_no_review_to_record_when_the_child_has_left_care(client, iro):
    child = ChildFactory(first_name="Lena")
    add_period(child, start=date(2020, 1, 6), end=date(2020, 6, 1), reason_ceased="E13")
    html = page(client, iro.user, child).content.decode()
    assert reverse("record_review", args=[child.pk]) not in html
    assert "not looked after now" in html
    assert "No review due" in html


def test_every_opening_is_audited(client, iro, amira):
    page(client, iro.user, amira)
    event = AuditEvent.objects.get(action="child.opened", child_id=amira.pk)
    assert (event.actor_username, event.actor_id, event.details["purpose"]) == (
        "iro-ann",
        iro.user.pk,
        "viewed",
    )


@pytest.mark.parametrize("role", ["team_manager", "service_manager", "auditor"])
def test_access_history_is_shown_to_managers_and_auditors(client, iro, amira, role):
    page(client, iro.user, amira)
    html = page(client, user_with_role(role), amira).content.decode()
    assert "Access history" in html
    history = html[html.index('id="access-history"') :]
    assert "Ann Reviewer" in history
    assert "Opened the record" in history


def test_access_history_is_not_shown_to_an_iro(client, iro, amira):
    page(client, user_with_role("team_manager"), amira)
    html = page(client, iro.user, amira).content.decode()
    assert "Access history" not in html
    assert 'id="access-history"' not in html


@pytest.fixture
def restricted(amira, iro):
    amira.restricted = True
    amira.save()
    return amira


def test_a_restricted_record_is_refused_to_an_iro_not_named_and_the_attempt_audited(
    client, restricted
):
    other = iro_in_post(username="iro-other")
    response = page(client, other.user, restricted)
    assert response.status_code == 403
    assert "restricted to named people" in response.content.decode()
    assert "Amira" not in response.content.decode()
    refused = AuditEvent.objects.get(child_id=restricted.pk)
    assert (refused.action, refused.actor_username, refused.details["restricted"]) == (
        "child.refused",
        "iro-other",
        True,
    )


def test_a_restricted_record_opens_for_a_named_iro(client, restricted, iro):
    restricted.restricted_to.add(iro.user)
    response = page(client, iro.user, restricted)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Restricted record: only the people named on it can open it." in html
    assert "Named:" not in html  # who is named is for managers and auditors
    assert AuditEvent.objects.filter(action="child.opened", child_id=restricted.pk).exists()


def test_managers_see_who_is_named_on_a_restricted_record(client, restricted, iro):
    manager = user_with_role("team_manager", first_name="Meg", last_name="Manager")
    restricted.restricted_to.add(iro.user, manager)
    html = page(client, manager, restricted).content.decode()
    assert "Named: Meg Manager, Ann Reviewer." in html


def test_refused_attempts_appear_in_the_access_history(client, restricted):
    page(
        client,
        iro_in_post(username="iro-other", first_name="Olly", last_name="Other").user,
        restricted,
    )
    auditor = user_with_role("auditor")
    restricted.restricted_to.add(auditor)
    history = page(client, auditor, restricted).content.decode()
    assert "Olly Other" in history and "Was refused the record" in history


def test_roles_without_view_child_are_refused(client, amira):
    response = page(client, user_with_role("administrator"), amira)
    assert response.status_code == 403
    assert not AuditEvent.objects.filter(action="child.opened").exists()


def test_an_unknown_child_is_not_found(client, iro):
    client.force_login(iro.user)
    assert client.get(reverse("child", args=[999_999])).status_code == 404


def _queries_to_open(client, user, child) -> int:
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("child", args=[child.pk])).status_code == 200
    return len(queries)


def test_the_page_costs_the_same_queries_however_long_the_history(client, iro):
    get_calendar()  # the working-day calendar is read once per process, not per page
    short = ChildFactory(sibling_group=SiblingGroupFactory())
    add_period(short, start=date(2023, 1, 9), reviews=[date(2023, 2, 1), date(2023, 5, 1)])
    AllocationFactory(child=short, iro=iro, start=date(2023, 1, 9))
    ChildFactory(sibling_group=short.sibling_group)

    long = ChildFactory(date_of_birth=date(2004, 1, 5), sibling_group=SiblingGroupFactory())
    add_period(
        long,
        start=date(2010, 1, 4),
        end=date(2012, 1, 3),
        reason_ceased="E4A",
        reviews=[date(2010, 1, 20), date(2010, 4, 20), date(2010, 10, 20)],
    )
    add_period(
        long,
        start=date(2012, 6, 4),
        end=date(2014, 1, 3),
        reason_ceased="E13",
        reviews=[date(2012, 6, 20), date(2012, 9, 20), date(2013, 3, 20)],
    )
    held = [date(2014, 3, 3)] + [date(2014 + n // 2, 6 if n % 2 else 12, 1) for n in range(1, 24)]
    add_period(long, start=date(2014, 2, 3), reviews=held)
    for year in range(2014, 2024, 2):
        AllocationFactory(
            child=long, iro=IROFactory(), start=date(year, 2, 3), end=date(year + 1, 12, 31)
        )
    AllocationFactory(child=long, iro=iro, start=date(2024, 1, 1))
    for _ in range(4):
        sibling = ChildFactory(sibling_group=long.sibling_group)
        add_period(sibling, start=date(2014, 2, 3))
        AllocationFactory(child=sibling, iro=IROFactory(), start=date(2014, 2, 3))
    assert long.reviews.count() == 30

    manager = user_with_role("team_manager")  # sees every section, access history too
    for user in (iro.user, manager):
        assert _queries_to_open(client, user, short) == _queries_to_open(client, user, long)
    # Sign-in (session, user, the roles with whether a second factor is due: one query),
    # the child, the audit event, care periods, episodes, reviews, early reviews asked for,
    # allocations, social workers, siblings and their IROs, the people around the child;
    # for a manager also the access history and the names in it.
    assert _queries_to_open(client, iro.user, long) == 14
    assert _queries_to_open(client, manager, long) == 16
