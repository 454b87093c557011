"""The audit trail cannot be edited: the database refuses UPDATE and DELETE of an event,
whichever path tries (the ORM, a bulk update, raw SQL). Runs on SQLite and PostgreSQL
(issue 11, defect 10)."""

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction

from irohub.audit.actions import record_event
from irohub.audit.events import EventType, Target
from irohub.audit.guard import trigger_names
from irohub.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

GUARD = "audit_event_is_evidence"


@pytest.fixture
def event() -> AuditEvent:
    return record_event(
        actor=None, action=EventType.DEMO_LOADED, target=Target("test.target", "1"), note="x"
    )


def refused(attempt) -> None:
    with pytest.raises(IntegrityError, match=GUARD), transaction.atomic():
        attempt()


def test_an_event_cannot_be_changed(event):
    event.action = EventType.CHILD_OPENED
    refused(event.save)
    refused(lambda: AuditEvent.objects.filter(pk=event.pk).update(actor_username="someone"))
    event.refresh_from_db()
    assert event.action == EventType.DEMO_LOADED
    assert event.actor_username == ""


def test_an_event_cannot_be_deleted(event):
    refused(event.delete)
    refused(lambda: AuditEvent.objects.all().delete())
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_raw_sql_is_refused_too(event):
    def update() -> None:
        with connection.cursor() as cursor:
            cursor.execute("UPDATE audit_auditevent SET details = '{}' WHERE id = %s", [event.pk])

    def delete() -> None:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [event.pk])

    refused(update)
    refused(delete)
    event.refresh_from_db()
    assert event.details == {"note": "x"}


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_truncate_is_refused_on_postgresql(event):
    def truncate() -> None:
        with connection.cursor() as cursor:
            cursor.execute("TRUNCATE audit_auditevent")

    refused(truncate)
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_new_events_are_still_written(event):
    record_event(actor=None, action=EventType.DEMO_LOADED, target=Target("test.target", "2"))
    assert AuditEvent.objects.count() == 2


def test_the_guard_is_installed_after_migrate():
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        else:
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        names = {row[0] for row in cursor.fetchall()}
    assert trigger_names(connection) <= names


@pytest.mark.django_db(transaction=True)
def test_flush_empties_the_database_and_puts_the_guard_back():
    """`flush` (the tests' clean slate) is the one way past the guard, and only while it
    runs."""
    record_event(actor=None, action=EventType.DEMO_LOADED, target=Target("test.target", "3"))
    call_command("flush", verbosity=0, interactive=False)
    assert not AuditEvent.objects.exists()
    kept = record_event(actor=None, action=EventType.DEMO_LOADED, target=Target("test.target", "4"))
    refused(kept.delete)
