from django.apps import AppConfig


class SignOnConfig(AppConfig):
    name = "irohub.signon"
    label = "signon"
    verbose_name = "Sign-on"
