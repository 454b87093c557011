from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "irohub.reviews"
    verbose_name = "Reviews"
