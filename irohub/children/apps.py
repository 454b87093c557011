from django.apps import AppConfig


class ChildrenConfig(AppConfig):
    name = "irohub.children"
    verbose_name = "Children in care"
