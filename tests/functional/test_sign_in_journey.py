"""Signing in, in a real browser, by keyboard alone."""

import pytest
from playwright.sync_api import expect

from irohub.accounts.models import UserRole
from tests.factories import UserFactory
from tests.functional.conftest import PASSWORD, assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


def test_sign_in_page_is_accessible_and_works_by_keyboard(page):
    user = UserFactory(username="keyboard.user")
    UserRole.objects.create(user=user, role="auditor")
    page.goto("/sign-in/")
    assert_accessible(page)
    # The first Tab reaches the skip link, as GOV.UK pages do.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent").strip() == "Skip to main content"
    page.get_by_label("Username").focus()
    page.keyboard.type("keyboard.user")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/team/")


def test_a_failed_sign_in_is_reported_accessibly(page):
    page.goto("/sign-in/")
    page.get_by_label("Username").fill("nobody")
    page.get_by_label("Password").fill("wrong-password-000")
    page.get_by_role("button", name="Sign in").click()
    # expect() waits for the answer to the form; is_visible() would look only once.
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text("There is a problem")
    assert_accessible(page)
