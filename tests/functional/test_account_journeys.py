"""Changing one's own password, and an administrator unlocking a locked sign-in, in a real
browser with the Content-Security-Policy on (conftest fails on any violation)."""

from __future__ import annotations

import pytest
from django.test import Client
from playwright.sync_api import Page, expect

from irohub.accounts.models import UserRole
from tests.factories import UserFactory
from tests.functional.conftest import PASSWORD, assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

NEW_PASSWORD = "a-new-synthetic-passphrase-42"


def test_an_iro_changes_their_password(page: Page):
    iro = UserFactory(username="iro.password")
    UserRole.objects.create(user=iro, role="iro")
    sign_in(page, "iro.password")
    page.get_by_role("link", name="Change password").click()
    expect(page.get_by_role("heading", name="Change your password")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Old password").fill("not-the-password")
    page.get_by_label("New password", exact=True).fill("short")
    page.get_by_label("New password confirmation").fill("short")
    page.get_by_role("button", name="Change password").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Old password").fill(PASSWORD)
    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("New password confirmation").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Change password").click()
    expect(page.get_by_text("Your password has been changed")).to_be_visible()
    iro.refresh_from_db()
    assert iro.check_password(NEW_PASSWORD)


def test_an_administrator_unlocks_a_sign_in(page: Page, settings):
    locked = UserFactory(username="locked.out")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        Client().post(
            "/sign-in/",
            {"username": "locked.out", "password": "not-the-password"},
            REMOTE_ADDR="192.0.2.10",
        )
    admin = UserFactory(username="admin.unlock")
    UserRole.objects.create(user=admin, role="administrator")
    sign_in(page, "admin.unlock")
    page.goto("/sign-in-locks/")
    expect(page.get_by_role("cell", name="locked.out", exact=True)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Unlock locked.out from 192.0.2.10").click()
    expect(page.get_by_text("locked.out can sign in from 192.0.2.10 again")).to_be_visible()
    expect(page.get_by_text("No account is locked.")).to_be_visible()
    assert locked.is_active
