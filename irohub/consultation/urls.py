from django.urls import path

from irohub.consultation import views

urlpatterns = [
    path(
        "children/<int:child_id>/review-preparation/",
        views.preparation,
        name="review_preparation",
    ),
    path(
        "children/<int:child_id>/review-preparation/checklist/",
        views.edit_checklist,
        name="review_checklist",
    ),
    path(
        "children/<int:child_id>/review-preparation/send/",
        views.send_link,
        name="consultation_send",
    ),
    path(
        "children/<int:child_id>/review-preparation/attach/",
        views.attach,
        name="consultation_attach",
    ),
    path(
        "children/<int:child_id>/reviews/<int:review_id>/views/",
        views.review_views,
        name="review_views",
    ),
    path(
        "children/<int:child_id>/reviews/<int:review_id>/feedback/",
        views.send_feedback_link,
        name="feedback_send",
    ),
    path("have-your-say/<str:token>/", views.have_your_say, name="have_your_say"),
]
