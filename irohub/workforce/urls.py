from django.urls import path

from irohub.workforce import views

urlpatterns = [
    path("workforce/", views.workforce, name="workforce"),
    path("workforce/posts/new/", views.add_post, name="workforce_add_post"),
    path("workforce/posts/<int:post_id>/end/", views.end_post, name="workforce_end_post"),
    path("workforce/terms/new/", views.record_terms, name="workforce_record_terms"),
    path("workforce/absences/new/", views.record_absence, name="workforce_record_absence"),
    path(
        "workforce/absences/<int:absence_id>/end/",
        views.end_absence,
        name="workforce_end_absence",
    ),
]
