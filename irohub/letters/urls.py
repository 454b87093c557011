from django.urls import path

from irohub.letters import views

urlpatterns = [
    path("children/<int:child_id>/letters/", views.letters, name="letters"),
    path(
        "children/<int:child_id>/letters/<int:letter_id>/",
        views.download,
        name="letter_download",
    ),
    path("letters/my-details/", views.my_details, name="my_letter_details"),
]
