from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from irohub.audit.actions import record_event
from irohub.children.clock import refresh_review_clock
from irohub.children.models import (
    CarePeriod,
    Child,
    Episode,
    SiblingGroup,
    allocation_model,
    review_model,
)


class CarePeriodInline(admin.TabularInline):
    model = CarePeriod
    extra = 0
    fields = ["start", "end", "reason_ceased", "reviews_held", "next_review_due"]
    readonly_fields = ["reviews_held", "next_review_due"]
    show_change_link = True


class AllocationInline(admin.TabularInline):
    model = allocation_model()
    extra = 0
    fields = ["iro", "start", "end", "allocated_on"]
    autocomplete_fields = ["iro"]


@admin.register(Child)
class ChildAdmin(admin.ModelAdmin):
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
    inlines = [CarePeriodInline, AllocationInline]

    def change_view(self, request, object_id, form_url="", extra_context=None):  # type: ignore[no-untyped-def]
        # Opening a child's record in the administration pages is audited like any other.
        child = self.get_object(request, object_id)
        if child is not None:
            record_event(
                actor=request.user,
                action="child.opened",
                target=child,
                child_id=child.pk,
                purpose="administration",
            )
        return super().change_view(request, object_id, form_url, extra_context)

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
class CarePeriodAdmin(admin.ModelAdmin):
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
class SiblingGroupAdmin(admin.ModelAdmin):
    list_display = ["name"]
    search_fields = ["name"]


@admin.register(Episode)
class EpisodeAdmin(admin.ModelAdmin):
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
