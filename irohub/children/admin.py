"""The register in the administration pages, under the workspace's rules.

Every register page here (children, care periods, episodes, reviews, allocations, sibling
groups) is a RegisterAdmin: a restricted child and everything that belongs to them is
listed, found and opened only by the people named on the record (a refused opening is
audited, as in the workspace); every list, opening, change and deletion is written to the
audit trail; every write goes through the actions (irohub.children.actions); and a child or
care period with reviews cannot be deleted (records are kept).
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import QuerySet
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest, HttpResponse

from irohub.audit.actions import record_event
from irohub.audit.admin import AuditedAdmin
from irohub.audit.events import EventType, Target
from irohub.children.actions import (
    KEPT,
    child_id_of,
    delete_register_record,
    kept_reviews,
    refuse_deletion,
    save_register_record,
)
from irohub.children.clock import refresh_review_clock
from irohub.children.models import (
    CarePeriod,
    Child,
    Episode,
    PersonAroundChild,
    SiblingGroup,
    SocialWorkerAllocation,
    allocation_model,
    review_model,
)
from irohub.children.queries import visible_children


class RegisterAdmin(AuditedAdmin):
    """A register model's administration pages, under the workspace's rules (see above)."""

    # The path from a row to its child ("" for children themselves; None for rows that
    # belong to no one child, such as sibling groups).
    child_path: str | None = "child"

    # --- who sees what ---------------------------------------------------------------------

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        rows = super().get_queryset(request)
        if self.child_path is None:
            return rows
        lookup = f"{self.child_path}__in" if self.child_path else "pk__in"
        return rows.filter(**{lookup: visible_children(request.user).values("pk")})

    def _hidden(self, request: HttpRequest, object_id: str) -> models.Model | None:
        """The row, when it exists but belongs to a restricted child hidden from the user."""
        if self.get_object(request, object_id) is not None:
            return None
        field = self.model._meta.pk
        try:
            key = field.to_python(object_id)
        except ValidationError:
            return None
        return self.model._default_manager.filter(pk=key).first()

    def _refuse(self, request: HttpRequest, record: models.Model) -> None:
        record_event(
            actor=request.user,
            action=EventType.CHILD_REFUSED,
            target=record,
            child_id=child_id_of(record),
            purpose="administration",
            restricted=True,
        )
        raise PermissionDenied("This child's record is restricted to named people.")

    # --- lists and openings, audited -------------------------------------------------------

    def changelist_view(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if changelist is not None:
            shown = list(changelist.result_list)
            record_event(
                actor=request.user,
                action=EventType.ADMIN_LISTED,
                target=Target(self.model._meta.label_lower, "list"),
                purpose="administration",
                filters=dict(request.GET.items()),
                rows=len(shown),
                of=changelist.result_count,
                child_ids=sorted({c for c in map(child_id_of, shown) if c is not None}),
            )
        return response

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: Any = None
    ) -> HttpResponse:
        hidden = self._hidden(request, object_id)
        if hidden is not None:
            self._refuse(request, hidden)
        record = self.get_object(request, object_id)
        if record is not None and request.method == "GET":
            # Opening a child's record in the administration pages is audited like any other.
            record_event(
                actor=request.user,
                action=EventType.CHILD_OPENED
                if isinstance(record, Child)
                else EventType.ADMIN_OPENED,
                target=record,
                child_id=child_id_of(record),
                purpose="administration",
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def history_view(
        self, request: HttpRequest, object_id: str, extra_context: Any = None
    ) -> HttpResponse:
        hidden = self._hidden(request, object_id)
        if hidden is not None:
            self._refuse(request, hidden)
        return super().history_view(request, object_id, extra_context)

    # --- writes, through the register's actions ---------------------------------------------

    def save_record(self, request: HttpRequest, record: Any, created: bool, changed: Any) -> None:
        save_register_record(actor=request.user, record=record, created=created, changed=changed)

    def delete_record(self, request: HttpRequest, record: Any) -> None:
        delete_register_record(actor=request.user, record=record)

    # --- records are kept ------------------------------------------------------------------

    def get_deleted_objects(self, objs: Any, request: HttpRequest) -> tuple[Any, ...]:
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        kept = [
            f"{record}: {kept_reviews(record).count()} reviews. {KEPT}."
            for record in objs
            if kept_reviews(record).exists()
        ]
        return deleted, counts, perms_needed, [*protected, *kept]

    def delete_view(
        self, request: HttpRequest, object_id: str, extra_context: Any = None
    ) -> HttpResponse:
        hidden = self._hidden(request, object_id)
        if hidden is not None:
            self._refuse(request, hidden)
        record = self.get_object(request, object_id)
        if record is not None and request.method == "POST" and kept_reviews(record).exists():
            refuse_deletion(actor=request.user, record=record, reason=KEPT)
            messages.error(request, f"{record} was not deleted. {KEPT}.")
        return super().delete_view(request, object_id, extra_context)

    def response_action(self, request: HttpRequest, queryset: QuerySet[Any]) -> Any:
        # "Delete selected": refused as a whole when any record has reviews (the
        # confirmation page lists them as protected); the attempt is audited.
        if request.POST.get("action") == "delete_selected" and request.POST.get("post"):
            chosen = request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)
            selected = queryset.filter(pk__in=chosen)
            for record in selected:
                if kept_reviews(record).exists():
                    refuse_deletion(actor=request.user, record=record, reason=KEPT)
        return super().response_action(request, queryset)


class KeptReviewsFormSet(BaseInlineFormSet):
    """An inline whose rows carry reviews (care periods) refuses to delete them."""

    def clean(self) -> None:
        super().clean()
        for form in self.deleted_forms:
            if form.instance.pk is not None and kept_reviews(form.instance).exists():
                raise ValidationError(f"{form.instance} was not deleted. {KEPT}.")


class CarePeriodInline(admin.TabularInline):
    model = CarePeriod
    formset = KeptReviewsFormSet
    extra = 0
    fields = ["start", "end", "reason_ceased", "reviews_held", "next_review_due"]
    readonly_fields = ["reviews_held", "next_review_due"]
    show_change_link = True


class AllocationInline(admin.TabularInline):
    model = allocation_model()
    extra = 0
    fields = ["iro", "start", "end", "allocated_on"]
    autocomplete_fields = ["iro"]


class SocialWorkerAllocationInline(admin.TabularInline):
    model = SocialWorkerAllocation
    extra = 0
    fields = ["social_worker", "start", "end"]
    autocomplete_fields = ["social_worker"]


@admin.register(Child)
class ChildAdmin(RegisterAdmin):
    child_path = ""
    list_display = [
        "identifier",
        "first_name",
        "last_name",
        "date_of_birth",
        "sex",
        "ethnicity",
        "uasc",
    ]
    list_filter = ["sex", "uasc", "disability", "ethnicity"]
    search_fields = ["identifier", "first_name", "last_name"]
    autocomplete_fields = ["sibling_group"]
    inlines = [CarePeriodInline, AllocationInline, SocialWorkerAllocationInline]

    def save_formset(self, request, form, formset, change):  # type: ignore[no-untyped-def]
        super().save_formset(request, form, formset, change)
        if formset.model is CarePeriod:
            refresh_review_clock(form.instance.care_periods.values_list("id", flat=True))


class EpisodeInline(admin.TabularInline):
    model = Episode
    extra = 0
    fields = [
        "start",
        "reason_new_episode",
        "legal_status",
        "category_of_need",
        "placement",
        "placement_provider",
        "end",
        "reason_ceased",
        "reason_place_change",
    ]


class ReviewInline(admin.TabularInline):
    model = review_model()
    extra = 0
    fields = ["held", "participation", "chair"]
    autocomplete_fields = ["chair"]


@admin.register(CarePeriod)
class CarePeriodAdmin(RegisterAdmin):
    list_display = ["child", "start", "end", "reason_ceased", "reviews_held", "next_review_due"]
    list_filter = ["reason_ceased"]
    search_fields = ["child__identifier", "child__first_name", "child__last_name"]
    date_hierarchy = "start"
    list_select_related = ["child"]
    autocomplete_fields = ["child"]
    readonly_fields = ["reviews_held", "next_review_due"]
    inlines = [EpisodeInline, ReviewInline]

    def save_formset(self, request, form, formset, change):  # type: ignore[no-untyped-def]
        if formset.model is ReviewInline.model:
            # The inline edits reviews of this period: they belong to the period's child.
            for review_form in formset.forms:
                review_form.instance.child_id = form.instance.child_id
        super().save_formset(request, form, formset, change)

    def save_related(self, request, form, formsets, change):  # type: ignore[no-untyped-def]
        super().save_related(request, form, formsets, change)
        refresh_review_clock([form.instance.pk])

    def get_queryset(self, request: HttpRequest) -> QuerySet[CarePeriod]:
        return super().get_queryset(request).select_related("child")


@admin.register(SiblingGroup)
class SiblingGroupAdmin(RegisterAdmin):
    child_path = None  # a group's name only; its children are listed under children
    list_display = ["name"]
    search_fields = ["name"]


@admin.register(Episode)
class EpisodeAdmin(RegisterAdmin):
    child_path = "care_period__child"
    list_display = [
        "care_period",
        "start",
        "end",
        "legal_status",
        "placement",
        "reason_new_episode",
        "reason_ceased",
    ]
    list_filter = ["legal_status", "placement", "reason_new_episode"]
    search_fields = ["care_period__child__identifier", "care_period__child__last_name"]
    list_select_related = ["care_period__child"]
    raw_id_fields = ["care_period"]


@admin.register(SocialWorkerAllocation)
class SocialWorkerAllocationAdmin(RegisterAdmin):
    list_display = ["child", "social_worker", "start", "end"]
    search_fields = ["child__identifier", "child__last_name", "social_worker__user__last_name"]
    list_select_related = ["child", "social_worker__user"]
    raw_id_fields = ["child"]
    autocomplete_fields = ["social_worker"]


@admin.register(PersonAroundChild)
class PersonAroundChildAdmin(RegisterAdmin):
    """Parents, carers and others: kept over time, so ended (by date), never deleted."""

    list_display = ["name", "role", "child", "parental_responsibility", "start", "end"]
    list_filter = ["role", "parental_responsibility"]
    search_fields = ["name", "child__identifier", "child__last_name"]
    list_select_related = ["child"]
    autocomplete_fields = ["child"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
