from django.contrib import admin

from irohub.children.clock import refresh_review_clock
from irohub.reviews.models import Review


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ["child", "held", "participation", "chair"]
    list_filter = ["participation", "chair"]
    search_fields = ["child__identifier", "child__last_name"]
    date_hierarchy = "held"
    list_select_related = ["child", "chair__user"]
    autocomplete_fields = ["child", "chair"]
    raw_id_fields = ["care_period"]

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        super().save_model(request, obj, form, change)
        refresh_review_clock([obj.care_period_id])

    def delete_model(self, request, obj):  # type: ignore[no-untyped-def]
        period_id = obj.care_period_id
        super().delete_model(request, obj)
        refresh_review_clock([period_id])
