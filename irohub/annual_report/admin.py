from django.contrib import admin

from irohub.annual_report.models import AnnualReport
from irohub.audit.actions import record_event
from irohub.audit.events import EventType


@admin.register(AnnualReport)
class AnnualReportAdmin(admin.ModelAdmin):
    list_display = ("year", "updated_at", "updated_by")
    readonly_fields = ("created_at", "updated_at", "updated_by")
    search_fields = ("year",)

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        # Edits in the administration pages are audited like edits in the app.
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)
        record_event(
            actor=request.user,
            action=EventType.ANNUAL_REPORT_EDITED,
            target=obj,
            year=obj.year,
            sections=list(form.changed_data),
            purpose="administration",
        )
