from django.contrib import admin

from irohub.allocation.models import Allocation
from irohub.children.admin import RegisterAdmin


@admin.register(Allocation)
class AllocationAdmin(RegisterAdmin):
    list_display = ["child", "iro", "start", "end", "allocated_on"]
    list_filter = ["iro__team", "iro"]
    search_fields = ["child__identifier", "child__last_name"]
    list_select_related = ["child", "iro__user"]
    autocomplete_fields = ["child", "iro"]
