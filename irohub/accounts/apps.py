from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "irohub.accounts"
    verbose_name = "IROs and teams"

    def ready(self) -> None:
        # Lockouts and throttled addresses are written to the audit trail as they begin.
        from irohub.accounts import sign_in  # noqa: F401
