from django.apps import AppConfig
from django.db import connections
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate, pre_migrate


def _remove_sqlite_triggers(using: str = "default", **kwargs: object) -> None:
    from irohub.core.invariants import remove_sqlite_triggers

    remove_sqlite_triggers(connections[using])


def _ensure_invariants(using: str = "default", **kwargs: object) -> None:
    from irohub.core.invariants import ensure_invariants

    ensure_invariants(connections[using])


def _watch_register_writes(connection: object, **kwargs: object) -> None:
    from irohub.core.register_version import watch_copies, watch_register_writes

    wrappers = connection.execute_wrappers  # type: ignore[attr-defined]
    if watch_register_writes not in wrappers:
        wrappers.append(watch_register_writes)
    if connection.vendor == "postgresql":  # type: ignore[attr-defined]
        watch_copies(connection)  # type: ignore[arg-type]


def _ensure_cache_table(using: str = "default", **kwargs: object) -> None:
    # The figures cache's table, when the cache is the database (the default): made by
    # every migrate, as a fresh database (and each test database) needs it.
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)


class CoreConfig(AppConfig):
    name = "irohub.core"
    verbose_name = "Statutory calendar"

    def ready(self) -> None:
        # Before and after every migrate: see irohub.core.invariants.
        pre_migrate.connect(
            _remove_sqlite_triggers, sender=self, dispatch_uid="irohub-invariants-off"
        )
        post_migrate.connect(_ensure_invariants, sender=self, dispatch_uid="irohub-invariants")
        from irohub.core import calendar  # noqa: F401  (connects the cache-clearing signals)

        # Every write to the register changes its version (irohub.core.register_version).
        connection_created.connect(_watch_register_writes, dispatch_uid="irohub-register-writes")
        post_migrate.connect(_ensure_cache_table, sender=self, dispatch_uid="irohub-cache-table")
