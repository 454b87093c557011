"""Figures from a cache, keyed on the register's version (issue 16, item 3): computed once,
served from Django's cache after that, and changed at once by any committed write to the
register — a review recorded, an update or delete of many rows, raw SQL, a calendar
change, a model of an app the cache knows nothing about — but not by the audit trail nor
by a write rolled back. After a write the current year is precomputed in the background.

These tests commit (transactional), as the server does: the register's version changes
when a write commits. Run on SQLite and on PostgreSQL."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import pytest
from django.apps import apps
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from irohub.allocation.models import Allocation
from irohub.annual_report.queries import figures_if_held
from irohub.audit.models import AuditEvent
from irohub.children.actions import import_register
from irohub.children.models import CarePeriod, Child, Episode
from irohub.children.records import register_from_database
from irohub.core.models import CalendarAdjustment, RegisterVersion
from irohub.core.register_version import (
    NOT_REGISTER_APPS,
    cached_figures,
    current_version,
    is_cached,
    register_tables,
    written_table,
)
from irohub.demo.load import load_demo_council
from irohub.performance.queries import _key
from irohub.performance.tasks import precompute_current_year
from irohub.records.years import CollectionYear, year_slug
from irohub.reviews.actions import parents_on, record_review
from irohub.reviews.models import Review
from irohub.ssda903.reader import read_returns
from irohub.ssda903.writer import write_return
from tests.factories.workspace import user_in_role

committed = pytest.mark.django_db(transaction=True)

REGISTER_TABLES = ("children_child", "reviews_review", "allocation_allocation", "accounts_iro")


def past() -> CollectionYear:
    """The last complete year: what a review recorded today cannot change by date."""
    return CollectionYear(CollectionYear.to_date(timezone.localdate()).start_year - 1)


@pytest.fixture
def council():
    load_demo_council(children=30, years=3, seed=5)


@pytest.fixture
def manager(client):
    client.force_login(user_in_role("service_manager"))
    return client


def figure(client, year: CollectionYear, measure_id: str) -> str:
    """A figure as the year's download gives it (its numerator for a count)."""
    response = client.get(f"/performance/{year_slug(year)}/?format=csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header = rows[0]
    line = next(row for row in rows if row[header.index("Measure ID")] == measure_id)
    return line[header.index("Figure")]


def register_queries(captured) -> list[str]:
    """The queries that read or wrote the register's tables."""
    return [q["sql"] for q in captured if any(t in q["sql"] for t in REGISTER_TABLES)]


@committed
def test_the_figures_are_computed_once_and_then_served_from_the_cache(council, manager):
    year = past()
    pages = [
        f"/performance/{year_slug(year)}/M-REV-01/",
        f"/performance/{year_slug(year)}/M-REV-01/rows/",
    ]
    first = figure(manager, year, "M-REV-06")
    for page in pages:
        assert manager.get(page).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        assert figure(manager, year, "M-REV-06") == first
        for page in pages:
            assert manager.get(page).status_code == 200
    # Served from the cache: the register's care periods, episodes and reviews are not read
    # again (a list still reads the names of the children the reader may see).
    read = [q["sql"] for q in captured]
    for table in ("reviews_review", "children_careperiod", "children_episode"):
        assert not [sql for sql in read if table in sql], table


@committed
def test_a_review_recorded_changes_the_figure_at_once(council, manager):
    year = past()
    before = int(figure(manager, year, "M-REV-06"))
    report_before = figures_if_held(year).measure("M-REV-06")["count"]
    assert is_cached("annual-report", year.label)  # the report's figures pickle
    held = year.end - timedelta(days=3)
    candidates = (
        Child.objects.filter(care_periods__start__lte=held - timedelta(days=60))
        .filter(care_periods__end__isnull=True)
        .exclude(reviews__held=held)
        .order_by("pk")
    )
    child = candidates.first()
    # How each parent took part, as the form asks.
    parents = {person.pk: ("attended", "") for person in parents_on(child, held)}
    version = current_version()
    record_review(actor=None, child=child, held=held, participation="PN1", parents=parents)
    assert current_version() != version
    assert int(figure(manager, year, "M-REV-06")) == before + 1
    assert figures_if_held(year).measure("M-REV-06")["count"] == report_before + 1


@committed
def test_bulk_writes_and_raw_sql_change_the_figures_at_once(council, manager):
    year = past()
    reviews = Review.objects.filter(held__gte=year.start, held__lte=year.end).order_by("pk")
    before = int(figure(manager, year, "M-REV-06"))

    # A write of many rows at once, with no model's save() or delete() called.
    removed = list(reviews.values_list("pk", flat=True)[:2])
    Review.objects.filter(pk__in=removed).delete()
    assert int(figure(manager, year, "M-REV-06")) == before - 2
    # An UPDATE of many rows, as an import or an allocation run makes them.
    version = current_version()
    Child.objects.update(first_name="Same")
    assert current_version() != version

    # Raw SQL, in a transaction (what other apps hold about the review goes first).
    victim = reviews.first()
    for related in victim._meta.related_objects:
        related.related_model._base_manager.filter(**{related.field.name: victim}).delete()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM reviews_review WHERE id = %s", [victim.pk])
    assert int(figure(manager, year, "M-REV-06")) == before - 3


@committed
def test_an_ssda903_import_changes_the_figures_at_once(council, manager, tmp_path):
    year = past()
    looked_after = figure(manager, year, "M-POP-03")
    write_return(register_from_database(), year, tmp_path / str(year.end_year))
    with transaction.atomic():
        for model in (Review, Allocation, Episode, CarePeriod, Child):
            model.objects.all().delete()
    # An empty register has no figures for the year (not the cached ones)…
    assert manager.get(f"/performance/{year_slug(year)}/?format=csv").status_code == 404
    read = read_returns(tmp_path)
    assert read.register is not None, read.problems
    import_register(actor=None, register=read.register, data_to=read.data_to, locate=read.locate)
    # …and the imported one has them again, at once.
    assert figure(manager, year, "M-POP-03") == looked_after


@committed
def test_a_copy_past_djangos_cursor_changes_the_version(council):
    if connection.vendor != "postgresql":
        pytest.skip("COPY is PostgreSQL's (the SSDA903 import writes with it there)")
    version = current_version()
    with transaction.atomic(), connection.cursor() as cursor:
        columns = "date, kind, name, source, added_at"
        with cursor.cursor.copy(f"COPY core_calendaradjustment ({columns}) FROM STDIN") as copy:
            copy.write_row(["2031-06-03", "holiday", "A synthetic holiday", "", timezone.now()])
    assert current_version() != version


@committed
def test_a_calendar_change_changes_the_version(council, manager):
    version = current_version()
    CalendarAdjustment.objects.create(date=date(2031, 6, 2), name="A synthetic holiday")
    assert current_version() != version


@committed
def test_opening_records_and_writes_rolled_back_leave_the_figures_cached(council, manager):
    year = past()
    figure(manager, year, "M-REV-06")
    version = current_version()
    child = Child.objects.order_by("pk").first()
    events = AuditEvent.objects.count()
    assert manager.get(f"/children/{child.pk}/").status_code == 200
    assert AuditEvent.objects.count() > events  # the opening was audited…
    with pytest.raises(RuntimeError), transaction.atomic():
        Child.objects.filter(pk=child.pk).update(first_name="Rolled")
        raise RuntimeError("rolled back")
    assert current_version() == version  # …and neither changed the register's version
    with CaptureQueriesContext(connection) as captured:
        figure(manager, year, "M-REV-06")
    assert register_queries(captured) == []


@committed
def test_inside_a_transaction_that_wrote_the_figures_are_computed_afresh(council):
    year = past()
    computed = []

    def count() -> int:
        computed.append(1)
        return Review.objects.filter(held__gte=year.start, held__lte=year.end).count()

    before = cached_figures("test-count", count, year.label)
    with transaction.atomic():
        Review.objects.filter(held__gte=year.start).order_by("pk").first().delete()
        # This transaction sees its own write, and caches nothing under the old version.
        assert current_version() is None
        assert cached_figures("test-count", count, year.label) == before - 1
    assert cached_figures("test-count", count, year.label) == before - 1
    assert len(computed) == 3


@committed
def test_after_a_write_the_current_year_is_precomputed_in_the_background(council):
    from django_tasks_db.models import DBTaskResult

    this_year = CollectionYear.to_date(timezone.localdate())
    waiting = DBTaskResult.objects.ready().filter(task_path=precompute_current_year.module_path)
    waiting.delete()
    Child.objects.filter(pk=Child.objects.order_by("pk").first().pk).update(first_name="Ann")
    Child.objects.filter(pk=Child.objects.order_by("pk").last().pk).update(first_name="Bea")
    # Two writes, one run waiting (a burst of writes needs one run after it).
    assert waiting.count() == 1
    assert not is_cached("year", _key(this_year))
    result = precompute_current_year.call()
    assert "cached" in result
    assert is_cached("year", _key(this_year))


@pytest.mark.database_independent
def test_every_table_of_irohubs_register_apps_is_watched():
    tables = register_tables()
    for config in apps.get_app_configs():
        if not config.name.startswith("irohub."):
            continue
        for model in config.get_models(include_auto_created=True):
            table = model._meta.db_table
            if config.label in NOT_REGISTER_APPS or model is RegisterVersion:
                assert table not in tables, table
            else:
                assert table in tables, table


@pytest.mark.database_independent
@pytest.mark.parametrize(
    ("sql", "table"),
    [
        ('INSERT INTO "reviews_review" ("held") VALUES (%s)', "reviews_review"),
        ('UPDATE "children_child" SET "sex" = %s WHERE "id" = %s', "children_child"),
        ('DELETE FROM "allocation_allocation" WHERE "id" IN (%s)', "allocation_allocation"),
        ("  delete from children_episode where id = 1", "children_episode"),
        ("INSERT OR IGNORE INTO children_careperiod VALUES (1)", "children_careperiod"),
        ("COPY children_child (identifier) FROM STDIN", "children_child"),
        ('TRUNCATE TABLE "reviews_review"', "reviews_review"),
        ('SELECT * FROM "children_child"', None),
        ('INSERT INTO "audit_auditevent" ("kind") VALUES (%s)', None),
        ('UPDATE "core_registerversion" SET "token" = %s', None),
        ('INSERT INTO "django_session" VALUES (%s)', None),
    ],
)
def test_which_statements_write_to_the_register(sql, table):
    assert written_table(sql) == table
