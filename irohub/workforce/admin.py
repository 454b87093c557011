"""Posts, terms and absences are recorded on the workforce page (irohub.workforce.actions);
here an administrator can correct or delete a mistake, audited like every other change in
the administration pages."""

from __future__ import annotations

from django.contrib import admin

from irohub.audit.admin import AuditedAdmin
from irohub.workforce.models import Absence, Post, Terms


@admin.register(Post)
class PostAdmin(AuditedAdmin):
    list_display = ("__str__", "role", "fte", "start_date", "end_date")
    list_select_related = ("team",)


@admin.register(Terms)
class TermsAdmin(AuditedAdmin):
    list_display = ("__str__", "basis", "fte", "start_date", "end_date")
    list_select_related = ("iro__user", "reviewing_officer__user")
    raw_id_fields = ("iro", "reviewing_officer")


@admin.register(Absence)
class AbsenceAdmin(AuditedAdmin):
    list_display = ("__str__", "reason", "start_date", "end_date")
    list_select_related = ("iro__user", "reviewing_officer__user")
    raw_id_fields = ("iro", "reviewing_officer")
