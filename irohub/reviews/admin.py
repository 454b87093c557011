from django.contrib import admin

from irohub.children.admin import RegisterAdmin
from irohub.reviews.models import Review


@admin.register(Review)
class ReviewAdmin(RegisterAdmin):
    # Saving and deleting go through irohub.children.actions, which keep the review clock
    # in step and audit the change.
    list_display = ["child", "held", "participation", "chair"]
    list_filter = ["participation", "chair"]
    search_fields = ["child__identifier", "child__last_name"]
    date_hierarchy = "held"
    list_select_related = ["child", "chair__user"]
    autocomplete_fields = ["child", "chair"]
    raw_id_fields = ["care_period"]
