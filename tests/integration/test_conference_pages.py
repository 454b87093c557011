"""Child protection in the workspace: the child's page, starting a case, recording a
conference, ending a plan; My caseload and the team page count the plans an IRO chairs.
Every mistake on a form is explained beside its field."""

from __future__ import annotations

from datetime import timedelta

import pytest
from dateutil.relativedelta import relativedelta
from django.urls import reverse
from django.utils import timezone

from irohub.allocation.queries import iro_loads
from irohub.audit.models import AuditEvent
from irohub.conferences.actions import record_conference, start_protection
from irohub.conferences.models import ProtectionCase
from irohub.core.calendar import get_calendar
from irohub.core.formatting import long_date
from irohub.statutory import add_months
from irohub.statutory.conferences import icpc_due
from tests.factories import AllocationFactory, ChildFactory
from tests.factories.records import child_in_care, iro_in_post, user_with_role

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def date_fields(name: str, day) -> dict[str, str]:
    return {
        f"{name}_day": str(day.day),
        f"{name}_month": str(day.month),
        f"{name}_year": str(day.year),
    }


@pytest.fixture
def iro():
    return iro_in_post(username="iro-cara", first_name="Cara", last_name="Chair")


@pytest.fixture
def noah():
    """Aged 8, not in care."""
    return ChildFactory(first_name="Noah", date_of_birth=TODAY - relativedelta(years=8))


@pytest.fixture
def signed_in(client, iro):
    client.force_login(iro.user)
    return client


def test_starting_a_case_makes_the_initial_conference_due(signed_in, noah, iro):
    discussion = TODAY - timedelta(days=3)
    response = signed_in.post(
        reverse("start_protection", args=[noah.pk]),
        {"begins": "strategy discussion", **date_fields("start", discussion), "chair": iro.pk},
        follow=True,
    )
    due = icpc_due(discussion)
    assert f"The initial conference is due by {long_date(due)}" in response.content.decode()
    case = ProtectionCase.objects.get(child=noah)
    assert (case.s47_start, case.next_conference_due) == (discussion, due)


def test_recording_the_initial_conference_shows_the_next_review_conference(signed_in, noah, iro):
    start_protection(actor=None, child=noah, start=TODAY - timedelta(days=10), chair=iro)
    held = TODAY - timedelta(days=1)
    response = signed_in.post(
        reverse("record_conference", args=[noah.pk]),
        {
            **date_fields("held", held),
            "decision": "plan",
            "category": "NEG",
            "participation": "PN6",
            "chair": iro.pk,
            "attendance": ["parent", "social_worker"],
            "quorate": "yes",
        },
        follow=True,
    )
    page = response.content.decode()
    due = add_months(held, 3)
    assert f"Next review conference due by {long_date(due)}" in page
    assert due.strftime("%A %-d %B %Y") in page  # in the summary of the child protection page
    assert AuditEvent.objects.filter(action="conference.recorded", child_id=noah.pk).exists()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"held_day": "", "held_month": "", "held_year": ""},
            "held",
            "Enter the date the conference was held",
        ),
        ({"held_day": "31", "held_month": "2", "held_year": "2025"}, "held", "must be a real date"),
        ({"decision": "continue"}, "decision", "Select what the conference decided from the list"),
        ({"category": "XYZ"}, "category", "Select a category of abuse from the list"),
        ({"category": ""}, "category", "Select the category of abuse of the plan"),
        ({"participation": "PN0"}, "participation", "PN0 is only for children under 4"),
        ({"participation": "PN9"}, "participation", "Select how the child took part from the list"),
        ({"chair": "999999"}, "chair", "Select an IRO in post from the list"),
        ({"attendance": ["dog"]}, "attendance", "Select who attended from the list"),
        ({"quorate": "maybe"}, "quorate", "Select yes or no"),
        (date_fields("held", TODAY + timedelta(days=5)), "held", "cannot be in the future"),
    ],
)
def test_bad_conferences_are_refused_beside_their_field(signed_in, noah, iro, data, field, message):
    start_protection(actor=None, child=noah, start=TODAY - timedelta(days=10), chair=iro)
    good = {
        **date_fields("held", TODAY - timedelta(days=1)),
        "decision": "plan",
        "category": "NEG",
        "participation": "PN1",
        "chair": iro.pk,
        "quorate": "yes",
    }
    response = signed_in.post(reverse("record_conference", args=[noah.pk]), good | data)
    assert response.status_code == 200
    form = response.context["form"]
    assert any(message in error for error in form.errors[field]), form.errors
    assert not ProtectionCase.objects.get(child=noah).conferences.exists()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"begins": ""}, "begins", "Select what started the child protection enquiry"),
        ({"begins": "rumour"}, "begins", "from the list"),
        ({"start_day": "", "start_month": "", "start_year": ""}, "start", "Enter the date of"),
        ({"start_year": "20x5"}, "start", "must be a real date, written in numbers"),
        (
            date_fields("s47_start", TODAY - timedelta(days=8)),
            "s47_start",
            "cannot start before the strategy discussion",
        ),
        ({"begins": "pre-birth"}, "expected_delivery", "Enter the expected date of delivery"),
        ({"chair": ""}, "chair", "Select the IRO who chairs"),
    ],
)
def test_bad_starts_are_refused_beside_their_field(signed_in, noah, iro, data, field, message):
    discussion = TODAY - timedelta(days=3)
    posted = {"begins": "strategy discussion", **date_fields("start", discussion), "chair": iro.pk}
    posted |= data
    response = signed_in.post(reverse("start_protection", args=[noah.pk]), posted)
    assert response.status_code == 200
    form = response.context["form"]
    assert any(message in error for error in form.errors[field]), form.errors
    assert not ProtectionCase.objects.exists()


def test_ending_a_plan_without_a_conference_and_its_bad_input(signed_in, noah, iro):
    case = start_protection(actor=None, child=noah, start=TODAY - timedelta(days=40), chair=iro)
    record_conference(
        actor=None,
        case=case,
        held=TODAY - timedelta(days=30),
        chair=iro,
        participation="PN1",
        decision="plan",
        category="EMO",
    )
    url = reverse("end_plan", args=[noah.pk])
    refused = signed_in.post(url, {**date_fields("ended", TODAY), "reason": "conference"})
    assert "Select why the plan ended from the list" in refused.context["form"].errors["reason"][0]
    refused = signed_in.post(
        url, {**date_fields("ended", TODAY - timedelta(days=35)), "reason": "moved"}
    )
    assert "cannot end before" in refused.context["form"].errors["ended"][0]
    signed_in.post(url, {**date_fields("ended", TODAY), "reason": "moved"})
    case.refresh_from_db()
    assert (case.ended, case.end_reason) == (TODAY, "moved")
    # With no open case the conference and end pages say so.
    page = signed_in.get(reverse("record_conference", args=[noah.pk]))
    assert "No open child protection case" in page.content.decode()


def test_pages_need_the_permission(client, noah):
    auditor = user_with_role("auditor")
    client.force_login(auditor)
    assert client.get(reverse("child_protection", args=[noah.pk])).status_code == 200
    assert client.get(reverse("start_protection", args=[noah.pk])).status_code == 403
    assert client.get(reverse("record_conference", args=[noah.pk])).status_code == 403


def test_my_caseload_shows_conferences_beside_reviews(signed_in, noah, iro):
    in_care = child_in_care(
        first_name="Amira", date_of_birth=TODAY - relativedelta(years=10), start=TODAY
    )
    AllocationFactory(child=in_care, iro=iro, start=TODAY)
    start_protection(actor=None, child=noah, start=TODAY - timedelta(days=2), chair=iro)
    page = signed_in.get(reverse("caseload")).content.decode()
    assert "Amira" in page and "Child protection conferences you chair" in page
    assert reverse("child_protection", args=[noah.pk]) in page
    assert long_date(icpc_due(TODAY - timedelta(days=2))) in page


def test_team_page_counts_plans_chaired_beside_children_in_care(client, noah, iro):
    in_care_and_on_plan = child_in_care(
        first_name="Amira", date_of_birth=TODAY - relativedelta(years=10), start=TODAY
    )
    AllocationFactory(child=in_care_and_on_plan, iro=iro, start=TODAY)
    for child in (noah, in_care_and_on_plan):
        case = start_protection(
            actor=None, child=child, start=TODAY - timedelta(days=20), chair=iro
        )
        record_conference(
            actor=None,
            case=case,
            held=TODAY - timedelta(days=5),
            chair=iro,
            participation="PN1",
            decision="plan",
            category="NEG",
        )
    (load,) = iro_loads([iro], today=TODAY, calendar=get_calendar())
    # Amira is in care with Cara and on a plan Cara chairs: counted once.
    assert (load.children, load.on_plans, load.with_plans) == (1, 1, 2)
    manager = user_with_role("service_manager")
    client.force_login(manager)
    page = client.get(reverse("team")).content.decode()
    assert "On child protection plans" in page
