"""Reviewing officers are staff: the administration pages make them (with a user and the
FIRO role), as IROs are made. Households and reviews are written through the fostering
pages (irohub.fostering.actions), so here they are read only."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from irohub.audit.admin import AuditedAdmin
from irohub.fostering.models import CarerReview, Household, ReviewingOfficer


@admin.register(ReviewingOfficer)
class ReviewingOfficerAdmin(AuditedAdmin):
    list_display = ("__str__", "fte", "start_date", "end_date")
    list_select_related = ("user",)
    autocomplete_fields = ("user",)
    search_fields = ("user__first_name", "user__last_name", "user__username")


class ReadOnly(AuditedAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Household)
class HouseholdAdmin(ReadOnly):
    list_display = ("name", "reference", "kind", "approved", "deregistered", "next_review_due")
    search_fields = ("name", "reference")


@admin.register(CarerReview)
class CarerReviewAdmin(ReadOnly):
    list_display = ("household", "held", "recommendation", "panel_date")
    list_select_related = ("household",)
