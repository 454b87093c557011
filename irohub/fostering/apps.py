from django.apps import AppConfig


class FosteringConfig(AppConfig):
    """Fostering households, their foster carer reviewing officers and reviews."""

    name = "irohub.fostering"
    verbose_name = "Fostering"
