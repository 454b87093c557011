from django.urls import path

from irohub.annual_report import views

# <str:year> is "2025-26"; the views turn anything else into a 404.
urlpatterns = [
    path("", views.index, name="annual_report"),
    path("<str:year>/", views.report, name="annual_report_year"),
    path("<str:year>/edit/", views.edit, name="annual_report_edit"),
    path("<str:year>/sections/", views.sections, name="annual_report_sections"),
    path("<str:year>/sections/<int:section_id>/", views.section, name="annual_report_section"),
    path("<str:year>/action-plan/", views.action_plan, name="annual_report_action_plan"),
    path(
        "<str:year>/action-plan/<int:action_id>/",
        views.planned_action,
        name="annual_report_planned_action",
    ),
    path(
        "<str:year>/download/<str:version>.<str:output>",
        views.download,
        name="annual_report_download",
    ),
]
