from django.apps import AppConfig


class TargetsConfig(AppConfig):
    """Local targets for the service's measures."""

    name = "irohub.targets"
    verbose_name = "Local targets"
