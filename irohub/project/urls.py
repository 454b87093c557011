from django.contrib import admin
from django.urls import path

from irohub.core import views as core_views

admin.site.site_header = "IRO Hub administration"
admin.site.site_title = "IRO Hub"
admin.site.index_title = "Register and settings"

urlpatterns = [
    path("", core_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
]
