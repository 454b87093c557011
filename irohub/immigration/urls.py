from django.urls import path

from irohub.immigration import views

urlpatterns = [
    path("children/<int:child_id>/immigration/", views.child_status, name="immigration"),
    path(
        "children/<int:child_id>/immigration/decision/",
        views.decision,
        name="immigration_decision",
    ),
    path("immigration/", views.to_raise, name="immigration_to_raise"),
]
