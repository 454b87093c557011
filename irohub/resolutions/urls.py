from django.urls import path

from irohub.resolutions import views

urlpatterns = [
    path("challenges/", views.challenge_list, name="challenges"),
    path("challenges/summary/", views.summary, name="challenge_summary"),
    path("challenges/<int:challenge_id>/", views.challenge, name="challenge"),
    path("children/<int:child_id>/challenges/new/", views.raise_challenge, name="raise_challenge"),
]
