from django.apps import AppConfig


class EqualityConfig(AppConfig):
    """What IROs choose to declare about themselves (ethnicity, gender), for the annual
    report's comparison of the IRO team with the children in care."""

    name = "irohub.equality"
    verbose_name = "IROs' equality details"

    def ready(self) -> None:
        from irohub.children.records import REGISTER_EXTENSIONS
        from irohub.equality.queries import with_declarations

        if with_declarations not in REGISTER_EXTENSIONS:
            REGISTER_EXTENSIONS.append(with_declarations)
