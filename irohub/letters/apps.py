from django.apps import AppConfig


class LettersConfig(AppConfig):
    name = "irohub.letters"
    verbose_name = "Allocation letters"
