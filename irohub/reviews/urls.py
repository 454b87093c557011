from django.urls import path

from irohub.reviews import views

urlpatterns = [
    path("children/<int:child_id>/reviews/new/", views.record_review, name="record_review"),
]
