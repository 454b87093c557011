"""The database refuses to change or delete audit events (irohub/audit/guard.py)."""

from django.db import migrations


def install(apps, schema_editor):
    from irohub.audit.guard import install_guard

    install_guard(schema_editor.connection)


def remove(apps, schema_editor):
    from irohub.audit.guard import remove_guard

    remove_guard(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunPython(install, remove, elidable=False)]
