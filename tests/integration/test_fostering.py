"""Fostering households, their reviewing officers and reviews (issue 15, item 6): the
actions keep the review clock's cache, audit every write and refuse bad input with a
message naming the field; the pages open only for the permissions that need them; a
restricted child is listed only for the people named on the record. Synthetic data."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from irohub.accounts.models import UserRole
from irohub.audit.models import AuditEvent
from irohub.children.records import register_from_database
from irohub.fostering import actions
from irohub.fostering.clock import refresh_carer_review_clock
from irohub.fostering.models import CarerReview, Household, Placement, PlacementView
from irohub.measures.registry import compute_measures
from tests.factories import (
    CarePeriodFactory,
    ChildFactory,
    EpisodeFactory,
    IROFactory,
    UserFactory,
)
from tests.factories.fostering import HouseholdFactory, PlacementFactory, ReviewingOfficerFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def person(role: str, username: str):
    user = UserFactory(username=username)
    UserRole.objects.create(user=user, role=role)
    return user


@pytest.fixture
def firo():
    user = person("firo", "firo.one")
    return ReviewingOfficerFactory(user=user)


@pytest.fixture
def manager():
    return person("service_manager", "service.one")


def days_ago(n: int) -> date:
    return TODAY - timedelta(days=n)


# --- the actions and the clock's cache --------------------------------------------------


def test_approval_first_review_at_panel_then_yearly_and_every_write_audited(manager, firo):
    # FC-E1: approved Thu 29 Feb 2024 → first review by Fri 28 Feb 2025; held Mon 17 Feb
    # 2025 → next by Tue 17 Feb 2026.
    household = actions.approve_household(
        actor=manager,
        reference="FH1",
        name="The Patel household",
        carers="Asha Patel",
        kind="mainstream",
        approved=date(2024, 2, 29),
        reviewing_officer=firo,
    )
    assert household.next_review_due == date(2025, 2, 28)
    with pytest.raises(ValidationError) as refused:
        actions.record_carer_review(
            actor=firo.user,
            household=household,
            held=date(2025, 2, 17),
            chair=firo,
            carers_views="Settled year.",
            recommendation="continue",
        )
    assert "goes to the fostering panel" in refused.value.message_dict["panel_date"][0]
    actions.record_carer_review(
        actor=firo.user,
        household=household,
        held=date(2025, 2, 17),
        chair=firo,
        carers_views="Settled year.",
        recommendation="continue",
        panel_date=date(2025, 3, 10),
    )
    household.refresh_from_db()
    assert (household.next_review_due, household.reviews_held) == (date(2026, 2, 17), 1)
    assert list(
        AuditEvent.objects.filter(target_type="fostering.household").values_list(
            "action", flat=True
        )
    ) == ["fostering.household_approved"]
    assert AuditEvent.objects.filter(action="fostering.review_recorded").count() == 1


def test_a_change_of_circumstances_brings_the_review_forward_and_deregistration_ends_it(
    manager,
):
    household = HouseholdFactory(approved=days_ago(200))
    refresh_carer_review_clock()
    household.refresh_from_db()
    yearly = household.next_review_due
    actions.record_change_of_circumstances(
        actor=manager, household=household, recorded=days_ago(3), kind="allegation"
    )
    household.refresh_from_db()
    assert household.next_review_due < yearly  # 20 working days after the change
    actions.deregister_household(
        actor=manager, household=household, deregistered=days_ago(1), reason="resigned"
    )
    household.refresh_from_db()
    assert household.next_review_due is None


def test_the_measures_read_the_households_from_the_database(manager, firo):
    household = HouseholdFactory(approved=date(2023, 6, 1), reviewing_officer=firo)
    CarerReview.objects.create(
        household=household,
        held=date(2024, 5, 20),
        chair=firo,
        carers_views="x",
        recommendation="continue",
        panel_date=date(2024, 6, 1),
    )
    register = register_from_database()
    assert register.fostering is not None
    assert [h.household_id for h in register.fostering.households] == [str(household.pk)]
    figures = compute_measures(register, "2024/25")["measures"]
    assert figures["M-FC-01"] == {"numerator": 1, "denominator": 1, "percent": 100.0}
    assert figures["M-FC-01a"] == {"numerator": 1, "denominator": 1, "percent": 100.0}


# --- bad input, on every form -------------------------------------------------------------


def date_fields(name: str, day: date | str) -> dict[str, str]:
    if isinstance(day, str):
        return {f"{name}_day": day, f"{name}_month": "", f"{name}_year": ""}
    return {
        f"{name}_day": str(day.day),
        f"{name}_month": str(day.month),
        f"{name}_year": str(day.year),
    }


def errors_of(response) -> str:
    assert response.status_code == 200, response.status_code
    text = response.content.decode()
    assert "There is a problem" in text
    return text


APPROVE = {
    "reference": "FH9",
    "name": "The Okafor household",
    "carers": "Ada Okafor",
    "kind": "connected",
    **date_fields("approved", date(2024, 1, 8)),
}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"reference": ""}, "Enter reference"),
        ({"reference": "X" * 21}, "Reference must be 20 characters or fewer"),
        ({"kind": "bogus"}, "Select the kind of household from the list"),
        (date_fields("approved", "31"), "Date of approval must include a month and year"),
        (date_fields("approved", TODAY + timedelta(days=2)), "cannot be in the future"),
        ({"reviewing_officer": "999999"}, "Select a reviewing officer in post from the list"),
        ({"reference": "FH0001"}, "already recorded"),
    ],
)
def test_approving_a_household_refuses_bad_input(client, manager, change, message):
    HouseholdFactory(reference="FH0001")
    client.force_login(manager)
    response = client.post("/fostering/households/new/", {**APPROVE, **change})
    assert message in errors_of(response)
    assert not Household.objects.filter(name="The Okafor household").exists()


def review_form(firo, **change):
    return {
        **date_fields("held", date(2025, 2, 17)),
        "chair": str(firo.pk),
        "carers_views": "A good year.",
        "recommendation": "continue",
        **date_fields("panel_date", date(2025, 3, 3)),
        **change,
    }


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (date_fields("held", "x"), "Date the review was held must include a month and year"),
        (date_fields("held", date(2024, 1, 2)), "before the household was approved"),
        (date_fields("held", TODAY + timedelta(days=1)), "cannot be in the future"),
        ({"carers_views": ""}, "Enter foster carers&#x27; views"),
        ({"carers_views": "x" * 4001}, "4,000 characters or fewer"),
        ({"recommendation": "maybe"}, "Select the review&#x27;s recommendation from the list"),
        ({"chair": ""}, "Select the reviewing officer who chaired the review"),
        (
            {"panel_date_day": "", "panel_date_month": "", "panel_date_year": ""},
            "goes to the fostering panel",
        ),
        (date_fields("panel_date", date(2025, 2, 1)), "The panel date cannot be before the review"),
        (date_fields("decision_date", date(2025, 2, 1)), "cannot be before the review was held"),
    ],
)
def test_recording_a_review_refuses_bad_input(client, firo, change, message):
    household = HouseholdFactory(reviewing_officer=firo)
    client.force_login(firo.user)
    response = client.post(
        f"/fostering/households/{household.pk}/review/", review_form(firo, **change)
    )
    assert message in errors_of(response)
    assert not CarerReview.objects.exists()


def test_a_second_review_the_same_day_is_refused(client, firo):
    household = HouseholdFactory(reviewing_officer=firo)
    client.force_login(firo.user)
    url = f"/fostering/households/{household.pk}/review/"
    assert client.post(url, review_form(firo)).status_code == 302
    assert "already recorded" in errors_of(client.post(url, review_form(firo)))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {**date_fields("recorded", date(2024, 2, 29)), "kind": "allegation"},
            "comes after the approval",
        ),
        (
            {**date_fields("recorded", date(2024, 5, 1)), "kind": "nonsense"},
            "Select what changed from the list",
        ),
        ({"kind": "allegation"}, "Enter the date the change was recorded"),
        (
            {**date_fields("recorded", date(2024, 5, 1)), "kind": "terms", "note": "n" * 501},
            "500 characters or fewer",
        ),
    ],
)
def test_recording_a_change_refuses_bad_input(client, firo, data, message):
    household = HouseholdFactory()
    client.force_login(firo.user)
    response = client.post(f"/fostering/households/{household.pk}/change/", data)
    assert message in errors_of(response)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {**date_fields("deregistered", date(2023, 1, 1)), "reason": "resigned"},
            "before the household was approved",
        ),
        (
            {**date_fields("deregistered", date(2024, 5, 1)), "reason": "bored"},
            "Select why the household was deregistered from the list",
        ),
        ({"reason": "resigned"}, "Enter the date of deregistration"),
    ],
)
def test_deregistering_refuses_bad_input(client, manager, data, message):
    household = HouseholdFactory()
    client.force_login(manager)
    response = client.post(f"/fostering/households/{household.pk}/deregister/", data)
    assert message in errors_of(response)
    household.refresh_from_db()
    assert household.deregistered is None


def test_placing_a_child_refuses_an_unknown_identifier_or_a_child_not_in_care(client, manager):
    household = HouseholdFactory()
    ChildFactory(identifier="NOTINCARE")
    client.force_login(manager)
    url = f"/fostering/households/{household.pk}/place/"
    start = date_fields("start", date(2024, 6, 3))
    assert "No child in the register has the identifier =cmd" in errors_of(
        client.post(url, {"identifier": "=cmd", **start})
    )
    assert "was not looked after on 3 June 2024" in errors_of(
        client.post(url, {"identifier": "NOTINCARE", **start})
    )
    assert not Placement.objects.exists()


def test_the_iros_view_refuses_bad_input_and_feeds_the_next_review(client, firo):
    iro = IROFactory(user=person("iro", "iro.one"))
    period = CarePeriodFactory(start=date(2024, 5, 1))
    EpisodeFactory(care_period=period)
    placement = PlacementFactory(child=period.child, start=date(2024, 6, 3))
    client.force_login(iro.user)
    url = f"/fostering/children/{period.child.pk}/placement-view/"
    good = {
        "placement": str(placement.pk),
        **date_fields("recorded", days_ago(1)),
        "meets_needs": "yes",
        "view": "Settled and happy.",
    }
    for change, message in [
        (date_fields("recorded", date(2024, 6, 1)), "The placement began on 3 June 2024"),
        ({"placement": "0"}, "Select one of the child&#x27;s foster placements"),
        ({"meets_needs": "perhaps"}, "Select whether it meets the needs from the list"),
        ({"view": ""}, "Enter your view of the placement"),
    ]:
        assert message in errors_of(client.post(url, {**good, **change})), change
    assert not PlacementView.objects.exists()
    assert client.post(url, good).status_code == 302
    client.force_login(firo.user)
    page = client.get(f"/fostering/households/{placement.household.pk}/review/").content.decode()
    assert "Settled and happy." in page


# --- who may see what ---------------------------------------------------------------------


def test_pages_open_only_with_the_permission_they_need(client, firo, manager):
    household = HouseholdFactory(reviewing_officer=firo)
    iro = person("iro", "iro.two")
    client.force_login(iro)
    assert client.get("/fostering/").status_code == 403
    client.force_login(firo.user)
    assert client.get("/").url == "/fostering/"  # a FIRO's home page
    assert household.name in client.get("/fostering/").content.decode()
    assert client.get("/fostering/households/new/").status_code == 403
    assert client.get(f"/fostering/households/{household.pk}/deregister/").status_code == 403
    client.force_login(manager)
    assert client.get("/fostering/households/new/").status_code == 200
    page = client.get("/fostering/reviewing-officers/").content.decode()
    assert "FTE needed" in page


def test_a_restricted_child_is_listed_only_for_the_people_named(client, firo):
    secret = ChildFactory(first_name="Hiddenia", restricted=True)
    placement = PlacementFactory(child=secret)
    client.force_login(firo.user)
    assert (
        "Hiddenia"
        not in client.get(f"/fostering/households/{placement.household.pk}/").content.decode()
    )
    secret.restricted_to.add(firo.user)
    assert (
        "Hiddenia"
        in client.get(f"/fostering/households/{placement.household.pk}/").content.decode()
    )
