from django.urls import path

from irohub.quality import views

urlpatterns = [
    path("reviews/<int:review_id>/quality/", views.rate_review, name="rate_review"),
]
