from django.contrib import admin
from django.urls import include, path

from irohub.core import views as core_views

admin.site.site_header = "IRO Hub administration"
admin.site.site_title = "IRO Hub"
admin.site.index_title = "Register and settings"

urlpatterns = [
    path("", core_views.home, name="home"),
    path("sign-in/", core_views.sign_in, name="sign_in"),
    path("sign-out/", core_views.sign_out, name="logout"),
    path("roles/", core_views.roles, name="roles"),
    path("healthz", core_views.healthz, name="healthz"),
    path("", include("irohub.allocation.urls")),
    path("", include("irohub.children.urls")),
    path("", include("irohub.reviews.urls")),
    path("performance/", include("irohub.performance.urls")),
    path("annual-report/", include("irohub.annual_report.urls")),
    path("", include("irohub.retention.urls")),
    path("", include("irohub.signon.urls")),
    path("admin/", admin.site.urls),
]
