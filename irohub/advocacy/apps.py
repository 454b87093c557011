from django.apps import AppConfig


class AdvocacyConfig(AppConfig):
    name = "irohub.advocacy"
    verbose_name = "Advocacy"
