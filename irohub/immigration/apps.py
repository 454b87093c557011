from django.apps import AppConfig


class ImmigrationConfig(AppConfig):
    """Children's nationality and immigration applications, and the IRO's list of children
    whose application is pending or not made."""

    name = "irohub.immigration"
    verbose_name = "Immigration status"
