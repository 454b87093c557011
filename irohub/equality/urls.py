from django.urls import path

from irohub.equality import views

urlpatterns = [path("my-equality-details/", views.my_details, name="my_equality")]
