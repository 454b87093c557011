from django.urls import path

from irohub.benchmarking import views

urlpatterns = [
    path("benchmarking/", views.benchmarking, name="benchmarking"),
]
