from django.urls import path

from irohub.fostering import views

urlpatterns = [
    path("fostering/", views.households, name="fostering"),
    path("fostering/reviewing-officers/", views.caseloads, name="fostering_caseloads"),
    path("fostering/households/new/", views.approve, name="approve_household"),
    path("fostering/households/<int:household_id>/", views.household, name="household"),
    path(
        "fostering/households/<int:household_id>/review/",
        views.record_review,
        name="record_carer_review",
    ),
    path(
        "fostering/households/<int:household_id>/change/",
        views.record_change,
        name="record_change_of_circumstances",
    ),
    path(
        "fostering/households/<int:household_id>/deregister/",
        views.deregister,
        name="deregister_household",
    ),
    path(
        "fostering/households/<int:household_id>/reviewing-officer/",
        views.allocate_officer,
        name="allocate_reviewing_officer",
    ),
    path(
        "fostering/households/<int:household_id>/place/",
        views.place_child,
        name="place_child_with_household",
    ),
    path(
        "fostering/children/<int:child_id>/placement-view/",
        views.placement_view,
        name="placement_view",
    ),
]
