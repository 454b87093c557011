"""Workforce records (issue 17, item 1): posts, terms and absences recorded through the
forms, audited, refused with a message naming the field, and read back as the register's
workforce so that M-WF-03c..f give numbers. Synthetic data."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from irohub.accounts.models import UserRole
from irohub.audit.models import AuditEvent
from irohub.children.records import register_from_database
from irohub.measures.registry import compute_measures
from irohub.records.workforce import fte_in_post, staff_of
from irohub.workforce import actions
from irohub.workforce.models import Absence, Post, Terms
from tests.factories import IROFactory, TeamFactory, UserFactory
from tests.factories.fostering import ReviewingOfficerFactory

pytestmark = pytest.mark.django_db


def person(role: str, username: str):
    user = UserFactory(username=username)
    UserRole.objects.create(user=user, role=role)
    return user


@pytest.fixture
def manager():
    return person("service_manager", "service.manager")


def dates(prefix: str, day: date | None) -> dict[str, str]:
    if day is None:
        return {f"{prefix}_day": "", f"{prefix}_month": "", f"{prefix}_year": ""}
    return {
        f"{prefix}_day": str(day.day),
        f"{prefix}_month": str(day.month),
        f"{prefix}_year": str(day.year),
    }


def test_recording_through_the_forms_gives_the_establishment_figures(client, manager):
    north = TeamFactory(name="North")
    alice = IROFactory(team=north, fte=Decimal("1.00"), start_date=date(2020, 1, 6))
    bob = IROFactory(team=north, fte=Decimal("1.00"), start_date=date(2021, 9, 1))
    fay = ReviewingOfficerFactory(fte=Decimal("0.80"), start_date=date(2019, 4, 1))
    client.force_login(manager)

    for data in (
        {
            "role": "iro",
            "team": str(north.pk),
            "fte": "1.00",
            **dates("start_date", date(2024, 4, 1)),
        },
        {
            "role": "iro",
            "team": str(north.pk),
            "fte": "1.00",
            **dates("start_date", date(2024, 4, 1)),
        },
        {
            "role": "iro",
            "team": str(north.pk),
            "fte": "0.50",
            **dates("start_date", date(2024, 4, 1)),
        },
        {"role": "firo", "team": "none", "fte": "0.80", **dates("start_date", date(2024, 4, 1))},
    ):
        response = client.post(reverse("workforce_add_post"), {**dates("end_date", None), **data})
        assert response.status_code == 302, response.content.decode()
    # Bob works 0.6 from 1 January 2025; Alice is sick from 1 March 2025 (open).
    response = client.post(
        reverse("workforce_record_terms"),
        {
            "person": f"iro:{bob.pk}",
            "basis": "employed",
            "fte": "0.60",
            **dates("start_date", date(2025, 1, 1)),
            **dates("end_date", None),
        },
    )
    assert response.status_code == 302
    response = client.post(
        reverse("workforce_record_absence"),
        {
            "person": f"iro:{alice.pk}",
            "reason": "sickness",
            **dates("start_date", date(2025, 3, 1)),
            **dates("end_date", None),
        },
    )
    assert response.status_code == 302

    register = register_from_database()
    assert fte_in_post(staff_of(register), date(2025, 3, 31)) == 2.4  # 1.0 + 0.6 + 0.8
    measures = compute_measures(register, "2024/25")["measures"]
    # Establishment 3.3; in post 2.4; North 2.5 - 1.6 employed = 0.9 vacant.
    assert measures["M-WF-03c"] == {"fte": 2.4, "of_fte": 3.3, "percent": 100 * 2.4 / 3.3}
    assert measures["M-WF-03d"]["fte"] == 0.9
    assert measures["M-WF-03e"]["fte"] == 0.0
    assert measures["M-WF-03f"] == {"fte": 1.0, "of_fte": 2.4, "percent": 100 / 2.4}
    # M-WF-01's FTE is the same rule: Bob at 0.6, the reviewing officer not an IRO.
    assert measures["M-WF-01"]["denominator"] == 1.6
    assert fay.pk  # counted above as firo

    kinds = list(
        AuditEvent.objects.filter(action__startswith="workforce.").values_list("action", flat=True)
    )
    assert sorted(kinds) == sorted(
        ["workforce.post_added"] * 4 + ["workforce.terms_recorded", "workforce.absence_recorded"]
    )
    page = client.get(reverse("workforce"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "The whole service at the end of each month" in text
    assert "Foster carer reviewing officers" in text


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"fte": "abc"}, "fte", "The FTE must be a number, like 0.60"),
        ({"fte": "1.50"}, "fte", "The post's FTE must be more than 0 and no more than 1.00"),
        ({"fte": "0"}, "fte", "The post's FTE must be more than 0 and no more than 1.00"),
        ({"team": ""}, "team", "Select the team"),
        ({"team": "999999"}, "team", "Select the team from the list"),
        ({"role": "chef"}, "role", "Select the role from the list"),
        ({"role": "firo"}, "team", "A foster carer reviewing officer post belongs to no team"),
        ({"start_date_day": "31", "start_date_month": "2"}, "start_date", "must be a real date"),
        (
            {"end_date_day": "1", "end_date_month": "1", "end_date_year": "2020"},
            "end_date",
            "on or after",
        ),
    ],
)
def test_bad_input_for_a_post_is_named(client, manager, data, field, message):
    north = TeamFactory(name="North")
    client.force_login(manager)
    form = {
        "role": "iro",
        "team": str(north.pk),
        "fte": "1.00",
        **dates("start_date", date(2024, 4, 1)),
        **dates("end_date", None),
        **data,
    }
    response = client.post(reverse("workforce_add_post"), form)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert any(message in text for text in errors[field]), errors
    assert not Post.objects.exists()


def test_terms_and_absences_must_fall_while_in_post_and_absences_not_overlap(manager):
    iro = IROFactory(start_date=date(2022, 1, 1), end_date=date(2025, 6, 30))
    who = f"iro:{iro.pk}"
    with pytest.raises(ValidationError) as refused:
        actions.record_terms(
            actor=manager, person=who, basis="agency", fte=Decimal("1"), start_date=date(2021, 1, 1)
        )
    assert "before" in refused.value.message_dict["start_date"][0]
    with pytest.raises(ValidationError) as refused:
        actions.record_absence(
            actor=manager, person=who, reason="sickness", start_date=date(2025, 6, 1)
        )
    assert "last day in post" in refused.value.message_dict["end_date"][0]
    with pytest.raises(ValidationError) as refused:
        actions.record_absence(
            actor=manager, person="iro:0", reason="sickness", start_date=date(2025, 6, 1)
        )
    assert refused.value.message_dict["person"] == ["Select the person from the list"]
    first = actions.record_absence(
        actor=manager,
        person=who,
        reason="sickness",
        start_date=date(2025, 1, 6),
        end_date=date(2025, 6, 30),
    )
    with pytest.raises(ValidationError) as refused:
        actions.record_absence(
            actor=manager,
            person=who,
            reason="other",
            start_date=date(2025, 2, 1),
            end_date=date(2025, 2, 3),
        )
    assert (
        "already recorded as absent from 6 January 2025"
        in refused.value.message_dict["start_date"][0]
    )
    with pytest.raises(ValidationError):
        actions.end_absence(actor=manager, absence=first, end_date=date(2025, 1, 1))
    actions.end_absence(actor=manager, absence=first, end_date=date(2025, 1, 31))
    assert Absence.objects.get().end_date == date(2025, 1, 31)
    assert not Terms.objects.exists()


def test_only_managers_and_administrators_record_the_workforce(client):
    client.force_login(person("iro", "an.iro"))
    assert client.get(reverse("workforce")).status_code == 403
    assert client.get(reverse("workforce_add_post")).status_code == 403
    client.force_login(person("administrator", "an.admin"))
    assert client.get(reverse("workforce_add_post")).status_code == 200
    client.force_login(person("auditor", "an.auditor"))
    assert client.get(reverse("workforce")).status_code == 200
    assert client.get(reverse("workforce_record_absence")).status_code == 403


def test_the_demo_council_has_an_establishment_and_the_measures_give_numbers(client):
    from irohub.demo.load import load_demo_council
    from irohub.records.years import CollectionYear

    load_demo_council(children=1500, years=3, seed=7)
    assert Post.objects.exists() and Absence.objects.exists() and Terms.objects.exists()
    year = CollectionYear.to_date(date.today()).previous()
    measures = compute_measures(register_from_database(), year)["measures"]
    for measure_id in ("M-WF-03c", "M-WF-03d", "M-WF-03e", "M-WF-03f"):
        assert set(measures[measure_id]) == {"fte", "of_fte", "percent"}, measures[measure_id]
    assert measures["M-WF-03c"]["of_fte"] > 0
    # The team page shows each team's establishment by month.
    client.force_login(person("service_manager", "demo.manager"))
    page = client.get(reverse("team")).content.decode()
    assert "Establishment and staffing" in page
    assert page.count('data-table="team-workforce"') >= 1


def test_reviewing_officers_have_terms_and_absences_and_the_team_page_reads_terms(client, manager):
    today = date.today()
    officer = ReviewingOfficerFactory(fte=Decimal("1.00"), start_date=date(2019, 4, 1))
    actions.record_terms(
        actor=manager,
        person=f"firo:{officer.pk}",
        basis="interim",
        fte=Decimal("0.50"),
        start_date=date(2024, 1, 1),
    )
    actions.record_absence(
        actor=manager, person=f"firo:{officer.pk}", reason="other", start_date=date(2024, 2, 1)
    )
    north = TeamFactory(name="North")
    iro = IROFactory(team=north, fte=Decimal("1.00"), start_date=date(2020, 1, 6))
    actions.record_terms(
        actor=manager,
        person=f"iro:{iro.pk}",
        basis="employed",
        fte=Decimal("0.60"),
        start_date=today.replace(day=1),
    )
    staff = staff_of(register_from_database())
    assert fte_in_post(staff, today, role="firo", basis="interim") == 0.5
    # The team page's caseload per FTE reads the same rule: 0.60 today, not the record's 1.00.
    north.managers.add(manager)
    client.force_login(manager)
    page = client.get(reverse("team"))
    loads = page.context["caseloads"][0].loads
    assert [str(load.fte) for load in loads] == ["0.60"]
    assert page.context["caseloads"][0].totals.fte == Decimal("0.60")
