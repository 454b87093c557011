from django.urls import path

from irohub.retention import views

urlpatterns = [path("retention/", views.retention, name="retention")]
