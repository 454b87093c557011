"""The people around the child: parents, carers, advocate, independent visitor and others,
each with contact details and a relation to the child, kept over time (ended, never
deleted or overwritten), every change audited, and the restricted-record rule kept."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from irohub.audit.models import AuditEvent
from irohub.children.actions import add_person, change_person, end_person
from irohub.children.models import PersonAroundChild
from irohub.children.queries import people_around
from tests.factories import PersonAroundChildFactory
from tests.factories.records import child_in_care, iro_in_post, user_with_role

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def iro():
    return iro_in_post(username="iro-ann", first_name="Ann", last_name="Reviewer")


@pytest.fixture
def child():
    return child_in_care(
        first_name="Amira",
        last_name="Khan",
        date_of_birth=TODAY - relativedelta(years=10),
        start=TODAY - timedelta(days=90),
    )


def form(**fields: str) -> dict[str, str]:
    start = TODAY - timedelta(days=30)
    return {
        "role": "mother",
        "name": "Sara Khan",
        "relationship": "birth mother",
        "parental_responsibility": "yes",
        "address": "1 Example Street, Exampletown",
        "phone": "07700 900123",
        "email": "sara@example.com",
        "preferred_contact": "phone",
        "start_day": str(start.day),
        "start_month": str(start.month),
        "start_year": str(start.year),
        **fields,
    }


def test_an_iro_adds_a_mother_and_she_shows_on_the_childs_page(client, iro, child):
    client.force_login(iro.user)
    response = client.post(reverse("add_person", args=[child.pk]), form())
    assert response.status_code == 302
    person = PersonAroundChild.objects.get(child=child)
    assert (person.role, person.name, person.parental_responsibility) == (
        "mother",
        "Sara Khan",
        True,
    )
    assert person.start == TODAY - timedelta(days=30) and person.end is None
    event = AuditEvent.objects.get(action="person.added")
    assert event.child_id == child.pk and event.actor_username == "iro-ann"
    page = client.get(reverse("child", args=[child.pk])).content.decode()
    assert "People around Amira" in page
    assert "Sara Khan" in page and "Prefers phone" in page
    assert reverse("end_person", args=[child.pk, person.pk]) in page


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"name": "  "}, "name", "Enter the person&#x27;s name"),
        ({"role": "uncle"}, "role", "Select a valid choice"),
        ({"parental_responsibility": ""}, "parental_responsibility", "Select whether they"),
        ({"email": "not-an-address"}, "email", "Enter an e-mail address like name@example.com"),
        ({"phone": "call me"}, "phone", "Enter a phone number using numbers"),
        ({"phone": "123"}, "phone", "at least 6 digits"),
        (
            {"preferred_contact": "email", "email": ""},
            "email",
            "Enter their e-mail address: they prefer to be contacted by e-mail",
        ),
        (
            {"role": "advocate", "parental_responsibility": "yes"},
            "parental_responsibility",
            "An advocate does not hold parental responsibility",
        ),
        ({"start_year": str(TODAY.year + 1)}, "start", "The start date cannot be in the future"),
        ({"start_day": "31", "start_month": "2"}, "start", "Since when must be a real date"),
        ({"start_day": ""}, "start", "Since when must include a day"),
    ],
)
def test_bad_input_is_refused_beside_its_field(client, iro, child, fields, field, message):
    client.force_login(iro.user)
    response = client.post(reverse("add_person", args=[child.pk]), form(**fields))
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert f'id="id_{field}' in html and "There is a problem" in html
    assert not PersonAroundChild.objects.exists()
    # What was typed is kept.
    if field != "name":
        assert "Sara Khan" in html


def test_changing_details_keeps_the_dates_and_audits_the_fields_not_the_values(iro, child):
    person = PersonAroundChildFactory(child=child, start=date(2024, 1, 8))
    change_person(actor=iro.user, person=person, phone="07700 900999", address="2 New Road")
    person.refresh_from_db()
    assert person.phone == "07700 900999" and person.start == date(2024, 1, 8)
    event = AuditEvent.objects.get(action="person.changed")
    assert event.details["changed"] == ["address", "phone"]
    assert "07700 900999" not in str(event.details)
    # Nothing changed: nothing written.
    change_person(actor=iro.user, person=person, phone="07700 900999")
    assert AuditEvent.objects.filter(action="person.changed").count() == 1


def test_a_carer_is_ended_never_deleted_and_a_new_carer_follows(client, iro, child):
    old = PersonAroundChildFactory(
        child=child,
        role="carer",
        name="Pat Foster",
        relationship="foster carer",
        parental_responsibility=False,
        start=TODAY - timedelta(days=80),
    )
    client.force_login(iro.user)
    end = TODAY - timedelta(days=10)
    response = client.post(
        reverse("end_person", args=[child.pk, old.pk]),
        {
            "end_day": str(end.day),
            "end_month": str(end.month),
            "end_year": str(end.year),
            "reason": "placement ended",
        },
    )
    assert response.status_code == 302
    add_person(
        actor=iro.user,
        child=child,
        start=TODAY - timedelta(days=9),
        role="carer",
        name="Jo Carer",
        parental_responsibility=False,
    )
    old.refresh_from_db()
    assert old.end == end and old.end_reason == "placement ended"
    people = people_around(child)
    assert [p.name for p in people.current] == ["Jo Carer"]
    assert [p.name for p in people.past] == ["Pat Foster"]
    page = client.get(reverse("child", args=[child.pk])).content.decode()
    assert "Pat Foster, carer (foster carer)" in page and "placement ended" in page


def test_ending_twice_before_the_start_or_in_the_future_is_refused(iro, child):
    person = PersonAroundChildFactory(child=child, start=TODAY - timedelta(days=20))
    with pytest.raises(ValidationError, match="cannot be before they started"):
        end_person(actor=iro.user, person=person, end=TODAY - timedelta(days=21))
    with pytest.raises(ValidationError, match="cannot be in the future"):
        end_person(actor=iro.user, person=person, end=TODAY + timedelta(days=1))
    end_person(actor=iro.user, person=person, end=TODAY)
    with pytest.raises(ValidationError, match="already ended on"):
        end_person(actor=iro.user, person=person, end=TODAY)


def test_the_database_refuses_an_end_before_the_start_and_an_advocate_with_pr(child):
    with pytest.raises(IntegrityError), transaction.atomic():
        PersonAroundChildFactory(child=child, start=date(2024, 5, 1), end=date(2024, 4, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        PersonAroundChildFactory(child=child, role="advocate", parental_responsibility=True)


def test_an_auditor_sees_the_people_but_cannot_change_them(client, child):
    PersonAroundChildFactory(child=child, name="Sara Khan")
    auditor = user_with_role("auditor")
    client.force_login(auditor)
    page = client.get(reverse("child", args=[child.pk])).content.decode()
    assert "Sara Khan" in page and reverse("add_person", args=[child.pk]) not in page
    assert client.get(reverse("add_person", args=[child.pk])).status_code == 403


def test_a_team_manager_may_add_people(client, child):
    manager = user_with_role("team_manager")
    client.force_login(manager)
    assert client.post(reverse("add_person", args=[child.pk]), form()).status_code == 302


def test_a_restricted_record_is_refused_to_an_iro_not_named_on_it(client, iro, child):
    child.restricted = True
    child.save()
    person = PersonAroundChildFactory(child=child)
    client.force_login(iro.user)
    for url in (
        reverse("add_person", args=[child.pk]),
        reverse("change_person", args=[child.pk, person.pk]),
        reverse("end_person", args=[child.pk, person.pk]),
    ):
        assert client.get(url).status_code == 403
    assert AuditEvent.objects.filter(action="child.refused").count() == 3
    child.restricted_to.add(iro.user)
    assert client.get(reverse("change_person", args=[child.pk, person.pk])).status_code == 200


def test_a_person_of_another_child_is_not_found_through_this_child(client, iro, child):
    other = PersonAroundChildFactory()
    client.force_login(iro.user)
    assert client.get(reverse("change_person", args=[child.pk, other.pk])).status_code == 404


def test_actions_refuse_unknown_details(iro, child):
    with pytest.raises(TypeError):
        add_person(actor=iro.user, child=child, start=TODAY, role="mother", name="A", shoe="9")
