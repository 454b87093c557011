from typing import Any

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.http import HttpRequest
from django_otp.plugins.otp_totp.models import TOTPDevice

from irohub.audit.admin import AuditedAdmin
from irohub.signon import actions
from irohub.signon.models import TwoFactorRole


@admin.register(TwoFactorRole)
class TwoFactorRoleAdmin(AuditedAdmin):
    list_display = ["role"]


# django-otp's own page for authenticator apps shows and edits their secret keys: IRO Hub
# lists them, and an administrator's one power over them is to reset a person's two-factor
# sign-in (audited), so that someone who lost their phone can set up a new app.
admin.site.unregister(TOTPDevice)


@admin.register(TOTPDevice)
class AuthenticatorAdmin(admin.ModelAdmin):
    list_display = ["user", "name", "confirmed", "created_at", "last_used_at"]
    list_filter = ["confirmed"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    fields = ["user", "name", "confirmed", "created_at", "last_used_at"]
    readonly_fields = fields
    actions = ["reset_two_factor"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        found = super().get_actions(request)
        found.pop("delete_selected", None)  # the reset below is the way, and it is audited
        return found

    def delete_model(self, request: HttpRequest, obj: TOTPDevice) -> None:
        actions.reset_two_factor(actor=request.user, user=obj.user)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for user in get_user_model().objects.filter(totpdevice__in=queryset).distinct():
            actions.reset_two_factor(actor=request.user, user=user)

    @admin.action(description="Reset two-factor sign-in (the person sets up a new app)")
    def reset_two_factor(self, request: HttpRequest, queryset: Any) -> None:
        users = list(get_user_model().objects.filter(totpdevice__in=queryset).distinct())
        for user in users:
            actions.reset_two_factor(actor=request.user, user=user)
        self.message_user(
            request,
            f"Two-factor sign-in reset for {', '.join(u.get_username() for u in users)}.",
            messages.SUCCESS,
        )
