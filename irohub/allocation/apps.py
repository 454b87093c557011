from django.apps import AppConfig


class AllocationConfig(AppConfig):
    name = "irohub.allocation"
    verbose_name = "IRO allocation"
