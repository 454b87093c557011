from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from irohub.audit.actions import delete_audited, save_audited
from irohub.audit.events import EventType
from irohub.audit.models import AuditEvent


class AuditedAdmin(admin.ModelAdmin):
    """Administration pages whose every save and deletion (the page's own, its inlines' and
    "delete selected") goes through an audited action (irohub.audit.actions)."""

    def save_record(self, request: HttpRequest, record: Any, created: bool, changed: Any) -> None:
        save_audited(actor=request.user, record=record, created=created, changed=changed)

    def delete_record(self, request: HttpRequest, record: Any) -> None:
        delete_audited(actor=request.user, record=record)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        self.save_record(request, obj, not change, form.changed_data)

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        self.delete_record(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for record in queryset:
            self.delete_record(request, record)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        formset.save(commit=False)
        for record in formset.deleted_objects:
            self.delete_record(request, record)
        for record in formset.new_objects:
            self.save_record(request, record, True, ())
        for record, changed in formset.changed_objects:
            self.save_record(request, record, False, changed)
        formset.save_m2m()


class EventTypeFilter(admin.SimpleListFilter):
    title = "what happened"
    parameter_name = "action"

    def lookups(self, request, model_admin):  # type: ignore[no-untyped-def]
        return EventType.choices

    def queryset(self, request: HttpRequest, queryset: QuerySet[AuditEvent]) -> QuerySet:
        return queryset.filter(action=self.value()) if self.value() else queryset


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["created_at", "actor_username", "what", "target_type", "target_id"]
    list_filter = [EventTypeFilter, "target_type"]
    search_fields = ["actor_username", "target_id"]
    date_hierarchy = "created_at"
    readonly_fields = ["what"]

    @admin.display(description="What happened", ordering="action")
    def what(self, event: AuditEvent) -> str:
        return EventType.describe(event.action)

    # The trail is evidence: nobody edits or deletes it through the application (and the
    # database refuses it too: irohub.audit.guard).
    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
