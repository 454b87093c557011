from django.urls import path

from irohub.oversight import views

urlpatterns = [
    path("children/<int:child_id>/between-reviews/", views.between_reviews, name="between_reviews"),
    path(
        "children/<int:child_id>/between-reviews/visitor-outcome/",
        views.visitor_outcome,
        name="visitor_outcome",
    ),
    path("children/<int:child_id>/file-audit/", views.audit_file, name="audit_file"),
    path("file-audits/", views.audits, name="file_audits"),
]
