from django.apps import AppConfig


class PlanningConfig(AppConfig):
    """Workforce planning: the caseload forecast, its scenarios and its back-tests."""

    name = "irohub.planning"
    verbose_name = "Planning"
