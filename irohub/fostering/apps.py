from django.apps import AppConfig


class FosteringConfig(AppConfig):
    """Fostering households, their foster carer reviewing officers and reviews."""

    name = "irohub.fostering"
    verbose_name = "Fostering"

    def ready(self) -> None:
        # The register the measures read carries the fostering households (M-FC-01).
        from irohub.children.records import REGISTER_EXTENSIONS
        from irohub.fostering.queries import with_fostering

        if with_fostering not in REGISTER_EXTENSIONS:
            REGISTER_EXTENSIONS.append(with_fostering)
