from django.urls import path

from irohub.reviews import views

urlpatterns = [
    path("children/<int:child_id>/reviews/new/", views.record_review, name="record_review"),
    path("children/<int:child_id>/early-reviews/new/", views.early_review, name="early_review"),
    path("reviews/<int:review_id>/", views.review, name="review"),
    path("reviews/<int:review_id>/actions/new/", views.add_action, name="add_review_action"),
    path(
        "reviews/<int:review_id>/actions/<int:action_id>/done/",
        views.complete_action,
        name="complete_review_action",
    ),
]
