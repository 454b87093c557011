"""Sessions end when left alone; people change their own password in the app, audited
(issue 11, item 11)."""

from __future__ import annotations

import time

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from irohub.accounts.middleware import LAST_SEEN, SIGNED_IN_AT
from irohub.accounts.models import UserRole
from irohub.audit.models import AuditEvent
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "synthetic-password-123"
NEW_PASSWORD = "a-new-synthetic-passphrase-42"


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def iro(client):
    user = UserFactory()
    UserRole.objects.create(user=user, role="iro")
    client.post("/sign-in/", {"username": user.username, "password": PASSWORD})
    assert client.get("/caseload/").status_code == 200
    return user


def move_clock(client, **seconds_ago: int) -> None:
    session = client.session
    now = int(time.time())
    for key, ago in seconds_ago.items():
        session[key] = now - ago
    session.save()


def test_a_session_left_alone_for_the_idle_time_ends(client, settings, iro):
    assert settings.IROHUB_IDLE_MINUTES == 30
    move_clock(client, **{LAST_SEEN: 29 * 60})
    assert client.get("/caseload/").status_code == 200  # still in use: and that counts
    move_clock(client, **{LAST_SEEN: 31 * 60})
    response = client.get("/caseload/")
    assert response.status_code == 302
    assert response["Location"] == "/sign-in/?next=/caseload/"
    assert "_auth_user_id" not in client.session
    page = client.get(response["Location"]).content.decode()
    assert "signed out after 30 minutes without activity" in page
    assert "Important" in page and "Success" not in page


def test_the_idle_time_is_a_setting(client, settings, iro):
    settings.IROHUB_IDLE_MINUTES = 5
    move_clock(client, **{LAST_SEEN: 6 * 60})
    assert client.get("/caseload/").status_code == 302


def test_a_busy_session_still_ends_after_a_working_day(client, settings, iro):
    move_clock(client, **{SIGNED_IN_AT: settings.SESSION_COOKIE_AGE + 60, LAST_SEEN: 60})
    assert client.get("/caseload/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_people_change_their_own_password(client, iro):
    page = client.get("/account/password/")
    assert page.status_code == 200
    assert "Change your password" in page.content.decode()
    elsewhere = Client()
    elsewhere.force_login(iro)
    response = client.post(
        "/account/password/",
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert client.get("/caseload/").status_code == 200  # this session carries on
    assert elsewhere.get("/caseload/").status_code == 302  # the others end
    assert get_user_model().objects.get(pk=iro.pk).check_password(NEW_PASSWORD)
    event = AuditEvent.objects.get(action="account.password_changed")
    assert (event.actor_id, event.target_id) == (iro.pk, str(iro.pk))
    assert NEW_PASSWORD not in str(event.details)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("not-the-password", NEW_PASSWORD, "Your old password was entered incorrectly"),
        (PASSWORD, "short", "This password is too short"),
        (PASSWORD, "password1234", "This password is too common"),
    ],
)
def test_a_bad_password_change_says_why(client, iro, old, new, message):
    response = client.post(
        "/account/password/", {"old_password": old, "new_password1": new, "new_password2": new}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "There is a problem" in response.content.decode()
    assert not AuditEvent.objects.filter(action="account.password_changed").exists()


def test_the_administration_password_link_leads_to_the_same_page(client, admin_user):
    client.force_login(admin_user)
    response = client.get("/admin/password_change/")
    assert response.status_code == 302
    assert response["Location"] == "/account/password/"
