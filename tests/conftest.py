import pytest


@pytest.fixture
def admin_user(django_user_model):
    return django_user_model.objects.create_superuser(
        username="admin-test", email="admin@example.invalid", password="synthetic-password-123"
    )
