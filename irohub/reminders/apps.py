from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "irohub.reminders"
    verbose_name = "Reminders"
