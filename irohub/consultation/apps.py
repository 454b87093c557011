from django.apps import AppConfig


class ConsultationConfig(AppConfig):
    name = "irohub.consultation"
    verbose_name = "Consultation and review preparation"

    def ready(self) -> None:
        # A review recorded takes the checklist and consultation gathered for it.
        from irohub.consultation import receivers  # noqa: F401
