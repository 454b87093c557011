from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from irohub.audit.events import EventType
from irohub.audit.models import AuditEvent


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
