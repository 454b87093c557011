from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    name = "irohub.performance"
    verbose_name = "Performance"
