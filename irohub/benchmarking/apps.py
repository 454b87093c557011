from django.apps import AppConfig


class BenchmarkingConfig(AppConfig):
    """The council beside its statistical neighbours, its region and England, from the
    DfE's published tables (issue 17, item 5)."""

    name = "irohub.benchmarking"
    verbose_name = "Benchmarking"
