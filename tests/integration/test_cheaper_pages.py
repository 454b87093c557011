"""Cheaper pages (issue 16, item 2): what each page still does per request, in queries and
writes, and that the markup drawn in one pass (not cell by cell in templates) escapes
every text as the template language would. No timings: speed is measured in bench/."""

from __future__ import annotations

import functools
from datetime import timedelta

import pytest
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from irohub.audit.models import AuditEvent
from irohub.children.models import Child
from irohub.core.calendar import get_calendar
from irohub.core.statistics import refresh_planner_statistics
from irohub.demo.load import load_demo_council
from tests.factories import ReviewFactory, workspace
from tests.factories.workspace import iro_with_role

pytestmark = pytest.mark.django_db

# Children whose review is overdue: the page's every column and tag is drawn.
in_care = functools.partial(workspace.in_care, status="overdue")

WRITES = ("INSERT", "UPDATE", "DELETE")


@pytest.fixture
def me(client):
    iro = iro_with_role(first_name="Priya", last_name="Shah")
    client.force_login(iro.user)
    get_calendar()  # read once per process, not per page
    return iro


def captured(client, address: str) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address)
    assert response.status_code == 200
    return [query["sql"] for query in queries.captured_queries]


def test_opening_a_record_writes_one_audit_event_and_nothing_else(client, me):
    child = in_care(me)
    address = reverse("child", args=[child.pk])
    client.get(address)  # the session's first-request bookkeeping out of the way
    before = AuditEvent.objects.filter(child_id=child.pk).count()

    statements = captured(client, address)

    writes = [sql for sql in statements if sql.lstrip().upper().startswith(WRITES)]
    assert len(writes) == 1 and "audit_auditevent" in writes[0]
    # Writing the event reads nothing back from the trail.
    assert not [sql for sql in statements if "audit_auditevent" in sql and sql not in writes]
    assert AuditEvent.objects.filter(child_id=child.pk).count() == before + 1


def test_a_page_reads_the_users_roles_once_with_the_sign_on_check(client, me):
    in_care(me)
    for address in (reverse("caseload"), reverse("search") + "?q=a"):
        statements = captured(client, address)
        roles = [sql for sql in statements if "accounts_userrole" in sql]
        assert len(roles) == 1, roles
        # The same query answers the second-step question (an app enrolled, a role that
        # requires one).
        assert "otp_totp_totpdevice" in roles[0] and "signon_twofactorrole" in roles[0]


def test_my_caseload_escapes_what_it_draws_in_one_pass(client, me):
    child = in_care(me, first_name="<b>Ann</b>", last_name="O'Neill", identifier="X<1>")
    page = client.get(reverse("caseload")).content.decode()
    assert "&lt;b&gt;Ann&lt;/b&gt; O&#x27;Neill" in page
    assert "X&lt;1&gt;" in page
    assert "<b>Ann" not in page
    assert f'href="{reverse("child", args=[child.pk])}?back=%2Fcaseload%2F"' in page
    assert "Overdue</strong>" in page and "C2 " in page and "U6 " in page


def test_my_caseload_draws_each_row_as_before(client, me):
    """The row's cells, in order, as the template drew them."""
    for number in range(3):
        in_care(me, first_name=f"Child{number}")
    rows = client.get(reverse("caseload")).content.decode().split('<tr class="govuk-table__row">')
    drawn = [row for row in rows if "Child" in row and 'data-label="Status"' in row]
    assert len(drawn) == 3
    for row in drawn:
        labels = [part.split('"')[0] for part in row.split('data-label="')[1:]]
        assert labels == [
            "Status",
            "Next review due",
            "Last review",
            "Age",
            "Legal status",
            "Placement",
        ]


def _table(rows, columns=3, empty="Nothing to show."):
    return Template("{% load tables %}{% table_body rows columns empty %}").render(
        Context({"rows": rows, "columns": columns, "empty": empty})
    )


def _cell(text, **given):
    cell = {
        "text": text,
        "href": None,
        "hint": "",
        "hidden": "",
        "numeric": False,
        "nowrap": False,
        "span": 1,
    }
    return {**cell, **given}


def test_the_table_body_escapes_links_hints_and_spans():
    html = _table(
        [
            [
                _cell("<i>Name</i>", href="/children/1/?a=1&b=2"),
                _cell("1,207", numeric=True, href="/x/", hidden=" list <them>"),
                _cell("1 Apr 2025", nowrap=True, hint="a <hint>", span=2),
            ]
        ]
    )
    assert html.startswith(
        '<tr class="govuk-table__row"><th scope="row" class="govuk-table__header">'
    )
    assert (
        '<a class="govuk-link" href="/children/1/?a=1&amp;b=2">&lt;i&gt;Name&lt;/i&gt;</a></th>'
        in html
    )
    assert (
        '<td class="govuk-table__cell govuk-table__cell--numeric"><a class="govuk-link" href="/x/">'
        '1,207<span class="govuk-visually-hidden"> list &lt;them&gt;</span></a></td>'
    ) in html
    assert (
        '<td class="govuk-table__cell irohub-nowrap" colspan="2">1 Apr 2025<span class="govuk-hint'
        in html
    )
    assert "a &lt;hint&gt;</span></td></tr>" in html


def test_a_cell_with_a_tag_is_drawn_as_a_tag():
    html = _table([[_cell("Row"), _cell("Red <1>", tag="govuk-tag--red")]])
    assert '<td class="govuk-table__cell"><strong class="govuk-tag govuk-tag--red">' in html
    assert "Red &lt;1&gt;</strong></td>" in html


def test_an_empty_table_says_so_across_its_columns():
    assert _table([], columns=4, empty="No <rows>.") == (
        '<tr class="govuk-table__row"><td class="govuk-table__cell" colspan="4">'
        "No &lt;rows&gt;.</td></tr>"
    )


def test_the_planner_knows_a_demo_council_as_soon_as_it_is_loaded():
    """PostgreSQL: statistics are gathered after the bulk load (autovacuum may be off, or
    not yet round), so the planner does not take the new tables for empty."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's planner statistics")
    load_demo_council(children=30, years=2, seed=3, replace=True)
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'children_child'")
        estimated = cursor.fetchone()[0]
    assert estimated == Child.objects.count()


def test_gathering_statistics_leaves_the_catalogs_every_database_shares_alone():
    """PostgreSQL: a bare ANALYZE takes the shared catalogs too, and inside a transaction
    holds them, so another database's ANALYZE waits (a restore waited ten minutes)."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's planner statistics")
    refresh_planner_statistics()  # inside the test's transaction, as a demo load is
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, c.relisshared FROM pg_locks l JOIN pg_class c ON c.oid = "
            "l.relation WHERE l.pid = pg_backend_pid() AND l.mode = 'ShareUpdateExclusiveLock'"
        )
        analysed = dict(cursor.fetchall())
    assert "children_child" in analysed and "reviews_review" in analysed
    assert not any(analysed.values()), [name for name, shared in analysed.items() if shared]


def test_a_record_draws_its_episodes_and_reviews_in_one_pass_escaped_with_their_links(client, me):
    me.user.first_name, me.user.last_name = "<i>Sam</i>", "O'Hara"
    me.user.save()
    child = in_care(me)
    period = child.care_periods.get()
    held = period.start + timedelta(days=10)
    review = ReviewFactory(care_period=period, held=held, chair=me)
    page = client.get(reverse("child", args=[child.pk])).content.decode()

    episodes, reviews = page.split('data-label="Reason for new episode"')[1].split(
        "Reviews</caption>"
    )
    assert 'data-label="Legal status">' in episodes and "Not ended" in episodes
    assert "&lt;i&gt;Sam&lt;/i&gt; O&#x27;Hara" in reviews and "<i>Sam" not in page
    day = f"{held.day} {held:%B %Y}"
    for address in (
        reverse("review_views", args=[child.pk, review.pk]),
        reverse("review", args=[review.pk]),
        reverse("rate_review", args=[review.pk]),
        reverse("review_services", args=[review.pk]),
    ):
        assert f'href="{address}"' in reviews
    assert f">{day}<span" in reviews and f"rated after the review on {day}</span>" in reviews
    assert 'data-label="On time">Yes</td>' in reviews or "govuk-tag--red" in reviews
