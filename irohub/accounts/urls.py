from django.urls import path

from irohub.accounts import views

urlpatterns = [
    path("account/password/", views.change_password, name="change_password"),
    path("sign-in-locks/", views.sign_in_locks, name="sign_in_locks"),
    path("sign-in-locks/unlock/", views.unlock, name="unlock_sign_in"),
]
