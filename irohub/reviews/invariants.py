"""The review's invariant, kept by the database (installed by irohub.core.invariants):
a review lies inside its care period, that period is the review's child's, and the
participation code fits the child's age on the day (PN0 exactly under 4: DfE rules 440
and 441). docs/adr/0005-database-invariants.md says why in the database.
"""

from __future__ import annotations

from dataclasses import dataclass

PN0_MESSAGE = "PN0 is for a child under 4 on the review date, and only for them"


@dataclass(frozen=True)
class ReviewFitsPeriodAndAge:
    name: str = "review_fits_period_and_age"
    tables: tuple[str, ...] = ("reviews_review", "children_careperiod", "children_child")

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
            # A row's own check, for an UPDATE (a review edited: one row at a time).
            f"DROP TRIGGER IF EXISTS {self.name} ON reviews_review",
            f"DROP TRIGGER IF EXISTS {self.name}_update ON reviews_review",
            f"""
            CREATE TRIGGER {self.name}_update BEFORE UPDATE ON reviews_review
            FOR EACH ROW EXECUTE FUNCTION {self.name}()
            """,
            # New rows are checked together, once a statement has inserted them all: an
            # SSDA903 import copies in hundreds of thousands of reviews at once, and one
            # pass with two joins costs a fraction of two look-ups a row (ADR 0029). The
            # three rules are told apart afterwards, in the order the row check gives.
            f"""
            CREATE OR REPLACE FUNCTION {self.name}_rows() RETURNS trigger AS $$
            DECLARE
              broken RECORD;
            BEGIN
              SELECT
                bool_or(p.child_id IS DISTINCT FROM n.child_id) AS other_child,
                bool_or(n.held < p."start" OR (p."end" IS NOT NULL AND n.held > p."end"))
                  AS outside,
                bool_or((n.participation = 'PN0')
                        <> (n.held < (c.date_of_birth + interval '4 years')::date)) AS pn0
              INTO broken
              FROM new_reviews n
              LEFT JOIN children_careperiod p ON p.id = n.care_period_id
              LEFT JOIN children_child c ON c.id = n.child_id;
              IF broken.other_child THEN
                RAISE EXCEPTION USING ERRCODE = 'check_violation',
                  MESSAGE = '{self.name}: the care period belongs to another child';
              END IF;
              IF broken.outside THEN
                RAISE EXCEPTION USING ERRCODE = 'check_violation',
                  MESSAGE = '{self.name}: review held outside its care period';
              END IF;
              IF broken.pn0 THEN
                RAISE EXCEPTION USING ERRCODE = 'check_violation',
                  MESSAGE = '{self.name}: {PN0_MESSAGE}';
              END IF;
              RETURN NULL;
            END $$ LANGUAGE plpgsql
            """,
            f"""
            CREATE TRIGGER {self.name} AFTER INSERT ON reviews_review
            REFERENCING NEW TABLE AS new_reviews
            FOR EACH STATEMENT EXECUTE FUNCTION {self.name}_rows()
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


INVARIANTS = [ReviewFitsPeriodAndAge()]
