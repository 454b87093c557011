from django.apps import AppConfig


class ConferencesConfig(AppConfig):
    name = "irohub.conferences"
    verbose_name = "Child protection"
