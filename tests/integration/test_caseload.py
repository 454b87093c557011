"""My caseload: an IRO's children in care with the review clock, counts, filters and sorting,
in the same number of queries for 50 children as for 500."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from irohub.allocation.models import Allocation
from irohub.statutory import DueStatus
from tests.factories import (
    AllocationFactory,
    CarePeriodFactory,
    ChildFactory,
    EpisodeFactory,
    ReviewFactory,
)
from tests.factories.workspace import (
    bulk_caseload,
    in_care,
    iro_with_role,
    today,
    user_in_role,
)

pytestmark = pytest.mark.django_db

URL = "/caseload/"


def rows(response):
    return response.context["caseload"].rows


def names(response):
    return [row.name for row in rows(response)]


@pytest.fixture
def me(client):
    iro = iro_with_role(first_name="Priya", last_name="Shah")
    client.force_login(iro.user)
    return iro


def test_the_url_name_is_caseload():
    assert reverse("caseload") == URL


def test_shows_only_my_children_in_care_today(client, me):
    mine = in_care(me, first_name="Amara", last_name="Okafor")
    someone_else = in_care(iro_with_role(), first_name="Zed", last_name="Other")
    # My allocation ended yesterday: the child has moved to another IRO.
    moved = in_care(me, first_name="Moved", last_name="On", allocated=False)
    AllocationFactory(
        child=moved, iro=me, start=today() - timedelta(days=300), end=today() - timedelta(days=1)
    )
    # The child left care: not on anyone's caseload, whatever the allocation says.
    left = ChildFactory(first_name="Left", last_name="Care")
    CarePeriodFactory(
        child=left,
        start=today() - timedelta(days=300),
        end=today() - timedelta(days=10),
        reason_ceased="E13",
    )
    AllocationFactory(child=left, iro=me, start=today() - timedelta(days=300))

    response = client.get(URL)

    assert response.status_code == 200
    assert names(response) == [mine.full_name]
    page = response.content.decode()
    assert someone_else.full_name not in page
    # The link carries My caseload's address for the child page's Back link.
    assert f'href="{reverse("child", args=[mine.pk])}?back=%2Fcaseload%2F"' in page
    assert mine.identifier in page
    assert "C2 Full care order" in page
    assert "U6 Foster placement with other foster carer" in page
    assert "<caption" in page and 'scope="col"' in page and 'scope="row"' in page


def test_current_episode_last_review_next_due_and_age(client, me):
    child = in_care(me, date_of_birth=today() - relativedelta(years=9, days=1))
    period = child.care_periods.get()
    EpisodeFactory(
        care_period=period,
        start=period.start + timedelta(days=100),
        reason_new_episode="B",
        legal_status="E1",
        placement="A5",
    )
    ReviewFactory(care_period=period, held=period.start + timedelta(days=15))
    ReviewFactory(care_period=period, held=period.start + timedelta(days=100))

    response = client.get(URL)

    row = rows(response)[0]
    assert (row.legal_status, row.placement) == ("E1", "A5")
    assert row.last_review == period.start + timedelta(days=100)
    assert row.age == 9
    page = response.content.decode()
    assert "E1 Placement order granted" in page
    last = row.last_review
    assert f"{last.day} {last:%B} {last.year}" in page
    due = row.next_due
    assert f"{due.day} {due:%B} {due.year}" in page


def test_status_tags_and_counts(client, me):
    for status in ("overdue", "overdue", "due-5", "due-20", "in-date"):
        in_care(me, status=status)

    response = client.get(URL)

    counts = response.context["caseload"].counts
    assert (counts.total, counts.overdue, counts.due_5, counts.due_20, counts.in_date) == (
        5,
        2,
        1,
        1,
        1,
    )
    page = response.content.decode()
    assert page.count('govuk-tag govuk-tag--red">Overdue<') == 2
    assert 'govuk-tag--orange">Due within 5 working days<' in page
    assert 'govuk-tag--yellow">Due within 20 working days<' in page
    assert 'govuk-tag--green">In date<' in page
    # Each count is a link that filters the list.
    assert 'href="?status=overdue"' in page
    assert 'href="?status=due-5"' in page
    assert 'href="?status=due-20"' in page


@pytest.mark.parametrize(
    ("slug", "expected"),
    [
        ("overdue", DueStatus.OVERDUE),
        ("due-5", DueStatus.DUE_WITHIN_5),
        ("due-20", DueStatus.DUE_WITHIN_20),
        ("in-date", DueStatus.IN_DATE),
    ],
)
def test_filter_by_status_in_sql_agrees_with_the_rules_core(client, me, slug, expected):
    for status in ("overdue", "due-5", "due-20", "in-date"):
        in_care(me, status=status)
    # The edges of the windows: due today is not overdue; due on the 5th working day is
    # within 5.
    in_care(me, status="due-5").care_periods.update(next_review_due=today())

    response = client.get(URL, {"status": slug})

    assert rows(response)
    assert {row.status for row in rows(response)} == {expected}
    # The counts stay those of the whole caseload.
    assert response.context["caseload"].counts.total == 5


def test_an_unknown_status_is_ignored(client, me):
    in_care(me, status="overdue")
    in_care(me, status="in-date")
    assert len(rows(client.get(URL, {"status": "nonsense"}))) == 2


def test_search_by_name_or_identifier(client, me):
    amara = in_care(me, first_name="Amara", last_name="Okafor", identifier="LA100234")
    in_care(me, first_name="Bilal", last_name="Hussain", identifier="LA100999")

    assert names(client.get(URL, {"q": "okaf"})) == [amara.full_name]
    assert names(client.get(URL, {"q": "amara okafor"})) == [amara.full_name]
    assert names(client.get(URL, {"q": "100234"})) == [amara.full_name]
    response = client.get(URL, {"q": "nobody"})
    assert names(response) == []
    assert "No children on your caseload match" in response.content.decode()


def test_sorting(client, me):
    now = today()
    older = in_care(me, first_name="Cara", last_name="Adams", date_of_birth=date(2008, 5, 1))
    younger = in_care(me, first_name="Abe", last_name="Brown", date_of_birth=date(2015, 5, 1))
    middle = in_care(me, first_name="Bea", last_name="Clark", date_of_birth=date(2011, 5, 1))
    for child, due in ((older, 30), (younger, -2), (middle, 90)):
        child.care_periods.update(next_review_due=now + timedelta(days=due))
    ReviewFactory(care_period=middle.care_periods.get(), held=now - timedelta(days=200))
    ReviewFactory(care_period=older.care_periods.get(), held=now - timedelta(days=20))

    def order(sort=None):
        return names(client.get(URL, {"sort": sort} if sort else {}))

    # Default: the most pressing review first.
    assert order() == [younger.full_name, older.full_name, middle.full_name]
    assert order("-next_due") == [middle.full_name, older.full_name, younger.full_name]
    assert order("name") == [older.full_name, younger.full_name, middle.full_name]
    assert order("-name") == [middle.full_name, younger.full_name, older.full_name]
    assert order("age") == [younger.full_name, middle.full_name, older.full_name]
    assert order("-age") == [older.full_name, middle.full_name, younger.full_name]
    # Children with no review yet come last either way.
    assert order("last_review") == [middle.full_name, older.full_name, younger.full_name]
    assert order("-last_review") == [older.full_name, middle.full_name, younger.full_name]
    assert order("bogus") == order()


def test_sort_headers_are_links_with_aria_sort(client, me):
    in_care(me)
    page = client.get(URL, {"sort": "name", "status": "in-date"}).content.decode()
    header = re.search(r'<th scope="col"[^>]*aria-sort="ascending"[^>]*>\s*<a[^>]*>Child<', page)
    assert header, "the sorted column says so with aria-sort"
    # A second click turns the order round and keeps the filter.
    assert 'href="?status=in-date&amp;sort=-name"' in page
    assert page.count('aria-sort="none"') == 3


def test_restricted_child_is_shown_to_its_named_iro_with_a_tag(client, me):
    child = in_care(me, first_name="Hidden", last_name="Record", restricted=True)
    child.restricted_to.add(me.user)

    page = client.get(URL).content.decode()

    assert child.full_name in page
    assert 'govuk-tag--purple">Restricted<' in page


def test_restricted_child_not_naming_me_is_counted_but_not_listed(client, me):
    child = in_care(me, first_name="Secret", last_name="Person", restricted=True)
    in_care(me, first_name="Open", last_name="Record")

    response = client.get(URL)

    assert names(response) == ["Open Record"]
    assert response.context["caseload"].counts.hidden == 1
    page = response.content.decode()
    assert child.full_name not in page
    assert "1 restricted record allocated to you is not shown" in page


@pytest.mark.parametrize("role", ["team_manager", "service_manager", "auditor", "administrator"])
def test_other_roles_cannot_open_my_caseload(client, role):
    client.force_login(user_in_role(role))
    assert client.get(URL).status_code == 403


def test_an_iro_without_an_iro_profile_is_told_what_to_ask_for(client):
    client.force_login(user_in_role("iro"))
    response = client.get(URL)
    assert response.status_code == 200
    assert "not set up as an IRO yet" in response.content.decode()


def test_an_empty_caseload_says_so(client, me):
    assert "No children in care are allocated to you" in client.get(URL).content.decode()


def count_queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_the_same_number_of_queries_for_50_and_500_children(client, me):
    bulk_caseload(me, 50, prefix="A")
    restricted = bulk_caseload(me, 2, prefix="R")
    for child in restricted:
        child.restricted = True
        child.save(update_fields=["restricted"])
    restricted[0].restricted_to.add(me.user)
    client.get(URL)  # warm the per-process calendar cache

    small = count_queries(client, URL)
    small_filtered = count_queries(client, URL, {"status": "overdue", "sort": "-age", "q": "a"})
    assert len(rows(client.get(URL))) == 51

    bulk_caseload(me, 450, prefix="B")
    large = count_queries(client, URL)
    large_filtered = count_queries(client, URL, {"status": "overdue", "sort": "-age", "q": "a"})

    assert len(rows(client.get(URL))) == 501
    assert Allocation.objects.filter(iro=me).count() == 502
    assert small == large
    assert small_filtered == large_filtered
    print(f"My caseload: {small} queries for 50 children, {large} for 500")
