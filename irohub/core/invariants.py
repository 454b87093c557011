"""Invariants that span rows or tables, kept by the database itself: the mechanism.

Django's CheckConstraint covers one row; these rules need another row or table. Each app
declares its own in an `invariants` module (a list INVARIANTS), and core installs
whatever the installed apps declare without knowing their tables:
- children: no two care periods of one child overlap;
- allocation: a child has one IRO at a time (allocations do not overlap);
- reviews: a review lies inside its care period, that period is the review's child's, and
  the participation code fits the child's age on the day (PN0 exactly under 4).

PostgreSQL keeps them with exclusion constraints and a trigger; SQLite with triggers.
They are (re)installed idempotently after every `migrate` (see apps.CoreConfig.ready),
because SQLite drops a table's triggers whenever Django rebuilds the table in a later
migration. On SQLite they are also taken away before every `migrate`: a trigger on one
table that reads another (a review's trigger reads the child's date of birth) makes
SQLite refuse to rename the rebuilt table into place, as Django does to add most
columns. docs/adr/0005-database-invariants.md says why.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import Protocol

from django.apps import apps
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils.module_loading import module_has_submodule


class Invariant(Protocol):
    """A rule the database keeps: the statements installing it on each database (run
    again after every migrate, so they are idempotent) and the tables it reads."""

    name: str  # SQLite triggers are named after it (name_...), so they can be found

    @property
    def tables(self) -> tuple[str, ...]: ...

    def postgresql(self) -> list[str]: ...

    def sqlite(self) -> list[str]: ...


@dataclass(frozen=True)
class NoOverlap:
    name: str
    table: str
    key: str  # the column within which spans may not overlap

    @property
    def tables(self) -> tuple[str, ...]:
        return (self.table,)

    def postgresql(self) -> list[str]:
        # Inclusive ranges: a new span may begin only after the previous one ended.
        return [
            "CREATE EXTENSION IF NOT EXISTS btree_gist",
            f"""
            DO $$ BEGIN
              IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = '{self.name}') THEN
                ALTER TABLE {self.table} ADD CONSTRAINT {self.name}
                  EXCLUDE USING gist ({self.key} WITH =, daterange("start", "end", '[]') WITH &&);
              END IF;
            END $$
            """,
        ]

    def sqlite(self) -> list[str]:
        overlap = f"""
            SELECT 1 FROM {self.table} other
            WHERE other.{self.key} = NEW.{self.key}
              AND other.id IS NOT NEW.id
              AND other."start" <= COALESCE(NEW."end", '9999-12-31')
              AND NEW."start" <= COALESCE(other."end", '9999-12-31')
        """
        return [
            f"""
            CREATE TRIGGER IF NOT EXISTS {self.name}_{event.lower()}
            BEFORE {event} ON {self.table}
            WHEN EXISTS ({overlap})
            BEGIN SELECT RAISE(ABORT, '{self.name}: dates overlap another record'); END
            """
            for event in ("INSERT", "UPDATE")
        ]


def installed_invariants() -> list[Invariant]:
    """The invariants the installed apps declare (each app's `invariants.INVARIANTS`), in
    the order of INSTALLED_APPS."""
    found: list[Invariant] = []
    for config in apps.get_app_configs():
        if config.name != __package__ and module_has_submodule(config.module, "invariants"):
            found.extend(import_module(f"{config.name}.invariants").INVARIANTS)
    return found


def ensure_invariants(connection: BaseDatabaseWrapper) -> None:
    invariants = installed_invariants()
    tables = set(connection.introspection.table_names())
    needed = {table for invariant in invariants for table in invariant.tables}
    if not needed <= tables:
        return  # a partial migrate (e.g. migrating to an earlier state); next migrate adds them
    with connection.cursor() as cursor:
        for invariant in invariants:
            statements = (
                invariant.postgresql() if connection.vendor == "postgresql" else invariant.sqlite()
            )
            for statement in statements:
                cursor.execute(statement)


def remove_sqlite_triggers(connection: BaseDatabaseWrapper) -> None:
    """SQLite: drop the invariants' triggers, so that a migration may rebuild any table
    (ensure_invariants puts them back once the migration is done)."""
    if connection.vendor != "sqlite":
        return
    prefixes = tuple(f"{invariant.name}_" for invariant in installed_invariants())
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        for (name,) in cursor.fetchall():
            if name.startswith(prefixes):
                cursor.execute(f'DROP TRIGGER IF EXISTS "{name}"')
