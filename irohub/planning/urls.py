from django.urls import path

from irohub.planning import views

urlpatterns = [
    path("", views.forecast, name="planning"),
]
