"""Signing in: Argon2 hashes, the role-based start page, and lockout after failures."""

from datetime import timedelta

import pytest
from axes.models import AccessFailureLog
from django.contrib.auth.hashers import identify_hasher
from django.test import Client

from irohub.accounts.models import UserRole
from irohub.audit.models import AuditEvent
from tests.factories import IROFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "synthetic-password-123"


def sign_in(client, username, password=PASSWORD, address="127.0.0.1"):
    return client.post(
        "/sign-in/", {"username": username, "password": password}, REMOTE_ADDR=address
    )


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
    for name in (
        "IRO",
        "Team manager",
        "Service manager",
        "Administrator",
        "Read-only auditor",
        "Foster carer reviewing officer (FIRO)",
    ):
        assert name in page


# --- Lockout by username and address, and the per-address throttle (issue 11, defect 2) ---


@pytest.fixture(autouse=True)
def fast_passwords(request, settings):
    # Argon2 is deliberately slow and these tests try many passwords; one test checks it.
    if request.node.name != "test_passwords_are_hashed_with_argon2":
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_a_sprayer_cannot_lock_an_account_out_everywhere_and_is_throttled(client, settings):
    target, colleague = UserFactory(), UserFactory()
    refused = [sign_in(client, target.username, "not-the-password") for _ in range(30)]
    # The account locks for that address after five, then the address is throttled.
    assert refused[4].status_code == 429 and "locked" in refused[4].content.decode()
    assert refused[-1].status_code == 429
    assert "Too many attempts to sign in from your network" in refused[-1].content.decode()
    assert refused[-1]["Retry-After"] == str(settings.IROHUB_SIGN_IN_ADDRESS_MINUTES * 60)

    # The account's owner, elsewhere, signs in as usual.
    elsewhere = Client()
    assert sign_in(elsewhere, target.username, address="127.0.0.2").status_code == 302
    assert "_auth_user_id" in elsewhere.session

    # From the sprayer's address nobody signs in for now, with the right password or not.
    assert sign_in(Client(), colleague.username).status_code == 429
    assert "_auth_user_id" not in client.session

    # Both moments are in the audit trail, once each.
    locked = AuditEvent.objects.get(action="sign_in.locked_out")
    assert locked.details == {
        "username": target.username,
        "ip_address": "127.0.0.1",
        "failures": settings.AXES_FAILURE_LIMIT,
    }
    throttled = AuditEvent.objects.get(action="sign_in.address_throttled")
    assert throttled.details["ip_address"] == "127.0.0.1"


def test_an_address_is_throttled_for_any_usernames_and_freed_after_the_window(settings):
    people = [UserFactory() for _ in range(settings.IROHUB_SIGN_IN_ADDRESS_ATTEMPTS)]
    sprayer = Client()
    # One wrong password for each of many accounts: no account locks, the address pauses.
    for person in people:
        assert sign_in(sprayer, person.username, "Winter2026!").status_code == 200
    assert sign_in(Client(), people[0].username).status_code == 429
    AccessFailureLog.objects.update(
        attempt_time=AccessFailureLog.objects.first().attempt_time
        - timedelta(minutes=settings.IROHUB_SIGN_IN_ADDRESS_MINUTES + 1)
    )
    assert sign_in(Client(), people[0].username).status_code == 302


def test_the_administration_sign_in_is_throttled_too(client, settings, admin_user):
    for n in range(settings.IROHUB_SIGN_IN_ADDRESS_ATTEMPTS):
        sign_in(client, f"nobody{n}", "not-the-password")
    response = Client().post(
        "/admin/login/",
        {"username": admin_user.username, "password": "synthetic-password-123"},
        REMOTE_ADDR="127.0.0.1",
    )
    assert response.status_code == 429


def test_an_administrator_unlocks_an_account_in_the_app(client, settings, admin_user):
    locked = UserFactory()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(Client(), locked.username, "not-the-password", address="192.0.2.10")
    assert sign_in(Client(), locked.username, address="192.0.2.10").status_code == 429

    client.force_login(admin_user)
    page = client.get("/sign-in-locks/").content.decode()
    assert locked.username in page and "192.0.2.10" in page
    response = client.post(
        "/sign-in-locks/unlock/", {"username": locked.username, "ip_address": "192.0.2.10"}
    )
    assert response.status_code == 302
    assert "No account is locked" in client.get("/sign-in-locks/").content.decode()
    assert sign_in(Client(), locked.username, address="192.0.2.10").status_code == 302
    unlocked = AuditEvent.objects.get(action="sign_in.unlocked")
    assert unlocked.actor_username == admin_user.username
    assert unlocked.details == {"username": locked.username, "ip_address": "192.0.2.10"}


@pytest.mark.parametrize("role", ["iro", "team_manager", "service_manager", "auditor"])
def test_only_administrators_see_and_unlock_sign_ins(client, role):
    user = UserFactory()
    UserRole.objects.create(user=user, role=role)
    client.force_login(user)
    assert client.get("/sign-in-locks/").status_code == 403
    assert client.post("/sign-in-locks/unlock/", {"username": "x"}).status_code == 403


@pytest.mark.parametrize(
    ("username", "address", "message"),
    [("someone", "not-an-address", "is not an address"), ("a\x00b", "192.0.2.1", "NUL")],
)
def test_an_unlock_with_bad_input_says_what_is_wrong(
    client, admin_user, username, address, message
):
    client.force_login(admin_user)
    response = client.post(
        "/sign-in-locks/unlock/", {"username": username, "ip_address": address}, follow=True
    )
    # A NUL character is refused for every form before any view (core.middleware: 400).
    assert response.status_code == (400 if "\x00" in username else 200)
    assert message in response.content.decode()
    assert not AuditEvent.objects.filter(action="sign_in.unlocked").exists()


@pytest.mark.parametrize("path", ["/sign-in/", "/admin/login/"])
def test_an_overlong_username_is_a_form_error_not_a_500(path):
    # django-axes records a failed username in a 255-character column: PostgreSQL refused
    # 5,000 characters with a DataError (a 500) before the form could answer.
    client = Client(raise_request_exception=False)
    response = client.post(path, {"username": "u" * 5000, "password": "wrong-password-123"})
    assert response.status_code == 200
    assert AccessFailureLog.objects.count() <= 1
