"""Security headers on every page and download (issue 11, defect 8), and no inline script
or style in any template, so the Content-Security-Policy can forbid them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import irohub
from irohub.accounts.models import UserRole
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TEMPLATES = sorted(Path(irohub.__file__).parent.glob("*/templates/**/*.html"))
# The annual report's and the letters' print templates are files to save and open (HTML
# download, PDF), not pages served under the policy: they carry their own styles.
STANDALONE = {
    "annual_report/print.html",
    "annual_report/summary_print.html",
    "letters/letter_print.html",  # drawn only as the letter's PDF
}


def test_the_policy_forbids_inline_script_and_style_and_framing(client):
    response = client.get("/sign-in/")
    policy = dict(
        directive.strip().split(" ", 1)
        for directive in response["Content-Security-Policy"].split(";")
    )
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["default-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"
    assert policy["form-action"] == "'self'"
    assert "unsafe" not in response["Content-Security-Policy"]
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


@pytest.mark.parametrize(
    ("role", "path"),
    [
        ("iro", "/caseload/"),
        ("service_manager", "/team/"),
        ("service_manager", "/performance/"),
        ("administrator", "/sign-in-locks/"),
        ("administrator", "/admin/"),
    ],
)
def test_signed_in_pages_are_never_stored(client, role, path):
    user = UserFactory()
    UserRole.objects.create(user=user, role=role)
    client.force_login(user)
    response = client.get(path, follow=True)
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Security-Policy"]


def test_downloads_are_never_stored(client):
    user = UserFactory()
    UserRole.objects.create(user=user, role="service_manager")
    client.force_login(user)
    response = client.get("/performance/?format=csv")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Cache-Control"] == "no-store"


@pytest.mark.parametrize(
    "template", TEMPLATES, ids=[str(t).split("templates/", 1)[1] for t in TEMPLATES]
)
def test_no_template_has_inline_script_style_or_handlers(template):
    name = str(template).split("templates/", 1)[1]
    if name in STANDALONE:
        return
    text = template.read_text()
    assert not re.search(r"<script(?![^>]*\ssrc=)[^>]*>", text), "inline <script>"
    assert "<style" not in text, "inline <style>"
    assert not re.search(r"\sstyle=", text), "style attribute"
    assert not re.search(r"\son[a-z]+\s*=", text), "on* event handler attribute"
    assert "javascript:" not in text
