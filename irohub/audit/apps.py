from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate


def _install_guard(using: str = "default", **kwargs: object) -> None:
    from irohub.audit.guard import install_guard

    install_guard(connections[using])


class AuditConfig(AppConfig):
    name = "irohub.audit"
    verbose_name = "Audit trail"

    def ready(self) -> None:
        # After every migrate, as the register's invariants are (ADR 0005): SQLite drops a
        # table's triggers when a migration rebuilds it.
        post_migrate.connect(_install_guard, sender=self, dispatch_uid="irohub-audit-guard")
