"""Invariants that span rows or tables, kept by the database itself.

Django's CheckConstraint covers one row; these rules need another row or table:
- no two care periods of one child overlap;
- a child has one IRO at a time (allocations do not overlap);
- a review lies inside its care period, that period is the review's child's, and the
  participation code fits the child's age on the day (PN0 exactly under 4: DfE rules
  440 and 441).

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

from django.db.backends.base.base import BaseDatabaseWrapper

PN0_MESSAGE = "PN0 is for a child under 4 on the review date, and only for them"


@dataclass(frozen=True)
class NoOverlap:
    name: str
    table: str
    key: str  # the column within which spans may not overlap

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


@dataclass(frozen=True)
class ReviewFitsPeriodAndAge:
    name: str = "review_fits_period_and_age"

    def postgresql(self) -> list[str]:
        return [
            f"""
            CREATE OR REPLACE FUNCTION {self.name}() RETURNS trigger AS $$
            DECLARE
              period RECORD;
              dob date;
            BEGIN
              SELECT child_id, "start", "end" INTO period
                FROM children_careperiod WHERE id = NEW.care_period_id;
              IF period.child_id IS DISTINCT FROM NEW.child_id THEN
                RAISE EXCEPTION USING ERRCODE = 'check_violation',
                  MESSAGE = '{self.name}: the care period belongs to another child';
              END IF;
              IF NEW.held < period."start"
                 OR (period."end" IS NOT NULL AND NEW.held > period."end") THEN
                RAISE EXCEPTION USING ERRCODE = 'check_violation',
                  MESSAGE = '{self.name}: review held outside its care period';
              END IF;
              SELECT date_of_birth INTO dob FROM children_child WHERE id = NEW.child_id;
              IF (NEW.participation = 'PN0') <> (NEW.held < (dob + interval '4 years')::date) THEN
                RAISE EXCEPTION USING ERRCODE = 'check_violation',
                  MESSAGE = '{self.name}: {PN0_MESSAGE}';
              END IF;
              RETURN NEW;
            END $$ LANGUAGE plpgsql
            """,
            f"DROP TRIGGER IF EXISTS {self.name} ON reviews_review",
            f"""
            CREATE TRIGGER {self.name} BEFORE INSERT OR UPDATE ON reviews_review
            FOR EACH ROW EXECUTE FUNCTION {self.name}()
            """,
        ]

    def sqlite(self) -> list[str]:
        period = "(SELECT {col} FROM children_careperiod WHERE id = NEW.care_period_id)"
        period_end = period.format(col='"end"')
        dob = "(SELECT date_of_birth FROM children_child WHERE id = NEW.child_id)"
        checks = [
            (
                f"{period.format(col='child_id')} IS NOT NEW.child_id",
                "the care period belongs to another child",
            ),
            (
                f"NEW.held < {period.format(col='start')} OR "
                f"NEW.held > COALESCE({period_end}, '9999-12-31')",
                "review held outside its care period",
            ),
            (
                f"(NEW.participation = 'PN0') <> (NEW.held < date({dob}, '+4 years'))",
                PN0_MESSAGE,
            ),
        ]
        statements = []
        for event in ("INSERT", "UPDATE"):
            for number, (condition, message) in enumerate(checks, start=1):
                statements.append(
                    f"""
                    CREATE TRIGGER IF NOT EXISTS {self.name}_{event.lower()}_{number}
                    BEFORE {event} ON reviews_review
                    WHEN {condition}
                    BEGIN SELECT RAISE(ABORT, '{self.name}: {message}'); END
                    """
                )
        return statements


INVARIANTS = [
    NoOverlap(name="care_period_no_overlap", table="children_careperiod", key="child_id"),
    NoOverlap(name="allocation_no_overlap", table="allocation_allocation", key="child_id"),
    ReviewFitsPeriodAndAge(),
]


def ensure_invariants(connection: BaseDatabaseWrapper) -> None:
    tables = set(connection.introspection.table_names())
    needed = {"children_careperiod", "allocation_allocation", "reviews_review", "children_child"}
    if not needed <= tables:
        return  # a partial migrate (e.g. migrating to an earlier state); next migrate adds them
    with connection.cursor() as cursor:
        for invariant in INVARIANTS:
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
    prefixes = tuple(f"{invariant.name}_" for invariant in INVARIANTS)
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        for (name,) in cursor.fetchall():
            if name.startswith(prefixes):
                cursor.execute(f'DROP TRIGGER IF EXISTS "{name}"')
