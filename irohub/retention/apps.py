from django.apps import AppConfig


class RetentionConfig(AppConfig):
    name = "irohub.retention"
    verbose_name = "Retention"
