"""Allocation letters: written from the administrator's templates for the child's age and
for the social worker, kept on the child's record, downloaded as a real PDF with the IRO's
photo, every step audited; photos and templates checked with clear messages."""

from __future__ import annotations

import io
import subprocess
from datetime import timedelta

import pytest
from django.contrib.admin.sites import site
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from irohub.audit.models import AuditEvent
from irohub.letters.admin import LetterTemplateForm
from irohub.letters.models import IROContact, Letter, LetterTemplate
from tests.factories import (
    AllocationFactory,
    CarePeriodFactory,
    ChildFactory,
    EpisodeFactory,
    IROFactory,
    SocialWorkerAllocationFactory,
    SocialWorkerFactory,
    UserFactory,
)
from tests.factories.workspace import user_in_role

pytestmark = pytest.mark.django_db


def _photo(kind: str = "JPEG", size=(800, 800)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 80, 40)).save(out, format=kind)
    return out.getvalue()


@pytest.fixture
def allocated():
    """Ada, 10, has Sam Jones as her IRO from today and Kim Lee as her social worker."""
    today = timezone.localdate()
    child = ChildFactory(
        first_name="Ada", last_name="Okafor", date_of_birth=today.replace(year=today.year - 10)
    )
    EpisodeFactory(care_period=CarePeriodFactory(child=child, start=today - timedelta(days=30)))
    iro = IROFactory(user=UserFactory(first_name="Sam", last_name="Jones"))
    IROContact.objects.create(iro=iro, phone="01632 960 001", email="sam.jones@demo.invalid")
    allocation = AllocationFactory(child=child, iro=iro, start=today)
    worker = SocialWorkerFactory(user=UserFactory(first_name="Kim", last_name="Lee"))
    SocialWorkerAllocationFactory(child=child, social_worker=worker, start=today - timedelta(30))
    return allocation


def _pdf_text(data: bytes) -> str:
    out = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True)
    return " ".join(out.stdout.decode().split())


def test_a_manager_writes_the_letters_and_downloads_them(client, allocated):
    child = allocated.child
    client.force_login(user_in_role("team_manager"))
    page = client.get(f"/children/{child.pk}/letters/")
    assert page.status_code == 200 and "Write the letters" in page.content.decode()
    response = client.post(f"/children/{child.pk}/letters/", {"allocation": allocated.pk})
    assert response.status_code == 302
    letters = {letter.kind: letter for letter in Letter.objects.all()}
    assert set(letters) == {"child_8_to_12", "social_worker"}  # Ada is 10
    assert letters["child_8_to_12"].addressed_to == "Ada Okafor"
    assert "01632 960 001" in letters["child_8_to_12"].text
    assert letters["social_worker"].addressed_to == "Kim Lee"
    assert "Dear Kim Lee" in letters["social_worker"].text
    page = client.get(f"/children/{child.pk}/letters/").content.decode()
    assert "Written" in page and "Download" in page
    pdf = client.get(f"/children/{child.pk}/letters/{letters['child_8_to_12'].pk}/")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    text = _pdf_text(pdf.content)
    assert "Dear Ada," in text and "Sam Jones" in text and "sam.jones@demo.invalid" in text
    actions = list(AuditEvent.objects.values_list("action", flat=True))
    assert "letters.written" in actions and "letters.downloaded" in actions
    assert actions.count("child.opened") >= 3  # every opening of the record
    # Written once per allocation: a second time is refused with where to find them.
    again = client.post(f"/children/{child.pk}/letters/", {"allocation": allocated.pk}, follow=True)
    assert "have been written already" in again.content.decode()
    assert Letter.objects.count() == 2


def test_the_childs_letter_shows_the_iros_photo(client, allocated):
    contact = allocated.iro.contact
    without = Letter.objects.none()
    client.force_login(user_in_role("service_manager"))
    client.post(f"/children/{allocated.child.pk}/letters/", {"allocation": allocated.pk})
    letter = Letter.objects.get(kind="child_8_to_12")
    without = client.get(f"/children/{allocated.child.pk}/letters/{letter.pk}/").content
    from irohub.letters.photos import checked_photo

    contact.photo = checked_photo(_photo())
    contact.save()
    with_photo = client.get(f"/children/{allocated.child.pk}/letters/{letter.pk}/").content
    assert b"/Subtype /Image" in with_photo and b"/Subtype /Image" not in without


def test_the_letter_follows_the_childs_age_and_the_administrators_template(client, allocated):
    child = allocated.child
    today = timezone.localdate()
    child.date_of_birth = today.replace(year=today.year - 5)
    child.save()
    LetterTemplate.objects.update_or_create(
        kind="child_under_8",
        defaults={"title": "Hi {child_first_name}", "text": "Your IRO is {iro_first_name}."},
    )
    client.force_login(user_in_role("team_manager"))
    client.post(f"/children/{child.pk}/letters/", {"allocation": allocated.pk})
    letter = Letter.objects.get(kind="child_under_8")
    assert (letter.title, letter.text) == ("Hi Ada", "Your IRO is Sam.")


def test_no_social_worker_means_one_letter_and_the_record_says_so(client, allocated):
    allocated.child.social_worker_allocations.all().delete()
    client.force_login(user_in_role("team_manager"))
    client.post(f"/children/{allocated.child.pk}/letters/", {"allocation": allocated.pk})
    assert list(Letter.objects.values_list("kind", flat=True)) == ["child_8_to_12"]
    event = AuditEvent.objects.get(action="letters.written")
    assert event.details["no_social_worker"] is True


def test_who_may_see_and_write_letters(client, allocated):
    child = allocated.child
    client.force_login(user_in_role("iro"))
    assert client.get(f"/children/{child.pk}/letters/").status_code == 200
    assert (
        client.post(f"/children/{child.pk}/letters/", {"allocation": allocated.pk}).status_code
        == 403
    )
    client.force_login(user_in_role("social_worker"))
    assert client.get(f"/children/{child.pk}/letters/").status_code == 403
    client.force_login(user_in_role("team_manager"))
    for bad in ("", "x", "9" * 40, str(allocated.pk + 999)):
        page = client.post(f"/children/{child.pk}/letters/", {"allocation": bad}, follow=True)
        assert "Choose one of this child" in page.content.decode()
    assert client.get(f"/children/{child.pk}/letters/999999/").status_code == 404
    assert not Letter.objects.exists()


def test_an_iro_uploads_a_photo_and_a_bad_file_is_refused_with_the_reason(client, allocated):
    client.force_login(allocated.iro.user)
    from irohub.accounts.models import UserRole

    UserRole.objects.create(user=allocated.iro.user, role="iro")
    page = client.get("/letters/my-details/")
    assert page.status_code == 200
    bad = SimpleUploadedFile("me.jpg", b"GIF89a not really", content_type="image/jpeg")
    response = client.post(
        "/letters/my-details/", {"phone": "01632 960 002", "email": "", "photo": bad}
    )
    assert response.status_code == 400
    assert "The file me.jpg is not a JPEG or PNG photo" in response.content.decode()
    allocated.iro.contact.refresh_from_db()
    assert allocated.iro.contact.phone == "01632 960 001"  # nothing saved
    response = client.post("/letters/my-details/", {"phone": "call me", "mobile": "", "email": "x"})
    text = response.content.decode()
    assert "Enter a phone number in digits" in text or "Enter an e-mail address" in text
    good = SimpleUploadedFile("me.png", _photo("PNG"), content_type="image/png")
    response = client.post(
        "/letters/my-details/", {"phone": "01632 960 002", "mobile": "", "email": "", "photo": good}
    )
    assert response.status_code == 302
    allocated.iro.contact.refresh_from_db()
    assert bytes(allocated.iro.contact.photo).startswith(b"\xff\xd8")  # kept as JPEG
    assert AuditEvent.objects.filter(action="letters.contact_changed").count() == 1
    # Someone with the IRO role but no IRO profile is told so, not given a 500.
    client.force_login(user_in_role("iro"))
    assert client.get("/letters/my-details/").status_code == 404


def test_the_administrator_cannot_save_a_template_with_code_or_unknown_placeholders():
    form = LetterTemplateForm(
        data={"kind": "social_worker", "title": "Re {child_name}", "text": "{{ settings }}"}
    )
    assert not form.is_valid()
    assert "Unknown placeholder { settings }" in " ".join(form.errors["text"])
    form = LetterTemplateForm(
        data={
            "kind": "social_worker",
            "title": "Re {child_name}",
            "text": "Dear {social_worker_name}",
        },
        instance=LetterTemplate.objects.get(kind="social_worker"),
    )
    assert form.is_valid(), form.errors
    assert LetterTemplate in site._registry


def test_the_migration_seeds_each_letter_and_the_admin_page_lists_them(admin_client):
    assert set(LetterTemplate.objects.values_list("kind", flat=True)) == {
        "child_under_8",
        "child_8_to_12",
        "child_13_plus",
        "social_worker",
    }
    page = admin_client.get("/admin/letters/lettertemplate/")
    assert page.status_code == 200


def test_a_planned_allocation_letter_uses_the_age_on_the_start(client, allocated):
    child = allocated.child
    today = timezone.localdate()
    # Ada turns 13 before her planned IRO starts.
    child.date_of_birth = today.replace(year=today.year - 13) + timedelta(days=5)
    child.save()
    allocated.end = today + timedelta(days=9)
    allocated.save()
    planned = AllocationFactory(
        child=child, iro=IROFactory(), start=today + timedelta(days=10), allocated_on=today
    )
    client.force_login(user_in_role("team_manager"))
    client.post(f"/children/{child.pk}/letters/", {"allocation": planned.pk})
    letter = Letter.objects.get(allocation=planned, kind="child_13_plus")
    assert letter.written_on == today
