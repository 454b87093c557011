from django.apps import AppConfig


class AnnualReportConfig(AppConfig):
    name = "irohub.annual_report"
    verbose_name = "Annual report"
