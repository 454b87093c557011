from django.urls import path

from irohub.targets import views

urlpatterns = [
    path("targets/", views.targets, name="targets"),
    path("targets/<str:measure_id>/", views.set_target, name="set_target"),
]
