from django.apps import AppConfig


class OversightConfig(AppConfig):
    """The IRO's oversight between reviews (visits, midway checks, case-record entries),
    independent visitors offered, and managers' audits of IRO case files."""

    name = "irohub.oversight"
    verbose_name = "Oversight between reviews"

    def ready(self) -> None:
        # The register the measures read carries the contacts and offers (M-PAR-03, 07a/b).
        from irohub.children.records import REGISTER_EXTENSIONS
        from irohub.oversight.queries import with_oversight

        if with_oversight not in REGISTER_EXTENSIONS:
            REGISTER_EXTENSIONS.append(with_oversight)
