from django.urls import path

from irohub.performance import views

urlpatterns = [
    path("", views.year_to_date, name="performance"),
    path("<str:year>/", views.year, name="performance_year"),
    path("<str:year>/<str:measure_id>/", views.measure, name="performance_measure"),
    path("<str:year>/<str:measure_id>/rows/", views.rows, name="performance_rows"),
]
