from django.contrib import admin

from irohub.allocation.models import Allocation


@admin.register(Allocation)
class AllocationAdmin(admin.ModelAdmin):
    list_display = ["child", "iro", "start", "end", "allocated_on"]
    list_filter = ["iro__team", "iro"]
    search_fields = ["child__identifier", "child__last_name"]
    list_select_related = ["child", "iro__user"]
    autocomplete_fields = ["child", "iro"]
