from django.urls import path

from irohub.advocacy import views

urlpatterns = [
    path("children/<int:child_id>/advocacy/", views.referrals, name="advocacy"),
    path("children/<int:child_id>/advocacy/outcome/", views.outcome, name="advocacy_outcome"),
]
