from django.contrib import admin

from irohub.children.admin import RegisterAdmin
from irohub.reviews.models import EarlyReview, Review, ReviewAction, ReviewParent


class ReviewParentInline(admin.TabularInline):
    model = ReviewParent
    extra = 0
    fields = ["person", "status", "reason"]
    raw_id_fields = ["person"]


@admin.register(Review)
class ReviewAdmin(RegisterAdmin):
    # Saving and deleting go through irohub.children.actions, which keep the review clock
    # in step and audit the change.
    list_display = ["child", "held", "participation", "chair", "late_reason"]
    list_filter = ["participation", "chair", "meeting_format", "late_reason"]
    search_fields = ["child__identifier", "child__last_name"]
    date_hierarchy = "held"
    list_select_related = ["child", "chair__user"]
    autocomplete_fields = ["child", "chair"]
    raw_id_fields = ["care_period"]
    inlines = [ReviewParentInline]


@admin.register(ReviewAction)
class ReviewActionAdmin(RegisterAdmin):
    child_path = "review__child"
    list_display = ["review", "owner", "due", "completed"]
    search_fields = ["review__child__identifier", "owner"]
    list_select_related = ["review__child"]
    raw_id_fields = ["review", "owner_user"]


@admin.register(EarlyReview)
class EarlyReviewAdmin(RegisterAdmin):
    list_display = ["child", "trigger", "raised", "due"]
    list_filter = ["trigger"]
    search_fields = ["child__identifier", "child__last_name"]
    list_select_related = ["child"]
    autocomplete_fields = ["child"]
    raw_id_fields = ["care_period", "raised_by"]
