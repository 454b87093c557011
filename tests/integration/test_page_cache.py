"""Parts of pages drawn from the register are kept under its version (issue 16): My
caseload and a child's record are drawn once for the same person until a committed write
changes the register, and at once after it. What a request must do each time is done each
time: the permission check, the audit event of opening a record, the access history.

These tests commit (transactional), as the server does: the register's version changes
when a write commits. Run on SQLite and on PostgreSQL."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import update_last_login
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from irohub.accounts.models import UserRole
from irohub.allocation.actions import allocate_iro
from irohub.audit.models import AuditEvent
from irohub.children.models import Child
from irohub.core.register_version import LOCAL_FRAGMENTS, cached_fragment, current_version
from tests.factories.workspace import in_care, iro_with_role, today, user_in_role

committed = pytest.mark.django_db(transaction=True)

# Tables a record's or a caseload's drawing reads; a page served from the cache reads none.
DRAWN_FROM = ('"reviews_review"', '"children_episode"', '"children_personaroundchild"')


@pytest.fixture(autouse=True)
def _fresh_process_cache():
    LOCAL_FRAGMENTS.clear()
    yield
    LOCAL_FRAGMENTS.clear()


def without_tokens(page: str) -> str:
    """A page less the sign-out form's token, which is new on every request."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)


def drawing_queries(client, address: str) -> tuple[str, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address)
    assert response.status_code == 200
    sql = [query["sql"] for query in queries.captured_queries]
    return response.content.decode(), [s for s in sql if any(t in s for t in DRAWN_FROM)]


@committed
def test_my_caseload_is_drawn_once_per_register_version_and_again_after_a_write(client):
    iro = iro_with_role(first_name="Priya", last_name="Shah")
    first = in_care(iro, first_name="Amara", last_name="Okafor")
    client.force_login(iro.user)

    page, drawing = drawing_queries(client, "/caseload/")
    assert "Okafor" in page and drawing, "the first request draws the list"
    again, drawing = drawing_queries(client, "/caseload/")
    assert drawing == [], "the second is served as drawn"
    assert without_tokens(again) == without_tokens(page)

    # Another filter is another list.
    _, drawing = drawing_queries(client, "/caseload/?status=overdue")
    assert drawing

    # A child allocated (committed) is on the list at once.
    second = in_care(iro_with_role(), first_name="Ben", last_name="Lowe")
    allocate_iro(actor=user_in_role("service_manager"), child=second, iro=iro, start=today())
    page, drawing = drawing_queries(client, "/caseload/")
    assert "Lowe" in page and "Okafor" in page and drawing
    assert first.pk != second.pk


@committed
def test_a_renamed_account_shows_at_once_and_a_sign_in_changes_nothing(client):
    iro = iro_with_role(first_name="Priya", last_name="Shah")
    in_care(iro)
    client.force_login(iro.user)
    assert "Priya Shah" in client.get("/caseload/").content.decode()

    version = current_version()
    update_last_login(None, iro.user)  # what signing in writes
    assert current_version() == version

    iro.user.last_name = "Mistry"
    iro.user.save()
    assert current_version() != version
    page = client.get("/caseload/").content.decode()
    assert "Priya Mistry" in page and "Priya Shah" not in page


@committed
def test_a_record_served_as_drawn_is_still_checked_and_audited_on_every_opening(client):
    iro = iro_with_role()
    child = in_care(iro, last_name="Okafor")
    address = reverse("child", args=[child.pk])
    client.force_login(iro.user)
    page, drawing = drawing_queries(client, address)
    assert "Okafor" in page and drawing
    before = AuditEvent.objects.filter(child_id=child.pk).count()

    again, drawing = drawing_queries(client, address)
    assert drawing == [] and without_tokens(again) == without_tokens(page)
    assert AuditEvent.objects.filter(child_id=child.pk).count() == before + 1

    # Restricted, with nobody named: the IRO who had it drawn is refused at once.
    Child.objects.filter(pk=child.pk).update(restricted=True)
    assert client.get(address).status_code in (403, 404)

    # Open again to a manager (who sees the access history, read afresh each time).
    Child.objects.filter(pk=child.pk).update(restricted=False)
    manager = user_in_role("service_manager")
    client.force_login(manager)
    first = client.get(address).content.decode()
    second = client.get(address).content.decode()
    assert first.count("access-history") == 1
    opened = first.count("Opened the record")
    assert opened >= 1 and second.count("Opened the record") == opened + 1

    # A role taken away (committed) refuses the next request.
    UserRole.objects.filter(user=manager).delete()
    assert client.get(address).status_code == 403


@committed
def test_each_person_has_their_own_drawing_of_a_record(client):
    iro = iro_with_role()
    child = in_care(iro)
    address = reverse("child", args=[child.pk])
    client.force_login(iro.user)
    client.get(address)

    auditor = user_in_role("auditor")
    client.force_login(auditor)
    _, drawing = drawing_queries(client, address)
    assert drawing, "another person's permissions draw their own page"


@committed
def test_a_part_holding_a_form_token_is_drawn_for_each_request():
    drawn = []

    def render() -> str:
        drawn.append(1)
        return '<input type="hidden" name="csrfmiddlewaretoken" value="x">'

    current_version()  # the register's first version
    cached_fragment("with-a-form", render)
    cached_fragment("with-a-form", render)
    assert len(drawn) == 2

    plain = []
    cached_fragment("plain", lambda: plain.append(1) or "<p>figures</p>")
    assert str(cached_fragment("plain", lambda: plain.append(1) or "<p>figures</p>")) == (
        "<p>figures</p>"
    )
    assert len(plain) == 1


@committed
def test_the_team_page_and_a_search_are_drawn_once_and_again_after_a_write(client):
    iro = iro_with_role(first_name="Priya", last_name="Shah")
    child = in_care(iro, last_name="Okafor")
    client.force_login(user_in_role("service_manager"))

    record = f"/children/{child.pk}/"
    for address, shown in (("/team/", "Priya Shah"), ("/children/?q=Okafor", record)):
        reads = []
        for _ in range(2):
            with CaptureQueriesContext(connection) as queries:
                page = client.get(address).content.decode()
            assert shown in page
            reads.append([q for q in queries.captured_queries if '"children_child"' in q["sql"]])
        assert reads[0] and not reads[1], f"{address} is drawn once"

    Child.objects.filter(pk=child.pk).update(last_name="Adeyemi")
    assert record in client.get("/children/?q=Adeyemi").content.decode()
    assert record not in client.get("/children/?q=Okafor").content.decode()
    other = iro_with_role(first_name="Tomasz", last_name="Nowak")
    in_care(other)
    assert "Tomasz Nowak" in client.get("/team/").content.decode()


@committed
def test_my_caseload_is_shared_between_workers_and_a_record_is_kept_by_each(client):
    iro = iro_with_role()
    child = in_care(iro, last_name="Okafor")
    record = reverse("child", args=[child.pk])
    client.force_login(iro.user)
    for address in ("/caseload/", record):
        client.get(address)

    LOCAL_FRAGMENTS.clear()  # as another worker process, which has drawn nothing yet
    _, drawing = drawing_queries(client, "/caseload/")
    assert drawing == [], "My caseload comes from the shared cache"
    _, drawing = drawing_queries(client, record)
    assert drawing, "a record, drawn per person and seldom twice, is kept by each worker"
