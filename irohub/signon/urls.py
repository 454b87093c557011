from django.urls import path

from irohub.signon import views

urlpatterns = [
    path("sign-in/two-factor/", views.verify, name="two_factor_verify"),
    path("two-factor/set-up/", views.enrol, name="two_factor_enrol"),
    path("two-factor/set-up/qr.svg", views.enrol_qr, name="two_factor_qr"),
    path("sign-in/sso/", views.sso_start, name="sso_start"),
    path("sign-in/sso/callback/", views.sso_callback, name="sso_callback"),
]
