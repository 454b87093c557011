"""The audit trail is evidence: the database itself refuses to change or delete an event.

Actions only ever add events (ADR 0004), and the administration pages cannot edit them;
these triggers keep it so for every other path too (a shell, a script, a bulk `.update()`).
On PostgreSQL a row trigger refuses UPDATE and DELETE and a statement trigger refuses
TRUNCATE; on SQLite, BEFORE UPDATE/DELETE triggers `RAISE(ABORT)`. Both surface as
Django's `IntegrityError` naming the guard.

Installed by the audit app's migration 0002 and again after every `migrate` (SQLite drops
a table's triggers when a migration rebuilds it; ADR 0005). The one way round them is
`irohub manage flush`, which empties the whole database (the tests' clean slate): it
lifts the guard for that command only (see management/commands/flush.py).
"""

from __future__ import annotations

from django.db.backends.base.base import BaseDatabaseWrapper

TABLE = "audit_auditevent"
NAME = "audit_event_is_evidence"
MESSAGE = f"{NAME}: audit events cannot be changed or deleted"
EVENTS = ("UPDATE", "DELETE")


def _postgresql() -> list[str]:
    return [
        f"""
        CREATE OR REPLACE FUNCTION {NAME}() RETURNS trigger AS $$
        BEGIN
          RAISE EXCEPTION USING ERRCODE = 'restrict_violation', MESSAGE = '{MESSAGE}';
        END $$ LANGUAGE plpgsql
        """,
        f"DROP TRIGGER IF EXISTS {NAME} ON {TABLE}",
        f"""
        CREATE TRIGGER {NAME} BEFORE UPDATE OR DELETE ON {TABLE}
        FOR EACH ROW EXECUTE FUNCTION {NAME}()
        """,
        f"DROP TRIGGER IF EXISTS {NAME}_truncate ON {TABLE}",
        f"""
        CREATE TRIGGER {NAME}_truncate BEFORE TRUNCATE ON {TABLE}
        FOR EACH STATEMENT EXECUTE FUNCTION {NAME}()
        """,
    ]


def _sqlite() -> list[str]:
    return [
        f"""
        CREATE TRIGGER IF NOT EXISTS {NAME}_{event.lower()}
        BEFORE {event} ON {TABLE}
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END
        """
        for event in EVENTS
    ]


def trigger_names(connection: BaseDatabaseWrapper) -> set[str]:
    """The guard's triggers as this database names them."""
    if connection.vendor == "postgresql":
        return {NAME, f"{NAME}_truncate"}
    return {f"{NAME}_{event.lower()}" for event in EVENTS}


def install_guard(connection: BaseDatabaseWrapper) -> None:
    """Install (or re-install) the guard; idempotent. Does nothing before the table exists."""
    if TABLE not in connection.introspection.table_names():
        return
    statements = _postgresql() if connection.vendor == "postgresql" else _sqlite()
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def remove_guard(connection: BaseDatabaseWrapper) -> None:
    """Take the guard away: only for migrating backwards and for emptying the database."""
    if TABLE not in connection.introspection.table_names():
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"DROP TRIGGER IF EXISTS {NAME} ON {TABLE}")
            cursor.execute(f"DROP TRIGGER IF EXISTS {NAME}_truncate ON {TABLE}")
            cursor.execute(f"DROP FUNCTION IF EXISTS {NAME}()")
        else:
            for name in trigger_names(connection):
                cursor.execute(f'DROP TRIGGER IF EXISTS "{name}"')
