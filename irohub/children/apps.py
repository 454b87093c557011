from django.apps import AppConfig


def _refresh_review_clock(**kwargs: object) -> None:
    from irohub.children.clock import refresh_review_clock

    refresh_review_clock()


class ChildrenConfig(AppConfig):
    name = "irohub.children"
    verbose_name = "Children in care"

    def ready(self) -> None:
        from irohub.core.calendar import calendar_adjusted

        # A calendar adjustment moves review deadlines: the cached clock follows.
        calendar_adjusted.connect(_refresh_review_clock, dispatch_uid="irohub-review-clock")
