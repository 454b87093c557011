"""Signing in: Argon2 hashes, the role-based start page, and lockout after failures."""

import pytest
from django.contrib.auth.hashers import identify_hasher

from irohub.accounts.models import UserRole
from tests.factories import IROFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "synthetic-password-123"


def sign_in(client, username, password=PASSWORD):
    return client.post("/sign-in/", {"username": username, "password": password})


def test_passwords_are_hashed_with_argon2():
    user = UserFactory()
    assert identify_hasher(user.password).algorithm == "argon2"


def test_an_iro_lands_on_my_caseload(client):
    iro = IROFactory()
    UserRole.objects.create(user=iro.user, role="iro")
    response = sign_in(client, iro.user.username)
    assert response.status_code == 302
    assert client.get("/").url == "/caseload/"


@pytest.mark.parametrize(
    ("role", "start"),
    [
        ("team_manager", "/team/"),
        ("service_manager", "/team/"),
        ("auditor", "/team/"),
        ("administrator", "/admin/"),
    ],
)
def test_each_role_has_a_start_page(client, role, start):
    user = UserFactory()
    UserRole.objects.create(user=user, role=role)
    client.force_login(user)
    assert client.get("/").url == start


def test_a_user_with_no_role_is_told_what_to_ask_for(client):
    client.force_login(UserFactory())
    response = client.get("/")
    assert response.status_code == 403
    assert "do not have a role" in response.content.decode()


def test_wrong_password_shows_a_gov_uk_error(client):
    user = UserFactory()
    response = sign_in(client, user.username, "not-the-password")
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert 'href="#id_username"' in page or 'href="#id_password"' in page


def test_repeated_failures_lock_the_account(client, settings):
    user = UserFactory()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, user.username, "not-the-password")
    # Now even the right password is refused, with a page that says why.
    response = sign_in(client, user.username)
    assert response.status_code == 429
    assert "locked" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_other_accounts_are_not_locked(client, settings):
    careless, careful = UserFactory(), UserFactory()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, careless.username, "not-the-password")
    assert sign_in(client, careful.username).status_code == 302


def test_roles_page_describes_every_role(client):
    page = client.get("/roles/").content.decode()
    for name in ("IRO", "Team manager", "Service manager", "Administrator", "Read-only auditor"):
        assert name in page
