from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from irohub.accounts.access import signed_in
from irohub.core import views as core_views

admin.site.site_header = "IRO Hub administration"
admin.site.site_title = "IRO Hub"
admin.site.index_title = "Register and settings"
# The administration's front page links to the locked sign-ins an administrator can unlock.
admin.site.index_template = "core/admin_index.html"

urlpatterns = [
    path("", core_views.home, name="home"),
    path("sign-in/", core_views.sign_in, name="sign_in"),
    path("sign-out/", core_views.sign_out, name="logout"),
    path("roles/", core_views.roles, name="roles"),
    path("healthz", core_views.healthz, name="healthz"),
    path("", include("irohub.accounts.urls")),
    path("", include("irohub.allocation.urls")),
    path("", include("irohub.children.urls")),
    path("", include("irohub.reviews.urls")),
    path("", include("irohub.conferences.urls")),
    path("", include("irohub.resolutions.urls")),
    path("", include("irohub.quality.urls")),
    path("", include("irohub.consultation.urls")),
    path("", include("irohub.advocacy.urls")),
    path("", include("irohub.letters.urls")),
    path("", include("irohub.commissioning.urls")),
    path("", include("irohub.oversight.urls")),
    path("", include("irohub.equality.urls")),
    path("", include("irohub.immigration.urls")),
    path("performance/", include("irohub.performance.urls")),
    path("annual-report/", include("irohub.annual_report.urls")),
    path("planning/", include("irohub.planning.urls")),
    path("", include("irohub.retention.urls")),
    path("", include("irohub.signon.urls")),
    path("", include("irohub.fostering.urls")),
    path("", include("irohub.workforce.urls")),
    path("", include("irohub.targets.urls")),
    path("", include("irohub.benchmarking.urls")),
    # One way to change one's password, audited: the administration's link leads there too.
    path(
        "admin/password_change/",
        signed_in(RedirectView.as_view(pattern_name="change_password")),
        name="admin_password_change",
    ),
    path("admin/", admin.site.urls),
]
