from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "irohub.accounts"
    verbose_name = "IROs and teams"
