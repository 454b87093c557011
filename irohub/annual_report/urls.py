from django.urls import path

from irohub.annual_report import views

# <str:year> is "2025-26"; the views turn anything else into a 404.
urlpatterns = [
    path("", views.index, name="annual_report"),
    path("<str:year>/", views.report, name="annual_report_year"),
    path("<str:year>/edit/", views.edit, name="annual_report_edit"),
    path(
        "<str:year>/download/<str:version>.<str:output>",
        views.download,
        name="annual_report_download",
    ),
]
