"""Finding a child by name or identifier, among the records the user may see."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from irohub.audit.models import AuditEvent
from tests.factories import AllocationFactory, ChildFactory
from tests.factories.records import add_period, iro_in_post, user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def iro():
    return iro_in_post(first_name="Ann", last_name="Reviewer")


@pytest.fixture
def register(iro):
    amira = ChildFactory(
        identifier="K000123", first_name="Amira", last_name="Khan", date_of_birth=date(2012, 6, 15)
    )
    add_period(amira, start=date(2021, 12, 6))
    AllocationFactory(child=amira, iro=iro, start=date(2022, 1, 1))
    yusuf = ChildFactory(identifier="K000456", first_name="Yusuf", last_name="Khan")
    add_period(yusuf, start=date(2019, 1, 7), end=date(2020, 1, 6), reason_ceased="E13")
    ChildFactory(identifier="M000789", first_name="Mia", last_name="Ambrose")
    return {"amira": amira, "yusuf": yusuf}


def search(client, user, text: str | None):
    client.force_login(user)
    return client.get(reverse("search"), {} if text is None else {"q": text})


def names(response) -> list[str]:
    return [summary.child.full_name for summary in response.context["results"].children]


def test_without_a_query_shows_just_the_form(client, iro, register):
    response = search(client, iro.user, None)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="q"' in html and 'type="search"' in html
    assert response.context["results"] is None
    assert "There is a problem" not in html
    assert search(client, iro.user, "  ").context["results"] is None


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("khan", ["Amira Khan", "Yusuf Khan"]),
        ("AMIRA", ["Amira Khan"]),
        ("amira khan", ["Amira Khan"]),
        ("  Amira   Khan ", ["Amira Khan"]),
        ("mir", ["Amira Khan"]),
        ("am", ["Mia Ambrose", "Amira Khan"]),  # surname first, then first name
        ("nobody", []),
    ],
)
def test_finds_children_by_name_in_any_case(client, iro, register, text, found):
    assert names(search(client, iro.user, text)) == found


@pytest.mark.parametrize(
    ("text", "found"), [("K000123", ["Amira Khan"]), ("k000", ["Amira Khan", "Yusuf Khan"])]
)
def test_finds_children_by_identifier_exactly_or_by_its_start(client, iro, register, text, found):
    assert names(search(client, iro.user, text)) == found


def test_shows_what_is_needed_to_pick_the_right_child(client, iro, register):
    html = search(client, iro.user, "khan").content.decode()
    back = "?back=%2Fchildren%2F%3Fq%3Dkhan"  # the way back to these results
    assert f'href="{reverse("child", args=[register["amira"].pk])}{back}">Amira Khan</a>' in html
    for text in ("K000123", "15 June 2012", "Ann Reviewer", "None allocated"):
        assert text in html, text
    rows = html[html.index("<tbody") :].split("<tr")
    amira = next(row for row in rows if "Amira Khan" in row)
    yusuf = next(row for row in rows if "Yusuf Khan" in row)
    assert ">Yes<" in amira and ">No<" in yusuf  # in care now or not


def test_no_match_says_so(client, iro, register):
    html = search(client, iro.user, "nobody").content.decode()
    assert "No children found" in html


def test_one_character_asks_for_more(client, iro, register):
    response = search(client, iro.user, "k")
    html = response.content.decode()
    assert response.context["results"] is None
    assert "There is a problem" in html
    assert '<a href="#id_q">Enter at least 2 characters of a name or identifier</a>' in html
    assert 'value="k"' in html  # what was typed is kept


def test_restricted_records_are_found_only_by_the_people_named(client, iro, register):
    amira = register["amira"]
    amira.restricted = True
    amira.save()
    assert names(search(client, iro.user, "khan")) == ["Yusuf Khan"]
    assert names(search(client, iro.user, "K000123")) == []

    amira.restricted_to.add(iro.user, user_with_role("team_manager"))  # two named: no doubles
    assert names(search(client, iro.user, "khan")) == ["Amira Khan", "Yusuf Khan"]
    assert "Restricted" in search(client, iro.user, "amira").content.decode()


def test_searching_opens_no_record(client, iro, register):
    search(client, iro.user, "khan")
    assert not AuditEvent.objects.exists()


def test_at_most_50_results_with_a_message(client, iro):
    for number in range(52):
        ChildFactory(identifier=f"S{number:06d}", last_name="Smith")
    response = search(client, iro.user, "smith")
    assert len(response.context["results"].children) == 50
    html = response.content.decode()
    assert "More than 50 children match" in html
    assert html.count('<tr class="govuk-table__row">') == 51  # the header row and 50
    response = search(client, iro.user, "S00005")
    assert "More than 50" not in response.content.decode()


def test_the_query_count_does_not_grow_with_the_results(client, iro):
    def queries_for(text: str) -> int:
        client.force_login(iro.user)
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("search"), {"q": text})
        return len(queries)

    for _ in range(3):
        child = ChildFactory(last_name="Few")
        add_period(child, start=date(2022, 1, 3))
        AllocationFactory(child=child, iro=iro, start=date(2022, 1, 3))
    for _ in range(30):
        child = ChildFactory(last_name="Many")
        add_period(child, start=date(2022, 1, 3))
        AllocationFactory(child=child, iro=iro_in_post(), start=date(2022, 1, 3))
    assert queries_for("few") == queries_for("many")


@pytest.mark.parametrize("role", ["iro", "team_manager", "service_manager", "auditor"])
def test_roles_that_search(client, role):
    assert search(client, user_with_role(role), "khan").status_code == 200


def test_an_administrator_cannot_search_children(client, register):
    assert search(client, user_with_role("administrator"), "khan").status_code == 403


def test_search_needs_sign_in(client):
    response = client.get(reverse("search"), {"q": "khan"})
    assert response.status_code == 302
