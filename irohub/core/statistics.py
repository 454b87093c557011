"""The query planner's statistics after a bulk load.

PostgreSQL plans each query from statistics of the tables' contents, which its autovacuum
daemon gathers some time after a change, and not at all where it is switched off. Right
after a bulk load (a demo council, a restore) a table of 100,000 rows can still look
empty to the planner, and it then chooses plans that read a whole table once per row: My
caseload took 15 s instead of 15 ms on a 5,000-child demo council until ANALYZE ran. So
whatever loads rows in bulk gathers them itself, as PostgreSQL's documentation advises.
(SQLite's planner works without them, and ANALYZE there would add a table of its own.)
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connections


def refresh_planner_statistics(
    *, using: str = "default", tables: Sequence[str] | None = None
) -> None:
    """Gather the planner's statistics of `tables`, or of every table of IRO Hub's schema
    (PostgreSQL; nothing on SQLite).

    Never a bare ANALYZE: that takes in the catalogs every database of the server shares,
    and waits for any transaction, in any database, that has analysed one of them (a
    restore's ANALYZE waited ten minutes for another database's open transaction)."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        if tables is None:
            cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
            tables = sorted(name for (name,) in cursor.fetchall())
        if tables:
            cursor.execute("ANALYZE " + ", ".join(map(connection.ops.quote_name, tables)))
