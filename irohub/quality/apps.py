from django.apps import AppConfig


class QualityConfig(AppConfig):
    name = "irohub.quality"
    verbose_name = "Quality assurance"
