from django.contrib import admin

from irohub.audit.admin import AuditedAdmin
from irohub.resolutions.models import PracticeTheme, ResolutionStage


@admin.register(PracticeTheme)
class PracticeThemeAdmin(AuditedAdmin):
    list_display = ["name", "position", "active"]
    list_editable = ["position", "active"]
    search_fields = ["name"]


@admin.register(ResolutionStage)
class ResolutionStageAdmin(AuditedAdmin):
    list_display = ["stage", "name", "response_working_days"]
