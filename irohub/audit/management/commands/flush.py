"""`flush` empties every table, the audit trail included: the one path allowed past the
audit guard (irohub/audit/guard.py), lifted for this command and put back after it. The
tests use it for their clean slate; a council's live database is never flushed."""

from typing import Any

from django.core.management.commands.flush import Command as DjangoFlush
from django.db import DEFAULT_DB_ALIAS, connections

from irohub.audit.guard import install_guard, remove_guard


class Command(DjangoFlush):
    def handle(self, **options: Any) -> None:
        connection = connections[options.get("database") or DEFAULT_DB_ALIAS]
        remove_guard(connection)
        try:
            super().handle(**options)
        finally:
            install_guard(connection)
