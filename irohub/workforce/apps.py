from django.apps import AppConfig


class WorkforceConfig(AppConfig):
    """The establishment, staff terms and absences of the IRO service."""

    name = "irohub.workforce"
    verbose_name = "Workforce"

    def ready(self) -> None:
        # The register the measures read carries the workforce (M-WF-03c..f, M-WF-01's FTE).
        from irohub.children.records import REGISTER_EXTENSIONS
        from irohub.workforce.queries import with_workforce

        if with_workforce not in REGISTER_EXTENSIONS:
            REGISTER_EXTENSIONS.append(with_workforce)
