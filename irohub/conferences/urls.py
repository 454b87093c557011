from django.urls import path

from irohub.conferences import views

urlpatterns = [
    path(
        "children/<int:child_id>/child-protection/",
        views.child_protection,
        name="child_protection",
    ),
    path(
        "children/<int:child_id>/child-protection/start/",
        views.start_protection,
        name="start_protection",
    ),
    path(
        "children/<int:child_id>/child-protection/conferences/new/",
        views.record_conference,
        name="record_conference",
    ),
    path(
        "children/<int:child_id>/child-protection/end/",
        views.end_plan,
        name="end_plan",
    ),
]
