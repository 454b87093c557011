from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from irohub.annual_report.actions import save_report_in_admin
from irohub.annual_report.models import AnnualReport
from irohub.audit.admin import AuditedAdmin


@admin.register(AnnualReport)
class AnnualReportAdmin(AuditedAdmin):
    list_display = ("year", "updated_at", "updated_by")
    readonly_fields = ("created_at", "updated_at", "updated_by")
    search_fields = ("year",)

    def save_record(self, request: HttpRequest, record: Any, created: bool, changed: Any) -> None:
        # Edits in the administration pages are audited like edits in the app.
        save_report_in_admin(actor=request.user, report=record, sections=changed)
