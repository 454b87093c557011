from django.urls import path

from irohub.commissioning import views

urlpatterns = [
    path("reviews/<int:review_id>/services/", views.review_services, name="review_services"),
    path("commissioning/", views.providers, name="commissioning"),
    path("commissioning/providers/<int:provider_id>/", views.provider, name="provider"),
]
