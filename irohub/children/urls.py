from django.urls import path

from irohub.children import views

urlpatterns = [
    path("children/", views.search, name="search"),
    path("children/<int:child_id>/", views.child, name="child"),
    path("my-children/", views.my_children, name="my_children"),
]
