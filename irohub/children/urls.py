from django.urls import path

from irohub.children import views

urlpatterns = [
    path("children/", views.search, name="search"),
    path("children/<int:child_id>/", views.child, name="child"),
    path("my-children/", views.my_children, name="my_children"),
    path("children/<int:child_id>/people/new/", views.add_person, name="add_person"),
    path(
        "children/<int:child_id>/people/<int:person_id>/",
        views.change_person,
        name="change_person",
    ),
    path(
        "children/<int:child_id>/people/<int:person_id>/end/",
        views.end_person,
        name="end_person",
    ),
]
