from django.contrib import admin

from irohub.core.calendar import calendar_adjusted
from irohub.core.models import CalendarAdjustment


@admin.register(CalendarAdjustment)
class CalendarAdjustmentAdmin(admin.ModelAdmin):
    list_display = ["date", "name", "kind", "source", "added_by", "added_at"]
    list_filter = ["kind"]
    readonly_fields = ["added_by", "added_at"]

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        obj.added_by = request.user
        super().save_model(request, obj, form, change)
        calendar_adjusted.send(sender=CalendarAdjustment)

    def delete_model(self, request, obj):  # type: ignore[no-untyped-def]
        super().delete_model(request, obj)
        calendar_adjusted.send(sender=CalendarAdjustment)
