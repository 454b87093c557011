"""Bad input gets a clear answer, never a 500: each case an independent review found
(issue 11, defect 6). tests/integration/test_fuzz_every_url.py looks for more."""

from __future__ import annotations

import html
from datetime import date, timedelta

import pytest
from django.utils import timezone

from irohub.audit.models import AuditEvent
from irohub.reviews.models import Review
from tests.factories import AllocationFactory, TeamFactory
from tests.factories.records import child_in_care, iro_in_post, user_with_role

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def iro():
    return iro_in_post(username="iro-bad-input")


@pytest.fixture
def child(iro):
    child = child_in_care(start=TODAY - timedelta(days=200), date_of_birth=date(2012, 5, 1))
    AllocationFactory(child=child, iro=iro, start=TODAY - timedelta(days=200))
    return child


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        ("1" * 20, "3", "2025", "the day must have 1 or 2 numbers"),
        ("3", "9" * 20, "2025", "the month must have 1 or 2 numbers"),
        ("²", "3", "2025", "must be a real date, written in numbers"),
        ("3", "3", "٢٠٢٥", "must be a real date, written in numbers"),
        ("31", "2", "2025", "must be a real date"),
    ],
)
def test_a_date_that_cannot_be_is_a_form_error(client, iro, child, day, month, year, message):
    client.force_login(iro.user)
    response = client.post(
        f"/children/{child.pk}/reviews/new/",
        {
            "held_day": day,
            "held_month": month,
            "held_year": year,
            "participation": "PN1",
            "chair": iro.pk,
        },
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Review.objects.filter(child=child).exists()


@pytest.mark.parametrize("team", ["²", "٣", "1" * 30, "-1", "x"])
def test_the_team_page_shows_every_team_for_a_team_that_is_not_a_number(client, team):
    manager = user_with_role("service_manager")
    north = TeamFactory(name="North synthetic team")
    client.force_login(manager)
    response = client.get("/team/", {"team": team})
    assert response.status_code == 200
    assert north.name in response.content.decode()


@pytest.mark.parametrize("year", ["9999-00", "0000-01", "1899-00", "²⁰²⁵-26"])
def test_a_year_out_of_range_is_not_found(client, year):
    client.force_login(user_with_role("service_manager"))
    for address in (
        f"/annual-report/{year}/",
        f"/annual-report/{year}/edit/",
        f"/annual-report/{year}/download/report.docx",
        f"/performance/{year}/",
        f"/performance/{year}/M-REV-01/rows/",
    ):
        response = client.get(address)
        assert response.status_code == 404, address


@pytest.mark.parametrize(
    "address",
    [
        "/children/?q=Ama%00ra",
        "/caseload/?q=%00",
        "/team/?team=1%00",
        "/performance/2024-25/M-REV-01/rows/?age-band=10%00",
        "/performance/2024-25/M-REV-01/rows/?x%00=1",
    ],
)
def test_a_nul_character_is_a_bad_request_that_names_the_part(client, address):
    user = user_with_role("service_manager")
    iro_in_post(username="iro-nul").user.roles.create(role="team_manager")
    client.force_login(user)
    before = AuditEvent.objects.count()
    response = client.get(address)
    assert response.status_code == 400
    assert "holds a character that cannot be used (NUL)" in response.content.decode()
    assert AuditEvent.objects.count() == before


def test_a_nul_character_in_a_form_is_a_bad_request(client, iro, child):
    client.force_login(iro.user)
    response = client.post(
        f"/children/{child.pk}/reviews/new/",
        {"held_day": "1\x00", "held_month": "3", "held_year": "2025", "participation": "PN1"},
    )
    assert response.status_code == 400
    assert "form's field 'held_day'" in html.unescape(response.content.decode())
