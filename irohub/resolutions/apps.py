from django.apps import AppConfig


class ResolutionsConfig(AppConfig):
    name = "irohub.resolutions"
    verbose_name = "Dispute resolution (IRO challenge)"
