from django.contrib import admin

from irohub.accounts.models import IRO, Team


class IROInline(admin.TabularInline):
    model = IRO
    extra = 0
    fields = ["user", "fte", "start_date", "end_date"]
    autocomplete_fields = ["user"]


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name"]
    search_fields = ["name"]
    inlines = [IROInline]


@admin.register(IRO)
class IROAdmin(admin.ModelAdmin):
    list_display = ["__str__", "team", "fte", "start_date", "end_date"]
    list_filter = ["team"]
    search_fields = ["user__first_name", "user__last_name", "user__username"]
    list_select_related = ["user", "team"]
    autocomplete_fields = ["user"]
