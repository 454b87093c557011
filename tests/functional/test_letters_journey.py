"""Allocation letters in headless Chromium: the IRO uploads their photo (a file that is not
a photo first, refused with the reason), then the team manager writes the letters for the
child's new IRO from the child's page and downloads the child's letter as a PDF."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.utils import timezone
from PIL import Image
from playwright.sync_api import Page, expect

from irohub.accounts.models import UserRole
from tests.factories import (
    AllocationFactory,
    CarePeriodFactory,
    ChildFactory,
    EpisodeFactory,
    IROFactory,
    SocialWorkerAllocationFactory,
    SocialWorkerFactory,
    TeamFactory,
    UserFactory,
)
from tests.functional.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def child():
    today = timezone.localdate()
    team = TeamFactory(name="North IRO team")
    manager = UserFactory(username="letters.manager", first_name="Tam", last_name="Manager")
    UserRole.objects.create(user=manager, role="team_manager")
    team.managers.add(manager)
    iro_user = UserFactory(username="letters.iro", first_name="Sam", last_name="Jones")
    UserRole.objects.create(user=iro_user, role="iro")
    iro = IROFactory(user=iro_user, team=team)
    child = ChildFactory(
        first_name="Ada", last_name="Okafor", date_of_birth=today.replace(year=today.year - 6)
    )
    EpisodeFactory(care_period=CarePeriodFactory(child=child, start=today - timedelta(days=3)))
    AllocationFactory(child=child, iro=iro, start=today)
    worker = SocialWorkerFactory(user=UserFactory(first_name="Kim", last_name="Lee"))
    SocialWorkerAllocationFactory(child=child, social_worker=worker, start=today - timedelta(3))
    return child


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (400, 400), (20, 110, 60)).save(out, format="PNG")
    return out.getvalue()


def test_the_iro_adds_a_photo_and_the_manager_writes_the_letters(page: Page, child):
    sign_in(page, "letters.iro")
    page.get_by_role("link", name="Your photo and contact details for children's letters").click()
    expect(page.get_by_role("heading", name="Your details for letters")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Phone").fill("01632 960 001")
    page.get_by_label("Photo").set_input_files(
        files=[{"name": "me.jpg", "mimeType": "image/jpeg", "buffer": b"%PDF-1.7 not a photo"}]
    )
    page.get_by_role("button", name="Save your details").click()
    expect(
        page.get_by_role("link", name="The file me.jpg is not a JPEG or PNG photo")
    ).to_be_visible()
    expect(page.get_by_label("Phone")).to_have_value("01632 960 001")
    assert_accessible(page)
    page.get_by_label("Photo").set_input_files(
        files=[{"name": "me.png", "mimeType": "image/png", "buffer": _png()}]
    )
    page.get_by_role("button", name="Save your details").click()
    expect(page.get_by_text("Your details for letters are saved")).to_be_visible()
    expect(page.get_by_text("Your photo is kept for letters.")).to_be_visible()

    page.context.clear_cookies()
    sign_in(page, "letters.manager")
    page.goto(f"/children/{child.pk}/")
    page.get_by_role("link", name="Allocation letters").click()
    expect(page.get_by_role("heading", name="Allocation letters")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Write the letters").click()
    expect(page.get_by_text("2 letters written")).to_be_visible()
    letters = page.locator("table[data-table=letters]")
    expect(letters).to_contain_text("To the child, aged under 8")
    expect(letters).to_contain_text("To the child's social worker")
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the letter to the child, aged under 8").click()
    path = download.value.path()
    with open(path, "rb") as pdf:
        data = pdf.read()
    assert data.startswith(b"%PDF") and b"/Subtype /Image" in data
