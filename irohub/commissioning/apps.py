from django.apps import AppConfig


class CommissioningConfig(AppConfig):
    name = "irohub.commissioning"
    verbose_name = "Commissioned services"
