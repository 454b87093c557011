from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate, pre_migrate


def _remove_sqlite_triggers(using: str = "default", **kwargs: object) -> None:
    from irohub.core.invariants import remove_sqlite_triggers

    remove_sqlite_triggers(connections[using])


def _ensure_invariants(using: str = "default", **kwargs: object) -> None:
    from irohub.core.invariants import ensure_invariants

    ensure_invariants(connections[using])


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
