from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "irohub.audit"
    verbose_name = "Audit trail"
