from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    name = "irohub.performance"
    verbose_name = "Performance"

    def ready(self) -> None:
        from irohub.core.register_version import register_changed
        from irohub.performance.tasks import enqueue_precompute

        # After every committed change to the register: the current year's figures are
        # computed again in the background (irohub.performance.tasks).
        register_changed.connect(enqueue_precompute, dispatch_uid="irohub-precompute-figures")
