from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from irohub.audit.admin import AuditedAdmin
from irohub.core.calendar import calendar_adjusted
from irohub.core.models import CalendarAdjustment


@admin.register(CalendarAdjustment)
class CalendarAdjustmentAdmin(AuditedAdmin):
    list_display = ["date", "name", "kind", "source", "added_by", "added_at"]
    list_filter = ["kind"]
    readonly_fields = ["added_by", "added_at"]

    # A holiday moves every 20-working-day deadline that spans it: each change says so
    # (the children app refreshes the review clock), in the same transaction as the
    # audited write.
    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        obj.added_by = request.user
        super().save_model(request, obj, form, change)
        calendar_adjusted.send(sender=CalendarAdjustment)

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        super().delete_model(request, obj)
        calendar_adjusted.send(sender=CalendarAdjustment)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        super().delete_queryset(request, queryset)
        calendar_adjusted.send(sender=CalendarAdjustment)
