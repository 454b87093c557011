"""Two-factor sign-in (TOTP): optional for everyone, required of the roles an administrator
names; enrolment with a QR code or key; an administrator's reset; sign-in unchanged for
everyone else."""

from __future__ import annotations

import base64
import re

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from irohub.audit.models import AuditEvent
from irohub.signon.models import TwoFactorRole
from tests.factories.workspace import iro_with_role, user_in_role

pytestmark = pytest.mark.django_db

PASSWORD = "synthetic-password-123"


def sign_in(client, user):
    response = client.post("/sign-in/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]
    return response


def code_for(device: TOTPDevice, offset: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = totp.time + offset * device.step
    return f"{totp.token():06d}"


def unthrottle(device: TOTPDevice) -> None:
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_count=0, throttling_failure_timestamp=None
    )
    device.refresh_from_db()


def enrolled(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)


def test_sign_in_is_unchanged_for_roles_that_do_not_require_it(client):
    TwoFactorRole.objects.create(role="team_manager")
    iro = iro_with_role()
    sign_in(client, iro.user)
    assert client.get("/").url == "/caseload/"
    assert client.get("/caseload/").status_code == 200


def test_a_role_that_requires_it_enrols_before_anything_else(client):
    TwoFactorRole.objects.create(role="team_manager")
    manager = user_in_role("team_manager")
    sign_in(client, manager)

    for page in ("/team/", "/children/?q=ab", "/performance/"):
        response = client.get(page)
        assert response.status_code == 302, page
        assert response.url.startswith("/two-factor/set-up/?next="), page

    page = client.get("/two-factor/set-up/?next=/team/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'src="/two-factor/set-up/qr.svg"' in html
    device = TOTPDevice.objects.get(user=manager, confirmed=False)
    assert device.config_url.startswith("otpauth://totp/")
    key_text = html.split('class="irohub-key">')[1].split("</code>")[0].replace(" ", "")
    assert base64.b32decode(key_text + "=" * (-len(key_text) % 8)) == device.bin_key
    # Nothing inline that a strict Content-Security-Policy would block.
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)
    assert "style=" not in html and "<style" not in html

    qr = client.get("/two-factor/set-up/qr.svg")
    assert qr["Content-Type"] == "image/svg+xml"
    assert b"<svg" in qr.content
    assert qr["Cache-Control"] == "no-store"

    wrong = client.post("/two-factor/set-up/", {"code": "000000", "next": "/team/"})
    if code_for(device) == "000000":  # one chance in a million
        pytest.skip("the right code happened to be 000000")
    assert wrong.status_code == 400
    assert "That code is not right" in wrong.content.decode()

    # A wrong code slows the next try down (django-otp's throttle): right away, even the
    # right code is refused; the test then clears the wait rather than sleeping through it.
    refused = client.post("/two-factor/set-up/", {"code": code_for(device), "next": "/team/"})
    assert refused.status_code == 400
    unthrottle(device)
    done = client.post("/two-factor/set-up/", {"code": code_for(device), "next": "/team/"})
    assert done.status_code == 302 and done.url == "/team/"
    assert client.get("/team/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    assert AuditEvent.objects.filter(action="two_factor.enrolled", actor_id=manager.pk).exists()


def test_an_enrolled_person_enters_a_code_at_every_sign_in(client):
    iro = iro_with_role()  # optional for IROs: this one chose to enrol
    device = enrolled(iro.user)
    sign_in(client, iro.user)
    response = client.get("/caseload/")
    assert response.url == "/sign-in/two-factor/?next=%2Fcaseload%2F"

    wrong = client.post("/sign-in/two-factor/", {"code": "12345", "next": "/caseload/"})
    assert wrong.status_code == 400
    assert "Enter the 6 digits" in wrong.content.decode()
    bad = code_for(device, offset=20)  # a code from ten minutes ahead
    wrong = client.post("/sign-in/two-factor/", {"code": bad, "next": "/caseload/"})
    assert wrong.status_code == 400
    assert AuditEvent.objects.filter(action="two_factor.failed", actor_id=iro.user.pk).exists()

    unthrottle(device)
    right = client.post("/sign-in/two-factor/", {"code": code_for(device), "next": "/caseload/"})
    assert right.status_code == 302 and right.url == "/caseload/"
    assert client.get("/caseload/").status_code == 200


def test_the_next_address_cannot_leave_the_site(client):
    iro = iro_with_role()
    device = enrolled(iro.user)
    sign_in(client, iro.user)
    response = client.post(
        "/sign-in/two-factor/", {"code": code_for(device), "next": "https://evil.example/"}
    )
    assert response.status_code == 302 and response.url == "/"


def test_an_administrator_resets_a_lost_authenticator(client):
    TwoFactorRole.objects.create(role="team_manager")
    manager = user_in_role("team_manager")
    device = enrolled(manager)
    admin = user_in_role("administrator", is_staff=True, is_superuser=True)
    client.force_login(admin)
    listing = client.get("/admin/otp_totp/totpdevice/")
    assert listing.status_code == 200
    assert device.key not in listing.content.decode()  # the secret is never shown
    response = client.post(
        "/admin/otp_totp/totpdevice/",
        {"action": "reset_two_factor", "_selected_action": [device.pk]},
        follow=True,
    )
    assert "Two-factor sign-in reset for" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=manager).exists()
    event = AuditEvent.objects.get(action="two_factor.reset")
    assert (event.actor_id, event.target_id) == (admin.pk, str(manager.pk))

    client.logout()
    sign_in(client, manager)
    assert client.get("/team/").url.startswith("/two-factor/set-up/")


def test_an_administrator_requires_it_of_a_role_in_the_admin(client):
    admin = user_in_role("administrator", is_staff=True, is_superuser=True)
    client.force_login(admin)
    response = client.post("/admin/signon/twofactorrole/add/", {"role": "auditor"})
    assert response.status_code == 302
    auditor = user_in_role("auditor")
    client.logout()
    sign_in(client, auditor)
    assert client.get("/team/").url.startswith("/two-factor/set-up/")
