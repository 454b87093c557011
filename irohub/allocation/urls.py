from django.urls import path

from irohub.allocation import views

urlpatterns = [
    path("caseload/", views.caseload, name="caseload"),
    path("team/", views.team, name="team"),
    path("children/<int:child_id>/allocate/", views.allocate, name="allocate"),
    path(
        "children/<int:child_id>/allocations/<int:allocation_id>/cancel/",
        views.cancel_planned,
        name="cancel_planned_allocation",
    ),
]
