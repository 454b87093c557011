from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "irohub.accounts"
    verbose_name = "IROs and teams"

    def ready(self) -> None:
        # Lockouts and throttled addresses are written to the audit trail as they begin.
        # The session clock starts at sign-in (middleware).
        from irohub.accounts import middleware, sign_in  # noqa: F401
