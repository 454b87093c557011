from django.contrib import admin

from irohub.audit.admin import AuditedAdmin
from irohub.commissioning.models import Provider


@admin.register(Provider)
class ProviderAdmin(AuditedAdmin):
    list_display = ["name", "kind", "active"]
    list_filter = ["kind", "active"]
    search_fields = ["name"]
