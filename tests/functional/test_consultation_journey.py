"""A child's consultation in a real browser: an IRO makes a link; the child opens it on a
phone-sized screen without signing in, answers, loses the connection mid-form, comes back
without losing a word, sends; the answers show on the review; the link is spent. axe-core
checks every version of the form."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from irohub.consultation import actions
from irohub.records.consultation import FORMS
from irohub.reviews.actions import record_review
from tests.factories.records import child_in_care, user_with_role
from tests.functional.conftest import PASSWORD, assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 375, "height": 740}
# What spills out of the screen (shared with test_page_widths): nothing may, on a phone.
OVERFLOW = (Path(__file__).parent / "overflow.js").read_text()


@pytest.fixture
def family():
    today = timezone.localdate()
    iro = user_with_role("iro", username="iro.journey")
    iro.set_password(PASSWORD)
    iro.save()
    child = child_in_care(
        start=today - timedelta(days=12),
        date_of_birth=today.replace(year=today.year - 13) - timedelta(days=30),
        first_name="Robin",
        last_name="Synthetic",
    )
    return iro, child


def _phone(browser: Browser, base_url: str):
    context = browser.new_context(base_url=base_url, viewport=PHONE, is_mobile=True, has_touch=True)
    context.set_default_timeout(30_000)
    refused: list[str] = []
    return context, refused


def _watch_csp(page: Page, refused: list[str]) -> Page:
    page.on(
        "console",
        lambda message: (
            refused.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text
            else None
        ),
    )
    return page


def test_a_child_answers_offline_and_online_and_the_review_shows_it(
    page: Page, browser: Browser, live_server, family
):
    iro, child = family
    sign_in(page, "iro.journey")
    page.goto(f"/children/{child.pk}/")
    page.get_by_role("link", name="Prepare the next review: checklist and consultation").click()
    assert_accessible(page)
    page.get_by_role("button", name="Send a consultation link").click()
    page.get_by_label("The child or young person").check()
    page.get_by_label("Their name").fill("Robin")
    page.get_by_label("Young people (11 and over)").check()
    page.get_by_role("button", name="Make the link").click()
    link = page.locator("#consultation-link").inner_text().strip()
    assert "/have-your-say/" in link
    assert_accessible(page)

    # The child: a fresh browser (no sign-in, no cookies), phone-sized.
    context, refused = _phone(browser, live_server.url)
    child_page = _watch_csp(context.new_page(), refused)
    child_page.goto(link)
    expect(child_page.get_by_role("heading", name="Your review: have your say")).to_be_visible()
    assert_accessible(child_page)
    child_page.locator("#id_safe_home_yes").check()
    child_page.locator("#id_feelings_worried").check()
    words = "I want to see my brother more often, at weekends."
    child_page.get_by_label("Is there anything you want to say or ask at your review?").fill(words)

    # The connection drops: sending does not lose anything and says what happened.
    context.set_offline(True)
    child_page.get_by_role("button", name="Send my answers").click()
    expect(child_page.locator("#offline-message")).to_be_visible()
    expect(
        child_page.get_by_label("Is there anything you want to say or ask at your review?")
    ).to_have_value(words)
    child_page.close()

    # Back online later, the link opened again: what was typed is put back.
    context.set_offline(False)
    child_page = _watch_csp(context.new_page(), refused)
    child_page.goto(link)
    expect(child_page.locator("#draft-status")).to_contain_text("put back the answers")
    expect(
        child_page.get_by_label("Is there anything you want to say or ask at your review?")
    ).to_have_value(words)
    expect(child_page.locator("#id_safe_home_yes")).to_be_checked()
    expect(child_page.locator("#id_feelings_worried")).to_be_checked()
    child_page.get_by_role("button", name="Send my answers").click()
    expect(child_page.get_by_role("heading", name="Thank you")).to_be_visible()
    assert_accessible(child_page)

    # The link is spent: opening it again sends nothing more.
    child_page.goto(link)
    expect(child_page.get_by_role("heading", name="This link has been used")).to_be_visible()
    assert_accessible(child_page)
    context.close()
    assert not refused, "\n".join(refused)

    # The review is held: the answers show on it.
    review = record_review(actor=iro, child=child, held=timezone.localdate(), participation="PN1")
    page.goto(f"/children/{child.pk}/")
    page.get_by_role("link", name=re.compile("preparation and views")).first.click()
    expect(page.get_by_text(words)).to_be_visible()
    expect(page.get_by_text("Worried")).to_be_visible()
    assert page.url.endswith(f"/reviews/{review.pk}/views/")
    assert_accessible(page)


def test_every_form_version_is_accessible_on_a_phone(browser: Browser, live_server, family):
    iro, child = family
    context, refused = _phone(browser, live_server.url)
    phone = _watch_csp(context.new_page(), refused)
    preparation = actions.prepare_review(actor=iro, child=child)
    for version, form in FORMS.items():
        if form.after_review:
            continue
        sent = actions.send_consultation(
            actor=iro,
            preparation=preparation,
            respondent=form.respondent.value,
            name="Robin",
            version=version.value,
        )
        phone.goto(f"/have-your-say/{sent.token}/")
        expect(phone.get_by_role("heading", name=form.title)).to_be_visible()
        assert_accessible(phone)
        assert phone.evaluate(OVERFLOW) == [], version
        # Its error state too.
        phone.get_by_role("button", name="Send my answers").click()
        expect(
            phone.get_by_role("link", name="Answer at least one question", exact=False)
        ).to_be_visible()
        assert_accessible(phone)
    # The feedback forms, after the review is held.
    record_review(actor=iro, child=child, held=timezone.localdate(), participation="PN1")
    preparation.refresh_from_db()
    for version, form in FORMS.items():
        if not form.after_review:
            continue
        sent = actions.send_consultation(
            actor=iro,
            preparation=preparation,
            respondent=form.respondent.value,
            name="Robin",
            version=version.value,
        )
        phone.goto(f"/have-your-say/{sent.token}/")
        expect(phone.get_by_role("heading", name=form.title)).to_be_visible()
        assert_accessible(phone)
    phone.goto("/have-your-say/tampered-link/")
    expect(phone.get_by_role("heading", name="This link does not work")).to_be_visible()
    assert_accessible(phone)
    context.close()
    assert not refused, "\n".join(refused)


def test_the_iro_pages_are_accessible(page: Page, family):
    _, child = family
    sign_in(page, "iro.journey")
    for url in [
        f"/children/{child.pk}/review-preparation/checklist/",
        f"/children/{child.pk}/review-preparation/attach/",
        f"/children/{child.pk}/advocacy/",
    ]:
        page.goto(url)
        assert_accessible(page)
        page.locator("main form button[type=submit]").first.click()
        page.wait_for_load_state()
        assert_accessible(page)
