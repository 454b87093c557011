from django.urls import path

from irohub.allocation import views

urlpatterns = [
    path("caseload/", views.caseload, name="caseload"),
    path("team/", views.team, name="team"),
    path("children/<int:child_id>/allocate/", views.allocate, name="allocate"),
]
