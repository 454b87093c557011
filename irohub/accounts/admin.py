from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from irohub.accounts.models import IRO, SocialWorker, SocialWorkTeam, Team, UserRole
from irohub.audit.admin import AuditedAdmin


class IROInline(admin.TabularInline):
    model = IRO
    extra = 0
    fields = ["user", "fte", "start_date", "end_date"]
    autocomplete_fields = ["user"]


@admin.register(Team)
class TeamAdmin(AuditedAdmin):
    list_display = ["name"]
    search_fields = ["name"]
    inlines = [IROInline]


@admin.register(IRO)
class IROAdmin(AuditedAdmin):
    list_display = ["__str__", "team", "fte", "start_date", "end_date"]
    list_filter = ["team"]
    search_fields = ["user__first_name", "user__last_name", "user__username"]
    list_select_related = ["user", "team"]
    autocomplete_fields = ["user"]


class SocialWorkerInline(admin.TabularInline):
    model = SocialWorker
    extra = 0
    fields = ["user", "start_date", "end_date"]
    autocomplete_fields = ["user"]


@admin.register(SocialWorkTeam)
class SocialWorkTeamAdmin(AuditedAdmin):
    list_display = ["name"]
    search_fields = ["name"]
    filter_horizontal = ["managers"]
    inlines = [SocialWorkerInline]


@admin.register(SocialWorker)
class SocialWorkerAdmin(AuditedAdmin):
    list_display = ["__str__", "team", "start_date", "end_date"]
    list_filter = ["team"]
    search_fields = ["user__first_name", "user__last_name", "user__username"]
    list_select_related = ["user", "team"]
    autocomplete_fields = ["user"]


@admin.register(UserRole)
class UserRoleAdmin(AuditedAdmin):
    list_display = ["user", "role"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    autocomplete_fields = ["user"]


class UserRoleInline(admin.TabularInline):
    model = UserRole
    extra = 1


# Roles are given where users are managed.
User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class UserWithRolesAdmin(AuditedAdmin, UserAdmin):
    inlines = [*UserAdmin.inlines, UserRoleInline]
