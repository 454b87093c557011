import importlib

import pytest
from django.apps import apps as django_apps


@pytest.fixture
def admin_user(django_user_model):
    return django_user_model.objects.create_superuser(
        username="admin-test", email="admin@example.invalid", password="synthetic-password-123"
    )


# Reference rows that a migration seeds (the practice themes and resolution stage names, the
# letter templates): a transactional test ends by flushing every table, which takes them too,
# and a later test in the same worker would then find none. Each test that uses the database
# finds them put back, the way each migration puts them in, so no test depends on the order
# xdist runs files in. (The same tables are core.backup.MIGRATE_FILLS.)
_MIGRATION_SEEDS = (
    (
        "resolutions.PracticeTheme",
        "irohub.resolutions.migrations.0002_default_themes_and_stages",
        "add",
    ),
    ("letters.LetterTemplate", "irohub.letters.migrations.0002_default_templates", "add_defaults"),
)
_DATABASE_FIXTURES = {"db", "transactional_db", "live_server", "django_db_setup"}


def _uses_the_database(request: pytest.FixtureRequest) -> bool:
    marked = request.node.get_closest_marker("django_db") is not None
    return marked or bool(_DATABASE_FIXTURES & set(request.fixturenames))


@pytest.fixture(autouse=True)
def _migration_seeds(request: pytest.FixtureRequest, django_db_blocker) -> None:
    # pytest-django's own autouse fixture has opened the test's database by now.
    if not _uses_the_database(request):
        return
    with django_db_blocker.unblock():
        for model, migration, function in _MIGRATION_SEEDS:
            if not django_apps.get_model(model).objects.exists():
                getattr(importlib.import_module(migration), function)(django_apps, None)
